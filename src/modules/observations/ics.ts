// A lesson observation as iCalendar, for the observer's email: written with ical-generator in
// Europe/London, like the workshops' calendars (calendars/ics.ts, ADR 0011). The UID is stable
// and each copy carries the lesson's SEQUENCE (migration 0016): a change of date, time or place
// raises it, and so does the cancellation (STATUS:CANCELLED), so the later copy replaces the
// earlier one in a calendar that took it.
import { ICalEventStatus } from 'ical-generator';
import { TIME_ZONE } from '../../platform/lib/london-time.ts';
import { calendarText, londonTime, newCalendar } from '../calendars/index.ts';

export type CalendarLesson = {
  id: number;
  groupTitle: string;
  schoolName: string;
  className: string;
  focus: string;
  arrival: string;
  startsAt: Date;
  endsAt: Date;
  url: string;
  /** The iCalendar SEQUENCE of this copy: 0 as offered, one more after each change and the cancellation. */
  sequence: number;
};

export function lessonCalendar(lesson: CalendarLesson, options: { domain: string; cancelled?: boolean }): string {
  const calendar = newCalendar('Lesson observation', 1);
  calendar.createEvent({
    id: `observation-${lesson.id}@${options.domain}`,
    sequence: lesson.sequence,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    start: londonTime(lesson.startsAt),
    end: londonTime(lesson.endsAt),
    timezone: TIME_ZONE,
    summary: `${options.cancelled ? 'Cancelled: ' : ''}Lesson observation: ${lesson.className} at ${lesson.schoolName}`,
    location: lesson.schoolName,
    description: [`${lesson.groupTitle}.`, `Focus: ${lesson.focus}.`, `On arrival: ${lesson.arrival}`, `Details: ${lesson.url}`].join('\n'),
    url: lesson.url,
  });
  return calendarText(calendar);
}
