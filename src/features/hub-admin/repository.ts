// All the SQL of the hub administration pages.
import type { Db } from '../../db/database.ts';

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
  };
}

export type HubAdminRepository = ReturnType<typeof createHubAdminRepository>;
