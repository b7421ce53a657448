// The authorisation matrix: every route × every role, allowed or refused as the policy says.
// A refusal is a 403 page or a redirect to sign in — never the data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { DEMO_ACCOUNTS } from '../demo-data/accounts.ts';

type Who = 'visitor' | (typeof DEMO_ACCOUNTS)[number]['role'];
type Outcome = 'allowed' | 'sign-in' | 'forbidden';

const everyone = (outcome: Outcome) => () => outcome;
const signedIn = (who: Who): Outcome => (who === 'visitor' ? 'sign-in' : 'allowed');
const only =
  (...allowed: Who[]) =>
  (who: Who): Outcome =>
    who === 'visitor' ? 'sign-in' : allowed.includes(who) ? 'allowed' : 'forbidden';

// A route, who may use it, and text that only an allowed person may see.
const ROUTES: { path: string; expect: (who: Who) => Outcome; secret?: string }[] = [
  { path: '/', expect: everyone('allowed') },
  { path: '/work-groups', expect: everyone('allowed') },
  { path: '/work-groups/WRK2223-SHAW01', expect: everyone('allowed') },
  { path: '/hubs', expect: everyone('allowed') },
  { path: '/hubs/shaw', expect: everyone('allowed') },
  { path: '/account', expect: signedIn },
  { path: '/admin', expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'Hubs you run' },
  { path: '/admin/hubs/shaw', expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="admin-groups"' },
  { path: '/admin/hubs/great-north', expect: only('national_admin'), secret: 'data-testid="admin-groups"' },
  { path: '/admin/hubs/national', expect: only('national_admin'), secret: 'data-testid="admin-groups"' },
];

const WHO: Who[] = ['visitor', ...DEMO_ACCOUNTS.map((a) => a.role)];

let t: TestApp;
const agents = new Map<Who, Agent>();

before(async () => {
  t = await testApp();
  for (const who of WHO) {
    const agent = new Agent(t.app);
    const account = DEMO_ACCOUNTS.find((a) => a.role === who);
    if (account) {
      const signedInPage = await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password });
      assert.equal(signedInPage.status, 303, `${who} signs in`);
    }
    agents.set(who, agent);
  }
});
after(async () => {
  await t.close();
});

test(`the matrix: ${ROUTES.length} routes × ${WHO.length} roles`, async () => {
  const wrong: string[] = [];
  for (const route of ROUTES) {
    for (const who of WHO) {
      const page = await agents.get(who)!.get(route.path);
      const want = route.expect(who);
      const got: Outcome | string =
        page.status === 200
          ? 'allowed'
          : page.status === 303 && page.location?.startsWith('/sign-in?returnTo=')
            ? 'sign-in'
            : page.status === 403
              ? 'forbidden'
              : `HTTP ${page.status}`;
      if (got !== want) wrong.push(`${route.path} as ${who}: expected ${want}, got ${got}`);
      if (want !== 'allowed' && route.secret && page.body.includes(route.secret)) wrong.push(`${route.path} as ${who}: refused but showed the data`);
      if (want === 'allowed' && route.secret && !page.body.includes(route.secret)) wrong.push(`${route.path} as ${who}: allowed but showed nothing`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('a hub administrator sees their hub’s drafts; the public never does', async () => {
  const draft = await t.db
    .selectFrom('work_groups as wg')
    .innerJoin('hubs as h', 'h.id', 'wg.hub_id')
    .select(['wg.title', 'wg.code', 'h.slug'])
    .where('wg.publication', '=', 'draft')
    .executeTakeFirstOrThrow();
  const national = await agents.get('national_admin')!.get(`/admin/hubs/${draft.slug}`);
  assert.match(national.$('[data-testid="admin-groups"]').text(), new RegExp(draft.code));
  assert.equal((await agents.get('visitor')!.get(`/work-groups/${draft.code}`)).status, 404);
});
