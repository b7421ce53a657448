// Publishing a hub's programme through the forms: validation, audit log, publication rules.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { type BuiltHub, type BuiltUser, factories, signInAs } from '../../../test/factories.ts';

let t: TestApp;
let admin: Agent;
let projectId: string;
/** This test's own hub, its administrator and lead, a group with schools placed, and this year's group with one. */
let hub: BuiltHub;
let hubLead: BuiltUser;
let hubAdmin: BuiltUser;
let PLACED: string;
let CODE: string;

const VALID = {
  code: 'WRK-NEW-50',
  title: 'Core Maths Pedagogy 2026-27 – Shrewsbury',
  summary: 'Core Maths teachers develop open-ended problem-solving approaches together.',
  mode: 'online',
  places_total: '10',
  participants_per_school: '2',
  joining_details_days: '10',
  cost: 'Free',
  outcome_pupil_lead_in: 'In almost all teachers’ classes:',
  outcome_pupil_items: '- pupils enjoy maths lessons\n- pupils reach high levels of attainment',
};

before(async () => {
  const now = new Date('2026-11-23T12:00:00Z');
  t = await testApp({ now });
  const make = factories(t.db, now);
  hub = await make.hub();
  hubAdmin = await make.user('hub_admin', { hub }, { name: 'Amir Haddad' });
  admin = await signInAs(t.app, hubAdmin);
  hubLead = await make.user('hub_lead', { hub });
  const project = await make.project();
  projectId = String(project.id);
  const placed = await make.workGroup(hub, { project });
  for (const i of [1, 2]) await make.confirmedRegistration(placed, await make.school(hub), [{ name: `Teacher ${i}`, email: `teacher${i}@placed.test` }]);
  PLACED = placed.code;
  const current = await make.workGroup(hub, { project });
  await make.confirmedRegistration(current, await make.school(hub), [{ name: 'Ada Current', email: 'ada@current.test' }]);
  CODE = current.code;
});
after(async () => {
  await t.close();
});

async function createForm(): Promise<Page> {
  return admin.get(`/admin/hubs/${hub.slug}/work-groups/new`);
}

describe('creating a Work Group', () => {
  test('empty required fields are named, each by its field', async () => {
    const page = await admin.submit(await createForm(), { code: '', title: '', summary: '', places_total: '', cost: '' });
    assert.equal(page.status, 400);
    for (const [field, message] of [
      ['code', /Enter a code/],
      ['project_id', /Select the project/],
      ['title', /Enter the Work Group’s title/],
      ['summary', /Enter a summary/],
      ['mode', /Select how the Work Group meets/],
      ['places_total', /Enter how many schools can take part/],
      ['cost', /Enter the cost/],
    ] as const) {
      assert.match(page.$(`#${field}-error`).text(), message, field);
      assert.equal(page.$(`.govuk-error-summary a[href="#${field}"]`).length, 1, `${field} in the summary`);
    }
    assert.equal(await t.db.selectFrom('work_groups').select('id').where('code', '=', '').executeTakeFirst(), undefined);
  });

  test('30 February, and a window that closes before it opens, are refused and the rest is kept', async () => {
    const page = await admin.submit(await createForm(), {
      ...VALID,
      project_id: projectId,
      'opens-day': '30',
      'opens-month': '2',
      'opens-year': '2027',
      'closes-day': '1',
      'closes-month': '1',
      'closes-year': '2027',
    });
    assert.equal(page.status, 400);
    assert.match(page.$('#opens-error').text(), /Registration opens must be a real date/);
    assert.equal(page.$('#title').attr('value'), VALID.title);
    assert.match(page.$('#outcome_pupil_items').text(), /pupils enjoy maths lessons/);

    const backwards = await admin.submit(await createForm(), {
      ...VALID,
      project_id: projectId,
      'opens-day': '1',
      'opens-month': '3',
      'opens-year': '2027',
      'closes-day': '1',
      'closes-month': '1',
      'closes-year': '2027',
    });
    assert.match(backwards.$('#closes-error').text(), /same as or after the date it opens/);
  });

  test('a tampered form naming a project that does not exist is refused by the field, not with a 500', async () => {
    for (const project_id of ['999999', '99999999999999999999']) {
      const page = await admin.submit(await createForm(), { ...VALID, code: 'WRK-NEW-51', project_id });
      assert.equal(page.status, 400, project_id);
      assert.match(page.$('#project_id-error').text(), /Select the project/);
    }
    const edit = await admin.get(`/admin/work-groups/${PLACED}/edit`);
    const page = await admin.submit(edit, { ...formFields(edit), project_id: '999999' });
    assert.equal(page.status, 400);
    assert.match(page.$('#project_id-error').text(), /Select the project/);
  });

  test('a valid form creates a draft, records who did it, and a duplicate code is refused', async () => {
    const created = await admin.submit(await createForm(), { ...VALID, project_id: projectId });
    assert.equal(created.status, 303);
    assert.equal(created.location, `/admin/work-groups/${VALID.code}?done=created`);
    const group = await t.db.selectFrom('work_groups').selectAll().where('code', '=', VALID.code).executeTakeFirstOrThrow();
    assert.equal(group.publication, 'draft');
    const outcomes = await t.db.selectFrom('work_group_outcomes').selectAll().where('work_group_id', '=', group.id).execute();
    assert.deepEqual(outcomes.map((o) => o.items), [['pupils enjoy maths lessons', 'pupils reach high levels of attainment']]);
    const audit = await t.db.selectFrom('audit_log as a').innerJoin('users as u', 'u.id', 'a.actor_user_id').select(['a.action', 'u.email']).where('a.subject_id', '=', VALID.code).execute();
    assert.deepEqual(audit, [{ action: 'work_group.created', email: hubAdmin.email }]);
    assert.equal((await new Agent(t.app).get(`/work-groups/${VALID.code}`)).status, 404, 'a draft is not public');

    const duplicate = await admin.submit(await createForm(), { ...VALID, code: VALID.code.toLowerCase(), project_id: projectId });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.$('#code-error').text(), /already exists/);
  });
});

