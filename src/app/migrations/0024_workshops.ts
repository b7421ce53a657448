import { type Kysely, sql } from 'kysely';

// The workshops' table was called `sessions`, beside `user_sessions` (sign-ins): a name that
// misled. It becomes `workshops`, and the columns and tables named after it follow:
// session_reminders → workshop_reminders, attendance.session_id → workshop_id,
// workshop_reminders.session_id → workshop_id, gap_tasks.after_session_id → after_workshop_id,
// work_groups.completion_min_sessions → completion_min_workshops. Renames only (no copy): each
// is a change of the catalogue, instant whatever the data. The constraints, indexes and
// sequences named after the old names are renamed too, so none is left saying "sessions".

/** Renames every constraint, index and sequence of this schema whose name `matches`, by `rename`. */
const renameObjects = (matches: string, rename: string) => sql.raw(`
  DO $$
  DECLARE r record;
  BEGIN
    FOR r IN
      SELECT c.conname AS name, c.conrelid::regclass::text AS tbl
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = current_schema() AND c.conrelid <> 0 AND c.conname ~ '${matches}'
    LOOP
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', r.tbl, r.name, ${rename.replaceAll('NAME', 'r.name')});
    END LOOP;
    FOR r IN
      SELECT c.relname AS name, c.relkind AS kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('i', 'S') AND c.relname ~ '${matches}'
    LOOP
      EXECUTE format('ALTER %s %I RENAME TO %I', CASE r.kind WHEN 'i' THEN 'INDEX' ELSE 'SEQUENCE' END, r.name, ${rename.replaceAll('NAME', 'r.name')});
    END LOOP;
  END $$;
`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sessions RENAME TO workshops;
    ALTER TABLE session_reminders RENAME TO workshop_reminders;
    ALTER TABLE workshop_reminders RENAME COLUMN session_id TO workshop_id;
    ALTER TABLE attendance RENAME COLUMN session_id TO workshop_id;
    ALTER TABLE gap_tasks RENAME COLUMN after_session_id TO after_workshop_id;
    ALTER TABLE work_groups RENAME COLUMN completion_min_sessions TO completion_min_workshops;
  `.execute(db);
  // Not user_sessions' own (user_sessions_pkey…).
  await renameObjects(
    '^(?!user_sessions)(.*)(sessions|session_reminders|session_id)',
    "regexp_replace(regexp_replace(regexp_replace(NAME, 'session_reminders', 'workshop_reminders', 'g'), 'session_id', 'workshop_id', 'g'), '(?<!user_)sessions', 'workshops', 'g')",
  ).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await renameObjects(
    '(workshops|workshop_reminders|workshop_id)',
    "regexp_replace(regexp_replace(regexp_replace(NAME, 'workshop_reminders', 'session_reminders', 'g'), 'workshop_id', 'session_id', 'g'), 'workshops', 'sessions', 'g')",
  ).execute(db);
  await sql`
    ALTER TABLE work_groups RENAME COLUMN completion_min_workshops TO completion_min_sessions;
    ALTER TABLE gap_tasks RENAME COLUMN after_workshop_id TO after_session_id;
    ALTER TABLE attendance RENAME COLUMN workshop_id TO session_id;
    ALTER TABLE workshop_reminders RENAME COLUMN workshop_id TO session_id;
    ALTER TABLE workshop_reminders RENAME TO session_reminders;
    ALTER TABLE workshops RENAME TO sessions;
  `.execute(db);
}
