// The list of Maths Hubs (/hubs) and a hub's own page with its Work Groups (/hubs/:slug).
import type { FastifyInstance } from 'fastify';
import type { createWorkGroupService } from '../catalogue/index.ts';
import type { createHubService } from '../../core/hubs/service.ts';
import { NotFoundError } from '../../platform/http/errors.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { hubs: ReturnType<typeof createHubService>; workGroups: ReturnType<typeof createWorkGroupService> };

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// A hub runs dozens of groups a year, not thousands: one page shows them all.
const HUB_PAGE_LIMIT = 500;

export async function hubRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  app.get('/hubs', async (_request, reply) => {
    return reply.render('hubs/views/hubs.njk', {
      pageTitle: 'Maths Hubs',
      section: 'hubs',
      regions: await services.hubs.byRegion(),
    });
  });

  app.get<{ Params: { slug: string } }>('/hubs/:slug', async (request, reply) => {
    const { slug } = request.params;
    if (slug.length > 80 || !SLUG.test(slug)) throw new NotFoundError('Maths Hub');
    const hub = await services.hubs.findBySlug(slug);
    if (!hub) throw new NotFoundError('Maths Hub');
    const groups = await services.workGroups.listForHub(hub.slug, HUB_PAGE_LIMIT);
    return reply.render('hubs/views/hub.njk', { pageTitle: hub.name, section: 'hubs', hub, groups }, { memo: true });
  });
}
