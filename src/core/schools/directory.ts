// Reading the schools register: a school by URN, and the search behind "find your school".
import { sql } from 'kysely';
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

export type SchoolMatch = { urn: number; name: string; postcode: string; localAuthority: string; phase: string };

/** LIKE's wildcards, taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Schools open today whose name, URN or postcode matches, best first (at most `limit`). */
export async function findSchools<Tables extends Database>(db: CoreExecutor<Tables>, query: string, limit: number): Promise<SchoolMatch[]> {
  const q = query.trim();
  let select = asCore(db)
    .selectFrom('schools')
    .select(['urn', 'name', 'postcode', 'local_authority as localAuthority', 'phase'])
    .where('status', '=', 'Open');
  if (/^\d{5,7}$/.test(q)) select = select.where('urn', '=', Number(q));
  else {
    const compact = q.replace(/\s+/g, '').toUpperCase();
    const like = `%${escapeLike(q)}%`;
    select = select.where((eb) =>
      eb.or([eb('name', 'ilike', like), eb(sql`replace(upper(postcode), ' ', '')`, 'like', `${escapeLike(compact)}%`), eb('local_authority', 'ilike', like)]),
    );
  }
  return select
    .orderBy(sql`name ilike ${`${escapeLike(q)}%`}`, 'desc')
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** A school by URN, with its hub. */
export async function schoolByUrn<Tables extends Database>(db: CoreExecutor<Tables>, urn: number) {
  return asCore(db)
    .selectFrom('schools as s')
    .leftJoin('hubs as h', 'h.id', 's.hub_id')
    .select(['s.urn', 's.name', 's.phase', 's.state_funded', 's.postcode', 's.local_authority', 's.trust', 's.website', 'h.slug as hub_slug', 'h.name as hub_name'])
    .where('s.urn', '=', urn)
    .executeTakeFirst();
}
