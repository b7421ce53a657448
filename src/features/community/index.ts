// The Work Group community (message board, announcements, files, networks). Filled in with the feature.
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps, Services } from '../../services.ts';

export function createCommunity(_deps: FeatureDeps) {
  return {};
}

export async function communityRoutes(_app: FastifyInstance, _options: { services: Services }) {}