describe('workshops and publishing', () => {
  test('a workshop that ends before it starts, on 30 February, or face to face with no venue is refused', async () => {
    const form = await admin.get(`/admin/work-groups/${VALID.code}/sessions/new`);
    const backwards = await admin.submit(form, { workshop_number: '1', 'date-day': '10', 'date-month': '3', 'date-year': '2027', starts: '16:00', ends: '13:00', mode: 'online' });
    assert.match(backwards.$('#ends-error').text(), /End time must be after the start time/);
    const impossible = await admin.submit(form, { workshop_number: '1', 'date-day': '30', 'date-month': '2', 'date-year': '2027', starts: '13:00', ends: '16:00', mode: 'online' });
    assert.match(impossible.$('#date-error').text(), /must be a real date/);
    const noVenue = await admin.submit(form, { workshop_number: '1', 'date-day': '10', 'date-month': '3', 'date-year': '2027', starts: '13:00', ends: '16:00', mode: 'face_to_face' });
    assert.match(noVenue.$('#venue_name-error').text(), /Enter the venue/);
    assert.equal(noVenue.$('#starts').attr('value'), '13:00', 'what was typed is kept');
    for (const link of ['javascript:alert(1)', 'http://meet.example.org/x', 'meet.example.org', 'https://meet example.org']) {
      const badLink = await admin.submit(form, { workshop_number: '1', 'date-day': '10', 'date-month': '3', 'date-year': '2027', starts: '13:00', ends: '16:00', mode: 'online', joining_link: link });
      assert.match(badLink.$('#joining_link-error').text(), /must be a full web address starting https:\/\//, link);
    }
  });

  test('a group cannot be published without a workshop; with one it can, and the change is audited', async () => {
    const page = await admin.get(`/admin/work-groups/${VALID.code}`);
    const refused = await admin.submit(page, {}, `/admin/work-groups/${VALID.code}/publish`);
    assert.equal(refused.status, 400);
    assert.match(refused.$('.govuk-error-summary').text(), /Add at least one workshop/);

    const form = await admin.get(`/admin/work-groups/${VALID.code}/sessions/new`);
    assert.equal((await admin.submit(form, { workshop_number: '1', date_to_be_confirmed: 'yes', mode: 'tbc' })).status, 303);
    const again = await admin.submit(form, { workshop_number: '1', date_to_be_confirmed: 'yes', mode: 'tbc' });
    assert.match(again.$('#workshop_number-error').text(), /already a workshop 1/);

    const published = await admin.submit(await admin.get(`/admin/work-groups/${VALID.code}`), {}, `/admin/work-groups/${VALID.code}/publish`);
    assert.equal(published.status, 303);
    assert.equal((await new Agent(t.app).get(`/work-groups/${VALID.code}`)).status, 200);
    const actions = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', VALID.code).orderBy('id').execute();
    assert.deepEqual(actions.map((a) => a.action), ['work_group.created', 'session.added', 'work_group.publish']);

    // The hub lead reads it in the audit log; the hub administrator may not.
    const lead = await signInAs(t.app, hubLead);
    const log = await lead.get(`/admin/hubs/${hub.slug}/audit`);
    const rows = log.$('[data-testid="audit"] tbody tr').map((_, row) => log.$(row).text().replace(/\s+/g, ' ')).get();
    assert.match(rows[0] ?? '', new RegExp(`Amir Haddad Published the Work Group ${VALID.code}`));
    assert.equal((await admin.get(`/admin/hubs/${hub.slug}/audit`)).status, 403);
  });

  test('editing records exactly what changed; places cannot drop below the schools already placed', async () => {
    const form = await admin.get(`/admin/work-groups/${VALID.code}/edit`);
    assert.equal(form.$('#title').attr('value'), VALID.title);
    const saved = await admin.submit(form, { ...formFields(form), places_total: '11' });
    assert.equal(saved.status, 303);
    const entry = await t.db.selectFrom('audit_log').select('changes').where('subject_id', '=', VALID.code).where('action', '=', 'work_group.updated').executeTakeFirstOrThrow();
    assert.deepEqual(entry.changes, { places_total: { from: 10, to: 11 } });

    const full = await t.db.selectFrom('work_groups').select(['code', 'places_taken']).where('code', '=', PLACED).executeTakeFirstOrThrow();
    const edit = await admin.get(`/admin/work-groups/${full.code}/edit`);
    const tooFew = await admin.submit(edit, { ...formFields(edit), places_total: String(full.places_taken - 1) });
    assert.equal(tooFew.status, 400);
    assert.match(tooFew.$('#places_total-error').text(), /already have a place/);
  });
});

describe('joining details', () => {
  test('the days and the hub’s own message are checked, saved, shown and audited', async () => {
    const form = await admin.get(`/admin/work-groups/${VALID.code}/edit`);
    assert.equal(form.$('#joining_details_days').attr('value'), '10');
    assert.equal(form.$('#joining_details_text').text(), '', 'empty: the standard message');

    for (const [days, message] of [
      ['61', /Days before the first workshop must be between 0 and 60/],
      ['-1', /must be a whole number/],
      ['ten', /must be a whole number/],
      ['', /Enter how many days before the first workshop the joining details are sent/],
    ] as const) {
      const refused = await admin.submit(form, { ...formFields(form), joining_details_days: days, joining_details_text: 'Kept as typed' });
      assert.equal(refused.status, 400, days);
      assert.match(refused.$('#joining_details_days-error').text(), message, days);
      assert.equal(refused.$('.govuk-error-summary a[href="#joining_details_days"]').length, 1, 'in the summary');
      assert.equal(refused.$('#joining_details_text').text(), 'Kept as typed', 'what was typed is kept');
    }
    const tooLong = await admin.submit(form, { ...formFields(form), joining_details_text: 'x'.repeat(5001) });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.$('#joining_details_text-error').text(), /Joining details must be 5,000 characters or fewer/);
    assert.equal(tooLong.$('.govuk-error-summary a[href="#joining_details_text"]').length, 1);

    const text = 'Please bring your laptop.\n\nParking is behind the sports hall.';
    const saved = await admin.submit(form, { ...formFields(form), joining_details_days: '0', joining_details_text: `${text}\r\n` });
    assert.equal(saved.status, 303);
    const row = await t.db.selectFrom('work_groups').select(['joining_details_days', 'joining_details_text']).where('code', '=', VALID.code).executeTakeFirstOrThrow();
    assert.deepEqual(row, { joining_details_days: 0, joining_details_text: text });
    const [entry] = await t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('subject_id', '=', VALID.code)
      .where('action', '=', 'work_group.updated')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    assert.deepEqual(entry?.changes, { joining_details_days: { from: 10, to: 0 }, joining_details_text: { from: '', to: text } });
    const page = await admin.get(`/admin/work-groups/${VALID.code}`);
    assert.match(page.$('[data-testid="group-facts"]').text(), /On the day of the first workshop, with your message/);
    const again = await admin.get(`/admin/work-groups/${VALID.code}/edit`);
    assert.equal(again.$('#joining_details_text').text(), text, 'the edit form shows the saved message');
    assert.equal(again.$('#joining_details_days').attr('value'), '0');
  });
});

