// Gap tasks (school-based tasks between workshops). Filled in with the feature.
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps, Services } from '../../services.ts';

export function createTasks(_deps: FeatureDeps) {
  return {};
}

export async function taskRoutes(_app: FastifyInstance, _options: { services: Services }) {}
