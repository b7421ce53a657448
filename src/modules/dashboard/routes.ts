// /home: a signed-in person's Work Groups — what is next, and what needs doing: tasks due,
// submissions awaiting feedback, lesson observations booked, new posts (read from those features).
import type { FastifyInstance } from 'fastify';
import type { createCommunity } from '../community/index.ts';
import type { createDashboardService } from './service.ts';
import type { createObservations } from '../observations/index.ts';
import type { createRegistrationService } from '../registrations/index.ts';
import type { createTasks } from '../tasks/index.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { community: ReturnType<typeof createCommunity>; dashboard: ReturnType<typeof createDashboardService>; observations: ReturnType<typeof createObservations>; registrations: ReturnType<typeof createRegistrationService>; tasks: ReturnType<typeof createTasks> };

export async function dashboardRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  app.get('/home', SIGNED_IN, async (request, reply) => {
    const user = request.user!;
    const [home, due, awaitingFeedback, observations, posts, schoolPlaces] = await Promise.all([
      services.dashboard.home(user),
      services.tasks.dueFor(user),
      services.tasks.awaitingFeedback(user),
      services.observations.bookedBy(user),
      services.community.recentFor(user, 5),
      // A headteacher's school's places: held for their answer, confirmed, waiting.
      services.registrations.ofHeadteacher(user),
    ]);
    return reply.render('dashboard/views/home.njk', { pageTitle: 'Your Work Groups', section: 'home', ...home, due, awaitingFeedback, observations, posts, schoolPlaces });
  });
}
