// The community's job: the daily digest of the posts members chose to have that way.
import { type Jobs, scheduled } from '../../platform/jobs/definitions.ts';

declare module '../../platform/jobs/definitions.ts' {
  interface JobPayloads {
    /** Daily: the community's digest emails. */
    send_community_digests: Record<string, never>;
  }
}

export function communityJobs(community: { sendDigests(): Promise<unknown> }): Jobs {
  return {
    send_community_digests: {
      payload: scheduled,
      // At 06:00 UTC: 6am in winter, 7am in summer in London.
      every: '0 6 * * *',
      // Safe to run late or twice: a run within 12 hours of the last does nothing, and each run
      // queues its emails in the transaction that records it.
      run: async () => void (await community.sendDigests()),
    },
  };
}
