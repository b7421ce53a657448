// The job queue on a real database: mail enqueued in a transaction goes only if it commits,
// is delivered by the worker, and a failed send is tried again.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { mailsIn, type TestDatabase, testDatabase, waitForJobs } from '../../../test/harness.ts';
import { createMailer, type Mailer, type Message } from '../mail/mailer.ts';
import { sql } from 'kysely';
import { z } from 'zod';
import { cancelJob, enqueueJob, enqueueMail, enqueueMails, queuedJobs } from './queue.ts';
import { crontab, type JobLogger, installJobQueue, type JobWorker, startWorker } from './worker.ts';
import { type Jobs, scheduled } from './definitions.ts';

let database: TestDatabase;
let mailDir: string;
let worker: JobWorker | undefined;

before(async () => {
  database = await testDatabase();
  mailDir = await mkdtemp(path.join(tmpdir(), 'hubwork-jobs-mail-'));
});
after(async () => {
  await worker?.stop();
  await database.drop();
  await rm(mailDir, { recursive: true, force: true });
});

const fileMailer = () => createMailer({ smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir: mailDir });

async function withWorker<T>(options: { mailer: Mailer; logger?: JobLogger; jobs?: Jobs }, work: () => Promise<T>): Promise<T> {
  worker = await startWorker({ connectionString: database.url, pollInterval: 100, ...options });
  try {
    return await work();
  } finally {
    await worker.stop();
    worker = undefined;
  }
}

class RolledBack extends Error {}

test('an email enqueued in a transaction that rolls back is never sent; one that commits is delivered', async () => {
  await withWorker({ mailer: fileMailer() }, async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('sign_in_attempts').values({ email: 'gone@example.org', ip: '192.0.2.1', succeeded: false }).execute();
        await enqueueMail(trx, { to: 'gone@example.org', subject: 'Never sent', text: 'This change was undone.' });
        throw new RolledBack();
      }),
      RolledBack,
    );

    const message: Message = {
      to: 'kept@example.org',
      subject: 'Sent after commit',
      text: 'The change was saved.',
      html: '<p>The change was <strong>saved</strong>.</p>',
      attachments: [{ filename: 'note.txt', content: 'attached', contentType: 'text/plain' }],
    };
    await database.db.transaction().execute(async (trx) => {
      await enqueueMail(trx, message);
      assert.deepEqual(await queuedJobs(database.db), [], 'outside the transaction, the job does not exist before commit');
    });

    await waitForJobs(database.db);
    const [mail, ...more] = await mailsIn(mailDir, 'kept@example.org');
    assert.equal(more.length, 0);
    assert.equal(mail?.subject, 'Sent after commit');
    assert.equal(mail?.text?.trim(), 'The change was saved.');
    assert.match(String(mail?.html), /<strong>saved<\/strong>/);
    assert.deepEqual(mail?.attachments.map((a) => [a.filename, a.content.toString()]), [['note.txt', 'attached']]);
    assert.deepEqual(await mailsIn(mailDir, 'gone@example.org'), [], 'the rolled-back email was never sent');
    const attempts = await database.db.selectFrom('sign_in_attempts').select('id').where('email', '=', 'gone@example.org').execute();
    assert.deepEqual(attempts, [], 'the change and its email were undone together');
    assert.deepEqual(await queuedJobs(database.db), [], 'a sent email leaves no job behind');
  });
});

test('many emails are queued together: all sent if the transaction commits, none if it rolls back', async () => {
  await withWorker({ mailer: fileMailer() }, async () => {
    const messages = (who: string, n: number): Message[] =>
      Array.from({ length: n }, (_, i) => ({ to: `${who}${i}@example.org`, subject: `Announcement ${i}`, text: `For member ${i}.` }));
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await enqueueMails(trx, messages('undone', 3));
        throw new RolledBack();
      }),
      RolledBack,
    );
    // More than one statement's worth (500), so the batches join up.
    await database.db.transaction().execute((trx) => enqueueMails(trx, messages('member', 501)));
    await waitForJobs(database.db, { timeoutMs: 60_000 });
    for (const i of [0, 499, 500]) {
      const [mail, ...more] = await mailsIn(mailDir, `member${i}@example.org`);
      assert.equal(more.length, 0);
      assert.equal(mail?.subject, `Announcement ${i}`);
      assert.equal(mail?.text?.trim(), `For member ${i}.`);
    }
    assert.equal((await mailsIn(mailDir, '@example.org')).filter((m) => /^Announcement/.test(m.subject ?? '')).length, 501);
    assert.deepEqual(await mailsIn(mailDir, 'undone0@example.org'), [], 'the rolled-back emails were never sent');
  });
});

