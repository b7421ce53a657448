// The schools module's public face: what the app and other modules may use of it.
export { openGiasFile, progressReporter, summaryLines } from './cli.ts';
export { schoolsRoutes } from './routes.ts';
export { GiasFileError, createSchoolsService, importSchools } from './service.ts';
