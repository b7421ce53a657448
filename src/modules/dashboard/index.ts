// The dashboard module's public face: what the app and other modules may use of it.
export { createDashboardRepository } from './repository.ts';
export { dashboardRoutes } from './routes.ts';
export { createDashboardService } from './service.ts';
