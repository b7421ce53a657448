// The national administrator imports the GIAS CSV from the schools register page: a refused
// file first, then the sample. The upload page, its error state and the result pass axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { giasCsv, goodRow, SAMPLE_PATH, SAMPLE_ROWS, SMALL_HEADER } from '../fixtures/gias.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite();
const nationalAdmin = DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!;

const summaryValue = (page: Page, key: string) =>
  page.getByTestId('import-summary').locator('.govuk-summary-list__row', { hasText: key }).locator('dd').innerText();

test('the national administrator uploads the GIAS sample from Administration → Schools register', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, nationalAdmin);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  await page.getByRole('link', { name: 'Schools register' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schools register' }).waitFor();
  assert.match(await page.getByTestId('schools-register').innerText(), /State-funded/);
  await expectAccessible(page, 'the schools register page');

  // Import without choosing a file, then a file that is not the GIAS establishment CSV.
  await page.getByRole('button', { name: 'Import schools' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.locator('#file-error').innerText(), /Select a GIAS establishment CSV file/);
  await expectAccessible(page, 'no file chosen');

  const wrongColumns = giasCsv([goodRow(930001)], SMALL_HEADER.filter((c) => c !== 'Postcode'));
  await page.getByLabel('Upload a GIAS establishment CSV file').setInputFiles({ name: 'schools.csv', mimeType: 'text/csv', buffer: Buffer.from(wrongColumns) });
  await page.getByRole('button', { name: 'Import schools' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.locator('#file-error').innerText(), /it has no "Postcode" column/);
  // The error summary's link takes the keyboard to the file field.
  await page.locator('.govuk-error-summary a[href="#file"]').click();
  await expectAccessible(page, 'a file with a column missing');

  await page.getByLabel('Upload a GIAS establishment CSV file').setInputFiles(SAMPLE_PATH);
  await page.getByRole('button', { name: 'Import schools' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schools register imported' }).waitFor();
  assert.equal(await summaryValue(page, 'File'), 'gias-sample.csv');
  assert.equal(await summaryValue(page, 'Added'), String(SAMPLE_ROWS));
  assert.equal(await summaryValue(page, 'Rejected'), '0');
  await expectAccessible(page, 'the import result');

  // A file with rejected rows: the result lists them in a table.
  await page.getByRole('link', { name: 'Back to the schools register' }).click();
  const withRejections = giasCsv([goodRow(930002), goodRow(930003, { URN: 'abc' }), goodRow(930004, { Postcode: '' })]);
  await page.getByLabel('Upload a GIAS establishment CSV file').setInputFiles({ name: 'rejections.csv', mimeType: 'text/csv', buffer: Buffer.from(withRejections) });
  await page.getByRole('button', { name: 'Import schools' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schools register imported' }).waitFor();
  assert.equal(await summaryValue(page, 'Rejected'), '2');
  assert.match(await page.getByTestId('rejections').innerText(), /URN 'abc' is not a number[\s\S]*Postcode is missing/);
  await expectAccessible(page, 'an import result with rejected rows');

  const audited = await suite.site.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'schools.imported').orderBy('id').execute();
  assert.deepEqual(audited.map((a) => a.subject_id), ['gias-sample.csv', 'rejections.csv']);
  await context.close();
});
