// Wire once: database → repositories → services. createApp(services) takes the result,
// so a test or a benchmark can build the real thing, or swap a layer.
import { databaseAnswers } from '../platform/db/database.ts';
import type { ModuleDeps } from '../core/module-deps.ts';
import type { AppDb as Db, Database as AppDatabase } from './database.ts';
import { createAuthRepository } from '../core/identity/repository.ts';
import { createAuthService } from '../core/identity/service.ts';
import { createEligibilityRepository, createEligibilityService } from '../modules/eligibility/index.ts';
import { createAuthoringRepository } from '../core/work-groups/authoring-repository.ts';
import { createAuthoringCommands } from '../core/work-groups/commands.ts';
import { createHubRepository } from '../core/hubs/repository.ts';
import { createHubService } from '../core/hubs/service.ts';
import { createWorkGroupRepository } from '../core/work-groups/catalogue-repository.ts';
import { createWorkGroupService } from '../modules/catalogue/index.ts';
import { createPeopleRepository } from '../core/people/repository.ts';
import { createPeopleService } from '../core/people/service.ts';
import { createProjectRepository } from '../core/projects/repository.ts';
import { createProjectService } from '../core/projects/service.ts';
import { createSchoolsService } from '../modules/schools/index.ts';
import { createApiTokenRepository } from '../modules/api/index.ts';
import { createCalendarRepository } from '../modules/calendars/index.ts';
import { createRegistrationRepository, createRegistrationService } from '../modules/registrations/index.ts';
import { createRegisterRepository, createRegisterService } from '../modules/attendance/index.ts';
import { createMembershipRepository } from '../core/membership/repository.ts';
import { createMembershipService } from '../core/membership/service.ts';
import { createTasks } from '../modules/tasks/index.ts';
import { createCommunity } from '../modules/community/index.ts';
import { createObservations } from '../modules/observations/index.ts';
import { createDashboardRepository, createDashboardService } from '../modules/dashboard/index.ts';
import { createNoticeRepository, createNoticeService } from '../modules/notices/index.ts';
import { createOutboxService } from '../modules/outbox/index.ts';
import { enqueueJob, enqueueMail } from '../platform/jobs/queue.ts';
import type { Mailer } from '../platform/mail/mailer.ts';

export type ServiceOptions = {
  /** For the job worker (app/worker.ts), which sends the mail the services enqueue in their transactions. */
  mailer: Mailer;
  /** The address people use to reach hubwork, for links in emails. */
  baseUrl: string;
  clock?: () => Date;
};

export function createServices(db: Db, options: ServiceOptions) {
  const clock = options.clock ?? (() => new Date());
  const eligibility = createEligibilityService({ repository: createEligibilityRepository(db) });
  const workGroups = createWorkGroupService({ workGroups: createWorkGroupRepository(db), clock, eligibility });
  const hubs = createHubService({ hubs: createHubRepository(db) });
  const auth = createAuthService({ auth: createAuthRepository(db), baseUrl: options.baseUrl, clock });
  // The administration pages read through their repository; their changes go through commands.
  const hubAdmin = createAuthoringRepository(db);
  const hubAdminCommands = createAuthoringCommands({ repository: hubAdmin });
  const peopleRepository = createPeopleRepository(db);
  const people = createPeopleService({ people: peopleRepository, baseUrl: options.baseUrl, clock });
  const projects = createProjectRepository(db);
  const projectCommands = createProjectService({ projects });
  const schools = createSchoolsService(db);
  const calendars = createCalendarRepository(db);
  const registrations = createRegistrationService({
    calendars,
    repository: createRegistrationRepository(db),
    eligibility,
    baseUrl: options.baseUrl,
    clock,
    outbox: {
      mail: async (trx, message) => void (await enqueueMail(trx, message)),
      // One job per registration's hold: holding it again (an offer) moves the job to the new time.
      expireHoldAt: async (trx, registrationId, runAt) =>
        void (await enqueueJob(trx, 'expire_registration_hold', { registrationId }, { runAt, jobKey: `registration-hold:${registrationId}` })),
    },
  });
  // Joining details and reminders, sent by the periodic job send_due_notices (ADR 12).
  const notices = createNoticeService({
    repository: createNoticeRepository(db),
    calendars,
    baseUrl: options.baseUrl,
    clock,
    outbox: { mail: async (trx, message) => void (await enqueueMail(trx, message)) },
  });
  // Running the group: registers, and the private pages of its members.
  const registers = createRegisterService({ repository: createRegisterRepository(db), clock });
  const membership = createMembershipService({ repository: createMembershipRepository(db), clock });
  const feature: ModuleDeps<AppDatabase> = { db, clock, baseUrl: options.baseUrl, membership };
  const tasks = createTasks(feature);
  const community = createCommunity(feature);
  const observations = createObservations(feature);
  const dashboard = createDashboardService({ repository: createDashboardRepository(db), membership, clock });
  // For /readyz: whether this process can serve now (its database answers).
  const health = { databaseAnswers: () => databaseAnswers(db) };
  // Emails that could not be sent, for the national administrator (modules/outbox).
  const outbox = createOutboxService(db);
  // The daily clean-up (job delete_expired_records): records kept no longer than the privacy notice says.
  const retention = {
    deleteExpired: async () => ({ ...(await auth.deleteExpired()), ...(await registers.deleteExpired()), ...(await outbox.deleteExpired()) }),
  };
  return { health, outbox, retention, membership, tasks, community, observations, dashboard, workGroups, eligibility, hubs, auth, hubAdmin, hubAdminCommands, people, peopleRepository, projects, projectCommands, schools, registrations, registers, notices, calendarFeeds: { calendars, baseUrl: options.baseUrl }, apiTokens: createApiTokenRepository(db) };
}

export type Services = ReturnType<typeof createServices>;

