// The people module's public face: what the app and other modules may use of it.
export { createPeopleRepository } from './repository.ts';
export { peopleRoutes } from './routes.ts';
export { createPeopleService } from './service.ts';
