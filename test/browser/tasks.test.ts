// A gap task, in the browser: the lead sets one after workshop 1 (first forgetting the title),
// a participant signs in with the link emailed to her, submits for her school with a file (first
// leaving the text empty), the lead reads it, gives feedback and shares it with the group, and a
// participant from another school reads what was shared; the lead cannot delete a task a school
// has submitted for. Then the lead sets a task by mistake and deletes it. axe-core checks every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { confirmPlaces } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword, signInWithEmailedLink as signInByLink } from './support.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const suite = browserSuite({ now: NOW });
const CODE = 'WRK2627-GN01';
const signInWithEmailedLink = (page: Page, email: string) => signInByLink(page, suite.site, email);

test('a gap task is set, submitted for a school, given feedback and shared with the group', async () => {
  const db = suite.site.db;
  // Two schools with confirmed places (their headteachers approve from the emailed link).
  const schools = await db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').limit(2).execute();
  const teachers = [
    { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' },
    { name: 'Dan Frost', email: 'dan.frost@school.test', role: 'subject_leader' },
  ];
  await confirmPlaces(suite.site, CODE, schools.map((school, i) => ({ urn: school.urn, teacher: teachers[i]! })));
  const [amirasSchool] = schools;

  // The lead sets a task after workshop 1, forgetting its title at first.
  const lead = await (await suite.browser.newContext()).newPage();
  await signInWithPassword(lead, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await lead.goto(`${suite.site.baseUrl}/work-groups/${CODE}/tasks`);
  await lead.getByRole('heading', { level: 1, name: 'Gap tasks' }).waitFor();
  await expectAccessible(lead, 'the lead’s list of tasks, empty');
  await lead.getByRole('button', { name: 'Set a gap task' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Set a gap task' }).waitFor();
  await expectAccessible(lead, 'the task form');
  await lead.getByLabel('Instructions for schools').fill('Teach one lesson using a bar model.\nBring one piece of pupils’ work to workshop 2.');
  const due = lead.getByRole('group', { name: 'Due date' });
  await due.getByLabel('Day').fill('4');
  await due.getByLabel('Month').fill('12');
  await due.getByLabel('Year').fill('2026');
  await lead.getByLabel('Set after workshop (optional)').selectOption({ index: 1 });
  await lead.getByLabel('Add resource files (optional)').setInputFiles({ name: 'bar-models.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await lead.getByRole('button', { name: 'Set the task' }).click();
  await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await lead.locator('#title-error').innerText(), /Enter a title for the task/);
  assert.equal(await lead.getByLabel('Day').inputValue(), '4', 'what was typed is kept');
  assert.equal(await lead.getByRole('checkbox', { name: /bar-models\.pdf/ }).isChecked(), true, 'and the chosen file');
  await expectAccessible(lead, 'the task form with an error');
  await lead.getByLabel('Title').fill('Try a bar model');
  await lead.getByRole('button', { name: 'Set the task' }).click();
  await lead.getByText('Task set. Each participant has been emailed.').waitFor();
  assert.match(await lead.getByTestId('task-details').innerText(), /Friday 4 December 2026[\s\S]*Workshop 1/);
  assert.equal(await lead.getByTestId('resources').getByRole('link').innerText(), 'bar-models.pdf');
  await expectAccessible(lead, 'the task, as its lead sees it');
  await lead.getByRole('link', { name: /Change the task/ }).click();
  await lead.getByRole('heading', { level: 1, name: 'Change the gap task' }).waitFor();
  await expectAccessible(lead, 'changing the task');
  await lead.goBack();

  // Amira is told by email, signs in with a link, and submits for her school.
  assert.ok((await suite.site.mailsTo('amira.khan@school.test')).some((m) => m.subject === 'New gap task: Try a bar model'));
  const amira = await (await suite.browser.newContext()).newPage();
  await signInWithEmailedLink(amira, 'amira.khan@school.test');
  await amira.goto(`${suite.site.baseUrl}/work-groups/${CODE}/tasks`);
  assert.match(await amira.getByTestId('tasks').innerText(), /Try a bar model[\s\S]*Friday 4 December 2026[\s\S]*Not submitted/);
  await expectAccessible(amira, 'a participant’s list of tasks');
  await amira.getByRole('link', { name: 'Try a bar model' }).click();
  await amira.getByRole('heading', { level: 1, name: 'Try a bar model' }).waitFor();
  await expectAccessible(amira, 'the task, as a participant sees it');
  await amira.getByRole('button', { name: 'Submit for your school' }).click();
  await amira.getByRole('heading', { level: 1, name: 'Submit for your school' }).waitFor();
  await expectAccessible(amira, 'the submission form');
  await amira.getByLabel('Attach files (optional)').setInputFiles({ name: 'pupil-work.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% work\n%%EOF\n') });
  await amira.getByRole('button', { name: 'Submit', exact: true }).click();
  await amira.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await amira.locator('#body-error').innerText(), /Enter your school’s response/);
  await expectAccessible(amira, 'the submission form with an error');
  await amira.getByLabel('Your school’s response').fill('We taught it to 7X.\nThey drew the bars before writing any numbers.');
  await amira.getByRole('button', { name: 'Submit', exact: true }).click();
  await amira.getByText('Your school’s submission has been sent to your Work Group lead').waitFor();
  assert.match(await amira.getByTestId('own-submission').innerText(), /We taught it to 7X\.[\s\S]*pupil-work\.pdf/);
  await expectAccessible(amira, 'the task after submitting');

  // The lead reads it, gives feedback (first with none) and shares it with the group.
  await lead.reload();
  await lead.getByRole('link', { name: `Read ${amirasSchool!.name}’s submission` }).click();
  await lead.getByRole('heading', { level: 1, name: `${amirasSchool!.name}’s submission` }).waitFor();
  await expectAccessible(lead, 'a school’s submission, as the lead sees it');
  await lead.getByRole('button', { name: 'Save and send feedback' }).click();
  await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(lead, 'feedback with an error');
  await lead.getByLabel(/Your feedback for/).fill('Lovely bar models.\nNext, try a comparison problem.');
  await lead.getByRole('button', { name: 'Save and send feedback' }).click();
  await lead.getByText('Feedback saved. The school has been emailed.').waitFor();
  await lead.getByRole('button', { name: 'Share with the group' }).click();
  await lead.getByText('The submission is now shared with the group').waitFor();
  await expectAccessible(lead, 'the submission after feedback and sharing');
  assert.ok((await suite.site.mailsTo('amira.khan@school.test')).some((m) => m.subject === 'Feedback on your gap task: Try a bar model'));

  // Amira sees the feedback; Dan, from the other school, reads what was shared.
  await amira.reload();
  assert.match(await amira.getByTestId('feedback').innerText(), /Lovely bar models\./);
  await expectAccessible(amira, 'the task with feedback');
  const dan = await (await suite.browser.newContext()).newPage();
  await signInWithEmailedLink(dan, 'dan.frost@school.test');
  await dan.goto(`${suite.site.baseUrl}/work-groups/${CODE}/tasks`);
  await dan.getByRole('link', { name: 'Try a bar model' }).click();
  await dan.getByTestId('shared').getByRole('link', { name: amirasSchool!.name }).click();
  await dan.getByRole('heading', { level: 1, name: `${amirasSchool!.name}’s submission` }).waitFor();
  assert.doesNotMatch(await dan.locator('main').innerText(), /Lovely bar models/);
  await expectAccessible(dan, 'a shared submission, as another school sees it');

  // The lead cannot delete the task now that a school has submitted for it.
  await lead.goto(`${suite.site.baseUrl}/work-groups/${CODE}/tasks`);
  await lead.getByRole('link', { name: 'Try a bar model' }).click();
  await lead.getByRole('link', { name: /Delete the task/ }).click();
  await lead.getByRole('heading', { level: 1, name: 'Are you sure you want to delete this gap task?' }).waitFor();
  assert.match(await lead.getByTestId('cannot-delete').innerText(), /1 school has already submitted for this task, so it cannot be deleted: their work would be lost/);
  assert.equal(await lead.getByRole('button', { name: 'Yes, delete the task' }).count(), 0);
  await expectAccessible(lead, 'deleting a task a school has submitted for');
});

test('a task set by mistake is deleted by the lead', async () => {
  const lead = await (await suite.browser.newContext()).newPage();
  await signInWithPassword(lead, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await lead.goto(`${suite.site.baseUrl}/work-groups/${CODE}/tasks/new`);
  await lead.getByLabel('Title').fill('Fractions homework');
  await lead.getByLabel('Instructions for schools').fill('Meant for another group.');
  const due = lead.getByRole('group', { name: 'Due date' });
  await due.getByLabel('Day').fill('11');
  await due.getByLabel('Month').fill('12');
  await due.getByLabel('Year').fill('2026');
  await lead.getByRole('button', { name: 'Set the task' }).click();
  await lead.getByText('Task set. Each participant has been emailed.').waitFor();

  // It was meant for another group: the lead deletes it from its page.
  await lead.getByRole('link', { name: /Delete the task/ }).click();
  await lead.getByRole('heading', { level: 1, name: 'Are you sure you want to delete this gap task?' }).waitFor();
  assert.match(await lead.getByTestId('task-to-delete').innerText(), /Fractions homework[\s\S]*Friday 11 December 2026/);
  assert.match(await lead.locator('.govuk-warning-text').innerText(), /This cannot be undone/);
  await expectAccessible(lead, 'deleting a task');
  await lead.getByRole('button', { name: 'Yes, delete the task' }).click();
  await lead.getByText('Gap task deleted').waitFor();
  assert.doesNotMatch(await lead.getByTestId('tasks').innerText(), /Fractions homework/);
  assert.match(await lead.getByTestId('tasks').innerText(), /Try a bar model/, 'the other task is still there');
  await expectAccessible(lead, 'the list of tasks after deleting one');
});
