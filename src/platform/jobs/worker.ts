// The worker: graphile-worker's runners in this process, running the jobs it is given as they
// arrive (LISTEN/NOTIFY, so at once) or come due (polled every pollInterval). Also the install of
// graphile-worker's own schema, which the migrate step runs beside hubwork's migrations.
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { type CronItem, Logger, parseCronItems, run, runMigrations, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import type { Mailer } from '../mail/mailer.ts';
import { JOB_SCHEMA } from './queue.ts';
import { type JobDefinition, type JobName, type Jobs, mailJobs } from './definitions.ts';

/**
 * The recurring jobs (those with `every`), as graphile-worker's crontab in code (no crontab file
 * is read). Each tick is added once however many workers run (graphile-worker records it in
 * _private_known_crontabs); a missed tick is not made up (backfillPeriod 0): the next one finds
 * everything still due. The job key keeps at most one waiting, and a run that fails is tried
 * twice more, then left to the next tick.
 */
export function crontab(jobs: Jobs): (CronItem & { task: JobName })[] {
  return (Object.entries(jobs) as [JobName, JobDefinition<unknown> | undefined][]).flatMap(([task, job]) =>
    job?.every ? [{ task, match: job.every, identifier: task, options: { backfillPeriod: 0, maxAttempts: 3, jobKey: task, jobKeyMode: 'replace' as const } }] : [],
  );
}

/** The part of a pino logger the worker writes to (fastify's app.log fits). */
export type JobLogger = Record<'error' | 'warn' | 'info' | 'debug', (details: object, message: string) => void>;

type Level = keyof JobLogger;
const LEVELS: Level[] = ['debug', 'info', 'warn', 'error'];

/** Writes warnings and errors to stderr: the default, and quiet enough for tests. */
export const consoleJobLogger = (minimum: Level = 'warn'): JobLogger => {
  const write = (level: Level) => (details: object, message: string) => {
    if (LEVELS.indexOf(level) >= LEVELS.indexOf(minimum)) process.stderr.write(`[jobs] ${level}: ${message}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}\n`);
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
};

/**
 * graphile-worker's Logger over ours. Of its "meta" only an error's message is passed on: with a
 * failed job it holds the whole job, payload included, and an email's payload carries sign-in and
 * invitation links.
 */
function graphileLogger(logger: JobLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const details: Record<string, unknown> = {};
    if (scope.workerId) details.workerId = scope.workerId;
    if (scope.taskIdentifier) details.task = scope.taskIdentifier;
    if (scope.jobId) details.jobId = scope.jobId;
    const error = meta?.error;
    if (error instanceof Error) details.error = error.message;
    // LogLevel is a const enum in graphile's types: compare its string values.
    const name = String(level);
    const ours: Level = name === 'error' ? 'error' : name === 'warning' ? 'warn' : name === 'info' ? 'info' : 'debug';
    logger[ours](details, message);
  });
}

/** A pg pool whose errors are reported, not thrown: a dropped connection must not end the process. */
function newPool(connectionString: string, max: number, logger: JobLogger): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'hubwork-jobs' });
  pool.on('error', (error) => logger.warn({ error: error.message }, 'job queue: idle connection lost'));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ error: error.message }, 'job queue: connection lost')));
  return pool;
}

/**
 * Ends the pool and waits until its connections are really closed: pg's pool.end() resolves once
 * it has asked them to close, and a database stopped right after would cut them mid-goodbye.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  const open = pool.totalCount;
  let closed = 0;
  let timer: NodeJS.Timeout | undefined;
  const allClosed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      if (++closed >= open) resolve();
    });
    timer = setTimeout(resolve, 2000);
  });
  await pool.end();
  await allClosed;
  clearTimeout(timer);
}

/**
 * Creates or upgrades graphile-worker's schema (graphile_worker: its jobs table, add_job…) in the
 * database. Idempotent and safe to run from several processes at once; called by migrateToLatest.
 */
