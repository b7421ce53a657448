// The hub's people: invitations that give a role, the directory with bios, and choosing leaders.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { DEMO_ACCOUNTS } from '../../seed/accounts.ts';

let t: TestApp;
const signedIn = new Map<string, Agent>();

async function as(role: string): Promise<Agent> {
  const existing = signedIn.get(role);
  if (existing) return existing;
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const agent = new Agent(t.app);
  await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password });
  signedIn.set(role, agent);
  return agent;
}

before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('a hub lead invites a new hub administrator, who chooses a password and is signed in with the role', async () => {
  const lead = await as('hub_lead');
  const page = await lead.get('/admin/hubs/shaw/people');
  const sent = await lead.submit(page, { name: 'Grace Ndlovu', email: 'Grace.Ndlovu@example.org', role: 'hub_admin', work_group: '' }, '/admin/hubs/shaw/people/invite');
  assert.equal(sent.location, '/admin/hubs/shaw/people?done=invited');

  const mails = await t.mailsTo('grace.ndlovu@example.org');
  assert.equal(mails.length, 1);
  const mail = mails[0]!;
  assert.equal(mail.subject, 'You are invited to hubwork: Hub administrator at SHaW Maths Hub');
  const link = /http:\/\/hubwork\.test(\/invitation\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  assert.ok(link);

  const invited = new Agent(t.app);
  const form = await invited.get(link);
  assert.match(form.$('h1').text(), /Choose a password for your account/);
  const done = await invited.submit(form, { password: 'correct horse battery', confirm: 'correct horse battery' });
  assert.equal(done.location, '/account');
  assert.match((await invited.get('/account')).$('[data-testid="roles"]').text(), /Hub administrator, SHaW Maths Hub/);
  assert.equal((await invited.get(link)).status, 410, 'an invitation works once');

  const directory = await lead.get('/admin/hubs/shaw/people');
  assert.match(directory.$('[data-testid="accounts"]').text(), /Grace Ndlovu\s+grace\.ndlovu@example\.org\s+Hub administrator\s+Active/);
  const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('subject_id', '=', 'grace.ndlovu@example.org').executeTakeFirstOrThrow();
  assert.equal(audit.action, 'role.assigned');
});

test('an invitation with mistakes says what to fix by each field, and keeps what was typed', async () => {
  const lead = await as('hub_lead');
  const page = await lead.get('/admin/hubs/shaw/people');
  const bad = await lead.submit(page, { name: '', email: 'not-an-email', work_group: '' }, '/admin/hubs/shaw/people/invite');
  assert.equal(bad.status, 400);
  assert.match(bad.$('#name-error').text(), /Enter the person’s name/);
  assert.match(bad.$('#email-error').text(), /correct format/);
  assert.match(bad.$('#role-error').text(), /Select the person’s role/);
  assert.equal(bad.$('#email').attr('value'), 'not-an-email');

  const noGroup = await lead.submit(page, { name: 'Ola', email: 'ola@example.org', role: 'work_group_lead', work_group: '' }, '/admin/hubs/shaw/people/invite');
  assert.match(noGroup.$('#work_group-error').text(), /Select the Work Group/);
  const otherHubGroup = await lead.submit(page, { name: 'Ola', email: 'ola@example.org', role: 'work_group_lead', work_group: 'WRK2627-GN01' }, '/admin/hubs/shaw/people/invite');
  assert.match(otherHubGroup.$('#work_group-error').text(), /Select the Work Group/, 'only the hub’s own groups');
});

test('a hub administrator can see the directory but not give roles', async () => {
  const admin = await as('hub_admin');
  const page = await admin.get('/admin/hubs/shaw/people');
  assert.equal(page.status, 200);
  assert.equal(page.$('form[action="/admin/hubs/shaw/people/invite"]').length, 0);
  const token = page.$('input[name="_csrf"]').first().attr('value') ?? (await admin.get('/password-reset')).$('input[name="_csrf"]').attr('value')!;
  const refused = await admin.request('POST', '/admin/hubs/shaw/people/invite', { _csrf: token, name: 'X', email: 'x@example.org', role: 'hub_lead' });
  assert.equal(refused.status, 403);
  assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').executeTakeFirst(), undefined);
});

test('a person added to the directory with a bio can be chosen to lead a group, and the public page shows them', async () => {
  const admin = await as('hub_admin');
  const added = await admin.submit(await admin.get('/admin/hubs/shaw/people/new'), {
    name: 'Dr Imogen Hart',
    role_title: 'Secondary Mastery Specialist',
    email: '',
    bio: 'Imogen has taught maths in Shropshire for twelve years.',
  });
  assert.equal(added.location, '/admin/hubs/shaw/people?done=saved');
  const imogen = await t.db.selectFrom('people').select('id').where('name', '=', 'Dr Imogen Hart').executeTakeFirstOrThrow();
  const outsider = await t.db.selectFrom('people as p').innerJoin('hubs as h', 'h.id', 'p.hub_id').select('p.id').where('h.slug', '=', 'great-north').executeTakeFirstOrThrow();

  const leaders = await admin.get('/admin/work-groups/WRK2223-SHAW01/leaders');
  const current = leaders.$('input[name="leaders"][checked]').map((_, el) => leaders.$(el).attr('value')).get();
  assert.equal(current.length, 2, 'Sally Bamber and Steve Waterhouse');
  const saved = await admin.request('POST', '/admin/work-groups/WRK2223-SHAW01/leaders', {
    _csrf: leaders.$('input[name="_csrf"]').attr('value')!,
    leaders: [...current, String(imogen.id), String(outsider.id)],
  });
  assert.equal(saved.status, 303);
  const publicPage = await new Agent(t.app).get('/work-groups/WRK2223-SHAW01');
  const names = publicPage.$('[data-testid="leader"] h3').map((_, h) => publicPage.$(h).text().trim()).get();
  assert.ok(names.includes('Dr Imogen Hart'));
  assert.match(publicPage.$('main').text(), /taught maths in Shropshire for twelve years/);
  const stored = await t.db.selectFrom('work_group_leaders as l').innerJoin('work_groups as wg', 'wg.id', 'l.work_group_id').select('l.person_id').where('wg.code', '=', 'WRK2223-SHAW01').execute();
  assert.ok(!stored.some((r) => r.person_id === outsider.id), 'a person the page did not offer is not saved');
});
