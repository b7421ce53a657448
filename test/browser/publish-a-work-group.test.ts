// A hub administrator signs in, creates a Work Group, adds four workshops (one with its date
// to be confirmed), publishes it, and a member of the public finds it in the catalogue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const admin = DEMO_ACCOUNTS.find((a) => a.role === 'hub_admin')!;

async function addWorkshop(page: Page, w: { title?: string; date?: [string, string, string]; starts?: string; ends?: string; mode: string; venue?: string }) {
  await page.getByRole('button', { name: 'Add a workshop' }).click();
  if (w.title === 'Launch') await expectAccessible(page, 'workshop form');
  if (w.title) await page.getByLabel('Title (optional)').fill(w.title);
  if (w.date) {
    await page.getByLabel('Day').fill(w.date[0]);
    await page.getByLabel('Month').fill(w.date[1]);
    await page.getByLabel('Year').fill(w.date[2]);
    await page.getByLabel('Start time').fill(w.starts!);
    await page.getByLabel('End time').fill(w.ends!);
  } else {
    await page.getByLabel('The date is to be confirmed').check();
  }
  await page.getByRole('group', { name: 'How it meets' }).getByLabel(w.mode, { exact: true }).check();
  if (w.venue) await page.getByLabel('Venue (for face-to-face workshops)').fill(w.venue);
  await page.getByRole('button', { name: 'Save workshop' }).click();
  await page.getByText('Workshop saved').waitFor();
}

test('a hub administrator publishes a Work Group with four workshops and the public sees it', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();

  // Sign in and open the hub's programme.
  await signInWithPassword(page, suite.site.baseUrl, admin);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'SHaW Maths Hub' }).click();
  await page.getByRole('button', { name: 'Create a Work Group' }).click();
  await expectAccessible(page, 'create form');

  // A first try with a mistake: the error is shown by the field and nothing typed is lost.
  await page.getByLabel('Code').fill('WRK2627-SHAW99');
  await page.getByLabel('Project').selectOption({ label: 'NCP26-17 Secondary Subject Leadership Community (2026/27)' });
  await page.getByLabel('Title', { exact: true }).fill('Leading Maths Departments 2026-27 – Telford');
  await page.getByLabel('Summary').fill('Heads of maths departments in Telford work together on curriculum coherence.');
  await page.getByRole('group', { name: 'How it meets' }).getByLabel('Blended face to face and online').check();
  await page.getByLabel('Places, in schools').fill('12');
  await page.getByLabel('Participants per school').fill('1');
  await page.getByRole('group', { name: 'Registration closes (optional)' }).getByLabel('Day').fill('30');
  await page.getByRole('group', { name: 'Registration closes (optional)' }).getByLabel('Month').fill('2');
  await page.getByRole('group', { name: 'Registration closes (optional)' }).getByLabel('Year').fill('2027');
  await page.getByLabel('Who is it for?').fill('Secondary heads of department and subject leaders.');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.locator('#closes-error').innerText(), /must be a real date/);
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Leading Maths Departments 2026-27 – Telford');
  await expectAccessible(page, 'create form with an error');

  await page.getByRole('group', { name: 'Registration closes (optional)' }).getByLabel('Day').fill('28');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByText('Work Group created as a draft').waitFor();
  await expectAccessible(page, 'group page');

  // Four workshops, the last with its date to be confirmed.
  await addWorkshop(page, { title: 'Launch', date: ['14', '1', '2027'], starts: '13:00', ends: '15:30', mode: 'Face to face', venue: 'AFC Telford' });
  await addWorkshop(page, { date: ['10', '3', '2027'], starts: '1300', ends: '1600', mode: 'Online' });
  await addWorkshop(page, { date: ['12', '5', '2027'], starts: '13:00', ends: '16:00', mode: 'Online' });
  await addWorkshop(page, { mode: 'To be confirmed' });
  assert.equal(await page.getByTestId('admin-sessions').locator('tbody tr').count(), 4);

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published: the Work Group is in the public catalogue').waitFor();
  await page.getByRole('link', { name: 'Preview its page' }).click();
  await page.getByTestId('schedule').waitFor();
  await expectAccessible(page, 'preview');

  // A member of the public finds it.
  const visitor = await (await suite.browser.newContext()).newPage();
  await visitor.goto(`${suite.site.baseUrl}/work-groups`);
  await visitor.getByLabel('Search').fill('Leading Maths Departments');
  await visitor.getByLabel('Only show Work Groups with places available').check();
  await visitor.getByRole('button', { name: 'Apply filters' }).click();
  await visitor.getByRole('link', { name: 'Leading Maths Departments 2026-27 – Telford' }).click();
  const rows = await visitor.getByTestId('schedule').locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.match(rows[0]!, /Workshop 1 – Launch\s+Thursday 14 January 2027\s+1pm to 3:30pm\s+Face to face\s+AFC Telford/);
  assert.match(rows[3]!, /Workshop 4\s+Date to be confirmed/);
  assert.match(await visitor.getByTestId('status').innerText(), /Places are available: 12 of 12 left/);
  await context.close();
});
