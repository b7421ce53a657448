// The job worker of this app: the platform's mail jobs and every module's own (each declared in
// its jobs.ts), on graphile-worker (platform/jobs/worker.ts).
import { type Jobs, scheduled } from '../platform/jobs/definitions.ts';
import { startWorker, type WorkerOptions } from '../platform/jobs/worker.ts';
import { identityJobs } from '../core/identity/jobs.ts';
import { communityJobs } from '../modules/community/index.ts';
import { noticeJobs } from '../modules/notices/index.ts';
import { registrationJobs } from '../modules/registrations/index.ts';
import type { Services } from './compose.ts';

declare module '../platform/jobs/definitions.ts' {
  interface JobPayloads {
    /** Daily: delete the records kept no longer than the privacy notice says (services.retention). */
    delete_expired_records: Record<string, never>;
  }
}

/** Every job the app's services run, by name. */
export function appJobs(services: Pick<Services, 'auth' | 'registrations' | 'notices' | 'community' | 'retention'>): Jobs {
  return {
    ...identityJobs(services.auth),
    ...registrationJobs(services.registrations),
    ...noticeJobs(services.notices),
    ...communityJobs(services.community),
    delete_expired_records: {
      payload: scheduled,
      // Daily at 03:30 UTC. Safe to run late, twice or beside another worker: each run deletes what is past its time then.
      every: '30 3 * * *',
      run: async () => void (await services.retention.deleteExpired()),
    },
  };
}

/** Starts the worker with every job of the app. */
export function startAppWorker(services: Services, options: WorkerOptions) {
  return startWorker({ ...options, jobs: appJobs(services) });
}
