// All the SQL that reads hubs: the directory (kept by service.ts) and the lookups other modules use.
import type { Db } from '../schema.ts';
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

export function createHubRepository(db: Db) {
  return {
    async list() {
      return db.selectFrom('hubs').select(['slug', 'name', 'region', 'area']).orderBy('name').execute();
    },
    async findBySlug(slug: string) {
      return db
        .selectFrom('hubs')
        .select(['id', 'slug', 'name', 'region', 'area', 'enquiries_email'])
        .where('slug', '=', slug)
        .executeTakeFirst();
    },
  };
}

export type HubRepository = ReturnType<typeof createHubRepository>;

/** Every hub's slug and name, by name. */
export async function allHubs<Tables extends Database>(db: CoreExecutor<Tables>) {
  return asCore(db).selectFrom('hubs').select(['slug', 'name']).orderBy('name').execute();
}

/** Hubs' names by their slugs. */
export async function hubsBySlug<Tables extends Database>(db: CoreExecutor<Tables>, slugs: string[]) {
  if (!slugs.length) return [];
  return asCore(db).selectFrom('hubs').select(['slug', 'name']).where('slug', 'in', slugs).execute();
}
