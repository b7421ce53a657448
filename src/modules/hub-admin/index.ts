// The hub-admin module's public face: what the app and other modules may use of it.
export { hubAdminRoutes } from './routes.ts';
