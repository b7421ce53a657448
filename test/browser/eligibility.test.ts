// A hub administrator adds eligibility rules to a Work Group through the pages (with one
// mistake on the way), and a member of the public reads them on the group's page.
// axe-core checks every eligibility page, with and without errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { RULE_FORMS } from '../../src/modules/eligibility/form.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const admin = DEMO_ACCOUNTS.find((a) => a.role === 'hub_admin')!;
const CODE = 'WRK2223-SHAW01';

test('a hub administrator adds eligibility rules and the public page shows them in plain English', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();

  await signInWithPassword(page, suite.site.baseUrl, admin);
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}`);
  await page.getByRole('link', { name: 'Who can take part (eligibility rules)' }).click();
  await page.getByRole('heading', { name: 'Who can take part' }).waitFor();
  await expectAccessible(page, 'the list of rules');

  // The kind of rule: nothing chosen first.
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByRole('heading', { name: 'What kind of rule do you want to add?' }).waitFor();
  await expectAccessible(page, 'choose the kind of rule');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'choose the kind of rule, with an error');
  await page.getByLabel('Early-career teachers').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Its details: a range that ends before it starts, then put right.
  await page.getByRole('heading', { name: 'Early-career teachers' }).waitFor();
  await expectAccessible(page, 'early-career form');
  await page.getByLabel('From year').fill('3');
  await page.getByLabel('To year').fill('1');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.locator('#to_year-error').innerText(), /same as or after the first year/);
  assert.match(await page.locator('#kind-error').innerText(), /requirement or a recommendation/);
  assert.equal(await page.getByLabel('From year').inputValue(), '3', 'nothing typed is lost');
  await expectAccessible(page, 'early-career form, with errors');
  await page.getByLabel('From year').fill('1');
  await page.getByLabel('To year').fill('3');
  await page.getByRole('group', { name: 'Is this a requirement or a recommendation?' }).getByLabel('Requirement').check();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByText('Rule added').waitFor();

  // A recommendation: ideally one of the pair is a Mastery Specialist or Mastery Advocate.
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByLabel('Job role').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectAccessible(page, 'job role form');
  await page.getByLabel('Mastery Specialist').check();
  await page.getByLabel('Mastery Advocate').check();
  await page.getByLabel('At least one participant from each school').check();
  await page.getByRole('group', { name: 'Is this a requirement or a recommendation?' }).getByLabel('Recommendation').check();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByText('Rule added').waitFor();

  // Prior participation in any Work Group of a programme, in a given year.
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByLabel('Took part in or completed any Work Group of a programme in an earlier year').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Programme', { exact: true }).selectOption({ label: 'Teaching for Mastery' });
  await page.getByLabel('Phase', { exact: true }).selectOption({ label: 'Secondary' });
  await page.getByLabel('Academic year').selectOption('2021/22');
  await page.getByLabel('Took part', { exact: true }).check();
  await page.getByRole('group', { name: 'Is this a requirement or a recommendation?' }).getByLabel('Requirement').check();
  await expectAccessible(page, 'prior participation form, filled in');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByText('Rule added').waitFor();
  await expectAccessible(page, 'the list of rules, with a success banner');

  const rows = await page.getByTestId('eligibility-rules').locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.match(rows[3]!, /Your school must have taken part in a Secondary Teaching for Mastery Work Group in 2021\/22/);

  // Remove the seeded rule.
  await page.getByRole('button', { name: 'Remove the rule: This group is for heads of department and subject leaders only' }).click();
  await page.getByText('Rule removed').waitFor();
  assert.equal(await page.getByTestId('eligibility-rules').locator('tbody tr').count(), 3);

  // A member of the public reads them.
  const visitor = await (await suite.browser.newContext()).newPage();
  await visitor.goto(`${suite.site.baseUrl}/work-groups/${CODE}`);
  assert.deepEqual(await visitor.getByTestId('requirements').locator('li').allInnerTexts(), [
    'Participants must be in their first to third year of teaching',
    'Your school must have taken part in a Secondary Teaching for Mastery Work Group in 2021/22',
  ]);
  assert.deepEqual(await visitor.getByTestId('recommendations').locator('li').allInnerTexts(), [
    'At least one participant from each school should ideally be a Mastery Specialist or Mastery Advocate',
  ]);
  await expectAccessible(visitor, 'the public page with its rules');
  await context.close();
});

test('every "add a rule" form passes axe-core, empty and with its errors', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, admin);
  await page.getByRole('link', { name: 'Administration' }).waitFor();
  for (const slug of Object.keys(RULE_FORMS)) {
    await page.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}/eligibility/new/${slug}`);
    await expectAccessible(page, `${slug} form`);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, `${slug} form with errors`);
  }
  await context.close();
});
