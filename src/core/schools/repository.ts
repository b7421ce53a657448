// All the SQL of the schools register: the import's upserts by URN (many rows a statement), and a
// school by URN and the school search that other modules use.
import { sql } from 'kysely';
import type { Db } from '../schema.ts';
import type { SchoolRecord } from './record.ts';
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

/** Rows per statement: 1,000 schools is 9,000 bind parameters (PostgreSQL allows 65,535). */
export const UPSERT_CHUNK = 1000;

export type UpsertCounts = { added: number; updated: number; unchanged: number };

/** What the register holds, for the administration page. */
export type RegisterStats = {
  schools: number;
  stateFunded: number;
  /** GIAS status "Open" or "Open, but proposed to close". */
  open: number;
  /** When a school was last added or changed (updated_at moves only on a real change); null when empty. */
  lastChanged: Date | null;
};

/**
 * `db` is the pool or a transaction (a Transaction<Database> is a Kysely<Database>);
 * lockForImport and upsert need a transaction: see the service.
 */
export function createSchoolsRepository(db: Db) {
  return {
    async stats(): Promise<RegisterStats> {
      const row = await db
        .selectFrom('schools')
        .select((eb) => [
          eb.fn.countAll<string>().as('schools'),
          sql<string>`count(*) FILTER (WHERE state_funded)`.as('state_funded'),
          sql<string>`count(*) FILTER (WHERE status LIKE 'Open%')`.as('open'),
          eb.fn.max('updated_at').as('last_changed'),
        ])
        .executeTakeFirstOrThrow();
      return {
        schools: Number(row.schools),
        stateFunded: Number(row.state_funded),
        open: Number(row.open),
        lastChanged: row.last_changed ?? null,
      };
    },

    /** Serialises concurrent imports of the register until the transaction ends. */
    async lockForImport(): Promise<void> {
      await sql`SELECT pg_advisory_xact_lock(hashtext('hubwork:schools-import'))`.execute(db);
    },

    /**
     * Inserts new URNs and updates known ones, in chunks. A known school whose values are all the
     * same is left alone (updated_at keeps the date it last changed). hub_id is never touched:
     * new schools have none, and an existing school keeps the hub it was given.
     * `onChunk(done)` is called after each chunk with the rows written so far.
     */
    async upsert(
      rows: readonly SchoolRecord[],
      options: { chunkSize?: number; onChunk?: (done: number) => void } = {},
    ): Promise<UpsertCounts> {
      const size = options.chunkSize ?? UPSERT_CHUNK;
      const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
      for (let start = 0; start < rows.length; start += size) {
        const chunk = rows.slice(start, start + size);
        const written = await db
          .insertInto('schools')
          .values(chunk.map((school) => ({ ...school, website: school.website ?? null, hub_id: null })))
          .onConflict((oc) =>
            oc
              .column('urn')
              .doUpdateSet({
                name: (eb) => eb.ref('excluded.name'),
                phase: (eb) => eb.ref('excluded.phase'),
                type: (eb) => eb.ref('excluded.type'),
                state_funded: (eb) => eb.ref('excluded.state_funded'),
                local_authority: (eb) => eb.ref('excluded.local_authority'),
                postcode: (eb) => eb.ref('excluded.postcode'),
                trust: (eb) => eb.ref('excluded.trust'),
                status: (eb) => eb.ref('excluded.status'),
                // A file without the website column (or a school without one) keeps the website known.
                website: sql`coalesce(excluded.website, schools.website)`,
                updated_at: sql`now()`,
              })
              .where(
                sql<boolean>`(schools.name, schools.phase, schools.type, schools.state_funded, schools.local_authority,
                  schools.postcode, schools.trust, schools.status, schools.website)
                  IS DISTINCT FROM (excluded.name, excluded.phase, excluded.type, excluded.state_funded,
                  excluded.local_authority, excluded.postcode, excluded.trust, excluded.status, coalesce(excluded.website, schools.website))`,
              ),
          )
          // xmax is 0 on a row version this statement inserted, and set on one it updated.
          // Rows left alone by the WHERE above are not returned at all.
          .returning(sql<boolean>`xmax = 0`.as('inserted'))
          .execute();
        const added = written.filter((row) => row.inserted).length;
        counts.added += added;
        counts.updated += written.length - added;
        counts.unchanged += chunk.length - written.length;
        options.onChunk?.(start + chunk.length);
      }
      return counts;
    },
  };
}

export type SchoolsRepository = ReturnType<typeof createSchoolsRepository>;

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
