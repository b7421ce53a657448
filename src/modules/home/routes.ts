import type { FastifyInstance } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../../platform/http/errors.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { health: { databaseAnswers(): Promise<boolean> } };

export async function homeRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  app.get('/', async (_request, reply) => reply.render('home/views/home.njk', { pageTitle: '' }));
  // Liveness: the process is up and answering HTTP, whatever its database is doing. A load balancer
  // that restarted hubwork on a database outage would only add a restart to it.
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').type('text/plain').send('ok'));
  // Readiness: the database answers too, so this process can serve pages now.
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store').type('text/plain');
    if (await services.health.databaseAnswers()) return reply.send('ready');
    return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send('the database is not answering');
  });
}
