// The api module's public face: what the app and other modules may use of it.
export { createApiTokenRepository } from './repository.ts';
export { apiRoutes } from './routes.ts';
