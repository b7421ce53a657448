// The people module's public face: what the app and other modules may use of it.
export { peopleRoutes } from './routes.ts';
