// Reflow (WCAG 2.2, 1.4.10): at 320 CSS pixels wide (a phone, or 1280 px at 400 % zoom) and at
// 640 (1280 px at 200 % zoom) no page scrolls sideways. A table wider than that scrolls in its
// own box, a labelled region a keyboard can reach; long addresses break.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });

const WIDTHS = [
  { name: '320 px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '1280 px at 200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
] as const;

/** How far the page scrolls sideways past the window (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The elements wider than the window that are not inside a scrolling box: what makes the page scroll. */
const culprits = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.app-table-scroll') && getComputedStyle(el).position !== 'absolute')
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
  });

async function checkReflow(browser: Browser, paths: string[], account?: { email: string; password: string }) {
  const failures: string[] = [];
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: width.viewport, deviceScaleFactor: width.deviceScaleFactor });
    const page = await context.newPage();
    if (account) await signInWithPassword(page, suite.site.baseUrl, account);
    for (const path of paths) {
      assert.equal((await page.goto(`${suite.site.baseUrl}${path}`))?.status(), 200, path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width.viewport.width) failures.push(`${path} at ${width.name}: ${scrollWidth} px wide; ${(await culprits(page)).join('; ')} (${await overflow(page)} px over)`);
    }
    await context.close();
  }
  assert.deepEqual(failures, []);
}

test('public pages, the Work Group pages with their workshop tables and the hub’s address among them, fit 320 px and 200 % zoom', async () => {
  const codes = (await suite.site.db.selectFrom('work_groups').select('code').where('code', 'in', ['WRK2223-SHAW01', 'WRK2627-GN01', 'WRK2627-SHAW01', 'WRK2627-EME11']).execute()).map((r) => r.code);
  assert.equal(codes.length, 4);
  await checkReflow(suite.browser, [
    '/',
    '/work-groups',
    ...codes.map((code) => `/work-groups/${code}`),
    '/hubs',
    '/hubs/shaw',
    '/work-groups/WRK2627-GN01/register/school?q=Academy',
    '/accessibility',
    '/privacy',
    '/cookies',
    '/contact',
    '/api',
  ]);
});

test('the hub’s registrations and the registers overview scroll their tables, not the page, at 320 px and 200 % zoom', async () => {
  await checkReflow(
    suite.browser,
    [
      '/admin/work-groups/WRK2627-GN01/registrations',
      '/admin/work-groups/WRK2627-SHAW01/registrations',
      '/work-groups/WRK2627-SHAW01/registers',
      '/work-groups/WRK2223-SHAW01/registers',
      '/work-groups/WRK2223-SHAW01/registers/1',
      // The administration's other tables.
      '/admin',
      '/admin/hubs/shaw',
      '/admin/hubs/shaw/audit',
      '/admin/hubs/shaw/people',
      '/admin/projects',
      '/account',
    ],
    DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!,
  );
});

test('a wide table’s box is a labelled region a keyboard reaches and scrolls', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}/work-groups/WRK2223-SHAW01`);
  const region = page.getByRole('region', { name: 'Workshop dates and times (UK time)' });
  assert.equal(await region.getAttribute('tabindex'), '0');
  assert.ok(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table is wider than its box at 320 px');
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // The browser scrolls after the key press, not during it (smoothly, on a busy machine later still).
  let scrolled = false;
  for (const deadline = Date.now() + 3000; !scrolled && Date.now() < deadline; await page.waitForTimeout(50)) {
    scrolled = (await region.evaluate((el) => el.scrollLeft)) > 0;
  }
  assert.ok(scrolled, 'the arrow keys scroll it');
  await expectAccessible(page, 'a Work Group at 320 px');
  await context.close();
});
