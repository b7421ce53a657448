// /home: a signed-in person's Work Groups — what is next, and what needs doing.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { requireSignIn } from '../../web/session.ts';

export async function dashboardRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/home', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const user = request.user!;
    const home = await services.dashboard.home(user);
    return reply.render('dashboard/views/home.njk', { pageTitle: 'Your Work Groups', section: 'home', ...home });
  });
}
