// The schools register import on a real database (a copy of the template, demo schools
// included): adding, updating in place by URN, refusing, rejecting rows, and all-or-nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, testDatabase } from '../../../test/harness.ts';
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
import { parseGias, type SchoolRecord } from './gias.ts';
import { GiasFileError, importSchools, saveSchools } from './service.ts';

let t: TestDatabase;
before(async () => {
  t = await testDatabase();
});
after(async () => {
  await t.drop();
});

async function schoolCount(): Promise<number> {
  const row = await t.db.selectFrom('schools').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function sampleSchools() {
  return t.db
    .selectFrom('schools')
    .selectAll()
    .where('urn', '>=', SAMPLE_FIRST_URN)
    .where('urn', '<', SAMPLE_FIRST_URN + SAMPLE_ROWS)
    .orderBy('urn')
    .execute();
}

function record(urn: number, overrides: Partial<SchoolRecord> = {}): SchoolRecord {
  return {
    urn,
    name: `Bulk Establishment ${urn}`,
    phase: 'Primary',
    type: 'Community school',
    state_funded: true,
    local_authority: 'Leeds',
    postcode: 'LS1 4AP',
    trust: null,
    status: 'Open',
    ...overrides,
  };
}

// The tests in this file run in order on one database: each builds on the one before.
describe('importing the GIAS sample', () => {
  let demoSchools: number;
  before(async () => {
    demoSchools = await schoolCount();
    assert.ok(demoSchools > 1000, 'the template has the demo schools');
  });

  test('adds every school, with no hub, and reports progress up to the total', async () => {
    const progress: [number, number][] = [];
    const summary = await importSchools(t.db, sampleBytes(), (done, total) => progress.push([done, total]));
    assert.deepEqual(summary, { rows: SAMPLE_ROWS, added: SAMPLE_ROWS, updated: 0, unchanged: 0, rejected: [] });
    assert.equal(await schoolCount(), demoSchools + SAMPLE_ROWS, 'the demo schools are still there');
    assert.deepEqual(progress.at(0), [0, SAMPLE_ROWS]);
    assert.deepEqual(progress.at(-1), [SAMPLE_ROWS, SAMPLE_ROWS]);

    const rows = await sampleSchools();
    assert.equal(rows.length, SAMPLE_ROWS);
    assert.ok(rows.every((r) => r.hub_id === null));
    const bede = rows.find((r) => r.urn === SAMPLE_FIRST_URN + 1);
    assert.equal(bede?.name, 'St Bede’s Catholic Primary School, Yarrowdale');
    const academy = rows.find((r) => r.urn === SAMPLE_FIRST_URN + 3);
    assert.deepEqual(
      [academy?.type, academy?.trust, academy?.state_funded, academy?.status],
      ['Academy converter', 'Heronmere Learning Trust', true, 'Open'],
    );
    const independent = rows.find((r) => r.urn === SAMPLE_FIRST_URN + 2);
    assert.equal(independent?.state_funded, false);
    assert.equal(rows.filter((r) => r.status === 'Closed').length, 5);
  });

  test('importing the same file again changes nothing', async () => {
    const before = await sampleSchools();
    const summary = await importSchools(t.db, sampleBytes());
    assert.deepEqual(summary, { rows: SAMPLE_ROWS, added: 0, updated: 0, unchanged: SAMPLE_ROWS, rejected: [] });
    assert.deepEqual(await sampleSchools(), before, 'not even updated_at moves');
  });

  test('a changed copy (saved again as UTF-8) updates in place by URN, keeping each school’s hub', async () => {
    const hub = await t.db.selectFrom('hubs').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('schools').set({ hub_id: hub.id }).where('urn', '=', SAMPLE_FIRST_URN).execute();
    const before = new Map((await sampleSchools()).map((r) => [r.urn, r]));

    const changed = sampleText()
      .replace('Teaselcombe Primary School', 'Teaselcombe Community Primary School')
      .replace('Kestrelthorpe Academy', 'Kestrelthorpe Academy, Part of Heronmere')
      .replace(/"Foxglovewell Primary School",(.*?),"3","Open, but proposed to close"/, '"Foxglovewell Primary School",$1,"2","Closed"');
    const summary = await importSchools(t.db, utf8WithBom(changed));
    assert.deepEqual(summary, { rows: SAMPLE_ROWS, added: 0, updated: 3, unchanged: SAMPLE_ROWS - 3, rejected: [] });

    const after = new Map((await sampleSchools()).map((r) => [r.urn, r]));
    assert.equal(after.get(SAMPLE_FIRST_URN)?.name, 'Teaselcombe Community Primary School');
    assert.equal(after.get(SAMPLE_FIRST_URN)?.hub_id, hub.id, 'the import never touches hub_id');
    assert.equal(after.get(SAMPLE_FIRST_URN + 3)?.name, 'Kestrelthorpe Academy, Part of Heronmere');
    assert.equal(after.get(SAMPLE_FIRST_URN + 15)?.status, 'Closed');
    for (const urn of [SAMPLE_FIRST_URN, SAMPLE_FIRST_URN + 3, SAMPLE_FIRST_URN + 15]) {
      assert.ok(after.get(urn)!.updated_at > before.get(urn)!.updated_at, `updated_at moves for ${urn}`);
    }
    assert.deepEqual(after.get(SAMPLE_FIRST_URN + 1), before.get(SAMPLE_FIRST_URN + 1), 'an unchanged school is left alone');
  });

  test('a file with missing columns is refused and writes nothing', async () => {
    const count = await schoolCount();
    const header = SMALL_HEADER.filter((c) => c !== 'LA (name)');
    await assert.rejects(
      importSchools(t.db, Buffer.from(giasCsv([goodRow(980001), goodRow(980002)], header))),
      (error: unknown) => error instanceof GiasFileError && /no "LA \(name\)" column\./.test(error.message),
    );
    assert.equal(await schoolCount(), count);
  });

  test('a file with some broken rows imports the good ones and lists the bad ones by row', async () => {
    const count = await schoolCount();
    const csv = giasCsv([
      goodRow(980011),
      goodRow(980012, { URN: 'abc' }),
      goodRow(980013, { 'Trusts (name)': 'Sorrelmere Academy Trust', 'TypeOfEstablishment (name)': 'Academy converter', 'EstablishmentTypeGroup (name)': 'Academies' }),
      goodRow(980014, { EstablishmentName: '' }),
      goodRow(980011, { EstablishmentName: 'Again' }),
      goodRow(980015, { Postcode: 'ZZZ' }),
      goodRow(SAMPLE_FIRST_URN + 1, { EstablishmentName: 'St Bede’s RC Primary School, Yarrowdale', Postcode: 'BD9 4RT' }),
    ]);
    const summary = await importSchools(t.db, Buffer.from(csv));
    assert.deepEqual(summary, {
      rows: 7,
      added: 2,
      updated: 1,
      unchanged: 0,
      rejected: [
        { row: 3, reason: "Row 3: URN 'abc' is not a number" },
        { row: 5, reason: 'Row 5: EstablishmentName is empty' },
        { row: 6, reason: 'Row 6: URN 980011 repeats row 2; only the first is imported' },
        { row: 7, reason: "Row 7: Postcode 'ZZZ' is not a UK postcode" },
      ],
    });
    assert.equal(await schoolCount(), count + 2);
    const trust = await t.db.selectFrom('schools').select('trust').where('urn', '=', 980013).executeTakeFirstOrThrow();
    assert.equal(trust.trust, 'Sorrelmere Academy Trust');
  });
});

describe('all or nothing', () => {
  test('a database error part-way (a URN the CHECK refuses, in the third chunk) saves nothing', async () => {
    const count = await schoolCount();
    const records = Array.from({ length: 2500 }, (_, i) => record(970000 + i));
    records[2200] = record(0); // schools.urn has CHECK (urn > 0); the parser never lets this through
    const progress: number[] = [];
    await assert.rejects(
      saveSchools(t.db, records, { onProgress: (done) => progress.push(done) }),
      /check constraint/,
    );
    assert.deepEqual(progress, [0, 1000, 2000], 'two chunks were written before the failure');
    assert.equal(await schoolCount(), count, 'and rolled back with it');
    const firstChunk = await t.db.selectFrom('schools').select('urn').where('urn', '=', 970000).execute();
    assert.deepEqual(firstChunk, []);
  });

  test('a failure after some rows were written (here: in the progress callback) leaves the register as it was', async () => {
    const before = await sampleSchools();
    const changed = sampleText().replaceAll('Primary School', 'Primary Academy');
    await assert.rejects(
      saveSchools(t.db, (await parseGias(Buffer.from(changed))).schools, {
        chunkSize: 10,
        onProgress: (done) => {
          if (done === 20) throw new Error('interrupted');
        },
      }),
      /interrupted/,
    );
    assert.deepEqual(await sampleSchools(), before);
  });

  test('afterImport runs in the import’s transaction with the summary: if it fails, nothing is saved', async () => {
    const count = await schoolCount();
    const csv = Buffer.from(giasCsv([goodRow(950001), goodRow(950002), goodRow(950003, { URN: 'x' })]));
    let seen: unknown;
    await assert.rejects(
      importSchools(t.db, csv, undefined, {
        afterImport: async (trx, summary) => {
          seen = { added: summary.added, rejected: summary.rejected.length };
          const inside = await trx.selectFrom('schools').select('urn').where('urn', 'in', [950001, 950002]).execute();
          assert.equal(inside.length, 2, 'it sees the schools just saved');
          throw new Error('audit failed');
        },
      }),
      /audit failed/,
    );
    assert.deepEqual(seen, { added: 2, rejected: 1 });
    assert.equal(await schoolCount(), count, 'the import was undone with it');
  });

  test('afterImport runs even when no row could be saved', async () => {
    let calls = 0;
    const summary = await importSchools(t.db, Buffer.from(giasCsv([goodRow(950010, { Postcode: '' })])), undefined, {
      afterImport: async () => {
        calls++;
      },
    });
    assert.deepEqual([summary.added, summary.rejected.length, calls], [0, 1, 1]);
  });

  test('two imports at once are serialised: both finish, the schools are added once', async () => {
    const csv = Buffer.from(giasCsv(Array.from({ length: 50 }, (_, i) => goodRow(960000 + i))));
    const [a, b] = await Promise.all([importSchools(t.db, csv), importSchools(t.db, csv)]);
    assert.deepEqual([a.added + b.added, a.unchanged + b.unchanged], [50, 50]);
  });
});
