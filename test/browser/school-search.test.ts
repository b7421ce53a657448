// The school search with JavaScript on (assets/school-search.js, GOV.UK's accessible
// autocomplete): the enhanced input keeps the field's hint and error (aria-describedby, the
// error border); Tab on a highlighted suggestion moves focus and sends nothing; and a school's
// name or the ?q= it starts with is shown as text, never run as HTML — checked with the Content
// Security Policy switched off, as it would be in a browser or proxy that drops the header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, expectAccessible } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const SEARCH = '/work-groups/WRK2627-GN01/register/school';
const HOSTILE = '<img src=x onerror=window.__xss=1>';
const HOSTILE_URN = 990_001;

/** The school whose name is markup, in this file's database (once; the suite's site starts first). */
let inserted: Promise<unknown> | undefined;
const hostileSchool = () =>
  (inserted ??= suite.site.db
    .insertInto('schools')
    .values({ urn: HOSTILE_URN, name: HOSTILE, phase: 'Secondary', type: 'Academy converter', state_funded: true, local_authority: 'Telford and Wrekin', postcode: 'TF1 1AA', trust: null, hub_id: null })
    .execute());

/** The enhanced input, once school-search.js has replaced the plain one. */
async function enhanced(page: Page) {
  const input = page.getByRole('combobox', { name: 'School name, URN or postcode' });
  await input.waitFor();
  return input;
}

const describedBy = async (page: Page) => ((await (await enhanced(page)).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);

test('with JavaScript, the enhanced search keeps its hint and its error, before and after typing', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}${SEARCH}`);
  await enhanced(page);
  assert.deepEqual(await describedBy(page), ['q-hint', 'q__assistiveHint'], 'the hint, and the autocomplete’s own');

  await page.goto(`${suite.site.baseUrl}${SEARCH}?q=`);
  const input = await enhanced(page);
  assert.deepEqual(await describedBy(page), ['q-hint', 'q-error', 'q__assistiveHint']);
  assert.match((await input.getAttribute('class')) ?? '', /\bgovuk-input--error\b/);
  const colours = await page.evaluate(() => ({
    border: getComputedStyle(document.getElementById('q') as HTMLElement).borderTopColor,
    error: getComputedStyle(document.getElementById('q-error') as HTMLElement).color,
  }));
  assert.equal(colours.border, colours.error, 'the error border, in the error colour');
  await expectAccessible(page, 'the enhanced search, with an error');

  // Typing drops the autocomplete's hint (its own rule); the field's stay.
  await input.fill('Acad');
  await page.getByRole('option').first().waitFor();
  assert.deepEqual(await describedBy(page), ['q-hint', 'q-error']);
  await input.fill('');
  await page.waitForFunction(() => document.getElementById('q')?.getAttribute('aria-describedby')?.includes('q__assistiveHint'));
  assert.deepEqual(await describedBy(page), ['q-hint', 'q-error', 'q__assistiveHint']);
  await context.close();
});

test('Tab on a highlighted suggestion moves focus on and submits nothing; Enter chooses it', async () => {
  await hostileSchool();
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}${SEARCH}`);
  const input = await enhanced(page);
  await input.fill(String(HOSTILE_URN));
  await page.getByRole('option', { name: /URN 990001/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'option', 'the suggestion is highlighted');
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' || request.isNavigationRequest()) requests.push(`${request.method()} ${request.url()}`);
  });
  await page.keyboard.press('Tab');
  await page.waitForTimeout(300);
  assert.deepEqual(requests, [], 'nothing sent');
  assert.equal(new URL(page.url()).pathname, SEARCH);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Search', 'focus moved to the next control');

  // Back to the suggestion: Enter chooses it and continues.
  await input.focus();
  await input.fill('');
  await input.fill(String(HOSTILE_URN));
  await page.getByRole('option', { name: /URN 990001/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== SEARCH);
  await context.close();
});

test('a hostile school name and a hostile ?q= are shown as text and never run, even with no Content Security Policy', async () => {
  await hostileSchool();
  const context = await suite.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // Seeded with a hostile query: the autocomplete starts with it as its value.
  await page.goto(`${suite.site.baseUrl}${SEARCH}?q=${encodeURIComponent(HOSTILE)}`);
  const input = await enhanced(page);
  assert.equal(await input.inputValue(), HOSTILE, 'the query, as typed');
  await input.focus();
  await page.waitForTimeout(300);

  // A school whose name is markup, among the suggestions.
  await input.fill(String(HOSTILE_URN));
  const suggestion = page.getByRole('option', { name: /URN 990001/ });
  await suggestion.waitFor();
  assert.equal((await suggestion.textContent())?.trim(), `${HOSTILE} (URN ${HOSTILE_URN}, TF1 1AA)`, 'the name shown literally');
  await page.waitForTimeout(300);

  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'no script ran');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element made from the name or the query');
  assert.deepEqual(errors, []);
  await context.close();
});
