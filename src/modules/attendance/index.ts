// The attendance module's public face: what the app and other modules may use of it.
export { createRegisterRepository } from './repository.ts';
export { registerRoutes } from './routes.ts';
export { CHECK_IN_THROTTLE, createRegisterService, sessionState } from './service.ts';
