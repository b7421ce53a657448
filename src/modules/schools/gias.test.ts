// Unit: reading GIAS establishment CSVs (no database): encodings, the state-funded rule,
// postcodes, row rejections with their row numbers, and files refused as a whole.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import {
  giasCsv,
  goodRow,
  SAMPLE_FIRST_URN,
  SAMPLE_ROWS,
  SMALL_HEADER,
  sampleBytes,
  sampleText,
  utf8WithBom,
} from '../../../test/fixtures/gias.ts';
import { decodedSlices, decodeGias, GiasFileError, isStateFunded, normalisePostcode, parseGias, type SchoolRecord } from './gias.ts';

function byUrn(schools: SchoolRecord[], urn: number): SchoolRecord {
  const school = schools.find((s) => s.urn === urn);
  assert.ok(school, `school ${urn} was read`);
  return school;
}

async function refusal(input: Buffer | Readable): Promise<string> {
  try {
    await parseGias(input);
  } catch (error) {
    assert.ok(error instanceof GiasFileError, `a GiasFileError, not ${String(error)}`);
    return error.message;
  }
  assert.fail('the file was not refused');
}

async function reasons(csv: string): Promise<string[]> {
  return (await parseGias(Buffer.from(csv))).rejected.map((r) => r.reason);
}

describe('the sample GIAS file (Windows-1252, the real header)', () => {
  test('reads every establishment, with no rejections', async () => {
    const parsed = await parseGias(sampleBytes());
    assert.equal(parsed.encoding, 'windows-1252');
    assert.equal(parsed.rows, SAMPLE_ROWS);
    assert.equal(parsed.schools.length, SAMPLE_ROWS);
    assert.deepEqual(parsed.rejected, []);
  });

  test('decodes accented letters and curly apostrophes', async () => {
    const { schools } = await parseGias(sampleBytes());
    assert.equal(byUrn(schools, SAMPLE_FIRST_URN + 1).name, 'St Bede’s Catholic Primary School, Yarrowdale');
    assert.equal(byUrn(schools, SAMPLE_FIRST_URN + 2).name, 'École Française de Curlewhurst');
  });

  test('maps the GIAS columns to the schools table', async () => {
    const { schools } = await parseGias(sampleBytes());
    assert.deepEqual(byUrn(schools, SAMPLE_FIRST_URN + 3), {
      urn: SAMPLE_FIRST_URN + 3,
      name: 'Kestrelthorpe Academy',
      phase: 'Secondary',
      type: 'Academy converter',
      state_funded: true,
      local_authority: 'Manchester',
      postcode: 'M22 5RN',
      trust: 'Heronmere Learning Trust',
      status: 'Open',
      website: null,
    });
    const closed = byUrn(schools, SAMPLE_FIRST_URN + 5);
    assert.equal(closed.status, 'Closed');
    assert.equal(closed.trust, null, 'an empty Trusts (name) is no trust');
    assert.equal(byUrn(schools, SAMPLE_FIRST_URN + 15).status, 'Open, but proposed to close');
    assert.equal(byUrn(schools, SAMPLE_FIRST_URN + 20).local_authority, 'Bristol, City of');
  });

  test('marks independent and non-maintained special schools as not state-funded, and only those', async () => {
    const { schools } = await parseGias(sampleBytes());
    assert.deepEqual(
      schools.filter((s) => !s.state_funded).map((s) => s.type),
      ['Other independent school', 'Non-maintained special school', 'Other independent school'],
    );
  });

  test('the same file as UTF-8 with a BOM reads the same (the BOM does not stick to "URN")', async () => {
    const fromCp1252 = await parseGias(sampleBytes());
    const fromUtf8 = await parseGias(utf8WithBom(sampleText()));
    assert.equal(fromUtf8.encoding, 'utf-8');
    assert.deepEqual(fromUtf8.schools, fromCp1252.schools);
    assert.deepEqual(fromUtf8.rejected, []);
  });

  test('a stream in small chunks reads the same as a buffer, even cut inside a UTF-8 character', async () => {
    const bytes = utf8WithBom(sampleText());
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const streamed = await parseGias(Readable.from(chunks));
    assert.deepEqual(streamed.schools, (await parseGias(bytes)).schools);
  });
});

