// Migration 0022 goes down and up again with data, and takes the state a group was archived from
// out of the audit log for groups archived before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/harness.ts';
import { migrateDown, migrateToLatest } from '../migrate.ts';

test('0022 goes down and up again, keeping archived groups and reading their earlier state from the audit log', async () => {
  const database = await testDatabase();
  try {
    const db = database.db;
    await db.updateTable('work_groups').set({ publication: 'archived', archived_from: 'published' }).where('code', '=', 'WRK2627-SHAW01').execute();
    // Down as far as 0022 (later migrations first).
    for (let undone: string[] = []; !undone.includes('0022_archived_from'); ) undone = await migrateDown(db as never);
    // An archive recorded only in the audit log, as before 0022.
    await sql`
      INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, hub_id, changes)
      VALUES (NULL, 'work_group.archive', 'work_group', 'WRK2627-SHAW01', NULL, '{"publication":{"from":"closed","to":"archived"}}')
    `.execute(db);
    await migrateToLatest(db as never, database.url);
    const row = await db.selectFrom('work_groups').select(['publication', 'archived_from']).where('code', '=', 'WRK2627-SHAW01').executeTakeFirstOrThrow();
    assert.deepEqual(row, { publication: 'archived', archived_from: 'closed' });
    const others = await db.selectFrom('work_groups').select('archived_from').where('publication', '=', 'archived').where('code', '<>', 'WRK2627-SHAW01').execute();
    assert.ok(others.length > 0 && others.every((g) => g.archived_from === null), 'groups with no record: none');
    await assert.rejects(db.updateTable('work_groups').set({ archived_from: 'draft' }).where('publication', '<>', 'archived').execute(), /archived_from_only_archived/);
  } finally {
    await database.drop();
  }
});
