// Reading an .ics back with an independent parser (ical.js, Mozilla's), as a calendar app
// would: each event's instants in UTC, with the calendar's own VTIMEZONE applied.
import ICAL from 'ical.js';

export type ParsedEvent = { uid: string; summary: string; start: Date; end: Date; location: string; description: string; tzid: string | null };

export function parseIcs(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location ?? '',
      description: event.description ?? '',
      tzid: component.getFirstProperty('dtstart')?.getParameter('tzid')?.toString() ?? null,
    };
  });
}
