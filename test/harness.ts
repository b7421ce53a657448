// Each test file gets its own database, copied from the migrated, demo-loaded template,
// and the real app in-process on it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/db/admin.ts';
import { createDatabase, type Db } from '../src/db/database.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createServices } from '../src/services.ts';
import { createApp } from '../src/web/app.ts';
import { adminUrl, TEMPLATE_DATABASE } from './settings.ts';

export type TestDatabase = { db: Db; url: string; drop(): Promise<void> };

export async function testDatabase(): Promise<TestDatabase> {
  const name = `hubwork_test_${randomBytes(6).toString('hex')}`;
  const admin = adminUrl();
  await ensureDatabase(admin, name, TEMPLATE_DATABASE);
  const url = withDatabase(admin, name);
  const db = createDatabase(url, 5);
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
  /** The folder the app's emails are written to, one .eml file each. */
  mailDir: string;
  close(): Promise<void>;
};

/** The real app on a database of its own. `now` fixes the clock (Work Group status depends on today). */
export async function testApp(options: { now?: Date } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = options.now ? () => options.now as Date : undefined;
  const mail = { smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir: await mkdtemp(path.join(tmpdir(), 'hubwork-mail-')) };
  const app = await createApp({
    config: { env: 'test', logLevel: 'silent' },
    services: createServices(database.db, { clock, mailer: createMailer(mail), baseUrl: 'http://hubwork.test' }),
  });
  return {
    app,
    db: database.db,
    mailDir: mail.dir,
    close: async () => {
      await app.close();
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
