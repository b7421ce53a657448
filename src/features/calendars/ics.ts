// Workshops as iCalendar (RFC 5545), for email attachments and subscribed feeds. Times are
// written in Europe/London with its VTIMEZONE, so a calendar shows "1pm" in Telford whatever
// the device's own zone; every event has a stable UID, so a changed workshop replaces itself.
import ical, { ICalCalendarMethod } from 'ical-generator';
import { londonWallClock, TIME_ZONE } from '../../lib/london-time.ts';

export type CalendarSession = {
  id: number;
  groupTitle: string;
  groupCode: string;
  workshopNumber: number;
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  modeLabel: string;
  venueName: string | null;
  venueAddress: string | null;
  /** The online joining link: only in a participant's own calendar, never a public one. */
  joiningLink?: string | null;
};

/**
 * Europe/London since 1996: BST from 1am GMT on the last Sunday in March, GMT from 2am BST on
 * the last Sunday in October (the Summer Time Order 2002 and EU Directive 2000/84/EC).
 */
/** Europe/London's VTIMEZONE, for every .ics hubwork writes. */
export const EUROPE_LONDON = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19960331T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export function buildCalendar(name: string, sessions: CalendarSession[], options: { baseUrl: string; domain: string }): string {
  const calendar = ical({ name, prodId: { company: 'Maths Hubs', product: 'hubwork', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  calendar.timezone({ name: TIME_ZONE, generator: () => EUROPE_LONDON });
  for (const s of sessions) {
    const where = [s.venueName, s.venueAddress].filter(Boolean).join(', ');
    const page = `${options.baseUrl}/work-groups/${s.groupCode}`;
    calendar.createEvent({
      id: `session-${s.id}@${options.domain}`,
      // ical-generator writes a Date's UTC fields under the event's TZID: give it London's wall clock.
      start: londonWallClock(s.startsAt),
      end: londonWallClock(s.endsAt),
      timezone: TIME_ZONE,
      summary: `${s.groupTitle}: Workshop ${s.workshopNumber}${s.title ? ` – ${s.title}` : ''}`,
      location: s.joiningLink ?? (where || (s.modeLabel === 'Online' ? 'Online (the joining link is sent to participants)' : null)),
      description: [
        `${s.modeLabel}.`,
        s.joiningLink ? `Join online: ${s.joiningLink}` : '',
        `About the Work Group: ${page}`,
      ]
        .filter(Boolean)
        .join('\n'),
      url: page,
    });
  }
  return calendar.toString();
}
