// A group's places: taken and given back atomically, in the caller's transaction.
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

/**
 * Takes one of the group's places if one is left: a single UPDATE, so PostgreSQL's row lock
 * makes simultaneous registrations queue here, and each re-checks the count it sees.
 */
export async function takePlace<Tables extends Database>(trx: CoreExecutor<Tables>, workGroupId: number): Promise<boolean> {
  const row = await asCore(trx)
    .updateTable('work_groups')
    .set((eb) => ({ places_taken: eb('places_taken', '+', 1) }))
    .where('id', '=', workGroupId)
    .whereRef('places_taken', '<', 'places_total')
    .returning('places_taken')
    .executeTakeFirst();
  return Boolean(row);
}

/** Gives a place back (never below none taken). */
export async function releasePlace<Tables extends Database>(trx: CoreExecutor<Tables>, workGroupId: number): Promise<void> {
  await asCore(trx)
    .updateTable('work_groups')
    .set((eb) => ({ places_taken: eb('places_taken', '-', 1) }))
    .where('id', '=', workGroupId)
    .where('places_taken', '>', 0)
    .execute();
}

/**
 * Locks the groups' rows (in id order, so two transactions never wait on each other) until the
 * transaction ends: schools join a group's waiting list one at a time.
 */
export async function lockGroups<Tables extends Database>(trx: CoreExecutor<Tables>, workGroupIds: number[]): Promise<void> {
  await asCore(trx).selectFrom('work_groups').select('id').where('id', 'in', workGroupIds).orderBy('id').forUpdate().execute();
}
