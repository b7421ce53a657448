// `npm test`: the whole suite, on a real PostgreSQL.
// 1. Installs what npm cannot: Debian's chromium for the browser tests, when it is missing.
// 2. Starts a throwaway embedded PostgreSQL (or uses the server in DATABASE_URL, as CI does
//    with Debian's PostgreSQL 15), and builds a template database: migrated, demo data loaded.
// 3. Runs every *.test.ts with node's test runner; each test file copies the template into
//    a database of its own, so files run in parallel and never share state.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../src/app/database.ts';
import { buildAssets } from '../scripts/build-assets.ts';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/platform/db/admin.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { migrateToLatest } from '../src/app/migrate.ts';
import { seedDemoData } from '../src/seed/seed.ts';
import { freePort } from './free-port.ts';
import { CHROMIUM_PATH, TEMPLATE_DATABASE } from './settings.ts';

const root = path.resolve(import.meta.dirname, '..');

function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`The browser tests need Debian's chromium at ${CHROMIUM_PATH}: sudo apt-get install -y chromium`);
  }
  console.log('Installing Debian chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function main() {
  ensureChromium();
  await buildAssets();

  const given = process.env.DATABASE_URL;
  let dataDir: string | undefined;
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let adminUrl: string;
  if (given) {
    adminUrl = withDatabase(given, 'postgres');
    console.log('Testing on the PostgreSQL server in DATABASE_URL');
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hubwork-test-pg-'));
    const port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port });
    adminUrl = server.url('postgres');
    console.log(`Testing on an embedded PostgreSQL (port ${port})`);
  }

  let exitCode = 1;
  try {
    await dropDatabase(adminUrl, TEMPLATE_DATABASE);
    await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
    const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
    const template = createDatabase<Database>(templateUrl, 2);
    await migrateToLatest(template as never, templateUrl);
    await seedDemoData(template);
    await template.destroy();

    const files = process.argv.length > 2 ? process.argv.slice(2) : [...testFiles(path.join(root, 'src')), ...testFiles(path.join(root, 'test'))];
    exitCode = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
        { cwd: root, stdio: 'inherit', env: { ...process.env, HUBWORK_TEST_ADMIN_URL: adminUrl, NODE_ENV: 'test' } },
      );
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    await dropDatabase(adminUrl, TEMPLATE_DATABASE).catch(() => {});
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
