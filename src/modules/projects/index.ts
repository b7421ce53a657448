// The projects module's public face: what the app and other modules may use of it.
export { createProjectRepository } from './repository.ts';
export { projectRoutes } from './routes.ts';
export { createProjectService } from './service.ts';
