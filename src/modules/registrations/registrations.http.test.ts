// Registration through the real app on a real database: the question pages, the rules, the
// headteacher's link, and the emails (parsed back from the mail folder).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { parseIcs, parseIcsAttachment } from '../../../test/ics.ts';
import { accountWithRole, type BuiltHub, type BuiltUser, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

const TODAY = new Date('2026-11-23T12:00:00Z');
// This test's own group, Secondary Subject Leadership Community: open, heads of department only, one per school.
const GROUP = 'WRKT-REG';
let t: TestApp;
let hub: BuiltHub;
/** A headteacher with an account, of a school of the hub. */
let headteacher: BuiltUser & { school: { urn: number } };

before(async () => {
  t = await testApp({ now: TODAY });
  const make = factories(t.db, TODAY);
  hub = await make.hub();
  const group = await make.workGroup(hub, {
    code: GROUP,
    title: 'Secondary Subject Leadership Community',
    participantsPerSchool: 1,
    placesTotal: 60,
    workshops: [
      { title: 'Launch: vision and principles', startsAt: new Date('2027-01-14T13:00:00Z'), endsAt: new Date('2027-01-14T16:00:00Z'), venueName: 'Newcastle Civic Centre', venueAddress: null },
      { title: 'Curriculum coherence', startsAt: new Date('2027-03-10T13:30:00Z'), endsAt: new Date('2027-03-10T16:00:00Z'), mode: 'online', venueName: null, venueAddress: null },
      { title: 'Leading professional development in the department', mode: 'tbc', venueName: null, venueAddress: null },
    ],
  });
  await t.db.updateTable('work_groups').set({ cost: 'This project is fully funded by the Maths Hubs Programme so is free to participating schools.' }).where('id', '=', group.id).execute();
  await make.eligibilityRule(group, { rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department', 'subject_leader'], applies_to: 'every' } });
  const school = await make.school(hub, { website: 'https://www.headteachers-school.test/' });
  headteacher = { ...(await make.user('headteacher', { school })), school };
});
after(async () => {
  await t.close();
});

/** A new state-funded secondary school of the hub, with a website: different each call. */
let schoolCount = 0;
async function freshSchool(): Promise<{ urn: number; name: string }> {
  const n = ++schoolCount;
  return factories(t.db, TODAY).school(hub, { website: `https://www.school-${n}.test/` });
}

async function placesTaken(code: string): Promise<number> {
  return (await t.db.selectFrom('work_groups').select('places_taken').where('code', '=', code).executeTakeFirstOrThrow()).places_taken;
}

/** An address at the school's website's domain: one the school is known by. */
async function headAt(urn: number, local = 'head'): Promise<string> {
  const { website } = await t.db.selectFrom('schools').select('website').where('urn', '=', urn).executeTakeFirstOrThrow();
  return `${local}@${new URL(website!).hostname.replace(/^www\./, '')}`;
}

/** Goes through every question page as a person would, up to the check page. */
async function answerEverything(
  agent: Agent,
  urn: number,
  participant: { name: string; email: string; role: string },
  headteacherEmail: string,
  registrant: { name: string; email: string } = { name: participant.name, email: participant.email },
): Promise<Page> {
  const base = `/work-groups/${GROUP}/register`;
  const search = await agent.get(`${base}/school?q=${urn}`);
  assert.equal(search.status, 200);
  const chosen = await agent.submit(search, { urn: String(urn) });
  assert.equal(chosen.location, `${base}/eligibility`);
  const eligibility = await agent.get(chosen.location!);
  assert.match(eligibility.$('h1').text(), /Your school can take part/);
  const participants = await agent.get(`${base}/participants`);
  const named = await agent.submit(participants, {
    'participant-1-name': participant.name,
    'participant-1-email': participant.email,
    'participant-1-roles': [participant.role],
  });
  assert.equal(named.location, `${base}/declarations`, named.$('.govuk-error-summary').text());
  const declarations = await agent.get(named.location!);
  const ticks = declarations.$('input[name="declarations"]').map((_, el) => declarations.$(el).attr('value')).get();
  const declared = await agent.submit(declarations, { declarations: ticks });
  assert.equal(declared.location, `${base}/you`);
  const you = await agent.submit(await agent.get(declared.location!), registrant);
  assert.equal(you.location, `${base}/headteacher`, you.$('.govuk-error-summary').text());
  const headteacher = await agent.submit(await agent.get(you.location!), { name: 'Dr Helen Marsh', email: headteacherEmail });
  assert.equal(headteacher.location, `${base}/check`);
  return agent.get(headteacher.location!);
}

describe('registering a school', () => {
  test('a head of department registers; the headteacher approves; the place is confirmed', async () => {
    const school = await freshSchool();
    const before = await placesTaken(GROUP);
    const groupPage = await new Agent(t.app).get(`/work-groups/${GROUP}`);
    assert.equal(groupPage.$(`a[href="/work-groups/${GROUP}/register"]`).text().trim(), 'Register');
    assert.doesNotMatch(groupPage.$('main').text(), /\bClick\b/, 'no device-specific words (GOV.UK style)');

    const agent = new Agent(t.app);
    const headEmail = await headAt(school.urn);
    const check = await answerEverything(agent, school.urn, { name: 'Priya Shah', email: 'priya.shah@school.test', role: 'head_of_department' }, headEmail);
    assert.match(check.$('main').text(), new RegExp(school.name));
    assert.match(check.$('main').text(), /priya\.shah@school\.test/);
    const registered = await agent.submit(check, {});
    const confirmation = await agent.get(registered.location!);
    const reference = confirmation.$('[data-testid="reference"]').text().trim();
    assert.match(reference, /^HW-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(await placesTaken(GROUP), before + 1, 'a place is held');

    const [consentMail] = await t.mailsTo(headEmail);
    assert.ok(consentMail, 'the headteacher is asked');
    const link = /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec(consentMail.text ?? '')?.[1];
    assert.ok(link);
    const [received] = await t.mailsTo('priya.shah@school.test');
    assert.match(received?.subject ?? '', /Registration received/);

    // The group's first workshop gets its date and online joining link before the headteacher answers.
    const groupRow = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    await t.db
      .updateTable('workshops')
      .set({ date_to_be_confirmed: false, starts_at: new Date('2027-01-20T16:00:00Z'), ends_at: new Date('2027-01-20T17:30:00Z'), mode: 'online', joining_link: 'https://meet.example.org/gn01-w1' })
      .where('work_group_id', '=', groupRow.id)
      .where('workshop_number', '=', 1)
      .execute();

    const head = new Agent(t.app);
    const consentPage = await head.get(link);
    assert.equal(consentPage.status, 200);
    assert.match(consentPage.$('main').text(), /Priya Shah/);
    const missing = await head.submit(consentPage, {});
    assert.equal(missing.status, 400);
    assert.match(missing.$('.govuk-error-message').text(), /Select whether you will release/);
    const approved = await head.submit(consentPage, { decision: 'approve' });
    assert.match(approved.$('h1').text(), /Place confirmed/);
    const row = await t.db.selectFrom('registrations').select(['status']).where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(row.status, 'confirmed');
    assert.equal(await placesTaken(GROUP), before + 1, 'confirming keeps the same place');
    const mails = await t.mailsTo('priya.shah@school.test');
    const confirmedMail = mails.find((m) => /Place confirmed/.test(m.subject ?? ''));
    assert.ok(confirmedMail);
    // The workshops come as an .ics attachment, with the joining link only participants see.
    const [workshop] = parseIcsAttachment(confirmedMail);
    assert.equal(workshop?.start.toISOString(), '2027-01-20T16:00:00.000Z');
    assert.match(workshop?.location ?? '', /meet\.example\.org\/gn01-w1/);
    // …and their own feed, which a calendar app can subscribe to.
    const feed = /http:\/\/hubwork\.test(\/calendar\/[A-Za-z0-9_-]+\.ics)/.exec(confirmedMail.text ?? '')?.[1];
    assert.ok(feed);
    const feedResponse = await t.app.inject(feed);
    assert.equal(feedResponse.statusCode, 200);
    assert.match(parseIcs(feedResponse.body, { contentType: String(feedResponse.headers['content-type']) })[0]?.description ?? '', /Join online: https:\/\/meet\.example\.org\/gn01-w1/);
    const publicFeed = await t.app.inject(`/work-groups/${GROUP}/calendar.ics`);
    assert.doesNotMatch(publicFeed.body, /gn01-w1/, 'never in the public feed');
    assert.ok(parseIcs(publicFeed.body, { contentType: String(publicFeed.headers['content-type']) }).length);

    const again = await head.get(link);
    assert.match(again.$('main').text(), /Place confirmed/, 'the used link says what was decided');
    const twice = await head.request('POST', link, { decision: 'decline', _csrf: '' });
    assert.notEqual(twice.status, 500);
    assert.equal((await t.db.selectFrom('registrations').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status, 'confirmed');

    // The same school cannot register twice.
    const other = new Agent(t.app);
    const search = await other.get(`/work-groups/${GROUP}/register/school?q=${school.urn}`);
    const chosen = await other.submit(search, { urn: String(school.urn) });
    const told = await other.get(chosen.location!);
    assert.match(told.$('[data-testid="refusal"]').text(), new RegExp(`already registered.*${reference}`));
  });

  test('a teacher who is not a head of department is told why, and nothing is registered', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app);
    const base = `/work-groups/${GROUP}/register`;
    await agent.submit(await agent.get(`${base}/school?q=${school.urn}`), { urn: String(school.urn) });
    const page = await agent.get(`${base}/participants`);
    const refused = await agent.submit(page, { 'participant-1-name': 'Tom Reed', 'participant-1-email': 'tom@school.test', 'participant-1-roles': 'teacher' });
    assert.equal(refused.status, 400);
    assert.match(refused.$('.govuk-error-summary').text(), /heads of department or subject leaders only\. Tom Reed is a teacher of maths/);
    // By the Role field too, saying what to do instead; the summary links to it.
    assert.match(refused.$('#participant-1-roles-error').text(), /heads of department or subject leaders only\. Tom Reed is a teacher of maths\. Select their role if it is one of these, or name a colleague who is/);
    assert.equal(refused.$('.govuk-error-summary a[href="#participant-1-roles"]').length, 1);
    assert.equal(refused.$('#participant-1-roles-error').closest('.govuk-form-group').hasClass('govuk-form-group--error'), true);
    assert.equal(refused.$('#participant-1-name').val(), 'Tom Reed', 'nothing typed is lost');
    const none = await t.db.selectFrom('registrations').select('id').where('school_urn', '=', school.urn).execute();
    assert.equal(none.length, 0);
  });

  test('bad input: an unknown URN, a bad email, a tampered choice, pages out of order', async () => {
    const agent = new Agent(t.app);
    const base = `/work-groups/${GROUP}/register`;
    const nothing = await agent.get(`${base}/school?q=999999`);
    assert.equal(nothing.status, 400);
    assert.match(nothing.$('.govuk-error-message').text(), /No open school matches/);
    const school = await freshSchool();
    const search = await agent.get(`${base}/school?q=${school.urn}`);
    const tampered = await agent.submit(search, { urn: '12; DROP TABLE schools' });
    assert.equal(tampered.status, 400);
    assert.match(tampered.$('.govuk-error-summary').text(), /Select your school/);
    assert.equal((await agent.get(`${base}/check`)).location, `${base}/school`, 'the check page needs answers first');
    await agent.submit(search, { urn: String(school.urn) });
    const page = await agent.get(`${base}/participants`);
    const bad = await agent.submit(page, { 'participant-1-name': '', 'participant-1-email': 'not-an-email', 'participant-1-roles': 'head_of_department' });
    assert.equal(bad.status, 400);
    assert.match(bad.$('#participant-1-name-error').text(), /Enter the participant’s full name/);
    assert.match(bad.$('#participant-1-email-error').text(), /correct format/);
    for (const url of [`/work-groups/NOPE/register`, `/consent/not-a-real-token-at-all-xxxxxxxx`, `/consent/%00`]) {
      const response = await agent.get(url);
      assert.ok([400, 404].includes(response.status), `${url} → ${response.status}`);
    }
  });
});

async function apiToken(): Promise<string> {
  const agent = await signedIn('hub_admin');
  const created = await agent.submit(await agent.get('/account/api-tokens'), { name: 'Test' }, '/account/api-tokens');
  return created.$('[data-testid="token"]').text().trim();
}

/** A new account of this test's own with the role, of another hub than the group's (test/factories.ts). */
const signedIn = async (role: Role) => signInAs(t.app, await accountWithRole(factories(t.db, TODAY), role));

/** Registers a fresh school all the way to the confirmation page; returns its reference and first emails. */
async function register(email: string, schoolName?: (name: string) => void): Promise<string> {
  const school = await freshSchool();
  schoolName?.(school.name);
  const agent = new Agent(t.app);
  const check = await answerEverything(agent, school.urn, { name: 'Sam Cole', email, role: 'subject_leader' }, `head.${email.replace('@school.test', '@heads.test')}`);
  const done = await agent.get((await agent.submit(check, {})).location!);
  return done.$('[data-testid="reference"]').text().trim();
}

describe('who registered, and whose approval counts (issue 12: 11, 18)', () => {
  const linkIn = (text: string | undefined) => /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

  test('a participant’s own address, in another case or with a +tag, is refused as the headteacher’s, by the field; so through the API', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app, { ip: '192.0.2.201' });
    const base = `/work-groups/${GROUP}/register`;
    await answerEverything(agent, school.urn, { name: 'Gina Hart', email: 'gina@school.test', role: 'head_of_department' }, await headAt(school.urn));
    const page = await agent.get(`${base}/headteacher`);
    const refused = await agent.submit(page, { name: 'Gina Hart', email: 'Gina+Head@School.test' });
    assert.equal(refused.status, 400);
    assert.match(refused.$('#email-error').text(), /Enter your headteacher’s own email address: this is the participant’s \(Gina Hart\)/);
    assert.equal(refused.$('.govuk-error-summary a[href="#email"]').length, 1, 'the summary links to the field');
    // Nor can a participant take the headteacher's address afterwards.
    await agent.submit(page, { name: 'Dr Ruth Lowe', email: 'ruth.lowe@heads.test' });
    const participants = await agent.submit(await agent.get(`${base}/participants`), { 'participant-1-name': 'Gina Hart', 'participant-1-email': 'RUTH.LOWE+x@heads.test', 'participant-1-roles': 'head_of_department' });
    assert.equal(participants.status, 400);
    assert.match(participants.$('#participant-1-email-error').text(), /headteacher’s email address/);

    const token = await apiToken();
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/work-groups/${GROUP}/registrations`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        urn: (await freshSchool()).urn,
        participants: [{ name: 'Gina Hart', email: 'gina@school.test', roles: ['head_of_department'] }],
        acceptDeclarations: true,
        headteacher: { name: 'Gina', email: 'gina+head@SCHOOL.test' },
      }),
    });
    assert.equal(api.statusCode, 422, api.body);
    assert.deepEqual(api.json().errors.map((e: { field: string }) => e.field), ['headteacher.email']);
  });

  test('an approval from an address the school is not known by keeps the place held, “Headteacher not verified”, until hub staff confirm it with a reason (audited); time does not release it', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app, { ip: '192.0.2.202' });
    const check = await answerEverything(agent, school.urn, { name: 'Gina Hart', email: 'gina@school.test', role: 'head_of_department' }, 'gina.hart.head@gmail.test', {
      name: 'Gina Hart',
      email: 'gina@school.test',
    });
    assert.match(check.$('main').text(), /Registered by\s*Gina Hart, gina@school\.test/);
    assert.match(check.$('[data-testid="headteacher-check"]').text(), /will check/, 'the check page says the hub will check this address');
    const reference = (await agent.get((await agent.submit(check, {})).location!)).$('[data-testid="reference"]').text().trim();

    const [mail] = await t.mailsTo('gina.hart.head@gmail.test');
    assert.match(mail?.text ?? '', /Gina Hart \(gina@school\.test\) registered/, 'the headteacher is told who registered');
    const head = new Agent(t.app);
    const consent = await head.get(linkIn(mail?.text)!);
    assert.match(consent.$('[data-testid="registered-by"]').text(), /Gina Hart, gina@school\.test/);
    const answered = await head.submit(consent, { decision: 'approve' });
    assert.equal(answered.status, 200);
    assert.match(answered.$('h1').text(), /Thank you: the Maths Hub will check your answer/);
    const row = await t.db.selectFrom('registrations').select(['id', 'status', 'approved_at', 'approval_check']).where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.approval_check], ['pending_consent', 'unverified']);
    assert.ok(row.approved_at);
    assert.equal((await head.get(linkIn(mail?.text)!)).$('form[method="post"]').length, 0, 'nothing more to answer');

    // Its hold's time passes: it is not released as "no answer".
    await t.db.updateTable('registrations').set({ hold_expires_at: new Date(TODAY.getTime() - 60_000) }).where('id', '=', row.id).execute();
    const { registrationJobs } = await import('./jobs.ts');
    const { createServices } = await import('../../app/compose.ts');
    const { createMailer } = await import('../../platform/mail/mailer.ts');
    const services = createServices(t.db, { mailer: createMailer({ smtpUrl: undefined, from: 'x@hubwork.test', dir: t.mailDir }), baseUrl: 'http://hubwork.test', clock: () => TODAY });
    await services.registrations.expireHold(row.id);
    await registrationJobs(services.registrations).release_overdue_holds?.run({});
    assert.equal((await t.db.selectFrom('registrations').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status, 'pending_consent');

    // Hub staff see who registered and who approved, and that it needs checking.
    const admin = await signedIn('national_admin');
    const list = await admin.get(`/admin/work-groups/${GROUP}/registrations`);
    const line = list.$('[data-testid="places"] tr').filter((_, tr) => list.$(tr).text().includes(reference));
    assert.match(line.text(), /Headteacher not verified/);
    const one = await admin.get(`/admin/work-groups/${GROUP}/registrations/${reference}`);
    assert.match(one.$('main').text(), /Registered by\s*Gina Hart, gina@school\.test/);
    assert.match(one.$('[data-testid="approval"]').text(), /Dr Helen Marsh approved from gina\.hart\.head@gmail\.test .*not known by/s);
    const noReason = await admin.submit(one, {}, `/admin/work-groups/${GROUP}/registrations/${reference}/confirm`);
    assert.equal(noReason.status, 400);
    assert.match(noReason.$('#confirm-reason-error').text(), /Enter how you checked/);
    const confirmed = await admin.submit(one, { 'confirm-reason': 'Rang the school office: it is the head’s own address', remember: 'yes' }, `/admin/work-groups/${GROUP}/registrations/${reference}/confirm`);
    assert.equal(confirmed.status, 303);
    const after = await t.db.selectFrom('registrations').select(['status', 'approval_check']).where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.deepEqual([after.status, after.approval_check], ['confirmed', 'hub_confirmed']);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes', 'actor_user_id']).where('subject_id', '=', reference).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['registration.registered', 'registration.approved', 'registration.confirmed']);
    assert.match(JSON.stringify(audit[0]?.changes), /Gina Hart, gina@school\.test/);
    assert.deepEqual(audit[1]?.changes, { approvedBy: 'Dr Helen Marsh, gina.hart.head@gmail.test', check: 'unverified', registeredBy: 'Gina Hart, gina@school.test' });
    assert.match(JSON.stringify(audit[2]?.changes), /Rang the school office/);
    assert.ok(audit[2]?.actor_user_id);
    // The address is recorded for the school: its next approval counts at once.
    const known = await t.db.selectFrom('school_known_addresses').select('email').where('school_urn', '=', school.urn).execute();
    assert.deepEqual(known.map((k) => k.email), ['gina.hart.head@gmail.test']);
  });

  test('hub staff refuse an unverified approval with a reason: the registration is cancelled, its place freed, and the participants told', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app, { ip: '192.0.2.203' });
    const check = await answerEverything(agent, school.urn, { name: 'Hal Ives', email: 'hal@school.test', role: 'head_of_department' }, 'hal.head@gmail.test');
    const reference = (await agent.get((await agent.submit(check, {})).location!)).$('[data-testid="reference"]').text().trim();
    const head = new Agent(t.app);
    const link = linkIn((await t.mailsTo('hal.head@gmail.test'))[0]?.text)!;
    await head.submit(await head.get(link), { decision: 'approve' });
    const admin = await signedIn('national_admin');
    const one = await admin.get(`/admin/work-groups/${GROUP}/registrations/${reference}`);
    const empty = await admin.submit(one, {}, `/admin/work-groups/${GROUP}/registrations/${reference}/refuse`);
    assert.equal(empty.status, 400);
    assert.match(empty.$('#refuse-reason-error').text(), /Enter why you are refusing/);
    const refused = await admin.submit(one, { 'refuse-reason': 'The school says this is not the headteacher' }, `/admin/work-groups/${GROUP}/registrations/${reference}/refuse`);
    assert.equal(refused.status, 303);
    assert.equal((await t.db.selectFrom('registrations').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status, 'cancelled');
    const audit = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', reference).orderBy('id').execute();
    assert.equal(audit.at(-1)?.action, 'registration.approval_refused');
    assert.ok((await t.mailsTo('hal@school.test')).some((m) => /not the headteacher/.test(m.text ?? '')));
  });

  test('an approval from the school’s website’s domain, or from its headteacher account’s address, confirms at once', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app, { ip: '192.0.2.204' });
    const headEmail = await headAt(school.urn, 'office.head');
    const check = await answerEverything(agent, school.urn, { name: 'Ida Lim', email: 'ida@school.test', role: 'head_of_department' }, headEmail);
    assert.equal(check.$('[data-testid="headteacher-check"]').length, 0);
    await agent.submit(check, {});
    const head = new Agent(t.app);
    const done = await head.submit(await head.get(linkIn((await t.mailsTo(headEmail))[0]?.text)!), { decision: 'approve' });
    assert.match(done.$('h1').text(), /Place confirmed/);

    // A headteacher's account is of their school: its address counts there.
    const { createServices } = await import('../../app/compose.ts');
    const { createMailer } = await import('../../platform/mail/mailer.ts');
    const services = createServices(t.db, { mailer: createMailer({ smtpUrl: undefined, from: 'x@hubwork.test', dir: t.mailDir }), baseUrl: 'http://hubwork.test', clock: () => TODAY });
    assert.equal(await services.registrations.approvalCheckFor(headteacher.school.urn, headteacher.email.toUpperCase()), 'account');
    assert.equal(await services.registrations.approvalCheckFor(school.urn, headteacher.email), 'unverified', 'not for another school');
  });
});

describe('the headteacher’s page says what they need to decide (issue 12: 13)', () => {
  const linkIn = (text: string | undefined) => /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

  test('who registered, the teachers and their roles before anything else, the cost, where and when each workshop is, and what happens without an answer; its title is its heading', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app, { ip: '192.0.2.211' });
    const headEmail = await headAt(school.urn, 'jo.head');
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    await t.db
      .updateTable('workshops')
      .set({ mode: 'face_to_face', venue_name: 'Newcastle Civic Centre', venue_address: 'Barras Bridge, NE1 8QH', starts_at: new Date('2027-01-14T13:00:00Z'), ends_at: new Date('2027-01-14T16:00:00Z') })
      .where('work_group_id', '=', group.id)
      .where('workshop_number', '=', 1)
      .execute();
    await agent.submit(await answerEverything(agent, school.urn, { name: 'Lena Ward', email: 'lena@school.test', role: 'head_of_department' }, headEmail, { name: 'Mo Ali', email: 'mo.ali@school.test' }), {});
    const page = await new Agent(t.app).get(linkIn((await t.mailsTo(headEmail))[0]?.text)!);
    const h1 = page.$('h1').text().trim();
    assert.equal(h1, 'Approve releasing teachers for Secondary Subject Leadership Community');
    assert.equal(page.$('title').text().split(' – ')[0]?.trim(), h1, 'the title is the heading');
    const text = page.$('main').text().replace(/\s+/g, ' ');
    // The teachers are named before they are spoken of.
    assert.match(text, /Dear Dr Helen Marsh, Mo Ali registered .* naming this teacher: (Participants )?Name Role Email Lena Ward Head of department lena@school\.test/);
    assert.doesNotMatch(text, /these teachers have registered/);
    assert.match(page.$('[data-testid="registered-by"]').text(), /Mo Ali, mo\.ali@school\.test/);
    assert.match(text, /If you do not answer by \w+day \d+ \w+ \d{4}, the place is released to another school/);
    assert.match(text, /Cost This project is fully funded/);
    const workshops = page.$('[data-testid="workshops"] li').map((_, li) => page.$(li).text().replace(/\s+/g, ' ').trim()).get();
    assert.match(workshops[0] ?? '', /Workshop 1 – Launch: vision and principles: Thursday 14 January 2027, 1(:00)?pm to 4(:00)?pm, face to face at Newcastle Civic Centre, Barras Bridge, NE1 8QH$/);
    assert.match(workshops[1] ?? '', /Workshop 2 – Curriculum coherence: .*, online$/);
    assert.match(workshops[2] ?? '', /Workshop 3 – Leading professional development in the department: date to be confirmed \(where: to be confirmed\)$/);
    assert.doesNotMatch(text, /to be confirmed \(to be confirmed\)/);
  });

  test('a hold that has expired says so, and what to do, not that the link was used', async () => {
    const school = await freshSchool();
    const agent = new Agent(t.app, { ip: '192.0.2.212' });
    const headEmail = await headAt(school.urn, 'kay.head');
    await agent.submit(await answerEverything(agent, school.urn, { name: 'Kit Moss', email: 'kit@school.test', role: 'head_of_department' }, headEmail), {});
    const link = linkIn((await t.mailsTo(headEmail))[0]?.text)!;
    const row = await t.db.selectFrom('registrations').select('id').where('school_urn', '=', school.urn).executeTakeFirstOrThrow();
    await t.db.updateTable('registrations').set({ hold_expires_at: new Date(TODAY.getTime() - 60_000) }).where('id', '=', row.id).execute();
    for (const when of ['past its time', 'released']) {
      if (when === 'released') {
        const { createServices } = await import('../../app/compose.ts');
        const { createMailer } = await import('../../platform/mail/mailer.ts');
        const services = createServices(t.db, { mailer: createMailer({ smtpUrl: undefined, from: 'x@hubwork.test', dir: t.mailDir }), baseUrl: 'http://hubwork.test', clock: () => TODAY });
        assert.equal(await services.registrations.expireHold(row.id), true);
      }
      const page = await new Agent(t.app).get(link);
      assert.equal(page.$('h1').text().trim(), 'This link has expired', when);
      assert.equal(page.$('title').text().split(' – ')[0]?.trim(), 'This link has expired');
      assert.match(page.$('main').text(), /it can register again from/, when);
      assert.doesNotMatch(page.$('main').text(), /already been used/);
    }
  });
});

describe('the hub’s view and the school’s own link', () => {
  test('staff see places and the waiting list, download a CSV Excel opens, and cancel with a reason', async () => {
    let name = '';
    const reference = await register('sam.cole@school.test', (n) => {
      name = n;
    });
    const admin = await signedIn('national_admin');
    const list = await admin.get(`/admin/work-groups/${GROUP}/registrations`);
    assert.equal(list.status, 200);
    assert.match(list.$('[data-testid="places"]').text(), new RegExp(reference));
    // Each participant's name, and their email on a line of its own: not "Name <email>".
    const line = list.$('[data-testid="places"] tbody tr').filter((_, tr) => list.$(tr).text().includes(reference));
    assert.doesNotMatch(line.text(), /</);
    assert.deepEqual(line.find('li').first().contents().map((_, n) => list.$(n).text().trim()).get().filter(Boolean), ['Sam Cole', 'sam.cole@school.test']);
    assert.match(list.$('[data-testid="places"]').text(), /Held: awaiting headteacher/);

    const csv = await admin.get(`/admin/work-groups/${GROUP}/registrations.csv`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), new RegExp(`attachment; filename="${GROUP}-registrations.csv"`));
    assert.ok(csv.body.startsWith('\uFEFF"Reference"'), 'a byte-order mark, so Excel reads UTF-8');
    assert.ok(csv.body.includes('\r\n'), 'Windows line ends');
    assert.ok(csv.body.includes(`"${reference}","Held: awaiting headteacher"`));
    assert.ok(csv.body.includes(name));

    const one = await admin.get(`/admin/work-groups/${GROUP}/registrations/${reference}`);
    const noReason = await admin.submit(one, {}, `/admin/work-groups/${GROUP}/registrations/${reference}/cancel`);
    assert.equal(noReason.status, 400);
    assert.match(noReason.$('#cancel-reason-error').text(), /Enter why you are cancelling/);
    const before = await placesTaken(GROUP);
    const cancelled = await admin.submit(one, { 'cancel-reason': 'The school asked by phone' }, `/admin/work-groups/${GROUP}/registrations/${reference}/cancel`);
    assert.equal(cancelled.status, 303);
    assert.equal(await placesTaken(GROUP), before - 1, 'the place is free again');
    const row = await t.db.selectFrom('registrations').select('status').where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('subject_id', '=', reference).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['registration.registered', 'registration.cancelled']);
    assert.match(JSON.stringify(audit[1]?.changes), /asked by phone/);
    const mails = await t.mailsTo('sam.cole@school.test');
    assert.ok(mails.some((m) => /Registration cancelled/.test(m.subject ?? '') && /asked by phone/.test(m.text ?? '')));

    // Someone without the hub's programme cannot see or change it.
    const participant = await signedIn('participant');
    assert.equal((await participant.get(`/admin/work-groups/${GROUP}/registrations`)).status, 403);
    const stranger = await signedIn('hub_lead'); // another hub's lead
    assert.equal((await stranger.get(`/admin/work-groups/${GROUP}/registrations.csv`)).status, 403);
  });

  test('the school withdraws with the link in its first email', async () => {
    await register('lee.wong@school.test');
    const [first] = await t.mailsTo('lee.wong@school.test');
    const link = /http:\/\/hubwork\.test(\/registrations\/[A-Za-z0-9_-]+)/.exec(first?.text ?? '')?.[1];
    assert.ok(link, 'the first email has the school’s own link');
    const agent = new Agent(t.app);
    const page = await agent.get(link);
    assert.match(page.$('main').text(), /Held: awaiting headteacher/);
    const withdrawn = await agent.submit(page, {});
    assert.match(withdrawn.$('.govuk-notification-banner').text(), /has withdrawn/);
    assert.match(withdrawn.$('main').text(), /Withdrawn/);
    assert.equal(withdrawn.$('form[action$="/withdraw"]').length, 0, 'nothing more to withdraw');
    assert.equal((await agent.get('/registrations/not-a-real-link-xxxxxxxxxxxxxxxx')).status, 404);
  });

  test('the headteacher’s link for a withdrawn registration says it is no longer waiting', async () => {
    await register('ana.diaz@school.test');
    const [consent] = await t.mailsTo('head.ana.diaz@heads.test');
    const consentLink = /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec(consent?.text ?? '')?.[1];
    const [first] = await t.mailsTo('ana.diaz@school.test');
    const own = /http:\/\/hubwork\.test(\/registrations\/[A-Za-z0-9_-]+)/.exec(first?.text ?? '')?.[1];
    assert.ok(consentLink && own);
    const agent = new Agent(t.app);
    await agent.submit(await agent.get(own), {});
    const late = await new Agent(t.app).get(consentLink);
    assert.equal(late.$('h1').text().trim(), 'The school has withdrawn this registration');
    assert.equal(late.$('title').text().split(' – ')[0]?.trim(), 'The school has withdrawn this registration', 'the page’s title is its heading');
  });
});

describe('a hub lets a refused school register', () => {
  test('an independent school is refused by the state-funded rule until the hub allows it, with a reason', async () => {
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    const position = (await t.db.selectFrom('eligibility_rules').select((eb) => eb.fn.max('position').as('p')).where('work_group_id', '=', group.id).executeTakeFirst())?.p ?? 0;
    await t.db.insertInto('eligibility_rules').values({ work_group_id: group.id, position: Number(position) + 1, rule_type: 'state_funded', kind: 'requirement', params: '{}' }).execute();
    try {
      const school = await factories(t.db, TODAY).school(hub, { stateFunded: false });
      const agent = new Agent(t.app);
      const base = `/work-groups/${GROUP}/register`;
      await agent.submit(await agent.get(`${base}/school?q=${school.urn}`), { urn: String(school.urn) });
      const refused = await agent.get(`${base}/eligibility`);
      assert.match(refused.$('h1').text(), /cannot take part/);
      assert.match(refused.$('[data-testid="refusal"]').text(), /not state-funded/);

      const admin = await signedIn('national_admin');
      const list = await admin.get(`/admin/work-groups/${GROUP}/registrations`);
      const empty = await admin.submit(list, { urn: String(school.urn), reason: '' }, `/admin/work-groups/${GROUP}/registrations/allow`);
      assert.equal(empty.status, 400);
      assert.match(empty.$('#reason-error').text(), /Enter why/);
      const unknown = await admin.submit(list, { urn: '999999', reason: 'x' }, `/admin/work-groups/${GROUP}/registrations/allow`);
      assert.match(unknown.$('#urn-error').text(), /No school has this URN/);
      const allowed = await admin.submit(list, { urn: String(school.urn), reason: 'Funded by its trust for maths CPD' }, `/admin/work-groups/${GROUP}/registrations/allow`);
      assert.equal(allowed.status, 303);

      const now = await agent.get(`${base}/eligibility`);
      assert.match(now.$('h1').text(), /can take part/);
      assert.match(now.$('main').text(), /The Maths Hub has agreed that your school can take part: Funded by its trust/);
      const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'eligibility.overridden').execute();
      assert.equal(audit.length, 1);
    } finally {
      await t.db.deleteFrom('eligibility_rules').where('work_group_id', '=', group.id).where('rule_type', '=', 'state_funded').execute();
    }
  });
});

describe('one address cannot hold every place', () => {
  test('ten registrations an hour from one address, even sent at once: the eleventh is refused with a 429 page and nothing is lost', async () => {
    const address = '203.0.113.50';
    const schools = await Promise.all(Array.from({ length: 11 }, () => freshSchool()));
    const checks = await Promise.all(
      schools.map(async (school, i) => {
        const agent = new Agent(t.app, { ip: address });
        return { agent, school, check: await answerEverything(agent, school.urn, { name: `Ivy Moss ${i}`, email: `ivy${i}@school.test`, role: 'head_of_department' }, `head${i}@ivy.test`) };
      }),
    );
    const sent = await Promise.all(checks.map(({ agent, check }) => agent.submit(check, {})));
    assert.deepEqual(sent.map((s) => s.status).sort(), [...Array(10).fill(303), 429]);
    const refused = sent.find((s) => s.status === 429)!;
    assert.match(refused.$('h1').text(), /Too many registrations/);
    const wait = Number(refused.headers['retry-after']);
    assert.ok(Number.isInteger(wait) && wait > 0 && wait <= 3600, `Retry-After ${refused.headers['retry-after']}`);
    const refusedSchool = checks[sent.indexOf(refused)]!.school;
    assert.equal((await t.db.selectFrom('registrations').select('id').where('school_urn', '=', refusedSchool.urn).execute()).length, 0);
    // Its answers are kept: the check page still has them.
    assert.match((await checks[sent.indexOf(refused)]!.agent.get(`/work-groups/${GROUP}/register/check`)).$('main').text(), new RegExp(refusedSchool.name));
    // Another address registers as usual.
    const other = new Agent(t.app, { ip: '198.51.100.20' });
    const otherSchool = await freshSchool();
    const ok = await other.submit(await answerEverything(other, otherSchool.urn, { name: 'Al Reed', email: 'al@school.test', role: 'head_of_department' }, 'head@al.test'), {});
    assert.equal(ok.status, 303);
  });
});

test('drafts, which hold names and emails, are deleted once their 24 hours are up', async () => {
  const { createServices } = await import('../../app/compose.ts');
  const { createMailer } = await import('../../platform/mail/mailer.ts');
  const services = createServices(t.db, { mailer: createMailer({ smtpUrl: undefined, from: 'x@hubwork.test', dir: t.mailDir }), baseUrl: 'http://hubwork.test', clock: () => TODAY });
  const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
  await t.db
    .insertInto('registration_drafts')
    .values([
      { token_hash: 'expired-draft', work_group_id: group.id, answers: JSON.stringify({ headteacher: { name: 'Old', email: 'old@x.test' } }), expires_at: new Date(TODAY.getTime() - 1000) },
      { token_hash: 'live-draft', work_group_id: group.id, answers: '{}', expires_at: new Date(TODAY.getTime() + 3_600_000) },
    ])
    .execute();
  assert.ok((await services.registrations.purgeExpiredDrafts()) >= 1);
  const left = await t.db.selectFrom('registration_drafts').select('token_hash').where('token_hash', 'in', ['expired-draft', 'live-draft']).execute();
  assert.deepEqual(left.map((r) => r.token_hash), ['live-draft']);
});
