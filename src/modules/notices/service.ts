// Joining details and reminders (ADR 12), sent by the periodic job send_due_notices: each run
// looks at what is due now, and for each notice claims it and queues its emails in one
// transaction. Safe to run late, early, twice, or at the same moment in several processes:
// whatever the run, each school gets its joining details once, and each of its participants one
// reminder of each workshop.
import type { Kysely } from 'kysely';
import type { Database } from '../../core/schema.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import { buildCalendar, type CalendarSession } from '../calendars/index.ts';
import type { CalendarRepository } from '../calendars/index.ts';
import * as emails from './emails.ts';
import type { NoticeGroup, NoticeRepository, Recipients } from './repository.ts';

/** How long before a workshop its reminder goes (at the first run inside this window). */
export const REMINDER_HOURS = 48;

export type NoticeOutbox = {
  /** Queues an email in the caller's transaction. */
  mail(db: Kysely<Database>, message: Message): Promise<void>;
};

export type NoticesSent = { joiningDetails: number; reminders: number };

export function createNoticeService(deps: {
  repository: NoticeRepository;
  calendars: Pick<CalendarRepository, 'forParticipants'>;
  outbox: NoticeOutbox;
  baseUrl: string;
  clock: () => Date;
}) {
  const repo = deps.repository;
  const domain = new URL(deps.baseUrl).hostname;

  /** A group's words and workshops (with joining links), read once a run, outside the claims' transactions. */
  function groupCache() {
    const cache = new Map<number, Promise<{ group: NoticeGroup; sessions: CalendarSession[] } | undefined>>();
    return (workGroupId: number) => {
      let entry = cache.get(workGroupId);
      if (!entry) {
        entry = (async () => {
          const group = await repo.group(workGroupId);
          return group && { group, sessions: await deps.calendars.forParticipants(workGroupId) };
        })();
        cache.set(workGroupId, entry);
      }
      return entry;
    };
  }

  const context = (group: NoticeGroup, to: Recipients): emails.NoticeContext => ({
    reference: to.reference,
    schoolName: to.schoolName,
    groupTitle: group.title,
    groupUrl: `${deps.baseUrl}/work-groups/${group.code}`,
    hubName: group.hubName,
    enquiriesEmail: group.enquiriesEmail,
  });

  return {
    /**
     * Queues every notice due at `now` (default: the clock) that has not gone yet: each confirmed
     * school's joining details, and each reminder of a workshop starting within REMINDER_HOURS.
     * Returns how many schools got each.
     */
    async sendDue(now: Date = deps.clock()): Promise<NoticesSent> {
      const groups = groupCache();
      let joiningDetails = 0;
      for (const due of await repo.dueJoiningDetails(now)) {
        const found = await groups(due.workGroupId);
        if (!found?.sessions.length) continue;
        const { group, sessions } = found;
        const ics = buildCalendar(group.title, sessions, { baseUrl: deps.baseUrl, domain });
        const sent = await repo.inTransaction(async (w) => {
          const to = await w.claimJoiningDetails(due.registrationId, now);
          if (!to) return false;
          for (const p of to.participants) {
            await deps.outbox.mail(w.trx, emails.joiningDetails(context(group, to), p, group.joiningDetailsText, sessions, group.undatedWorkshops, ics));
          }
          return true;
        });
        if (sent) joiningDetails++;
      }

      let reminders = 0;
      const until = new Date(now.getTime() + REMINDER_HOURS * 3_600_000);
      for (const due of await repo.dueReminders(now, until)) {
        const found = await groups(due.workGroupId);
        const session = found?.sessions.find((s) => s.id === due.sessionId);
        if (!found || !session) continue;
        const ics = buildCalendar(found.group.title, [session], { baseUrl: deps.baseUrl, domain });
        const sent = await repo.inTransaction(async (w) => {
          const to = await w.claimReminder(due.sessionId, due.registrationId, now);
          if (!to) return false;
          for (const p of to.participants) await deps.outbox.mail(w.trx, emails.reminder(context(found.group, to), p, session, ics));
          return true;
        });
        if (sent) reminders++;
      }
      return { joiningDetails, reminders };
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
