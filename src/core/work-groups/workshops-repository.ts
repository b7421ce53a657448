// A Work Group's workshops (the workshops table): the queries every module uses, once.
import { sql } from 'kysely';
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

const WORKSHOP_COLUMNS = [
  's.id',
  's.work_group_id',
  's.workshop_number',
  's.title',
  's.date_to_be_confirmed',
  's.starts_at',
  's.ends_at',
  's.mode',
  's.venue_name',
  's.venue_address',
  's.joining_link',
  's.check_in_code',
] as const;

const workshops = (db: CoreExecutor) => db.selectFrom('workshops as s').select(WORKSHOP_COLUMNS);

/** A group's workshops, by number. */
export async function workshopsOf<Tables extends Database>(db: CoreExecutor<Tables>, workGroupId: number) {
  return workshops(asCore(db)).where('s.work_group_id', '=', workGroupId).orderBy('s.workshop_number').execute();
}

/** A group's dated workshops, soonest first, each with its group's title and code (for calendars). */
export async function datedWorkshopsOf<Tables extends Database>(db: CoreExecutor<Tables>, workGroupId: number) {
  return workshops(asCore(db))
    .innerJoin('work_groups as wg', 'wg.id', 's.work_group_id')
    .select(['wg.title as group_title', 'wg.code as group_code'])
    .where('s.work_group_id', '=', workGroupId)
    .where('s.date_to_be_confirmed', '=', false)
    .orderBy('s.starts_at')
    .execute();
}

/** When the group's first workshop starts, if one has a date. */
export async function firstWorkshopStart<Tables extends Database>(db: CoreExecutor<Tables>, workGroupId: number): Promise<Date | null> {
  const row = await asCore(db)
    .selectFrom('workshops')
    .select((eb) => eb.fn.min('starts_at').as('first'))
    .where('work_group_id', '=', workGroupId)
    .executeTakeFirst();
  return (row?.first as Date | null | undefined) ?? null;
}

/** Each group's next workshop not yet over (one per group). */
export async function nextWorkshops<Tables extends Database>(db: CoreExecutor<Tables>, workGroupIds: number[], now: Date) {
  if (!workGroupIds.length) return [];
  return workshops(asCore(db))
    .distinctOn('s.work_group_id')
    .where('s.work_group_id', 'in', workGroupIds)
    .where('s.starts_at', 'is not', null)
    .where(sql<boolean>`coalesce(s.ends_at, s.starts_at) >= ${now}`)
    .orderBy('s.work_group_id')
    .orderBy('s.starts_at')
    .execute();
}

/** The groups' workshops starting between two instants (a London day, say), soonest first. */
export async function workshopsBetween<Tables extends Database>(db: CoreExecutor<Tables>, workGroupIds: number[], from: Date, to: Date) {
  if (!workGroupIds.length) return [];
  return workshops(asCore(db)).where('s.work_group_id', 'in', workGroupIds).where('s.starts_at', '>=', from).where('s.starts_at', '<', to).orderBy('s.starts_at').execute();
}

/** Gives the workshop a check-in code unless it has one; returns the code it has. */
export async function ensureCheckInCode<Tables extends Database>(db: CoreExecutor<Tables>, workshopId: number, code: string): Promise<string> {
  const row = await asCore(db)
    .updateTable('workshops')
    .set({ check_in_code: sql`coalesce(check_in_code, ${code})` })
    .where('id', '=', workshopId)
    .returning('check_in_code')
    .executeTakeFirstOrThrow();
  return row.check_in_code as string;
}

/** The workshop a check-in code belongs to, with its group. */
export async function workshopByCheckInCode<Tables extends Database>(db: CoreExecutor<Tables>, code: string) {
  return asCore(db)
    .selectFrom('workshops as s')
    .innerJoin('work_groups as wg', 'wg.id', 's.work_group_id')
    .select(['s.id', 's.workshop_number', 's.title', 's.starts_at', 's.ends_at', 'wg.id as work_group_id', 'wg.code', 'wg.title as group_title'])
    .where('s.check_in_code', '=', code)
    .executeTakeFirst();
}
