// Lesson observations through the real app: only the group's members get in; a participant
// offers a lesson at their school (bad input named on its field, nothing lost); members sign up
// until the limit, never over it however many sign up at once; the host and the lead see who is
// coming; notes once the lesson has started, readable by the group only (URL guessing too);
// changing a lesson (its host or a lead, before it starts; observers told of a new date, time or
// place with a higher calendar SEQUENCE); cancelling tells the observers; an archived group is
// read-only; the home page's list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../../core/identity/service.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { type BuiltUser, factories, signInAs } from '../../../test/factories.ts';
import { createMembershipRepository } from '../../core/membership/repository.ts';
import { createMembershipService } from '../../core/membership/service.ts';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { signInWithEmailedLink } from '../../../test/sign-in.ts';
import { attachmentType, parseIcs, parseIcsAttachment } from '../../../test/ics.ts';
import { createObservations } from './index.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
// This test's own groups: Amira's and Dan's; in another hub, Priya's this year and her group of 2022/23.
const GROUP = 'WRKT-OBS';
const OTHER = 'WRKT-OBS-OTHER';
const ARCHIVED = 'WRKT-OBS-2223';
/** The other hub's people: its lead, the lead of Priya's groups (Steve), Priya, and the national administrator. */
const accounts = {} as Record<'hub_lead' | 'work_group_lead' | 'participant' | 'national_admin', BuiltUser>;
const BASE = `/work-groups/${GROUP}/observations`;
let t: TestApp;
const schools: { urn: number; name: string }[] = [];
const HOST = 'amira.khan@school.test';
const GUEST = 'dan.frost@school.test';

async function signedIn(role: keyof typeof accounts): Promise<Agent> {
  return signInAs(t.app, accounts[role]);
}

async function withPassword(email: string, password: string): Promise<Agent> {
  const agent = new Agent(t.app);
  assert.equal((await agent.submit(await agent.get('/sign-in'), { email, password })).status, 303);
  return agent;
}
const signedInByLink = (email: string) => signInWithEmailedLink(t, email);

const offerForm = (fields: Record<string, string> = {}) => ({
  'date-day': '27',
  'date-month': '1',
  'date-year': '2027',
  starts: '09:15',
  ends: '10:15',
  class_name: 'Year 8, set 2',
  focus: 'representation_structure',
  focus_other: '',
  arrival: 'Main reception on Station Road; ask for Ms Khan',
  observer_limit: '3',
  ...fields,
});

async function offer(agent: Agent, fields: Record<string, string> = {}, code = GROUP): Promise<number> {
  const done = await agent.submit(await agent.get(`/work-groups/${code}/observations/new`), offerForm(fields));
  assert.equal(done.status, 303, done.$('.govuk-error-summary').text());
  const id = Number(/\/observations\/(\d+)\?done=offered$/.exec(done.location ?? '')?.[1]);
  assert.ok(id > 0);
  return id;
}

/** Moves a lesson in time, as the days pass (the app's clock is fixed). */
async function startedMinutesAgo(id: number, minutes: number) {
  const startsAt = new Date(NOW.getTime() - minutes * 60_000);
  await t.db.updateTable('lesson_observations').set({ starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 60 * 60_000) }).where('id', '=', id).execute();
}

const esc = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, ' ').trim();

before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  const hub = await make.hub();
  const group = await make.workGroup(hub, { code: GROUP });
  // Two schools with confirmed places: Amira's and Dan's.
  for (const [name, email] of [['Amira Khan', HOST], ['Dan Frost', GUEST]] as const) {
    const school = await make.school(hub);
    schools.push(school);
    await make.confirmedRegistration(group, school, [{ name, email }]);
  }
  const otherHub = await make.hub();
  const other = await make.workGroup(otherHub, { code: OTHER });
  const archived = await make.workGroup(otherHub, { code: ARCHIVED, project: await make.project({ academicYear: '2022/23' }), firstWorkshop: new Date('2022-11-07T13:00:00Z') });
  accounts.hub_lead = await make.user('hub_lead', { hub: otherHub });
  accounts.national_admin = await make.user('national_admin', {}, { name: 'Nadia Okafor' });
  accounts.work_group_lead = await make.user('work_group_lead', { workGroup: archived }, { name: 'Steve Waterhouse' });
  await make.role(accounts.work_group_lead, 'work_group_lead', { workGroup: other });
  accounts.participant = await make.user('participant', { workGroup: archived }, { name: 'Priya Shah' });
  await make.confirmedRegistration(other, await make.school(otherHub), [{ name: 'Priya Shah', email: accounts.participant.email }]);
});
after(async () => {
  await t.close();
});