export async function installJobQueue(connectionString: string, logger: JobLogger = consoleJobLogger()): Promise<void> {
  const pool = newPool(connectionString, 1, logger);
  try {
    await runMigrations({ pgPool: pool, schema: JOB_SCHEMA, logger: graphileLogger(logger) });
  } finally {
    await endPool(pool);
  }
}

export type WorkerOptions = ({ connectionString: string } | { pgPool: pg.Pool }) & {
  /** Sends the queued emails (the platform's own jobs, send_email and send_urgent_email). */
  mailer: Mailer;
  /** The modules' jobs (app/worker.ts gathers them). A job nobody declared waits in the queue for a worker that knows it. */
  jobs?: Jobs;
  /**
   * Run the jobs that have `every` on their schedule (default true). Tests turn it off and run
   * the job themselves, at the time they choose.
   */
  schedule?: boolean;
  /** Emails sent at once by this process (default 1). */
  concurrency?: number;
  /** How often to look for jobs that have come due, retries included, in ms (default 2000). New jobs start at once. */
  pollInterval?: number;
  logger?: JobLogger;
  /** How long stop() waits for running jobs before failing them (they are retried later), in ms (default 10 s). */
  shutdownTimeout?: number;
};

export type JobWorker = {
  /** Stops taking jobs, lets running ones finish (or fails them after shutdownTimeout), closes its connections. */
  stop(): Promise<void>;
};

/**
 * The two kinds of slot a worker has. Mail (`send_email`: announcements, notices, digests) can
 * be slow, or stall on a mail server; everything else is someone waiting or a deadline (sign-in
 * links, hold expiries, the periodic sweeps) and has slots of its own, so it never queues behind
 * mail. graphile-worker gives each runner only the jobs of the tasks it knows.
 */
const URGENT_SLOTS = 2;
const isMailTask = (task: JobName) => task === 'send_email';

/** A worker says it is alive this often; one not heard from for DEAD_AFTER is taken for dead. */
const HEARTBEAT_MS = 10_000;
const DEAD_AFTER = '30 seconds';

/**
 * Releases the jobs held by workers that have died (kill -9, a lost machine), so another worker
 * runs them within a minute; graphile-worker alone waits four hours. A worker is dead when its
 * heartbeat (job_workers) is older than DEAD_AFTER, or it never had one; a job locked in the last
 * DEAD_AFTER is left alone, so a worker that has just started is never mistaken for a dead one.
 * By the database's clock throughout. Returns the number of jobs released.
 */
export async function releaseJobsOfDeadWorkers(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ ids: string[] | null; jobs: string }>(`
    SELECT array_agg(DISTINCT j.locked_by) AS ids, count(*) AS jobs
    FROM ${JOB_SCHEMA}.jobs j
    WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - interval '${DEAD_AFTER}'
      AND NOT EXISTS (SELECT 1 FROM job_workers w WHERE w.worker_id = j.locked_by AND w.seen_at > now() - interval '${DEAD_AFTER}')
  `);
  const dead = rows[0]?.ids;
  if (!dead?.length) return 0;
  await pool.query(`SELECT ${JOB_SCHEMA}.force_unlock_workers($1::text[])`, [dead]);
  return Number(rows[0]?.jobs ?? 0);
}

