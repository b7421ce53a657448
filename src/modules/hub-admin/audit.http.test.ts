// The hub's audit log in plain English: actions as sentences, never
// keys like eligibility.overridden; each changed field with its old and new value ("from X to
// Y"), recorded by the writers that change fields (people, workshops, projects); and an empty
// log that says so, with no "The newest 0 are shown".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Agent, Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { describeAuditEntry } from '../../core/audit/describe.ts';
import { accountWithRole, type BuiltHub, type BuiltProject, type BuiltWorkGroup, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
let t: TestApp;
/** This test's own hub, with a person, a group whose first workshop is on 22 January 2027 (9am to midday), and a project. */
let hub: BuiltHub;
let group: BuiltWorkGroup;
let project: BuiltProject;
let person: { id: number; name: string };
let lead: Agent;
before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  hub = await make.hub();
  person = await make.person(hub, { roleTitle: 'Secondary Mastery Specialist' });
  group = await make.workGroup(hub, { workshops: [{ startsAt: new Date('2027-01-22T09:00:00Z'), endsAt: new Date('2027-01-22T12:00:00Z') }] });
  project = await make.project();
  lead = await signInAs(t.app, await make.user('hub_lead', { hub }));
});
after(async () => {
  await t.close();
});

const signedIn = async (role: Role) => signInAs(t.app, await accountWithRole(factories(t.db), role));

/** Every field of the page's main form as it stands (text, text areas, checked boxes, selects). */
function formValues(page: Page): Record<string, string> {
  const values: Record<string, string> = {};
  const form = page.$('main form[method="post"]').first();
  form.find('input').each((_, el) => {
    const input = page.$(el);
    const name = input.attr('name');
    const type = input.attr('type') ?? 'text';
    if (!name || type === 'hidden') return;
    if ((type === 'radio' || type === 'checkbox') && input.attr('checked') === undefined) return;
    values[name] = input.attr('value') ?? '';
  });
  form.find('textarea').each((_, el) => {
    const name = page.$(el).attr('name');
    if (name) values[name] = page.$(el).text();
  });
  form.find('select').each((_, el) => {
    const name = page.$(el).attr('name');
    if (name) values[name] = page.$(el).find('option[selected]').attr('value') ?? '';
  });
  return values;
}

const rowsOf = (page: Page) => page.$('[data-testid="audit"] tbody tr').map((_, row) => page.$(row).text().replace(/\s+/g, ' ').trim()).get();

test('changes to a person, a workshop and a school’s eligibility read in plain English, each changed field from its old value to its new one', async () => {
  const personForm = await lead.get(`/admin/people/${person.id}/edit`);
  const personSaved = await lead.submit(personForm, { ...formValues(personForm), role_title: 'Secondary Mastery Specialist and LLME' });
  assert.equal(personSaved.status, 303, personSaved.$('.govuk-error-summary').text());

  const sessionForm = await lead.get(`/admin/work-groups/${group.code}/sessions/1/edit`);
  const before = formValues(sessionForm);
  const sessionSaved = await lead.submit(sessionForm, { ...before, starts: '14:00', ends: '16:00' });
  assert.equal(sessionSaved.status, 303, sessionSaved.$('.govuk-error-summary').text());

  const school = await factories(t.db).school(hub, { stateFunded: false });
  const allow = await lead.get(`/admin/work-groups/${group.code}/registrations`);
  const allowed = await lead.submit(allow, { urn: String(school.urn), reason: 'An independent school in our partnership' }, `/admin/work-groups/${group.code}/registrations/allow`);
  assert.equal(allowed.status, 303, allowed.$('.govuk-error-summary').text().replace(/\s+/g, ' '));

  const log = await lead.get(`/admin/hubs/${hub.slug}/audit`);
  const rows = rowsOf(log);
  const text = rows.join('\n');
  assert.doesNotMatch(text, /\b[a-z_]+\.[a-z_]+\b/, 'no raw action keys');
  assert.match(rows.find((r) => r.includes('Changed a person in the directory')) ?? '', /Role: from “Secondary Mastery Specialist” to “Secondary Mastery Specialist and LLME”/);
  assert.doesNotMatch(rows.find((r) => r.includes('Changed a person in the directory')) ?? '', /Biography/, 'only what changed');
  const workshop = log.$('[data-testid="audit"] tbody tr').filter((_, row) => log.$(row).text().includes('Changed a workshop')).find('li').map((_, li) => log.$(li).text()).get();
  assert.deepEqual(workshop, [
    'Workshop: 1',
    'Starts: from Friday 22 January 2027, 9am to Friday 22 January 2027, 2pm',
    'Ends: from Friday 22 January 2027, midday to Friday 22 January 2027, 4pm',
  ]);
  assert.match(rows.find((r) => r.includes('Let a school register despite the Work Group’s rules')) ?? '', new RegExp(`School: “${school.name} \\(URN ${school.urn}\\)”\\s*Reason: “An independent school in our partnership”`));
  assert.doesNotMatch(log.$('main').text(), /The newest \d+/, 'fewer than a page of entries: nothing is left out');
});

test('a change to a project is in the national audit log from its old value to its new one', async () => {
  const national = await signedIn('national_admin');
  const form = await national.get(`/admin/projects/${project.ncpCode}/edit`);
  const values = formValues(form);
  assert.equal((await national.submit(form, { ...values, commitment_days: '4.5' })).status, 303);
  const rows = rowsOf(await national.get('/admin/hubs/national/audit'));
  const row = rows.find((r) => r.includes('Changed a project')) ?? rows.join('\n');
  assert.match(row, new RegExp(project.ncpCode));
  assert.match(row, new RegExp(`Commitment \\(days\\): from ${Number(values.commitment_days)} to 4\\.5`));
  assert.doesNotMatch(row, /Title:/, 'only what changed');
});

test('an empty audit log says so, and never “The newest 0 are shown”', async () => {
  const national = await signedIn('national_admin');
  const quiet = await factories(t.db).hub();
  const page = await national.get(`/admin/hubs/${quiet.slug}/audit`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.$('main').text(), /newest 0/);
  assert.match(page.$('main').text(), /Nothing has been changed yet/);
});

test('every action is a sentence, and an unknown one is still said in words', () => {
  assert.deepEqual(describeAuditEntry('eligibility.overridden', { school: 'Ashbury Academy (URN 137000)', reason: 'Agreed by phone' }), {
    what: 'Let a school register despite the Work Group’s rules',
    details: ['School: “Ashbury Academy (URN 137000)”', 'Reason: “Agreed by phone”'],
  });
  assert.deepEqual(describeAuditEntry('work_group.updated', { mode: { from: 'online', to: 'face_to_face' }, theme: { from: null, to: 'Reasoning' } }).details, [
    'Theme: from nothing to “Reasoning”',
    'How it meets: from Online to Face to face',
  ]);
  assert.deepEqual(describeAuditEntry('registration.cancelled', { from: 'confirmed', to: 'cancelled', school: 'A (URN 1)', workGroup: 'WRK1', reason: 'Asked to' }).details, [
    'Status: from Confirmed to Cancelled by the hub',
    'School: “A (URN 1)”',
    'Reason: “Asked to”',
  ]);
  assert.equal(describeAuditEntry('registration.withdrawn', {}).what, 'Registration withdrawn');
});
