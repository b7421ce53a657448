// The emails lesson observations send, as plain text: a booked place (with the lesson as an
// .ics file), a lesson moved (what changed, with the updated .ics) and a cancelled lesson. Built
// here, queued in the change's transaction.
import { londonDate, londonTimeRange } from '../../platform/lib/london-time.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import { CALENDAR_TYPE } from '../registrations/index.ts';
import { type CalendarLesson, lessonCalendar } from './ics.ts';

const when = (l: CalendarLesson) => `${londonDate(l.startsAt)}, ${londonTimeRange(l.startsAt, l.endsAt)}`;

const details = (l: CalendarLesson) => [
  `When: ${when(l)}`,
  `Where: ${l.schoolName}`,
  `Class: ${l.className}`,
  `Focus: ${l.focus}`,
  `On arrival: ${l.arrival}`,
];

export function booked(lesson: CalendarLesson, observer: { name: string; email: string }, domain: string): Message {
  return {
    to: observer.email,
    subject: `Lesson observation booked: ${lesson.className} at ${lesson.schoolName}`,
    text: [
      `Dear ${observer.name},`,
      '',
      `You are signed up to observe a lesson with ${lesson.groupTitle}.`,
      '',
      ...details(lesson),
      '',
      'The lesson is attached as a calendar file. If you cannot come, give up your place on the lesson’s page so someone else can take it:',
      lesson.url,
      '',
      'Maths Hubs',
    ].join('\n'),
    attachments: [{ filename: 'lesson-observation.ics', content: lessonCalendar(lesson, { domain }), contentType: CALENDAR_TYPE }],
  };
}

/** The host hears who is coming, each time someone signs up. */
export function observerJoined(lesson: CalendarLesson, host: { name: string; email: string }, observer: { name: string }): Message {
  return {
    to: host.email,
    subject: `${observer.name} will observe your lesson: ${lesson.className}`,
    text: [
      `Dear ${host.name},`,
      '',
      `${observer.name} has signed up to observe your lesson with ${lesson.groupTitle}.`,
      '',
      ...details(lesson),
      '',
      'See who is coming, or cancel the lesson, on its page:',
      lesson.url,
      '',
      'Maths Hubs',
    ].join('\n'),
  };
}

/** The host hears that a lead changed their lesson: what changed, and the lesson as it now stands. */
export function changedByLead(lesson: CalendarLesson, host: { name: string; email: string }, lead: { name: string }, changes: string[]): Message {
  return {
    to: host.email,
    subject: `${lead.name} changed your lesson to observe: ${lesson.className}`,
    text: [
      `Dear ${host.name},`,
      '',
      `${lead.name}, a lead of ${lesson.groupTitle}, changed the lesson you offered to observe.`,
      ...(changes.length ? ['', 'What has changed:', ...changes, '', 'Everyone signed up to observe it has been emailed the new details.'] : []),
      '',
      'The lesson now:',
      ...details(lesson),
      '',
      'See it, or change it again, on its page:',
      lesson.url,
      '',
      'Maths Hubs',
    ].join('\n'),
  };
}

/** What changed for an observer: "Date: was …, now …", one line each. */
export function changesFor(before: CalendarLesson, after: CalendarLesson): string[] {
  const lines: string[] = [];
  const day = (l: CalendarLesson) => londonDate(l.startsAt);
  const time = (l: CalendarLesson) => londonTimeRange(l.startsAt, l.endsAt);
  if (day(before) !== day(after)) lines.push(`Date: was ${day(before)}, now ${day(after)}`);
  if (time(before) !== time(after)) lines.push(`Time: was ${time(before)}, now ${time(after)}`);
  if (before.schoolName !== after.schoolName) lines.push(`Where: was ${before.schoolName}, now ${after.schoolName}`);
  if (before.arrival !== after.arrival) lines.push(`On arrival: now ${after.arrival}`);
  return lines;
}

/** An observer hears that the lesson's date, time or place has changed, with the updated .ics. */
export function changed(lesson: CalendarLesson, observer: { name: string; email: string }, changes: string[], domain: string): Message {
  return {
    to: observer.email,
    subject: `Lesson observation changed: ${lesson.className} at ${lesson.schoolName}`,
    text: [
      `Dear ${observer.name},`,
      '',
      `The lesson you signed up to observe with ${lesson.groupTitle} has changed. You still have your place.`,
      '',
      'What has changed:',
      ...changes,
      '',
      'The lesson now:',
      ...details(lesson),
      '',
      'The attached calendar file updates the lesson in your calendar. If you can no longer come, give up your place on the lesson’s page so someone else can take it:',
      lesson.url,
      '',
      'Maths Hubs',
    ].join('\n'),
    attachments: [{ filename: 'lesson-observation.ics', content: lessonCalendar(lesson, { domain }), contentType: CALENDAR_TYPE }],
  };
}

export function cancelled(lesson: CalendarLesson, observer: { name: string; email: string }, reason: string | null, domain: string): Message {
  return {
    to: observer.email,
    subject: `Lesson observation cancelled: ${lesson.className} at ${lesson.schoolName}`,
    text: [
      `Dear ${observer.name},`,
      '',
      `The lesson you signed up to observe with ${lesson.groupTitle} has been cancelled.${reason ? ` The reason given: ${reason}` : ''}`,
      '',
      ...details(lesson),
      '',
      'The attached calendar file marks it cancelled in your calendar. Other lessons to observe are on the group’s page:',
      lesson.url.replace(/\/\d+$/, ''),
      '',
      'Maths Hubs',
    ].join('\n'),
    attachments: [{ filename: 'lesson-observation.ics', content: lessonCalendar(lesson, { domain, cancelled: true }), contentType: CALENDAR_TYPE }],
  };
}
