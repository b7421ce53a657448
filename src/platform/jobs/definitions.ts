// What a job is: its name, what its payload holds, and the code that runs it. The platform
// knows only its own, sending email; each module declares the rest beside its service (its
// jobs.ts), adds their payloads to JobPayloads, and app/compose.ts gathers them for the worker.
import type { JobHelpers as GraphileHelpers } from 'graphile-worker';
import { z } from 'zod';
import type { Mailer, Message } from '../mail/mailer.ts';

/**
 * Job name → the payload a job of that name carries (stored as JSON in graphile_worker's jobs).
 * A module adds its own jobs here by declaration merging, in its jobs.ts:
 * `declare module '../../platform/jobs/definitions.ts' { interface JobPayloads { my_job: {…} } }`,
 * so enqueueJob refuses a name nobody declared and a payload of the wrong shape.
 */
export interface JobPayloads {
  send_email: Message;
  /** The same, for someone waiting for it now (sign-in links, password resets): the urgent slots (worker.ts). */
  send_urgent_email: Message;
}

export type JobName = keyof JobPayloads;

/** What a job may use of graphile-worker's helpers: its job's id, and a query on the queue's connection. */
export type JobHelpers = Pick<GraphileHelpers, 'query'> & { job: Pick<GraphileHelpers['job'], 'id' | 'attempts'> };

/**
 * One kind of job. Its payload is checked again when it is run: a job can outlive the code that
 * enqueued it, or be added by hand with graphile_worker.add_job; one that does not fit fails the
 * job, which keeps the reason in last_error. A job with `every` is also run on that schedule
 * (a cron pattern, UTC) — its payload is then {} with graphile-worker's `_cron`, which is ignored.
 * graphile-worker always passes its helpers; jobs that need none may be run without (in tests).
 */
export type JobDefinition<Payload> = {
  payload: z.ZodType<Payload>;
  run(payload: Payload, helpers?: JobHelpers): Promise<void>;
  every?: string;
};

/** A set of jobs, by name, as a module declares them. */
export type Jobs = { [Name in JobName]?: JobDefinition<JobPayloads[Name]> };

/** The payload of a job run on a schedule: nothing but graphile-worker's `_cron`, which is ignored. */
export const scheduled = z.looseObject({}).transform(() => ({}) as Record<string, never>);

const messageSchema = z.object({
  id: z.string().min(1).max(100).optional(),
  to: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  attachments: z.array(z.object({ filename: z.string(), content: z.string(), contentType: z.string() })).optional(),
  unsubscribeUrl: z.url().optional(),
}) satisfies z.ZodType<Message>;

/**
 * Sends a queued email once. Its key (given when it was queued; for older jobs, the job's id) is
 * recorded in sent_emails once the mail server has taken it, and a job that finds its key there
 * (it was run again after its worker died between the two) does not send it again. Dying after
 * the send and before the record can still send it twice: with the same Message-ID, which mail
 * programs recognise. A throw (SMTP refused, folder not writable) fails the attempt; graphile-worker
 * tries again later, backing off exponentially, up to the job's max_attempts.
 */
async function sendOnce(mailer: Mailer, message: Message, helpers: JobHelpers | undefined): Promise<void> {
  if (!helpers) throw new Error('An email is sent by the job worker, which gives its job');
  const key = message.id ?? `job-${helpers.job.id}`;
  // Only a job tried before (graphile-worker counts the attempt when it takes the job) can have sent it.
  if (helpers.job.attempts > 1) {
    const sent = await helpers.query('SELECT 1 FROM sent_emails WHERE message_key = $1', [key]);
    if (sent.rowCount) return;
  }
  await mailer.send({ ...message, id: key });
  // Recorded without waiting for the disk (synchronous_commit off for this statement alone): a
  // crash in the next moment may lose the record, and the email then goes twice with its one
  // Message-ID; waiting would halve how fast mail goes out.
  await helpers.query(
    `WITH quick AS (SELECT set_config('synchronous_commit', 'off', true))
     INSERT INTO sent_emails (message_key) SELECT $1 FROM quick ON CONFLICT DO NOTHING`,
    [key],
  );
}

/** The platform's own jobs: an email, sent once, in the mail slots or (urgent) in the urgent ones. */
export function mailJobs(mailer: Mailer): Jobs {
  return {
    send_email: { payload: messageSchema, run: (message, helpers) => sendOnce(mailer, message, helpers) },
    send_urgent_email: { payload: messageSchema, run: (message, helpers) => sendOnce(mailer, message, helpers) },
  };
}
