import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, passwordHashing, STANDARD_PASSWORD_HASHING } from './config.ts';

test('with no settings hubwork runs on port 3000 with its own database under ./data', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.dataDir, path.resolve('data'));
  assert.equal(config.embeddedPostgres.dataDir, path.resolve('data/postgres'));
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.jobConcurrency, 2);
  assert.deepEqual(config.contact, { email: 'support@hubwork.localhost', operator: 'the Maths Hubs programme' });
});

test('settings come from the environment', () => {
  const config = loadConfig({
    PORT: '8080',
    DATABASE_URL: 'postgres://u:p@db.internal:5432/hubwork',
    HUBWORK_DATA_DIR: '/var/lib/hubwork',
    JOB_CONCURRENCY: '5',
    SUPPORT_EMAIL: 'workgroups@maths-hubs.example',
    OPERATOR_NAME: 'the Maths Hubs Programme Team',
  });
  assert.deepEqual(config.contact, { email: 'workgroups@maths-hubs.example', operator: 'the Maths Hubs Programme Team' });
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, 'postgres://u:p@db.internal:5432/hubwork');
  assert.equal(config.dataDir, '/var/lib/hubwork');
  assert.equal(config.jobConcurrency, 5);
});

test('bad settings stop hubwork with every problem listed', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', JOB_CONCURRENCY: '0', SUPPORT_EMAIL: 'not an address' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 5);
      assert.match(error.message, /SUPPORT_EMAIL: must be an email address/);
      assert.match(error.message, /JOB_CONCURRENCY/);
      assert.match(error.message, /PORT/);
      assert.match(error.message, /DATABASE_URL: must be a postgres/);
      assert.match(error.message, /LOG_LEVEL/);
      return true;
    },
  );
});

test('passwords are hashed at the standard argon2id cost except under test, where low is the default and may be turned off', () => {
  assert.deepEqual(loadConfig({}).passwordHashing, STANDARD_PASSWORD_HASHING);
  assert.deepEqual(loadConfig({ NODE_ENV: 'production' }).passwordHashing, { memoryCost: 19_456, timeCost: 2 });
  assert.ok(loadConfig({ NODE_ENV: 'test' }).passwordHashing.memoryCost < STANDARD_PASSWORD_HASHING.memoryCost);
  assert.deepEqual(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'standard' }).passwordHashing, STANDARD_PASSWORD_HASHING);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', PASSWORD_HASH_COST: 'low' }), /PASSWORD_HASH_COST: low is for the tests only/);
  assert.throws(() => loadConfig({ PASSWORD_HASH_COST: 'low' }), ConfigError);
  // Code without a Config (the demo data) gets the same answer from the environment.
  assert.deepEqual(passwordHashing({ NODE_ENV: 'production', PASSWORD_HASH_COST: 'low' }), STANDARD_PASSWORD_HASHING);
  assert.deepEqual(passwordHashing({ NODE_ENV: 'test' }), loadConfig({ NODE_ENV: 'test' }).passwordHashing);
});
