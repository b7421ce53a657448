// Browser tests drive Debian's chromium with playwright-core (never a downloaded browser)
// and check pages with axe-core against the WCAG 2.2 AA rules.
import assert from 'node:assert/strict';
import axe from 'axe-core';
import { after, before } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { servedApp, type TestApp } from '../harness.ts';
import { CHROMIUM_PATH } from '../settings.ts';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/** axe-core's WCAG 2.2 AA violations on the page as it stands. */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  // evaluate() runs outside the page's Content Security Policy, which forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_22_AA,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => String(n.target)),
  }));
}

export function describeViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.slice(0, 3).join(', ')}`).join('\n');
}

/** Fails the test, listing them, if the page has any WCAG 2.2 AA violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await accessibilityViolations(page);
  assert.equal(violations.length, 0, `${where}\n${describeViolations(violations)}`);
}

/** Signs in through the sign-in page, as the person would. */
export async function signInWithPassword(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your Work Groups' }).waitFor();
}

/** Signs in as a participant does: asks for a link, opens it from the email, continues. */
export async function signInWithEmailedLink(page: Page, site: Pick<TestApp, 'mailsTo'> & { baseUrl: string }, email: string): Promise<void> {
  await page.goto(`${site.baseUrl}/sign-in/link`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = (await site.mailsTo(email)).filter((m) => m.subject === 'Your hubwork sign-in link').at(-1);
  const link = /http:\/\/hubwork\.test(\/sign-in\/link\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(link, `a sign-in link for ${email}`);
  await page.goto(`${site.baseUrl}${link}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your Work Groups' }).waitFor();
}

export type BrowserSuite = { readonly site: TestApp & { baseUrl: string }; readonly browser: Browser };

/** For one test file: the app served on a database of its own, and a browser; both closed after. */
export function browserSuite(options: { now?: Date } = {}): BrowserSuite {
  let site: (TestApp & { baseUrl: string }) | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await servedApp(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    get site() {
      if (!site) throw new Error('The site starts in before()');
      return site;
    },
    get browser() {
      if (!browser) throw new Error('The browser starts in before()');
      return browser;
    },
  };
}
