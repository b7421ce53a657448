// Every public page, checked by axe-core against WCAG 2.2 AA: 0 violations allowed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessibilityViolations, browserSuite, describeViolations } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });

async function codeOf(title: string) {
  return (await suite.site.db.selectFrom('work_groups').select('code').where('title', '=', title).executeTakeFirstOrThrow()).code;
}

test('every public page has no WCAG 2.2 AA violations', async () => {
  const pages: [string, number][] = [
    ['/', 200],
    ['/work-groups', 200],
    ['/work-groups?phase=secondary&strand=subject-leadership&year=2022-23&available=yes&q=leadership', 200],
    ['/work-groups?q=nothing-matches-this', 200],
    ['/work-groups?page=2', 200],
    [`/work-groups/${await codeOf('Secondary Maths Leadership 2022-23')}`, 200],
    [`/work-groups/${await codeOf('Secondary Teaching for Mastery – Embedding Year Support')}`, 200],
    [`/work-groups/${await codeOf('Secondary Subject Leadership Community')}`, 200],
    ['/hubs', 200],
    ['/hubs/east-midlands-east', 200],
    ['/no-such-page', 404],
    ['/work-groups?phase=tertiary', 400],
    ['/work-groups/WRK2627-GN01/register', 200],
    ['/work-groups/WRK2627-GN01/register/school?q=Academy', 200],
    ['/work-groups/WRK2223-SHAW01/register', 200],
    ['/consent/not-a-real-link-xxxxxxxxxxxxxxxxxxxx', 404],
    ['/api', 200],
    ['/accessibility', 200],
    ['/privacy', 200],
    ['/cookies', 200],
    ['/contact', 200],
  ];
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const failures: string[] = [];
  for (const [path, status] of pages) {
    const response = await page.goto(`${suite.site.baseUrl}${path}`);
    assert.equal(response?.status(), status, path);
    const violations = await accessibilityViolations(page);
    if (violations.length) failures.push(`${path}\n${describeViolations(violations)}`);
  }
  await context.close();
  assert.deepEqual(failures, []);
});

test('the page scripts load under the Content Security Policy without errors', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${suite.site.baseUrl}/work-groups`);
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the pages hub staff and account holders use for registrations and API tokens have no WCAG 2.2 AA violations', async () => {
  const { DEMO_ACCOUNTS } = await import('../../src/seed/accounts.ts');
  const { signInWithPassword } = await import('./support.ts');
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  const failures: string[] = [];
  const check = async (where: string) => {
    const violations = await accessibilityViolations(page);
    if (violations.length) failures.push(`${where}\n${describeViolations(violations)}`);
  };
  for (const path of ['/admin/work-groups/WRK2627-GN01/registrations', '/account/api-tokens', '/account']) {
    assert.equal((await page.goto(`${suite.site.baseUrl}${path}`))?.status(), 200, path);
    await check(path);
  }
  // With errors, a new token, and the list of tokens.
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/WRK2627-GN01/registrations`);
  await page.getByRole('button', { name: 'Let the school register' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await check('registrations, with errors');
  await page.goto(`${suite.site.baseUrl}/account/api-tokens`);
  await page.getByLabel('Create a token').fill('Accessibility check');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('heading', { name: 'Token created' }).waitFor();
  await check('a new token');
  await context.close();
  assert.deepEqual(failures, []);
});

test('a participant’s and a lead’s home pages, and a past group’s registers, have no WCAG 2.2 AA violations', async () => {
  const { DEMO_ACCOUNTS } = await import('../../src/seed/accounts.ts');
  const { signInWithPassword } = await import('./support.ts');
  const failures: string[] = [];
  for (const [role, paths] of [
    ['participant', ['/home']],
    ['work_group_lead', ['/home', '/work-groups/WRK2627-SHAW01/registers', '/work-groups/WRK2223-SHAW01/registers', '/work-groups/WRK2223-SHAW01/registers/1']],
  ] as const) {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signInWithPassword(page, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === role)!);
    for (const path of paths) {
      assert.equal((await page.goto(`${suite.site.baseUrl}${path}`))?.status(), 200, path);
      const violations = await accessibilityViolations(page);
      if (violations.length) failures.push(`${role} ${path}\n${describeViolations(violations)}`);
    }
    await context.close();
  }
  assert.deepEqual(failures, []);
});
