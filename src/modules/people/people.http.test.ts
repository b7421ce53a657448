// The hub's people: invitations that give a role, the directory with bios, and choosing leaders.
// Each test's hub, group, people and accounts are its own (test/factories.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type BuiltHub, type BuiltWorkGroup, factories, signInAs } from '../../../test/factories.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';

let t: TestApp;
let hub: BuiltHub;
let otherHub: BuiltHub;
let group: BuiltWorkGroup;
let otherHubGroup: BuiltWorkGroup;
let lead: Agent;
let admin: Agent;
let people: string;

before(async () => {
  t = await testApp();
  const make = factories(t.db);
  [hub, otherHub] = [await make.hub({ name: 'Peak Maths Hub' }), await make.hub()];
  group = await make.workGroup(hub);
  otherHubGroup = await make.workGroup(otherHub);
  await make.leaders(group, [await make.person(hub, { name: 'Sally Bamber' }), await make.person(hub, { name: 'Steve Waterhouse' })]);
  lead = await signInAs(t.app, await make.user('hub_lead', { hub }));
  admin = await signInAs(t.app, await make.user('hub_admin', { hub }));
  people = `/admin/hubs/${hub.slug}/people`;
});
after(async () => {
  await t.close();
});

test('a hub lead invites a new hub administrator, who chooses a password and is signed in with the role', async () => {
  const page = await lead.get(people);
  const sent = await lead.submit(page, { name: 'Grace Ndlovu', email: 'Grace.Ndlovu@example.org', role: 'hub_admin', work_group: '' }, `${people}/invite`);
  assert.equal(sent.location, `${people}?done=invited`);

  const mails = await t.mailsTo('grace.ndlovu@example.org');
  assert.equal(mails.length, 1);
  const mail = mails[0]!;
  assert.equal(mail.subject, 'You are invited to hubwork: Hub administrator at Peak Maths Hub');
  const link = /http:\/\/hubwork\.test(\/invitation\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  assert.ok(link);

  const invited = new Agent(t.app);
  const form = await invited.get(link);
  assert.match(form.$('h1').text(), /Choose a password for your account/);
  const done = await invited.submit(form, { password: 'correct horse battery', confirm: 'correct horse battery' });
  assert.equal(done.location, '/account');
  assert.match((await invited.get('/account')).$('[data-testid="roles"]').text(), /Hub administrator, Peak Maths Hub/);
  assert.equal((await invited.get(link)).status, 410, 'an invitation works once');

  const directory = await lead.get(people);
  assert.match(directory.$('[data-testid="accounts"]').text(), /Grace Ndlovu\s+grace\.ndlovu@example\.org\s+Hub administrator\s+Active/);
  const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('subject_id', '=', 'grace.ndlovu@example.org').executeTakeFirstOrThrow();
  assert.equal(audit.action, 'role.assigned');
});

test('an invitation with mistakes says what to fix by each field, and keeps what was typed', async () => {
  const page = await lead.get(people);
  const bad = await lead.submit(page, { name: '', email: 'not-an-email', work_group: '' }, `${people}/invite`);
  assert.equal(bad.status, 400);
  assert.match(bad.$('#name-error').text(), /Enter the person’s name/);
  assert.match(bad.$('#email-error').text(), /correct format/);
  assert.match(bad.$('#role-error').text(), /Select the person’s role/);
  assert.equal(bad.$('#email').attr('value'), 'not-an-email');

  const noGroup = await lead.submit(page, { name: 'Ola', email: 'ola@example.org', role: 'work_group_lead', work_group: '' }, `${people}/invite`);
  assert.match(noGroup.$('#work_group-error').text(), /Select the Work Group/);
  const elsewhere = await lead.submit(page, { name: 'Ola', email: 'ola@example.org', role: 'work_group_lead', work_group: otherHubGroup.code }, `${people}/invite`);
  assert.match(elsewhere.$('#work_group-error').text(), /Select the Work Group/, 'only the hub’s own groups');
  const own = await lead.submit(page, { name: 'Ola', email: 'ola@example.org', role: 'work_group_lead', work_group: group.code }, `${people}/invite`);
  assert.equal(own.location, `${people}?done=invited`, 'the hub’s own group is accepted');
});

test('a hub administrator can see the directory but not give roles', async () => {
  const page = await admin.get(people);
  assert.equal(page.status, 200);
  assert.equal(page.$(`form[action="${people}/invite"]`).length, 0);
  const token = page.$('input[name="_csrf"]').first().attr('value') ?? (await admin.get('/password-reset')).$('input[name="_csrf"]').attr('value')!;
  const refused = await admin.request('POST', `${people}/invite`, { _csrf: token, name: 'X', email: 'x@example.org', role: 'hub_lead' });
  assert.equal(refused.status, 403);
  assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').executeTakeFirst(), undefined);
});

test('a person added to the directory with a bio can be chosen to lead a group, and the public page shows them', async () => {
  const added = await admin.submit(await admin.get(`${people}/new`), {
    name: 'Dr Imogen Hart',
    role_title: 'Secondary Mastery Specialist',
    email: '',
    bio: 'Imogen has taught maths in Shropshire for twelve years.',
  });
  assert.equal(added.location, `${people}?done=saved`);
  const imogen = await t.db.selectFrom('people').select('id').where('name', '=', 'Dr Imogen Hart').executeTakeFirstOrThrow();
  const outsider = await factories(t.db).person(otherHub, { name: 'Someone Elsewhere' });

  const leaders = await admin.get(`/admin/work-groups/${group.code}/leaders`);
  const current = leaders.$('input[name="leaders"][checked]').map((_, el) => leaders.$(el).attr('value')).get();
  assert.equal(current.length, 2, 'Sally Bamber and Steve Waterhouse');
  assert.equal(leaders.$(`input[name="leaders"][value="${outsider.id}"]`).length, 0, 'another hub’s people are not offered');
  const saved = await admin.request('POST', `/admin/work-groups/${group.code}/leaders`, {
    _csrf: leaders.$('input[name="_csrf"]').attr('value')!,
    leaders: [...current, String(imogen.id), String(outsider.id)],
  });
  assert.equal(saved.status, 303);
  const publicPage = await new Agent(t.app).get(`/work-groups/${group.code}`);
  const names = publicPage.$('[data-testid="leader"] h3').map((_, h) => publicPage.$(h).text().trim()).get();
  assert.deepEqual(names, ['Sally Bamber', 'Steve Waterhouse', 'Dr Imogen Hart']);
  assert.match(publicPage.$('main').text(), /taught maths in Shropshire for twelve years/);
  const stored = await t.db.selectFrom('work_group_leaders').select('person_id').where('work_group_id', '=', group.id).execute();
  assert.ok(!stored.some((r) => r.person_id === outsider.id), 'a person the page did not offer is not saved');
});
