import { type Kysely, sql } from 'kysely';

// Registers: who came to each workshop. A Work Group's lead marks each confirmed participant
// present, late or absent (with the reason); participants may check themselves in during the
// workshop with the session's code. A group's completion rule counts the workshops a school
// attended (at least one of its participants there); at the end of the year the lead records
// each school as completed or not in school_participations, which later groups' rules read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE attendance (
      session_id integer NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      participant_id integer NOT NULL REFERENCES registration_participants (id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('present', 'late', 'absent')),
      absence_reason text CHECK (length(absence_reason) BETWEEN 1 AND 300),
      self_checked_in boolean NOT NULL DEFAULT false,
      recorded_by integer REFERENCES users (id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, participant_id),
      CHECK (status <> 'absent' OR absence_reason IS NOT NULL)
    );
    CREATE INDEX attendance_participant_idx ON attendance (participant_id);
    -- Six characters a participant types to check in while the workshop runs.
    ALTER TABLE sessions ADD COLUMN check_in_code text UNIQUE CHECK (check_in_code ~ '^[2-9A-HJ-NP-Z]{6}$');
    -- A school completes the group by attending at least this many workshops (NULL: every one).
    ALTER TABLE work_groups ADD COLUMN completion_min_sessions integer CHECK (completion_min_sessions >= 1);
    -- …and, if set, has submitted every gap task the group set (see modules/tasks).
    ALTER TABLE work_groups ADD COLUMN completion_requires_tasks boolean NOT NULL DEFAULT false;
    -- When the lead last recorded each school's completion in the schools' participation records.
    ALTER TABLE work_groups ADD COLUMN completion_recorded_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE attendance;
    ALTER TABLE sessions DROP COLUMN check_in_code;
    ALTER TABLE work_groups DROP COLUMN completion_min_sessions, DROP COLUMN completion_requires_tasks, DROP COLUMN completion_recorded_at;
  `.execute(db);
}