describe('lesson observations', () => {
  let amira: Agent;
  let dan: Agent;
  let lessonId: number;

  test('only the group’s members get in', async () => {
    assert.equal((await new Agent(t.app).get(BASE)).status, 303, 'anonymous: sent to sign in');
    assert.equal((await (await signedIn('work_group_lead')).get(BASE)).status, 403, 'another group’s lead');
    assert.equal((await (await signedIn('participant')).get(BASE)).status, 403, 'another group’s participant');
    assert.equal((await (await signedIn('hub_lead')).get(BASE)).status, 403, 'another hub’s lead');
    assert.equal((await (await signedIn('national_admin')).get('/work-groups/WRK-NOPE/observations')).status, 404);
    amira = await signedInByLink(HOST);
    dan = await signedInByLink(GUEST);
    const page = await amira.get(BASE);
    assert.equal(page.status, 200);
    assert.match(text(page, 'main'), /No lessons are offered at the moment/);
    assert.equal(page.$(`main a[href="${BASE}/new"]`).length, 1, 'a participant can offer a lesson');
  });

  test('a participant offers a lesson at their school; bad input is named on its field and kept', async () => {
    const form = await amira.get(`${BASE}/new`);
    assert.equal(text(form, '[data-testid="host-school"]'), schools[0]!.name, 'their own school, no choice');
    assert.equal(form.$('input[name="school"]').length, 0);

    const past = await amira.submit(form, offerForm({ 'date-day': '20', 'date-month': '11', 'date-year': '2026', class_name: 'Year 9, set 1' }));
    assert.equal(past.status, 400);
    assert.match(past.$('#date-error').text(), /must be today or in the future/);
    assert.equal(past.$('.govuk-error-summary a[href="#date-day"]').length, 1);
    assert.equal(past.$('#class_name').val(), 'Year 9, set 1', 'what was typed is kept');
    assert.equal(past.$('#date-day').val(), '20');

    const other = await amira.submit(form, offerForm({ focus: 'other', focus_other: '', observer_limit: '21', arrival: '' }));
    assert.equal(other.status, 400);
    assert.match(other.$('#focus_other-error').text(), /Enter the focus of the lesson/);
    assert.match(other.$('#observer_limit-error').text(), /from 1 to 20/);
    assert.match(other.$('#arrival-error').text(), /Enter where observers report/);
    assert.equal(other.$('input[name="focus"][value="other"]').attr('checked'), 'checked');

    const longClass = await amira.submit(form, offerForm({ class_name: 'x'.repeat(101) }));
    assert.equal(longClass.status, 400);
    assert.match(longClass.$('#class_name-error').text(), /100 characters or fewer/);
    assert.equal(await t.db.selectFrom('lesson_observations').select('id').execute().then((r) => r.length), 0, 'nothing saved');

    lessonId = await offer(amira);
    const page = await amira.get(`${BASE}/${lessonId}?done=offered`);
    assert.match(text(page, '.govuk-notification-banner'), /Lesson offered/);
    const details = text(page, '[data-testid="lesson"]');
    assert.match(details, /Wednesday 27 January 2027/);
    assert.match(details, /9:15am to 10:15am/);
    assert.match(details, new RegExp(`Host school ${esc(schools[0]!.name)}`));
    assert.match(details, /Focus Representation and Structure/);
    assert.match(details, /Observers 0 of 3 places taken/);
    assert.match(text(page, '[data-testid="observing"]'), /You are hosting this lesson/);
    assert.equal(page.$(`form[action="${BASE}/${lessonId}/sign-up"]`).length, 0, 'no sign-up for the host');
    assert.match(text(page, '[data-testid="observers"]'), /Nobody has signed up yet/);
  });

  test('a lead chooses the host school among the group’s schools', async () => {
    const admin = await signedIn('national_admin');
    const form = await admin.get(`${BASE}/new`);
    const offered = form.$('input[name="school"]').map((_, el) => form.$(el).attr('value')).get();
    assert.deepEqual(offered.sort(), schools.map((s) => String(s.urn)).sort());
    const tampered = await admin.submit(form, offerForm({ school: '100000' }));
    assert.equal(tampered.status, 400);
    assert.match(tampered.$('#school-error').text(), /Select the school where the lesson is/);
    const id = await offer(admin, { school: String(schools[1]!.urn), focus: 'other', focus_other: 'Questioning in a mixed-attainment class', 'date-day': '3', 'date-month': '2' });
    const page = await admin.get(`${BASE}/${id}`);
    assert.match(text(page, '[data-testid="lesson"]'), new RegExp(`Host school ${esc(schools[1]!.name)}`));
    assert.match(text(page, '[data-testid="lesson"]'), /Focus Questioning in a mixed-attainment class/);
  });

  test('a member signs up and is emailed the lesson with an .ics; a second sign-up and the host are refused', async () => {
    const page = await dan.get(`${BASE}/${lessonId}`);
    assert.match(text(page, '[data-testid="observing"]'), /3 places left/);
    assert.equal(page.$('[data-testid="observers"]').length, 0, 'only the host and the lead see who is coming');
    const signedUp = await dan.submit(page, {}, `${BASE}/${lessonId}/sign-up`);
    assert.equal(signedUp.status, 303);
    const after = await dan.get(signedUp.location!);
    assert.match(text(after, '.govuk-notification-banner'), /You are signed up to observe this lesson/);
    assert.match(text(after, '[data-testid="lesson"]'), /Observers 1 of 3 places taken/);

    const mail = (await t.mailsTo(GUEST)).find((m) => m.subject?.startsWith('Lesson observation booked'));
    assert.ok(mail, 'a confirmation email');
    assert.match(mail.text ?? '', /On arrival: Main reception on Station Road; ask for Ms Khan/);
    const [event] = parseIcsAttachment(mail);
    assert.equal(event?.start.toISOString(), '2027-01-27T09:15:00.000Z');
    assert.equal(event?.end.toISOString(), '2027-01-27T10:15:00.000Z');
    assert.equal(event?.tzid, 'Europe/London');
    assert.match(event?.summary ?? '', /Year 8, set 2/);
    const hostTold = (await t.mailsTo(HOST)).find((m) => /will observe your lesson/.test(m.subject ?? ''));
    assert.ok(hostTold, 'the host is told who is coming');
    assert.match(hostTold.subject ?? '', /^Dan Frost will observe your lesson: Year 8, set 2/);

    const again = await dan.submit(page, {}, `${BASE}/${lessonId}/sign-up`);
    assert.equal(again.status, 409);
    assert.match(again.$('#sign-up').text(), /already signed up/);
    assert.equal(again.$('.govuk-error-summary a[href="#sign-up"]').length, 1);

    const hostPage = await amira.get(`${BASE}/${lessonId}`);
    const hostTry = await amira.request('POST', `${BASE}/${lessonId}/sign-up`, { _csrf: String(hostPage.$('input[name="_csrf"]').first().val()) });
    assert.equal(hostTry.status, 400);
    assert.match(hostTry.$('#sign-up').text(), /cannot observe a lesson you are hosting/);

    // The host and the lead see who is coming.
    assert.match(text(hostPage, '[data-testid="observers"]'), new RegExp(`Dan Frost ${esc(schools[1]!.name)} ${esc(GUEST)}`));
    const lead = await (await signedIn('national_admin')).get(`${BASE}/${lessonId}`);
    assert.match(text(lead, '[data-testid="observers"]'), /Dan Frost/);
    const rows = await t.db.selectFrom('lesson_observers').select('user_id').where('observation_id', '=', lessonId).execute();
    assert.equal(rows.length, 1);
  });

  test('simultaneous sign-ups never go over the limit', async () => {
    const id = await offer(amira, { observer_limit: '2', 'date-day': '10', 'date-month': '2' });
    // Six more members of the group, each signed in.
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    const passwordHash = await hashPassword('observer-test-2026');
    const agents: Agent[] = [];
    for (let i = 1; i <= 6; i++) {
      const email = `observer${i}@school.test`;
      const user = await t.db.insertInto('users').values({ email, name: `Observer ${i}`, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('role_assignments').values({ user_id: user.id, role: 'participant', work_group_id: group.id }).execute();
      agents.push(await withPassword(email, 'observer-test-2026'));
    }
    const pages = await Promise.all(agents.map((a) => a.get(`${BASE}/${id}`)));
    const results = await Promise.all(agents.map((a, i) => a.submit(pages[i]!, {}, `${BASE}/${id}/sign-up`)));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [303, 303, 409, 409, 409, 409]);
    for (const refused of results.filter((r) => r.status === 409)) assert.match(refused.$('#sign-up').text(), /This lesson is full: all 2 places/);
    const lesson = await t.db.selectFrom('lesson_observations').select('observers_count').where('id', '=', id).executeTakeFirstOrThrow();
    const observers = await t.db.selectFrom('lesson_observers').select('user_id').where('observation_id', '=', id).execute();
    assert.equal(lesson.observers_count, 2);
    assert.equal(observers.length, 2);

    // The same person clicking three times at once gets one place.
    const another = await offer(amira, { observer_limit: '5', 'date-day': '11', 'date-month': '2' });
    const page = await dan.get(`${BASE}/${another}`);
    const clicks = await Promise.all([1, 2, 3].map(() => dan.submit(page, {}, `${BASE}/${another}/sign-up`)));
    assert.deepEqual(clicks.map((c) => c.status).sort(), [303, 409, 409]);
    assert.equal((await t.db.selectFrom('lesson_observations').select('observers_count').where('id', '=', another).executeTakeFirstOrThrow()).observers_count, 1);

    // A full lesson says so; a place given up can be taken again.
    const full = await dan.get(`${BASE}/${id}`);
    assert.match(text(full, '[data-testid="observing"]'), /This lesson is full/);
    const taker = results.findIndex((r) => r.status === 303);
    const given = await agents[taker]!.submit(await agents[taker]!.get(`${BASE}/${id}`), {}, `${BASE}/${id}/withdraw`);
    assert.equal(given.status, 303);
    assert.equal((await dan.submit(await dan.get(`${BASE}/${id}`), {}, `${BASE}/${id}/sign-up`)).status, 303);
  });

  test('notes: only once the lesson has started, by the host or a lead; huge notes are refused and kept; members read them', async () => {
    const before = await amira.get(`${BASE}/${lessonId}`);
    assert.equal(before.$('textarea[name="notes"]').length, 0, 'no notes form before the lesson');
    const early = await amira.request('POST', `${BASE}/${lessonId}/notes`, { _csrf: String(before.$('input[name="_csrf"]').first().val()), notes: 'Too early' });
    assert.equal(early.status, 409);
    assert.match(early.$('#notes').text(), /once the lesson has started/);

    await startedMinutesAgo(lessonId, 90);
    const form = await amira.get(`${BASE}/${lessonId}`);
    assert.equal(form.$('textarea[name="notes"]').length, 1);
    const huge = `We noticed:\n${'Pupils used bar models. '.repeat(300)}`;
    const tooLong = await amira.submit(form, { notes: huge }, `${BASE}/${lessonId}/notes`);
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.$('#notes-error').text(), /5,000 characters or fewer/);
    assert.equal(tooLong.$('textarea[name="notes"]').val(), huge.trim(), 'the notes typed are all still there');
    const empty = await amira.submit(form, { notes: '   ' }, `${BASE}/${lessonId}/notes`);
    assert.match(empty.$('#notes-error').text(), /Enter the notes/);
    // A body far over the form limit is refused plainly, not with a 500.
    const enormous = await amira.submit(form, { notes: 'x'.repeat(1_100_000) }, `${BASE}/${lessonId}/notes`);
    assert.equal(enormous.status, 413);

    const notes = 'What we saw: <b>bar models</b> for ratio.\nPupils explained their reasoning.\n\nNext: try the same task in Year 7.';
    const saved = await amira.submit(form, { notes }, `${BASE}/${lessonId}/notes`);
    assert.equal(saved.status, 303);

    const read = await dan.get(`${BASE}/${lessonId}`);
    const paragraphs = read.$('[data-testid="notes"] p.govuk-body');
    assert.equal(paragraphs.length, 2, 'paragraphs kept');
    assert.equal(paragraphs.first().find('br').length, 1, 'line breaks kept');
    assert.match(paragraphs.first().html() ?? '', /&lt;b&gt;bar models&lt;\/b&gt;/, 'plain text, never HTML');
    assert.match(text(read, '[data-testid="notes"]'), /Recorded by Amira Khan/);
    assert.equal(read.$('textarea[name="notes"]').length, 0, 'an observer reads them, without a form');
    const byObserver = await dan.request('POST', `${BASE}/${lessonId}/notes`, { _csrf: String(read.$('input[name="_csrf"]').first().val()), notes: 'Mine' });
    assert.equal(byObserver.status, 403);
    assert.equal((await t.db.selectFrom('lesson_observations').select('notes').where('id', '=', lessonId).executeTakeFirstOrThrow()).notes, notes);

    const signUpLate = await dan.request('POST', `${BASE}/${lessonId}/withdraw`, { _csrf: String(read.$('input[name="_csrf"]').first().val()) });
    assert.equal(signUpLate.status, 409, 'places no longer change once the lesson has started');
    const list = await dan.get(BASE);
    assert.match(text(list, '[data-testid="past"]'), /Year 8, set 2.*Notes recorded/);
  });

  test('one group’s notes cannot be read from another group, by link or by guessing the address', async () => {
    // Priya (of the other hub) offers a lesson in her own group this year, and records its notes.
    const priya = await signedIn('participant');
    const theirs = await offer(priya, { 'date-day': '4', 'date-month': '2' }, OTHER);
    await startedMinutesAgo(theirs, 120);
    const theirPage = await priya.get(`/work-groups/${OTHER}/observations/${theirs}`);
    assert.equal((await priya.submit(theirPage, { notes: 'SHaW secret: Year 10 algebra' }, `/work-groups/${OTHER}/observations/${theirs}/notes`)).status, 303);

    // Dan, of GN01, cannot read them: not under Priya's group, nor by putting the id under his own.
    assert.equal((await dan.get(`/work-groups/${OTHER}/observations/${theirs}`)).status, 403);
    assert.equal((await dan.get(`/work-groups/${OTHER}/observations`)).status, 403);
    const guessed = await dan.get(`${BASE}/${theirs}`);
    assert.equal(guessed.status, 404);
    assert.doesNotMatch(guessed.body, /SHaW secret/);
    assert.doesNotMatch((await dan.get(BASE)).body, /SHaW secret|Year 10 algebra/);
    const token = String((await dan.get(`${BASE}/${lessonId}`)).$('input[name="_csrf"]').first().val());
    for (const action of ['sign-up', 'withdraw', 'notes', 'cancel']) {
      assert.equal((await dan.request('POST', `${BASE}/${theirs}/${action}`, { _csrf: token, notes: 'x' })).status, 404, action);
    }
    // And the other way round: Priya cannot read GN01's.
    assert.equal((await priya.get(`${BASE}/${lessonId}`)).status, 403);
    assert.equal((await priya.get(`/work-groups/${OTHER}/observations/${lessonId}`)).status, 404);
    assert.equal((await priya.get(`/work-groups/${OTHER}/observations/abc`)).status, 404);
  });

  test('the host cancels a lesson: its observers are told, with a calendar update; nobody else can cancel it', async () => {
    const id = await offer(amira, { 'date-day': '17', 'date-month': '3', class_name: 'Year 7, set 4' });
    await dan.submit(await dan.get(`${BASE}/${id}`), {}, `${BASE}/${id}/sign-up`);

    // Dan, an observer, has no cancel link, and his attempts are refused.
    const dansView = await dan.get(`${BASE}/${id}`);
    assert.equal(dansView.$(`a[href="${BASE}/${id}/cancel"]`).length, 0);
    assert.equal((await dan.get(`${BASE}/${id}/cancel`)).status, 303);
    assert.equal((await dan.request('POST', `${BASE}/${id}/cancel`, { _csrf: String(dansView.$('input[name="_csrf"]').first().val()) })).status, 403);

    const page = await amira.get(`${BASE}/${id}`);
    const confirm = await amira.get(`${BASE}/${id}/cancel`);
    assert.match(text(confirm, 'main'), /We will email the 1 person signed up/);
    const tooLong = await amira.submit(confirm, { reason: 'r'.repeat(501) });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.$('#reason-error').text(), /500 characters or fewer/);
    assert.equal(tooLong.$('#reason').val(), 'r'.repeat(501));
    assert.ok(page.$(`a[href="${BASE}/${id}/cancel"]`).length);
    const done = await amira.submit(confirm, { reason: 'The class has a mock exam that day' });
    assert.equal(done.status, 303);
    const cancelled = await dan.get(`${BASE}/${id}`);
    assert.match(text(cancelled, '.govuk-warning-text'), /cancelled on 23 November 2026\. The reason given: The class has a mock exam that day/);
    assert.equal(cancelled.$(`form[action="${BASE}/${id}/withdraw"]`).length, 0);

    const mail = (await t.mailsTo(GUEST)).find((m) => m.subject === `Lesson observation cancelled: Year 7, set 4 at ${schools[0]!.name}`);
    assert.ok(mail, 'the observer is told');
    assert.match(mail.text ?? '', /The reason given: The class has a mock exam that day/);
    const [cancelledEvent] = parseIcsAttachment(mail);
    assert.equal(cancelledEvent?.status, 'CANCELLED');
    assert.equal(cancelledEvent?.uid, `observation-${id}@hubwork.test`, 'the same event as the booking, to replace it');

    const late = await dan.request('POST', `${BASE}/${id}/sign-up`, { _csrf: String(cancelled.$('input[name="_csrf"]').first().val()) });
    assert.equal(late.status, 409);
    assert.match(late.$('#sign-up').text(), /has been cancelled/);
    const twice = await amira.submit(confirm, { reason: '' });
    assert.equal(twice.status, 409);
    assert.match(twice.$('#reason').text(), /already been cancelled/);
  });

  test('the host changes a lesson: the offer form filled in; a limit under the places taken is refused; nobody else may change it', async () => {
    const id = await offer(amira, { 'date-day': '3', 'date-month': '3', class_name: 'Year 9, set 3', observer_limit: '3' });
    const lessonUrl = `${BASE}/${id}`;
    const admin = await signedIn('national_admin');
    await dan.submit(await dan.get(lessonUrl), {}, `${lessonUrl}/sign-up`);
    await admin.submit(await admin.get(lessonUrl), {}, `${lessonUrl}/sign-up`);

    // The host and the leads have the link; an observer does not, and is refused on the server.
    assert.equal((await amira.get(lessonUrl)).$(`a[href="${lessonUrl}/edit"]`).text(), 'Change this lesson');
    const dansView = await dan.get(lessonUrl);
    assert.equal(dansView.$(`a[href="${lessonUrl}/edit"]`).length, 0);
    assert.equal((await dan.get(`${lessonUrl}/edit`)).status, 403);
    const dansTry = await dan.request('POST', `${lessonUrl}/edit`, { _csrf: String(dansView.$('input[name="_csrf"]').first().val()), ...offerForm({ class_name: 'Mine now' }) });
    assert.equal(dansTry.status, 403);

    // The same form as offering, with the lesson's values.
    const form = await amira.get(`${lessonUrl}/edit`);
    assert.equal(form.status, 200);
    assert.equal(text(form, 'h1'), 'Change this lesson');
    assert.equal(form.$('#date-day').val(), '3');
    assert.equal(form.$('#date-month').val(), '3');
    assert.equal(form.$('#date-year').val(), '2027');
    assert.equal(form.$('#starts').val(), '09:15');
    assert.equal(form.$('#ends').val(), '10:15');
    assert.equal(form.$('#class_name').val(), 'Year 9, set 3');
    assert.equal(form.$('input[name="focus"][value="representation_structure"]').attr('checked'), 'checked');
    assert.equal(form.$('#arrival').text(), 'Main reception on Station Road; ask for Ms Khan');
    assert.equal(form.$('#observer_limit').val(), '3');
    assert.match(text(form, '[data-testid="change-intro"]'), /we will email the 2 people signed up/);
    assert.match(form.$('#observer_limit-hint').text(), /2 people have signed up so far/);

    // A limit under the two places taken: refused by the field, with what was typed kept.
    const fields = (changes: Record<string, string>) => offerForm({ 'date-day': '3', 'date-month': '3', class_name: 'Year 9, set 3', ...changes });
    const tooFew = await amira.submit(form, fields({ observer_limit: '1', class_name: 'Year 9, set 4' }));
    assert.equal(tooFew.status, 400);
    assert.match(tooFew.$('#observer_limit-error').text(), /2 people have already signed up to observe this lesson, so the number who can observe must be 2 or more/);
    assert.equal(tooFew.$('.govuk-error-summary a[href="#observer_limit"]').length, 1);
    assert.equal(tooFew.$('#class_name').val(), 'Year 9, set 4', 'what was typed is kept');
    assert.equal(tooFew.$('main form[method="post"]').attr('action'), `${lessonUrl}/edit`);
    const badDate = await amira.submit(form, fields({ 'date-day': '30', 'date-month': '2' }));
    assert.equal(badDate.status, 400, 'the offer’s own checks too');
    assert.ok(badDate.$('#date-error').text().length > 0);
    const saved = await t.db.selectFrom('lesson_observations').select(['observer_limit', 'class_name', 'calendar_sequence']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(saved, { observer_limit: 3, class_name: 'Year 9, set 3', calendar_sequence: 0 }, 'nothing saved');

    // A lead changes only the class: saved, nobody emailed, the calendar copy unchanged.
    const leadForm = await admin.get(`${lessonUrl}/edit`);
    assert.equal(leadForm.$(`input[name="school"][value="${schools[0]!.urn}"]`).attr('checked'), 'checked', 'a lead sees the school chosen');
    const classOnly = await admin.submit(leadForm, fields({ school: String(schools[0]!.urn), class_name: 'Year 9, set 4' }));
    assert.equal(classOnly.status, 303);
    assert.equal(classOnly.location, `${lessonUrl}?done=changed`);
    const afterClass = await amira.get(lessonUrl);
    assert.match(text(afterClass, '[data-testid="lesson"]'), /Class Year 9, set 4/);
    assert.match(text(afterClass, '[data-testid="changed"]'), /Last changed by/);
    assert.equal((await t.mailsTo(GUEST)).filter((m) => m.subject?.startsWith('Lesson observation changed')).length, 0);
    // The host is told a lead changed their lesson.
    const toHost = (await t.mailsTo(HOST)).filter((m) => /changed your lesson to observe: Year 9, set 4$/.test(m.subject ?? ''));
    assert.equal(toHost.length, 1);
    assert.match(toHost[0]!.text ?? '', /Nadia Okafor, a lead of .*, changed the lesson you offered to observe\.[\s\S]*Year 9, set 4/);
  });

  test('a change of time is emailed to each observer with an .ics that replaces the booking; the cancellation after it replaces that', async () => {
    const id = (await t.db.selectFrom('lesson_observations').select('id').where('class_name', '=', 'Year 9, set 4').executeTakeFirstOrThrow()).id;
    const lessonUrl = `${BASE}/${id}`;
    const sequenceOf = (ics: string) => Number(/^SEQUENCE:(\d+)\r?$/m.exec(ics)?.[1]);
    const calendarOf = (mail: Parameters<typeof parseIcsAttachment>[0]) => {
      const ics = mail?.attachments.find((a) => a.contentType === 'text/calendar');
      assert.ok(ics, 'an .ics attachment');
      return { text: ics.content.toString(), contentType: attachmentType(ics) };
    };
    const booking = calendarOf((await t.mailsTo(GUEST)).find((m) => m.subject === `Lesson observation booked: Year 9, set 3 at ${schools[0]!.name}`));
    assert.equal(parseIcs(booking.text, booking).length, 1);
    assert.equal(sequenceOf(booking.text), 0);

    const form = await amira.get(`${lessonUrl}/edit`);
    const moved = await amira.submit(form, offerForm({ 'date-day': '3', 'date-month': '3', class_name: 'Year 9, set 4', starts: '13:00', ends: '14:00', observer_limit: '2' }));
    assert.equal(moved.status, 303);
    assert.equal(moved.location, `${lessonUrl}?done=changed-told`);
    const page = await amira.get(moved.location!);
    assert.match(text(page, '.govuk-notification-banner'), /Everyone signed up to observe it has been emailed the new details/);
    assert.match(text(page, '[data-testid="lesson"]'), /Wednesday 3 March 2027 Time 1pm to 2pm/);
    assert.match(text(page, '[data-testid="lesson"]'), /Full: 2 of 2 places taken/);

    for (const email of [GUEST, accounts.national_admin.email]) {
      const mail = (await t.mailsTo(email)).find((m) => m.subject === `Lesson observation changed: Year 9, set 4 at ${schools[0]!.name}`);
      assert.ok(mail, `${email} is told`);
      assert.match(mail.text ?? '', /Time: was 9:15am to 10:15am, now 1pm to 2pm/);
      assert.doesNotMatch(mail.text ?? '', /Date: was/, 'only what changed');
      const { text: ics, contentType } = calendarOf(mail);
      const [event] = parseIcs(ics, { contentType });
      assert.equal(event?.uid, `observation-${id}@hubwork.test`, 'the same event as the booking');
      assert.equal(event?.start.toISOString(), '2027-03-03T13:00:00.000Z');
      assert.equal(event?.end.toISOString(), '2027-03-03T14:00:00.000Z');
      assert.equal(sequenceOf(ics), 1, 'a higher SEQUENCE, so the calendar replaces the booking');
      assert.doesNotMatch(ics, /STATUS:CANCELLED/);
    }
    assert.equal((await t.mailsTo(HOST)).filter((m) => m.subject?.startsWith('Lesson observation changed')).length, 0, 'the host is not an observer');

    // Cancelled after the change: its copy outranks the update.
    const cancelled = await amira.submit(await amira.get(`${lessonUrl}/cancel`), { reason: '' });
    assert.equal(cancelled.status, 303);
    const cancellation = calendarOf((await t.mailsTo(GUEST)).find((m) => m.subject === `Lesson observation cancelled: Year 9, set 4 at ${schools[0]!.name}`));
    assert.match(cancellation.text, /STATUS:CANCELLED/);
    assert.equal(parseIcs(cancellation.text, cancellation)[0]?.uid, `observation-${id}@hubwork.test`);
    assert.equal(sequenceOf(cancellation.text), 2, 'higher than the update');

    // A cancelled lesson can no longer be changed: said plainly, on the page and to a POST.
    const closedForm = await amira.get(`${lessonUrl}/edit`);
    assert.equal(closedForm.status, 200);
    assert.match(text(closedForm, '#form'), /This lesson has been cancelled, so it can no longer be changed/);
    assert.equal(closedForm.$('#class_name').length, 0, 'no form');
    const refused = await amira.request('POST', `${lessonUrl}/edit`, { _csrf: String(closedForm.$('input[name="_csrf"]').first().val()), ...offerForm() });
    assert.equal(refused.status, 409);
    assert.match(text(refused, '.govuk-error-summary'), /has been cancelled, so it can no longer be changed/);
  });

  test('a lesson that has started cannot be changed', async () => {
    const id = await offer(amira, { 'date-day': '5', 'date-month': '3', class_name: 'Year 10, set 1' });
    const form = await amira.get(`${BASE}/${id}/edit`);
    const csrf = String(form.$('input[name="_csrf"]').first().val());
    await startedMinutesAgo(id, 90);
    const refused = await amira.request('POST', `${BASE}/${id}/edit`, { _csrf: csrf, ...offerForm({ 'date-day': '6', 'date-month': '3' }) });
    assert.equal(refused.status, 409);
    assert.match(text(refused, '#form'), /This lesson has already started, so it can no longer be changed/);
    assert.equal(refused.$('.govuk-error-summary a[href="#form"]').length, 1);
    const after = await t.db.selectFrom('lesson_observations').select(['starts_at', 'changed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(after.changed_at, null, 'nothing changed');
    assert.ok(after.starts_at < NOW);
    assert.equal((await amira.get(`${BASE}/${id}`)).$(`a[href="${BASE}/${id}/edit"]`).length, 0, 'no link once it has started');
    const page = await amira.get(`${BASE}/${id}/edit`);
    assert.equal(page.status, 200);
    assert.match(text(page, '#form'), /already started/);
    // Without a CSRF token, nothing happens either.
    const noToken = await amira.request('POST', `${BASE}/${id}/edit`, offerForm());
    assert.equal(noToken.status, 403);
    assert.match(text(noToken, 'h1'), /This form has expired/);
  });

  test('changing: odd lesson ids and odd input get a GOV.UK message or a plain 4xx, never a 500', async () => {
    const id = await offer(amira, { 'date-day': '8', 'date-month': '3', class_name: 'Year 7, set 1' });
    const form = await amira.get(`${BASE}/${id}/edit`);
    const csrf = String(form.$('input[name="_csrf"]').first().val());
    for (const bad of ['abc', '-1', '1e3', '99999999999', '999999999']) {
      assert.equal((await amira.get(`${BASE}/${bad}/edit`)).status, 404, `GET ${bad}`);
      assert.equal((await amira.request('POST', `${BASE}/${bad}/edit`, { _csrf: csrf, ...offerForm() })).status, 404, `POST ${bad}`);
    }
    const post = (fields: Record<string, string | string[]>) => amira.request('POST', `${BASE}/${id}/edit`, { _csrf: csrf, ...fields });
    const empty = await post({});
    assert.equal(empty.status, 400);
    for (const field of ['date', 'starts', 'ends', 'class_name', 'focus', 'arrival', 'observer_limit']) {
      assert.ok(empty.$(`#${field}-error`).text().trim().length > 0, `${field} named`);
    }
    const cases: [Record<string, string | string[]>, string, RegExp][] = [
      [{ observer_limit: 'abc' }, 'observer_limit', /whole number from 1 to 20/],
      [{ observer_limit: '99999999999' }, 'observer_limit', /whole number from 1 to 20/],
      [{ observer_limit: '-1' }, 'observer_limit', /whole number from 1 to 20/],
      [{ 'date-day': '31', 'date-month': '2' }, 'date', /real date/],
      [{ 'date-year': '99999999999' }, 'date', /year between 2000 and 2100/],
      [{ starts: '25:99' }, 'starts', /must be a time/],
      [{ class_name: 'x'.repeat(20_000) }, 'class_name', /characters or fewer/],
      [{ class_name: ['Year 7', 'Year 8'] }, 'class_name', /Enter the class/],
      [{ focus: 'constructor' }, 'focus', /Select the focus/],
    ];
    for (const [fields, field, message] of cases) {
      const page = await post(offerForm({ 'date-day': '8', 'date-month': '3', ...(fields as Record<string, string>) }));
      assert.equal(page.status, 400, JSON.stringify(fields).slice(0, 80));
      assert.match(page.$(`#${field}-error`).text(), message);
    }
    // No form at all: refused as an expired form, nothing changed.
    assert.equal((await amira.request('POST', `${BASE}/${id}/edit`)).status, 403);
    const saved = await t.db.selectFrom('lesson_observations').select(['class_name', 'changed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(saved, { class_name: 'Year 7, set 1', changed_at: null });
    // Out of the way of the home page's list below.
    assert.equal((await amira.submit(await amira.get(`${BASE}/${id}/cancel`), { reason: '' })).status, 303);
  });

  test('an archived group can be read but not changed', async () => {
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', ARCHIVED).executeTakeFirstOrThrow();
    const urn = schools[0]!.urn;
    const host = accounts.work_group_lead;
    const old = await t.db
      .insertInto('lesson_observations')
      .values({
        work_group_id: group.id,
        school_urn: urn,
        offered_by: host.id,
        starts_at: new Date('2023-03-01T10:00:00Z'),
        ends_at: new Date('2023-03-01T11:00:00Z'),
        class_name: 'Year 10, set 3',
        focus: 'fluency',
        arrival: 'Reception',
        observer_limit: 4,
        notes: 'Fluency through variation.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const priya = await signedIn('participant');
    const list = await priya.get(`/work-groups/${ARCHIVED}/observations`);
    assert.equal(list.status, 200);
    assert.match(text(list, 'main'), /year has ended/);
    assert.equal(list.$(`a[href="/work-groups/${ARCHIVED}/observations/new"]`).length, 0);
    const page = await priya.get(`/work-groups/${ARCHIVED}/observations/${old.id}`);
    assert.match(text(page, '[data-testid="notes"]'), /Fluency through variation/);
    assert.equal(page.$('main form').length, 0, 'nothing to change');
    const csrf = String(page.$('input[name="_csrf"]').first().val());
    const offered = await priya.request('POST', `/work-groups/${ARCHIVED}/observations`, { _csrf: csrf, ...offerForm() });
    assert.equal(offered.status, 409);
    assert.match(offered.$('.govuk-error-summary').text(), /year has ended/);
    assert.equal(offered.$('#class_name').length, 0, 'no form to fill in');
    const steve = await signedIn('work_group_lead');
    const notes = await steve.request('POST', `/work-groups/${ARCHIVED}/observations/${old.id}/notes`, { _csrf: String((await steve.get(`/work-groups/${ARCHIVED}/observations/${old.id}`)).$('input[name="_csrf"]').first().val()), notes: 'Changed' });
    assert.equal(notes.status, 409);
    assert.match(notes.$('#notes').text(), /year has ended/);
    const editPage = await steve.get(`/work-groups/${ARCHIVED}/observations/${old.id}/edit`);
    assert.equal(editPage.status, 200);
    assert.match(text(editPage, '#form'), /year has ended/);
    assert.equal(editPage.$('#class_name').length, 0, 'no form to change it');
    const edit = await steve.request('POST', `/work-groups/${ARCHIVED}/observations/${old.id}/edit`, { _csrf: String(editPage.$('input[name="_csrf"]').first().val()), ...offerForm() });
    assert.equal(edit.status, 409);
    assert.match(edit.$('.govuk-error-summary').text(), /year has ended/);
  });

  test('the home page’s list: lessons to come that a person observes or hosts, soonest first', async () => {
    const clock = () => NOW;
    const membership = createMembershipService({ repository: createMembershipRepository(t.db), clock });
    const observations = createObservations({ db: t.db, clock, baseUrl: 'http://hubwork.test', membership });
    const userOf = async (email: string): Promise<CurrentUser> => {
      const row = await t.db.selectFrom('users').select(['id', 'email', 'name']).where('email', '=', email).executeTakeFirstOrThrow();
      return { ...row, schoolUrn: null, roles: [] };
    };
    const dans = await observations.bookedBy(await userOf(GUEST));
    // Dan observes the lessons of 10 and 11 February; the first (started) and the cancelled one are not listed.
    assert.deepEqual(
      dans.map((b) => [b.startsAt.toISOString(), b.school, b.focus, b.groupCode]),
      [
        ['2027-02-10T09:15:00.000Z', schools[0]!.name, 'Representation and Structure', GROUP],
        ['2027-02-11T09:15:00.000Z', schools[0]!.name, 'Representation and Structure', GROUP],
      ],
    );
    assert.match(dans[0]!.href, new RegExp(`^${BASE}/\\d+$`));
    assert.equal((await dan.get(dans[0]!.href)).status, 200);
    const amiras = await observations.bookedBy(await userOf(HOST));
    assert.deepEqual(amiras.map((b) => b.startsAt.toISOString()), ['2027-02-10T09:15:00.000Z', '2027-02-11T09:15:00.000Z'], 'the lessons she hosts');
    // Someone who has left the group no longer sees its lessons.
    await t.db.updateTable('registrations').set({ status: 'withdrawn' }).where('school_urn', '=', schools[1]!.urn).execute();
    assert.deepEqual(await observations.bookedBy(await userOf(GUEST)), []);
  });

  test('odd addresses get a plain page, never a 500', async () => {
    // Dan has left the group by now (above): Amira asks.
    const page = await amira.get(`${BASE}/${lessonId}?done=constructor`);
    assert.equal(page.status, 200);
    assert.equal(page.$('.govuk-notification-banner').length, 0, 'no banner for a made-up message');
    for (const url of [`${BASE}/99999999999`, `${BASE}/-1`, `${BASE}/${lessonId}x/cancel`]) assert.equal((await amira.get(url)).status, 404, url);
  });
});
