import { type Kysely, sql } from 'kysely';

// The catalogue shows each Work Group's first workshop: min(starts_at) of its sessions.
// Without this index PostgreSQL walked sessions_starts_idx across every group's sessions
// for each row (about 2,300 buffers for a page of 20); with it, a few per row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX sessions_work_group_starts_idx ON sessions (work_group_id, starts_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX sessions_work_group_starts_idx`.execute(db);
}
