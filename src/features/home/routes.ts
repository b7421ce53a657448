import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';

export async function homeRoutes(app: FastifyInstance, _options: { services: Services }) {
  app.get('/', async (_request, reply) => reply.render('home/views/home.njk', { pageTitle: '' }));
  // Load balancers and the start command ask here whether this process can serve.
  app.get('/healthz', async (_request, reply) => reply.type('text/plain').send('ok'));
}
