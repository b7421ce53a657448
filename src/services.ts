// Wire once: database → repositories → services. createApp(services) takes the result,
// so a test or a benchmark can build the real thing, or swap a layer.
import { databaseAnswers, type Db } from './db/database.ts';
import { createAuthRepository } from './features/auth/repository.ts';
import { createAuthService } from './features/auth/service.ts';
import { createEligibilityRepository } from './features/eligibility/repository.ts';
import { createEligibilityService } from './features/eligibility/service.ts';
import { createHubAdminRepository } from './features/hub-admin/repository.ts';
import { createHubAdminService } from './features/hub-admin/service.ts';
import { createHubRepository } from './features/hubs/repository.ts';
import { createHubService } from './features/hubs/service.ts';
import { createWorkGroupRepository } from './features/work-groups/repository.ts';
import { createWorkGroupService } from './features/work-groups/service.ts';
import { createPeopleRepository } from './features/people/repository.ts';
import { createPeopleService } from './features/people/service.ts';
import { createProjectRepository } from './features/projects/repository.ts';
import { createProjectService } from './features/projects/service.ts';
import { createSchoolsService } from './features/schools/service.ts';
import { createApiTokenRepository } from './features/api/repository.ts';
import { createCalendarRepository } from './features/calendars/repository.ts';
import { createRegistrationRepository } from './features/registrations/repository.ts';
import { createRegisterRepository } from './features/registers/repository.ts';
import { createRegisterService } from './features/registers/service.ts';
import { createMembershipRepository } from './features/membership/repository.ts';
import { createMembershipService, type MembershipService } from './features/membership/service.ts';
import { createTasks } from './features/tasks/index.ts';
import { createCommunity } from './features/community/index.ts';
import { createObservations } from './features/observations/index.ts';
import { createDashboardRepository } from './features/dashboard/repository.ts';
import { createDashboardService } from './features/dashboard/service.ts';
import { createRegistrationService } from './features/registrations/service.ts';
import { createNoticeRepository } from './features/notices/repository.ts';
import { createNoticeService } from './features/notices/service.ts';
import { createOutboxService } from './features/outbox/service.ts';
import { enqueueJob, enqueueMail } from './jobs/queue.ts';
import type { Mailer } from './mail/mailer.ts';

export type ServiceOptions = {
  /** For the job worker (src/jobs), which sends the mail the services enqueue in their transactions. */
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
  const hubAdmin = createHubAdminRepository(db);
  const hubAdminCommands = createHubAdminService({ repository: hubAdmin });
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
  // Running the group (issue 5): registers, and the private pages of its members.
  const registers = createRegisterService({ repository: createRegisterRepository(db), clock });
  const membership = createMembershipService({ repository: createMembershipRepository(db), clock });
  const feature: FeatureDeps = { db, clock, baseUrl: options.baseUrl, membership };
  const tasks = createTasks(feature);
  const community = createCommunity(feature);
  const observations = createObservations(feature);
  const dashboard = createDashboardService({ repository: createDashboardRepository(db), membership, clock });
  // For /readyz: whether this process can serve now (its database answers).
  const health = { databaseAnswers: () => databaseAnswers(db) };
  // Emails that could not be sent, for the national administrator (features/outbox).
  const outbox = createOutboxService(db);
  // The daily clean-up (job delete_expired_records): records kept no longer than the privacy notice says.
  const retention = {
    deleteExpired: async () => ({ ...(await auth.deleteExpired()), ...(await registers.deleteExpired()), ...(await outbox.deleteExpired()) }),
  };
  return { health, outbox, retention, membership, tasks, community, observations, dashboard, workGroups, eligibility, hubs, auth, hubAdmin, hubAdminCommands, people, peopleRepository, projects, projectCommands, schools, registrations, registers, notices, calendarFeeds: { calendars, baseUrl: options.baseUrl }, apiTokens: createApiTokenRepository(db) };
}

export type Services = ReturnType<typeof createServices>;

/** What each feature of a group's year (tasks, community, observations) is built from. Emails go through jobs/queue's enqueueMail. */
export type FeatureDeps = { db: Db; clock: () => Date; baseUrl: string; membership: MembershipService };
