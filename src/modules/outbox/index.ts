// The outbox module's public face: what the app and other modules may use of it.
export { outboxRoutes } from './routes.ts';
export { createOutboxService } from './service.ts';
