// Projects as other modules read them: by NCP code, every project, and the projects one requires.
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

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
