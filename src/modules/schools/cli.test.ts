// The `import-schools` command: its summary and progress output (unit), and the real command
// run as an operator runs it, on a database of its own.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { giasCsv, goodRow, SAMPLE_PATH, SAMPLE_ROWS, SMALL_HEADER } from '../../../test/fixtures/gias.ts';
import { type TestDatabase, testDatabase } from '../../../test/harness.ts';
import { progressReporter, REJECTIONS_SHOWN, summaryLines } from './cli.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function fakeStream(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let written = '';
  stream.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

describe('what the command shows', () => {
  test('the summary counts every outcome and lists the first 20 rejections, then how many more', () => {
    const rejected = Array.from({ length: 23 }, (_, i) => ({ row: i + 2, reason: `Row ${i + 2}: URN 'x' is not a number` }));
    const lines = summaryLines('edubase.csv', { rows: 1523, added: 1200, updated: 250, unchanged: 50, rejected });
    assert.deepEqual(lines.slice(0, 6), [
      'Imported edubase.csv: 1,523 rows read',
      '  added:     1,200',
      '  updated:   250',
      '  unchanged: 50',
      '  rejected:  23',
      'Rejected rows (not imported):',
    ]);
    assert.equal(lines.length, 6 + REJECTIONS_SHOWN + 1);
    assert.equal(lines[6], "  Row 2: URN 'x' is not a number");
    assert.equal(lines.at(-1), '  and 3 more');
  });

  test('no rejection list when nothing was rejected', () => {
    const lines = summaryLines('f.csv', { rows: 2, added: 2, updated: 0, unchanged: 0, rejected: [] });
    assert.equal(lines.length, 5);
  });

  test('off a terminal, progress is a plain line at each tenth', () => {
    const out = fakeStream(false);
    const progress = progressReporter(out.stream);
    for (let done = 0; done <= 1000; done += 50) progress.update(done, 1000);
    progress.stop();
    const lines = out.written().trim().split('\n');
    assert.equal(lines.length, 11);
    assert.equal(lines[0], 'Saving schools: 0% (0 of 1,000)');
    assert.equal(lines.at(-1), 'Saving schools: 100% (1,000 of 1,000)');
  });

  test('on a terminal, progress is a cli-progress bar', () => {
    const out = fakeStream(true);
    const progress = progressReporter(out.stream);
    progress.update(0, 40);
    progress.update(40, 40);
    progress.stop();
    assert.match(out.written(), /Saving schools \[.*\] 100% \| 40\/40/);
  });
});

describe('npm run hubwork -- import-schools <file.csv>', () => {
  let t: TestDatabase;
  let dir: string;
  before(async () => {
    t = await testDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'hubwork-import-'));
  });
  after(async () => {
    await t.drop();
    await rm(dir, { recursive: true, force: true });
  });

  function hubwork(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent' }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  test('imports the sample: exit code 0, the summary on stdout, progress lines on stderr', async () => {
    const { code, stdout, stderr } = await hubwork('import-schools', path.relative(root, SAMPLE_PATH));
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`Imported test/fixtures/gias-sample.csv: ${SAMPLE_ROWS} rows read`));
    assert.match(stdout, new RegExp(`added: +${SAMPLE_ROWS}\\n`));
    assert.match(stdout, /updated: +0\n/);
    assert.match(stdout, /rejected: +0\n/);
    assert.match(stderr, new RegExp(`Saving schools: 100% \\(${SAMPLE_ROWS} of ${SAMPLE_ROWS}\\)`));
    const row = await t.db.selectFrom('schools').select('name').where('urn', '=', 990003).executeTakeFirstOrThrow();
    assert.equal(row.name, 'École Française de Curlewhurst');
  });

  test('a file with rejected rows still imports (exit code 0) and lists 20 reasons and how many more', async () => {
    const file = path.join(dir, 'broken.csv');
    const rows = [goodRow(950000), ...Array.from({ length: 25 }, (_, i) => goodRow(950001 + i, { Postcode: 'nowhere' }))];
    await writeFile(file, giasCsv(rows));
    const { code, stdout, stderr } = await hubwork('import-schools', file);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /added: +1\n/);
    assert.match(stdout, /rejected: +25\n/);
    assert.match(stdout, /Row 3: Postcode 'nowhere' is not a UK postcode/);
    assert.match(stdout, /Row 22: Postcode/);
    assert.doesNotMatch(stdout, /Row 23: Postcode/);
    assert.match(stdout, /and 5 more\n/);
  });

  test('a missing file: exit code 1 and a plain message, without starting a database', async () => {
    const { code, stdout, stderr } = await hubwork('import-schools', 'no/such/edubase.csv');
    assert.equal(code, 1);
    assert.equal(stderr, 'Nothing was imported: There is no file no/such/edubase.csv.\n');
    assert.equal(stdout, '');
  });

  test('a file missing columns: exit code 1 and the columns named', async () => {
    const file = path.join(dir, 'not-gias.csv');
    await writeFile(file, giasCsv([goodRow(940000)], SMALL_HEADER.filter((c) => c !== 'URN')));
    const { code, stderr } = await hubwork('import-schools', file);
    assert.equal(code, 1);
    assert.match(stderr, /Nothing was imported from .*not-gias\.csv: The file is not a GIAS establishment CSV: it has no "URN" column\./);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  test('no file named: exit code 1 and the usage', async () => {
    const { code, stderr } = await hubwork('import-schools');
    assert.equal(code, 1);
    assert.match(stderr, /Usage: npm run hubwork -- import-schools <file\.csv>/);
  });
});
