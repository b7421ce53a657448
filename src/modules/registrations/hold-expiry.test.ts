// A held place ends when its time is up, whatever the clocks say: the job queue runs by
// PostgreSQL's clock, the service decides by its own, and a periodic sweep releases any hold the
// jobs missed. Here the process's clock is 10 seconds behind the database's.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { type TestDatabase, testDatabase } from '../../../test/harness.ts';
import { enqueueJob, queuedJobs } from '../../platform/jobs/queue.ts';
import type { JobWorker } from '../../platform/jobs/worker.ts';
import { startAppWorker } from '../../app/worker.ts';
import { registrationJobs } from './jobs.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createServices } from '../../app/compose.ts';
import { factories } from '../../../test/factories.ts';

const BEHIND_MS = 10_000;
let database: TestDatabase;
let worker: JobWorker;
let mailDir: string;
let services: ReturnType<typeof createServices>;

before(async () => {
  database = await testDatabase();
  mailDir = await mkdtemp(path.join(tmpdir(), 'hubwork-hold-'));
  const mailer = createMailer({ smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir: mailDir });
  // This process's clock is 10 s behind PostgreSQL's (the same machine's clock, here).
  services = createServices(database.db, { mailer, baseUrl: 'http://hubwork.test', clock: () => new Date(Date.now() - BEHIND_MS) });
  worker = await startAppWorker(services, { connectionString: database.url, mailer, schedule: false, pollInterval: 100 });
});
after(async () => {
  await worker.stop();
  await database.drop();
  await rm(mailDir, { recursive: true, force: true });
});

/** One school holds the only place of a group of its own; another waits. */
async function heldAndWaiting(offset: number) {
  const make = factories(database.db);
  const hub = await make.hub();
  const made0 = await make.workGroup(hub, { placesTotal: 1, participantsPerSchool: 1 });
  const group = (await services.registrations.group(made0.code))!;
  const schools = [await make.school(hub), await make.school(hub)];
  const made: string[] = [];
  for (const [i, s] of schools.entries()) {
    const result = await services.registrations.register(group, {
      urn: s.urn,
      participants: [{ name: `Teacher ${offset + i}`, email: `t${offset + i}@school.test`, roles: ['head_of_department'], teachingYear: null, mathsItt: null }],
      coreMathsYear: null,
      declarations: [],
      headteacher: { name: 'Head', email: `head${offset + i}@heads.test` },
      warnings: [],
    });
    assert.ok(result.ok);
    made.push(result.reference);
  }
  const status = async (reference: string) =>
    database.db.selectFrom('registrations').select(['id', 'status', 'offered_at']).where('reference', '=', reference).executeTakeFirstOrThrow();
  return { held: made[0]!, waiting: made[1]!, status };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

test('with the process’s clock 10 s behind the database’s, the hold is released when its job runs, and the waiting school is offered the place', async () => {
  const { held, waiting, status } = await heldAndWaiting(0);
  assert.equal((await status(held)).status, 'pending_consent');
  assert.equal((await status(waiting)).status, 'waitlisted');
  // The hold ends in two seconds by the database's clock; its job is due then (as announceHold queues it).
  const { id } = await status(held);
  const { rows } = await sql<{ until: Date }>`UPDATE registrations SET hold_expires_at = now() + interval '2 seconds' WHERE id = ${id} RETURNING hold_expires_at AS until`.execute(database.db);
  await enqueueJob(database.db, 'expire_registration_hold', { registrationId: id }, { runAt: rows[0]!.until, jobKey: `registration-hold:${id}` });

  const released = await eventually(async () => (await status(held)).status === 'expired', 2_000 + BEHIND_MS + 8_000);
  assert.ok(released, 'the hold is released');
  const offered = await status(waiting);
  assert.equal(offered.status, 'pending_consent', 'the waiting school is offered the place');
  assert.ok(offered.offered_at);
});

test('a hold past its time with no job left is released by the periodic sweep, and the place offered on', async () => {
  const { held, waiting, status } = await heldAndWaiting(2);
  const { id } = await status(held);
  // Past its end by either clock, and its job gone (lost, or completed early by an older version).
  await sql`UPDATE registrations SET hold_expires_at = now() - interval '1 minute' WHERE id = ${id}`.execute(database.db);
  await sql`DELETE FROM graphile_worker._private_jobs WHERE key = ${`registration-hold:${id}`}`.execute(database.db);
  assert.equal((await queuedJobs(database.db)).filter((j) => j.key === `registration-hold:${id}`).length, 0);

  // The crontab's job, as the worker runs it.
  await registrationJobs(services.registrations).release_overdue_holds?.run({});
  assert.equal((await status(held)).status, 'expired');
  assert.equal((await status(waiting)).status, 'pending_consent');
});
