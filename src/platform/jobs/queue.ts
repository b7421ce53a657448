// Putting work on the queue, by SQL, on whatever connection the caller holds. Given a
// transaction, the job is a row written in that transaction: it exists only if the transaction
// commits, and the worker (worker.ts) sees it only then (graphile-worker's NOTIFY is delivered at
// commit). So "save the change, then email about it" cannot send an email for a change that was
// rolled back, nor lose the email of one that was saved.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { SqlExecutor as Executor } from '../db/database.ts';
import type { Message } from '../mail/mailer.ts';
import type { JobName, JobPayloads } from './definitions.ts';

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

export type MailOptions = JobOptions & {
  /**
   * Someone is waiting for it now (a sign-in link, a password reset): sent by the worker's own
   * slots for urgent work, never behind a queue of announcements (worker.ts).
   */
  urgent?: boolean;
};

/** Every email gets its stable key when it is queued (see Message.id). */
const withKey = (message: Message): Message => (message.id ? message : { id: randomUUID(), ...message });

/** Adds a job; in a transaction, it exists only if the transaction commits. Returns the job's id. */
export async function enqueueJob<Name extends JobName>(
  db: Executor,
  task: Name,
  payload: JobPayloads[Name],
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
export async function enqueueMail(db: Executor, message: Message, { urgent, ...options }: MailOptions = {}): Promise<string> {
  return enqueueJob(db, urgent ? 'send_urgent_email' : 'send_email', withKey(message), options);
}

/** How many emails `enqueueMails` adds in one statement. */
const MAILS_PER_STATEMENT = 500;

/**
 * Queues many emails with one statement per 500 (graphile-worker's add_jobs), not a round trip
 * each: a network's announcement to thousands of members. In a transaction, only if it commits.
 */
export async function enqueueMails(db: Executor, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += MAILS_PER_STATEMENT) {
    const specs = messages.slice(i, i + MAILS_PER_STATEMENT).map((message) => ({ identifier: 'send_email' satisfies JobName, payload: withKey(message) }));
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

/** The tasks that send an email. */
export const MAIL_TASKS = ['send_email', 'send_urgent_email'] as const satisfies readonly JobName[];

/** After this many failed attempts (about 20 minutes of retrying) an email is shown as troubled. */
const TROUBLED_AFTER_ATTEMPTS = 5;

export type TroubledMail = {
  id: string;
  to: string;
  subject: string;
  queuedAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** Left failed for good (every attempt used): it is sent only if someone tries again. */
  failed: boolean;
  /** When the worker tries again, if it will. */
  nextAttemptAt: Date | null;
};

/**
 * Emails that could not be sent: failed for good, or failing for a while and still being retried;
 * newest first. For the national administrator's page, which can try them again.
 */
export async function troubledMail(db: Executor, limit = 200): Promise<{ mails: TroubledMail[]; failed: number; retrying: number }> {
  const { rows } = await sql<{
    id: string;
    to: string | null;
    subject: string | null;
    created_at: Date;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
    run_at: Date;
    total_failed: string;
    total_retrying: string;
  }>`
    WITH troubled AS (
      SELECT j.id, j.payload->>'to' AS "to", j.payload->>'subject' AS subject, j.created_at, j.attempts, j.max_attempts,
             j.last_error, j.run_at
      FROM ${sql.id(JOB_SCHEMA, '_private_jobs')} j
      JOIN ${sql.id(JOB_SCHEMA, '_private_tasks')} t ON t.id = j.task_id
      WHERE t.identifier IN ('send_email', 'send_urgent_email') AND j.locked_at IS NULL
        AND (j.attempts >= j.max_attempts OR j.attempts >= ${TROUBLED_AFTER_ATTEMPTS})
    )
    SELECT troubled.*,
           (SELECT count(*) FROM troubled WHERE attempts >= max_attempts) AS total_failed,
           (SELECT count(*) FROM troubled WHERE attempts < max_attempts) AS total_retrying
    FROM troubled
    ORDER BY created_at DESC, id DESC
    LIMIT ${limit}
  `.execute(db);
  return {
    failed: Number(rows[0]?.total_failed ?? 0),
    retrying: Number(rows[0]?.total_retrying ?? 0),
    mails: rows.map((row) => ({
      id: String(row.id),
      to: row.to ?? '',
      subject: row.subject ?? '',
      queuedAt: row.created_at,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      lastError: row.last_error,
      failed: row.attempts >= row.max_attempts,
      nextAttemptAt: row.attempts >= row.max_attempts ? null : row.run_at,
    })),
  };
}

/** How many emails are failed for good or failing for a while (for the administration page). */
export async function troubledMailCount(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n
    FROM ${sql.id(JOB_SCHEMA, '_private_jobs')} j
    JOIN ${sql.id(JOB_SCHEMA, '_private_tasks')} t ON t.id = j.task_id
    WHERE t.identifier IN ('send_email', 'send_urgent_email') AND j.locked_at IS NULL
      AND (j.attempts >= j.max_attempts OR j.attempts >= ${TROUBLED_AFTER_ATTEMPTS})
  `.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Sends a troubled email again now, with its attempts counted from nothing. Returns its recipient
 * and subject (for the audit log), or undefined when there is no such email waiting (sent meanwhile,
 * or being tried right now).
 */
export async function retryMail(db: Executor, jobId: string): Promise<{ to: string; subject: string } | undefined> {
  const { rows } = await sql<{ to: string | null; subject: string | null }>`
    SELECT j.payload->>'to' AS "to", j.payload->>'subject' AS subject
    FROM ${sql.id(JOB_SCHEMA, 'reschedule_jobs')}(
      array(
        SELECT j.id FROM ${sql.id(JOB_SCHEMA, 'jobs')} j
        WHERE j.id = ${jobId}::bigint AND j.task_identifier IN ('send_email', 'send_urgent_email') AND j.locked_at IS NULL
      ),
      run_at => now(),
      attempts => 0
    ) j
  `.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  // Wake the workers, as add_job does: the job is due now.
  await sql`SELECT pg_notify('jobs:insert', '{"r":0,"count":1}')`.execute(db);
  return { to: row.to ?? '', subject: row.subject ?? '' };
}

/** How long the record that an email was sent (its key only) is kept: long past any retry of its job. */
export const SENT_EMAIL_RECORD_DAYS = 30;

/** The daily clean-up's part for the queue: records of sent emails past SENT_EMAIL_RECORD_DAYS. */
export async function deleteOldSentEmailRecords(db: Executor): Promise<number> {
  const { numAffectedRows } = await sql`
    DELETE FROM sent_emails WHERE sent_at < now() - make_interval(days => ${SENT_EMAIL_RECORD_DAYS})
  `.execute(db);
  return Number(numAffectedRows ?? 0);
}
