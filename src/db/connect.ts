// Opens hubwork's database: the server named by DATABASE_URL, or else hubwork's own
// embedded server (started here, stopped by close()). Migrations run on every open.
import type { Config } from '../config.ts';
import { ensureDatabase } from './admin.ts';
import { createDatabase, type Db } from './database.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.ts';
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
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'embeddedPostgres'>,
  log: (message: string) => void = () => {},
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
  let server: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    server = await startEmbeddedPostgres({ ...config.embeddedPostgres, log });
    if (await ensureDatabase(server.url('postgres'), EMBEDDED_DATABASE)) log('Created the hubwork database');
    url = server.url(EMBEDDED_DATABASE);
  }
  const db = createDatabase(url, config.databasePoolSize);
  try {
    const appliedMigrations = options.migrate === false ? [] : await migrateToLatest(db as never, url);
    return {
      db,
      url,
      embedded: Boolean(server),
      appliedMigrations,
      close: async () => {
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

