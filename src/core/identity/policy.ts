// Who may do what: one-line rules over the signed-in person's roles, checked on the server
// for every page and action. A hub's staff act only on their own hub; the national
// administrator acts everywhere; centrally-led groups (no hub) belong to the national programme.
import type { Role } from '../schema.ts';
import type { CurrentUser } from './service.ts';

type User = CurrentUser | undefined;

const HUB_STAFF = new Set(['hub_lead', 'assistant_hub_lead', 'hub_admin']);
const HUB_LEADERS = new Set(['hub_lead', 'assistant_hub_lead']);

/** Each role by the name the pages give it (the directory, invitations, the audit log). */
export const ROLE_NAMES: Record<Role, string> = {
  national_admin: 'National administrator',
  hub_lead: 'Hub lead',
  assistant_hub_lead: 'Assistant hub lead',
  hub_admin: 'Hub administrator',
  work_group_lead: 'Work Group lead',
  participant: 'Participant',
  headteacher: 'Headteacher',
};

export const isNationalAdmin = (user: User): boolean => Boolean(user?.roles.some((r) => r.role === 'national_admin'));

/** Hubs whose programme this person runs (the national administrator: every hub). */
export const staffHubIds = (user: User): number[] =>
  (user?.roles ?? []).filter((r) => HUB_STAFF.has(r.role) && r.hubId !== null).map((r) => r.hubId as number);

export const policy = {
  /** Create, edit, publish, close and archive the hub's Work Groups; see its drafts. */
  manageHubProgramme: (user: User, hubId: number | null): boolean =>
    isNationalAdmin(user) || (hubId !== null && staffHubIds(user).includes(hubId)),

  /** Read who changed what in the hub: hub leads and assistant hub leads, and the national administrator. */
  readHubAuditLog: (user: User, hubId: number): boolean =>
    isNationalAdmin(user) || Boolean(user?.roles.some((r) => HUB_LEADERS.has(r.role) && r.hubId === hubId)),

  /** Invite people to the hub and give them roles: hub leads and assistant hub leads (the national programme's: its administrator). */
  manageHubPeople: (user: User, hubId: number | null): boolean =>
    isNationalAdmin(user) || (hubId !== null && Boolean(user?.roles.some((r) => HUB_LEADERS.has(r.role) && r.hubId === hubId))),

  /** Import the national register of schools. */
  importSchools: (user: User): boolean => isNationalAdmin(user),

  /** Run a Work Group day to day (registers, tasks, community): its leads, and its hub's staff. */
  leadWorkGroup: (user: User, group: { id: number; hubId: number | null }): boolean =>
    Boolean(user?.roles.some((r) => r.role === 'work_group_lead' && r.workGroupId === group.id)) ||
    policy.manageHubProgramme(user, group.hubId),

  /**
   * Have API tokens and use the JSON API (modules/api): the people whose work it does — hub staff
   * and the national administrator (a hub's registrations), Work Group leads and participants
   * (registering schools). Not a headteacher, nor an account with no role: it has nothing for them.
   */
  useApi: (user: User): boolean => Boolean(user?.roles.some((r) => r.role !== 'headteacher')),

  /** See the administration area at all. */
  useAdministration: (user: User): boolean => isNationalAdmin(user) || staffHubIds(user).length > 0,
};
