// What a person's home page reads: the next and today's workshops of their groups (core's).
import type { Db } from '../../core/schema.ts';
import { nextWorkshops, workshopsBetween } from '../../core/work-groups/workshops-repository.ts';

export function createDashboardRepository(db: Db) {
  return {
    /** Each group's next workshop not yet over (one per group). */
    nextSessions: (workGroupIds: number[], now: Date) => nextWorkshops(db, workGroupIds, now),
    /** The groups' workshops starting between two instants (a London day). */
    sessionsBetween: (workGroupIds: number[], from: Date, to: Date) => workshopsBetween(db, workGroupIds, from, to),
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
