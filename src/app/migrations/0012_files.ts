import { type Kysely, sql } from 'kysely';

// Uploaded files (gap-task submissions, community files, task resources), kept in PostgreSQL
// with the work they belong to: one backup, one transaction, the same access checks. Checked
// for type and size before they get here (modules/files/check.ts); at most 10 MB each.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE files (
      id serial PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      content_type text NOT NULL,
      size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
      sha256 text NOT NULL,
      data bytea NOT NULL,
      uploaded_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE files`.execute(db);
}
