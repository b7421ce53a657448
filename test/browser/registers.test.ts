// A workshop's register, in the browser on a phone-sized screen: a participant checks in with
// the code the lead shows; the lead marks the other participant absent (first forgetting the
// reason), saves, and sees each school's progress. axe-core checks every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmPlaces } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const suite = browserSuite({ now: NOW });
const CODE = 'WRK2627-GN01';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('the lead takes a workshop’s register on a phone while a participant checks in', async () => {
  const db = suite.site.db;
  // Workshop 1 began five minutes ago; two schools have confirmed places.
  const group = await db.selectFrom('work_groups').select('id').where('code', '=', CODE).executeTakeFirstOrThrow();
  await db
    .updateTable('workshops')
    .set({ starts_at: new Date(NOW.getTime() - 5 * 60_000), ends_at: new Date(NOW.getTime() + 175 * 60_000) })
    .where('work_group_id', '=', group.id)
    .where('workshop_number', '=', 1)
    .execute();
  const schools = await db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn', 'desc').limit(2).execute();
  const teachers = [
    { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' },
    { name: 'Dan Frost', email: 'dan.frost@school.test', role: 'subject_leader' },
  ];
  await confirmPlaces(suite.site, CODE, schools.map((school, i) => ({ urn: school.urn, teacher: teachers[i]! })));

  // The lead opens the registers from their account.
  const lead = await (await suite.browser.newContext(PHONE)).newPage();
  await signInWithPassword(lead, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await lead.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}`);
  await lead.getByRole('link', { name: 'Registers and progress' }).click();
  await lead.getByRole('heading', { name: 'Registers', exact: true }).waitFor();
  await expectAccessible(lead, 'the registers');
  await lead.getByRole('link', { name: 'Workshop 1 register' }).click();
  await lead.getByRole('heading', { name: 'Workshop 1 register' }).waitFor();
  await expectAccessible(lead, 'a register, open');
  const code = (await lead.getByTestId('check-in-code').innerText()).trim();

  // Amira checks in on her own phone.
  const amira = await (await suite.browser.newContext(PHONE)).newPage();
  await amira.goto(`${suite.site.baseUrl}/check-in`);
  await expectAccessible(amira, 'check in');
  await amira.getByLabel('Workshop code').fill(code);
  await amira.getByLabel('Email address').fill('amira.khan@school.test');
  await amira.getByRole('button', { name: 'Check in' }).click();
  await amira.getByRole('heading', { name: 'Check-in sent' }).waitFor();
  // The same words for any address (no name shown); the email confirms it to Amira.
  assert.match(await amira.locator('main').innerText(), /If amira\.khan@school\.test is the email address your school registered you with[\s\S]*as present/);
  assert.doesNotMatch(await amira.locator('main').innerText(), /Amira Khan/);
  assert.match((await suite.site.mailsTo('amira.khan@school.test')).at(-1)?.subject ?? '', /You are on the register: workshop 1/);
  await expectAccessible(amira, 'checked in');

  // The lead reloads: Amira is marked. Dan is absent; the reason is needed.
  await lead.reload();
  const amiraMarks = lead.getByRole('group', { name: 'Amira Khan' });
  assert.equal(await amiraMarks.getByLabel('Present').isChecked(), true);
  const danMarks = lead.getByRole('group', { name: 'Dan Frost' });
  await danMarks.getByLabel('Absent').check();
  await lead.getByRole('button', { name: 'Save the register' }).click();
  await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(lead, 'a register, with an error');
  await lead.getByLabel('Why was Dan Frost absent?').fill('Covering a colleague’s classes');
  await lead.getByRole('button', { name: 'Save the register' }).click();
  await lead.getByText('Register saved for workshop 1').waitFor();
  assert.match(await lead.getByTestId('workshops').innerText(), /1 present, 0 late, 1 absent/);
  const progress = await lead.getByTestId('progress').innerText();
  assert.match(progress, new RegExp(`${schools[0]!.name}[\\s\\S]*1 of 2[\\s\\S]*In progress`));
  await expectAccessible(lead, 'the registers after saving');
});
