// Signing in as a participant does: asking for a link at /sign-in/link, and opening it from the
// email (parsed back from the mail folder). Participants have no password.
import assert from 'node:assert/strict';
import { DEMO_ACCOUNTS } from '../src/seed/accounts.ts';
import { Agent } from './agent.ts';
import type { TestApp } from './harness.ts';

export async function signInWithEmailedLink(t: Pick<TestApp, 'app' | 'mailsTo'>, email: string): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.submit(await agent.get('/sign-in/link'), { email });
  const link = /http:\/\/hubwork\.test(\/sign-in\/link\/[A-Za-z0-9_-]+)/.exec((await t.mailsTo(email)).at(-1)?.text ?? '')?.[1];
  assert.ok(link, `a sign-in link for ${email}`);
  assert.equal((await agent.submit(await agent.get(link), {})).status, 303);
  return agent;
}

/** Signed in with a password as the demo account of a role (the README's table), or the test fails. */
export async function signInAsDemo(app: TestApp['app'], role: string): Promise<Agent> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  assert.ok(account, `a demo account for ${role}`);
  const agent = new Agent(app);
  const answer = await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password });
  assert.equal(answer.status, 303, `${role} signs in`);
  return agent;
}
