// Opens hubwork's database: the server named by DATABASE_URL, or else hubwork's own
// embedded server (started here, stopped by close()). Migrations run on every open.
import type { Config } from '../platform/config.ts';
import { ensureDatabase } from '../platform/db/admin.ts';
import { createDatabase } from '../platform/db/database.ts';
import type { AppDb as Db, Database as AppDatabase } from './database.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../platform/db/embedded.ts';
import { migrateToLatest } from './migrate.ts';

export type OpenDatabase = {
  db: Db;
  url: string;
  embedded: boolean;
  appliedMigrations: string[];
  close(): Promise<void>;
};

const EMBEDDED_DATABASE = 'hubwork';

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'embeddedPostgres'> & Partial<Pick<Config, 'databaseTimeouts'>>,
  log: (message: string) => void = () => {},
  options: {
    migrate?: boolean;
    /**
     * `'serving'` (the web process): statements and connections time out (config.databaseTimeouts),
     * so a database that is away gives a quick 503. `'operator'` (the default): none do, for
     * migrations, imports and seeding that may take minutes.
     */
    use?: 'serving' | 'operator';
  } = {},
): Promise<OpenDatabase> {
  let server: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    server = await startEmbeddedPostgres({ ...config.embeddedPostgres, log });
    if (await ensureDatabase(server.url('postgres'), EMBEDDED_DATABASE)) log('Created the hubwork database');
    url = server.url(EMBEDDED_DATABASE);
  }
  const serving = options.use === 'serving';
  // A lost connection is replaced by the pool; say so once in a while, not once per connection.
  // Nor while closing: pg's pool.end() resolves before its connections' goodbyes reach the server,
  // which, stopped next, may end one of them first (57P01). That is the stop, not an outage.
  let lastSaid = 0;
  let closing = false;
  const onConnectionError = (error: Error) => {
    if (closing || Date.now() - lastSaid < 10_000) return;
    lastSaid = Date.now();
    log(`Lost a connection to PostgreSQL (${error.message}); requests get 503 until it is back`);
  };
  const db = createDatabase<AppDatabase>(url, config.databasePoolSize, {
    timeouts: serving ? config.databaseTimeouts : false,
    onConnectionError,
  });
  try {
    let appliedMigrations: string[] = [];
    if (options.migrate !== false) {
      // A migration may build an index for minutes: never under the serving pool's timeouts.
      const migrator = serving ? createDatabase<AppDatabase>(url, 1, { timeouts: false }) : db;
      try {
        appliedMigrations = await migrateToLatest(migrator as never, url);
      } finally {
        if (migrator !== db) await migrator.destroy();
      }
    }
    return {
      db,
      url,
      embedded: Boolean(server),
      appliedMigrations,
      close: async () => {
        closing = true;
        await db.destroy();
        await server?.stop();
      },
    };
  } catch (error) {
    await db.destroy();
    await server?.stop();
    throw error;
  }
}
