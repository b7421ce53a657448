import { type Kysely, sql } from 'kysely';

// A lesson observation can be changed by its host or a lead before it starts (ADR 0017). Each
// observer's calendar holds the lesson as an iCalendar event with a stable UID; a calendar
// replaces it only with a copy of a higher SEQUENCE. `calendar_sequence` is the SEQUENCE of the
// latest copy sent: a change of date, time or place adds one (the update emailed to observers),
// and so does the cancellation, so the cancellation is always the highest.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE lesson_observations ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0 CHECK (calendar_sequence >= 0);
    -- Lessons cancelled before this migration were sent with SEQUENCE 1.
    UPDATE lesson_observations SET calendar_sequence = 1 WHERE cancelled_at IS NOT NULL;
    ALTER TABLE lesson_observations ADD COLUMN changed_at timestamptz;
    ALTER TABLE lesson_observations ADD COLUMN changed_by integer REFERENCES users (id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE lesson_observations DROP COLUMN changed_by;
    ALTER TABLE lesson_observations DROP COLUMN changed_at;
    ALTER TABLE lesson_observations DROP COLUMN calendar_sequence;
  `.execute(db);
}
