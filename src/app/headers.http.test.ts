// Response headers every page must have: Cache-Control no-store on everything that has not said
// it may be kept (every route the app has, as every role, and the personal pages and exports by
// name), and Strict-Transport-Security when hubwork is reached over HTTPS, not over plain HTTP.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../test/agent.ts';
import { type TestApp, testApp, testDatabase } from '../../test/harness.ts';
import { registerThroughPages } from '../../test/registration-steps.ts';
import { addressOf, routesOf } from '../../test/routes.ts';
import { factories, type World } from '../../test/factories.ts';
import { newToken, tokenHash } from '../platform/lib/tokens.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import { createServices } from './compose.ts';
import { createApp } from './server.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
/** The responses that say themselves how long they may be kept: public data only. */
const MAY_BE_KEPT = new Map([
  ['/work-groups/:code/calendar.ics', 'public, max-age=300'],
  ['/work-groups/:code/register/schools.json', 'private, max-age=60'],
]);

type Who = 'visitor' | keyof World['accounts'];

let t: TestApp;
/** This test's own hub, group, school and an account for each role (test/factories.ts). */
let world: World;
let GROUP: string;
const agents = new Map<Who, Agent>();

async function signedIn(role: Who): Promise<Agent> {
  const agent = new Agent(t.app);
  const account = role === 'visitor' ? undefined : world.accounts[role];
  if (account) assert.equal((await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password })).status, 303, role);
  return agent;
}

