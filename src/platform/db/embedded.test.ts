// hubwork's own PostgreSQL server: a stale postmaster.pid never gets a stranger signalled, each
// data folder has its own password, and a server that dies under hubwork is started again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { freePort } from '../../../test/free-port.ts';
import { clearLeftovers, isPostgresServerFor, startEmbeddedPostgres } from './embedded.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubwork-embedded-'));
  await chmod(dir, 0o755);
  dirs.push(dir);
  return dir;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

test('a stale postmaster.pid naming a live process that is not our PostgreSQL: the file goes, the process is left alone', async () => {
  const dataDir = await folder();
  // Any process that would die of SIGINT, now holding the pid the file names.
  const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    assert.ok(stranger.pid);
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${stranger.pid}\n${dataDir}\n1700000000\n5432\n`);
    assert.equal(isPostgresServerFor(stranger.pid, dataDir), false);
    await clearLeftovers(dataDir, () => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(alive(stranger.pid), 'the unrelated process was not signalled');
    assert.equal(stranger.exitCode, null);
    await assert.rejects(stat(path.join(dataDir, 'postmaster.pid')), 'the stale file was removed');
  } finally {
    stranger.kill('SIGKILL');
  }
});

test('each data folder has its own password, kept in the folder; an old folder’s shared password is replaced', async () => {
  const dataDir = await folder();
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port });
  let password = '';
  try {
    const file = path.join(dataDir, 'hubwork.password');
    password = (await readFile(file, 'utf8')).trim();
    assert.match(password, /^[A-Za-z0-9_-]{32}$/);
    assert.equal((await stat(file)).mode & 0o077, 0, 'only its owner can read it');
    assert.ok(server.url().includes(encodeURIComponent(password)));
    assert.deepEqual(await query(server.url(), 'SELECT 1 AS one'), [{ one: 1 }]);
    await assert.rejects(query(`postgres://postgres:hubwork-embedded@127.0.0.1:${port}/postgres`, 'SELECT 1'), /password authentication failed/);
    // Make it a folder of before: the shared password, no file.
    await query(server.url(), "ALTER ROLE postgres PASSWORD 'hubwork-embedded'");
    await rm(file);
  } finally {
    await server.stop();
  }

  const again = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
  try {
    const replaced = (await readFile(path.join(dataDir, 'hubwork.password'), 'utf8')).trim();
    assert.notEqual(replaced, password);
    assert.deepEqual(await query(again.url(), 'SELECT 1 AS one'), [{ one: 1 }]);
    await assert.rejects(query(`postgres://postgres:hubwork-embedded@127.0.0.1:${port}/postgres`, 'SELECT 1'), /password authentication failed/);
  } finally {
    await again.stop();
  }
});

test('a server killed under hubwork is started again; one stopped by hubwork stays stopped', async () => {
  const dataDir = await folder();
  const port = await freePort();
  const said: string[] = [];
  const server = await startEmbeddedPostgres({ dataDir, port, log: (message) => said.push(message) });
  try {
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    assert.equal(isPostgresServerFor(pid, dataDir), true, 'the live server is recognised as this folder’s');
    process.kill(pid, 'SIGKILL');
    await assert.rejects(query(server.url(), 'SELECT 1'));
    const rows = await eventually(() => query(server.url(), 'SELECT 2 AS two'), 30_000);
    assert.deepEqual(rows, [{ two: 2 }]);
    assert.ok(said.some((line) => /stopped unexpectedly/.test(line)), said.join('\n'));
  } finally {
    await server.stop();
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await assert.rejects(query(server.url(), 'SELECT 1'), 'no restart after stop()');
});
