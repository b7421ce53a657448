// Every installed package accepts the Node.js versions the README promises (20.19 and 24), so
// `npm install` on Node 20.19 gives no EBADENGINE warning (issue 12, point 34: cookie@2 wants 22).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

// semver is npm's own range checker, here as fastify's dependency.
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean };
const root = path.resolve(import.meta.dirname, '../..');

type LockedPackage = { version?: string; engines?: { node?: string } | string[]; optional?: boolean };

test('every package in package-lock.json accepts Node 20.19 and Node 24', () => {
  const promised = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  assert.equal(promised, '>=20.19');
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const refusing: string[] = [];
  for (const [where, locked] of Object.entries(lock.packages)) {
    const range = !Array.isArray(locked.engines) ? locked.engines?.node : undefined;
    if (!where || !range) continue;
    for (const node of ['20.19.0', '24.0.0']) {
      if (!semver.satisfies(node, range)) refusing.push(`${where}@${locked.version} wants Node ${range} (not ${node})`);
    }
  }
  assert.deepEqual(refusing, []);
});
