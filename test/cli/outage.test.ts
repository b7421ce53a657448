// The database goes away under a running hubwork, with requests in flight: stopped and started
// again, its connections cut by pg_terminate_backend, frozen. hubwork keeps running, answers 503
// with GOV.UK's "service unavailable" page meanwhile (never a 500), /healthz stays "ok" and
// /readyz says the database is not answering; as soon as the database is back, pages are served
// again and queued email is sent, with no restart. And Ctrl+C under traffic, which reaches the
// embedded PostgreSQL too, still stops hubwork cleanly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { ensureDatabase, withDatabase } from '../../src/platform/db/admin.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { freePort } from '../free-port.ts';
import { alive, askForPasswordReset, dataFolder, eventually, exited, type Running, startServe } from './serve-process.ts';

const dirs: string[] = [];
let pgDir: string;
let pgPort: number;
let server: EmbeddedServer | undefined;
let port: number;
let hubwork: Running;
let mailDir: string;

before(async () => {
  pgDir = await dataFolder('hubwork-outage-pg-');
  dirs.push(pgDir);
  pgPort = await freePort();
  server = await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'data'), port: pgPort });
  await ensureDatabase(server.url('postgres'), 'hubwork');
  const dataDir = await dataFolder();
  dirs.push(dataDir);
  mailDir = path.join(dataDir, 'mail');
  port = await freePort();
  hubwork = startServe({
    PORT: String(port),
    HUBWORK_DATA_DIR: dataDir,
    DATABASE_URL: withDatabase(server.url('postgres'), 'hubwork'),
    DATABASE_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_STATEMENT_TIMEOUT_MS: '1500',
  });
  await hubwork.ready;
});

