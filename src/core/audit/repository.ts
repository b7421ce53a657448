// The audit log's one writer: who did what to which thing, and what changed. Called inside
// the transaction of the change it records, so the two stand or fall together.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type AuditEntry = {
  /** Who did it; null for someone without an account (a headteacher's answer from their emailed link). */
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  hubId: number | null;
  changes: unknown;
};

export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      hub_id: entry.hubId,
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}
