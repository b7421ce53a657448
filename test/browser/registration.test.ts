// A head of department registers their school for the Secondary Subject Leadership Community,
// the headteacher approves from the emailed link, and the place is confirmed. A colleague who
// is not a head of department is told why they cannot take part. axe-core checks every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { Agent } from '../agent.ts';
import { registerThroughPages } from '../registration-steps.ts';
import { browserSuite, expectAccessible } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const CODE = 'WRK2627-GN01';

test('a school registers from the catalogue, the headteacher approves, and the place is confirmed', async () => {
  const school = await suite.site.db
    .selectFrom('schools')
    .select(['urn', 'name'])
    .where('phase', '=', 'Secondary')
    .where('state_funded', '=', true)
    .orderBy('urn', 'desc')
    .executeTakeFirstOrThrow();
  const context = await suite.browser.newContext();
  const page = await context.newPage();

  await page.goto(`${suite.site.baseUrl}/work-groups/${CODE}`);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('heading', { name: 'Register your school' }).waitFor();
  await expectAccessible(page, 'the start page');
  await page.getByRole('button', { name: 'Start now' }).click();

  await page.getByRole('heading', { name: 'Find your school' }).waitFor();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'find your school, with an error');
  // With JavaScript, the search suggests schools as you type; choosing one continues.
  await page.getByLabel('School name, URN or postcode').fill(String(school.urn));
  const suggestion = page.getByRole('option', { name: new RegExp(`${school.name} \\(URN ${school.urn}`) });
  await suggestion.waitFor();
  await expectAccessible(page, 'find your school, with suggestions');
  await suggestion.click();

  await page.getByRole('heading', { name: 'Your school can take part' }).waitFor();
  await expectAccessible(page, 'your school can take part');
  await page.getByRole('button', { name: 'Continue' }).click();

  // A teacher who is not a head of department: refused, with the reason.
  await page.getByLabel('Full name').fill('Tom Reed');
  await page.getByLabel('Email address').fill('tom.reed@school.test');
  await page.getByLabel('Teacher of maths').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'These participants cannot take part' }).waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /heads of department or subject leaders only/);
  await expectAccessible(page, 'participants, refused');

  // The head of department instead.
  await page.getByLabel('Full name').fill('Priya Shah');
  await page.getByLabel('Email address').fill('priya.shah@school.test');
  await page.getByLabel('Teacher of maths').uncheck();
  await page.getByLabel('Head of department').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'What your school commits to' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(page, 'declarations, with an error');
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'Your headteacher' }).waitFor();
  await expectAccessible(page, 'your headteacher');
  await page.getByLabel('Headteacher’s full name').fill('Dr Helen Marsh');
  await page.getByLabel('Headteacher’s email address').fill('helen.marsh@school.test');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'Check your answers before registering' }).waitFor();
  await expectAccessible(page, 'check your answers');
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('heading', { name: 'Registration received' }).waitFor();
  const reference = (await page.getByTestId('reference').innerText()).trim();
  assert.match(reference, /^HW-/);
  await expectAccessible(page, 'confirmation');

  // The headteacher opens the link in their email and approves.
  const [mail] = await suite.site.mailsTo('helen.marsh@school.test');
  const link = /http:\/\/hubwork\.test(\/consent\/\S+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(link, 'the headteacher’s email has the link');
  const head = await (await suite.browser.newContext()).newPage();
  await head.goto(`${suite.site.baseUrl}${link}`);
  await head.getByRole('heading', { name: /Release teachers for/ }).waitFor();
  await expectAccessible(head, 'the headteacher’s page');
  await head.getByLabel('Yes, I approve their release for every workshop').check();
  await head.getByRole('button', { name: 'Send my answer' }).click();
  await head.getByRole('heading', { name: 'Place confirmed' }).waitFor();
  await expectAccessible(head, 'place confirmed');

  const mails = await suite.site.mailsTo('priya.shah@school.test');
  assert.deepEqual(
    mails.map((m) => m.subject?.split(':')[0]),
    ['Registration received', 'Place confirmed'],
  );
  await context.close();
});

