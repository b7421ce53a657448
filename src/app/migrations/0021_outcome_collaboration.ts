import { type Kysely, sql } from 'kysely';

// A fifth outcome area, "Working with peers" (collaboration): the Secondary Subject Leadership
// Community's page has four groups of outcomes, the fourth about working with peers, which
// hubwork's four areas had no place for (it was merged into Professional learning).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_group_outcomes DROP CONSTRAINT work_group_outcomes_area_check;
    ALTER TABLE work_group_outcomes ADD CONSTRAINT work_group_outcomes_area_check
      CHECK (area IN ('pupil', 'departmental', 'practice', 'professional', 'collaboration'));
  `.execute(db);
}

// Back to four areas: a group's Working with peers joins the end of its Professional learning.
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE work_group_outcomes p SET items = p.items || c.items
      FROM work_group_outcomes c
      WHERE c.area = 'collaboration' AND p.area = 'professional' AND p.work_group_id = c.work_group_id;
    DELETE FROM work_group_outcomes c
      WHERE c.area = 'collaboration'
        AND EXISTS (SELECT 1 FROM work_group_outcomes p WHERE p.work_group_id = c.work_group_id AND p.area = 'professional');
    UPDATE work_group_outcomes SET area = 'professional' WHERE area = 'collaboration';
    ALTER TABLE work_group_outcomes DROP CONSTRAINT work_group_outcomes_area_check;
    ALTER TABLE work_group_outcomes ADD CONSTRAINT work_group_outcomes_area_check
      CHECK (area IN ('pupil', 'departmental', 'practice', 'professional'));
  `.execute(db);
}
