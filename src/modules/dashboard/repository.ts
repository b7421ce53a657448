// The SQL of a person's home page: the next and today's workshops of their groups.
import { sql } from 'kysely';
import type { Db } from '../../core/schema.ts';

export function createDashboardRepository(db: Db) {
  const sessions = () =>
    db
      .selectFrom('sessions as s')
      .select(['s.id', 's.work_group_id', 's.workshop_number', 's.title', 's.starts_at', 's.ends_at', 's.mode', 's.venue_name', 's.venue_address', 's.joining_link']);

  return {
    /** Each group's next workshop not yet over (one per group). */
    async nextSessions(workGroupIds: number[], now: Date) {
      if (!workGroupIds.length) return [];
      return sessions()
        .distinctOn('s.work_group_id')
        .where('s.work_group_id', 'in', workGroupIds)
        .where('s.starts_at', 'is not', null)
        .where(sql<boolean>`coalesce(s.ends_at, s.starts_at) >= ${now}`)
        .orderBy('s.work_group_id')
        .orderBy('s.starts_at')
        .execute();
    },

    /** The groups' workshops starting between two instants (a London day). */
    async sessionsBetween(workGroupIds: number[], from: Date, to: Date) {
      if (!workGroupIds.length) return [];
      return sessions().where('s.work_group_id', 'in', workGroupIds).where('s.starts_at', '>=', from).where('s.starts_at', '<', to).orderBy('s.starts_at').execute();
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
