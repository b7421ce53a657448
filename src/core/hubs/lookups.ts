// Hubs as other modules read them straight from the table (the directory with its cache is service.ts).
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

/** Every hub's slug and name, by name. */
export async function allHubs<Tables extends Database>(db: CoreExecutor<Tables>) {
  return asCore(db).selectFrom('hubs').select(['slug', 'name']).orderBy('name').execute();
}

/** Hubs' names by their slugs. */
export async function hubsBySlug<Tables extends Database>(db: CoreExecutor<Tables>, slugs: string[]) {
  if (!slugs.length) return [];
  return asCore(db).selectFrom('hubs').select(['slug', 'name']).where('slug', 'in', slugs).execute();
}
