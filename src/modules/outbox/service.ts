// Emails that could not be sent: the national administrator sees those that failed for
// good or keep failing, with the mail server's last answer, and sends one again. The queue's own
// SQL is in jobs/queue.ts; each retry is in the audit log.
import type { Db } from '../../core/schema.ts';
import { deleteOldSentEmailRecords, retryMail, troubledMail, troubledMailCount } from '../../platform/jobs/queue.ts';
import { writeAudit } from '../../core/audit/repository.ts';

export function createOutboxService(db: Db) {
  return {
    list: () => troubledMail(db),
    /** The daily clean-up's part (services.retention). */
    deleteExpired: async () => ({ sentEmailRecords: await deleteOldSentEmailRecords(db) }),
    count: () => troubledMailCount(db),
    /** Sends it again now, counting attempts from nothing; false if it is no longer waiting (sent, or being tried). */
    async retry(jobId: string, actorUserId: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const mail = await retryMail(trx, jobId);
        if (!mail) return false;
        await writeAudit(trx, { actorUserId, action: 'email.retried', subjectType: 'email', subjectId: jobId, hubId: null, changes: { to: mail.to, subject: mail.subject } });
        return true;
      });
    },
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
