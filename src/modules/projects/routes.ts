// /admin/projects: the national programme's projects (NCP). Everyone who administers sees
// them; only the national administrator creates and changes them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createProjectRepository } from '../../core/projects/repository.ts';
import type { createProjectService } from '../../core/projects/service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, rawForm } from '../../platform/http/forms.ts';
import { isNationalAdmin, policy } from '../../core/identity/policy.ts';
import { PHASES, STRANDS } from '../../core/work-groups/domain.ts';
import { parseProjectForm } from './form.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { projectCommands: ReturnType<typeof createProjectService>; projects: ReturnType<typeof createProjectRepository> };

type Project = Awaited<ReturnType<RouteServices['projects']['list']>>[number];

function valuesOf(p: Project): Record<string, string> {
  return {
    ncp_code: p.ncp_code,
    title: p.title,
    academic_year: p.academic_year,
    phase: p.phase,
    strand: p.strand,
    commitment_days: String(Number(p.commitment_days)),
    description: p.description,
    themes: p.themes.join('\n'),
  };
}

export async function projectRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  function mayChange(request: FastifyRequest) {
    if (!isNationalAdmin(request.user)) throw new ForbiddenError();
  }

  async function renderForm(
    reply: FastifyReply,
    o: { title: string; action: string; values: Record<string, string>; requires: string[]; errors: FieldErrors; status?: number; self?: string },
  ) {
    const projects = await services.projects.list();
    return reply.code(o.status ?? 200).renderForm('projects/views/project-form.njk', {
      pageTitle: o.title,
      section: 'admin',
      ...o,
      errorList: errorList(o.errors),
      phases: Object.entries(PHASES).map(([value, text]) => ({ value, text, checked: o.values.phase === value })),
      strands: Object.entries(STRANDS).map(([value, text]) => ({ value, text, checked: o.values.strand === value })),
      others: projects
        .filter((p) => p.ncp_code !== o.self)
        .map((p) => ({ value: p.ncp_code, text: `${p.ncp_code} ${p.title} (${p.academic_year})`, checked: o.requires.includes(p.ncp_code) })),
    });
  }

  function requiresOf(body: unknown): string[] {
    const value = (body as Record<string, unknown> | undefined)?.requires;
    return [...new Set([value].flat().filter((v): v is string => typeof v === 'string' && /^NCP\d{2}-\d{2}$/.test(v)))];
  }

  app.get<{ Querystring: { done?: string } }>('/admin/projects', SIGNED_IN, async (request, reply) => {
    if (!policy.useAdministration(request.user)) throw new ForbiddenError();
    return reply.render('projects/views/projects.njk', {
      pageTitle: 'Projects',
      section: 'admin',
      projects: await services.projects.list(),
      canChange: isNationalAdmin(request.user),
      done: request.query.done === 'saved' ? 'Project saved' : undefined,
      strands: STRANDS,
      phases: PHASES,
    });
  });

  app.get('/admin/projects/new', SIGNED_IN, async (request, reply) => {
    mayChange(request);
    return renderForm(reply, { title: 'Create a project', action: '/admin/projects/new', values: {}, requires: [], errors: {} });
  });

  app.post('/admin/projects/new', SIGNED_IN, async (request, reply) => {
    mayChange(request);
    const raw = rawForm(request.body);
    const requires = requiresOf(request.body);
    const parsed = parseProjectForm(raw, requires);
    const result = parsed.ok ? await services.projectCommands.save(request.user!.id, null, parsed.values) : parsed;
    if (!result.ok) return renderForm(reply, { title: 'Create a project', action: '/admin/projects/new', values: raw, requires, errors: result.errors, status: 400 });
    return reply.redirect('/admin/projects?done=saved', 303);
  });

  async function projectFor(code: string): Promise<Project> {
    const project = /^NCP\d{2}-\d{2}$/i.test(code) ? (await services.projects.list()).find((p) => p.ncp_code === code.toUpperCase()) : undefined;
    if (!project) throw new NotFoundError('project');
    return project;
  }

  app.get<{ Params: { code: string } }>('/admin/projects/:code/edit', SIGNED_IN, async (request, reply) => {
    mayChange(request);
    const project = await projectFor(request.params.code);
    return renderForm(reply, {
      title: `Change ${project.ncp_code}`,
      action: `/admin/projects/${project.ncp_code}/edit`,
      values: valuesOf(project),
      requires: project.requires ?? [],
      errors: {},
      self: project.ncp_code,
    });
  });

  app.post<{ Params: { code: string } }>('/admin/projects/:code/edit', SIGNED_IN, async (request, reply) => {
    mayChange(request);
    const project = await projectFor(request.params.code);
    const raw = rawForm(request.body);
    const requires = requiresOf(request.body);
    const parsed = parseProjectForm(raw, requires);
    const result = parsed.ok ? await services.projectCommands.save(request.user!.id, project, parsed.values) : parsed;
    if (!result.ok) {
      return renderForm(reply, { title: `Change ${project.ncp_code}`, action: request.url, values: raw, requires, errors: result.errors, status: 400, self: project.ncp_code });
    }
    return reply.redirect('/admin/projects?done=saved', 303);
  });
}
