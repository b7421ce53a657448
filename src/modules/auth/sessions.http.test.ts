// Sessions and their CSRF cookie: a session's time is the database's, and a signed-in page's
// forms keep working for as long as the sign-in does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { accountWithRole, factories } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

// The app's clock three weeks behind the database's (longer than a session lasts).
let t: TestApp;
before(async () => {
  t = await testApp({ now: new Date(Date.now() - 21 * 86_400_000) });
});
after(async () => {
  await t.close();
});

async function signedIn(role: Role): Promise<Agent & { userId: number }> {
  const agent = new Agent(t.app);
  const { id, email, password } = await accountWithRole(factories(t.db), role);
  assert.equal((await agent.submit(await agent.get('/sign-in'), { email, password })).status, 303);
  return Object.assign(agent, { userId: id });
}

describe('sessions', () => {
  test('a session lasts 14 days by the database’s clock, whatever the process’s clock says', async () => {
    const agent = await signedIn('hub_lead');
    assert.equal((await agent.get('/account')).status, 200, 'not born expired');
    const session = await t.db
      .selectFrom('user_sessions')
      .select(['expires_at'])
      .where('user_id', '=', agent.userId)
      .executeTakeFirstOrThrow();
    const days = (session.expires_at.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 13.9 && days <= 14, `${days} days`);
  });
});

describe('the CSRF cookie lives as long as the sign-in', () => {
  test('a form on a page opened before the browser was restarted still works after it', async () => {
    const agent = await signedIn('hub_admin');
    const page = await agent.get('/account/api-tokens');
    agent.restartBrowser();
    assert.ok(agent.cookie('hubwork_session'), 'the sign-in survives a restart');
    const created = await agent.submit(page, { name: 'After a restart' }, '/account/api-tokens');
    assert.equal(created.status, 200, created.$('h1').text());
    assert.match(created.$('[data-testid="token"]').text(), /^hw_/);
  });

  test('the first page after a restart gives every form on it the same secret, and its forms work', async () => {
    const agent = await signedIn('hub_lead');
    // A browser that has lost its CSRF cookie (one from before this change lasted only the browser session).
    agent.forgetCookie('_csrf');
    const page = await agent.get('/account/api-tokens');
    const created = await agent.submit(page, { name: 'First page' }, '/account/api-tokens');
    assert.equal(created.status, 200, `the page's own form: ${created.$('h1').text()}`);
    const signedOut = await agent.submit(page, {}, '/sign-out');
    assert.equal(signedOut.location, '/signed-out', 'and the sign-out button on the same page');
    const setCookies = [page.headers['set-cookie'] ?? []].flat() as string[];
    assert.equal(setCookies.filter((c) => c.startsWith('_csrf=')).length, 1, 'one CSRF secret per response');
    assert.match(setCookies.find((c) => c.startsWith('_csrf=')) ?? '', /Max-Age=1209600/, 'kept for the 14 days of the sign-in');
  });
});
