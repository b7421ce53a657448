// The notices' job: joining details and workshop reminders now due, every 15 minutes (ADR 12).
import { type Jobs, scheduled } from '../../platform/jobs/definitions.ts';

declare module '../../platform/jobs/definitions.ts' {
  interface JobPayloads {
    /** Every 15 minutes: queue the joining details and workshop reminders now due. */
    send_due_notices: Record<string, never>;
  }
}

export function noticeJobs(notices: { sendDue(): Promise<unknown> }): Jobs {
  return {
    send_due_notices: {
      payload: scheduled,
      every: '*/15 * * * *',
      // Safe to run late, twice, or beside another worker's run: each notice is claimed in the
      // transaction that queues its emails (ADR 12).
      run: async () => void (await notices.sendDue()),
    },
  };
}
