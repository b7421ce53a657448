// The hubs module's public face: what the app and other modules may use of it.
export { hubRoutes } from './routes.ts';
