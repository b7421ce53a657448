// All the SQL of the demo data load: bulk inserts (many rows a statement, in chunks that
// stay well inside PostgreSQL's 65,535 bind parameters) and the lookups of ids by slug/code.
import { type Insertable, sql } from 'kysely';
import type { Database, Db } from '../core/schema.ts';

/** Rows per INSERT: 1,000 schools is 9,000 parameters. */
const CHUNK = 1000;

function chunked<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type Row<Table extends keyof Database> = Insertable<Database[Table]>;

/** `db` may be the pool or a transaction (a Transaction<Database> is a Kysely<Database>). */
export function createDemoDataRepository(db: Db) {
  return {
    /** Serialises concurrent loads (two processes starting with --demo) until the transaction ends. */
    async lockForLoading(): Promise<void> {
      await sql`SELECT pg_advisory_xact_lock(hashtext('hubwork:demo-data'))`.execute(db);
    },

    async hubCount(): Promise<number> {
      const row = await db
        .selectFrom('hubs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Inserts the hubs; returns their ids by slug. */
    async insertHubs(rows: readonly Row<'hubs'>[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>();
      for (const chunk of chunked(rows)) {
        const inserted = await db.insertInto('hubs').values(chunk).returning(['id', 'slug']).execute();
        for (const row of inserted) ids.set(row.slug, row.id);
      }
      return ids;
    },

    async insertSchools(rows: readonly Row<'schools'>[]): Promise<number> {
      let count = 0;
      for (const chunk of chunked(rows)) {
        const result = await db.insertInto('schools').values(chunk).executeTakeFirst();
        count += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return count;
    },

    /** Inserts the projects; returns their ids by NCP code. */
    async insertProjects(rows: readonly Row<'projects'>[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>();
      for (const chunk of chunked(rows)) {
        const inserted = await db.insertInto('projects').values(chunk).returning(['id', 'ncp_code']).execute();
        for (const row of inserted) ids.set(row.ncp_code, row.id);
      }
      return ids;
    },

    async insertProjectLinks(rows: readonly Row<'project_links'>[]): Promise<void> {
      for (const chunk of chunked(rows)) await db.insertInto('project_links').values(chunk).execute();
    },

    /** Inserts people; returns their ids by name (names are unique within the demo data). */
    async insertPeople(rows: readonly Row<'people'>[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>();
      for (const chunk of chunked(rows)) {
        const inserted = await db.insertInto('people').values(chunk).returning(['id', 'name']).execute();
        for (const row of inserted) ids.set(row.name, row.id);
      }
      return ids;
    },

    /** Inserts Work Groups; returns their ids by code. Long text: smaller chunks. */
    async insertWorkGroups(rows: readonly Row<'work_groups'>[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>();
      for (const chunk of chunked(rows, 500)) {
        const inserted = await db.insertInto('work_groups').values(chunk).returning(['id', 'code']).execute();
        for (const row of inserted) ids.set(row.code, row.id);
      }
      return ids;
    },

    async insertOutcomes(rows: readonly Row<'work_group_outcomes'>[]): Promise<void> {
      for (const chunk of chunked(rows)) await db.insertInto('work_group_outcomes').values(chunk).execute();
    },

    async insertSections(rows: readonly Row<'work_group_sections'>[]): Promise<void> {
      for (const chunk of chunked(rows)) await db.insertInto('work_group_sections').values(chunk).execute();
    },

    async insertLeaders(rows: readonly Row<'work_group_leaders'>[]): Promise<void> {
      for (const chunk of chunked(rows)) await db.insertInto('work_group_leaders').values(chunk).execute();
    },

    async insertSessions(rows: readonly Row<'workshops'>[]): Promise<number> {
      let count = 0;
      for (const chunk of chunked(rows)) {
        const result = await db.insertInto('workshops').values(chunk).executeTakeFirst();
        count += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return count;
    },

    async insertEligibilityRules(rows: readonly Row<'eligibility_rules'>[]): Promise<void> {
      for (const chunk of chunked(rows)) await db.insertInto('eligibility_rules').values(chunk).execute();
    },

    async insertParticipations(rows: readonly Row<'school_participations'>[]): Promise<void> {
      for (const chunk of chunked(rows)) await db.insertInto('school_participations').values(chunk).execute();
    },

    // Lookups, for anything that loads further data on top of the demo data.

    /** Inserts the accounts; returns their ids by email. */
    async insertUsers(rows: readonly Row<'users'>[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>();
      if (!rows.length) return ids;
      const inserted = await db.insertInto('users').values([...rows]).returning(['id', 'email']).execute();
      for (const row of inserted) ids.set(row.email, row.id);
      return ids;
    },

    async insertRoles(rows: readonly Row<'role_assignments'>[]): Promise<void> {
      if (rows.length) await db.insertInto('role_assignments').values([...rows]).execute();
    },

    /** A confirmed registration with its participants (demo data's place for this year). */
    async insertConfirmedRegistration(
      row: Omit<Row<'registrations'>, 'status'>,
      participants: readonly Omit<Row<'registration_participants'>, 'registration_id'>[],
    ): Promise<void> {
      const { id } = await db.insertInto('registrations').values({ ...row, status: 'confirmed' }).returning('id').executeTakeFirstOrThrow();
      await db
        .insertInto('registration_participants')
        .values(participants.map((p) => ({ ...p, registration_id: id })))
        .execute();
    },

    async hubIdsBySlug(): Promise<Map<string, number>> {
      const rows = await db.selectFrom('hubs').select(['id', 'slug']).execute();
      return new Map(rows.map((r) => [r.slug, r.id]));
    },

    async projectIdsByCode(): Promise<Map<string, number>> {
      const rows = await db.selectFrom('projects').select(['id', 'ncp_code']).execute();
      return new Map(rows.map((r) => [r.ncp_code, r.id]));
    },

    async workGroupIdsByCode(): Promise<Map<string, number>> {
      const rows = await db.selectFrom('work_groups').select(['id', 'code']).execute();
      return new Map(rows.map((r) => [r.code, r.id]));
    },
  };
}

export type DemoDataRepository = ReturnType<typeof createDemoDataRepository>;
