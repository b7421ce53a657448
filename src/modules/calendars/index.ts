// The calendars module's public face: what the app and other modules may use of it.
export { buildCalendar, calendarText, londonTime, newCalendar } from './ics.ts';
export type { CalendarSession } from './ics.ts';
export { createCalendarRepository } from './repository.ts';
export type { CalendarRepository } from './repository.ts';
export { calendarRoutes } from './routes.ts';
