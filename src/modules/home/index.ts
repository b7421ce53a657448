// The home module's public face: what the app and other modules may use of it.
export { homeRoutes } from './routes.ts';
