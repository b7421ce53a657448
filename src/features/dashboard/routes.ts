// /home: a signed-in person's Work Groups — what is next, and what needs doing: tasks due,
// submissions awaiting feedback, lesson observations booked, new posts (read from those features).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { requireSignIn } from '../../web/session.ts';

export async function dashboardRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/home', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
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
