import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { installJobQueue } from '../platform/jobs/worker.ts';
import { migrations } from './migrations/index.ts';

export class MigrationError extends Error {}

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'hubwork_migrations',
    migrationLockTableName: 'hubwork_migrations_lock',
  });
}

function check({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/**
 * Brings the database up to the newest migration; returns the names applied now. First installs
 * or upgrades the job queue's schema (graphile_worker, ADR 0009), which graphile-worker migrates
 * itself over a connection of its own, hence the database's address as well as its handle; first,
 * so that a migration of ours may enqueue jobs.
 */
export async function migrateToLatest(db: Kysely<unknown>, connectionString: string): Promise<string[]> {
  await installJobQueue(connectionString);
  return check(await migrator(db).migrateToLatest());
}

/** Undoes the newest migration; returns its name. */
export async function migrateDown(db: Kysely<unknown>): Promise<string[]> {
  return check(await migrator(db).migrateDown());
}
