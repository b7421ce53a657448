// The .ics hubwork writes, checked against RFC 5545 (test/ics.ts) whatever the process's own
// time zone: a server set to London or New York writes the same instants as one set to UTC.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIcs } from '../../../test/ics.ts';
import { lessonCalendar } from '../observations/index.ts';
import { buildCalendar, type CalendarSession } from './ics.ts';

const workshops: CalendarSession[] = [
  // 1pm to 3:30pm London on 7 November 2022 (GMT), and 10am to 3pm on 15 June 2023 (BST).
  { id: 1, groupTitle: 'Secondary Maths Leadership 2022-23', groupCode: 'WRKT-ICS01', workshopNumber: 1, title: 'Launch', startsAt: new Date('2022-11-07T13:00:00Z'), endsAt: new Date('2022-11-07T15:30:00Z'), modeLabel: 'Face to face', venueName: 'AFC Telford United', venueAddress: 'Watling Street, Wellington, Telford TF1 2TU' },
  { id: 4, groupTitle: 'Secondary Maths Leadership 2022-23', groupCode: 'WRKT-ICS01', workshopNumber: 4, title: null, startsAt: new Date('2023-06-15T09:00:00Z'), endsAt: new Date('2023-06-15T14:00:00Z'), modeLabel: 'Online', venueName: null, venueAddress: null, joiningLink: 'https://meet.example.org/room' },
];

/** Runs make() with the process's time zone set to zone (Node applies a change of TZ at once). */
function inZone<T>(zone: string, make: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

for (const zone of ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata']) {
  test(`with the process in ${zone}, the workshops' calendar keeps RFC 5545 and the London times`, () => {
    const ics = inZone(zone, () => buildCalendar('Secondary Maths Leadership 2022-23', workshops, { baseUrl: 'https://hubwork.example', domain: 'hubwork.example' }));
    assert.match(ics, /\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/, 'DTSTAMP in UTC');
    const events = parseIcs(ics, { contentType: 'text/calendar; charset=utf-8' });
    assert.deepEqual(
      events.map((e) => [e.start.toISOString(), e.end.toISOString(), e.tzid]),
      [
        ['2022-11-07T13:00:00.000Z', '2022-11-07T15:30:00.000Z', 'Europe/London'],
        ['2023-06-15T09:00:00.000Z', '2023-06-15T14:00:00.000Z', 'Europe/London'],
      ],
    );
    assert.match(ics, /DTSTART;TZID=Europe\/London:20230615T100000/);
  });

  test(`with the process in ${zone}, a lesson observation's calendar keeps RFC 5545 and its London time`, () => {
    const lesson = { id: 7, groupTitle: 'G', schoolName: 'Cloverwold School', className: 'Year 8, set 2', focus: 'Fluency', arrival: 'Reception', startsAt: new Date('2027-06-02T08:15:00Z'), endsAt: new Date('2027-06-02T09:15:00Z'), url: 'https://hubwork.example/x', sequence: 2 };
    for (const cancelled of [false, true]) {
      const ics = inZone(zone, () => lessonCalendar(lesson, { domain: 'hubwork.example', cancelled }));
      const [event] = parseIcs(ics, { contentType: 'text/calendar; charset=utf-8' });
      assert.equal(event?.start.toISOString(), '2027-06-02T08:15:00.000Z');
      assert.equal(event?.sequence, 2);
      assert.equal(event?.status, cancelled ? 'CANCELLED' : 'CONFIRMED');
    }
  });
}

test('an empty calendar (a feed whose place has ended) still has a component, as RFC 5545 requires', () => {
  assert.deepEqual(parseIcs(buildCalendar('Work Groups: Ada', [], { baseUrl: 'https://hubwork.example', domain: 'hubwork.example' })), []);
});
