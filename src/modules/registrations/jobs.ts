// Registration's jobs: a held place's end, and the sweep behind it.
import { z } from 'zod';
import { type Jobs, scheduled } from '../../platform/jobs/definitions.ts';

declare module '../../platform/jobs/definitions.ts' {
  interface JobPayloads {
    /** At the end of a held place's consent window: release it if the headteacher has not answered. */
    expire_registration_hold: { registrationId: number };
    /** Every 5 minutes: release any held place past its time that its job missed; forget drafts past their day. */
    release_overdue_holds: Record<string, never>;
  }
}

export function registrationJobs(registrations: {
  expireHold(registrationId: number): Promise<boolean>;
  releaseOverdueHolds(): Promise<number>;
  purgeExpiredDrafts(): Promise<number>;
}): Jobs {
  return {
    expire_registration_hold: {
      payload: z.object({ registrationId: z.number().int().positive() }),
      // Safe to run early, late or twice: it releases only a hold still pending and past its time.
      run: async ({ registrationId }) => void (await registrations.expireHold(registrationId)),
    },
    release_overdue_holds: {
      payload: scheduled,
      every: '*/5 * * * *',
      // Safe to run late, twice, or beside another worker's run: each hold is released under its row lock, once.
      async run() {
        await registrations.releaseOverdueHolds();
        // Drafts hold names and emails, and are kept 24 hours only.
        await registrations.purgeExpiredDrafts();
      },
    },
  };
}
