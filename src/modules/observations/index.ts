// Lesson observations: a school in a Work Group offers a lesson, the group's members sign up to
// observe it, and its host records the post-lesson discussion for the group (ADR 0017).
import type { ModuleDeps } from '../../core/module-deps.ts';
import { createObservationRepository } from './repository.ts';
import { createObservationService } from './service.ts';

export function createObservations(deps: ModuleDeps) {
  return createObservationService({ repository: createObservationRepository(deps.db), clock: deps.clock, baseUrl: deps.baseUrl, membership: deps.membership });
}

export { observationRoutes } from './routes.ts';
export type { ObservationService } from './service.ts';
export { lessonCalendar } from './ics.ts';
export type { ObservationTables } from './tables.ts';
