import { type Kysely, sql } from 'kysely';

// Work Groups are found by code whatever its case (/work-groups/wrk2223-shaw01 redirects):
// an index on upper(code) makes that a lookup, and makes codes unique whatever their case.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNIQUE INDEX work_groups_code_upper_idx ON work_groups (upper(code))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX work_groups_code_upper_idx`.execute(db);
}
