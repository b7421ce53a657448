// The DfE register of schools, "Get Information About Schools" (GIAS): its establishment CSV
// (edubasealldataYYYYMMDD.csv, ~140 columns) read into the rows of our `schools` table.
// No database here: bytes in, { schools, rejected } out, or a GiasFileError when the file as a
// whole cannot be used (unreadable encoding, not a CSV, required columns missing).
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import type { SchoolRecord } from '../../core/schools/record.ts';

/** The GIAS columns we read, by the name the file gives them. Every other column is ignored. */
export const GIAS_COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  typeGroup: 'EstablishmentTypeGroup (name)',
  phase: 'PhaseOfEducation (name)',
  status: 'EstablishmentStatus (name)',
  localAuthority: 'LA (name)',
  postcode: 'Postcode',
  trust: 'Trusts (name)',
} as const;

/**
 * Columns read when the file has them (an older or trimmed extract may not). The school's website:
 * a headteacher's address at its domain is one the school is known by (modules/registrations).
 */
export const OPTIONAL_GIAS_COLUMNS = { website: 'SchoolWebsite' } as const;

type Field = keyof typeof GIAS_COLUMNS;
type OptionalField = keyof typeof OPTIONAL_GIAS_COLUMNS;
type RawRow = Record<Field, string> & Partial<Record<OptionalField, string>>;

/** One school as the `schools` table keeps it (hub_id and updated_at are the database's business). */
export type { SchoolRecord };

/** 'www.oakfield.org.uk', ' HTTP://Oakfield.org.uk/ ' → 'http://www.oakfield.org.uk/'…; null when it is no web address. */
export function normaliseWebsite(value: string): string | null {
  const text = value.trim();
  if (!text || /\s/.test(text)) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `http://${text}`);
    if (!/^https?:$/.test(url.protocol) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(url.hostname)) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** A row left out of the import, numbered as a spreadsheet numbers it (the header is row 1). */
export type Rejection = { row: number; reason: string };

export type ParsedGias = {
  /** Data rows read (blank lines are not counted). */
  rows: number;
  schools: SchoolRecord[];
  rejected: Rejection[];
  encoding: Encoding;
};

/** The file as a whole cannot be imported; the message says why in plain English. Nothing is written. */
export class GiasFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GiasFileError';
  }
}

/** The full GIAS extract is ~60 MB; far beyond that is not a GIAS file (and would not fit in one string). */
export const MAX_FILE_BYTES = 400 * 1024 * 1024;

/** URN is a PostgreSQL integer. */
const MAX_URN = 2_147_483_647;

// ---------------------------------------------------------------------------------------
// State-funded
//
// GIAS has no "state-funded" column, so we derive it from TypeOfEstablishment, following the
// DfE's own statistics ("Schools, pupils and their characteristics"), which count as state-funded:
// local-authority-maintained schools (community, voluntary aided/controlled, foundation, their
// special schools, LA nursery schools, pupil referral units), academies of every kind (incl.
// special, alternative provision and 16-19), free schools of every kind, city technology colleges,
// university technical colleges and studio schools. Because Maths Hubs also serve publicly funded
// 16-19 providers (Core Maths, post-16 Work Groups), we add the two GIAS college types that are
// publicly funded: "Further education" (FE and sixth form colleges) and "Sixth form centres".
//
// Not state-funded: the "Independent schools" group (incl. independent special schools),
// "Non-maintained special school" (charity-run; DfE reports them apart from state-funded special
// schools), "Special post 16 institution" (independent specialist colleges), and the groups
// "Welsh schools", "Universities", "Other types" (secure units, offshore schools, British schools
// overseas, service children's education, online providers, miscellaneous) and children's centres.
//
// A type the DfE adds later inside the LA-maintained, Academies or Free Schools groups counts as
// state-funded; a new type anywhere else does not, until someone adds it here.

const STATE_FUNDED_TYPES: ReadonlySet<string> = new Set(
  [
    // Local authority maintained schools
    'Community school',
    'Voluntary aided school',
    'Voluntary controlled school',
    'Foundation school',
    'Community special school',
    'Foundation special school',
    'Local authority nursery school',
    'Pupil referral unit',
    // Academies
    'Academy converter',
    'Academy sponsor led',
    'Academy special converter',
    'Academy special sponsor led',
    'Academy alternative provision converter',
    'Academy alternative provision sponsor led',
    'Academy 16-19 converter',
    'Academy 16 to 19 sponsor led',
    'City technology college',
    'University technical college',
    'Studio schools',
    // Free schools
    'Free schools',
    'Free schools special',
    'Free schools alternative provision',
    'Free schools 16 to 19',
    // Publicly funded colleges
    'Further education',
    'Sixth form centres',
  ].map((t) => t.toLowerCase()),
);

const STATE_FUNDED_GROUPS: ReadonlySet<string> = new Set(['local authority maintained schools', 'academies', 'free schools']);

