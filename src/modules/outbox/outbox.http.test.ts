// Emails that could not be sent: the national administrator sees them with the mail server's last
// answer, and tries one again; nobody else sees the page, and a retry needs the form's token.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { enqueueMail, queuedJobs } from '../../platform/jobs/queue.ts';
import { accountWithRole, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const signedIn = async (role: Role) => signInAs(t.app, await accountWithRole(factories(t.db), role));

/** The CSRF token of a signed-in page (its sign-out button has one). */
const csrfOf = (page: Page) => page.$('input[name="_csrf"]').first().attr('value') ?? '';

/** An email the worker has given up on: every attempt used, with the server's last answer. */
async function failedForGood(to: string, subject: string, error: string): Promise<string> {
  const id = await enqueueMail(t.db, { to, subject, text: 'Hello.' }, { runAt: new Date(Date.now() + 3_600_000) });
  await sql`
    UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = ${error}, run_at = now() WHERE id = ${id}::bigint
  `.execute(t.db);
  return id;
}

test('the national administrator sees an email that failed for good, with the answer, and sends it again', async () => {
  const id = await failedForGood('bounced@example.org', 'Your place is confirmed', '550 5.1.1 Mailbox unavailable');
  const admin = await signedIn('national_admin');

  const home = await admin.get('/admin');
  assert.match(home.$('.govuk-notification-banner').text(), /1 email could not be sent/);

  const page = await admin.get('/admin/emails');
  assert.equal(page.status, 200);
  assert.match(page.$('[data-testid="email-counts"]').text(), /1 email has failed for good/);
  const card = page.$('[data-testid="troubled-email"]').first();
  assert.match(page.$('.govuk-summary-card__title').first().text(), /Your place is confirmed/);
  assert.match(card.text(), /bounced@example\.org/);
  assert.match(card.text(), /550 5\.1\.1 Mailbox unavailable/);
  assert.match(card.text(), /25 of 25/);
  assert.match(card.text(), /None: failed for good/);

  // Without the form's token, nothing is sent.
  const forged = await new Agent(t.app).request('POST', `/admin/emails/${id}/retry`, {});
  assert.notEqual(forged.status, 303);
  const retried = await admin.submit(page, {}, `/admin/emails/${id}/retry`);
  assert.equal(retried.status, 303);
  assert.equal(retried.location, '/admin/emails?retried=1');
  const [mail] = await t.mailsTo('bounced@example.org');
  assert.equal(mail?.subject, 'Your place is confirmed', 'sent once tried again');
  const after = await admin.get('/admin/emails');
  assert.equal(after.$('[data-testid="troubled-email"]').length, 0);
  const audit = await t.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'email.retried').execute();
  assert.deepEqual(audit, [{ action: 'email.retried', subject_id: id }]);

  // Trying again an email that is no longer waiting says so.
  const gone = await admin.submit(page, {}, `/admin/emails/${id}/retry`);
  assert.equal(gone.location, '/admin/emails?gone=1');
  const odd = await admin.request('POST', '/admin/emails/not-a-number/retry', { _csrf: csrfOf(after) });
  assert.equal(odd.status, 404);
});

test('only the national administrator sees the page or tries again', async () => {
  const id = await failedForGood('other@example.org', 'A sign-in link', '421 try later');
  for (const role of ['hub_lead', 'hub_admin', 'participant'] as const) {
    const agent = await signedIn(role);
    assert.equal((await agent.get('/admin/emails')).status, 403, role);
    const tried = await agent.request('POST', `/admin/emails/${id}/retry`, { _csrf: csrfOf(await agent.get('/home')) });
    assert.equal(tried.status, 403, role);
  }
  const visitor = await new Agent(t.app).get('/admin/emails');
  assert.equal(visitor.status, 303, 'a visitor is sent to sign in');
  const [job] = (await queuedJobs(t.db)).filter((j) => j.id === id);
  assert.equal(job?.attempts, job?.maxAttempts, 'still failed for good: nobody else could try it again');
});
