// A signed-in person's home page ("Your Work Groups"): each group they take part in or lead,
// its next workshop with the joining details, and for a lead today's registers. The sections
// from tasks, the community and lesson observations are read from those features.
import type { CurrentUser } from '../../core/identity/service.ts';
import { addDays, londonInstant, londonIsoDate } from '../../platform/lib/london-time.ts';
import type { MembershipService } from '../../core/membership/service.ts';
import { sessionState } from '../attendance/index.ts';
import type { DashboardRepository } from './repository.ts';

export function createDashboardService(deps: { repository: DashboardRepository; membership: MembershipService; clock: () => Date }) {
  return {
    async home(user: CurrentUser) {
      const now = deps.clock();
      const groups = await deps.membership.groupsOf(user);
      const current = groups.filter((g) => !g.archived);
      const ids = current.map((g) => g.id);
      const today = londonIsoDate(now);
      const led = current.filter((g) => g.role === 'lead').map((g) => g.id);
      const [next, todays] = await Promise.all([
        deps.repository.nextSessions(ids, now),
        deps.repository.sessionsBetween(led, londonInstant(today, '00:00'), londonInstant(addDays(today, 1), '00:00')),
      ]);
      const nextOf = new Map(next.map((s) => [s.work_group_id, s]));
      const groupOf = new Map(current.map((g) => [g.id, g]));
      return {
        current: current.map((g) => ({ ...g, next: nextOf.get(g.id) })),
        past: groups.filter((g) => g.archived),
        todaysRegisters: todays.map((s) => ({ ...s, group: groupOf.get(s.work_group_id)!, state: sessionState(s, now) })),
        leads: led.length > 0,
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