const NOT_STATE_FUNDED_GROUPS: ReadonlySet<string> = new Set([
  'independent schools',
  'welsh schools',
  'universities',
  'other types',
  "children's centres",
  'online provider',
]);

/** Whether a GIAS establishment is state-funded: see the rule above. Case-insensitive. */
export function isStateFunded(typeOfEstablishment: string, establishmentTypeGroup: string): boolean {
  const group = establishmentTypeGroup.trim().toLowerCase();
  if (NOT_STATE_FUNDED_GROUPS.has(group)) return false;
  if (STATE_FUNDED_TYPES.has(typeOfEstablishment.trim().toLowerCase())) return true;
  return STATE_FUNDED_GROUPS.has(group);
}

// ---------------------------------------------------------------------------------------
// Postcodes

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

/** 'ec3a5de', ' EC3A  5DE ' → 'EC3A 5DE'; null when it is not a UK postcode. */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

// ---------------------------------------------------------------------------------------
// Encoding

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export type Encoding = 'utf-8' | 'windows-1252';

/**
 * GIAS publishes Windows-1252; a file saved again by Excel may be UTF-8 with a BOM. Valid UTF-8
 * is read as UTF-8 (BOM dropped); anything else as Windows-1252, which accepts every byte, so
 * binary files are caught first by their NUL bytes and control characters.
 */
export function detectEncoding(bytes: Buffer): Encoding {
  if (bytes.length === 0) throw new GiasFileError('The file is empty.');
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new GiasFileError('The file is a ZIP archive: unzip it and import the edubasealldata….csv inside.');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new GiasFileError('The file is UTF-16 text: import the CSV as downloaded from GIAS, or save it as "CSV UTF-8".');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new GiasFileError(`The file is not a text CSV (it contains a NUL byte at byte ${nul + 1}): is it the right file?`);
  }
  // A few stray control characters can sit in a real file's free text; many mean binary data.
  const sample = bytes.subarray(0, 65_536);
  let control = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  if (control > sample.length / 100) {
    throw new GiasFileError('The file is not a text CSV (it is full of control characters): is it the right file?');
  }
  if (isUtf8(bytes)) return 'utf-8';
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) {
    // It says UTF-8 but is not: two encodings mixed. Guessing would garble names silently.
    throw new GiasFileError(
      'The file starts with a UTF-8 byte-order mark but is not valid UTF-8 (it mixes encodings): download it again from GIAS.',
    );
  }
  return 'windows-1252';
}

/** Decoded text in slices of ~64 KB, so that a 60 MB file is never one more 60 MB string. */
export function* decodedSlices(bytes: Buffer, encoding: Encoding, sliceBytes = 65_536): Generator<string> {
  // stream: true carries a character cut at a slice's end over to the next; a leading BOM is dropped.
  const decoder = new TextDecoder(encoding);
  const finish = (text: string) => (encoding === 'windows-1252' ? repairWindows1252(text) : text);
  for (let start = 0; start < bytes.length; start += sliceBytes) {
    const text = decoder.decode(bytes.subarray(start, start + sliceBytes), { stream: true });
    if (text) yield finish(text);
  }
  const rest = decoder.decode();
  if (rest) yield finish(rest);
}

/** The whole file as text, and the encoding it was read in. */
export function decodeGias(bytes: Buffer): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes);
  return { text: [...decodedSlices(bytes, encoding)].join(''), encoding };
}

// Windows-1252 bytes 0x80-0x9F as the WHATWG Encoding Standard maps them (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
// ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ; 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay C1 controls).
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((code) => String.fromCodePoint(code));

/**
 * Node 20.18.3+ and 22.13+ decode 'windows-1252' as Latin-1 (nodejs/node#56542, #60888): bytes
 * 0x80-0x9F come out as C1 control characters (0x92 as U+0092, not ’). Map them to the
 * characters Windows-1252 means. Harmless where Node decodes correctly: no C1 characters are left.
 */
