// Linked projects, "both or neither", and hub staff moving a registration, through the real
// app on a real database. This test's own Embedding Year Support group (LEAD) requires its
// schools to join an Embedding and Sustaining group too: PARTNER, in the same hub.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { parseIcsAttachment } from '../../../test/ics.ts';
import { accountWithRole, type BuiltHub, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

const TODAY = new Date('2026-11-23T12:00:00Z');
const LEAD = 'WRKT-EYS';
const PARTNER = 'WRKT-EAS';
/** A group of the hub whose project requires no other. */
const PLAIN = 'WRKT-PLAIN';
let t: TestApp;
let hub: BuiltHub;
/** The NCP code of the project schools must also join. */
let partnerNcp: string;

before(async () => {
  t = await testApp({ now: TODAY });
  const make = factories(t.db, TODAY);
  hub = await make.hub({ name: 'Trent Valley Maths Hub' });
  const support = await make.project({ title: 'Secondary Teaching for Mastery – Embedding Year Support' });
  const sustaining = await make.project({ title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group' });
  await make.projectLink(support, sustaining);
  partnerNcp = sustaining.ncpCode;
  const lead = await make.workGroup(hub, { code: LEAD, title: 'Secondary Teaching for Mastery – Embedding Year Support 2026-27', project: support, participantsPerSchool: 2, placesTotal: 30 });
  await make.eligibilityRule(lead, {
    rule_type: 'prior_participation',
    kind: 'requirement',
    params: { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2025/26' },
  });
  await make.eligibilityRule(lead, { rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_advocate'], applies_to: 'lead' } });
  // The partner group meets four times.
  await make.workGroup(hub, { code: PARTNER, title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group 2026-27', project: sustaining, participantsPerSchool: 2, placesTotal: 30, workshops: 4 });
  await make.workGroup(hub, { code: PLAIN });
});
after(async () => {
  await t.close();
});

/** A new secondary of the hub that took part in Secondary TfM in 2025/26 (so may join LEAD). */
async function eligibleSchool(): Promise<{ urn: number; name: string }> {
  const make = factories(t.db, TODAY);
  const school = await make.school(hub);
  await make.participation(school, { academicYear: '2025/26', strand: 'teaching-for-mastery' });
  return school;
}

const places = async (code: string) =>
  t.db.selectFrom('work_groups').select(['places_taken', 'places_total']).where('code', '=', code).executeTakeFirstOrThrow();
/** Leaves `free` places on the group (the places taken before hubwork make up the rest). */
const leaveFree = (code: string, free: number) =>
  t.db.updateTable('work_groups').set((eb) => ({ places_taken: eb('places_total', '-', free) })).where('code', '=', code).execute();

const statusOf = async (reference: string) =>
  (await t.db.selectFrom('registrations').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status;

/** The registration a school holds on a group now (live or ended), newest first. */
async function registrationOn(code: string, urn: number) {
  return t.db
    .selectFrom('registrations as r')
    .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
    .select(['r.reference', 'r.status', 'r.lead_registration_id'])
    .where('wg.code', '=', code)
    .where('r.school_urn', '=', urn)
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
}

/** Goes through the question pages for a two-teacher group; returns the confirmation page. */
let schoolsRegistered = 0;
async function registerPair(code: string, urn: number, tag: string) {
  // Each school from its own network, as schools are (one address may make ten an hour).
  const agent = new Agent(t.app, { ip: `192.0.2.${++schoolsRegistered}` });
  const base = `/work-groups/${code}/register`;
  const chosen = await agent.submit(await agent.get(`${base}/school?q=${urn}`), { urn: String(urn) });
  assert.equal(chosen.location, `${base}/eligibility`);
  const eligibility = await agent.get(chosen.location!);
  const named = await agent.submit(await agent.get(`${base}/participants`), {
    'participant-1-name': `Ada ${tag}`,
    'participant-1-email': `ada.${tag}@school.test`,
    'participant-1-roles': ['mastery_advocate'],
    'participant-2-name': `Ben ${tag}`,
    'participant-2-email': `ben.${tag}@school.test`,
    'participant-2-roles': ['teacher'],
  });
  assert.equal(named.location, `${base}/declarations`, named.$('.govuk-error-summary').text());
  const declarations = await agent.get(named.location!);
  const ticks = declarations.$('input[name="declarations"]').map((_, el) => declarations.$(el).attr('value')).get();
  await agent.submit(declarations, { declarations: ticks });
  await agent.submit(await agent.get(`${base}/you`), { name: `Ada ${tag}`, email: `ada.${tag}@school.test` });
  // An address the hub has recorded for the school: the headteacher's approval from it counts at once.
  await t.db.insertInto('school_known_addresses').values({ school_urn: urn, email: `head.${tag}@heads.test` }).onConflict((oc) => oc.doNothing()).execute();
  await agent.submit(await agent.get(`${base}/headteacher`), { name: `Head ${tag}`, email: `head.${tag}@heads.test` });
  const check = await agent.get(`${base}/check`);
  const done = await agent.submit(check, {});
  assert.equal(done.location, `${base}/confirmation`, done.$('main').text());
  const confirmation = await agent.get(done.location!);
  return { eligibility, check, confirmation, reference: confirmation.$('[data-testid="reference"]').text().trim() };
}

const signedIn = async (role: Role) => signInAs(t.app, await accountWithRole(factories(t.db, TODAY), role));

function linkFrom(text: string | undefined, path: string): string {
  const link = new RegExp(`http://hubwork\\.test(/${path}/[A-Za-z0-9_-]+)`).exec(text ?? '')?.[1];
  assert.ok(link, `a /${path}/ link in: ${text}`);
  return link;
}

test('the register’s “Before you start” page says the school must join the required project too', async () => {
  const page = await new Agent(t.app).get(`/work-groups/${LEAD}/register`);
  assert.equal(page.status, 200);
  assert.match(
    page.$('[data-testid="requires"]').text().replace(/\s+/g, ' '),
    new RegExp(`Schools in this group must also join Secondary Teaching for Mastery – Embedding and Sustaining Work Group \\(${partnerNcp}\\)\\. Registering here registers your school for one of its groups run by Trent Valley Maths Hub as well`),
  );
  assert.equal((await new Agent(t.app).get(`/work-groups/${PLAIN}/register`)).$('[data-testid="requires"]').length, 0, 'nothing for a group whose project needs none');
});

describe('linked projects: both or neither', () => {
  test('registering for Embedding Year Support holds a place on the Embedding and Sustaining group too; one headteacher answer confirms both', async () => {
    const school = await eligibleSchool();
    const [leadBefore, partnerBefore] = [await places(LEAD), await places(PARTNER)];
    const { eligibility, check, confirmation, reference } = await registerPair(LEAD, school.urn, 'both');

    assert.match(eligibility.$('[data-testid="linked"]').text(), new RegExp(`must also join Secondary Teaching for Mastery – Embedding and Sustaining Work Group \\(${partnerNcp}\\)`));
    assert.match(eligibility.$('[data-testid="linked"]').text(), new RegExp(`also registers .* for .*${PARTNER}`));
    assert.match(check.$('[data-testid="linked"]').text(), /both or neither/);
    const partner = await registrationOn(PARTNER, school.urn);
    assert.ok(partner, 'a registration on the partner group');
    assert.match(confirmation.$('[data-testid="linked"]').text(), new RegExp(partner.reference));

    assert.equal(await statusOf(reference), 'pending_consent');
    assert.equal(partner.status, 'pending_consent');
    assert.equal((await places(LEAD)).places_taken, leadBefore.places_taken + 1);
    assert.equal((await places(PARTNER)).places_taken, partnerBefore.places_taken + 1);

    // One email to the headteacher, naming both; its link confirms both places.
    const asked = await t.mailsTo('head.both@heads.test');
    assert.equal(asked.length, 1);
    assert.match(asked[0]?.text ?? '', new RegExp(`Registered together with: .*\\(reference ${partner.reference}\\)`));
    const consent = linkFrom(asked[0]?.text, 'consent');
    const head = new Agent(t.app);
    const page = await head.get(consent);
    assert.match(page.$('main').text(), /Registered together with/);
    assert.match(page.$('main').text(), new RegExp(partner.reference));
    const answered = await head.submit(page, { decision: 'approve' });
    assert.match(answered.$('h1').text(), /Place confirmed/);
    assert.equal(await statusOf(reference), 'confirmed');
    assert.equal(await statusOf(partner.reference), 'confirmed');

    // Each participant has a confirmation for each group, with that group's workshops.
    const confirmations = (await t.mailsTo('ada.both@school.test')).filter((m) => /^Place confirmed/.test(m.subject ?? ''));
    assert.deepEqual(confirmations.map((m) => m.subject).sort(), [
      'Place confirmed: Secondary Teaching for Mastery – Embedding Year Support 2026-27',
      'Place confirmed: Secondary Teaching for Mastery – Embedding and Sustaining Work Group 2026-27',
    ]);
    const partnerMail = confirmations.find((m) => /Sustaining/.test(m.subject ?? ''))!;
    const events = parseIcsAttachment(partnerMail);
    assert.equal(events.length, 4, 'the partner group’s four workshops');
  });

  test('a full partner group puts the school on both waiting lists; a freed place goes to it only when both groups have one', async () => {
    await leaveFree(LEAD, 5);
    await leaveFree(PARTNER, 0);
    const [leadBefore, partnerBefore] = [await places(LEAD), await places(PARTNER)];
    const waiting = await eligibleSchool();
    const { confirmation, reference } = await registerPair(LEAD, waiting.urn, 'wait');
    assert.match(confirmation.$('h1').text(), /waiting list/);
    assert.match(confirmation.$('[data-testid="linked"]').text(), /also on the waiting list of/);
    const partner = (await registrationOn(PARTNER, waiting.urn))!;
    assert.equal(await statusOf(reference), 'waitlisted');
    assert.equal(partner.status, 'waitlisted');
    assert.deepEqual([(await places(LEAD)).places_taken, (await places(PARTNER)).places_taken], [leadBefore.places_taken, partnerBefore.places_taken], 'neither place taken');

    // The lead group fills up; a place frees on the partner group: the linked school cannot take
    // it (it needs both), so it goes to the next school waiting for the partner group alone.
    const alone = await eligibleSchool();
    const second = await registerPair(PARTNER, alone.urn, 'alone');
    assert.equal(await statusOf(second.reference), 'waitlisted');
    await leaveFree(LEAD, 0);
    const holder = await eligibleSchool();
    await leaveFree(PARTNER, 1);
    const held = await registerPair(PARTNER, holder.urn, 'holder');
    assert.equal(await statusOf(held.reference), 'pending_consent');
    const staff = await signedIn('national_admin');
    const one = await staff.get(`/admin/work-groups/${PARTNER}/registrations/${held.reference}`);
    assert.equal((await staff.submit(one, { 'cancel-reason': 'Duplicate' }, `/admin/work-groups/${PARTNER}/registrations/${held.reference}/cancel`)).status, 303);
    assert.equal(await statusOf(second.reference), 'pending_consent', 'the school waiting for the partner group alone is offered the place');
    assert.equal(await statusOf(partner.reference), 'waitlisted', 'the linked school keeps its place in the queue');
    assert.equal(await statusOf(reference), 'waitlisted');

    // Now a place frees on each: the linked school is offered both, held for its headteacher.
    await leaveFree(LEAD, 1);
    const cancelSecond = await staff.get(`/admin/work-groups/${PARTNER}/registrations/${second.reference}`);
    await staff.submit(cancelSecond, { 'cancel-reason': 'Moved away' }, `/admin/work-groups/${PARTNER}/registrations/${second.reference}/cancel`);
    assert.equal(await statusOf(reference), 'pending_consent');
    assert.equal(await statusOf(partner.reference), 'pending_consent');
    assert.deepEqual([(await places(LEAD)).places_taken, (await places(PARTNER)).places_taken], [(await places(LEAD)).places_total, (await places(PARTNER)).places_total]);
    const offers = (await t.mailsTo('ada.wait@school.test')).filter((m) => /A place is now free/.test(m.subject ?? ''));
    assert.equal(offers.length, 1, 'one offer for the pair');

    // The headteacher declines: both places are released together.
    const consent = linkFrom((await t.mailsTo('head.wait@heads.test')).at(-1)?.text, 'consent');
    const head = new Agent(t.app);
    await head.submit(await head.get(consent), { decision: 'decline' });
    assert.equal(await statusOf(reference), 'declined');
    assert.equal(await statusOf(partner.reference), 'declined');
    assert.deepEqual([(await places(LEAD)).places_taken, (await places(PARTNER)).places_taken], [(await places(LEAD)).places_total - 1, (await places(PARTNER)).places_total - 1]);
  });

  test('cancelling the linked registration cancels both; with no partner group open the school is told why, and the hub can let it register alone', async () => {
    await leaveFree(LEAD, 3);
    await leaveFree(PARTNER, 3);
    const school = await eligibleSchool();
    const { reference } = await registerPair(LEAD, school.urn, 'cancel');
    const partner = (await registrationOn(PARTNER, school.urn))!;
    const staff = await signedIn('national_admin');
    const page = await staff.get(`/admin/work-groups/${PARTNER}/registrations/${partner.reference}`);
    assert.match(page.$('main').text(), /Registered together with/);
    assert.equal(page.$(`a[href="/admin/work-groups/${LEAD}/registrations/${reference}"]`).length, 1);
    await staff.submit(page, { 'cancel-reason': 'The school asked' }, `/admin/work-groups/${PARTNER}/registrations/${partner.reference}/cancel`);
    assert.equal(await statusOf(reference), 'cancelled');
    assert.equal(await statusOf(partner.reference), 'cancelled');

    await t.db.updateTable('work_groups').set({ publication: 'closed' }).where('code', '=', PARTNER).execute();
    try {
      const refused = await eligibleSchool();
      const agent = new Agent(t.app);
      const base = `/work-groups/${LEAD}/register`;
      await agent.submit(await agent.get(`${base}/school?q=${refused.urn}`), { urn: String(refused.urn) });
      const eligibility = await agent.get(`${base}/eligibility`);
      assert.match(eligibility.$('h1').text(), /cannot take part/);
      assert.match(eligibility.$('[data-testid="refusal"]').text(), new RegExp(`must also join .*\\(${partnerNcp}\\), and no group of it is open for registration in .*Trent Valley`));

      const list = await staff.get(`/admin/work-groups/${LEAD}/registrations`);
      await staff.submit(list, { urn: String(refused.urn), reason: 'Joins the Lincoln group in January' }, `/admin/work-groups/${LEAD}/registrations/allow`);
      const { reference: alone } = await registerPair(LEAD, refused.urn, 'allowed');
      assert.equal(await statusOf(alone), 'pending_consent');
      assert.equal(await registrationOn(PARTNER, refused.urn), undefined, 'registered for the lead group alone');
    } finally {
      await t.db.updateTable('work_groups').set({ publication: 'published' }).where('code', '=', PARTNER).execute();
    }
  });
});

describe('hub staff move a registration to another group of its project', () => {
  const OTHER = 'WRKT-EAS-LINC';
  before(async () => {
    // A second Embedding and Sustaining group in the hub, meeting elsewhere.
    await sql`
      INSERT INTO work_groups (code, hub_id, project_id, title, summary, mode, places_total, places_taken, participants_per_school, publication, registration_opens_on, registration_closes_on)
      SELECT ${OTHER}, hub_id, project_id, title || ' (Lincoln)', summary, mode, 2, 0, participants_per_school, 'published', registration_opens_on, registration_closes_on
        FROM work_groups WHERE code = ${PARTNER}
    `.execute(t.db);
    await sql`
      INSERT INTO workshops (work_group_id, workshop_number, starts_at, ends_at, mode, venue_name)
      SELECT id, 1, '2027-02-02T13:00:00Z', '2027-02-02T16:00:00Z', 'face_to_face', 'Lincoln Cathedral Centre' FROM work_groups WHERE code = ${OTHER}
    `.execute(t.db);
  });

  test('a confirmed place moves when the new group has room; the old place goes to the first school waiting; the move is told and audited', async () => {
    await leaveFree(PARTNER, 1);
    const school = await eligibleSchool();
    const { reference } = await registerPair(PARTNER, school.urn, 'mover');
    const head = new Agent(t.app);
    await head.submit(await head.get(linkFrom((await t.mailsTo('head.mover@heads.test'))[0]?.text, 'consent')), { decision: 'approve' });
    assert.equal(await statusOf(reference), 'confirmed');
    const next = await eligibleSchool();
    const { reference: waiting } = await registerPair(PARTNER, next.urn, 'next');
    assert.equal(await statusOf(waiting), 'waitlisted');

    const staff = await signedIn('national_admin');
    const page = await staff.get(`/admin/work-groups/${PARTNER}/registrations/${reference}`);
    assert.match(page.$('#target').text(), new RegExp(`${OTHER} – .*\\(Lincoln\\) \\(2 places free\\)`));
    const noChoice = await staff.submit(page, { target: '', 'move-reason': '' }, `/admin/work-groups/${PARTNER}/registrations/${reference}/move`);
    assert.equal(noChoice.status, 400);
    assert.match(noChoice.$('#target-error').text(), /Choose the group/);
    assert.match(noChoice.$('#move-reason-error').text(), /Enter why/);
    const notOurs = await staff.submit(page, { target: PLAIN, 'move-reason': 'x' }, `/admin/work-groups/${PARTNER}/registrations/${reference}/move`);
    assert.equal(notOurs.status, 400, 'only a group of the same project in the same hub');

    const before = [(await places(PARTNER)).places_taken, (await places(OTHER)).places_taken];
    const moved = await staff.submit(page, { target: OTHER, 'move-reason': 'Nearer the school' }, `/admin/work-groups/${PARTNER}/registrations/${reference}/move`);
    assert.equal(moved.status, 303);
    assert.equal(moved.location, `/admin/work-groups/${OTHER}/registrations/${reference}`);
    const row = await t.db
      .selectFrom('registrations as r')
      .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
      .select(['wg.code', 'r.status'])
      .where('r.reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { code: OTHER, status: 'confirmed' });
    assert.equal(await statusOf(waiting), 'pending_consent', 'the freed place was offered to the school waiting');
    assert.deepEqual([(await places(PARTNER)).places_taken, (await places(OTHER)).places_taken], [before[0], before[1]! + 1]);

    const told = (await t.mailsTo('ada.mover@school.test')).find((m) => /^Moved to/.test(m.subject ?? ''));
    assert.ok(told, 'the participants are told');
    assert.match(told.text ?? '', /moved .* registration from .* to .*\(Lincoln\)/);
    const events = parseIcsAttachment(told);
    assert.deepEqual(events.map((e) => e.location), ['Lincoln Cathedral Centre']);
    assert.ok((await t.mailsTo('head.mover@heads.test')).some((m) => /^Moved to/.test(m.subject ?? '')), 'and the headteacher');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('subject_id', '=', reference).where('action', '=', 'registration.moved').executeTakeFirstOrThrow();
    assert.match(JSON.stringify(audit.changes), /Nearer the school/);
  });

  test('a move to a full group is refused next to the field, and a waiting school moved to a group with room is offered the place', async () => {
    await leaveFree(PARTNER, 1);
    await leaveFree(OTHER, 0);
    const school = await eligibleSchool();
    const { reference } = await registerPair(PARTNER, school.urn, 'full');
    const staff = await signedIn('national_admin');
    const page = await staff.get(`/admin/work-groups/${PARTNER}/registrations/${reference}`);
    const full = await staff.submit(page, { target: OTHER, 'move-reason': 'Nearer' }, `/admin/work-groups/${PARTNER}/registrations/${reference}/move`);
    assert.equal(full.status, 400);
    assert.match(full.$('#target-error').text(), new RegExp(`${OTHER} has no free places`));
    assert.equal(full.$('#move-reason').val(), 'Nearer', 'the reason is kept');
    assert.equal(await statusOf(reference), 'pending_consent', 'nothing changed');

    const waiter = await eligibleSchool();
    const { reference: waiting } = await registerPair(PARTNER, waiter.urn, 'waiter');
    assert.equal(await statusOf(waiting), 'waitlisted');
    await leaveFree(OTHER, 1);
    const waitingPage = await staff.get(`/admin/work-groups/${PARTNER}/registrations/${waiting}`);
    await staff.submit(waitingPage, { target: OTHER, 'move-reason': 'Room in Lincoln' }, `/admin/work-groups/${PARTNER}/registrations/${waiting}/move`);
    assert.equal(await statusOf(waiting), 'pending_consent');
    const asked = await t.mailsTo('head.waiter@heads.test');
    assert.match(asked.at(-1)?.text ?? '', /\(Lincoln\)/);
    assert.ok(linkFrom(asked.at(-1)?.text, 'consent'));
  });
});