describe('encodings', () => {
  test('Windows-1252 bytes 0x80-0x9F become the characters they stand for, not C1 controls', () => {
    const { text, encoding } = decodeGias(Buffer.from([0x80, 0x20, 0x92, 0x20, 0x93, 0x94, 0x20, 0x96, 0x20, 0x9f, 0x20, 0xe9]));
    assert.equal(encoding, 'windows-1252');
    assert.equal(text, '€ ’ “” – Ÿ é');
  });

  test('decoding in slices never cuts a character or leaves the BOM behind', () => {
    const text = 'URN,Name\r\n1,“École” – St Bede’s 🏫\r\n';
    const utf8 = utf8WithBom(text);
    for (const size of [1, 2, 3, 5]) assert.equal([...decodedSlices(utf8, 'utf-8', size)].join(''), text, `utf-8, ${size}-byte slices`);
    const cp1252 = Buffer.from([0x93, 0xc9, 0x63, 0x6f, 0x6c, 0x65, 0x94, 0x20, 0x96, 0x20, 0x92]);
    assert.equal([...decodedSlices(cp1252, 'windows-1252', 1)].join(''), '“École” – ’');
  });

  test('valid UTF-8 without a BOM is read as UTF-8', () => {
    assert.deepEqual(decodeGias(Buffer.from('URN,Name\n1,École\n', 'utf8')), { text: 'URN,Name\n1,École\n', encoding: 'utf-8' });
  });

  test('refuses binary files, ZIP archives, UTF-16 and empty files with a plain message', async () => {
    assert.match(await refusal(Buffer.from([0x55, 0x52, 0x4e, 0x00, 0x2c, 0x41])), /not a text CSV.*NUL byte at byte 4/);
    assert.match(await refusal(Buffer.from('PK\u0003\u0004rest-of-a-zip', 'latin1')), /ZIP archive: unzip it/);
    assert.match(await refusal(Buffer.from('\ufeffURN,Name', 'utf16le')), /UTF-16/);
    assert.match(await refusal(Buffer.alloc(0)), /empty/);
    assert.match(await refusal(Buffer.from(Array.from({ length: 200 }, (_, i) => 1 + (i % 8)))), /control characters/);
  });

  test('refuses a file that says it is UTF-8 (BOM) but is not', async () => {
    const mixed = Buffer.concat([utf8WithBom('URN,EstablishmentName\r\n1,'), Buffer.from([0xc9, 0x63, 0x6f, 0x6c, 0x65])]);
    assert.match(await refusal(mixed), /byte-order mark but is not valid UTF-8/);
  });

  test('refuses input larger than the limit without reading all of it', async () => {
    const { readInput } = await import('./gias.ts');
    const endless = Readable.from((function* () { for (;;) yield Buffer.alloc(1024, 0x41); })());
    await assert.rejects(readInput(endless, 10 * 1024), /is larger than/);
  });
});

describe('the state-funded rule', () => {
  const cases: [type: string, group: string, stateFunded: boolean][] = [
    ['Community school', 'Local authority maintained schools', true],
    ['Voluntary aided school', 'Local authority maintained schools', true],
    ['Local authority nursery school', 'Local authority maintained schools', true],
    ['Pupil referral unit', 'Local authority maintained schools', true],
    ['Academy converter', 'Academies', true],
    ['Academy special sponsor led', 'Academies', true],
    ['University technical college', 'Academies', true],
    ['Free schools 16 to 19', 'Free Schools', true],
    ['Community special school', 'Special schools', true],
    ['Foundation special school', 'Special schools', true],
    ['Further education', 'Colleges', true],
    ['Sixth form centres', 'Colleges', true],
    ['A type DfE adds next year', 'Academies', true],
    ['Non-maintained special school', 'Special schools', false],
    ['Special post 16 institution', 'Colleges', false],
    ['Other independent school', 'Independent schools', false],
    ['Other independent special school', 'Independent schools', false],
    ['Welsh establishment', 'Welsh schools', false],
    ['Higher education institutions', 'Universities', false],
    ['Offshore schools', 'Other types', false],
    ['British schools overseas', 'Other types', false],
    ['Secure units', 'Other types', false],
    ['Online provider', 'Online provider', false],
    ['A type DfE adds next year', 'A group DfE adds next year', false],
  ];
  for (const [type, group, expected] of cases) {
    test(`${type} (${group}): ${expected ? 'state-funded' : 'not state-funded'}`, () => {
      assert.equal(isStateFunded(type, group), expected);
    });
  }

  test('ignores case and surrounding spaces', () => {
    assert.equal(isStateFunded(' ACADEMY CONVERTER ', 'academies'), true);
    assert.equal(isStateFunded('Community school', ' independent schools '), false);
  });
});

