// The administration area: the hubs a person runs, and each hub's whole programme (drafts too).
// Every handler checks the policy on the server; a visitor is sent to sign in, anyone else
// without the role gets a 403 page and no data.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { HttpError, NotFoundError } from '../../web/errors.ts';
import { isNationalAdmin, policy, staffHubIds } from '../auth/policy.ts';
import type { HubAdminRepository } from './repository.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'You cannot see this page', [
      'Your account does not have a role that allows this.',
      'If you think it should, ask your Maths Hub lead to give you the role.',
    ]);
  }
}

/** Signed-in users pass; visitors are sent to sign in and come back here afterwards. */
export function requireSignIn(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.user) return true;
  reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
  return false;
}

const PUBLICATION_LABELS: Record<string, string> = { draft: 'Draft', published: 'Published', closed: 'Closed', archived: 'Archived' };

export async function hubAdminRoutes(app: FastifyInstance, { services, repository }: { services: Services; repository: HubAdminRepository }) {
  app.get('/admin', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    if (!policy.useAdministration(request.user)) throw new ForbiddenError();
    const hubs = await repository.hubsByIds(isNationalAdmin(request.user) ? 'all' : staffHubIds(request.user));
    return reply.render('hub-admin/views/dashboard.njk', {
      pageTitle: 'Administration',
      section: 'admin',
      hubs,
      national: isNationalAdmin(request.user),
    });
  });

  app.get<{ Params: { slug: string } }>('/admin/hubs/:slug', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const { slug } = request.params;
    const national = slug === 'national';
    const hub = national ? undefined : SLUG.test(slug) ? await services.hubs.findBySlug(slug) : undefined;
    if (!national && !hub) throw new NotFoundError('Maths Hub');
    const hubId = hub?.id ?? null;
    if (!policy.manageHubProgramme(request.user, hubId)) throw new ForbiddenError();
    const groups = await repository.groupsOf(hubId);
    return reply.render('hub-admin/views/hub-programme.njk', {
      pageTitle: `${hub?.name ?? 'National programme'}: Work Groups`,
      section: 'admin',
      hubName: hub?.name ?? 'National programme',
      groups: groups.map((g) => ({ ...g, publicationLabel: PUBLICATION_LABELS[g.publication] ?? g.publication })),
    });
  });
}
