// Calendar feeds through the real app, read back with an independent parser (ical.js).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { parseIcs } from '../../../test/ics.ts';
import { type BuiltWorkGroup, factories } from '../../../test/factories.ts';

let t: TestApp;
/** A group of this test's own: four workshops across the change to summer time, the second online. */
let group: BuiltWorkGroup;
before(async () => {
  const now = new Date('2026-11-23T12:00:00Z');
  t = await testApp({ now });
  const make = factories(t.db, now);
  group = await make.workGroup(await make.hub(), {
    title: 'Secondary Maths Leadership 2022-23',
    workshops: [
      { title: 'Launch', startsAt: new Date('2022-11-07T13:00:00Z'), endsAt: new Date('2022-11-07T15:30:00Z'), venueName: 'AFC Telford United', venueAddress: 'Watling Street, Wellington, Telford TF1 2TU' },
      { startsAt: new Date('2023-01-16T13:00:00Z'), endsAt: new Date('2023-01-16T15:30:00Z'), mode: 'online', venueName: null, venueAddress: null },
      { startsAt: new Date('2023-03-20T13:00:00Z'), endsAt: new Date('2023-03-20T15:30:00Z') },
      { title: null, startsAt: new Date('2023-06-15T09:00:00Z'), endsAt: new Date('2023-06-15T14:00:00Z') },
      { title: 'Date to be confirmed' },
    ],
  });
  // A confirmed place, for the participant's own feed.
  await make.confirmedRegistration(group, await make.school(null), [{ name: 'Pat Feed', email: 'pat.feed@school.test' }]);
});
after(async () => {
  await t.close();
});

test('a Work Group’s feed has its four dated workshops at the right London times, and never its joining link', async () => {
  await t.db.updateTable('workshops').set({ joining_link: 'https://meet.example.org/secret-room' }).where('work_group_id', '=', group.id).where('workshop_number', '=', 2).execute();
  const response = await t.app.inject(`/work-groups/${group.code}/calendar.ics`);
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/calendar/);
  assert.doesNotMatch(response.body, /secret-room/);
  const events = parseIcs(response.body, { contentType: String(response.headers['content-type']) });
  assert.equal(events.length, 4);
  const [launch, , , last] = events;
  assert.equal(launch?.tzid, 'Europe/London');
  // 1pm on 7 November 2022 is GMT; 10am on 15 June 2023 is BST, 9am UTC.
  assert.equal(launch?.start.toISOString(), '2022-11-07T13:00:00.000Z');
  assert.equal(launch?.end.toISOString(), '2022-11-07T15:30:00.000Z');
  assert.match(launch?.location ?? '', /AFC Telford/);
  assert.match(launch?.summary ?? '', /Secondary Maths Leadership 2022-23: Workshop 1 – Launch/);
  assert.equal(last?.start.toISOString(), '2023-06-15T09:00:00.000Z');
  assert.equal(new Set(events.map((e) => e.uid)).size, 4, 'each workshop has its own lasting UID');
  // The page links to it.
  const page = await t.app.inject(`/work-groups/${group.code}`);
  assert.match(page.body, new RegExp(`href="/work-groups/${group.code}/calendar.ics"`));
});

test('an unknown group or feed is a 404 page, not a 500', async () => {
  for (const url of ['/work-groups/WRK-NOPE/calendar.ics', '/calendar/not-a-token.ics', '/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics', '/calendar/%00']) {
    const response = await t.app.inject(url);
    assert.ok([400, 404].includes(response.statusCode), `${url} → ${response.statusCode}`);
  }
});

test('a participant’s feed after their place has ended is an empty calendar that still keeps RFC 5545', async () => {
  const participant = await t.db
    .selectFrom('registration_participants as p')
    .innerJoin('registrations as r', 'r.id', 'p.registration_id')
    .select(['p.id', 'r.id as registration_id'])
    .where('r.status', '=', 'confirmed')
    .where('r.work_group_id', '=', group.id)
    .executeTakeFirstOrThrow();
  const { newToken, tokenHash } = await import('../../platform/lib/tokens.ts');
  const token = newToken();
  await t.db.updateTable('registration_participants').set({ calendar_token_hash: tokenHash(token) }).where('id', '=', participant.id).execute();
  const full = await t.app.inject(`/calendar/${token}.ics`);
  assert.ok(parseIcs(full.body, { contentType: String(full.headers['content-type']) }).length, 'the workshops while the place is confirmed');
  await t.db.updateTable('registrations').set({ status: 'withdrawn' }).where('id', '=', participant.registration_id).execute();
  const empty = await t.app.inject(`/calendar/${token}.ics`);
  assert.equal(empty.statusCode, 200);
  assert.deepEqual(parseIcs(empty.body, { contentType: String(empty.headers['content-type']) }), []);
});