test('a send that fails is tried again, and the second attempt delivers it', async () => {
  const sent: Message[] = [];
  let calls = 0;
  const flaky: Mailer = {
    async send(message) {
      calls++;
      if (calls === 1) throw new Error('SMTP server said 421: try again later');
      sent.push(message);
      return { messageId: `<${calls}@hubwork.test>` };
    },
  };
  const logged: string[] = [];
  const logger: JobLogger = {
    error: (_details, message) => logged.push(message),
    warn: (_details, message) => logged.push(message),
    info: () => {},
    debug: () => {},
  };
  await withWorker({ mailer: flaky, logger }, async () => {
    await enqueueMail(database.db, { to: 'retry@example.org', subject: 'Second time lucky', text: 'Hello again.' });
    // graphile-worker waits e^1 ≈ 2.7 s before the second attempt.
    await waitForJobs(database.db, { timeoutMs: 15_000 });
  });
  assert.equal(calls, 2);
  assert.deepEqual(sent.map((m) => m.subject), ['Second time lucky']);
  assert.ok(logged.some((line) => /Failed task .*send_email.*attempt 1 of 25.*421/.test(line)), logged.join('\n'));
  assert.ok(!logged.some((line) => line.includes('retry@example.org') || line.includes('Hello again')), 'the payload is not logged');
});

test('a scheduled email waits for its time, is replaced by its key, and can be cancelled', async () => {
  const inAnHour = new Date(Date.now() + 3_600_000);
  await enqueueMail(database.db, { to: 'later@example.org', subject: 'First draft', text: '1' }, { runAt: inAnHour, jobKey: 'reminder:test', maxAttempts: 3 });
  await enqueueMail(database.db, { to: 'later@example.org', subject: 'Second draft', text: '2' }, { runAt: inAnHour, jobKey: 'reminder:test', maxAttempts: 3 });
  const [job, ...others] = await queuedJobs(database.db);
  assert.equal(others.length, 0, 'the same key replaced the waiting job');
  assert.equal(job?.key, 'reminder:test');
  assert.equal(job?.maxAttempts, 3);
  assert.equal(job?.due, false);
  assert.equal(job?.runAt.getTime(), inAnHour.getTime());
  await waitForJobs(database.db, { timeoutMs: 1000 }); // a job scheduled for later is not waited for

  assert.equal(await cancelJob(database.db, 'reminder:test'), true);
  assert.equal(await cancelJob(database.db, 'reminder:test'), false);
  assert.deepEqual(await queuedJobs(database.db), []);
});

test('installing the queue again is harmless', async () => {
  await installJobQueue(database.url);
  await installJobQueue(database.url);
  await enqueueMail(database.db, { to: 'x@example.org', subject: 's', text: 't' }, { runAt: new Date(Date.now() + 60_000), jobKey: 'k' });
  assert.equal(await cancelJob(database.db, 'k'), true);
});

test('a job with a schedule is put on graphile-worker’s crontab, once a tick, and the job runs it; a worker with none schedules nothing', async () => {
  let runs = 0;
  const jobs: Jobs = { send_due_notices: { payload: scheduled, every: '*/15 * * * *', run: async () => void runs++ } };
  assert.deepEqual(
    crontab(jobs).map((item) => [item.task, item.match, item.options?.backfillPeriod, item.options?.jobKey]),
    [['send_due_notices', '*/15 * * * *', 0, 'send_due_notices']],
  );
  const knownCrontabs = async () =>
    (await sql<{ identifier: string }>`SELECT identifier FROM graphile_worker._private_known_crontabs`.execute(database.db)).rows.map((r) => r.identifier);
  await withWorker({ mailer: fileMailer() }, async () => {});
  assert.deepEqual(await knownCrontabs(), [], 'a worker without scheduled jobs schedules nothing');

  await withWorker({ mailer: fileMailer(), jobs }, async () => {
    const deadline = Date.now() + 5000;
    while (!(await knownCrontabs()).includes('send_due_notices') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await knownCrontabs(), ['send_due_notices'], 'graphile-worker knows the schedule');
    await enqueueJob(database.db, 'send_due_notices', {});
    await waitForJobs(database.db);
  });
  // At least the job added here (a 15-minute tick could, rarely, fall inside the test too).
  assert.ok(runs >= 1);
});

/** Locks a waiting job as a worker would that then died (kill -9): locked_by, locked_at in the past, attempt counted. */
async function lockAsDeadWorker(jobId: string, workerId: string, lockedSecondsAgo: number) {
  await sql`
    UPDATE graphile_worker._private_jobs
    SET locked_by = ${workerId}, locked_at = now() - make_interval(secs => ${lockedSecondsAgo}), attempts = attempts + 1
    WHERE id = ${jobId}::bigint
  `.execute(database.db);
}

