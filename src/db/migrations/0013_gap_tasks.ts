import type { Kysely } from 'kysely';

// gap tasks: filled in with the feature.
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