describe('Cache-Control', () => {
  before(async () => {
    t = await testApp({ now: NOW });
    world = await factories(t.db, NOW).world();
    GROUP = world.group.code;
    for (const who of ['visitor', ...Object.keys(world.accounts)] as Who[]) agents.set(who, await signedIn(who));
  });
  after(async () => {
    await t.close();
  });

  test('every route, as every role, sends no-store unless it serves public data that may be kept', async () => {
    const wrong: string[] = [];
    const values = { code: GROUP, slug: world.hub.slug, '/admin/projects|code': world.project.ncpCode, reference: world.reference, number: '1', workshop: '1', type: 'job-role', q: 'ab' };
    let privatePages = 0;
    for (const [who, agent] of agents) {
      for (const route of routesOf(t.app, 'GET')) {
        const url = addressOf(route, values) + (route.endsWith('schools.json') ? '?q=academy' : '');
        const page = await agent.get(url);
        const header = String(page.headers['cache-control'] ?? '');
        const allowed = MAY_BE_KEPT.get(route);
        if (allowed ? header !== allowed : !header.split(/,\s*/).includes('no-store')) wrong.push(`${url} as ${who} (${page.status}): "${header}"`);
        if (who !== 'visitor' && page.status === 200 && !allowed) privatePages++;
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(privatePages > 100, `only ${privatePages} pages were seen signed in`);
  });

  test('the pages a person must be signed in to see, the exports, and the pages a link opens are never stored', async () => {
    const lead = agents.get('work_group_lead')!;
    const hub = agents.get('hub_lead')!;
    const participant = agents.get('participant')!;
    // A participant's own calendar feed: its token is in their email; here one is set for them.
    const token = newToken();
    const person = await t.db
      .selectFrom('registration_participants as p')
      .innerJoin('registrations as r', 'r.id', 'p.registration_id')
      .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
      .select('p.id')
      .where('wg.code', '=', GROUP)
      .where('r.status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('registration_participants').set({ calendar_token_hash: tokenHash(token) }).where('id', '=', person.id).execute();
    // A headteacher's consent page and the school's own page, opened from their emails.
    const school = await factories(t.db, NOW).school(world.hub);
    await registerThroughPages(new Agent(t.app, { ip: '192.0.2.9' }), GROUP, school.urn, { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' }, { name: 'Head', email: 'head@heads.test' });
    const consent = /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec((await t.mailsTo('head@heads.test'))[0]?.text ?? '')?.[1];
    assert.ok(consent);
    const visitor = new Agent(t.app);

    const pages: [string, Agent, string][] = [
      ['your account', participant, '/account'],
      ['your Work Groups', participant, '/home'],
      ['a community board', participant, `/work-groups/${GROUP}/community`],
      ['gap tasks', participant, `/work-groups/${GROUP}/tasks`],
      ['the registers', lead, `/work-groups/${GROUP}/registers`],
      ['the attendance sheet (CSV)', lead, `/work-groups/${GROUP}/registers/attendance.csv`],
      ['the hub’s registrations', hub, `/admin/work-groups/${GROUP}/registrations`],
      ['the registrations (CSV)', hub, `/admin/work-groups/${GROUP}/registrations.csv`],
      ['API tokens', hub, '/account/api-tokens'],
      ['a participant’s calendar feed', visitor, `/calendar/${token}.ics`],
      ['a headteacher’s consent page', visitor, consent],
    ];
    for (const [what, agent, url] of pages) {
      const page = await agent.get(url);
      assert.equal(page.status, 200, what);
      assert.match(String(page.headers['cache-control']), /(^|, )no-store($|,)/, what);
    }
    // Public assets are still kept for an hour.
    assert.equal((await visitor.get('/public/app.css')).headers['cache-control'], 'public, max-age=3600');
  });
});

describe('CSRF', () => {
  let app: TestApp;
  let world: World;
  before(async () => {
    app = await testApp({ now: NOW });
    world = await factories(app.db, NOW).world();
  });
  after(async () => {
    await app.close();
  });

  test('every POST route, signed in with every right, refuses a form without its CSRF token and changes nothing; only the routes that say so are left out', async () => {
    const agent = new Agent(app.app);
    const { email, password } = world.accounts.national_admin;
    assert.equal((await agent.submit(await agent.get('/sign-in'), { email, password })).status, 303);
    const values = { code: world.group.code, slug: world.hub.slug, '/admin/projects|code': world.project.ncpCode, reference: world.reference };
    const before = await app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const accepted: string[] = [];
    let expired = 0;
    const routes = routesOf(app.app, 'POST');
    for (const route of routes) {
      // No _csrf field: as a form posted from another site would be.
      const page = await agent.request('POST', addressOf(route, values), { title: 'Forged', name: 'Forged', reason: 'Forged', email: 'forged@example.org' });
      if (page.status === 403 && /This form has expired/.test(page.$('h1').text())) expired++;
      // Refused another way (a form that sends files checks who may send it before reading it, so a 403 or 404 first).
      else if (page.status < 400) accepted.push(`${route}: ${page.status}`);
    }
    // Only the bearer-token API (it never reads the session cookie) and one-click unsubscribe (an
    // unguessable link that only stops emails) do without the token.
    assert.deepEqual(
      accepted.filter((line) => !line.startsWith('/api/v1/') && !line.startsWith('/community/unsubscribe/:token')),
      [],
    );
    assert.ok(expired > 60, `${expired} of ${routes.length} POST routes refused the form for its missing token`);
    const after = await app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n, 'nothing was changed');
  });
});

describe('Strict-Transport-Security', () => {
  test('sent for a year, with subdomains, when BASE_URL is https; not over plain HTTP', async () => {
    const database = await testDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), 'hubwork-mail-'));
    try {
      const services = createServices(database.db, { mailer: createMailer({ smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir }), baseUrl: 'https://hubwork.test' });
      for (const [secureCookies, expected] of [
        [true, 'max-age=31536000; includeSubDomains'],
        [false, undefined],
      ] as const) {
        const app = await createApp({ config: { env: 'test', logLevel: 'silent', secureCookies }, services });
        for (const url of ['/', '/work-groups', '/sign-in', '/public/app.css', '/no-such-page']) {
          const response = await app.inject({ method: 'GET', url });
          assert.equal(response.headers['strict-transport-security'], expected, `${url} with secureCookies ${secureCookies}`);
        }
        await app.close();
      }
    } finally {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
