// A hub lead archives a published Work Group (after a page saying what that does), finds its
// public page gone, and restores it; a workshop whose register has been taken cannot be removed,
// and the page says why and what to do instead. axe-core checks every new page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const lead = DEMO_ACCOUNTS.find((a) => a.role === 'hub_lead')!;
const CODE = 'WRK2627-SHAW01';

test('a hub lead archives a published group after confirming, and restores it as it was', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, lead);
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}`);
  const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();

  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('heading', { level: 1, name: `Are you sure you want to archive ${title}?` }).waitFor();
  assert.match(await page.getByTestId('archive-consequences').innerText(), /no school can register/);
  assert.match(await page.locator('main').innerText(), /it goes back to being published/);
  await expectAccessible(page, 'the archive confirmation page');

  // "No" changes nothing.
  await page.getByRole('link', { name: 'No, keep it as it is' }).click();
  assert.match(await page.getByTestId('group-facts').innerText(), /Published/);

  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('button', { name: 'Yes, archive the Work Group' }).click();
  await page.getByText('Archived: the Work Group is no longer public').waitFor();
  assert.match(await page.getByTestId('group-facts').innerText(), /Archived/);
  assert.match(await page.locator('main').innerText(), /Restoring it makes it published again/);
  await expectAccessible(page, 'an archived group’s page');

  const visitor = await (await suite.browser.newContext()).newPage();
  assert.equal((await visitor.goto(`${suite.site.baseUrl}/work-groups/${CODE}`))?.status(), 404);

  await page.getByRole('button', { name: 'Restore the Work Group' }).click();
  await page.getByText('Restored: the Work Group is published again').waitFor();
  assert.match(await page.getByTestId('group-facts').innerText(), /Published/);
  assert.equal((await visitor.goto(`${suite.site.baseUrl}/work-groups/${CODE}`))?.status(), 200);

  await page.goto(`${suite.site.baseUrl}/admin/hubs/shaw/audit`);
  const log = await page.getByTestId('audit').locator('tbody tr').allInnerTexts();
  assert.match(log[0] ?? '', /Restored the Work Group/);
  assert.match(log[1] ?? '', /Archived the Work Group/);
  await context.close();
});

test('a workshop whose register has marks cannot be removed; one without is removed after confirming', async () => {
  const db = suite.site.db;
  const marked = await db
    .selectFrom('registration_participants as p')
    .innerJoin('registrations as r', 'r.id', 'p.registration_id')
    .innerJoin('workshops as s', 's.work_group_id', 'r.work_group_id')
    .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
    .select(['p.id as participant', 's.id as session', 's.workshop_number'])
    .where('r.status', '=', 'confirmed')
    .where('wg.code', '=', CODE)
    .orderBy('s.workshop_number')
    .executeTakeFirstOrThrow();
  await db.insertInto('attendance').values({ workshop_id: marked.session, participant_id: marked.participant, status: 'absent', absence_reason: 'Ill' }).execute();

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, lead);
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}`);
  await page.getByRole('link', { name: `Remove workshop ${marked.workshop_number}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `You cannot remove workshop ${marked.workshop_number}` }).waitFor();
  assert.match(await page.getByTestId('cannot-remove').innerText(), /register has been taken \(1 mark\)/);
  assert.equal(await page.getByRole('button', { name: /remove/i }).count(), 0, 'no remove button');
  await expectAccessible(page, 'a workshop that cannot be removed');
  await page.getByRole('link', { name: `Change workshop ${marked.workshop_number}` }).click();
  await page.getByRole('button', { name: 'Save workshop' }).waitFor();

  // A workshop with no marks: the question, then it goes.
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}`);
  const rowsBefore = await page.getByTestId('admin-sessions').locator('tbody tr').count();
  await page.getByRole('link', { name: `Remove workshop ${rowsBefore}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Are you sure you want to remove workshop ${rowsBefore}?` }).waitFor();
  await expectAccessible(page, 'the remove-workshop confirmation page');
  await page.getByRole('button', { name: `Yes, remove workshop ${rowsBefore}` }).click();
  await page.getByText('Workshop removed').waitFor();
  assert.equal(await page.getByTestId('admin-sessions').locator('tbody tr').count(), rowsBefore - 1);
  await context.close();
});
