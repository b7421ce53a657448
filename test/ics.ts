// Reading an .ics back as a calendar app would, after checking it against RFC 5545.
// parseIcs() first refuses a file that breaks the RFC (icsProblems lists what), then reads it
// with an independent parser (ical.js, Mozilla's): each event's instants in UTC, with the
// calendar's own VTIMEZONE applied. Every test that makes an .ics reads it through here.
import assert from 'node:assert/strict';
import ICAL from 'ical.js';

export type ParsedEvent = { uid: string; summary: string; start: Date; end: Date; location: string; description: string; tzid: string | null; sequence: number; status: string | null };

/** jCal, ical.js's JSON form of iCalendar: [name, properties, components], a property [name, params, type, ...values]. */
type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];
type JCalComponent = [string, JCalProperty[], JCalComponent[]];

/** The methods of iTIP (RFC 5546 section 1.4), the only values METHOD may take. */
const ITIP_METHODS = ['PUBLISH', 'REQUEST', 'REPLY', 'ADD', 'CANCEL', 'REFRESH', 'COUNTER', 'DECLINECOUNTER'];
/** The iTIP methods whose VEVENTs must name their ORGANIZER (RFC 5546 sections 3.2.1, 3.2.2, 3.2.5). */
const ORGANIZER_METHODS = ['PUBLISH', 'REQUEST', 'CANCEL', 'ADD'];

const count = (component: JCalComponent, name: string) => component[1].filter(([n]) => n === name).length;
const first = (component: JCalComponent, name: string) => component[1].find(([n]) => n === name);
const children = (component: JCalComponent, name?: string) => component[2].filter(([n]) => !name || n === name);

/**
 * What in this text breaks RFC 5545 (and, where METHOD is used, RFC 5546 and the MIME type it
 * travels in); empty when nothing does. `contentType`: the attachment's or response's type.
 */
