import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verify } from '@node-rs/argon2';
import { passwordHashing } from '../../platform/config.ts';
import { hashPassword } from './service.ts';

test('a password hash says its own argon2id cost, so a hash made at either cost verifies', async () => {
  const standard = await hashPassword('a password', passwordHashing({ NODE_ENV: 'production' }));
  const low = await hashPassword('a password', passwordHashing({ NODE_ENV: 'test' }));
  assert.match(standard, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.match(low, /^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
  assert.equal(await verify(standard, 'a password'), true);
  assert.equal(await verify(low, 'a password'), true);
  assert.equal(await verify(low, 'another password'), false);
  // Under npm test (NODE_ENV=test), the default is the low cost.
  assert.match(await hashPassword('a password'), /m=256,t=1/);
});