describe('postcodes', () => {
  test('normalises case and spacing', () => {
    assert.equal(normalisePostcode('ec3a5de'), 'EC3A 5DE');
    assert.equal(normalisePostcode('  M1   1AE '), 'M1 1AE');
    assert.equal(normalisePostcode('B33 8TH'), 'B33 8TH');
    assert.equal(normalisePostcode('W1A 0AX'), 'W1A 0AX');
    assert.equal(normalisePostcode('CR2 6XH'), 'CR2 6XH');
    assert.equal(normalisePostcode('DN55 1PT'), 'DN55 1PT');
  });

  test('rejects what is not a UK postcode', () => {
    for (const bad of ['', 'LS1', 'LS1 4A', '12345', 'LS1 4APX', 'L$1 4AP', 'Leeds']) assert.equal(normalisePostcode(bad), null, bad);
  });
});

describe('rows that are rejected', () => {
  test('names the row number and the field, as a spreadsheet numbers rows (the header is row 1)', async () => {
    const csv = giasCsv([
      goodRow(1),
      goodRow(2, { URN: 'abc' }),
      goodRow(3, { EstablishmentName: '   ' }),
      goodRow(4, { Postcode: 'NOT A CODE' }),
      goodRow(5, { Postcode: '' }),
      goodRow(6, { URN: '' }),
      goodRow(7, { URN: '0' }),
      goodRow(8, { URN: '-5' }),
      goodRow(9, { URN: '12.5' }),
      goodRow(10, { URN: '99999999999' }),
      goodRow(11, { 'EstablishmentStatus (name)': '' }),
      goodRow(12),
    ]);
    const parsed = await parseGias(Buffer.from(csv));
    assert.equal(parsed.rows, 12);
    assert.deepEqual(
      parsed.schools.map((s) => s.urn),
      [1, 12],
    );
    assert.deepEqual(parsed.rejected, [
      { row: 3, reason: "Row 3: URN 'abc' is not a number" },
      { row: 4, reason: 'Row 4: EstablishmentName is empty' },
      { row: 5, reason: "Row 5: Postcode 'NOT A CODE' is not a UK postcode" },
      { row: 6, reason: 'Row 6: Postcode is missing' },
      { row: 7, reason: 'Row 7: URN is missing' },
      { row: 8, reason: "Row 8: URN '0' is not a whole number between 1 and 2147483647" },
      { row: 9, reason: "Row 9: URN '-5' is not a whole number between 1 and 2147483647" },
      { row: 10, reason: "Row 10: URN '12.5' is not a whole number between 1 and 2147483647" },
      { row: 11, reason: "Row 11: URN '99999999999' is not a whole number between 1 and 2147483647" },
      { row: 12, reason: 'Row 12: EstablishmentStatus (name) is empty' },
    ]);
  });

  test('lists every problem of a row in one reason', async () => {
    const csv = giasCsv([goodRow(1, { URN: 'x1', EstablishmentName: '', Postcode: 'nowhere' })]);
    assert.deepEqual(await reasons(csv), [
      "Row 2: URN 'x1' is not a number; EstablishmentName is empty; Postcode 'nowhere' is not a UK postcode",
    ]);
  });

  test('a URN repeated in the file: the first row is imported, later ones rejected', async () => {
    const csv = giasCsv([goodRow(7, { EstablishmentName: 'First' }), goodRow(8), goodRow(7, { EstablishmentName: 'Second' })]);
    const parsed = await parseGias(Buffer.from(csv));
    assert.deepEqual(
      parsed.schools.map((s) => [s.urn, s.name]),
      [
        [7, 'First'],
        [8, 'Test Establishment 8'],
      ],
    );
    assert.deepEqual(parsed.rejected, [{ row: 4, reason: 'Row 4: URN 7 repeats row 2; only the first is imported' }]);
  });

  test('a row with too few or too many values is rejected, not the file', async () => {
    const csv = `${giasCsv([goodRow(1)])}"2","383","Leeds"\r\n${giasCsv([goodRow(3)]).split('\r\n')[1]},"extra"\r\n`;
    assert.deepEqual(await reasons(csv), [
      `Row 3: 3 values where the header has ${SMALL_HEADER.length} columns`,
      `Row 4: ${SMALL_HEADER.length + 1} values where the header has ${SMALL_HEADER.length} columns`,
    ]);
  });

  test('row numbers stay right past blank lines and values that run over several lines', async () => {
    const [header, first] = giasCsv([goodRow(1, { EstablishmentName: 'Line one\nline two' })]).split('\r\n');
    const bad = giasCsv([goodRow(2, { Postcode: 'bad' })]).split('\r\n')[1];
    const parsed = await parseGias(Buffer.from([header, first, '', bad, ''].join('\r\n')));
    assert.equal(parsed.schools[0]?.name, 'Line one\nline two');
    assert.deepEqual(parsed.rejected, [{ row: 4, reason: "Row 4: Postcode 'bad' is not a UK postcode" }]);
    assert.equal(parsed.rows, 2, 'blank lines are not rows');
  });

  test('long bad values are cut short in the reason', async () => {
    const [reason] = await reasons(giasCsv([goodRow(1, { URN: 'x'.repeat(500) })]));
    assert.ok(reason && reason.length < 80, reason);
    assert.match(reason ?? '', /'x{39}…' is not a number/);
  });

  test('values are trimmed and an empty trust is null', async () => {
    const { schools } = await parseGias(Buffer.from(giasCsv([goodRow(5, { URN: ' 5 ', EstablishmentName: '  Spaced  ', 'Trusts (name)': '  ' })])));
    assert.equal(schools[0]?.urn, 5);
    assert.equal(schools[0]?.name, 'Spaced');
    assert.equal(schools[0]?.trust, null);
  });
});

