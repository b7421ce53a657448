// Every date and time a person reads is in Europe/London, written the GOV.UK way:
// "Monday 7 November 2022", "1pm to 3:30pm", "midday".
export const TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(instant)) out[part.type] = part.value;
  return out;
}

/** "Monday 7 November 2022" */
export function londonDate(instant: Date): string {
  return dateFormat.format(instant).replace(',', '');
}

/** "7 November 2022" */
export function londonShortDate(instant: Date): string {
  return shortDateFormat.format(instant);
}

/** 'YYYY-MM-DD' of the instant, in London. */
export function londonIsoDate(instant: Date): string {
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "1pm", "3:30pm", "midday", "midnight" */
export function londonTime(instant: Date): string {
  const p = parts(instant);
  const hour = Number(p.hour);
  const minute = p.minute ?? '00';
  if (minute === '00' && hour === 12) return 'midday';
  if (minute === '00' && hour === 0) return 'midnight';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "1pm to 3:30pm" */
export function londonTimeRange(start: Date, end: Date): string {
  return `${londonTime(start)} to ${londonTime(end)}`;
}

/**
 * The instant at which a London wall-clock time happens, e.g. ('2022-11-07', '13:00').
 * Handles British Summer Time; a time skipped by the spring change is moved forward an hour.
 */
export function londonInstant(isoDate: string, hhmm: string): Date {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // London is UTC+0 or UTC+1: try both offsets and keep the one that reads back right.
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const p = parts(candidate);
    if (Number(p.hour) === hour && Number(p.minute) === minute && Number(p.day) === day) return candidate;
  }
  return new Date(asUtc);
}

/**
 * A Date whose UTC fields read as London's wall clock at that instant (13:00 BST → 13:00Z), for
 * writers that print a Date's fields under a TZID, such as an iCalendar event in Europe/London.
 */
export function londonWallClock(instant: Date): Date {
  const p = parts(instant);
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)));
}

/** A calendar date as written in a page: '2026-12-04' → '4 December 2026' (no time zone: it is a day). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** '2026-12-04' → 'Friday 4 December 2026'. */
export function longDateWithDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
}

/** A calendar date moved by whole days: ('2026-12-31', 1) → '2027-01-01'. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
