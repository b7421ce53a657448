// A hub lead signs in, sees their account, and signs out. Every sign-in page passes axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../src/features/demo-data/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

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
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await context.close();
});
