// The authorisation matrix: every route × every role, allowed or refused as the policy says.
// A refusal is a 403 page or a redirect to sign in — never the data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { factories, type World } from '../../../test/factories.ts';

type Who = 'visitor' | keyof World['accounts'];
type Outcome = 'allowed' | 'sign-in' | 'forbidden';

const everyone = (outcome: Outcome) => () => outcome;
const signedIn = (who: Who): Outcome => (who === 'visitor' ? 'sign-in' : 'allowed');
const only =
  (...allowed: Who[]) =>
  (who: Who): Outcome =>
    who === 'visitor' ? 'sign-in' : allowed.includes(who) ? 'allowed' : 'forbidden';

type Route = { path: string; expect: (who: Who) => Outcome; secret?: string };

/**
 * A route, who may use it, and text that only an allowed person may see. `here`: the world whose
 * accounts sign in; `there`: another hub's, which only the national administrator may run.
 */
const routes = (here: World, there: World): Route[] => [
  { path: '/', expect: everyone('allowed') },
  { path: '/work-groups', expect: everyone('allowed') },
  { path: `/work-groups/${here.group.code}`, expect: everyone('allowed') },
  { path: '/hubs', expect: everyone('allowed') },
  { path: `/hubs/${here.hub.slug}`, expect: everyone('allowed') },
  { path: '/account', expect: signedIn },
  { path: '/admin', expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'Hubs you run' },
  { path: `/admin/hubs/${here.hub.slug}`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="admin-groups"' },
  { path: `/admin/hubs/${there.hub.slug}`, expect: only('national_admin'), secret: 'data-testid="admin-groups"' },
  { path: '/admin/hubs/national', expect: only('national_admin'), secret: 'data-testid="admin-groups"' },
  { path: `/admin/hubs/${here.hub.slug}/work-groups/new`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="code"' },
  { path: `/admin/hubs/${there.hub.slug}/work-groups/new`, expect: only('national_admin'), secret: 'name="code"' },
  { path: `/admin/work-groups/${here.group.code}`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="group-facts"' },
  { path: `/admin/work-groups/${here.group.code}/edit`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="title"' },
  { path: `/admin/work-groups/${here.group.code}/preview`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="schedule"' },
  { path: `/admin/work-groups/${here.group.code}/sessions/1/edit`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="workshop_number"' },
  { path: `/admin/work-groups/${here.group.code}/archive`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="archive-consequences"' },
  { path: `/admin/work-groups/${there.group.code}/archive`, expect: only('national_admin'), secret: 'data-testid="archive-consequences"' },
  { path: `/admin/work-groups/${here.group.code}/sessions/1/delete`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="workshop-to-remove"' },
  { path: `/admin/hubs/${here.hub.slug}/audit`, expect: only('national_admin', 'hub_lead'), secret: 'Audit log</h1>' },
  { path: `/admin/hubs/${there.hub.slug}/audit`, expect: only('national_admin'), secret: 'Audit log</h1>' },
  { path: `/admin/hubs/${here.hub.slug}/people`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="accounts"' },
  { path: `/admin/hubs/${there.hub.slug}/people`, expect: only('national_admin'), secret: 'data-testid="accounts"' },
  { path: `/admin/hubs/${here.hub.slug}/people/new`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="bio"' },
  { path: `/admin/work-groups/${here.group.code}/leaders`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="leaders"' },
  { path: `/admin/work-groups/${there.group.code}/leaders`, expect: only('national_admin'), secret: 'name="leaders"' },
  { path: '/admin/projects', expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="projects"' },
  { path: '/admin/projects/new', expect: only('national_admin'), secret: 'name="ncp_code"' },
  { path: `/admin/projects/${here.project.ncpCode}/edit`, expect: only('national_admin'), secret: 'name="ncp_code"' },
  { path: '/admin/schools', expect: only('national_admin'), secret: 'data-testid="schools-register"' },
  { path: `/admin/work-groups/${there.group.code}`, expect: only('national_admin'), secret: 'data-testid="group-facts"' },
  { path: `/admin/work-groups/${there.group.code}/edit`, expect: only('national_admin'), secret: 'name="title"' },
  { path: `/admin/work-groups/${here.group.code}/eligibility`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="eligibility-rules"' },
  { path: `/admin/work-groups/${here.group.code}/eligibility/new`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="rule_type"' },
  { path: `/admin/work-groups/${here.group.code}/eligibility/new/job-role`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'name="roles"' },
  { path: `/admin/work-groups/${there.group.code}/eligibility`, expect: only('national_admin'), secret: 'data-testid="eligibility-rules"' },
  { path: `/admin/work-groups/${there.group.code}/eligibility/new/state-funded`, expect: only('national_admin'), secret: 'name="kind"' },
  { path: `/admin/work-groups/${here.group.code}/registrations`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: 'data-testid="counts"' },
  { path: `/admin/work-groups/${here.group.code}/registrations.csv`, expect: only('national_admin', 'hub_lead', 'hub_admin'), secret: '"Reference"' },
  { path: `/admin/work-groups/${there.group.code}/registrations`, expect: only('national_admin'), secret: 'data-testid="counts"' },
  { path: `/work-groups/${there.group.code}/register`, expect: everyone('allowed') },
  { path: '/account/api-tokens', expect: only('national_admin', 'hub_lead', 'hub_admin', 'work_group_lead', 'participant'), secret: 'Create a token' },
];

const WHO: Who[] = ['visitor', 'national_admin', 'hub_lead', 'hub_admin', 'work_group_lead', 'participant', 'headteacher'];

let t: TestApp;
let here: World;
let there: World;
let ROUTES: Route[];
const agents = new Map<Who, Agent>();

before(async () => {
  t = await testApp();
  [here, there] = [await factories(t.db).world(), await factories(t.db).world()];
  ROUTES = routes(here, there);
  for (const who of WHO) {
    const agent = new Agent(t.app);
    const account = who === 'visitor' ? undefined : here.accounts[who];
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

test(`the matrix: every route × ${WHO.length} roles`, async () => {
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

test('changes to another hub’s group are refused for every role but the national administrator, and change nothing', async () => {
  const actions = [
    `/admin/work-groups/${there.group.code}/close`,
    `/admin/work-groups/${there.group.code}/archive`,
    `/admin/work-groups/${there.group.code}/restore`,
    `/admin/work-groups/${there.group.code}/edit`,
    `/admin/work-groups/${there.group.code}/sessions/1/delete`,
    `/admin/work-groups/${there.group.code}/leaders`,
    `/admin/work-groups/${there.group.code}/eligibility/new`,
    `/admin/work-groups/${there.group.code}/eligibility/new/state-funded`,
    `/admin/work-groups/${there.group.code}/eligibility/1/remove`,
    `/admin/hubs/${there.hub.slug}/people/invite`,
    `/admin/hubs/${there.hub.slug}/people/new`,
    '/admin/schools/import',
    `/admin/work-groups/${there.group.code}/registrations/HW-AAAA-BBBB/cancel`,
    `/admin/work-groups/${there.group.code}/registrations/HW-AAAA-BBBB/confirm`,
  ];
  for (const who of WHO.filter((w) => w !== 'national_admin')) {
    const agent = agents.get(who)!;
    // A real CSRF token from a form this person can open, so only the permission check can refuse.
    const form = await agent.get(who === 'visitor' ? '/sign-in' : '/password-reset');
    const token = form.$('input[name="_csrf"]').attr('value') ?? '';
    for (const action of actions) {
      const page = await agent.request('POST', action, { _csrf: token, title: 'Hijacked', confirm: 'yes' });
      const refused = page.status === 403 || (page.status === 303 && page.location?.startsWith('/sign-in'));
      assert.ok(refused, `${action} as ${who}: ${page.status} ${page.location ?? ''}`);
    }
  }
  const group = await t.db.selectFrom('work_groups').select(['title', 'publication']).where('id', '=', there.group.id).executeTakeFirstOrThrow();
  assert.equal(group.title, there.group.title);
  assert.equal(group.publication, 'published');
  const sessions = await t.db.selectFrom('workshops as s').innerJoin('work_groups as wg', 'wg.id', 's.work_group_id').select('s.id').where('wg.id', '=', there.group.id).execute();
  assert.equal(sessions.length, there.group.workshopIds.length);
  const rules = await t.db.selectFrom('eligibility_rules as r').innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id').select('r.id').where('wg.id', '=', there.group.id).execute();
  assert.equal(rules.length, 1, 'its eligibility rule is untouched');
});

test('a hub administrator sees their hub’s drafts; the public never does', async () => {
  const draft = await factories(t.db).workGroup(here.hub, { publication: 'draft' });
  for (const who of ['hub_admin', 'national_admin'] as const) {
    const page = await agents.get(who)!.get(`/admin/hubs/${here.hub.slug}`);
    assert.match(page.$('[data-testid="admin-groups"]').text(), new RegExp(draft.code), who);
  }
  assert.equal((await agents.get('visitor')!.get(`/work-groups/${draft.code}`)).status, 404);
});
