// Two journeys in the browser, with axe-core on each page:
// 1. A pair of Mastery Advocates register their school for this year's Embedding Year Support
//    (WRK2627-EME11), whose schools must also join an Embedding and Sustaining group: the pages
//    say so before anything is sent, the school gets a place on both, and one answer from the
//    headteacher confirms both.
// 2. The national administrator moves a school's registration to another group of the same
//    project that meets nearer to it.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { Agent } from '../agent.ts';
import { headteacherOf, registerThroughPages, schoolsForEmbeddingYear } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const LEAD = 'WRK2627-EME11';
const PARTNER = 'WRK2627-EME12';

const eligibleSchools = () => schoolsForEmbeddingYear(suite.site.db);

async function nameParticipant(page: Page, n: number, name: string, email: string, role: string) {
  const fieldset = page.getByRole('group', { name: `Participant ${n}` });
  await fieldset.getByLabel('Full name').fill(name);
  await fieldset.getByLabel('Email address').fill(email);
  await fieldset.getByLabel(role).check();
}

test('a school registers for Embedding Year Support and, with it, the Embedding and Sustaining group; the headteacher approves both at once', async () => {
  const [school] = await eligibleSchools();
  assert.ok(school);
  const context = await suite.browser.newContext();
  const page = await context.newPage();

  await page.goto(`${suite.site.baseUrl}/work-groups/${LEAD}/register/school`);
  await page.getByLabel('School name, URN or postcode').fill(String(school.urn));
  await page.getByRole('option', { name: new RegExp(`URN ${school.urn}`) }).click();

  // Before any form: the school can take part, and it joins the linked group too.
  await page.getByRole('heading', { name: 'Your school can take part' }).waitFor();
  const linked = await page.getByTestId('linked').innerText();
  assert.match(linked, /Schools in this group must also join Secondary Teaching for Mastery – Embedding and Sustaining Work Group \(NCP26-14\)/);
  assert.match(linked, /both or neither/);
  await expectAccessible(page, 'eligibility, with a linked group');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'Who are the 2 participants?' }).waitFor();
  await nameParticipant(page, 1, 'Grace Okafor', 'grace.okafor@school.test', 'Mastery Advocate');
  await nameParticipant(page, 2, 'Owen Price', 'owen.price@school.test', 'Teacher of maths');
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your full name').fill('Grace Okafor');
  await page.getByLabel('Your email address').fill('grace.okafor@school.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  const headEmail = await headteacherOf(suite.site.db, school.urn, 'ruth.amos');
  await page.getByLabel('Headteacher’s full name').fill('Mrs Ruth Amos');
  await page.getByLabel('Headteacher’s email address').fill(headEmail);
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'Check your answers before registering' }).waitFor();
  assert.match(await page.getByTestId('linked').innerText(), new RegExp(PARTNER));
  await expectAccessible(page, 'check your answers, with a linked group');
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('heading', { name: 'Registration received' }).waitFor();
  assert.match(await page.getByTestId('linked').innerText(), /A place is also held for your school on Secondary Teaching for Mastery – Embedding and Sustaining/);
  await expectAccessible(page, 'confirmation, with a linked group');

  // The headteacher's one email covers both; approving confirms both places.
  const [mail] = await suite.site.mailsTo(headEmail);
  assert.match(mail?.text ?? '', /Registered together with: Secondary Teaching for Mastery – Embedding and Sustaining/);
  const link = /http:\/\/hubwork\.test(\/consent\/\S+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(link);
  const head = await (await suite.browser.newContext()).newPage();
  await head.goto(`${suite.site.baseUrl}${link}`);
  await head.getByRole('heading', { name: /Approve releasing teachers for/ }).waitFor();
  assert.match(await head.locator('main').innerText(), /Registered together with/);
  await expectAccessible(head, 'the headteacher’s page, with a linked group');
  await head.getByLabel('Yes, I approve their release for every workshop').check();
  await head.getByRole('button', { name: 'Send my answer' }).click();
  await head.getByRole('heading', { name: 'Place confirmed' }).waitFor();

  const subjects = (await suite.site.mailsTo('grace.okafor@school.test')).map((m) => m.subject ?? '');
  assert.equal(subjects.filter((s) => s.startsWith('Place confirmed')).length, 2, 'confirmed on both groups');
  await context.close();
});

test('hub staff move a registration to a group of the same project nearer the school', async () => {
  const OTHER = 'WRK2627-EME13';
  await sql`
    INSERT INTO work_groups (code, hub_id, project_id, title, summary, mode, places_total, places_taken, participants_per_school, publication, registration_opens_on, registration_closes_on)
    SELECT ${OTHER}, hub_id, project_id, title || ' (Lincoln)', summary, mode, 10, 0, participants_per_school, 'published', registration_opens_on, registration_closes_on
      FROM work_groups WHERE code = ${PARTNER}
  `.execute(suite.site.db);
  const school = (await eligibleSchools())[1]!;
  await registerThroughPages(
    new Agent(suite.site.app, { ip: '192.0.2.10' }),
    PARTNER,
    school.urn,
    [
      { name: 'Ivy Marsh', email: 'ivy.marsh@school.test', role: 'mastery_advocate' },
      { name: 'Raj Patel', email: 'raj.patel@school.test', role: 'teacher' },
    ],
    { name: 'Mr Cole', email: 'cole@heads.test' },
  );

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await page.goto(`${suite.site.baseUrl}/admin/work-groups/${PARTNER}/registrations`);
  await page.getByRole('link', { name: school.name }).click();
  await page.getByRole('heading', { name: 'Move to another group' }).waitFor();

  // Without a reason: the error is next to the field, and the choice is kept.
  await page.getByLabel('Group to move it to').selectOption({ label: `${OTHER} – Secondary Teaching for Mastery – Embedding and Sustaining Work Group 2026-27 (Lincoln) (10 places free)` });
  await page.getByRole('button', { name: 'Move the registration' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.locator('#move-reason-error').innerText(), /Enter why you are moving the registration/);
  assert.equal(await page.getByLabel('Group to move it to').inputValue(), OTHER);
  await expectAccessible(page, 'move, with an error');

  await page.getByLabel('Why are you moving it?').fill('The school is in Lincoln');
  await page.getByRole('button', { name: 'Move the registration' }).click();
  await page.getByRole('heading', { name: school.name }).waitFor();
  assert.equal(new URL(page.url()).pathname.startsWith(`/admin/work-groups/${OTHER}/registrations/`), true);
  await expectAccessible(page, 'the registration on its new group');

  const mails = await suite.site.mailsTo('ivy.marsh@school.test');
  assert.ok(mails.some((m) => /^Moved to .*\(Lincoln\)/.test(m.subject ?? '') && /The reason given: The school is in Lincoln/.test(m.text ?? '')));
  await context.close();
});
