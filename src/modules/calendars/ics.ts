// Workshops as iCalendar (RFC 5545), for email attachments and subscribed feeds. Times are
// written in Europe/London with its VTIMEZONE, so a calendar shows "1pm" in Telford whatever
// the device's own zone; every event has a stable UID, so a changed workshop replaces itself.
// No METHOD: these are snapshots to add to a calendar, not iTIP scheduling messages (RFC 5545
// 3.7.2), which would need an ORGANIZER and replies.
import ical, { type ICalCalendar } from 'ical-generator';
import { londonWallClock, TIME_ZONE } from '../../platform/lib/london-time.ts';

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

/** The Content-Type of every .ics hubwork sends: no method parameter, as the calendars have no METHOD. */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/**
 * An instant as ical-generator should write it under TZID=Europe/London: London's wall clock,
 * whatever the process's own time zone. ical-generator reads a plain Date's local fields
 * (right only on a server set to London or UTC, and then only by luck), but asks a TZDate
 * (@date-fns/tz's, which it supports) for the fields in the zone: this is that shape, for one zone.
 */
export function londonTime(instant: Date): Date {
  const wall = londonWallClock(instant);
  // The zone's fields, and (which ical-generator also reads, then sets aside) the instant's UTC ones.
  const fields = {
    getUTCFullYear: () => instant.getUTCFullYear(),
    getUTCMonth: () => instant.getUTCMonth(),
    getUTCDate: () => instant.getUTCDate(),
    getFullYear: () => wall.getUTCFullYear(),
    getMonth: () => wall.getUTCMonth(),
    getDate: () => wall.getUTCDate(),
    getHours: () => wall.getUTCHours(),
    getMinutes: () => wall.getUTCMinutes(),
    getSeconds: () => wall.getUTCSeconds(),
  };
  return Object.assign(new Date(instant.getTime()), {
    internal: new Date(instant.getTime()),
    withTimeZone(zone?: string | null) {
      if (zone !== TIME_ZONE) throw new Error(`londonTime() is written for ${TIME_ZONE}, not ${zone}`);
      return fields;
    },
    tzComponents: () => [],
  });
}

/**
 * An empty calendar with hubwork's PRODID and Europe/London's VTIMEZONE. The calendar itself
 * names no zone, so ical-generator writes each DTSTAMP in UTC (with Z, as RFC 5545 3.8.7.2
 * requires; under a calendar zone it writes a local time); the events name theirs, which brings
 * in the VTIMEZONE. With no event it names London after all, so the calendar still holds a
 * component (RFC 5545 3.6: at least one).
 */
export function newCalendar(name: string, events: number): ICalCalendar {
  const calendar = ical({ name, prodId: { company: 'Maths Hubs', product: 'hubwork', language: 'EN' } });
  calendar.timezone({ name: events ? null : TIME_ZONE, generator: () => EUROPE_LONDON });
  return calendar;
}

/** The calendar's text, every line ending in CRLF, the last one too (RFC 5545 3.1). */
export function calendarText(calendar: ICalCalendar): string {
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

export function buildCalendar(name: string, sessions: CalendarSession[], options: { baseUrl: string; domain: string }): string {
  const calendar = newCalendar(name, sessions.length);
  for (const s of sessions) {
    const where = [s.venueName, s.venueAddress].filter(Boolean).join(', ');
    const page = `${options.baseUrl}/work-groups/${s.groupCode}`;
    calendar.createEvent({
      id: `session-${s.id}@${options.domain}`,
      start: londonTime(s.startsAt),
      end: londonTime(s.endsAt),
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
  return calendarText(calendar);
}
