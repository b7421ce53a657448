// The registrations module's public face: what the app and other modules may use of it.
export { CALENDAR_TYPE, signOff } from './emails.ts';
export { createRegistrationRepository } from './repository.ts';
export { registrationRoutes } from './routes.ts';
export { MAX_REGISTRATIONS_PER_HOUR, createRegistrationService } from './service.ts';
export type { RegistrationGroup } from './service.ts';
export { registrationStaffRoutes } from './staff-routes.ts';
export { headteacherConflict, parseHeadteacher, parseParticipants } from './validation.ts';
export { registrationJobs } from './jobs.ts';
