// Joining details and reminders on the real database, with the real job worker sending the
// emails to a folder: when each goes, to whom, what it says, its .ics read back with ical.js,
// and that overlapping runs send each notice once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { parseIcsAttachment } from '../../../test/ics.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createServices } from '../../app/compose.ts';
import type { RegistrationGroup } from '../registrations/index.ts';
import { type BuiltHub, factories } from '../../../test/factories.ts';

// A group of this test's own, Secondary Subject Leadership Community: workshop 1 on Thursday 14
// January 2027, 1pm to 4pm (GMT) face to face; workshop 2 moved here to Wednesday 7 April 2027,
// 1:30pm to 4pm (BST) online; workshop 3's date to be confirmed. Joining details 10 days before:
// from Monday 4 January.
const NOW = new Date('2027-01-05T12:00:00Z');
const W1_START = new Date('2027-01-14T13:00:00Z');
const W2_START = new Date('2027-04-07T12:30:00Z');
const LINK = 'https://meet.example.org/gn01-w2';
const HUB_TEXT = 'Please bring a laptop and your department’s scheme of work.\n\nParking is behind the Civic Centre.';

let t: TestApp;
let services: ReturnType<typeof createServices>;
let group: RegistrationGroup;
let hub: BuiltHub;
let actorUserId: number;

