// The daily clean-up (job delete_expired_records, app/worker.ts): sign-in and check-in
// records, and the queue's records of emails sent, are kept only as long as the privacy notice
// says, and nothing newer is touched.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { crontab } from '../../platform/jobs/worker.ts';
import { appJobs } from '../../app/worker.ts';
import { tokenHash } from '../../platform/lib/tokens.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

const ago = (interval: string) => sql<Date>`now() - ${interval}::interval`;

describe('the daily clean-up', () => {
  test('runs every day', () => {
    const item = crontab(appJobs(t.services)).find((c) => c.task === 'delete_expired_records');
    assert.ok(item);
    assert.equal(item.match, '30 3 * * *');
  });

  test('deletes sign-in attempts after 30 days, throttles once they are forgotten, expired sessions, and links a day after they were used or expired', async () => {
    const user = await t.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('sign_in_attempts')
      .values([
        { email: 'old@example.org', ip: '192.0.2.1', succeeded: false, at: ago('31 days') },
        { email: 'recent@example.org', ip: '192.0.2.1', succeeded: false, at: ago('29 days') },
      ])
      .execute();
    await t.db
      .insertInto('sign_in_throttles')
      .values([
        { email: 'old@example.org', ip: '192.0.2.1', failures: 7, last_failure_at: ago('25 hours') },
        { email: 'recent@example.org', ip: '192.0.2.1', failures: 7, last_failure_at: ago('23 hours') },
      ])
      .execute();
    await t.db
      .insertInto('check_in_throttles')
      .values([
        { key: 'address 192.0.2.1', attempts: 20, window_started_at: ago('16 minutes') },
        { key: 'address 192.0.2.2', attempts: 20, window_started_at: ago('14 minutes') },
      ])
      .execute();
    await t.db
      .insertInto('user_sessions')
      .values([
        { token_hash: tokenHash('expired-session'), user_id: user.id, expires_at: ago('1 minute') },
        { token_hash: tokenHash('live-session'), user_id: user.id, expires_at: sql<Date>`now() + interval '1 day'` },
      ])
      .execute();
    await t.db
      .insertInto('one_time_tokens')
      .values([
        { token_hash: tokenHash('used-2-days-ago'), user_id: user.id, purpose: 'sign-in', expires_at: ago('2 days'), used_at: ago('2 days') },
        { token_hash: tokenHash('expired-2-days-ago'), user_id: user.id, purpose: 'invitation', expires_at: ago('2 days') },
        { token_hash: tokenHash('used-an-hour-ago'), user_id: user.id, purpose: 'sign-in', expires_at: sql<Date>`now() + interval '1 minute'`, used_at: ago('1 hour') },
        { token_hash: tokenHash('live'), user_id: user.id, purpose: 'password-reset', expires_at: sql<Date>`now() + interval '1 hour'` },
      ])
      .execute();
    await sql`INSERT INTO sent_emails (message_key, sent_at) VALUES ('sent-31-days-ago', now() - interval '31 days'), ('sent-29-days-ago', now() - interval '29 days')`.execute(t.db);

    await enqueueJob(t.db, 'delete_expired_records', {});
    await t.waitForJobs();

    assert.deepEqual((await t.db.selectFrom('sign_in_attempts').select('email').where('ip', '=', '192.0.2.1').execute()).map((r) => r.email), ['recent@example.org']);
    assert.deepEqual((await t.db.selectFrom('sign_in_throttles').select('email').where('ip', '=', '192.0.2.1').execute()).map((r) => r.email), ['recent@example.org']);
    assert.deepEqual((await t.db.selectFrom('check_in_throttles').select('key').where('key', 'like', 'address 192.0.2.%').execute()).map((r) => r.key), ['address 192.0.2.2']);
    const sessions = (await t.db.selectFrom('user_sessions').select('token_hash').execute()).map((r) => r.token_hash);
    assert.ok(!sessions.includes(tokenHash('expired-session')));
    assert.ok(sessions.includes(tokenHash('live-session')));
    const tokens = (await t.db.selectFrom('one_time_tokens').select('token_hash').execute()).map((r) => r.token_hash);
    assert.deepEqual(
      ['used-2-days-ago', 'expired-2-days-ago', 'used-an-hour-ago', 'live'].filter((name) => tokens.includes(tokenHash(name))),
      ['used-an-hour-ago', 'live'],
    );
    const sent = await sql<{ message_key: string }>`SELECT message_key FROM sent_emails WHERE message_key LIKE 'sent-%-days-ago'`.execute(t.db);
    assert.deepEqual(sent.rows.map((r) => r.message_key), ['sent-29-days-ago'], 'records of sent emails are kept 30 days');
  });
});
