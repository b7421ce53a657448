// A hub lead signs in, sees their account, and signs out; the password throttle, a browser restart,
// a password reset and the account page as a participant and a headteacher. Every page passes axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import type { BrowserContext } from 'playwright-core';
import { browserSuite, expectAccessible, signInWithEmailedLink, signInWithPassword } from './support.ts';

const suite = browserSuite();
const lead = DEMO_ACCOUNTS.find((a) => a.role === 'hub_lead')!;

for (const javaScriptEnabled of [true, false]) {
  test(`a hub lead signs in with their password and signs out (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${suite.site.baseUrl}/work-groups`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    if (javaScriptEnabled) await expectAccessible(page, 'sign-in page');

    await page.getByLabel('Email address').fill(lead.email);
    await page.getByLabel('Password', { exact: true }).fill('a wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.getByLabel('Email address').inputValue(), lead.email);
    if (javaScriptEnabled) await expectAccessible(page, 'sign-in page with an error');

    await page.getByLabel('Password', { exact: true }).fill(lead.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signing in lands on the person's Work Groups; the account page is a link away.
    await page.getByRole('heading', { level: 1, name: 'Your Work Groups' }).waitFor();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    assert.match(await page.getByTestId('roles').innerText(), /Hub lead, SHaW Maths Hub/);
    if (javaScriptEnabled) await expectAccessible(page, 'account page');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
    await page.goto(`${suite.site.baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await context.close();
  });
}

test('the email-link and password-reset pages pass axe-core', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  for (const path of ['/sign-in/link', '/password-reset', '/sign-in/link/expired-or-made-up-token-000000', '/signed-out']) {
    await page.goto(`${suite.site.baseUrl}${path}`);
    await expectAccessible(page, path);
  }
  await page.goto(`${suite.site.baseUrl}/sign-in/link`);
  await page.getByLabel('Email address').fill(lead.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  await expectAccessible(page, 'check your email');
  await context.close();
});

test('a hub administrator opens the administration area and sees the hub’s programme; its pages pass axe-core', async () => {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'hub_admin')!;
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, admin);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  await expectAccessible(page, '/admin');
  await page.getByRole('link', { name: 'SHaW Maths Hub' }).click();
  await page.getByRole('heading', { level: 1, name: 'Work Groups' }).waitFor();
  assert.match(await page.getByTestId('admin-groups').innerText(), /Secondary Maths Leadership 2022-23/);
  await expectAccessible(page, '/admin/hubs/shaw');
  await context.close();
});

test('a hub lead reads the hub’s audit log; the page passes axe-core', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, lead);
  await page.goto(`${suite.site.baseUrl}/admin/hubs/shaw`);
  await page.getByRole('link', { name: 'Audit log: who changed what' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await expectAccessible(page, 'audit log');
  await context.close();
});

test('a person who forgot their password follows the emailed link and chooses a new one; the pages pass axe-core', async () => {
  const participant = DEMO_ACCOUNTS.find((a) => a.role === 'participant')!;
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}/sign-in`);
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await page.getByLabel('Email address').fill(participant.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();

  const mail = (await suite.site.mailsTo(participant.email)).at(-1);
  assert.ok(mail, 'the email was sent (by the job worker) to the mail folder');
  const link = /http:\/\/hubwork\.test(\/password-reset\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  assert.ok(link);

  await page.goto(`${suite.site.baseUrl}${link}`);
  await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await expectAccessible(page, 'choose a new password');
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('Confirm new password').fill('short');
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'choose a new password with an error');
  await page.getByLabel('New password', { exact: true }).fill('a long and memorable phrase');
  await page.getByLabel('Confirm new password').fill('a long and memorable phrase');
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your password has been changed' }).waitFor();
  await expectAccessible(page, 'password changed');
  await page.getByRole('link', { name: 'Go to your Work Groups' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your Work Groups' }).waitFor();
  await context.close();
});

test('after too many wrong passwords the page says when to try again and that the emailed link still works; it passes axe-core', async () => {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!;
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}/sign-in`);
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(`not the password ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  }
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Try again in 1 minute, or sign in with a link sent by email: it still works/);
  await expectAccessible(page, 'sign-in, held back');
  await page.getByRole('link', { name: 'Sign in with a link sent by email instead' }).click();
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  const link = /http:\/\/hubwork\.test(\/sign-in\/link\/[A-Za-z0-9_-]+)/.exec((await suite.site.mailsTo(admin.email)).at(-1)?.text ?? '')?.[1];
  assert.ok(link);
  await page.goto(`${suite.site.baseUrl}${link}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your Work Groups' }).waitFor();
  await context.close();
});

/** As closing the browser and opening it again: its session cookies go, its persistent cookies stay. */
async function restart(context: BrowserContext) {
  const kept = (await context.cookies()).filter((c) => c.expires !== -1);
  await context.clearCookies();
  await context.addCookies(kept);
}

test('a signed-in page’s form still works after the browser is restarted, and so does the first page after it', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, lead);
  await page.goto(`${suite.site.baseUrl}/account/api-tokens`);
  await restart(context);
  // The page open from before the restart.
  await page.getByLabel('Create a token').fill('Made after a restart');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('heading', { name: 'Token created' }).waitFor();
  // A page opened after a restart: its own form and its sign-out button.
  await restart(context);
  await page.goto(`${suite.site.baseUrl}/account/api-tokens`);
  await page.getByLabel('Create a token').fill('First page after a restart');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('heading', { name: 'Token created' }).waitFor();
  await restart(context);
  await page.goto(`${suite.site.baseUrl}/account`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
  await context.close();
});

test('a participant’s account page describes their Work Groups, and has no API tokens link for a headteacher; both pass axe-core', async () => {
  const participant = DEMO_ACCOUNTS.find((a) => a.role === 'participant')!;
  const head = DEMO_ACCOUNTS.find((a) => a.role === 'headteacher')!;
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithEmailedLink(page, suite.site, participant.email);
  await page.goto(`${suite.site.baseUrl}/account`);
  assert.match(await page.getByTestId('work-groups').innerText(), /Secondary Subject Leadership Community 2026-27 – Shropshire: you take part/);
  assert.doesNotMatch(await page.locator('main').innerText(), /no roles/);
  await expectAccessible(page, 'a participant’s account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithPassword(page, suite.site.baseUrl, head);
  await page.goto(`${suite.site.baseUrl}/account`);
  assert.equal(await page.getByRole('link', { name: 'API tokens' }).count(), 0);
  await expectAccessible(page, 'a headteacher’s account');
  await context.close();
});