test('a job held by a worker that died (kill -9) is run by the next worker within a minute, not after four hours; a live worker’s job is left alone', async () => {
  const dead = await enqueueMail(database.db, { to: 'orphaned@example.org', subject: 'Taken by a dead worker', text: 'Sent after all.' });
  await lockAsDeadWorker(dead, 'worker-that-died', 40);
  const busy = await enqueueMail(database.db, { to: 'busy@example.org', subject: 'Held by a live worker', text: 'Still being sent.' });
  await lockAsDeadWorker(busy, 'worker-still-alive', 40);
  await sql`INSERT INTO job_workers (worker_id, process) VALUES ('worker-still-alive', 'elsewhere:1')`.execute(database.db);

  await withWorker({ mailer: fileMailer() }, async () => {
    const deadline = Date.now() + 10_000;
    while (!(await mailsIn(mailDir, 'orphaned@example.org')).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const [mail, ...more] = await mailsIn(mailDir, 'orphaned@example.org');
    assert.equal(mail?.subject, 'Taken by a dead worker', 'the dead worker’s email was sent at once');
    assert.equal(more.length, 0);
    assert.deepEqual(await mailsIn(mailDir, 'busy@example.org'), [], 'the live worker’s job was not taken from it');
    const [held] = (await queuedJobs(database.db)).filter((job) => job.id === busy);
    assert.ok(held?.lockedAt, 'still locked by its live worker');
  });
  await sql`DELETE FROM graphile_worker._private_jobs WHERE id = ${busy}::bigint`.execute(database.db);
});

test('an email already sent is never sent again when its job runs again; every attempt carries the same Message-ID', async () => {
  const sent: Message[] = [];
  let calls = 0;
  // The mail server takes the message, but its answer is lost: the first attempt fails after sending.
  const lossy: Mailer = {
    async send(message) {
      calls++;
      sent.push(message);
      if (calls === 1) throw new Error('Connection closed before the server answered');
      return { messageId: `<${message.id}@hubwork.test>` };
    },
  };
  await withWorker({ mailer: lossy }, async () => {
    await enqueueMail(database.db, { to: 'once@example.org', subject: 'Exactly once', text: 'Hello.' });
    await waitForJobs(database.db, { timeoutMs: 15_000 });
  });
  assert.equal(sent.length, 2, 'tried again after the lost answer');
  assert.ok(sent[0]?.id, 'the email got its key when it was queued');
  assert.equal(sent[0]?.id, sent[1]?.id, 'the same key, so the same Message-ID, on both attempts');

  // The job is run again: its worker died after the send was recorded, before the job was marked
  // done. The next worker releases it and runs it again, and sends nothing.
  const again: Message[] = [];
  const job = await enqueueJob(database.db, 'send_email', { id: sent[0]?.id, to: 'once@example.org', subject: 'Exactly once', text: 'Hello.' });
  await lockAsDeadWorker(job, 'worker-that-died-after-sending', 40);
  await withWorker(
    {
      mailer: {
        send: async (m) => {
          again.push(m);
          return { messageId: 'x' };
        },
      },
    },
    () => waitForJobs(database.db),
  );
  assert.deepEqual(again, [], 'recorded as sent, so not sent again');
  assert.deepEqual((await queuedJobs(database.db)).filter((j) => j.id === job), [], 'and the job is done');

  // In the mail folder, the key is the Message-ID.
  await withWorker({ mailer: fileMailer() }, async () => {
    await enqueueMail(database.db, { to: 'msgid@example.org', subject: 'With its id', text: 'Hello.' });
    await waitForJobs(database.db);
  });
  const [mail] = await mailsIn(mailDir, 'msgid@example.org');
  assert.match(mail?.messageId ?? '', /^<[0-9a-f-]{36}@hubwork\.test>$/);
});

test('urgent work never waits behind mail: with every mail slot stuck on a stalled server, a sign-in link and a hold expiry still go at once', async () => {
  const released: number[] = [];
  const delivered: string[] = [];
  const stuck: Mailer = {
    send: (message) =>
      message.subject.startsWith('Announcement')
        ? new Promise(() => {}) // a mail server that never answers
        : Promise.resolve(void delivered.push(message.subject)).then(() => ({ messageId: 'x' })),
  };
  worker = await startWorker({
    connectionString: database.url,
    pollInterval: 100,
    concurrency: 2,
    mailer: stuck,
    shutdownTimeout: 500,
    jobs: { expire_registration_hold: { payload: z.object({ registrationId: z.number() }), run: async ({ registrationId }) => void released.push(registrationId) } },
  });
  try {
    await enqueueMails(database.db, [1, 2, 3, 4].map((n) => ({ to: `member${n}@example.org`, subject: `Announcement ${n}`, text: 'Long.' })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await enqueueMail(database.db, { to: 'waiting@example.org', subject: 'Your sign-in link', text: 'Here.' }, { urgent: true });
    await enqueueJob(database.db, 'expire_registration_hold', { registrationId: 42 });
    const deadline = Date.now() + 5000;
    while ((!delivered.length || !released.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(delivered, ['Your sign-in link']);
    assert.deepEqual(released, [42]);
  } finally {
    await worker.stop();
    worker = undefined;
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(database.db);
  }
});
