import { type Kysely, sql } from 'kysely';

// Gap tasks: the school-based work a Work Group's lead sets between workshops. Each task has
// plain-text instructions, a due date, optionally the workshop it follows, and resource files.
// Each school submits once per task (one row, which colleagues from the same school update:
// `version` counts the saves, so two colleagues saving at once cannot overwrite each other);
// the lead's feedback is kept with the version it was given on, and the lead may share a
// submission with the group. Files are rows of `files` (migration 0012), linked here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE gap_tasks (
      id serial PRIMARY KEY,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 150),
      instructions text NOT NULL CHECK (length(instructions) BETWEEN 1 AND 10000),
      due_on date NOT NULL,
      after_session_id integer REFERENCES sessions (id) ON DELETE SET NULL,
      set_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX gap_tasks_group_idx ON gap_tasks (work_group_id, due_on);

    CREATE TABLE gap_task_resources (
      task_id integer NOT NULL REFERENCES gap_tasks (id) ON DELETE CASCADE,
      file_id integer NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
      PRIMARY KEY (task_id, file_id)
    );

    CREATE TABLE gap_task_submissions (
      id serial PRIMARY KEY,
      task_id integer NOT NULL REFERENCES gap_tasks (id) ON DELETE CASCADE,
      school_urn integer NOT NULL REFERENCES schools (urn),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      submitted_by integer REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL,
      updated_by integer REFERENCES users (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL,
      feedback text CHECK (length(feedback) BETWEEN 1 AND 10000),
      feedback_by integer REFERENCES users (id) ON DELETE SET NULL,
      feedback_at timestamptz,
      feedback_on_version integer,
      shared boolean NOT NULL DEFAULT false,
      UNIQUE (task_id, school_urn),
      CHECK ((feedback IS NULL) = (feedback_at IS NULL) AND (feedback IS NULL) = (feedback_on_version IS NULL))
    );

    CREATE TABLE gap_task_submission_files (
      submission_id integer NOT NULL REFERENCES gap_task_submissions (id) ON DELETE CASCADE,
      file_id integer NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
      PRIMARY KEY (submission_id, file_id)
    );

    -- Files a person chose on a form that was sent back with a problem elsewhere on it: kept for
    -- a day so they need not be chosen again, then deleted.
    CREATE TABLE gap_task_held_files (
      file_id integer PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      held_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX gap_task_held_files_user_idx ON gap_task_held_files (user_id, work_group_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM files WHERE id IN (
      SELECT file_id FROM gap_task_resources
      UNION ALL SELECT file_id FROM gap_task_submission_files
      UNION ALL SELECT file_id FROM gap_task_held_files
    );
    DROP TABLE gap_task_held_files;
    DROP TABLE gap_task_submission_files;
    DROP TABLE gap_task_submissions;
    DROP TABLE gap_task_resources;
    DROP TABLE gap_tasks;
  `.execute(db);
}
