import { type Kysely, sql } from 'kysely';

// Lesson observations: a school in a Work Group offers a lesson (when, which class, which of the
// Five Big Ideas it focuses on, where to report on arrival, how many may observe); the group's
// members sign up to observe it, up to the host's limit; afterwards the host or a lead records
// the post-lesson discussion. `observers_count` is kept with the sign-ups in one transaction and
// a CHECK stops it ever passing the limit, so simultaneous sign-ups cannot overfill a lesson.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE lesson_observations (
      id serial PRIMARY KEY,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      school_urn integer NOT NULL REFERENCES schools (urn),
      offered_by integer NOT NULL REFERENCES users (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      class_name text NOT NULL CHECK (length(class_name) BETWEEN 1 AND 100),
      focus text NOT NULL CHECK (focus IN ('coherence', 'representation_structure', 'mathematical_thinking', 'fluency', 'variation', 'other')),
      focus_other text CHECK (length(focus_other) BETWEEN 1 AND 200),
      arrival text NOT NULL CHECK (length(arrival) BETWEEN 1 AND 500),
      observer_limit integer NOT NULL CHECK (observer_limit BETWEEN 1 AND 20),
      observers_count integer NOT NULL DEFAULT 0,
      notes text CHECK (length(notes) BETWEEN 1 AND 5000),
      notes_by integer REFERENCES users (id),
      notes_at timestamptz,
      cancelled_at timestamptz,
      cancelled_by integer REFERENCES users (id),
      cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK ((focus = 'other') = (focus_other IS NOT NULL)),
      CHECK (observers_count BETWEEN 0 AND observer_limit)
    );
    CREATE INDEX lesson_observations_group_idx ON lesson_observations (work_group_id, starts_at);
    CREATE INDEX lesson_observations_host_idx ON lesson_observations (offered_by, starts_at);

    CREATE TABLE lesson_observers (
      observation_id integer NOT NULL REFERENCES lesson_observations (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      signed_up_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (observation_id, user_id)
    );
    CREATE INDEX lesson_observers_user_idx ON lesson_observers (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE lesson_observers;
    DROP TABLE lesson_observations;
  `.execute(db);
}
