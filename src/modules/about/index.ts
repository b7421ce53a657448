// The about module's public face: what the app and other modules may use of it.
export { aboutRoutes } from './routes.ts';
