// hubwork's real app, as production builds it, in a process of its own so that the load
// generator never shares its event loop.
//   node --import tsx bench/serve-app.ts <database url> <port, 0 for any> <pool size> [no-page-memo]
import { createDatabase } from '../src/platform/db/database.ts';
import type { Database } from '../src/app/database.ts';
import { benchServices } from './services.ts';
import { createApp } from '../src/app/server.ts';
import { exitWithParent } from './child-lifecycle.ts';

const [url, portArg = '0', poolArg = '10', memoArg] = process.argv.slice(2);
if (!url) throw new Error('usage: serve-app.ts <database url> <port> <pool size>');

const db = createDatabase<Database>(url, Number(poolArg));
const app = await createApp({ config: { env: 'production', logLevel: 'warn', secureCookies: false }, services: benchServices(db), pageMemo: memoArg !== 'no-page-memo' });

exitWithParent(async () => {
  await app.close();
  await db.destroy();
});

// A backlog for the registration storm's 2,000 connections (node's default is 511).
await app.listen({ host: '127.0.0.1', port: Number(portArg), backlog: 2048 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('not listening');
process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);
