// Gap tasks (school-based tasks between workshops): the service (services.tasks) and the pages.
import type { ModuleDeps } from '../../core/module-deps.ts';
import { createTaskRepository } from './repository.ts';
import { createTaskService } from './service.ts';

export function createTasks(deps: ModuleDeps) {
  return createTaskService({ db: deps.db, repository: createTaskRepository(deps.db), membership: deps.membership, clock: deps.clock, baseUrl: deps.baseUrl });
}

export { taskRoutes } from './routes.ts';
export type { TaskService } from './service.ts';
export type { TaskTables } from './tables.ts';
