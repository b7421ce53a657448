// The national administrator creates a project; its pages pass axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite();
const national = DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!;

test('the national administrator creates a project linked to another', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, national);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: /^Projects/ }).click();
  await expectAccessible(page, 'projects');
  await page.getByRole('button', { name: 'Create a project' }).click();
  await page.getByLabel('NCP code').fill('NCP27-14');
  await page.getByRole('button', { name: 'Save project' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'project form with errors');
  await page.getByLabel('Title').fill('Secondary Teaching for Mastery – Embedding and Sustaining Work Group');
  await page.getByLabel('Academic year').fill('2027/28');
  await page.getByRole('group', { name: 'Phase' }).getByLabel('Secondary', { exact: true }).check();
  await page.getByRole('group', { name: 'Programme strand' }).getByLabel('Teaching for Mastery').check();
  await page.getByLabel('Commitment, in days').fill('3');
  await page.getByLabel(/NCP21-13 Secondary Teaching for Mastery/).check();
  await page.getByRole('button', { name: 'Save project' }).click();
  await page.getByText('Project saved').waitFor();
  assert.match(await page.getByTestId('projects').innerText(), /NCP27-14 Secondary Teaching for Mastery – Embedding and Sustaining Work Group\s+2027\/28/);
  await context.close();
});