/** The journey without the detours: search by URN, one head of department, every box ticked. */
async function registerInBrowser(page: Page, urn: number, schoolName: string, teacher: { name: string; email: string }, headEmail: string) {
  await page.getByLabel('School name, URN or postcode').fill(String(urn));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel(schoolName).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Full name').fill(teacher.name);
  await page.getByLabel('Email address').fill(teacher.email);
  await page.getByLabel('Head of department').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Headteacher’s full name').fill('Mr Ken Oduya');
  await page.getByLabel('Headteacher’s email address').fill(headEmail);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const linkIn = (text: string | undefined, path: string) => new RegExp(`http://hubwork\\.test(/${path}/[A-Za-z0-9_-]+)`).exec(text ?? '')?.[1];

test('a full group takes a waiting-list entry, which is offered the place when another school withdraws', async () => {
  const db = suite.site.db;
  const [first, second] = await db
    .selectFrom('schools')
    .select(['urn', 'name'])
    .where('phase', '=', 'Secondary')
    .where('state_funded', '=', true)
    .orderBy('urn')
    .limit(2)
    .execute();
  assert.ok(first && second);
  // One place left: the first school takes it (through the same pages, without a browser).
  await db.updateTable('work_groups').set((eb) => ({ places_taken: eb('places_total', '-', 1) })).where('code', '=', CODE).execute();
  await registerThroughPages(
    new Agent(suite.site.app),
    CODE,
    first.urn,
    { name: 'Ola Berg', email: 'ola.berg@first.test', role: 'head_of_department' },
    { name: 'Ms Dee', email: 'dee@first-heads.test' },
  );

  // The group is now full: the second school joins the waiting list, in a browser with
  // JavaScript switched off (the search form and radio buttons instead of suggestions).
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}/work-groups/${CODE}`);
  await page.getByText('Work group full').waitFor();
  await page.getByRole('button', { name: 'Join the waiting list' }).click();
  await page.getByRole('button', { name: 'Start now' }).click();
  await registerInBrowser(page, second.urn, second.name, { name: 'Kim Hale', email: 'kim.hale@second.test' }, 'head@second-heads.test');
  await page.getByRole('button', { name: 'Join the waiting list' }).click();
  await page.getByRole('heading', { name: 'Your school is on the waiting list' }).waitFor();
  assert.match(await page.locator('main').innerText(), /number 1 on the waiting list/);
  // axe-core needs JavaScript: the same pages, checked in a browser that runs it.
  const checker = await (await suite.browser.newContext()).newPage();
  await checker.goto(`${suite.site.baseUrl}/work-groups/${CODE}/register`);
  await expectAccessible(checker, 'start page of a full group');
  const [waitMail] = await suite.site.mailsTo('kim.hale@second.test');
  assert.match(waitMail?.subject ?? '', /On the waiting list/);

  // The first school withdraws from the link in its email.
  const [firstMail] = await suite.site.mailsTo('ola.berg@first.test');
  const own = linkIn(firstMail?.text, 'registrations');
  assert.ok(own);
  const firstSchool = await context.newPage();
  await firstSchool.goto(`${suite.site.baseUrl}${own}`);
  await checker.goto(`${suite.site.baseUrl}${own}`);
  await expectAccessible(checker, 'the school’s own registration page');
  await firstSchool.getByRole('button', { name: `Withdraw ${first.name}` }).click();
  await firstSchool.getByText('has withdrawn').waitFor();

  // The place is offered to the second school: its headteacher approves, and it is confirmed.
  const offer = (await suite.site.mailsTo('kim.hale@second.test')).find((m) => /A place is now free/.test(m.subject ?? ''));
  assert.ok(offer, 'the waiting school is told');
  const [consent] = await suite.site.mailsTo('head@second-heads.test');
  const consentLink = linkIn(consent?.text, 'consent');
  assert.ok(consentLink);
  const head = await context.newPage();
  await head.goto(`${suite.site.baseUrl}${consentLink}`);
  await head.getByLabel('Yes, I approve their release for every workshop').check();
  await head.getByRole('button', { name: 'Send my answer' }).click();
  await head.getByRole('heading', { name: 'Place confirmed' }).waitFor();
  const status = await db
    .selectFrom('registrations')
    .select('status')
    .where('school_urn', '=', second.urn)
    .where('status', '=', 'confirmed')
    .execute();
  assert.equal(status.length, 1);
  await context.close();
});
