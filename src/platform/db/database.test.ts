// Which errors mean "PostgreSQL is away" (answered 503, try again later) and which are a mistake
// in a query (a 500, logged): real errors from pg where they can be made here, the rest by their
// SQLSTATE and message as pg and pg-pool write them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { freePort } from '../../../test/free-port.ts';
import { type TestDatabase, testDatabase } from '../../../test/harness.ts';
import { createDatabase, isDatabaseUnavailable } from './database.ts';

let database: TestDatabase;
before(async () => {
  database = await testDatabase();
});
after(() => database.drop());

test('a server nobody is listening on: unavailable', async () => {
  const nowhere = createDatabase(`postgres://postgres@127.0.0.1:${await freePort()}/hubwork`, 1, { timeouts: { connectMs: 1000, statementMs: 1000 } });
  try {
    const error = await sql`SELECT 1`.execute(nowhere).then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'the query failed');
    assert.equal(isDatabaseUnavailable(error), true, String(error));
  } finally {
    await nowhere.destroy();
  }
});

test('a statement over its time, and a connection ended by the server: unavailable', async () => {
  const quick = createDatabase(database.url, 1, { timeouts: { connectMs: 2000, statementMs: 200 } });
  try {
    const slow = await sql`SELECT pg_sleep(2)`.execute(quick).then(() => undefined, (e: unknown) => e);
    assert.equal((slow as { code?: string }).code, '57014', 'cancelled by the statement timeout');
    assert.equal(isDatabaseUnavailable(slow), true);
    const ended = await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(quick).then(() => undefined, (e: unknown) => e);
    assert.equal(isDatabaseUnavailable(ended), true, String(ended));
    // And the pool carries on with a new connection.
    assert.deepEqual((await sql<{ one: number }>`SELECT 1 AS one`.execute(quick)).rows, [{ one: 1 }]);
  } finally {
    await quick.destroy();
  }
});

test('mistakes in a query or in the data are not: they stay 500s (or the caller’s own answer)', async () => {
  for (const statement of [sql`SELECT * FROM no_such_table`, sql`SELECT 'x'::int`, sql`INSERT INTO hubs (id, slug, name, region, area, enquiries_email) SELECT id, slug, name, region, area, enquiries_email FROM hubs LIMIT 1`]) {
    const error = await statement.execute(database.db).then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'the statement failed');
    assert.equal(isDatabaseUnavailable(error), false, String(error));
  }
  assert.equal(isDatabaseUnavailable(new Error('Cannot read properties of undefined')), false);
  assert.equal(isDatabaseUnavailable(undefined), false);
});

test('the errors of a server that is away, frozen or full, as pg and pg-pool write them', () => {
  const errors = [
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    Object.assign(new Error('connection failure'), { code: '08006' }),
    new Error('timeout exceeded when trying to connect'),
    new Error('timeout expired'),
    new Error('Connection terminated unexpectedly'),
    new Error('Query read timeout'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('wrapped', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) }),
    new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]),
  ];
  for (const error of errors) assert.equal(isDatabaseUnavailable(error), true, error.message);
});
