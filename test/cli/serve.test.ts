// The start command as a newcomer runs it: a fresh data folder, demo data, a page to read,
// and a clean stop on SIGTERM/SIGINT with no PostgreSQL process left behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../free-port.ts';
import { alive, askForPasswordReset, dataFolder as newDataFolder, eventually, exited, type Running, startServe } from './serve-process.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function dataFolder(): Promise<string> {
  const dir = await newDataFolder();
  dirs.push(dir);
  return dir;
}

function start(dataDir: string, port: number, pgPort: number): Running {
  return startServe({ PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), HUBWORK_DATA_DIR: dataDir });
}

function postgresPid(dataDir: string): number {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  assert.ok(existsSync(pidFile), 'the embedded server is running');
  return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`serve --demo starts on an empty folder, shows the seed Work Groups, sends mail, and stops cleanly on ${signal}`, async () => {
    const dataDir = await dataFolder();
    const [port, pgPort] = [await freePort(), await freePort()];
    const running = start(dataDir, port, pgPort);
    await running.ready;
    assert.match(running.output(), /Loaded demo data: 40 hubs/);

    const response = await fetch(`http://127.0.0.1:${port}/work-groups?q=Secondary+Maths+Leadership+2022-23`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Secondary Maths Leadership 2022-23/);

    // The email is queued by the request and written to the mail folder by serve's job worker.
    assert.equal(await askForPasswordReset(port, 'participant@demo.hubwork.test'), 200);
    const mailDir = path.join(dataDir, 'mail');
    const sent = () => existsSync(mailDir) && readdirSync(mailDir).some((f) => f.includes('participant@demo.hubwork.test'));
    assert.ok(await eventually(sent, 10_000), `no email in ${mailDir}:\n${running.output()}`);

    const pid = postgresPid(dataDir);
    running.child.kill(signal);
    assert.equal(await exited(running.child), 0);
    assert.ok(await eventually(() => !alive(pid), 10_000), `postgres (pid ${pid}) is still running`);
    assert.ok(!existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'the server shut down cleanly');
    // The job worker stopped before the database did: none of its connections was cut from under it.
    assert.doesNotMatch(running.output(), /connection lost|terminating connection|UNLISTEN/);
  });
}

test('after hubwork is killed outright, the next start takes over the orphaned PostgreSQL and keeps the data', async () => {
  const dataDir = await dataFolder();
  const [port, pgPort] = [await freePort(), await freePort()];
  const first = start(dataDir, port, pgPort);
  await first.ready;
  const orphan = postgresPid(dataDir);
  first.child.kill('SIGKILL');
  await exited(first.child);
  assert.ok(alive(orphan), 'SIGKILL leaves the server behind');

  const second = start(dataDir, port, pgPort);
  await second.ready;
  assert.ok(!alive(orphan), 'the orphan was stopped');
  assert.doesNotMatch(second.output(), /Loaded demo data/, 'the data was kept, not loaded again');
  const response = await fetch(`http://127.0.0.1:${port}/hubs`);
  assert.equal(response.status, 200);
  const pid = postgresPid(dataDir);
  second.child.kill('SIGTERM');
  assert.equal(await exited(second.child), 0);
  assert.ok(await eventually(() => !alive(pid), 10_000));
});

test('a bad setting stops hubwork with a plain message naming it', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: 'eighty', DATABASE_URL: 'mysql://nope' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  assert.equal(await exited(child), 1);
  assert.match(stderr, /PORT/);
  assert.match(stderr, /DATABASE_URL: must be a postgres/);
  assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'no stack trace');
});
