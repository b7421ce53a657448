// Wire once: database → repositories → services. createApp(services) takes the result,
// so a test or a benchmark can build the real thing, or swap a layer.
import type { Db } from './db/database.ts';
import { createHubRepository } from './features/hubs/repository.ts';
import { createHubService } from './features/hubs/service.ts';
import { createWorkGroupRepository } from './features/work-groups/repository.ts';
import { createWorkGroupService } from './features/work-groups/service.ts';

export function createServices(db: Db, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const workGroups = createWorkGroupService({ workGroups: createWorkGroupRepository(db), clock });
  const hubs = createHubService({ hubs: createHubRepository(db) });
  return { workGroups, hubs };
}

export type Services = ReturnType<typeof createServices>;
