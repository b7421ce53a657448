// National projects (NCP): created and changed by the national administrator, seen by hub staff.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { accountWithRole, type BuiltProject, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

let t: TestApp;
let national: Agent;
/** Two projects of this test's own: the first must be joined with the second. */
let joined: BuiltProject;
let required: BuiltProject;

const signedIn = async (role: Role) => signInAs(t.app, await accountWithRole(factories(t.db), role));

before(async () => {
  t = await testApp();
  national = await signedIn('national_admin');
  [joined, required] = [await factories(t.db).project(), await factories(t.db).project()];
});
after(async () => {
  await t.close();
});

const VALID = {
  ncp_code: 'ncp27-13',
  title: 'Secondary Teaching for Mastery – Embedding Year Support',
  academic_year: '2027/28',
  phase: 'secondary',
  strand: 'teaching-for-mastery',
  commitment_days: '3',
  themes: '',
  description: '',
};

test('the national administrator creates a project that must be joined with another', async () => {
  const form = await national.get('/admin/projects/new');
  const saved = await national.submit(form, { ...VALID, requires: [required.ncpCode] });
  assert.equal(saved.location, '/admin/projects?done=saved');
  const list = await national.get('/admin/projects');
  const row = list.$('[data-testid="projects"] tr').filter((_, tr) => list.$(tr).text().includes('NCP27-13'));
  assert.match(row.text(), new RegExp(required.ncpCode));
  const audit = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', 'NCP27-13').execute();
  assert.deepEqual(audit.map((a) => a.action), ['project.created']);

  const duplicate = await national.submit(await national.get('/admin/projects/new'), VALID);
  assert.match(duplicate.$('#ncp_code-error').text(), /already exists/);
});

test('bad values are named by their fields and nothing is saved', async () => {
  const form = await national.get('/admin/projects/new');
  const page = await national.submit(form, { ...VALID, ncp_code: 'NCP-1', academic_year: '2026/28', commitment_days: 'three', phase: '', strand: 'knitting' });
  assert.equal(page.status, 400);
  assert.match(page.$('#ncp_code-error').text(), /must look like NCP26-17/);
  assert.match(page.$('#academic_year-error').text(), /two consecutive years/);
  assert.match(page.$('#commitment_days-error').text(), /number of days/);
  assert.match(page.$('#phase-error').text(), /Select the phase/);
  assert.match(page.$('#strand-error').text(), /Select the programme strand/);
  assert.equal(page.$('#title').attr('value'), VALID.title);

  const self = await national.submit(await national.get(`/admin/projects/${joined.ncpCode}/edit`), { ...VALID, ncp_code: joined.ncpCode, requires: [joined.ncpCode] });
  assert.match(self.$('.govuk-error-summary').text(), /cannot require itself/);
});

test('hub staff see the projects but cannot change them', async () => {
  const lead = await signedIn('hub_lead');
  const list = await lead.get('/admin/projects');
  assert.equal(list.status, 200);
  assert.equal(list.$('a[href="/admin/projects/new"]').length, 0);
  assert.equal((await lead.get('/admin/projects/new')).status, 403);
  const token = (await lead.get('/password-reset')).$('input[name="_csrf"]').attr('value')!;
  const refused = await lead.request('POST', `/admin/projects/${joined.ncpCode}/edit`, { _csrf: token, ...VALID, ncp_code: joined.ncpCode, title: 'Hijacked' });
  assert.equal(refused.status, 403);
  const project = await t.db.selectFrom('projects').select('title').where('ncp_code', '=', joined.ncpCode).executeTakeFirstOrThrow();
  assert.notEqual(project.title, 'Hijacked');
});
