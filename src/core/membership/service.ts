// Membership: whether the signed-in person may enter a Work Group's private pages (its tasks,
// community and observations), and as what — its lead (Work Group leads and the hub's staff)
// or a participant. Everyone else gets 403 (404 for a group that does not exist), checked on
// the server for every page and action. A group's space is read-only once its academic year
// has ended (after 31 August).
import type { GroupRecord } from '../work-groups/groups-repository.ts';
import type { CurrentUser } from '../identity/service.ts';
import { policy } from '../identity/policy.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { londonIsoDate } from '../../platform/lib/london-time.ts';
import type { MembershipRepository } from './repository.ts';
import { WORK_GROUP_CODE as CODE } from '../work-groups/domain.ts';

/** What membership knows of a group (findGroup gives more; a caller may build one from its own row). */
export type MemberGroup = Pick<GroupRecord, 'id' | 'code' | 'title' | 'hub_id' | 'hub_name' | 'academic_year'>;
export type Access = { group: MemberGroup; role: 'lead' | 'participant'; archived: boolean };

/** The last day of an academic year ('2026/27' → '2027-08-31'). */
export function yearEnds(academicYear: string): string {
  return `${Number(academicYear.slice(0, 4)) + 1}-08-31`;
}

export function createMembershipService(deps: { repository: MembershipRepository; clock: () => Date }) {
  const repo = deps.repository;
  const archived = (group: { academic_year: string }) => londonIsoDate(deps.clock()) > yearEnds(group.academic_year);

  return {
    /** The person's access to the group's private pages, or undefined if they have none. */
    async accessTo(user: CurrentUser | undefined, group: MemberGroup): Promise<Access | undefined> {
      if (!user) return undefined;
      if (policy.leadWorkGroup(user, { id: group.id, hubId: group.hub_id })) return { group, role: 'lead', archived: archived(group) };
      if (await repo.isParticipant(group.id, user)) return { group, role: 'participant', archived: archived(group) };
      return undefined;
    },

    /** As accessTo, by code; throws NotFound for no such group and Forbidden for no access. */
    async require(user: CurrentUser | undefined, code: string): Promise<Access> {
      const group = CODE.test(code) ? await repo.group(code) : undefined;
      if (!group) throw new NotFound('Work Group');
      const access = await this.accessTo(user, group);
      if (!access) throw new Forbidden();
      return access;
    },

    /** The groups the person takes part in or leads, with whether each is archived. */
    async groupsOf(user: CurrentUser) {
      return (await repo.groupsOf(user)).map((g) => ({ ...g, archived: archived(g) }));
    },

    members: (workGroupId: number) => repo.members(workGroupId),
    /** The schools with a confirmed place in the group. */
    confirmedSchools: (workGroupId: number) => repo.confirmedSchools(workGroupId),
    /** The schools a person takes part in the group for: by their registered email, else their account's school. */
    async schoolsOf(workGroupId: number, user: CurrentUser): Promise<{ urn: number; name: string }[]> {
      const registered = await repo.schoolsOf(workGroupId, user.email);
      if (registered.length || user.schoolUrn === null) return registered;
      const school = await repo.school(user.schoolUrn);
      return school ? [school] : [];
    },
  };
}

export type MembershipService = ReturnType<typeof createMembershipService>;
