// The password throttle under attack: guesses sent in parallel, and strangers trying to lock
// someone out. The policy (service.ts): per account *and* address, 5 wrong passwords, then a
// delay that doubles from a minute to at most an hour; per address, 20 across all accounts, then
// the same growing delay. Nobody elsewhere is locked out, and the emailed link always works.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { accountWithRole, factories } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

/** An account of this test's own with the role (a new one each time). */
const account = (role: Role) => accountWithRole(factories(t.db), role);

/** The sign-in form's fields, ready to post many times over (its CSRF token can be reused). */
async function signInForm(agent: Agent) {
  const page = await agent.get('/sign-in');
  return { _csrf: String(page.$('input[name="_csrf"]').val()), returnTo: '/home' };
}

/** Moves the throttle's memory of this address's attempts back by `seconds`, as if that time had passed. */
async function wait(ip: string, seconds: number) {
  await t.db
    .updateTable('sign_in_throttles')
    .set({ last_failure_at: sql`last_failure_at - make_interval(secs => ${seconds})` })
    .where('ip', '=', ip)
    .execute();
}

describe('guesses sent in parallel', () => {
  test('100 wrong passwords at once: only the first 5 are checked, the rest are refused unchecked', async () => {
    const agent = new Agent(t.app, { ip: '203.0.113.10' });
    const form = await signInForm(agent);
    const target = await account('hub_admin');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => agent.request('POST', '/sign-in', { ...form, email: target.email, password: `guess-${i}` })),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, 'five passwords checked (and wrong)');
    assert.equal(statuses.filter((s) => s === 429).length, 95, 'the rest refused before any check');
  });

  test('39 wrong passwords and the right one sent together: the right one, past the limit, does not sign in', async () => {
    const agent = new Agent(t.app, { ip: '203.0.113.11' });
    const form = await signInForm(agent);
    const target = await account('national_admin');
    const guesses = Array.from({ length: 39 }, (_, i) => ({ ...form, email: target.email, password: `guess-${i}` }));
    const answers = await Promise.all([...guesses, { ...form, email: target.email, password: target.password }].map((fields) => agent.request('POST', '/sign-in', fields)));
    assert.equal(answers.filter((a) => a.status === 303).length, 0, 'nobody signed in');
    assert.equal(answers.at(-1)?.status, 429);
    assert.equal(agent.cookie('hubwork_session'), undefined);
  });
});

describe('nobody can lock someone else out', () => {
  test('a stranger’s wrong passwords do not stop the person signing in from their own address', async () => {
    const target = await account('headteacher');
    const stranger = new Agent(t.app, { ip: '198.51.100.66' });
    const form = await signInForm(stranger);
    for (let i = 0; i < 12; i++) await stranger.request('POST', '/sign-in', { ...form, email: target.email, password: `wrong-${i}` });
    const refused = await stranger.request('POST', '/sign-in', { ...form, email: target.email, password: target.password });
    assert.equal(refused.status, 429, 'the stranger’s own address is held back');
    assert.match(refused.$('.govuk-error-summary').text(), /sign in with a link sent by email/i);
    assert.match(refused.$('.govuk-error-summary').text(), /still works/);

    const owner = new Agent(t.app, { ip: '192.0.2.44' });
    const signedIn = await owner.submit(await owner.get('/sign-in'), { email: target.email, password: target.password });
    assert.equal(signedIn.status, 303, 'the person, from their own address, signs in');

    // And the emailed link works for the throttled address too.
    await stranger.submit(await stranger.get('/sign-in/link'), { email: target.email });
    const link = /http:\/\/hubwork\.test(\/sign-in\/link\/[A-Za-z0-9_-]+)/.exec((await t.mailsTo(target.email)).at(-1)?.text ?? '')?.[1];
    assert.ok(link);
    assert.equal((await stranger.submit(await stranger.get(link), {})).status, 303);
  });

  test('the wait grows: a minute after the fifth wrong password, then two, then four', async () => {
    const ip = '198.51.100.77';
    const agent = new Agent(t.app, { ip });
    const form = await signInForm(agent);
    const target = await account('work_group_lead');
    const attempt = (password = 'wrong') => agent.request('POST', '/sign-in', { ...form, email: target.email, password });
    for (let i = 0; i < 5; i++) assert.equal((await attempt()).status, 401);
    const held = await attempt();
    assert.equal(held.status, 429);
    assert.match(held.$('.govuk-error-summary').text(), /Try again in 1 minute/);

    await wait(ip, 61);
    assert.equal((await attempt()).status, 401, 'a minute later, one more try');
    assert.equal((await attempt()).status, 429);
    await wait(ip, 61);
    const twoMinutes = await attempt();
    assert.equal(twoMinutes.status, 429, 'the next wait is two minutes');
    assert.match(twoMinutes.$('.govuk-error-summary').text(), /Try again in 1 minute/);
    await wait(ip, 60);
    assert.equal((await attempt()).status, 401);
    await wait(ip, 121);
    assert.equal((await attempt()).status, 429, 'then four');
    await wait(ip, 120);
    assert.equal((await attempt(target.password)).status, 303, 'the right password, after the wait');
    // A sign-in clears the account's count at this address (and gives the browser a new CSRF secret).
    const fresh = { _csrf: String((await agent.get('/account')).$('input[name="_csrf"]').first().val()) };
    for (let i = 0; i < 5; i++) assert.equal((await agent.request('POST', '/sign-in', { ...fresh, email: target.email, password: 'wrong' })).status, 401);
    assert.equal((await agent.request('POST', '/sign-in', { ...fresh, email: target.email, password: 'wrong' })).status, 429);
  });
});