/** Runs the queue's jobs in this process until stop(). The schema must be installed (migrateToLatest). */
export async function startWorker(options: WorkerOptions): Promise<JobWorker> {
  const logger = options.logger ?? consoleJobLogger();
  const concurrency = options.concurrency ?? 1;
  // Each runner has one connection that listens for new jobs; its slots take and complete them.
  const ownPool = 'connectionString' in options ? newPool(options.connectionString, concurrency + URGENT_SLOTS + 2, logger) : undefined;
  const pgPool = ownPool ?? ('pgPool' in options ? options.pgPool : undefined);
  if (!pgPool) throw new Error('startWorker needs a connectionString or a pgPool');
  const jobs: Jobs = { ...options.jobs, ...mailJobs(options.mailer) };
  const pick = (wanted: (task: JobName) => boolean): TaskList =>
    Object.fromEntries(
      (Object.entries(jobs) as [JobName, JobDefinition<unknown>][])
        .filter(([task]) => wanted(task))
        .map(([task, job]) => [task, (payload: unknown, helpers: Parameters<JobDefinition<unknown>['run']>[1]) => job.run(job.payload.parse(payload ?? {}), helpers)]),
    ) as TaskList;
  const parsedCronItems = options.schedule !== false ? parseCronItems(crontab(jobs)) : [];

  // Heartbeats: every worker of this process, under its graphile-worker id.
  const workerIds = new Set<string>();
  const processName = `${hostname()}:${process.pid}`;
  const beat = async () => {
    if (!workerIds.size) return;
    await pgPool.query(
      `INSERT INTO job_workers (worker_id, process) SELECT unnest($1::text[]), $2
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
      [[...workerIds], processName],
    );
  };
  const events = new EventEmitter() as WorkerEvents;
  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId);
    beat().catch(() => {});
  });
  events.on('worker:stop', ({ worker }) => {
    workerIds.delete(worker.workerId);
    pgPool.query('DELETE FROM job_workers WHERE worker_id = $1', [worker.workerId]).catch(() => {});
  });
  const housekeeping = async () => {
    try {
      await beat();
      const released = await releaseJobsOfDeadWorkers(pgPool);
      if (released) logger.warn({ released }, 'released jobs held by a worker that stopped without finishing them; they run again now');
      await pgPool.query(`DELETE FROM job_workers WHERE seen_at < now() - interval '1 day'`);
    } catch (error) {
      // The database is away: the next beat tries again.
      logger.debug({ error: error instanceof Error ? error.message : String(error) }, 'job worker heartbeat failed');
    }
  };

  const runners: Awaited<ReturnType<typeof run>>[] = [];
  const common = {
    pgPool,
    schema: JOB_SCHEMA,
    pollInterval: options.pollInterval ?? 2000,
    logger: graphileLogger(logger),
    events,
    // hubwork's serve command owns SIGINT/SIGTERM and calls stop() in order.
    noHandleSignals: true,
  };
  try {
    // A worker that died before this one started left its jobs locked: release them first.
    await housekeeping();
    runners.push(await run({ ...common, taskList: pick(isMailTask), concurrency, parsedCronItems: [] }));
    // Our crontab, never a crontab file from the working folder: on the urgent runner.
    runners.push(await run({ ...common, taskList: pick((task) => !isMailTask(task)), concurrency: URGENT_SLOTS, parsedCronItems }));
  } catch (error) {
    for (const runner of runners) await runner.stop().catch(() => {});
    if (ownPool) await endPool(ownPool);
    throw error;
  }
  const timer = setInterval(() => void housekeeping(), HEARTBEAT_MS);
  timer.unref();
  // A runner's promise settles when it stops; an error there (the database gone) is logged, not thrown.
  for (const runner of runners) runner.promise.catch((error: unknown) => logger.error({ error: String(error) }, 'the job worker stopped on an error'));

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        const graceful = Promise.all(runners.map((runner) => runner.stop())).then(() => 'stopped' as const, () => 'stopped' as const);
        let timeout: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timeout = setTimeout(() => resolve('late'), options.shutdownTimeout ?? 10_000);
        });
        const outcome = await Promise.race([graceful, late]);
        clearTimeout(timeout);
        if (outcome === 'late') {
          logger.warn({}, 'jobs still running at shutdown: failing them, to be retried later');
          // A job's task holds no connection while it runs, so the pool can close behind it.
          await Promise.all(runners.map((runner) => runner.kill().catch(() => {})));
        }
        if (ownPool) await endPool(ownPool);
      })();
      return stopping;
    },
  };
}
