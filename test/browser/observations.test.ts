// An observation booked, in the browser: Amira offers a Year 8 lesson at her school (first with
// a date already past), Dan signs up to observe it and is emailed the details, Amira sees him
// coming and moves the lesson to the afternoon (first leaving the start time empty), and Dan is
// emailed the new time; after the lesson she records the post-lesson discussion (first leaving
// it empty) and Dan reads it. axe-core checks every page on the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseIcsAttachment } from '../ics.ts';
import { confirmPlaces } from '../registration-steps.ts';
import { browserSuite, expectAccessible, signInWithEmailedLink as signInByLink } from './support.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const suite = browserSuite({ now: NOW });
const CODE = 'WRK2627-GN01';
const signInWithLink = (page: Page, email: string) => signInByLink(page, suite.site, email);

test('an observation booked: offered, signed up for, and its discussion recorded', async () => {
  const db = suite.site.db;
  // Two schools with confirmed places: Amira's and Dan's.
  const schools = await db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').limit(2).execute();
  const teachers = [
    { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' },
    { name: 'Dan Frost', email: 'dan.frost@school.test', role: 'head_of_department' },
  ];
  await confirmPlaces(suite.site, CODE, schools.map((school, i) => ({ urn: school.urn, teacher: teachers[i]! })));

  // Amira opens her group's lesson observations and offers a lesson.
  const amira = await (await suite.browser.newContext()).newPage();
  await signInWithLink(amira, 'amira.khan@school.test');
  await amira.goto(`${suite.site.baseUrl}/work-groups/${CODE}/observations`);
  await amira.getByRole('heading', { level: 1, name: 'Lesson observations' }).waitFor();
  await expectAccessible(amira, 'lesson observations, none yet');
  await amira.getByRole('button', { name: 'Offer a lesson' }).click();
  await amira.getByRole('heading', { name: 'Offer a lesson to observe' }).waitFor();
  assert.equal((await amira.getByTestId('host-school').innerText()).trim(), schools[0]!.name);
  await expectAccessible(amira, 'offer a lesson');

  // A date already past is refused, with the message next to the date and everything kept.
  const date = amira.getByRole('group', { name: 'Date of the lesson' });
  await date.getByLabel('Day').fill('20');
  await date.getByLabel('Month').fill('11');
  await date.getByLabel('Year').fill('2026');
  await amira.getByLabel('Start time').fill('09:15');
  await amira.getByLabel('End time').fill('10:15');
  await amira.getByLabel('Class').fill('Year 8, set 2');
  await amira.getByLabel('Representation and Structure').check();
  await amira.getByLabel('Where to report on arrival').fill('Main reception on Station Road; ask for Ms Khan');
  await amira.getByLabel('How many people can observe').fill('3');
  await amira.getByRole('button', { name: 'Offer the lesson' }).click();
  await amira.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await amira.locator('#date-error').innerText(), /must be today or in the future/);
  assert.equal(await amira.getByLabel('Class').inputValue(), 'Year 8, set 2');
  await expectAccessible(amira, 'offer a lesson, with a date in the past');
  await date.getByLabel('Day').fill('27');
  await date.getByLabel('Month').fill('1');
  await date.getByLabel('Year').fill('2027');
  await amira.getByRole('button', { name: 'Offer the lesson' }).click();
  await amira.getByText('Lesson offered').waitFor();
  assert.match(await amira.getByTestId('lesson').innerText(), /Wednesday 27 January 2027[\s\S]*9:15am to 10:15am/);
  await expectAccessible(amira, 'the lesson, as its host');
  const lessonUrl = amira.url().replace(/\?.*$/, '');

  // Dan finds it and signs up to observe.
  const dan = await (await suite.browser.newContext()).newPage();
  await signInWithLink(dan, 'dan.frost@school.test');
  await dan.goto(`${suite.site.baseUrl}/work-groups/${CODE}/observations`);
  assert.match(await dan.getByTestId('upcoming').innerText(), /Year 8, set 2[\s\S]*Representation and Structure[\s\S]*3 places left/);
  await expectAccessible(dan, 'lesson observations, one to come');
  await dan.getByRole('link', { name: /Year 8, set 2/ }).click();
  await expectAccessible(dan, 'the lesson, as a member');
  await dan.getByRole('button', { name: 'Sign up to observe' }).click();
  await dan.getByText('You are signed up to observe this lesson. We have emailed you').waitFor();
  assert.match(await dan.getByTestId('lesson').innerText(), /1 of 3 places taken/);
  await expectAccessible(dan, 'the lesson, signed up');
  const booked = (await suite.site.mailsTo('dan.frost@school.test')).find((m) => m.subject?.startsWith('Lesson observation booked'));
  assert.ok(booked?.attachments.some((a) => a.filename === 'lesson-observation.ics'), 'the lesson as a calendar file');
  assert.equal(parseIcsAttachment(booked)[0]?.start.toISOString(), '2027-01-27T09:15:00.000Z');

  // Amira sees who is coming, and looks at (but does not use) the page that would cancel it.
  await amira.goto(lessonUrl);
  assert.match(await amira.getByTestId('observers').innerText(), /Dan Frost[\s\S]*dan\.frost@school\.test/);
  await amira.getByRole('link', { name: 'Cancel this lesson' }).click();
  await amira.getByRole('heading', { name: 'Cancel this lesson observation' }).waitFor();
  assert.match(await amira.locator('main').innerText(), /We will email the 1 person signed up/);
  await expectAccessible(amira, 'cancel a lesson');
  await amira.getByRole('link', { name: 'Back to the lesson' }).first().click();

  // Amira moves the lesson to the afternoon: the offer form again, with the lesson's values.
  await amira.getByRole('link', { name: 'Change this lesson' }).click();
  await amira.getByRole('heading', { level: 1, name: 'Change this lesson' }).waitFor();
  assert.equal(await amira.getByLabel('Start time').inputValue(), '09:15');
  assert.equal(await amira.getByLabel('Class').inputValue(), 'Year 8, set 2');
  assert.match(await amira.getByTestId('change-intro').innerText(), /we will email the 1 person signed up/);
  await expectAccessible(amira, 'change a lesson');
  await amira.getByLabel('Start time').fill('');
  await amira.getByLabel('End time').fill('14:00');
  await amira.getByRole('button', { name: 'Save the changes' }).click();
  await amira.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await amira.locator('#starts-error').innerText(), /Enter the time the lesson starts/);
  assert.equal(await amira.getByLabel('End time').inputValue(), '14:00', 'what was typed is kept');
  await expectAccessible(amira, 'change a lesson, with the start time missing');
  await amira.getByLabel('Start time').fill('13:00');
  await amira.getByRole('button', { name: 'Save the changes' }).click();
  await amira.getByText('Lesson changed. Everyone signed up to observe it has been emailed').waitFor();
  assert.match(await amira.getByTestId('lesson').innerText(), /Wednesday 27 January 2027[\s\S]*1pm to 2pm/);
  await expectAccessible(amira, 'the lesson after its change');
  const moved = (await suite.site.mailsTo('dan.frost@school.test')).find((m) => m.subject?.startsWith('Lesson observation changed'));
  assert.match(moved?.text ?? '', /Time: was 9:15am to 10:15am, now 1pm to 2pm/);
  assert.ok(moved?.attachments.some((a) => a.filename === 'lesson-observation.ics'), 'with the updated calendar file');
  assert.equal(parseIcsAttachment(moved)[0]?.start.toISOString(), '2027-01-27T13:00:00.000Z');
  await dan.reload();
  assert.match(await dan.getByTestId('lesson').innerText(), /1pm to 2pm/);

  // The lesson has taken place (the app's clock is fixed, so the lesson moves instead).
  const id = Number(lessonUrl.split('/').pop());
  await db.updateTable('lesson_observations').set({ starts_at: new Date(NOW.getTime() - 2 * 3_600_000), ends_at: new Date(NOW.getTime() - 3_600_000) }).where('id', '=', id).execute();
  await amira.goto(lessonUrl);
  await amira.getByRole('button', { name: 'Save the notes' }).click();
  await amira.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible(amira, 'the notes, left empty');
  await amira.getByLabel('Record the post-lesson discussion').fill('Pupils used bar models to compare ratios.\nTwo explained why 3:5 is not 5:3.\n\nNext: the same task with Year 7.');
  await amira.getByRole('button', { name: 'Save the notes' }).click();
  await amira.getByText('Post-lesson discussion notes saved').waitFor();
  await expectAccessible(amira, 'the lesson with its notes, as its host');

  // Dan reads the discussion, as typed.
  await dan.goto(lessonUrl);
  const notes = await dan.getByTestId('notes').innerText();
  assert.match(notes, /Pupils used bar models to compare ratios\.\nTwo explained why 3:5 is not 5:3\./);
  assert.match(notes, /Next: the same task with Year 7\./);
  await expectAccessible(dan, 'the lesson with its notes, as an observer');
  await dan.goto(`${suite.site.baseUrl}/work-groups/${CODE}/observations`);
  assert.match(await dan.getByTestId('past').innerText(), /Year 8, set 2[\s\S]*Notes recorded/);
  await expectAccessible(dan, 'lesson observations, one past');
});