after(async () => {
  if (hubwork?.child.exitCode === null) {
    hubwork.child.kill('SIGTERM');
    await exited(hubwork.child);
  }
  await server?.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const url = (pathname: string) => `http://127.0.0.1:${port}${pathname}`;

/** Requests in flight all the time, as people would send them: statuses counted. */
function traffic(paths: string[], inFlight = 6) {
  const statuses = new Map<number, number>();
  const after503: number[] = [];
  let seen503 = false;
  let running = true;
  const worker = async (n: number) => {
    for (let i = n; running; i++) {
      const pathname = paths[i % paths.length] ?? '/';
      const status = await fetch(url(pathname), { signal: AbortSignal.timeout(15_000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 503) seen503 = true;
      else if (seen503) after503.push(status);
    }
  };
  const workers = Array.from({ length: inFlight }, (_, n) => worker(n));
  return {
    statuses,
    count: (status: number) => statuses.get(status) ?? 0,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

const PAGES = ['/work-groups?q=mastery', '/hubs', '/work-groups?phase=secondary', '/work-groups/WRK2627-GN01', '/sign-in'];

async function status(pathname: string): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const response = await fetch(url(pathname), { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') };
}

/** What hubwork logged as unhandled, for a failure's message. */
const errorsLogged = () =>
  hubwork
    .output()
    .split('\n')
    .filter((line) => line.includes('unhandled'))
    .map((line) => line.slice(0, 700))
    .join('\n');

function assertStillServing(label: string) {
  assert.equal(hubwork.child.exitCode, null, `${label}: hubwork is still running\n${hubwork.output()}`);
  assert.doesNotMatch(hubwork.output(), /unhandled|Uncaught|hubwork stopped/i, `${label}: no crash or unhandled error`);
}

test('PostgreSQL stopped and started again under traffic: 503s while it is away, none after, and the process keeps running', async () => {
  const load = traffic(PAGES);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.ok(load.count(200) > 0, 'pages were served before the outage');

  await server?.stop();
  server = undefined;
  assert.ok(await eventually(() => load.count(503) > 3, 10_000), `requests get 503 while the database is away: ${JSON.stringify([...load.statuses])}`);

  const page = await status('/work-groups?q=mastery');
  assert.equal(page.status, 503);
  assert.equal(page.retryAfter, '30');
  assert.match(page.body, /<title>[^<]*Sorry, the service is unavailable/);
  assert.match(page.body, /Anything you had already saved has been kept/);
  assert.doesNotMatch(page.body, /ECONNREFUSED|at .*\.ts:\d+|pg-pool/, 'no internals on the page');
  const api = await fetch(url('/api/v1/work-groups/WRK2627-GN01/registrations'), { headers: { authorization: 'Bearer hw_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } });
  assert.equal(api.status, 503, 'the API too');
  assert.equal(api.headers.get('retry-after'), '30');
  assert.equal((await api.json()).error, 'unavailable');
  const health = await status('/healthz');
  assert.deepEqual([health.status, health.body], [200, 'ok'], '/healthz: the process is alive');
  const ready = await status('/readyz');
  assert.equal(ready.status, 503, '/readyz: the database is not answering');
  assertStillServing('during the outage');

  server = await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'data'), port: pgPort });
  assert.ok(await eventually(async () => (await status('/readyz')).status === 200, 20_000), 'ready again once the database is back');
  // From now on every request is served.
  const before = new Map(load.statuses);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await load.stop();
  const since = (s: number) => (load.statuses.get(s) ?? 0) - (before.get(s) ?? 0);
  assert.ok(since(200) > 10, `pages are served again: ${JSON.stringify([...load.statuses])}`);
  assert.equal(since(503), 0, 'no 503 once the database is back');
  assert.equal(load.count(500), 0, `never a 500: ${JSON.stringify([...load.statuses])}`);
  assert.equal(load.count(0), 0, 'no request hung or was dropped');
  assertStillServing('after the outage');

  // The job worker came back too: an email queued now is sent.
  assert.equal(await askForPasswordReset(port, 'participant@demo.hubwork.test'), 200);
  const sent = () => existsSync(mailDir) && readdirSync(mailDir).some((f) => f.includes('participant@demo.hubwork.test'));
  assert.ok(await eventually(sent, 20_000), `the worker sends mail after the outage:\n${hubwork.output()}`);
});

test('connections cut while in use (pg_terminate_backend): requests fail soft, the process keeps running', async () => {
  const load = traffic(PAGES, 10);
  const admin = new pg.Client({ connectionString: server?.url('postgres') });
  admin.on('error', () => {});
  await admin.connect();
  try {
    for (let i = 0; i < 15; i++) {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hubwork' AND pid <> pg_backend_pid()");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.end();
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const settled = new Map(load.statuses);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await load.stop();
  assertStillServing('after the connections were cut');
  assert.equal(load.count(500), 0, `never a 500: ${JSON.stringify([...load.statuses])}`);
  assert.ok((load.statuses.get(200) ?? 0) - (settled.get(200) ?? 0) > 5, 'served again at once');
  assert.equal((await status('/work-groups?q=mastery')).status, 200);
});

test('a frozen database: requests get a quick 503 instead of hanging, and are served again when it thaws', async () => {
  const postmaster = Number(readFileSync(path.join(pgDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const processes = [postmaster, ...execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).trim().split('\n').map(Number)];
  for (const pid of processes) process.kill(pid, 'SIGSTOP');
  try {
    const started = Date.now();
    const page = await status('/work-groups?q=mastery');
    const waited = Date.now() - started;
    assert.equal(page.status, 503);
    // The statement timeout is 1.5 s here (the client waits 2 s more); connecting 1 s.
    assert.ok(waited < 8000, `answered within seconds, not left hanging (${waited} ms)`);
    // More requests at once than the pool has connections: each still gets its answer in seconds.
    const burstStarted = Date.now();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => status(`/work-groups?q=frozen${i}`)));
    const burstTook = Date.now() - burstStarted;
    assert.deepEqual([...new Set(burst.map((r) => r.status))], [503], errorsLogged());
    assert.ok(burstTook < 12_000, `20 requests at once answered within seconds (${burstTook} ms)`);
    assert.equal((await status('/readyz')).status, 503);
    assert.equal((await status('/healthz')).status, 200);
  } finally {
    for (const pid of processes) if (alive(pid)) process.kill(pid, 'SIGCONT');
  }
  assert.ok(await eventually(async () => (await status('/work-groups?q=mastery')).status === 200, 20_000), 'served again once the database thaws');
  assertStillServing('after the freeze');
});

test('killed outright (kill -9) while sending an email to a stalled mail server: the next process sends it within a minute, and once', async () => {
  // Only this test's processes take jobs from now on.
  hubwork.child.kill('SIGTERM');
  assert.equal(await exited(hubwork.child), 0);
  const sockets: net.Socket[] = [];
  // A mail server that takes the connection and never says a word.
  const stalled = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const databaseUrl = withDatabase(server?.url('postgres') ?? '', 'hubwork');
  try {
    const [firstDir, secondDir] = [await dataFolder(), await dataFolder()];
    dirs.push(firstDir, secondDir);
    const firstPort = await freePort();
    const first = startServe({
      PORT: String(firstPort),
      HUBWORK_DATA_DIR: firstDir,
      DATABASE_URL: databaseUrl,
      SMTP_URL: `smtp://127.0.0.1:${(stalled.address() as net.AddressInfo).port}`,
    });
    await first.ready;
    assert.equal(await askForPasswordReset(firstPort, 'hub.admin@demo.hubwork.test'), 200);
    assert.ok(await eventually(() => sockets.length > 0, 15_000), 'the worker is sending the email');
    first.child.kill('SIGKILL');
    await exited(first.child);

    const secondPort = await freePort();
    const second = startServe({ PORT: String(secondPort), HUBWORK_DATA_DIR: secondDir, DATABASE_URL: databaseUrl });
    await second.ready;
    const mails = () => (existsSync(path.join(secondDir, 'mail')) ? readdirSync(path.join(secondDir, 'mail')).filter((f) => f.includes('hub.admin@demo.hubwork.test')) : []);
    const started = Date.now();
    assert.ok(await eventually(() => mails().length > 0, 75_000, 500), `the dead worker's email is sent by the next process:\n${second.output()}`);
    assert.ok(Date.now() - started < 75_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(mails().length, 1, 'sent once');
    second.child.kill('SIGTERM');
    assert.equal(await exited(second.child), 0);
  } finally {
    for (const socket of sockets) socket.destroy();
    stalled.close();
  }
});

test('Ctrl+C under traffic, which reaches the embedded PostgreSQL too: hubwork stops cleanly', async () => {
  const dataDir = await dataFolder();
  dirs.push(dataDir);
  const [ownPort, embeddedPort] = [await freePort(), await freePort()];
  const running = startServe({ PORT: String(ownPort), EMBEDDED_PG_PORT: String(embeddedPort), HUBWORK_DATA_DIR: dataDir }, { detached: true });
  await running.ready;
  const postmaster = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let going = true;
  const load = Array.from({ length: 6 }, async () => {
    while (going) await fetch(`http://127.0.0.1:${ownPort}/work-groups?q=mastery`).then((r) => r.arrayBuffer(), () => undefined);
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // A terminal's Ctrl+C: SIGINT to the whole foreground process group.
  process.kill(-(running.child.pid ?? 0), 'SIGINT');
  const signalled = Date.now();
  const code = await exited(running.child);
  const stoppedIn = Date.now() - signalled;
  going = false;
  await Promise.all(load);
  assert.equal(code, 0, running.output());
  assert.ok(stoppedIn < 15_000, `stopped in ${stoppedIn} ms:\n${running.output()}`);
  assert.doesNotMatch(running.output(), /unhandled|Uncaught|did not stop within/i, running.output());
  assert.ok(await eventually(() => !alive(postmaster), 10_000), 'the embedded server stopped too');
});
