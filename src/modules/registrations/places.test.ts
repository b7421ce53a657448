// Places under load, on the real database: however many schools register at once, a group
// never holds more places than it has; the rest wait in order, and a freed place goes to the
// first school waiting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDatabase } from '../../platform/db/database.ts';
import type { Db } from '../../core/schema.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createServices } from '../../app/compose.ts';
import { type TestDatabase, testDatabase } from '../../../test/harness.ts';
import { academicYearOf, type BuiltSchool, type BuiltWorkGroup, factories } from '../../../test/factories.ts';

const TODAY = new Date('2026-11-23T12:00:00Z');
let database: TestDatabase;
let wide: Db;
/** A group of 3 places, and 41 schools of its hub. */
let GROUP: string;
let schools: BuiltSchool[];

before(async () => {
  database = await testDatabase();
  // Enough connections for every registration to be in flight at once.
  wide = createDatabase(database.url, 40);
  const make = factories(database.db, TODAY);
  const hub = await make.hub();
  const group: BuiltWorkGroup = await make.workGroup(hub, { placesTotal: 3, project: await make.project({ academicYear: academicYearOf(TODAY) }) });
  GROUP = group.code;
  schools = [];
  for (let i = 0; i < 41; i++) schools.push(await make.school(hub));
});
after(async () => {
  await wide.destroy();
  await database.drop();
});

function services(db: Db) {
  return createServices(db, {
    mailer: createMailer({ smtpUrl: undefined, from: 'test@hubwork.test', dir: '/tmp/hubwork-places-test-mail' }),
    baseUrl: 'http://hubwork.test',
    clock: () => TODAY,
  });
}

test('40 simultaneous registrations for 3 places: 3 held, 37 waiting, never overbooked; a freed place goes to the first waiting', async () => {
  const { registrations } = services(wide);
  const group = await registrations.group(GROUP);
  assert.ok(group);

  const results = await Promise.all(
    schools.slice(0, 40).map((s, i) =>
      registrations.register(group, {
        urn: s.urn,
        participants: [{ name: `Teacher ${i}`, email: `t${i}@school.test`, roles: ['head_of_department'], teachingYear: null, mathsItt: null }],
        coreMathsYear: null,
        declarations: ['We commit'],
        headteacher: { name: `Head ${i}`, email: `head${i}@school.test` },
        warnings: [],
      }),
    ),
  );
  const statuses = results.map((r) => (r.ok ? r.status : 'refused'));
  assert.equal(statuses.filter((s) => s === 'pending_consent').length, 3);
  assert.equal(statuses.filter((s) => s === 'waitlisted').length, 37);
  const row = await wide.selectFrom('work_groups').select(['places_taken', 'places_total']).where('code', '=', GROUP).executeTakeFirstOrThrow();
  assert.equal(row.places_taken, row.places_total);
  const positions = results.flatMap((r) => (r.ok && r.position ? [r.position] : []));
  assert.deepEqual([...positions].sort((a, b) => a - b), Array.from({ length: 37 }, (_, i) => i + 1), 'each waiting school has its own place in the queue');

  // A held school withdraws: the first school waiting is offered the place (held for its headteacher).
  const held = results.find((r) => r.ok && r.status === 'pending_consent');
  const first = results.find((r) => r.ok && r.position === 1);
  assert.ok(held?.ok && first?.ok);
  assert.equal(await registrations.end((await registrations.idByReference(held.reference))!, 'withdrawn'), true);
  const offered = await wide.selectFrom('registrations').select(['status', 'offered_at']).where('reference', '=', first.reference).executeTakeFirstOrThrow();
  assert.equal(offered.status, 'pending_consent');
  assert.ok(offered.offered_at);
  const after = await wide.selectFrom('work_groups').select(['places_taken', 'places_total']).where('code', '=', GROUP).executeTakeFirstOrThrow();
  assert.equal(after.places_taken, after.places_total, 'the freed place passed straight on');
  const second = results.find((r) => r.ok && r.position === 2);
  assert.ok(second?.ok);
  assert.equal(await registrations.waitingPosition((await registrations.idByReference(second.reference))!), 1, 'the queue moved up');
  // The same school registering twice at once gets one registration.
  const newcomer = schools[40]!;
  const twice = await Promise.all(
    [1, 2].map(() =>
      registrations.register(group, {
        urn: newcomer.urn,
        participants: [{ name: 'Again', email: 'again@school.test', roles: ['head_of_department'], teachingYear: null, mathsItt: null }],
        coreMathsYear: null,
        declarations: [],
        headteacher: { name: 'Head', email: 'head@school.test' },
        warnings: [],
      }),
    ),
  );
  assert.equal(twice.filter((r) => r.ok).length, 1, 'one registration');
  assert.equal(twice.filter((r) => !r.ok).length, 1, 'the other is told the school is already registered');
});
