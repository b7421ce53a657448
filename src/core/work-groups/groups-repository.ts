// A Work Group by its code, once: the lookup every module uses, with its hub and project. Codes
// are found whatever their case (an index on upper(code), migration 0004). And the few changes
// other modules make to a group's own row: its completion rule and when completion was recorded.
import { sql } from 'kysely';
import { asCore, type CoreExecutor, type Database, type Publication } from '../schema.ts';

/** Which groups a caller may find: any (staff pages), public (published or closed), or any but drafts. */
export type Findable = 'any' | 'public' | 'not-draft';

const PUBLIC: Publication[] = ['published', 'closed'];

const GROUP_COLUMNS = [
  'wg.id',
  'wg.code',
  'wg.title',
  'wg.hub_id',
  'wg.project_id',
  'wg.mode',
  'wg.publication',
  'wg.archived_from',
  'wg.places_total',
  'wg.places_taken',
  'wg.participants_per_school',
  'wg.consent_hold_days',
  'wg.joining_details_days',
  'wg.joining_details_text',
  'wg.registration_opens_on',
  'wg.registration_closes_on',
  'wg.completion_min_workshops',
  'wg.completion_requires_tasks',
  'wg.completion_recorded_at',
] as const;

const HUB_AND_PROJECT = [
  'h.slug as hub_slug',
  'h.name as hub_name',
  'h.enquiries_email',
  'p.ncp_code',
  'p.title as project_title',
  'p.academic_year',
  'p.commitment_days',
  'p.strand',
  'p.phase',
] as const;

function byCode(db: CoreExecutor, code: string, findable: Findable) {
  const query = db
    .selectFrom('work_groups as wg')
    .innerJoin('projects as p', 'p.id', 'wg.project_id')
    .leftJoin('hubs as h', 'h.id', 'wg.hub_id')
    .where(sql`upper(wg.code)`, '=', code.toUpperCase());
  if (findable === 'public') return query.where('wg.publication', 'in', PUBLIC);
  if (findable === 'not-draft') return query.where('wg.publication', '<>', 'draft');
  return query;
}

/** A Work Group by its code, with its hub and project (no page text: see findGroupPage). */
export async function findGroup<Tables extends Database>(db: CoreExecutor<Tables>, code: string, findable: Findable = 'any') {
  return byCode(asCore(db), code, findable).select(GROUP_COLUMNS).select(HUB_AND_PROJECT).executeTakeFirst();
}

export type GroupRecord = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** A Work Group by its id, with its hub and project. */
export async function findGroupById<Tables extends Database>(db: CoreExecutor<Tables>, id: number) {
  return asCore(db)
    .selectFrom('work_groups as wg')
    .innerJoin('projects as p', 'p.id', 'wg.project_id')
    .leftJoin('hubs as h', 'h.id', 'wg.hub_id')
    .select(GROUP_COLUMNS)
    .select(HUB_AND_PROJECT)
    .where('wg.id', '=', id)
    .executeTakeFirst();
}

/**
 * The published groups of these projects in one hub (national groups for hubId null), each
 * with when its first workshop starts, the first to meet first.
 */
export async function publishedGroupsOf<Tables extends Database>(db: CoreExecutor<Tables>, projectIds: number[], hubId: number | null) {
  if (!projectIds.length) return [];
  return asCore(db)
    .selectFrom('work_groups as wg')
    .select([
      'wg.id',
      'wg.code',
      'wg.title',
      'wg.project_id',
      'wg.publication',
      'wg.registration_opens_on',
      'wg.registration_closes_on',
      'wg.places_total',
      'wg.places_taken',
      (eb) => eb.selectFrom('workshops as s').select((e) => e.fn.min('s.starts_at').as('first')).whereRef('s.work_group_id', '=', 'wg.id').as('first_session'),
    ])
    .where('wg.project_id', 'in', projectIds)
    .where((eb) => (hubId === null ? eb('wg.hub_id', 'is', null) : eb('wg.hub_id', '=', hubId)))
    .where('wg.publication', '=', 'published')
    .orderBy(sql`first_session`, (ob) => ob.asc().nullsLast())
    .orderBy('wg.code')
    .execute();
}

/** The other published or closed groups of a group's project in its hub (national ones for a national group). */
export async function siblingGroups<Tables extends Database>(db: CoreExecutor<Tables>, workGroupId: number) {
  return asCore(db)
    .selectFrom('work_groups as wg')
    .innerJoin('work_groups as here', (join) => join.onRef('here.project_id', '=', 'wg.project_id').on('here.id', '=', workGroupId))
    .select(['wg.id', 'wg.code', 'wg.title', 'wg.places_total', 'wg.places_taken', 'wg.hub_id'])
    .where((eb) => eb.or([eb('wg.hub_id', '=', eb.ref('here.hub_id')), eb.and([eb('wg.hub_id', 'is', null), eb('here.hub_id', 'is', null)])]))
    .where('wg.id', '<>', workGroupId)
    .where('wg.publication', 'in', PUBLIC)
    .orderBy('wg.code')
    .execute();
}

/** The same with every column of the group, its page's sections included (the editor). */
export async function findGroupPage<Tables extends Database>(db: CoreExecutor<Tables>, code: string) {
  return byCode(asCore(db), code, 'any').selectAll('wg').select(HUB_AND_PROJECT).executeTakeFirst();
}

/** Whether any group has this code, whatever its case. */
export async function codeExists<Tables extends Database>(db: CoreExecutor<Tables>, code: string): Promise<boolean> {
  return Boolean(await asCore(db).selectFrom('work_groups').select('id').where(sql`upper(code)`, '=', code.toUpperCase()).executeTakeFirst());
}

/** A group's rule for completion: at least this many workshops attended (null: every one), and every gap task submitted. */
export async function setCompletionRule<Tables extends Database>(db: CoreExecutor<Tables>, workGroupId: number, minSessions: number | null, requiresTasks: boolean) {
  await asCore(db)
    .updateTable('work_groups')
    .set({ completion_min_workshops: minSessions, completion_requires_tasks: requiresTasks })
    .where('id', '=', workGroupId)
    .execute();
}

/** When each school's completion of the group was last recorded. */
export async function setCompletionRecorded<Tables extends Database>(db: CoreExecutor<Tables>, workGroupId: number, at: Date) {
  await asCore(db).updateTable('work_groups').set({ completion_recorded_at: at }).where('id', '=', workGroupId).execute();
}
