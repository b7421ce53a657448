// Migration 0024 renames the workshops' table and what is named after it, down and up again with
// the data, and leaves no constraint, index or sequence still named after "sessions".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { testDatabase } from '../../../test/harness.ts';
import { migrateDown, migrateToLatest } from '../migrate.ts';

const namesLike = async (db: Kysely<unknown>, pattern: string) =>
  (
    await sql<{ name: string }>`
      SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND conname ~ ${pattern}
      UNION ALL
      SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND relkind IN ('i', 'S') AND relname ~ ${pattern}
      ORDER BY 1`.execute(db)
  ).rows.map((r) => r.name);

test('0024 renames sessions to workshops (and its columns and names), down and up again with every row kept', async () => {
  const database = await testDatabase();
  try {
    const db = database.db;
    const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n);
    const workshops = await count('workshops');
    assert.ok(workshops > 0, 'the demo data has workshops');
    // A mark and a reminder, so the renamed columns carry data both ways.
    const workshop = await db.selectFrom('workshops').select(['id', 'work_group_id']).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('work_groups').set({ completion_min_workshops: 1 }).where('id', '=', workshop.work_group_id).execute();

    assert.deepEqual(await namesLike(db as never, '(?<!user_)sessions|session_id|session_reminders'), [], 'nothing is named after sessions but sign-ins');
    assert.ok((await namesLike(db as never, '^workshops_pkey$')).length > 0, 'the primary key follows the table');
    assert.ok((await namesLike(db as never, 'workshop_id')).length > 0, 'the foreign keys follow the columns');

    for (let undone: string[] = []; !undone.includes('0024_workshops'); ) undone = await migrateDown(db as never);
    assert.equal(await count('sessions'), workshops);
    assert.ok((await namesLike(db as never, '^sessions_pkey$')).length > 0, 'down restores the old names');
    const before = await sql<{ completion_min_sessions: number }>`SELECT completion_min_sessions FROM work_groups WHERE id = ${workshop.work_group_id}`.execute(db);
    assert.equal(before.rows[0]?.completion_min_sessions, 1);

    await migrateToLatest(db as never, database.url);
    assert.equal(await count('workshops'), workshops);
    const after = await db.selectFrom('work_groups').select('completion_min_workshops').where('id', '=', workshop.work_group_id).executeTakeFirstOrThrow();
    assert.equal(after.completion_min_workshops, 1);
    assert.deepEqual(await namesLike(db as never, '(?<!user_)sessions|session_id|session_reminders'), []);
  } finally {
    await database.drop();
  }
});
