// Every kind of job hubwork runs, in one place: its name, what its payload holds, and the code
// that does it. Adding a task means adding a line to JobPayloads and a handler to createTasks;
// the types refuse one without the other, and enqueueJob refuses a payload of the wrong shape.
import type { JobHelpers } from 'graphile-worker';
import { z } from 'zod';
import type { Mailer, Message } from '../mail/mailer.ts';

/** Task name → the payload a job of that task carries (stored as JSON in graphile_worker's jobs). */
export type JobPayloads = {
  send_email: Message;
  /** The same, for someone waiting for it now (sign-in links, password resets): the urgent slots (worker.ts). */
  send_urgent_email: Message;
  /** At the end of a held place's consent window: release it if the headteacher has not answered. */
  expire_registration_hold: { registrationId: number };
  /**
   * Every 15 minutes (worker.ts's CRONTAB): queue the joining details and workshop reminders now
   * due (features/notices). graphile-worker's crontab adds `_cron` to the payload; it is ignored.
   */
  send_due_notices: Record<string, never>;
  /** Daily (worker.ts's CRONTAB): the community's digest emails (features/community). `_cron` is ignored. */
  send_community_digests: Record<string, never>;
  /** A sign-in or password-reset link asked for at this address: emailed if it has an account (features/auth). */
  email_one_time_link: { email: string; purpose: 'sign-in' | 'password-reset' };
  /** Daily (worker.ts's CRONTAB): delete the sign-in and check-in records past their time (services.retention). `_cron` is ignored. */
  delete_expired_records: Record<string, never>;
  /** Every 5 minutes (worker.ts's CRONTAB): release any held place past its time that its job missed (features/registrations). */
  release_overdue_holds: Record<string, never>;
};

export type TaskName = keyof JobPayloads;

export type TaskDependencies = {
  mailer: Mailer;
  /** Registration's rules (features/registrations); a worker without them fails such jobs, to be retried. */
  registrations?: { expireHold(registrationId: number): Promise<boolean>; purgeExpiredDrafts(): Promise<number>; releaseOverdueHolds(): Promise<number> };
  /** Joining details and reminders (features/notices), at the service's clock. */
  notices?: { sendDue(): Promise<unknown> };
  /** The community's daily digest (features/community). */
  community?: { sendDigests(): Promise<unknown> };
  /** Sign-in's emailed links (features/auth). */
  auth?: { emailLink(email: string, purpose: 'sign-in' | 'password-reset'): Promise<void> };
  /** The daily clean-up (services.retention). */
  retention?: { deleteExpired(): Promise<unknown> };
};

/** What a task may use of graphile-worker's helpers: its job's id, and a query on the queue's connection. */
export type TaskHelpers = Pick<JobHelpers, 'query'> & { job: Pick<JobHelpers['job'], 'id' | 'attempts'> };

/** graphile-worker always passes its helpers; the tasks that need none may be called without (in tests). */
export type TaskHandlers = { [Task in TaskName]: (payload: unknown, helpers?: TaskHelpers) => Promise<void> };

// A payload is checked again when it is run: a job can outlive the code that enqueued it, or be
// added by hand with graphile_worker.add_job. A payload that does not fit fails the job, which
// keeps the reason in last_error.
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
async function sendOnce(mailer: Mailer, payload: unknown, helpers: TaskHelpers | undefined): Promise<void> {
  if (!helpers) throw new Error('An email is sent by the job worker, which gives its job');
  const message = messageSchema.parse(payload);
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

export function createTasks(deps: TaskDependencies): TaskHandlers {
  return {
    send_email: (payload, helpers) => sendOnce(deps.mailer, payload, helpers),
    send_urgent_email: (payload, helpers) => sendOnce(deps.mailer, payload, helpers),
    async expire_registration_hold(payload) {
      if (!deps.registrations) throw new Error('This worker was started without the registration service');
      // Safe to run early, late or twice: it releases only a hold still pending and past its time.
      await deps.registrations.expireHold(z.object({ registrationId: z.number().int().positive() }).parse(payload).registrationId);
    },
    async send_due_notices(payload) {
      if (!deps.notices) throw new Error('This worker was started without the notices service');
      z.looseObject({}).parse(payload ?? {});
      // Safe to run late, twice, or beside another worker's run: each notice is claimed in the
      // transaction that queues its emails (ADR 12).
      await deps.notices.sendDue();
      // Housekeeping on the same tick: registration drafts hold names and emails, kept 24 hours only.
      await deps.registrations?.purgeExpiredDrafts();
    },
    async send_community_digests(payload) {
      if (!deps.community) throw new Error('This worker was started without the community service');
      z.looseObject({}).parse(payload ?? {});
      // Safe to run late or twice: a run within 12 hours of the last does nothing, and each run
      // queues its emails in the transaction that records it.
      await deps.community.sendDigests();
    },
    async email_one_time_link(payload) {
      if (!deps.auth) throw new Error('This worker was started without the auth service');
      const { email, purpose } = z.object({ email: z.string().max(254), purpose: z.enum(['sign-in', 'password-reset']) }).parse(payload);
      // Safe to run twice: a second run makes a newer link, which replaces the first (the throttle allows 3).
      await deps.auth.emailLink(email, purpose);
    },
    async delete_expired_records(payload) {
      if (!deps.retention) throw new Error('This worker was started without the retention service');
      z.looseObject({}).parse(payload ?? {});
      // Safe to run late, twice or beside another worker: each run deletes what is past its time then.
      await deps.retention.deleteExpired();
    },
    async release_overdue_holds(payload) {
      if (!deps.registrations) throw new Error('This worker was started without the registration service');
      z.looseObject({}).parse(payload ?? {});
      // Safe to run late, twice, or beside another worker's run: each hold is released under its row lock, once.
      await deps.registrations.releaseOverdueHolds();
    },
  };
}
