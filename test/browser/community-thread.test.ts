// Two participants of a Work Group talk in its community, in the browser: Amira starts a thread,
// Dan replies, Amira replies to him; a participant of another group cannot open it. axe-core
// checks each page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmPlaces } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithEmailedLink, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const CODE = 'WRK2627-GN01';

test('a thread started by one participant and replied to by another', async () => {
  const schools = await suite.site.db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').limit(2).execute();
  await confirmPlaces(suite.site, CODE, [
    { urn: schools[0]!.urn, teacher: { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' } },
    { urn: schools[1]!.urn, teacher: { name: 'Dan Frost', email: 'dan.frost@school.test', role: 'subject_leader' } },
  ]);

  // Amira starts a thread.
  const amira = await (await suite.browser.newContext()).newPage();
  await signInWithEmailedLink(amira, suite.site, 'amira.khan@school.test');
  await amira.goto(`${suite.site.baseUrl}/home`);
  await amira.getByRole('link', { name: /^Community/ }).click();
  await amira.getByRole('heading', { level: 1 }).waitFor();
  await expectAccessible(amira, 'the community board');
  await amira.getByRole('link', { name: /Start a thread|New thread/ }).first().click();
  await amira.getByLabel('Title').fill('Bar models in Year 7');
  await amira.getByLabel('Message').fill('How are you using **bar models** with fractions?');
  await amira.getByRole('button', { name: /Post|Start/ }).first().click();
  await amira.getByRole('heading', { name: 'Bar models in Year 7' }).waitFor();
  const thread = amira.url();
  await expectAccessible(amira, 'the new thread');

  // Dan finds it on his board and replies.
  const dan = await (await suite.browser.newContext()).newPage();
  await signInWithEmailedLink(dan, suite.site, 'dan.frost@school.test');
  await dan.goto(`${suite.site.baseUrl}/work-groups/${CODE}/community`);
  await dan.getByRole('link', { name: 'Bar models in Year 7' }).click();
  await dan.getByRole('heading', { name: 'Bar models in Year 7' }).waitFor();
  assert.match(await dan.locator('main').innerText(), /How are you using bar models with fractions\?/);
  assert.equal(await dan.locator('main strong', { hasText: 'bar models' }).count(), 1, 'the markdown is shown as bold');
  await dan.getByLabel(/Reply|Your reply|Message/).fill('We start with part-whole models in Year 6 catch-up.');
  await dan.getByRole('button', { name: /Reply|Post/ }).first().click();
  await dan.getByText('We start with part-whole models').waitFor();

  // Amira sees the reply and answers.
  await amira.goto(thread);
  await amira.getByText('We start with part-whole models').waitFor();
  await amira.getByLabel(/Reply|Your reply|Message/).fill('Thank you, Dan: can you bring one to workshop 2?');
  await amira.getByRole('button', { name: /Reply|Post/ }).first().click();
  await amira.getByText('can you bring one to workshop 2?').waitFor();
  await expectAccessible(amira, 'the thread with replies');
  const posts = await amira.locator('main').innerText();
  assert.ok(posts.indexOf('How are you using') < posts.indexOf('We start with part-whole') && posts.indexOf('We start with part-whole') < posts.indexOf('can you bring one'), 'in order');

  // A participant of another group (the demo participant) cannot open it.
  const outsider = await (await suite.browser.newContext()).newPage();
  await signInWithPassword(outsider, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'participant')!);
  const response = await outsider.goto(thread);
  assert.equal(response?.status(), 403);
  assert.doesNotMatch(await outsider.locator('main').innerText(), /Bar models in Year 7/);
});
