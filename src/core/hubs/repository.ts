// All the SQL that reads hubs.
import type { Db } from '../schema.ts';

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
