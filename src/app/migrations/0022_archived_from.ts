import { type Kysely, sql } from 'kysely';

// An archived Work Group remembers the state it was archived from, so a hub can restore it to
// exactly that (a published group comes back published, a draft comes back a draft). Groups
// archived before this migration take it from their audit log's archive entry where there is one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_groups ADD COLUMN archived_from text CHECK (archived_from IN ('draft', 'published', 'closed'));
    ALTER TABLE work_groups ADD CONSTRAINT work_groups_archived_from_only_archived CHECK (archived_from IS NULL OR publication = 'archived');
    UPDATE work_groups wg SET archived_from = (
      SELECT a.changes -> 'publication' ->> 'from'
      FROM audit_log a
      WHERE a.action = 'work_group.archive' AND a.subject_type = 'work_group' AND upper(a.subject_id) = upper(wg.code)
        AND a.changes -> 'publication' ->> 'from' IN ('draft', 'published', 'closed')
      ORDER BY a.at DESC, a.id DESC
      LIMIT 1
    )
    WHERE wg.publication = 'archived';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE work_groups DROP CONSTRAINT work_groups_archived_from_only_archived, DROP COLUMN archived_from`.execute(db);
}
