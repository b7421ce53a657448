// Changing and deleting one's own post, and a national network made from a page, in the browser:
// Dan replies to Amira's thread, corrects his reply, then deletes it (it keeps its place, marked
// deleted); the national administrator creates a national network and renames it; Amira finds it
// and joins. axe-core checks every page on the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { confirmPlaces } from '../registration-steps.ts';
import { browserSuite, expectAccessible, signInWithEmailedLink, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const CODE = 'WRK2627-GN01';
const BOARD = `/work-groups/${CODE}/community`;

async function participant(email: string): Promise<Page> {
  const page = await (await suite.browser.newContext()).newPage();
  await signInWithEmailedLink(page, suite.site, email);
  return page;
}

test('a participant changes a reply, then deletes it; the national administrator makes a network that a participant joins', async () => {
  const base = suite.site.baseUrl;
  const schools = await suite.site.db.selectFrom('schools').select('urn').where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').limit(2).execute();
  await confirmPlaces(suite.site, CODE, [
    { urn: schools[0]!.urn, teacher: { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' } },
    { urn: schools[1]!.urn, teacher: { name: 'Dan Frost', email: 'dan.frost@school.test', role: 'head_of_department' } },
  ]);

  // Amira starts a thread in her Work Group's community.
  const amira = await participant('amira.khan@school.test');
  await amira.goto(`${base}${BOARD}/new`);
  await amira.getByLabel('Title').fill('Ratio in Year 8');
  await amira.getByLabel('Message').fill('What do you use for ratio in Year 8?');
  await amira.getByRole('button', { name: 'Post' }).click();
  await amira.getByRole('heading', { level: 1, name: 'Ratio in Year 8' }).waitFor();
  const thread = amira.url();

  // Dan replies, with a slip in it.
  const dan = await participant('dan.frost@school.test');
  await dan.goto(thread);
  await dan.getByLabel('Your reply').fill('We use bar models for ratoi.');
  await dan.getByRole('button', { name: 'Post reply' }).click();
  const danPost = dan.getByTestId('post').filter({ hasText: 'We use bar models for ratoi.' });
  await danPost.waitFor();
  await expectAccessible(dan, 'a thread with his own reply');

  // He changes it: the form has his words in it.
  await danPost.getByRole('link', { name: /^Change/ }).click();
  await dan.getByRole('heading', { level: 1, name: 'Change your reply' }).waitFor();
  assert.equal(await dan.getByLabel('Your reply').inputValue(), 'We use bar models for ratoi.');
  await expectAccessible(dan, 'the form to change a reply');
  // Emptied by mistake: a message by the field.
  await dan.getByLabel('Your reply').fill('');
  await dan.getByRole('button', { name: 'Save changes' }).click();
  await dan.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await dan.locator('#body-error').innerText(), /Enter your reply/);
  await expectAccessible(dan, 'the form to change a reply, with a problem');
  await dan.getByLabel('Your reply').fill('We use **bar models** for ratio, and double number lines.');
  await dan.getByRole('button', { name: 'Save changes' }).click();
  await dan.getByText('Your changes are saved').waitFor();
  const changed = dan.getByTestId('post').filter({ hasText: 'double number lines' });
  assert.match(await changed.innerText(), /Edited 23 November 2026/);
  assert.equal(await changed.locator('strong', { hasText: 'bar models' }).count(), 1, 'the markdown is shown as bold');
  await expectAccessible(dan, 'the thread with his changed reply');

  // Amira sees the change, marked as edited, with no way to change it herself.
  await amira.reload();
  const seen = amira.getByTestId('post').filter({ hasText: 'double number lines' });
  assert.match(await seen.innerText(), /Edited/);
  assert.equal(await seen.getByRole('link', { name: /^Change/ }).count(), 0);

  // Dan deletes his reply: a page asks first.
  await changed.getByRole('link', { name: /^Delete/ }).click();
  await dan.getByRole('heading', { level: 1, name: 'Delete your post?' }).waitFor();
  assert.match(await dan.getByTestId('post-to-delete').innerText(), /double number lines/);
  await expectAccessible(dan, 'the page asking before a post is deleted');
  await dan.getByRole('button', { name: 'Delete post' }).click();
  await dan.getByText('Your post is deleted').waitFor();
  assert.equal(await dan.getByText('double number lines').count(), 0);
  assert.equal(await dan.getByText('This post was deleted by its author').count(), 1, 'it keeps its place');
  await expectAccessible(dan, 'the thread with his reply deleted');
  await amira.reload();
  await amira.getByText('This post was deleted by its author').waitFor();
  assert.equal(await amira.getByText('double number lines').count(), 0);
  await expectAccessible(amira, 'the thread with a deleted reply, for another member');

  // The national administrator creates a national network from the networks page.
  const admin = await (await suite.browser.newContext()).newPage();
  await signInWithPassword(admin, base, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await admin.goto(`${base}/community/networks`);
  await admin.getByRole('heading', { level: 1, name: 'Networks' }).waitFor();
  await expectAccessible(admin, 'the networks, for the national administrator');
  await admin.getByRole('button', { name: 'Create a national network' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Create a national network' }).waitFor();
  await expectAccessible(admin, 'the form to create a network');
  // A name that is taken is refused, with what she typed kept.
  await admin.getByLabel('Name').fill('Secondary subject leaders — national');
  await admin.getByLabel('Short description').fill('Heads of Year 7 and transition leads across the hubs.');
  await admin.getByRole('button', { name: 'Create network' }).click();
  await admin.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await admin.locator('#name-error').innerText(), /There is already a network called Secondary subject leaders — national/);
  assert.equal(await admin.getByLabel('Short description').inputValue(), 'Heads of Year 7 and transition leads across the hubs.');
  await expectAccessible(admin, 'the form to create a network, with a taken name');
  await admin.getByLabel('Name').fill('Year 7 transition leads');
  await admin.getByRole('button', { name: 'Create network' }).click();
  await admin.getByText('The network is created').waitFor();
  assert.equal(new URL(admin.url()).pathname, '/community/networks/year-7-transition-leads');
  await expectAccessible(admin, 'the new network’s board');

  // She renames it from the networks page.
  await admin.goto(`${base}/community/networks`);
  await admin.getByRole('link', { name: 'Change name and description of Year 7 transition leads' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Change Year 7 transition leads' }).waitFor();
  await expectAccessible(admin, 'the form to change a network');
  await admin.getByLabel('Name').fill('Transition leads — national');
  await admin.getByRole('button', { name: 'Save changes' }).click();
  await admin.getByText('The network’s name and description are saved').waitFor();
  await expectAccessible(admin, 'the networks after a change');

  // Amira finds it and joins.
  await amira.goto(`${base}/community/networks`);
  const network = amira.getByTestId('network').filter({ hasText: 'Transition leads — national' });
  assert.match(await network.innerText(), /Heads of Year 7 and transition leads across the hubs\./);
  assert.equal(await amira.getByRole('button', { name: 'Create a national network' }).count(), 0, 'only for the national administrator');
  await expectAccessible(amira, 'the networks, with the new one');
  await network.getByRole('button', { name: 'Join Transition leads — national' }).click();
  await amira.getByText('You have joined this network').waitFor();
  await amira.getByRole('heading', { level: 1, name: 'Threads' }).waitFor();
  await expectAccessible(amira, 'the new network, joined');
});