describe('archiving, restoring and removing workshops', () => {

  test('Archive asks first; the one-click post changes nothing; once confirmed it is archived, and restoring brings it back as it was, audited', async () => {
    const page = await admin.get(`/admin/work-groups/${CODE}`);
    assert.equal(page.$(`form[action="/admin/work-groups/${CODE}/archive"]`).length, 0, 'no one-click archive form');
    assert.equal(page.$(`a[href="/admin/work-groups/${CODE}/archive"]`).text().trim(), 'Archive');

    // The old one-click post (a form from before, or a tampered one) only shows the question.
    assert.equal((await admin.submit(page, {}, `/admin/work-groups/${CODE}/close`)).status, 303);
    const oneClick = await admin.request('POST', `/admin/work-groups/${CODE}/archive`, { _csrf: csrfOf(page) });
    assert.equal(oneClick.status, 200);
    assert.match(oneClick.$('h1').text(), /Are you sure you want to archive/);
    assert.equal((await publicationOf(CODE)).publication, 'closed', 'not archived without confirmation');

    const confirm = await admin.get(`/admin/work-groups/${CODE}/archive`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.$('[data-testid="archive-consequences"]').text(), /taken down/);
    assert.match(confirm.$('main').text(), /goes back to being closed to registrations/);
    const archived = await admin.submit(confirm, {}, `/admin/work-groups/${CODE}/archive`);
    assert.equal(archived.status, 303);
    assert.deepEqual(await publicationOf(CODE), { publication: 'archived', archived_from: 'closed' });
    assert.equal((await new Agent(t.app).get(`/work-groups/${CODE}`)).status, 404, 'no longer public');

    const groupPage = await admin.get(`/admin/work-groups/${CODE}`);
    assert.match(groupPage.$('#actions').nextAll('p').text(), /Restoring it makes it closed to registrations again/);
    const restored = await admin.submit(groupPage, {}, `/admin/work-groups/${CODE}/restore`);
    assert.equal(restored.status, 303);
    assert.deepEqual(await publicationOf(CODE), { publication: 'closed', archived_from: null });
    assert.match((await admin.get(restored.location!)).$('.govuk-notification-banner').text(), /Restored: the Work Group is closed to registrations again/);
    assert.equal((await new Agent(t.app).get(`/work-groups/${CODE}`)).status, 200, 'public again');
    const actions = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('subject_id', '=', CODE).orderBy('id').execute();
    assert.deepEqual(actions.slice(-3), [
      { action: 'work_group.close', changes: { publication: { from: 'published', to: 'closed' } } },
      { action: 'work_group.archive', changes: { publication: { from: 'closed', to: 'archived' } } },
      { action: 'work_group.restore', changes: { publication: { from: 'archived', to: 'closed' } } },
    ]);
    const again = await admin.submit(groupPage, {}, `/admin/work-groups/${CODE}/restore`);
    assert.equal(again.status, 400, 'a second restore from a stale page is refused');
    assert.equal((await admin.submit(await admin.get(`/admin/work-groups/${CODE}`), {}, `/admin/work-groups/${CODE}/publish`)).status, 303);
  });

  test('a group archived before its earlier state was recorded is restored closed if schools have places, else as a draft', async () => {
    for (const [code, placesTaken, expected] of [
      [PLACED, undefined, 'closed'],
      [VALID.code, 0, 'draft'],
    ] as const) {
      const before = await t.db.selectFrom('work_groups').select(['places_taken', 'publication']).where('code', '=', code).executeTakeFirstOrThrow();
      if (placesTaken === undefined) assert.ok(before.places_taken > 0, `${code} has places taken`);
      else assert.equal(before.places_taken, placesTaken);
      await t.db.updateTable('work_groups').set({ publication: 'archived', archived_from: null }).where('code', '=', code).execute();
      const page = await admin.get(`/admin/work-groups/${code}`);
      assert.match(page.$('main').text(), new RegExp(`Restoring it makes it ${expected === 'closed' ? 'closed to registrations' : 'a draft'} again`));
      assert.equal((await admin.submit(page, {}, `/admin/work-groups/${code}/restore`)).status, 303);
      assert.equal((await publicationOf(code)).publication, expected, code);
      await t.db.updateTable('work_groups').set({ publication: before.publication }).where('code', '=', code).execute();
    }
  });

  test('a workshop is removed only from its confirmation page, and never once its register has marks', async () => {
    const form = await admin.get(`/admin/work-groups/${VALID.code}/sessions/new`);
    assert.equal((await admin.submit(form, { workshop_number: '7', date_to_be_confirmed: 'yes', mode: 'tbc' })).status, 303);
    const page = await admin.get(`/admin/work-groups/${VALID.code}`);
    assert.equal(page.$(`form[action="/admin/work-groups/${VALID.code}/sessions/7/delete"]`).length, 0, 'no one-click remove form');
    const oneClick = await admin.request('POST', `/admin/work-groups/${VALID.code}/sessions/7/delete`, { _csrf: csrfOf(page) });
    assert.match(oneClick.$('h1').text(), /Are you sure you want to remove workshop 7/);
    assert.ok(await sessionOf(VALID.code, 7), 'not removed without confirmation');
    const confirm = await admin.get(`/admin/work-groups/${VALID.code}/sessions/7/delete`);
    assert.equal((await admin.submit(confirm, {})).status, 303);
    assert.equal(await sessionOf(VALID.code, 7), undefined);

    // A workshop with a register taken: no button, why, and what to do instead; a forced post keeps it.
    const marked = await t.db
      .selectFrom('registration_participants as p')
      .innerJoin('registrations as r', 'r.id', 'p.registration_id')
      .innerJoin('workshops as s', 's.work_group_id', 'r.work_group_id')
      .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
      .select(['p.id as participant', 's.id as session', 's.workshop_number', 'wg.code'])
      .where('r.status', '=', 'confirmed')
      .where('wg.code', '=', CODE)
      .orderBy('s.workshop_number')
      .executeTakeFirstOrThrow();
    const path = `/admin/work-groups/${CODE}/sessions/${marked.workshop_number}/delete`;
    const before = await admin.get(path);
    assert.ok(before.$('form[action$="/delete"]').length, 'removable before any mark');
    await t.db.insertInto('attendance').values({ workshop_id: marked.session, participant_id: marked.participant, status: 'present' }).execute();
    const refused = await admin.get(path);
    assert.match(refused.$('h1').text(), /You cannot remove workshop/);
    assert.match(refused.$('[data-testid="cannot-remove"]').text(), /register has been taken \(1 mark\)/);
    assert.equal(refused.$('form[action$="/delete"]').length, 0, 'no remove button');
    assert.ok(refused.$(`a[href="/admin/work-groups/${CODE}/sessions/${marked.workshop_number}/edit"]`).length, 'change it instead');
    const forced = await admin.submit(before, {});
    assert.equal(forced.status, 409);
    assert.match(forced.$('.govuk-error-summary').text(), /cannot be removed because its register has been taken/);
    assert.ok(await sessionOf(CODE, marked.workshop_number), 'the workshop is kept');
    assert.equal((await t.db.selectFrom('attendance').select('status').where('workshop_id', '=', marked.session).execute()).length, 1, 'and its register');
  });
});

async function publicationOf(code: string) {
  return t.db.selectFrom('work_groups').select(['publication', 'archived_from']).where('code', '=', code).executeTakeFirstOrThrow();
}

async function sessionOf(code: string, number: number) {
  return t.db
    .selectFrom('workshops as s')
    .innerJoin('work_groups as wg', 'wg.id', 's.work_group_id')
    .select('s.id')
    .where('wg.code', '=', code)
    .where('s.workshop_number', '=', number)
    .executeTakeFirst();
}

const csrfOf = (page: Page) => page.$('input[name="_csrf"]').first().attr('value') ?? '';

/** Every field of the page's form as it stands, the way a browser would submit it. */
function formFields(page: Page): Record<string, string> {
  const fields: Record<string, string> = {};
  page.$('main form [name]').each((_, el) => {
    const node = page.$(el);
    const name = node.attr('name')!;
    if (node.is('textarea')) fields[name] = node.text();
    else if (node.is('select')) fields[name] = node.find('option[selected]').attr('value') ?? '';
    else if (node.is('[type="radio"], [type="checkbox"]')) {
      if (node.is('[checked]')) fields[name] = node.attr('value') ?? '';
    } else fields[name] = node.attr('value') ?? '';
  });
  return fields;
}
