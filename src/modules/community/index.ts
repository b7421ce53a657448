// The Work Group community (replacing Basecamp): each Work Group's private message
// board, hub and national networks, files, @mentions, email notifications and the daily digest.
import type { ModuleDeps } from '../../core/module-deps.ts';
import { createCommunityRepository } from './repository.ts';
import { createCommunityService } from './service.ts';

export function createCommunity(deps: ModuleDeps) {
  return createCommunityService({ ...deps, repository: createCommunityRepository(deps.db) });
}

export { communityRoutes } from './routes.ts';
export type { CommunityService, Space, SpaceAccess } from './service.ts';
export type { CommunityTables } from './tables.ts';
export { communityJobs } from './jobs.ts';
