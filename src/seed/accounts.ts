// One demo account per role, for trying hubwork out. They exist only in demo data; the README
// lists them with their passwords.
import type { Role } from '../core/schema.ts';

export type DemoAccount = {
  email: string;
  name: string;
  password: string;
  role: Role;
  /** What the role is for: a hub's slug, a Work Group's code, or "school" (the headteacher's school). */
  scope: { hub: string } | { workGroup: string } | { school: true } | null;
  /** The leader (people row) this account belongs to, by name. */
  person?: string;
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'national.admin@demo.hubwork.test',
    name: 'Nadia Okafor',
    password: 'national-demo-2026',
    role: 'national_admin',
    scope: null,
  },
  {
    email: 'hub.lead@demo.hubwork.test',
    name: 'Harriet Lowe',
    password: 'hub-lead-demo-2026',
    role: 'hub_lead',
    scope: { hub: 'shaw' },
  },
  {
    email: 'hub.admin@demo.hubwork.test',
    name: 'Amir Haddad',
    password: 'hub-admin-demo-2026',
    role: 'hub_admin',
    scope: { hub: 'shaw' },
  },
  {
    email: 'steve.waterhouse@demo.hubwork.test',
    name: 'Steve Waterhouse',
    password: 'wg-lead-demo-2026',
    role: 'work_group_lead',
    scope: { workGroup: 'WRK2223-SHAW01' },
    person: 'Steve Waterhouse',
  },
  {
    email: 'participant@demo.hubwork.test',
    name: 'Priya Shah',
    password: 'participant-demo-2026',
    role: 'participant',
    scope: { workGroup: 'WRK2223-SHAW01' },
  },
  {
    email: 'headteacher@demo.hubwork.test',
    name: 'Helen Marsh',
    password: 'headteacher-demo-2026',
    role: 'headteacher',
    scope: { school: true },
  },
];

/**
 * This year, too: the demo Work Group lead also leads SHaW's 2026/27 Subject Leadership
 * Community, and the demo participant's school (the demo headteacher's) has a confirmed place
 * on it, so their home pages, registers, tasks and community have a current group.
 */
export const DEMO_THIS_YEAR = {
  workGroup: 'WRK2627-SHAW01',
  lead: 'steve.waterhouse@demo.hubwork.test',
  participant: 'participant@demo.hubwork.test',
  headteacher: 'headteacher@demo.hubwork.test',
} as const;