test('the school’s website is read where the file has the column, as a web address (nothing else is)', async () => {
  const header = [...SMALL_HEADER, 'SchoolWebsite'];
  const rows = [
    { ...goodRow(1), SchoolWebsite: 'www.oakfield.leeds.sch.uk' },
    { ...goodRow(2), SchoolWebsite: ' HTTPS://Heron.org.uk/home ' },
    { ...goodRow(3), SchoolWebsite: 'not a website' },
    { ...goodRow(4), SchoolWebsite: '' },
  ];
  const { schools, rejected } = await parseGias(Buffer.from(giasCsv(rows, header)));
  assert.deepEqual(rejected, []);
  assert.deepEqual(schools.map((s) => s.website), ['http://www.oakfield.leeds.sch.uk/', 'https://heron.org.uk/home', null, null]);
  const without = await parseGias(Buffer.from(giasCsv([goodRow(5)])));
  assert.equal(without.schools[0]?.website, undefined, 'no column: nothing known');
});

describe('files refused as a whole', () => {
  test('names every required column that is missing', async () => {
    const header = SMALL_HEADER.filter((c) => c !== 'Postcode' && c !== 'Trusts (name)');
    const message = await refusal(Buffer.from(giasCsv([goodRow(1)], header)));
    assert.match(message, /it has no "Postcode" and "Trusts \(name\)" columns\. /);
  });

  test('a file that is some other CSV names all nine columns', async () => {
    const message = await refusal(Buffer.from('Name,Email\nA,a@example.com\n'));
    for (const column of ['URN', 'EstablishmentName', 'TypeOfEstablishment (name)', 'EstablishmentTypeGroup (name)', 'LA (name)']) {
      assert.ok(message.includes(`"${column}"`), `${column} in: ${message}`);
    }
  });

  test('an unclosed quote makes the CSV unreadable', async () => {
    const csv = `${giasCsv([goodRow(1)])}"2","383","Leeds,"oops\r\n`;
    assert.match(await refusal(Buffer.from(csv)), /not a readable CSV/);
  });

  test('a header with no rows reads as nothing to import', async () => {
    const parsed = await parseGias(Buffer.from(giasCsv([])));
    assert.deepEqual([parsed.rows, parsed.schools.length, parsed.rejected.length], [0, 0, 0]);
  });
});
