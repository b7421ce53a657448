// The catalogue module's public face: what the app and other modules may use of it.
export { workGroupRoutes } from './routes.ts';
export { createWorkGroupService } from './service.ts';
