// Lesson observations. Filled in with the feature.
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps, Services } from '../../services.ts';

export function createObservations(_deps: FeatureDeps) {
  return {};
}

export async function observationRoutes(_app: FastifyInstance, _options: { services: Services }) {}
