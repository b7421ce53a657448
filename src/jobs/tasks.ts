// Every kind of job hubwork runs, in one place: its name, what its payload holds, and the code
// that does it. Adding a task means adding a line to JobPayloads and a handler to createTasks;
// the types refuse one without the other, and enqueueJob refuses a payload of the wrong shape.
import { z } from 'zod';
import type { Mailer, Message } from '../mail/mailer.ts';

/** Task name → the payload a job of that task carries (stored as JSON in graphile_worker's jobs). */
export type JobPayloads = {
  send_email: Message;
  /** At the end of a held place's consent window: release it if the headteacher has not answered. */
  expire_registration_hold: { registrationId: number };
  /**
   * Every 15 minutes (worker.ts's CRONTAB): queue the joining details and workshop reminders now
   * due (features/notices). graphile-worker's crontab adds `_cron` to the payload; it is ignored.
   */
  send_due_notices: Record<string, never>;
  /** Daily (worker.ts's CRONTAB): the community's digest emails (features/community). `_cron` is ignored. */
  send_community_digests: Record<string, never>;
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
};

export type TaskHandlers = { [Task in TaskName]: (payload: unknown) => Promise<void> };

// A payload is checked again when it is run: a job can outlive the code that enqueued it, or be
// added by hand with graphile_worker.add_job. A payload that does not fit fails the job, which
// keeps the reason in last_error.
const messageSchema = z.object({
  to: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  attachments: z.array(z.object({ filename: z.string(), content: z.string(), contentType: z.string() })).optional(),
  unsubscribeUrl: z.url().optional(),
}) satisfies z.ZodType<Message>;

export function createTasks(deps: TaskDependencies): TaskHandlers {
  return {
    async send_email(payload) {
      // A throw (SMTP refused, folder not writable) fails the attempt; graphile-worker tries
      // again later, backing off exponentially, up to the job's max_attempts.
      await deps.mailer.send(messageSchema.parse(payload));
    },
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
    async release_overdue_holds(payload) {
      if (!deps.registrations) throw new Error('This worker was started without the registration service');
      z.looseObject({}).parse(payload ?? {});
      // Safe to run late, twice, or beside another worker's run: each hold is released under its row lock, once.
      await deps.registrations.releaseOverdueHolds();
    },
  };
}
