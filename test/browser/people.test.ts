// A hub lead keeps the hub's people: adds a specialist with a biography, makes them a leader
// of a Work Group, and invites a colleague. Every page passes axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite();
const lead = DEMO_ACCOUNTS.find((a) => a.role === 'hub_lead')!;

test('a hub lead adds a specialist, makes them a leader, and invites a colleague', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, lead);
  await page.goto(`${suite.site.baseUrl}/admin/hubs/shaw`);
  await page.getByRole('link', { name: 'People: the directory, roles and invitations' }).click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await expectAccessible(page, 'people');

  await page.getByRole('button', { name: 'Add a person' }).click();
  await expectAccessible(page, 'add a person');
  await page.getByLabel('Full name').fill('Tomasz Wiśniewski');
  await page.getByLabel('Role (optional)').fill('Secondary Mastery Specialist');
  await page.getByLabel('Biography (optional)').fill('Tomasz leads maths at a Telford academy and is a Mastery Specialist.');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').first().waitFor();

  await page.goto(`${suite.site.baseUrl}/admin/work-groups/WRK2223-SHAW01`);
  await page.getByRole('link', { name: 'Choose its leaders' }).click();
  await expectAccessible(page, 'leaders');
  await page.getByLabel('Tomasz Wiśniewski').check();
  await page.getByRole('button', { name: 'Save leaders' }).click();
  await page.getByText('Leaders saved').waitFor();

  await page.goto(`${suite.site.baseUrl}/admin/hubs/shaw/people`);
  await page.getByLabel('Full name').fill('Jo Baptiste');
  await page.getByLabel('Email address').fill('jo.baptiste@example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'invitation with errors');
  await page.getByLabel('Email address').fill('jo.baptiste@example.org');
  await page.getByLabel('Assistant hub lead').check();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText('Invitation sent').waitFor();
  assert.match(await page.getByTestId('accounts').innerText(), /Jo Baptiste\s+jo\.baptiste@example\.org\s+Assistant hub lead\s+Invited/);
  const invitations = await suite.site.mailsTo('jo.baptiste@example.org');
  assert.deepEqual(invitations.map((m) => m.subject), ['You are invited to hubwork: Assistant hub lead at SHaW Maths Hub']);

  const visitor = await (await suite.browser.newContext()).newPage();
  await visitor.goto(`${suite.site.baseUrl}/work-groups/WRK2223-SHAW01`);
  assert.match(await visitor.locator('#leaders ~ [data-testid="leader"]').allInnerTexts().then((t) => t.join('\n')), /Tomasz Wiśniewski/);
  await context.close();
});
