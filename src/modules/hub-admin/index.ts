// The hub-admin module's public face: what the app and other modules may use of it.
export { createHubAdminRepository } from './repository.ts';
export { hubAdminRoutes } from './routes.ts';
export { createHubAdminService } from './service.ts';
