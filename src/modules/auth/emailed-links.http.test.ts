// The emailed links (sign-in and password reset): asking for one does the same database work
// whether or not the address has an account, so neither the answer nor its timing tells them
// apart; only the newest link is live; a password reset ends the other credentials.
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { mailsIn, type TestDatabase, testDatabase, waitForJobs } from '../../../test/harness.ts';
import type { Database } from '../../core/schema.ts';
import { type JobWorker, startWorker } from '../../platform/jobs/worker.ts';
import { identityJobs } from '../../core/identity/jobs.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createServices } from '../../app/compose.ts';
import { createApp } from '../../app/server.ts';
import { accountWithRole, type BuiltUser, type BuiltWorkGroup, factories } from '../../../test/factories.ts';

// The app on a database handle that writes down every statement it sends (its SQL, without the values).
let database: TestDatabase;
let app: Awaited<ReturnType<typeof createApp>>;
let worker: JobWorker;
let mailDir: string;
// Only the statements sent for the request being recorded: the job worker, which shares the
// handle, runs the jobs of earlier requests meanwhile, in an async context of its own.
const recording = new AsyncLocalStorage<string[]>();
let pool: pg.Pool;

before(async () => {
  database = await testDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') recording.getStore()?.push(event.query.sql);
    },
  });
  mailDir = await mkdtemp(path.join(tmpdir(), 'hubwork-mail-'));
  const mailer = createMailer({ smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir: mailDir });
  const services = createServices(db, { mailer, baseUrl: 'http://hubwork.test' });
  worker = await startWorker({ connectionString: database.url, mailer, jobs: identityJobs(services.auth), schedule: false, pollInterval: 100 });
  app = await createApp({ config: { env: 'test', logLevel: 'silent' }, services });
  const make = factories(database.db);
  for (const role of ['hub_lead', 'hub_admin', 'national_admin'] as const) accounts.set(role, await accountWithRole(make, role));
  nationalGroup = await make.workGroup(null);
});
after(async () => {
  await app.close();
  await worker.stop();
  await pool.end();
  await database.drop();
  await rm(mailDir, { recursive: true, force: true });
});

// This test's own accounts (test/factories.ts), by role, and a national group for the API.
const accounts = new Map<string, BuiltUser>();
let nationalGroup: BuiltWorkGroup;
const person = (role: 'hub_lead' | 'hub_admin' | 'national_admin') => accounts.get(role) as BuiltUser;

async function mailsTo(address: string) {
  await waitForJobs(database.db);
  return mailsIn(mailDir, address);
}

/** The statements one request sends to the database. */
async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  await recording.run(statements, request);
  return statements;
}

function linkIn(text: string | undefined, prefix: string): string {
  const match = new RegExp(`http://hubwork\\.test(${prefix}/[A-Za-z0-9_-]+)`).exec(text ?? '');
  assert.ok(match, `a ${prefix} link`);
  return match[1]!;
}

describe('asking for a link', () => {
  for (const path of ['/sign-in/link', '/password-reset']) {
    test(`${path}: the same statements for an account and for an unknown address, and an email only to the account`, async () => {
      const agent = new Agent(app);
      const form = await agent.get(path);
      const known = await statementsOf(() => agent.submit(form, { email: person('hub_lead').email }));
      const unknown = await statementsOf(() => agent.submit(form, { email: 'nobody.at.all@example.org' }));
      assert.ok(known.length > 0);
      assert.deepEqual(unknown, known, 'the same work whether or not the account exists');
      assert.equal((await mailsTo(person('hub_lead').email)).length > 0, true, 'the account is emailed (by the queue)');
      assert.equal((await mailsTo('nobody.at.all@example.org')).length, 0);
    });
  }
});

describe('a link is live until a newer one or a password reset', () => {
  test('only the newest sign-in link works', async () => {
    const email = person('hub_admin').email;
    const agent = new Agent(app);
    await agent.submit(await agent.get('/sign-in/link'), { email });
    const first = linkIn((await mailsTo(email)).at(-1)?.text, '/sign-in/link');
    await agent.submit(await agent.get('/sign-in/link'), { email });
    const second = linkIn((await mailsTo(email)).at(-1)?.text, '/sign-in/link');
    assert.notEqual(first, second);
    assert.equal((await agent.get(first)).status, 410, 'the older link stopped working when the newer was sent');
    assert.equal((await agent.submit(await agent.get(second), {})).status, 303);
  });

  test('a password reset ends every other sign-in and link, keeps this one, and offers to revoke API tokens', async () => {
    const account = person('national_admin');
    // Signed in here and elsewhere, with an API token and a sign-in link waiting in the inbox.
    const here = new Agent(app);
    await here.submit(await here.get('/sign-in'), { email: account.email, password: account.password });
    const sessionHere = here.cookie('hubwork_session');
    assert.ok(sessionHere);
    const elsewhere = new Agent(app);
    await elsewhere.submit(await elsewhere.get('/sign-in'), { email: account.email, password: account.password });
    const created = await here.submit(await here.get('/account/api-tokens'), { name: 'Spreadsheet' }, '/account/api-tokens');
    const token = created.$('[data-testid="token"]').text().trim();
    const apiCall = () => app.inject({ method: 'GET', url: `/api/v1/work-groups/${nationalGroup.code}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal((await apiCall()).statusCode, 200);
    const visitor = new Agent(app);
    await visitor.submit(await visitor.get('/sign-in/link'), { email: account.email });
    const signInLink = linkIn((await mailsTo(account.email)).filter((m) => m.subject === 'Your hubwork sign-in link').at(-1)?.text, '/sign-in/link');

    await here.submit(await here.get('/password-reset'), { email: account.email });
    const resetLink = linkIn((await mailsTo(account.email)).filter((m) => m.subject === 'Reset your hubwork password').at(-1)?.text, '/password-reset');
    const done = await here.submit(await here.get(resetLink), { password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
    assert.equal(done.status, 200);
    assert.match(done.$('h1, .govuk-panel__title').text(), /Your password has been changed/);
    assert.equal(here.cookie('hubwork_session'), sessionHere, 'this browser stays signed in, with the same session');
    assert.equal((await here.get('/account')).status, 200);
    assert.equal((await elsewhere.get('/account')).status, 303, 'the other browser was signed out');
    assert.equal((await visitor.get(signInLink)).status, 410, 'the sign-in link sent before the reset no longer works');

    // The token still works until the person chooses to revoke it, as the page offers.
    assert.match(done.$('main').text(), /1 API token/);
    assert.equal((await apiCall()).statusCode, 200);
    const revoked = await here.submit(done, {}, '/account/api-tokens/revoke-all');
    assert.equal(revoked.status, 303);
    assert.equal((await apiCall()).statusCode, 401);
    assert.match((await here.get('/account/api-tokens')).$('[data-testid="tokens"]').text(), /Revoked/);
  });
});
