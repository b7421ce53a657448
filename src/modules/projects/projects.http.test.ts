// National projects (NCP): created and changed by the national administrator, seen by hub staff.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { signInAsDemo } from '../../../test/sign-in.ts';

let t: TestApp;
let national: Agent;

const signedIn = (role: string) => signInAsDemo(t.app, role);

before(async () => {
  t = await testApp();
  national = await signedIn('national_admin');
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
  const saved = await national.submit(form, { ...VALID, requires: ['NCP21-14'] });
  assert.equal(saved.location, '/admin/projects?done=saved');
  const list = await national.get('/admin/projects');
  const row = list.$('[data-testid="projects"] tr').filter((_, tr) => list.$(tr).text().includes('NCP27-13'));
  assert.match(row.text(), /NCP21-14/);
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

  const self = await national.submit(await national.get('/admin/projects/NCP21-13/edit'), { ...VALID, ncp_code: 'NCP21-13', requires: ['NCP21-13'] });
  assert.match(self.$('.govuk-error-summary').text(), /cannot require itself/);
});

test('hub staff see the projects but cannot change them', async () => {
  const lead = await signedIn('hub_lead');
  const list = await lead.get('/admin/projects');
  assert.equal(list.status, 200);
  assert.equal(list.$('a[href="/admin/projects/new"]').length, 0);
  assert.equal((await lead.get('/admin/projects/new')).status, 403);
  const token = (await lead.get('/password-reset')).$('input[name="_csrf"]').attr('value')!;
  const refused = await lead.request('POST', '/admin/projects/NCP21-13/edit', { _csrf: token, ...VALID, ncp_code: 'NCP21-13', title: 'Hijacked' });
  assert.equal(refused.status, 403);
  const project = await t.db.selectFrom('projects').select('title').where('ncp_code', '=', 'NCP21-13').executeTakeFirstOrThrow();
  assert.notEqual(project.title, 'Hijacked');
});
