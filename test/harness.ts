// Each test file gets its own database, copied from the migrated, demo-loaded template,
// and the real app in-process on it, with a job worker sending its mail to a folder.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/platform/db/admin.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import type { AppDb as Db, Database } from '../src/app/database.ts';
import { type QueuedJob, queuedJobs } from '../src/platform/jobs/queue.ts';
import { startAppWorker } from '../src/app/worker.ts';
import { createMailer } from '../src/platform/mail/mailer.ts';
import { createServices, type Services } from '../src/app/compose.ts';
import { createApp } from '../src/app/server.ts';
import { adminUrl, TEMPLATE_DATABASE } from './settings.ts';

export type TestDatabase = { db: Db; url: string; drop(): Promise<void> };

export async function testDatabase(): Promise<TestDatabase> {
  const name = `hubwork_test_${randomBytes(6).toString('hex')}`;
  const admin = adminUrl();
  await ensureDatabase(admin, name, TEMPLATE_DATABASE);
  const url = withDatabase(admin, name);
  const db = createDatabase<Database>(url, 5);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await dropDatabase(admin, name);
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  db: Db;
  /** The services the app was made with (app/compose.ts), on the app's clock. */
  services: Services;
  /** The folder the app's emails are written to (by its job worker), one .eml file each. */
  mailDir: string;
  /**
   * Waits until the queue has nothing left to do now: no job due, running or waiting for a retry
   * (jobs scheduled for later are not waited for). Fails, naming the jobs, if that takes longer
   * than timeoutMs or a job has failed for good.
   */
  waitForJobs(options?: { timeoutMs?: number }): Promise<void>;
  /** The emails sent to this address, oldest first, once the queue is done (waitForJobs). */
  mailsTo(address: string): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

const describeJob = (job: QueuedJob) =>
  `job ${job.id} (${job.task}, attempt ${job.attempts} of ${job.maxAttempts}${job.lockedAt ? ', running' : ''}${job.lastError ? `, last error: ${job.lastError}` : ''})`;

/** See TestApp.waitForJobs. */
export async function waitForJobs(db: Db, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await queuedJobs(db);
    const failed = jobs.filter((job) => job.attempts >= job.maxAttempts && !job.lockedAt);
    if (failed.length) throw new Error(`A queued job failed for good: ${failed.map(describeJob).join('; ')}`);
    const unfinished = jobs.filter((job) => job.due || job.lockedAt || job.attempts > 0);
    if (!unfinished.length) return;
    if (Date.now() > deadline) throw new Error(`The job queue was not done after ${timeoutMs} ms: ${unfinished.map(describeJob).join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The emails in a mail folder to this address (its .eml file names carry it), oldest first. */
export async function mailsIn(dir: string, address: string): Promise<ParsedMail[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.includes(address)).sort();
  return Promise.all(files.map(async (file) => simpleParser(await readFile(path.join(dir, file)))));
}

/**
 * The real app on a database of its own, and a job worker for that database (new jobs start at
 * once by NOTIFY; retries are polled for every 100 ms). `now` fixes the app's clock (Work Group
 * status depends on today); the queue keeps the database's.
 */
export async function testApp(options: { now?: Date } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = options.now ? () => options.now as Date : undefined;
  const mail = { smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir: await mkdtemp(path.join(tmpdir(), 'hubwork-mail-')) };
  const mailer = createMailer(mail);
  const services = createServices(database.db, { clock, mailer, baseUrl: 'http://hubwork.test' });
  // No crontab: a test runs send_due_notices itself (services.notices.sendDue(now), or the job), at the time it chooses.
  const worker = await startAppWorker(services, { connectionString: database.url, mailer, schedule: false, pollInterval: 100, concurrency: 2 }).catch(
    async (error: unknown) => {
      await database.drop();
      throw error;
    },
  );
  const app = await createApp({ config: { env: 'test', logLevel: 'silent' }, services });
  return {
    app,
    db: database.db,
    services,
    mailDir: mail.dir,
    waitForJobs: (waitOptions) => waitForJobs(database.db, waitOptions),
    mailsTo: async (address) => {
      await waitForJobs(database.db);
      return mailsIn(mail.dir, address);
    },
    close: async () => {
      await app.close();
      await worker.stop();
      await database.drop();
      await rm(mail.dir, { recursive: true, force: true });
    },
  };
}

/** The app listening on a free port, for the browser tests. */
export async function servedApp(options: { now?: Date } = {}): Promise<TestApp & { baseUrl: string }> {
  const test = await testApp(options);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const address = test.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The app is not listening');
  return { ...test, baseUrl: `http://127.0.0.1:${address.port}` };
}
