// Putting work on the queue, by SQL, on whatever connection the caller holds. Given a
// transaction, the job is a row written in that transaction: it exists only if the transaction
// commits, and the worker (worker.ts) sees it only then (graphile-worker's NOTIFY is delivered at
// commit). So "save the change, then email about it" cannot send an email for a change that was
// rolled back, nor lose the email of one that was saved.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Message } from '../mail/mailer.ts';
import type { JobPayloads, TaskName } from './tasks.ts';

/** graphile-worker's schema: its tables and functions (add_job, remove_job…). */
export const JOB_SCHEMA = 'graphile_worker';

export type JobOptions = {
  /** Not before this time (default: now). */
  runAt?: Date;
  /**
   * A name for the job, unique while it waits: enqueueing again with the same key replaces the
   * waiting job (its payload and time), and cancelJob(key) removes it. For scheduled work such
   * as reminders, e.g. `reminder:session:42`.
   */
  jobKey?: string;
  /** Attempts before the job is left failed (default 25: with the exponential backoff, about 4 days). */
  maxAttempts?: number;
};

/** A Kysely handle or a transaction (a Transaction is a Kysely). */
type Executor = Kysely<Database>;

/** Adds a job; in a transaction, it exists only if the transaction commits. Returns the job's id. */
export async function enqueueJob<Task extends TaskName>(
  db: Executor,
  task: Task,
  payload: JobPayloads[Task],
  options: JobOptions = {},
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    SELECT (${sql.id(JOB_SCHEMA, 'add_job')}(
      ${task},
      payload => ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text
    )).id
  `.execute(db);
  const id = rows[0]?.id;
  if (id === undefined || id === null) throw new Error(`graphile_worker.add_job returned no job for ${task}`);
  return String(id);
}

/** Queues an email, sent by the worker; in a transaction, only if the transaction commits. */
export async function enqueueMail(db: Executor, message: Message, options: JobOptions = {}): Promise<string> {
  return enqueueJob(db, 'send_email', message, options);
}

/** How many emails `enqueueMails` adds in one statement. */
const MAILS_PER_STATEMENT = 500;

/**
 * Queues many emails with one statement per 500 (graphile-worker's add_jobs), not a round trip
 * each: a network's announcement to thousands of members. In a transaction, only if it commits.
 */
export async function enqueueMails(db: Executor, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += MAILS_PER_STATEMENT) {
    const specs = messages.slice(i, i + MAILS_PER_STATEMENT).map((message) => ({ identifier: 'send_email' satisfies TaskName, payload: message }));
    await sql`
      SELECT count(*) FROM ${sql.id(JOB_SCHEMA, 'add_jobs')}(
        array(SELECT json_populate_recordset(NULL::${sql.id(JOB_SCHEMA, 'job_spec')}, ${JSON.stringify(specs)}::json))
      )
    `.execute(db);
  }
}

/**
 * Removes a waiting job by its key, so it never runs; true if there was one. A job already running
 * finishes, but will not be retried.
 */
export async function cancelJob(db: Executor, jobKey: string): Promise<boolean> {
  const { rows } = await sql<{ id: string | null }>`SELECT (${sql.id(JOB_SCHEMA, 'remove_job')}(${jobKey})).id`.execute(db);
  return rows[0]?.id != null;
}

export type QueuedJob = {
  id: string;
  task: string;
  key: string | null;
  runAt: Date;
  /** run_at has come (by the database's clock). */
  due: boolean;
  attempts: number;
  maxAttempts: number;
  /** Set while a worker holds the job. */
  lockedAt: Date | null;
  lastError: string | null;
};

/**
 * Every job still in the queue, oldest first: waiting, running, waiting to be retried, or failed
 * for good (attempts = maxAttempts). A job that succeeds is deleted.
 */
export async function queuedJobs(db: Executor): Promise<QueuedJob[]> {
  const { rows } = await sql<{
    id: string;
    task_identifier: string;
    key: string | null;
    run_at: Date;
    due: boolean;
    attempts: number;
    max_attempts: number;
    locked_at: Date | null;
    last_error: string | null;
  }>`
    SELECT id, task_identifier, key, run_at, run_at <= now() AS due, attempts, max_attempts, locked_at, last_error
    FROM ${sql.id(JOB_SCHEMA, 'jobs')}
    ORDER BY id
  `.execute(db);
  return rows.map((row) => ({
    id: String(row.id),
    task: row.task_identifier,
    key: row.key,
    runAt: row.run_at,
    due: row.due,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedAt: row.locked_at,
    lastError: row.last_error,
  }));
}
