// The projects module's public face: what the app and other modules may use of it.
export { projectRoutes } from './routes.ts';
