// The job queue on a real database: mail enqueued in a transaction goes only if it commits,
// is delivered by the worker, and a failed send is tried again.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { mailsIn, type TestDatabase, testDatabase, waitForJobs } from '../../test/harness.ts';
import { createMailer, type Mailer, type Message } from '../mail/mailer.ts';
import { sql } from 'kysely';
import { cancelJob, enqueueJob, enqueueMail, enqueueMails, queuedJobs } from './queue.ts';
import { CRONTAB, type JobLogger, installJobQueue, type JobWorker, startWorker } from './worker.ts';

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

async function withWorker<T>(options: { mailer: Mailer; logger?: JobLogger; notices?: { sendDue(): Promise<unknown> } }, work: () => Promise<T>): Promise<T> {
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

test('a worker with the notices service keeps the crontab: send_due_notices every 15 minutes (and the community digest daily); the job runs it', async () => {
  assert.deepEqual(
    CRONTAB.map((item) => [item.task, item.match, item.options?.backfillPeriod]),
    [
      ['send_due_notices', '*/15 * * * *', 0],
      ['send_community_digests', '0 6 * * *', 0],
      ['release_overdue_holds', '*/5 * * * *', 0],
    ],
  );
  const knownCrontabs = async () =>
    (await sql<{ identifier: string }>`SELECT identifier FROM graphile_worker._private_known_crontabs`.execute(database.db)).rows.map((r) => r.identifier);
  await withWorker({ mailer: fileMailer() }, async () => {});
  assert.deepEqual(await knownCrontabs(), [], 'a worker without the notices service schedules nothing');

  let runs = 0;
  await withWorker({ mailer: fileMailer(), notices: { sendDue: async () => void runs++ } }, async () => {
    const deadline = Date.now() + 5000;
    while (!(await knownCrontabs()).includes('send_due_notices') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await knownCrontabs(), ['send_due_notices'], 'graphile-worker knows the schedule');
    await enqueueJob(database.db, 'send_due_notices', {});
    await waitForJobs(database.db);
  });
  // At least the job added here (a 15-minute tick could, rarely, fall inside the test too).
  assert.ok(runs >= 1);
});
