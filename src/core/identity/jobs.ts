// Sign-in's job: an emailed link asked for at an address (the repository queues it, the same
// statement for every address), made and sent only if the address has an account.
import { z } from 'zod';
import type { Jobs } from '../../platform/jobs/definitions.ts';

declare module '../../platform/jobs/definitions.ts' {
  interface JobPayloads {
    /** A sign-in or password-reset link asked for at this address: emailed if it has an account. */
    email_one_time_link: { email: string; purpose: 'sign-in' | 'password-reset' };
  }
}

export function identityJobs(auth: { emailLink(email: string, purpose: 'sign-in' | 'password-reset'): Promise<void> }): Jobs {
  return {
    email_one_time_link: {
      payload: z.object({ email: z.string().max(254), purpose: z.enum(['sign-in', 'password-reset']) }),
      // Safe to run twice: a second run makes a newer link, which replaces the first (the throttle allows 3).
      run: ({ email, purpose }) => auth.emailLink(email, purpose),
    },
  };
}
