// All the SQL of the national projects (NCP) and the links between them, and the lookups other
// modules use.
import { type Kysely, sql } from 'kysely';
import type { Database, Db, Phase } from '../schema.ts';
import { type AuditEntry, writeAudit } from '../audit/repository.ts';
import { asCore, type CoreExecutor } from '../schema.ts';

export type ProjectValues = {
  ncp_code: string;
  title: string;
  academic_year: string;
  phase: Phase;
  strand: string;
  commitment_days: number;
  description: string;
  themes: string[];
  requires: string[];
};

export function createProjectRepository(db: Db) {
  return {
    async list() {
      return db
        .selectFrom('projects as p')
        .select((eb) => [
          'p.id',
          'p.ncp_code',
          'p.title',
          'p.academic_year',
          'p.phase',
          'p.strand',
          'p.commitment_days',
          'p.description',
          'p.themes',
          eb
            .selectFrom('project_links as l')
            .innerJoin('projects as r', 'r.id', 'l.requires_project_id')
            .select(sql<string[]>`coalesce(array_agg(r.ncp_code ORDER BY r.ncp_code), '{}')`.as('v'))
            .whereRef('l.project_id', '=', 'p.id')
            .as('requires'),
          eb.selectFrom('work_groups as wg').select((e) => e.fn.countAll<string>().as('n')).whereRef('wg.project_id', '=', 'p.id').as('groups'),
        ])
        .orderBy('p.academic_year', 'desc')
        .orderBy('p.ncp_code')
        .execute();
    },

    async idsByCode(codes: string[]): Promise<Map<string, number>> {
      if (!codes.length) return new Map();
      const rows = await db.selectFrom('projects').select(['id', 'ncp_code']).where('ncp_code', 'in', codes).execute();
      return new Map(rows.map((r) => [r.ncp_code, r.id]));
    },

    async inTransaction<T>(work: (w: ReturnType<typeof writer>) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => work(writer(trx)));
    },
  };
}

function writer(db: Kysely<Database>) {
  async function replaceLinks(projectId: number, requiredIds: number[]) {
    await db.deleteFrom('project_links').where('project_id', '=', projectId).execute();
    if (requiredIds.length) {
      await db.insertInto('project_links').values(requiredIds.map((id) => ({ project_id: projectId, requires_project_id: id }))).execute();
    }
  }
  return {
    async insert(values: Omit<ProjectValues, 'requires'>, requiredIds: number[]) {
      const { id } = await db.insertInto('projects').values(values).returning('id').executeTakeFirstOrThrow();
      await replaceLinks(id, requiredIds);
      return id;
    },
    async update(id: number, values: Omit<ProjectValues, 'requires'>, requiredIds: number[]) {
      await db.updateTable('projects').set(values).where('id', '=', id).execute();
      await replaceLinks(id, requiredIds);
    },
    async audit(entry: AuditEntry) {
      await writeAudit(db, entry);
    },
  };
}

export type ProjectRepository = ReturnType<typeof createProjectRepository>;

/** Every project, newest year first. */
export async function allProjects<Tables extends Database>(db: CoreExecutor<Tables>) {
  return asCore(db).selectFrom('projects').select(['ncp_code', 'title', 'academic_year']).orderBy('academic_year', 'desc').orderBy('ncp_code').execute();
}

/** Projects by their NCP codes. */
export async function projectsByCode<Tables extends Database>(db: CoreExecutor<Tables>, codes: string[]) {
  if (!codes.length) return [];
  return asCore(db).selectFrom('projects').select(['ncp_code', 'title', 'academic_year']).where('ncp_code', 'in', codes).execute();
}

/** The projects a project requires its schools to join too (linked projects), by code. */
export async function requiredProjects<Tables extends Database>(db: CoreExecutor<Tables>, projectId: number) {
  return asCore(db)
    .selectFrom('project_links as l')
    .innerJoin('projects as p', 'p.id', 'l.requires_project_id')
    .select(['p.id', 'p.ncp_code', 'p.title'])
    .where('l.project_id', '=', projectId)
    .orderBy('p.ncp_code')
    .execute();
}
