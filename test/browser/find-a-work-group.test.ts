// A teacher looks for a leadership Work Group for 2022-23, finds Secondary Maths Leadership,
// opens it and reads its four workshops. Once with JavaScript, once without.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, browserSuite, describeViolations } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });

async function findSecondaryMathsLeadership(page: Page) {
  await page.goto(`${suite.site.baseUrl}/`);
  await page.getByRole('link', { name: 'Browse all Work Groups' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find a Work Group' }).waitFor();

  // Filter: secondary, the leadership programme, academic year 2022/23.
  await page.getByLabel('Academic year').selectOption({ label: '2022/23' });
  await page.getByRole('group', { name: 'Phase' }).getByLabel('Secondary', { exact: true }).check();
  await page.getByRole('group', { name: 'Programme' }).getByLabel('Secondary Maths Leadership').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();

  // The filters are in the address, so the search can be shared or bookmarked.
  await page.waitForURL(/year=2022-23/);
  assert.match(page.url(), /phase=secondary/);
  assert.match(page.url(), /strand=subject-leadership/);
  assert.match(await page.getByTestId('results-count').innerText(), /match your filters/);

  await page.getByRole('link', { name: 'Secondary Maths Leadership 2022-23', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Secondary Maths Leadership 2022-23' }).waitFor();
}

async function readTheWorkshops(page: Page) {
  const schedule = page.getByTestId('schedule');
  const rows = await schedule.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.match(rows[0]!, /Workshop 1 – Launch\s+Monday 7 November 2022\s+1pm to 3:30pm\s+Face to face\s+AFC Telford/);
  assert.match(rows[1]!, /Workshop 2\s+Friday 27 January 2023\s+1pm to 4pm\s+Online/);
  assert.match(rows[2]!, /Workshop 3\s+Tuesday 28 March 2023\s+1pm to 4pm\s+Online/);
  assert.match(rows[3]!, /Workshop 4\s+Thursday 15 June 2023\s+10am to 3pm\s+Online/);
  assert.match(await page.getByTestId('status').innerText(), /Work group full/);
  assert.equal(await page.getByTestId('leader').count(), 2);
}

test('a teacher filters the catalogue, finds Secondary Maths Leadership 2022-23 and reads its four workshops', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await findSecondaryMathsLeadership(page);
  await readTheWorkshops(page);
  const violations = await accessibilityViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  await context.close();
});

test('the same journey works with JavaScript switched off', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await findSecondaryMathsLeadership(page);
  await readTheWorkshops(page);
  await context.close();
});
