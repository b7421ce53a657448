// Sessions and their CSRF cookie: a session's time is the database's, and a signed-in page's
// forms keep working for as long as the sign-in does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { DEMO_ACCOUNTS } from '../demo-data/accounts.ts';

// The app's clock three weeks behind the database's (longer than a session lasts).
let t: TestApp;
before(async () => {
  t = await testApp({ now: new Date(Date.now() - 21 * 86_400_000) });
});
after(async () => {
  await t.close();
});

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

async function signedIn(role: string): Promise<Agent> {
  const agent = new Agent(t.app);
  const { email, password } = account(role);
  assert.equal((await agent.submit(await agent.get('/sign-in'), { email, password })).status, 303);
  return agent;
}

describe('sessions', () => {
  test('a session lasts 14 days by the database’s clock, whatever the process’s clock says', async () => {
    const agent = await signedIn('hub_lead');
    assert.equal((await agent.get('/account')).status, 200, 'not born expired');
    const session = await t.db
      .selectFrom('user_sessions')
      .select(['expires_at'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const days = (session.expires_at.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 13.9 && days <= 14, `${days} days`);
  });
});