function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/** The whole input in memory: the encoding can only be told from all of it (one bad byte decides). */
export async function readInput(input: Buffer | Readable, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
  if (Buffer.isBuffer(input)) {
    if (input.length > maxBytes) throw tooLarge(maxBytes);
    return input;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) {
      input.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(maxBytes: number) {
  return new GiasFileError(
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; the full GIAS establishment file is about 60 MB.`,
  );
}

// ---------------------------------------------------------------------------------------
// Rows

/** Values in messages: quoted, and cut short so one bad cell cannot flood the summary. */
function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return `'${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}'`;
}

const required = (column: string) => z.string().trim().min(1, { error: `${column} is empty` });

const rowSchema = z.object({
  urn: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') ctx.issues.push({ code: 'custom', input: value, message: 'URN is missing' });
      else if (!/^[+-]?\d+(\.\d+)?$/.test(value)) ctx.issues.push({ code: 'custom', input: value, message: `URN ${shown(value)} is not a number` });
      else if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_URN) {
        ctx.issues.push({ code: 'custom', input: value, message: `URN ${shown(value)} is not a whole number between 1 and ${MAX_URN}` });
      } else return Number(value);
      return z.NEVER;
    }),
  name: required(GIAS_COLUMNS.name),
  type: required(GIAS_COLUMNS.type),
  typeGroup: required(GIAS_COLUMNS.typeGroup),
  phase: required(GIAS_COLUMNS.phase),
  status: required(GIAS_COLUMNS.status),
  localAuthority: required(GIAS_COLUMNS.localAuthority),
  postcode: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') ctx.issues.push({ code: 'custom', input: value, message: 'Postcode is missing' });
      else {
        const postcode = normalisePostcode(value);
        if (postcode) return postcode;
        ctx.issues.push({ code: 'custom', input: value, message: `Postcode ${shown(value)} is not a UK postcode` });
      }
      return z.NEVER;
    }),
  trust: z
    .string()
    .trim()
    .transform((value) => value || null),
});

/** One row's raw values → a school, or the reasons it is rejected (each names its column). */
export function validateRow(raw: RawRow): { school: SchoolRecord } | { reasons: string[] } {
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) return { reasons: parsed.error.issues.map((issue) => issue.message) };
  const r = parsed.data;
  return {
    school: {
      urn: r.urn,
      name: r.name,
      phase: r.phase,
      type: r.type,
      state_funded: isStateFunded(r.type, r.typeGroup),
      local_authority: r.localAuthority,
      postcode: r.postcode,
      trust: r.trust,
      status: r.status,
      ...(raw.website === undefined ? {} : { website: normaliseWebsite(raw.website) }),
    },
  };
}

/** ['a', 'b', 'c'] → 'a, b and c' */
function inWords(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/** Column positions of the fields we read (-1 for an optional column the file lacks); refuses a header that lacks a required one. */
function columnPositions(header: string[]): Record<Field | OptionalField, number> {
  const names = header.map((name) => name.trim());
  const missing = Object.values(GIAS_COLUMNS).filter((column) => !names.includes(column));
  if (missing.length) {
    throw new GiasFileError(
      `The file is not a GIAS establishment CSV: it has no ${inWords(missing.map((m) => `"${m}"`))} column${missing.length > 1 ? 's' : ''}. ` +
        'Download "Establishment fields CSV" from Get Information About Schools.',
    );
  }
  return Object.fromEntries(
    (Object.entries({ ...GIAS_COLUMNS, ...OPTIONAL_GIAS_COLUMNS }) as [Field | OptionalField, string][]).map(([field, column]) => [field, names.indexOf(column)]),
  ) as Record<Field | OptionalField, number>;
}

/**
 * Reads a GIAS establishment CSV. Rows with a bad URN, name or postcode (or any required value
 * missing), and later rows repeating a URN, are rejected with their row number and reason;
 * everything else becomes a SchoolRecord. Throws GiasFileError when the file cannot be used at all.
 */
export async function parseGias(input: Buffer | Readable): Promise<ParsedGias> {
  const bytes = await readInput(input);
  const encoding = detectEncoding(bytes);

  // csv-parse's streaming API: records arrive one at a time, so a 50,000-row file never exists
  // as 50,000 objects of 140 columns. Blank lines come through as [''] and are skipped below, so
  // that row numbers stay those a spreadsheet shows.
  const parser = Readable.from(decodedSlices(bytes, encoding)).pipe(
    parse({ relax_column_count: true, skip_empty_lines: false }),
  );

  const schools: SchoolRecord[] = [];
  const rejected: Rejection[] = [];
  const firstRowOfUrn = new Map<number, number>();
  let positions: Record<Field | OptionalField, number> | undefined;
  let width = 0;
  let row = 0;
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!positions) {
        positions = columnPositions(record);
        width = record.length;
        continue;
      }
      if (record.every((value) => value.trim() === '')) continue;
      rows++;
      if (record.length !== width) {
        rejected.push({ row, reason: `Row ${row}: ${record.length} values where the header has ${width} columns` });
        continue;
      }
      const p = positions;
      const raw = Object.fromEntries(
        (Object.keys(GIAS_COLUMNS) as Field[]).map((field) => [field, record[p[field]] ?? '']),
      ) as RawRow;
      if (p.website >= 0) raw.website = record[p.website] ?? '';
      const result = validateRow(raw);
      if ('reasons' in result) {
        rejected.push({ row, reason: `Row ${row}: ${result.reasons.join('; ')}` });
        continue;
      }
      const first = firstRowOfUrn.get(result.school.urn);
      if (first !== undefined) {
        rejected.push({ row, reason: `Row ${row}: URN ${result.school.urn} repeats row ${first}; only the first is imported` });
        continue;
      }
      firstRowOfUrn.set(result.school.urn, row);
      schools.push(result.school);
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof GiasFileError) throw error;
    // csv-parse's CsvError: an unclosed quote and the like; its message names the line.
    throw new GiasFileError(`The file is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!positions) throw new GiasFileError('The file is empty.');
  return { rows, schools, rejected, encoding };
}