before(async () => {
  t = await testApp({ now: NOW });
  // The app's own services, on its database: what they queue, the app's worker sends.
  services = createServices(t.db, {
    mailer: createMailer({ smtpUrl: undefined, from: 'unused@hubwork.test', dir: t.mailDir }),
    baseUrl: 'http://hubwork.test',
    clock: () => NOW,
  });
  const make = factories(t.db, NOW);
  hub = await make.hub();
  const made = await make.workGroup(hub, {
    title: 'Secondary Subject Leadership Community',
    participantsPerSchool: 2,
    placesTotal: 40,
    joiningDetailsDays: 10,
    workshops: [
      { title: 'Launch: vision and principles', startsAt: W1_START, endsAt: new Date('2027-01-14T16:00:00Z'), venueName: 'Newcastle Civic Centre' },
      { title: 'Curriculum coherence', startsAt: new Date('2027-03-03T13:00:00Z'), endsAt: new Date('2027-03-03T16:00:00Z'), venueName: null, venueAddress: null },
      { title: 'Leading change' },
    ],
  });
  const found = await services.registrations.group(made.code);
  assert.ok(found);
  group = found;
  actorUserId = (await t.db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  await t.db
    .updateTable('workshops')
    .set({ venue_address: 'Barras Bridge, Newcastle upon Tyne NE1 8QH' })
    .where('work_group_id', '=', group.id)
    .where('workshop_number', '=', 1)
    .execute();
  await t.db
    .updateTable('workshops')
    .set({ starts_at: W2_START, ends_at: new Date('2027-04-07T15:00:00Z'), mode: 'online', joining_link: LINK })
    .where('work_group_id', '=', group.id)
    .where('workshop_number', '=', 2)
    .execute();
});
after(async () => {
  await t?.close();
});

/** Registers a fresh school with these participants (their addresses); returns its id. */
async function registerSchool(key: string, participants: number): Promise<number> {
  const school = await factories(t.db, NOW).school(hub);
  const result = await services.registrations.register(group, {
    urn: school.urn,
    participants: Array.from({ length: participants }, (_, i) => ({
      name: `Teacher ${key}${i + 1}`,
      email: `${key}${i + 1}@school.test`,
      roles: ['head_of_department'],
      teachingYear: null,
      mathsItt: null,
    })),
    coreMathsYear: null,
    declarations: [],
    headteacher: { name: `Head ${key}`, email: `head.${key}@school.test` },
    warnings: [],
  });
  assert.ok(result.ok && result.status === 'pending_consent');
  return (await services.registrations.idByReference(result.reference))!;
}

async function confirmedSchool(key: string, participants = 1): Promise<number> {
  const id = await registerSchool(key, participants);
  assert.equal(await services.registrations.confirmByStaff(id, { actorUserId, reason: 'The headteacher agreed by phone' }), true);
  return id;
}

const joining = (mails: ParsedMail[]) => mails.filter((m) => /^Joining details:/.test(m.subject ?? ''));
const reminders = (mails: ParsedMail[], workshop: number) => mails.filter((m) => (m.subject ?? '').startsWith(`Reminder: Workshop ${workshop} of`));
const calendarOf = (mail: ParsedMail | undefined) => parseIcsAttachment(mail);
const sumOf = (runs: { joiningDetails: number; reminders: number }[]) => ({
  joiningDetails: runs.reduce((n, r) => n + r.joiningDetails, 0),
  reminders: runs.reduce((n, r) => n + r.reminders, 0),
});

describe('joining details', () => {
  test('a confirmed school gets them once, each participant, when the window opens and not before; no other school does', async () => {
    await confirmedSchool('a', 2);
    const withdrawn = await confirmedSchool('b');
    assert.equal(await services.registrations.end(withdrawn, 'withdrawn'), true);
    await registerSchool('c', 1);
    const [consent] = await t.mailsTo('head.c@school.test');
    const token = /\/consent\/([A-Za-z0-9_-]+)/.exec(consent?.text ?? '')?.[1];
    assert.ok(token);
    assert.equal((await services.registrations.decide(token, false)).state, 'decided');
    await registerSchool('d', 1); // still waiting for the headteacher
    await t.db.updateTable('work_groups').set({ joining_details_text: HUB_TEXT }).where('id', '=', group.id).execute();

    // Sunday 3 January, a minute before midnight in London: 11 days before the first workshop.
    assert.deepEqual(await services.notices.sendDue(new Date('2027-01-03T23:59:00Z')), { joiningDetails: 0, reminders: 0 });
    assert.deepEqual(joining(await t.mailsTo('a1@school.test')), [], 'not before the window');

    // Monday 4 January from midnight: 10 days before. Two runs at once send them once.
    const opened = new Date('2027-01-04T00:00:00Z');
    assert.deepEqual(sumOf(await Promise.all([services.notices.sendDue(opened), services.notices.sendDue(opened)])), { joiningDetails: 1, reminders: 0 });
    assert.deepEqual(await services.notices.sendDue(new Date('2027-01-05T09:00:00Z')), { joiningDetails: 0, reminders: 0 }, 'and never again');

    for (const address of ['a1@school.test', 'a2@school.test']) {
      const mails = joining(await t.mailsTo(address));
      assert.equal(mails.length, 1, address);
      const [mail] = mails;
      assert.equal(mail?.subject, 'Joining details: Secondary Subject Leadership Community');
      const text = mail?.text ?? '';
      assert.ok(text.includes(HUB_TEXT), 'the hub’s own words');
      assert.ok(
        text.includes('- Workshop 1 (Launch: vision and principles): Thursday 14 January 2027, 1pm to 4pm, at Newcastle Civic Centre, Barras Bridge, Newcastle upon Tyne NE1 8QH'),
        text,
      );
      assert.ok(text.includes(`- Workshop 2 (Curriculum coherence): Wednesday 7 April 2027, 1:30pm to 4pm, online: ${LINK}`), text);
      assert.ok(text.includes('- Workshop 3: the date is to be confirmed'), text);
      const events = calendarOf(mail);
      assert.deepEqual(
        events.map((e) => [e.start.toISOString(), e.end.toISOString(), e.tzid]),
        [
          ['2027-01-14T13:00:00.000Z', '2027-01-14T16:00:00.000Z', 'Europe/London'],
          ['2027-04-07T12:30:00.000Z', '2027-04-07T15:00:00.000Z', 'Europe/London'],
        ],
      );
      assert.match(events[0]?.location ?? '', /Newcastle Civic Centre, Barras Bridge/);
      assert.equal(events[1]?.location, LINK, 'the online joining link');
      assert.match(events[1]?.description ?? '', /Join online: https:\/\/meet\.example\.org\/gn01-w2/);
    }
    for (const address of ['b1@school.test', 'c1@school.test', 'd1@school.test']) {
      assert.deepEqual(joining(await t.mailsTo(address)), [], `withdrawn, declined or unconfirmed: nothing for ${address}`);
    }
    const sent = await t.db.selectFrom('registrations').select(['status', 'joining_details_sent_at']).where('work_group_id', '=', group.id).where('joining_details_sent_at', 'is not', null).execute();
    assert.deepEqual(sent, [{ status: 'confirmed', joining_details_sent_at: opened }]);
  });

  test('a school confirmed after the window opened gets them at the next run; with no words of the hub’s, the standard message', async () => {
    await t.db.updateTable('work_groups').set({ joining_details_text: '' }).where('id', '=', group.id).execute();
    await confirmedSchool('e');
    assert.deepEqual(await services.notices.sendDue(new Date('2027-01-10T08:00:00Z')), { joiningDetails: 1, reminders: 0 });
    const [mail, ...more] = joining(await t.mailsTo('e1@school.test'));
    assert.equal(more.length, 0);
    assert.match(mail?.text ?? '', /place on Secondary Subject Leadership Community is confirmed, and the first workshop is coming up/);
    assert.doesNotMatch(mail?.text ?? '', /Parking is behind/);
  });

  test('the send_due_notices job does the same on the worker, at the service’s clock', async () => {
    await confirmedSchool('f');
    await enqueueJob(t.db, 'send_due_notices', {});
    const mails = joining(await t.mailsTo('f1@school.test'));
    assert.equal(mails.length, 1);
    assert.equal(calendarOf(mails[0]).length, 2);
    assert.deepEqual(joining(await t.mailsTo('a1@school.test')).length, 1, 'the others already had theirs');
  });
});

describe('reminders', () => {
  test('each participant is reminded of a workshop in the next 48 hours once, even when two runs overlap, with its .ics', async () => {
    // (The demo data's own confirmed school on another group gets its joining details that day: only reminders count here.)
    assert.equal((await services.notices.sendDue(new Date('2027-01-12T12:59:00Z'))).reminders, 0, '48 hours and a minute before');
    const due = new Date('2027-01-12T13:00:00Z');
    // Schools a (2 participants), e and f are confirmed; b withdrew, c was declined, d is waiting.
    assert.deepEqual(sumOf(await Promise.all([services.notices.sendDue(due), services.notices.sendDue(due), services.notices.sendDue(due)])), {
      joiningDetails: 0,
      reminders: 3,
    });
    assert.deepEqual(await services.notices.sendDue(new Date(W1_START.getTime() - 3_600_000)), { joiningDetails: 0, reminders: 0 }, 'once');

    for (const address of ['a1@school.test', 'a2@school.test', 'e1@school.test', 'f1@school.test']) {
      const mails = reminders(await t.mailsTo(address), 1);
      assert.equal(mails.length, 1, address);
      const [mail] = mails;
      assert.equal(mail?.subject, 'Reminder: Workshop 1 of Secondary Subject Leadership Community, Thursday 14 January 2027');
      assert.ok(
        (mail?.text ?? '').includes(
          'Workshop 1 (Launch: vision and principles) of Secondary Subject Leadership Community is on Thursday 14 January 2027, 1pm to 4pm, at Newcastle Civic Centre, Barras Bridge, Newcastle upon Tyne NE1 8QH',
        ),
        mail?.text,
      );
      const events = calendarOf(mail);
      assert.equal(events.length, 1, 'only that workshop');
      assert.equal(events[0]?.start.toISOString(), W1_START.toISOString());
      assert.match(events[0]?.uid ?? '', /^session-\d+@hubwork\.test$/);
    }
    for (const address of ['b1@school.test', 'c1@school.test', 'd1@school.test']) {
      assert.deepEqual(reminders(await t.mailsTo(address), 1), [], address);
    }
    const rows = await t.db.selectFrom('workshop_reminders').select('registration_id').execute();
    assert.equal(rows.length, 3);
  });

  test('an online workshop’s reminder carries its joining link, in the text and the .ics (BST)', async () => {
    assert.deepEqual(await services.notices.sendDue(new Date('2027-04-05T12:29:00Z')), { joiningDetails: 0, reminders: 0 });
    assert.deepEqual(await services.notices.sendDue(new Date('2027-04-06T09:00:00Z')), { joiningDetails: 0, reminders: 3 });
    const [mail, ...more] = reminders(await t.mailsTo('a2@school.test'), 2);
    assert.equal(more.length, 0);
    assert.ok((mail?.text ?? '').includes(`Workshop 2 (Curriculum coherence) of Secondary Subject Leadership Community is on Wednesday 7 April 2027, 1:30pm to 4pm, online: ${LINK}`), mail?.text);
    const [event] = calendarOf(mail);
    assert.equal(event?.start.toISOString(), W2_START.toISOString(), '1:30pm in London is 12:30 UTC in summer time');
    assert.equal(event?.location, LINK);
    // A workshop already under way is not reminded of, nor is one more than 48 hours off.
    assert.deepEqual(await services.notices.sendDue(new Date(W2_START.getTime() + 60_000)), { joiningDetails: 0, reminders: 0 });
  });
});
