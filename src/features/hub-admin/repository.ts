// All the SQL of the hub administration pages.
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type AuditEntry, writeAudit } from '../audit/repository.ts';
import type { Database, Publication } from '../../db/schema.ts';
import type { SessionValues, WorkGroupValues } from './form.ts';

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

export function createHubAdminRepository(db: Db) {
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
      return db
        .selectFrom('work_groups as wg')
        .leftJoin('hubs as h', 'h.id', 'wg.hub_id')
        .innerJoin('projects as p', 'p.id', 'wg.project_id')
        .selectAll('wg')
        .select(['h.slug as hub_slug', 'h.name as hub_name', 'p.ncp_code', 'p.academic_year'])
        .where(sql`upper(wg.code)`, '=', code.toUpperCase())
        .executeTakeFirst();
    },

    async outcomesOf(workGroupId: number) {
      return db.selectFrom('work_group_outcomes').selectAll().where('work_group_id', '=', workGroupId).execute();
    },

    async sessionsOf(workGroupId: number) {
      return db.selectFrom('sessions').selectAll().where('work_group_id', '=', workGroupId).orderBy('workshop_number').execute();
    },

    async codeExists(code: string): Promise<boolean> {
      return Boolean(await db.selectFrom('work_groups').select('id').where(sql`upper(code)`, '=', code.toUpperCase()).executeTakeFirst());
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

    async setPublication(id: number, publication: Publication) {
      await db.updateTable('work_groups').set({ publication, updated_at: sql`now()` }).where('id', '=', id).execute();
    },

    async insertSession(workGroupId: number, values: SessionValues) {
      await db.insertInto('sessions').values({ work_group_id: workGroupId, ...values }).execute();
    },

    async updateSession(workGroupId: number, workshopNumber: number, values: SessionValues) {
      await db
        .updateTable('sessions')
        .set(values)
        .where('work_group_id', '=', workGroupId)
        .where('workshop_number', '=', workshopNumber)
        .execute();
    },

    async deleteSession(workGroupId: number, workshopNumber: number) {
      await db.deleteFrom('sessions').where('work_group_id', '=', workGroupId).where('workshop_number', '=', workshopNumber).execute();
    },

    async audit(entry: AuditEntry) {
      await writeAudit(db, entry);
    },
  };
}

export type HubAdminRepository = ReturnType<typeof createHubAdminRepository>;
