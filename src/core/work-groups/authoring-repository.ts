// The SQL of Work Groups as hubs author them (the administration pages): a hub's programme, a
// group and its workshops, created, changed, published, closed, archived and restored.
import { type Kysely, sql } from 'kysely';
import type { Database, Db, Publication } from '../schema.ts';
import { type AuditEntry, writeAudit } from '../audit/repository.ts';
import type { SessionValues, WorkGroupValues } from './values.ts';
import { codeExists, findGroupPage } from './groups-repository.ts';

type Executor = Kysely<Database>;
const SCALAR_FIELDS = [
  'title', 'theme', 'summary', 'project_id', 'mode', 'places_total', 'participants_per_school', 'joining_details_days',
  'joining_details_text', 'cost', 'purpose', 'who_for', 'what_it_involves', 'benefits', 'expectations', 'wider_context', 'schedule_note',
  'lead_information', 'registration_opens_on', 'registration_closes_on',
] as const;

function scalarValues(values: WorkGroupValues) {
  return Object.fromEntries(SCALAR_FIELDS.map((f) => [f, values[f]])) as Pick<WorkGroupValues, (typeof SCALAR_FIELDS)[number]>;
}

async function replaceOutcomes(db: Executor, workGroupId: number, outcomes: WorkGroupValues['outcomes']) {
  await db.deleteFrom('work_group_outcomes').where('work_group_id', '=', workGroupId).execute();
  if (outcomes.length) {
    await db
      .insertInto('work_group_outcomes')
      .values(outcomes.map((o) => ({ work_group_id: workGroupId, area: o.area, lead_in: o.lead_in, items: o.items })))
      .execute();
  }
}

export function createAuthoringRepository(db: Db) {
  return {
    async hubsByIds(ids: number[] | 'all') {
      let query = db.selectFrom('hubs').select(['id', 'slug', 'name', 'region']).orderBy('name');
      if (ids !== 'all') {
        if (!ids.length) return [];
        query = query.where('id', 'in', ids);
      }
      return query.execute();
    },

    /** Every group of a hub (null: the national programme), drafts and archived ones included. */
    async groupsOf(hubId: number | null) {
      let query = db
        .selectFrom('work_groups as wg')
        .innerJoin('projects as p', 'p.id', 'wg.project_id')
        .select(['wg.code', 'wg.title', 'wg.publication', 'wg.places_total', 'wg.places_taken', 'p.ncp_code', 'p.academic_year'])
        .orderBy('p.academic_year', 'desc')
        .orderBy('wg.title');
      query = hubId === null ? query.where('wg.hub_id', 'is', null) : query.where('wg.hub_id', '=', hubId);
      return query.execute();
    },

    /** The hub's audit log, newest first (null: the national programme's). */
    async auditOf(hubId: number | null, limit: number) {
      let query = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .select(['a.at', 'a.action', 'a.subject_type', 'a.subject_id', 'a.changes', 'u.name as actor_name', 'u.email as actor_email'])
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit);
      query = hubId === null ? query.where('a.hub_id', 'is', null) : query.where('a.hub_id', '=', hubId);
      return query.execute();
    },

    async projects() {
      return db.selectFrom('projects').select(['id', 'ncp_code', 'title', 'academic_year']).orderBy('academic_year', 'desc').orderBy('ncp_code').execute();
    },

    /** A group by code whatever its state, with what the editor needs. */
    async groupByCode(code: string) {
      return findGroupPage(db, code);
    },

    async outcomesOf(workGroupId: number) {
      return db.selectFrom('work_group_outcomes').selectAll().where('work_group_id', '=', workGroupId).execute();
    },

    async sessionsOf(workGroupId: number) {
      return db.selectFrom('workshops').selectAll().where('work_group_id', '=', workGroupId).orderBy('workshop_number').execute();
    },

    /** How many register marks (present, late or absent) a workshop has. */
    async marksOf(sessionId: number): Promise<number> {
      const row = await db
        .selectFrom('attendance')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('workshop_id', '=', sessionId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async codeExists(code: string): Promise<boolean> {
      return codeExists(db, code);
    },

    /** Runs the writes and the audit entry together: all or nothing. */
    async inTransaction<T>(work: (trx: ReturnType<typeof writer>) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => work(writer(trx)));
    },
  };
}

/** The writes, always inside a transaction with their audit entry. */
function writer(db: Executor) {
  return {
    async insertWorkGroup(code: string, hubId: number | null, values: WorkGroupValues): Promise<number> {
      const row = await db
        .insertInto('work_groups')
        .values({ code, hub_id: hubId, publication: 'draft', ...scalarValues(values) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceOutcomes(db, row.id, values.outcomes);
      return row.id;
    },

    async updateWorkGroup(id: number, values: WorkGroupValues) {
      await db.updateTable('work_groups').set({ ...scalarValues(values), updated_at: sql`now()` }).where('id', '=', id).execute();
      await replaceOutcomes(db, id, values.outcomes);
    },

    /**
     * Moves the group from one of `from` to `to` in one statement (so two tabs cannot both act on
     * the state they saw); archiving remembers the state it left for restore(). False if the
     * group was no longer in one of `from`.
     */
    async setPublication(id: number, from: Publication[], to: Publication): Promise<boolean> {
      const row = await db
        .updateTable('work_groups')
        .set({
          publication: to,
          // The state it leaves (the row's value before this update).
          archived_from: to === 'archived' ? sql<Exclude<Publication, 'archived'>>`publication` : null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('publication', 'in', from)
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    /**
     * Restores an archived group to the state it was archived from; a group archived before that
     * was recorded goes back to closed if schools have places (its page public, registration
     * shut) or to a draft if none has. The state it went to, or undefined if it was not archived.
     */
    async restore(id: number): Promise<Exclude<Publication, 'archived'> | undefined> {
      const row = await db
        .updateTable('work_groups')
        .set({
          publication: sql<Publication>`coalesce(archived_from, CASE WHEN places_taken > 0 THEN 'closed' ELSE 'draft' END)`,
          archived_from: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('publication', '=', 'archived')
        .returning('publication')
        .executeTakeFirst();
      return row?.publication as Exclude<Publication, 'archived'> | undefined;
    },

    async insertSession(workGroupId: number, values: SessionValues) {
      await db.insertInto('workshops').values({ work_group_id: workGroupId, ...values }).execute();
    },

    async updateSession(workGroupId: number, workshopNumber: number, values: SessionValues) {
      await db
        .updateTable('workshops')
        .set(values)
        .where('work_group_id', '=', workGroupId)
        .where('workshop_number', '=', workshopNumber)
        .execute();
    },

    /**
     * Deletes the workshop unless its register has a mark, in one statement (a mark taken while
     * the hub was reading the confirmation page still keeps it). False if it was kept.
     */
    async deleteSessionWithoutMarks(workGroupId: number, workshopNumber: number): Promise<boolean> {
      const row = await db
        .deleteFrom('workshops')
        .where('work_group_id', '=', workGroupId)
        .where('workshop_number', '=', workshopNumber)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('attendance as a').select('a.workshop_id').whereRef('a.workshop_id', '=', 'workshops.id'))))
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    async audit(entry: AuditEntry) {
      await writeAudit(db, entry);
    },
  };
}

export type AuthoringRepository = ReturnType<typeof createAuthoringRepository>;
