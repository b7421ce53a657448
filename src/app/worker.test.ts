// The app's jobs: every module's, gathered, with the schedules hubs rely on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crontab } from '../platform/jobs/worker.ts';
import { appJobs } from './worker.ts';

const calls: string[] = [];
const services = {
  auth: { emailLink: async (email: string) => void calls.push(`link ${email}`) },
  registrations: {
    expireHold: async (id: number) => Boolean(calls.push(`expire ${id}`)),
    releaseOverdueHolds: async () => calls.push('release'),
    purgeExpiredDrafts: async () => calls.push('purge'),
  },
  notices: { sendDue: async () => calls.push('notices') },
  community: { sendDigests: async () => calls.push('digests') },
  retention: { deleteExpired: async () => calls.push('retention') },
} as unknown as Parameters<typeof appJobs>[0];

test('the recurring jobs: notices every 15 minutes, the digest daily at 06:00 UTC, the clean-up at 03:30, the holds sweep every 5 minutes', () => {
  assert.deepEqual(
    crontab(appJobs(services))
      .map((item) => [item.task, item.match, item.options?.backfillPeriod])
      .sort(),
    [
      ['delete_expired_records', '30 3 * * *', 0],
      ['release_overdue_holds', '*/5 * * * *', 0],
      ['send_community_digests', '0 6 * * *', 0],
      ['send_due_notices', '*/15 * * * *', 0],
    ],
  );
});

test('each job calls its module’s service, and refuses a payload of the wrong shape', async () => {
  const jobs = appJobs(services);
  const run = async <Name extends keyof typeof jobs>(name: Name, payload: unknown) => {
    const job = jobs[name];
    assert.ok(job, `${name} is declared`);
    await job.run(job.payload.parse(payload) as never);
  };
  await run('email_one_time_link', { email: 'a@example.org', purpose: 'sign-in' });
  await run('expire_registration_hold', { registrationId: 7 });
  await run('release_overdue_holds', { _cron: { ts: '2026-12-08T00:05:00Z', backfilled: false } });
  await run('send_due_notices', {});
  await run('send_community_digests', {});
  await run('delete_expired_records', {});
  assert.deepEqual(calls, ['link a@example.org', 'expire 7', 'release', 'purge', 'notices', 'digests', 'retention']);
  assert.throws(() => jobs.expire_registration_hold?.payload.parse({ registrationId: 'seven' }));
  assert.throws(() => jobs.email_one_time_link?.payload.parse({ email: 'a@example.org', purpose: 'anything' }));
});
