// The auth module's public face: what the app and other modules may use of it.
export { authRoutes } from './routes.ts';
