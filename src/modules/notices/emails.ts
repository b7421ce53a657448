// The joining details and reminder emails, as plain text, each with its .ics: when (in London),
// how (online, at a venue) and where (the venue's address or the online joining link).
import { londonDate, londonTimeRange } from '../../platform/lib/london-time.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import type { CalendarSession } from '../calendars/index.ts';
import { CALENDAR_TYPE, signOff } from '../registrations/index.ts';

export type NoticeContext = {
  reference: string;
  schoolName: string;
  groupTitle: string;
  groupUrl: string;
  hubName: string | null;
  enquiriesEmail: string | null;
};

type Participant = { name: string; email: string };

/** "Workshop 2" or "Workshop 2 (Reasoning in Key Stage 3)". */
const workshopName = (s: Pick<CalendarSession, 'workshopNumber' | 'title'>) => `Workshop ${s.workshopNumber}${s.title ? ` (${s.title})` : ''}`;

/** "Friday 27 January 2023, 1pm to 4pm" */
const when = (s: CalendarSession) => `${londonDate(s.startsAt)}, ${londonTimeRange(s.startsAt, s.endsAt)}`;

/** "online: https://…", "at Telford Park School, Telford TF3 2EP", both for a blended workshop. */
export function whereAndHow(s: CalendarSession): string {
  const venue = [s.venueName, s.venueAddress].filter(Boolean).join(', ');
  if (venue && s.joiningLink) return `at ${venue}, or online: ${s.joiningLink}`;
  if (venue) return `at ${venue}`;
  if (s.joiningLink) return `online: ${s.joiningLink}`;
  if (s.modeLabel === 'Online') return 'online (the hub will send the joining link before the workshop)';
  return 'the venue is to be confirmed by the hub';
}

/** The hub's standard words, when it has not written its own. */
export function defaultJoiningText(c: NoticeContext): string {
  return [
    `${c.schoolName}'s place on ${c.groupTitle} is confirmed, and the first workshop is coming up.`,
    '',
    'Here is what you need to join each workshop: the dates and times, and the venue or the online joining link. Please keep this email, and come to every workshop: the Work Group is a year of professional development that builds from one workshop to the next.',
  ].join('\n');
}

export function joiningDetails(
  c: NoticeContext,
  participant: Participant,
  hubText: string,
  sessions: CalendarSession[],
  undatedWorkshops: number[],
  ics: string,
): Message {
  return {
    to: participant.email,
    subject: `Joining details: ${c.groupTitle}`,
    text: [
      `Dear ${participant.name},`,
      '',
      hubText.trim() || defaultJoiningText(c),
      '',
      sessions.length === 1 ? 'The workshop:' : 'The workshops:',
      ...sessions.map((s) => `- ${workshopName(s)}: ${when(s)}, ${whereAndHow(s)}`),
      ...undatedWorkshops.map((n) => `- Workshop ${n}: the date is to be confirmed`),
      '',
      `The ${sessions.length === 1 ? 'workshop is' : 'workshops are'} attached as a calendar file. You will also get a reminder before each one.`,
      signOff(c),
    ].join('\n'),
    attachments: [{ filename: 'workshops.ics', content: ics, contentType: CALENDAR_TYPE }],
  };
}

export function reminder(c: NoticeContext, participant: Participant, session: CalendarSession, ics: string): Message {
  return {
    to: participant.email,
    subject: `Reminder: Workshop ${session.workshopNumber} of ${c.groupTitle}, ${londonDate(session.startsAt)}`,
    text: [
      `Dear ${participant.name},`,
      '',
      `${workshopName(session)} of ${c.groupTitle} is on ${when(session)}, ${whereAndHow(session)}`,
      '',
      'The workshop is attached as a calendar file.',
      signOff(c),
    ].join('\n'),
    attachments: [{ filename: `workshop-${session.workshopNumber}.ics`, content: ics, contentType: CALENDAR_TYPE }],
  };
}
