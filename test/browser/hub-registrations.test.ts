// The national administrator runs a group's registrations in the browser: opens the list from
// the group's administration page, cancels a school's registration (first without a reason),
// and lets a school the rules would refuse register. axe-core checks each page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent } from '../agent.ts';
import { registerThroughPages } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const CODE = 'WRK2627-GN01';

test('hub staff cancel a registration with a reason and let a refused school register', async () => {
  const [school, independent] = await Promise.all([
    suite.site.db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').executeTakeFirstOrThrow(),
    suite.site.db.selectFrom('schools').select(['urn', 'name']).where('state_funded', '=', false).orderBy('urn').executeTakeFirstOrThrow(),
  ]);
  // A school registers through the pages (without a browser; its own journey is in registration.test.ts).
  await registerThroughPages(
    new Agent(suite.site.app),
    CODE,
    school.urn,
    { name: 'Noor Ali', email: 'noor.ali@school.test', role: 'head_of_department' },
    { name: 'Mr Bell', email: 'bell@heads.test' },
  );
  const base = `/work-groups/${CODE}/register`;

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}`);
  await page.getByRole('link', { name: 'Registrations and waiting list' }).click();
  await page.getByRole('heading', { name: 'Registrations and waiting list' }).waitFor();
  assert.match(await page.getByTestId('places').innerText(), /Held: awaiting headteacher/);
  await expectAccessible(page, 'the registrations list');

  // Cancel: the reason is required, and kept.
  await page.getByRole('link', { name: school.name }).click();
  await page.getByRole('heading', { name: school.name }).waitFor();
  await expectAccessible(page, 'one registration');
  await page.getByRole('button', { name: 'Cancel the registration' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'one registration, with an error');
  await page.getByLabel('Cancel this registration').fill('The school asked us to, by phone');
  await page.getByRole('button', { name: 'Cancel the registration' }).click();
  await page.getByRole('heading', { name: 'Registrations and waiting list' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Cancelled by the hub/);
  const mails = await suite.site.mailsTo('noor.ali@school.test');
  assert.ok(mails.some((m) => /Registration cancelled/.test(m.subject ?? '') && /by phone/.test(m.text ?? '')));

  // Let an independent school register despite a state-funded rule, with a reason.
  const group = await suite.site.db.selectFrom('work_groups').select('id').where('code', '=', CODE).executeTakeFirstOrThrow();
  await suite.site.db.insertInto('eligibility_rules').values({ work_group_id: group.id, position: 99, rule_type: 'state_funded', kind: 'requirement', params: '{}' }).execute();
  await page.getByLabel('School URN').fill(String(independent.urn));
  await page.getByLabel('Reason').fill('Its trust funds maths CPD for every school');
  await page.getByRole('button', { name: 'Let the school register' }).click();
  await page.getByText('The school can now register').waitFor();
  await expectAccessible(page, 'the list after letting a school register');

  const school2 = await context.newPage();
  await school2.goto(`${suite.site.baseUrl}${base}/school?q=${independent.urn}`);
  await school2.getByLabel(independent.name).check();
  await school2.getByRole('button', { name: 'Continue' }).click();
  await school2.getByRole('heading', { name: 'Your school can take part' }).waitFor();
  assert.match(await school2.locator('main').innerText(), /The Maths Hub has agreed that your school can take part: Its trust funds maths CPD/);
  await context.close();
});