export function icsProblems(text: string, options: { contentType?: string } = {}): string[] {
  const problems: string[] = [];
  // 3.1: every content line ends with CRLF, the last one too; lines are folded at 75 octets.
  if (/(^|[^\r])\n/.test(text)) problems.push('a line ends with a bare LF, not CRLF');
  if (!text.endsWith('\r\n')) problems.push('the last line does not end with CRLF');
  for (const line of text.split('\r\n')) {
    if (Buffer.byteLength(line, 'utf8') > 75) problems.push(`a line is longer than 75 octets: ${line.slice(0, 40)}…`);
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    return [...problems, `ical.js cannot parse it: ${(error as Error).message}`];
  }
  // ical.js gives an array when the stream holds several objects: an .ics file is one VCALENDAR.
  const calendar = parsed as JCalComponent;
  if (!Array.isArray(calendar) || calendar[0] !== 'vcalendar') return [...problems, 'the file is not one VCALENDAR'];

  // 3.6: PRODID and VERSION are required, once; VERSION is 2.0; CALSCALE and METHOD at most once.
  for (const name of ['prodid', 'version']) {
    if (count(calendar, name) !== 1) problems.push(`VCALENDAR has ${count(calendar, name)} ${name.toUpperCase()} (exactly 1 required)`);
  }
  if (first(calendar, 'version')?.[3] !== '2.0') problems.push('VERSION is not 2.0');
  for (const name of ['calscale', 'method']) {
    if (count(calendar, name) > 1) problems.push(`VCALENDAR has more than one ${name.toUpperCase()}`);
  }
  const calscale = first(calendar, 'calscale')?.[3];
  if (calscale !== undefined && calscale !== 'GREGORIAN') problems.push(`CALSCALE ${String(calscale)} is not GREGORIAN`);
  // 3.6: at least one component.
  if (!children(calendar).length) problems.push('VCALENDAR has no component (at least one required)');

  // 3.7.2: METHOD is an iTIP method, and the MIME type carries the same one (RFC 5545 3.7.2, RFC 5546 1.4).
  const method = first(calendar, 'method')?.[3] as string | undefined;
  if (method !== undefined && !ITIP_METHODS.includes(method)) problems.push(`METHOD ${method} is not an iTIP method`);
  if (options.contentType !== undefined) {
    const typeMethod = /;\s*method=("?)([A-Za-z-]+)\1/i.exec(options.contentType)?.[2]?.toUpperCase();
    if (!/^text\/calendar\s*(;|$)/i.test(options.contentType)) problems.push(`the content type ${options.contentType} is not text/calendar`);
    if (typeMethod !== method) problems.push(`METHOD is ${method ?? 'absent'} but the content type says method=${typeMethod ?? 'nothing'}`);
  }

  // 3.6.5: each VTIMEZONE has its TZID and at least one STANDARD or DAYLIGHT, each with its DTSTART and offsets.
  const zones = new Set<string>();
  for (const zone of children(calendar, 'vtimezone')) {
    if (count(zone, 'tzid') !== 1) problems.push('a VTIMEZONE has no single TZID');
    zones.add(String(first(zone, 'tzid')?.[3]));
    const rules = [...children(zone, 'standard'), ...children(zone, 'daylight')];
    if (!rules.length) problems.push('a VTIMEZONE has neither STANDARD nor DAYLIGHT');
    for (const rule of rules) {
      for (const name of ['dtstart', 'tzoffsetto', 'tzoffsetfrom']) {
        if (count(rule, name) !== 1) problems.push(`a VTIMEZONE's ${rule[0].toUpperCase()} has no single ${name.toUpperCase()}`);
      }
    }
  }

  // 3.6.1: each VEVENT has one UID and one DTSTAMP in UTC; DTSTART once (required without METHOD);
  // DTEND or DURATION, not both; every TZID it names is defined by a VTIMEZONE (3.2.19).
  const uids = new Set<string>();
  for (const event of children(calendar, 'vevent')) {
    const uid = String(first(event, 'uid')?.[3] ?? '');
    const where = `VEVENT ${uid || '(no UID)'}`;
    if (count(event, 'uid') !== 1) problems.push(`${where} has ${count(event, 'uid')} UID (exactly 1 required)`);
    if (uids.has(uid)) problems.push(`${where}: the UID is used twice`);
    uids.add(uid);
    if (count(event, 'dtstamp') !== 1) problems.push(`${where} has ${count(event, 'dtstamp')} DTSTAMP (exactly 1 required)`);
    const stamp = first(event, 'dtstamp');
    if (stamp && (stamp[2] !== 'date-time' || !String(stamp[3]).endsWith('Z'))) {
      problems.push(`${where}: DTSTAMP ${String(stamp[3])} is not a UTC date-time (it must end in Z)`);
    }
    if (count(event, 'dtstart') !== 1) problems.push(`${where} has ${count(event, 'dtstart')} DTSTART (exactly 1 required)`);
    if (count(event, 'dtend') && count(event, 'duration')) problems.push(`${where} has both DTEND and DURATION`);
    for (const name of ['dtend', 'duration', 'summary', 'location', 'description', 'sequence', 'status', 'url', 'organizer']) {
      if (count(event, name) > 1) problems.push(`${where} has more than one ${name.toUpperCase()}`);
    }
    for (const [name, params, , value] of event[1]) {
      const tzid = params.tzid;
      if (typeof tzid === 'string' && !zones.has(tzid)) problems.push(`${where}: ${name.toUpperCase()} names TZID ${tzid}, which no VTIMEZONE defines`);
      if (typeof tzid === 'string' && String(value).endsWith('Z')) problems.push(`${where}: ${name.toUpperCase()} is in UTC and also names a TZID`);
    }
    if (method && ORGANIZER_METHODS.includes(method) && count(event, 'organizer') !== 1) problems.push(`${where}: METHOD ${method} requires one ORGANIZER`);
  }
  return problems;
}

/** Fails, listing the problems, if the text breaks RFC 5545. */
export function assertValidIcs(text: string, options: { contentType?: string } = {}): void {
  assert.deepEqual(icsProblems(text, options), [], 'the .ics keeps RFC 5545');
}

/** The events of a valid .ics (assertValidIcs first), read with ical.js. */
export function parseIcs(text: string, options: { contentType?: string } = {}): ParsedEvent[] {
  assertValidIcs(text, options);
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
      sequence: event.sequence ?? 0,
      status: component.getFirstPropertyValue('status')?.toString() ?? null,
    };
  });
}

type MailAttachment = { contentType: string; content: Buffer; headers: Map<string, unknown> };

/** A mail attachment's whole Content-Type, its parameters too (mailparser's contentType drops them). */
export function attachmentType(attachment: MailAttachment): string {
  const header = attachment.headers.get('content-type') as { value: string; params?: Record<string, string> } | string | undefined;
  if (!header || typeof header === 'string') return header ?? attachment.contentType;
  return [header.value, ...Object.entries(header.params ?? {}).map(([key, value]) => `${key}=${value}`)].join('; ');
}

/** The events of a mail's .ics attachment (checked with its MIME type), failing if it has none. */
export function parseIcsAttachment(mail: { attachments: MailAttachment[] } | undefined): ParsedEvent[] {
  const ics = mail?.attachments.find((a) => a.contentType === 'text/calendar');
  assert.ok(ics, 'an .ics attachment');
  return parseIcs(ics.content.toString('utf8'), { contentType: attachmentType(ics) });
}
