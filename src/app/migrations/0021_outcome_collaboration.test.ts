// Migration 0021 goes down (a group's Working with peers joins its Professional learning, so no
// outcome is lost) and up again (the fifth area allowed once more), on a copy of the demo data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { type TestDatabase, testDatabase } from '../../../test/harness.ts';
import { down, up } from './0021_outcome_collaboration.ts';

let t: TestDatabase;
before(async () => {
  t = await testDatabase();
});
after(async () => {
  await t.drop();
});

test('down keeps every outcome (Working with peers joins Professional learning); up allows the fifth area again', async () => {
  const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', 'WRK2627-GN01').executeTakeFirstOrThrow();
  const areas = () => t.db.selectFrom('work_group_outcomes').select(['area', 'items']).where('work_group_id', '=', group.id).orderBy('area').execute();
  const before = await areas();
  assert.deepEqual(before.map((o) => o.area), ['collaboration', 'departmental', 'practice', 'professional']);

  await down(t.db as unknown as Kysely<unknown>);
  const merged = await areas();
  assert.deepEqual(merged.map((o) => o.area), ['departmental', 'practice', 'professional']);
  assert.deepEqual(merged.at(-1)?.items, [...(before.at(-1)?.items ?? []), ...(before[0]?.items ?? [])]);
  await assert.rejects(t.db.insertInto('work_group_outcomes').values({ work_group_id: group.id, area: 'collaboration', lead_in: '', items: [] }).execute(), /check/i);

  await up(t.db as unknown as Kysely<unknown>);
  await t.db.insertInto('work_group_outcomes').values({ work_group_id: group.id, area: 'collaboration', lead_in: 'Subject leaders will:', items: ['work with peers'] }).execute();
  assert.equal((await areas()).length, 4);
});
