import { type Kysely, sql } from 'kysely';

// Joining details and reminders (ADR 0012).
// - work_groups.joining_details_text: the hub's own words for the "Joining details" email (plain
//   text; empty means the standard message). joining_details_days (0001) says when it goes.
// - registrations.joining_details_sent_at: set in the transaction that queues a school's joining
//   details, so they go once (the UPDATE … WHERE joining_details_sent_at IS NULL is the claim).
// - session_reminders: which registration has been reminded of which workshop; its primary key
//   is the claim (INSERT … ON CONFLICT DO NOTHING), in the transaction that queues the reminder.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_groups
      ADD COLUMN joining_details_text text NOT NULL DEFAULT '' CHECK (length(joining_details_text) <= 5000);
    ALTER TABLE registrations ADD COLUMN joining_details_sent_at timestamptz;
    -- The confirmed places still waiting for their joining details: what each run looks through.
    CREATE INDEX registrations_joining_details_due_idx ON registrations (work_group_id)
      WHERE status = 'confirmed' AND joining_details_sent_at IS NULL;

    CREATE TABLE session_reminders (
      session_id integer NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      registration_id integer NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, registration_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE session_reminders;
    DROP INDEX registrations_joining_details_due_idx;
    ALTER TABLE registrations DROP COLUMN joining_details_sent_at;
    ALTER TABLE work_groups DROP COLUMN joining_details_text;
  `.execute(db);
}
