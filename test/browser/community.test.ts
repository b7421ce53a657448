// A Work Group's community, in the browser: the lead makes an announcement; a participant
// reads it, starts a thread (first leaving it empty, then with a file that is not allowed),
// mentioning the lead, who replies; the lead hides a post and looks at the files and members;
// the participant chooses her emails, joins a national network and posts there; the lead stops
// the community's emails from the link in his mention email, without signing in; last year's
// space is read-only; the lead removes the participant and lets her back in. axe-core checks
// every page on the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_THIS_YEAR } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const suite = browserSuite({ now: NOW });
const BOARD = `/work-groups/${DEMO_THIS_YEAR.workGroup}/community`;
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function signedIn(role: string): Promise<Page> {
  const page = await (await suite.browser.newContext()).newPage();
  await signInWithPassword(page, suite.site.baseUrl, account(role));
  return page;
}

test('a lead and a participant use their Work Group’s community', async () => {
  const base = suite.site.baseUrl;

  // Steve Waterhouse, the group's lead, opens its community: empty so far.
  const steve = await signedIn('work_group_lead');
  await steve.goto(`${base}${BOARD}`);
  await steve.getByRole('heading', { level: 1, name: 'Community' }).waitFor();
  await expectAccessible(steve, 'an empty board');

  // He makes an announcement.
  await steve.getByRole('link', { name: 'Start a thread' }).first().click();
  await steve.getByRole('heading', { level: 1, name: 'Start a thread or make an announcement' }).waitFor();
  await expectAccessible(steve, 'the new thread form, for a lead');
  await steve.getByLabel('Title').fill('Workshop 2 is in the library');
  await steve.getByLabel('Message').fill('Same time, **new room**: the library on the first floor.');
  await steve.getByLabel('Post this as an announcement').check();
  await steve.getByRole('button', { name: 'Post' }).click();
  await steve.getByRole('heading', { level: 1, name: 'Workshop 2 is in the library' }).waitFor();
  await expectAccessible(steve, 'a thread, for its lead');

  // Priya Shah, a participant, sees it at the top of the board.
  const priya = await signedIn('participant');
  await priya.goto(`${base}${BOARD}`);
  const threads = priya.getByTestId('threads');
  assert.match(await threads.locator('tbody tr').first().innerText(), /Workshop 2 is in the library[\s\S]*Announcement/);
  await expectAccessible(priya, 'the board with an announcement');

  // She starts a thread: first with nothing in it, then with a file hubwork does not take.
  await priya.getByRole('button', { name: 'Start a thread' }).click();
  await priya.getByRole('heading', { level: 1, name: 'Start a thread' }).waitFor();
  assert.equal(await priya.getByLabel('Post this as an announcement').count(), 0, 'participants do not announce');
  await priya.getByRole('button', { name: 'Post' }).click();
  await priya.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await priya.locator('.govuk-error-summary').innerText(), /Enter a title for the thread[\s\S]*Enter your message/);
  await expectAccessible(priya, 'the new thread form with errors');
  await priya.getByLabel('Title').fill('Bar models in Year 7');
  await priya.getByLabel('Message').fill('Here is our plan. @Steve Waterhouse, could you look before workshop 2?');
  await priya.getByLabel('Attach files').setInputFiles({ name: 'macro.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await priya.getByRole('button', { name: 'Post' }).click();
  await priya.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await priya.locator('#attachments-error').innerText(), /must be a PDF, Word[\s\S]*Choose the files again/);
  assert.equal(await priya.getByLabel('Title').inputValue(), 'Bar models in Year 7', 'what she typed is kept');
  await expectAccessible(priya, 'the new thread form with a refused file');
  await priya.getByLabel('Attach files').setInputFiles({ name: 'Year 7 plan.pdf', mimeType: 'application/pdf', buffer: PDF });
  await priya.getByRole('button', { name: 'Post' }).click();
  await priya.getByRole('heading', { level: 1, name: 'Bar models in Year 7' }).waitFor();
  assert.equal(await priya.getByRole('link', { name: 'Year 7 plan.pdf' }).count(), 1);
  await expectAccessible(priya, 'a thread, for a participant');

  // Steve was mentioned: the email takes him to the post, and he replies.
  const mention = (await suite.site.mailsTo(account('work_group_lead').email)).find((m) => /mentioned you/.test(m.subject ?? ''));
  assert.ok(mention, 'Steve is emailed the mention');
  const postLink = /http:\/\/hubwork\.test(\S+\/posts\/\d+)/.exec(mention.text ?? '')![1]!;
  await steve.goto(`${base}${postLink}`);
  await steve.getByRole('heading', { level: 1, name: 'Bar models in Year 7' }).waitFor();
  await steve.getByRole('button', { name: 'Post reply' }).click();
  await steve.locator('#body-error').waitFor();
  await expectAccessible(steve, 'a thread with a reply error');
  await steve.getByLabel('Your reply').fill('Looks good. Bring a copy on the day.');
  await steve.getByRole('button', { name: 'Post reply' }).click();
  await steve.getByText('Looks good. Bring a copy on the day.').waitFor();
  await priya.reload();
  await priya.getByText('Looks good. Bring a copy on the day.').waitFor();

  // A reply Steve hides: Priya no longer sees it; Steve sees it marked hidden.
  await priya.getByLabel('Your reply').fill('Sorry, wrong thread!');
  await priya.getByRole('button', { name: 'Post reply' }).click();
  await priya.getByText('Sorry, wrong thread!').waitFor();
  await steve.reload();
  await steve.getByRole('listitem').filter({ hasText: 'Sorry, wrong thread!' }).getByRole('button', { name: /Hide this post/ }).click();
  await steve.getByText('Sorry, wrong thread!').waitFor();
  assert.match(await steve.getByRole('listitem').filter({ hasText: 'Sorry, wrong thread!' }).innerText(), /Hidden by Steve Waterhouse/);
  await expectAccessible(steve, 'a thread with a hidden post, for its lead');
  await priya.reload();
  assert.equal(await priya.getByText('Sorry, wrong thread!').count(), 0);

  // The files and the members.
  await steve.getByRole('link', { name: 'Files' }).click();
  await steve.getByRole('heading', { level: 1, name: 'Files' }).waitFor();
  assert.match(await steve.getByTestId('files').innerText(), /Year 7 plan\.pdf[\s\S]*Priya Shah[\s\S]*Bar models in Year 7/);
  await expectAccessible(steve, 'the files');
  await steve.getByRole('link', { name: 'Members' }).click();
  await steve.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  assert.match(await steve.getByTestId('members').innerText(), /Priya Shah/);
  await expectAccessible(steve, 'the members, for a lead');

  // Priya chooses an email for every post.
  await priya.getByRole('link', { name: 'Your emails from this community' }).click();
  await priya.getByRole('heading', { level: 1, name: 'How often do you want emails from this community?' }).waitFor();
  await expectAccessible(priya, 'the email choices');
  await priya.getByLabel('Every post, as it is made').check();
  await priya.getByRole('button', { name: 'Save' }).click();
  await priya.getByText('Your email choice is saved').waitFor();
  assert.match(await priya.getByTestId('your-emails').innerText(), /every post, as it is made/);
  await expectAccessible(priya, 'the board after saving a choice');

  // She joins the secondary subject leaders' national network and asks a question there.
  await priya.goto(`${base}/community/networks`);
  await priya.getByRole('heading', { level: 1, name: 'Networks' }).waitFor();
  await expectAccessible(priya, 'the networks');
  await priya.goto(`${base}/community/networks/secondary-subject-leaders`);
  await expectAccessible(priya, 'a network before joining');
  await priya.getByRole('button', { name: 'Join Secondary subject leaders — national' }).click();
  await priya.getByText('You have joined this network').waitFor();
  await expectAccessible(priya, 'a network’s board');
  await priya.getByRole('button', { name: 'Start a thread' }).click();
  await priya.getByLabel('Title').fill('Setting in Year 7?');
  await priya.getByLabel('Message').fill('How do other departments set in Year 7?');
  await priya.getByRole('button', { name: 'Post' }).click();
  await priya.getByRole('heading', { level: 1, name: 'Setting in Year 7?' }).waitFor();
  await expectAccessible(priya, 'a network’s thread');
  await priya.goto(`${base}/community`);
  await priya.getByRole('heading', { level: 1, name: 'Your communities' }).waitFor();
  assert.match(await priya.getByTestId('recent').innerText(), /Setting in Year 7\?/);
  await expectAccessible(priya, 'her communities');

  // Last year's group: read-only.
  await priya.goto(`${base}/work-groups/WRK2223-SHAW01/community`);
  await priya.getByText('This community is read-only').waitFor();
  assert.equal(await priya.getByRole('button', { name: 'Start a thread' }).count(), 0);
  await expectAccessible(priya, 'an archived community');

  await priya.goto(`${base}/work-groups/WRK2223-SHAW01/community/new`);
  await priya.getByRole('heading', { level: 1, name: 'This community is read-only' }).waitFor();
  await expectAccessible(priya, 'a change refused in an archived community');
  await priya.goto(`${base}/community/networks/secondary-subject-leaders/members`);
  await priya.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  await expectAccessible(priya, 'a network’s members');

  // Steve removes Priya from the community (her place on the group stands), then lets her back in.
  await steve.goto(`${base}${BOARD}/members`);
  await steve.getByRole('button', { name: 'Remove Priya Shah' }).click();
  await steve.getByText('The member has been removed').waitFor();
  assert.match(await steve.getByTestId('removed').innerText(), /participant@demo\.hubwork\.test[\s\S]*By Steve Waterhouse on 23 November 2026/);
  await expectAccessible(steve, 'the members, one removed');
  await priya.goto(`${base}${BOARD}`);
  await priya.getByRole('heading', { level: 1, name: 'You have been removed from this community' }).waitFor();
  await expectAccessible(priya, 'removed from the community');
  await steve.getByRole('button', { name: 'Let back in participant@demo.hubwork.test' }).click();
  await steve.getByText('The member can open this community again').waitFor();
  await priya.goto(`${base}${BOARD}/members`);
  await priya.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  assert.equal(await priya.getByRole('button', { name: /Remove/ }).count(), 0, 'only leads remove members');
  await expectAccessible(priya, 'the members, for a participant');

  // Steve stops the community's emails from the link in his email, in a browser not signed in.
  const visitor = await (await suite.browser.newContext()).newPage();
  const unsubscribe = /http:\/\/hubwork\.test(\/community\/unsubscribe\/\S+)/.exec(mention.text ?? '')![1]!;
  await visitor.goto(`${base}${unsubscribe}`);
  await visitor.getByRole('heading', { level: 1, name: /Stop emails from/ }).waitFor();
  await expectAccessible(visitor, 'the unsubscribe page');
  await visitor.getByRole('button', { name: 'Stop emails' }).click();
  await visitor.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
  await expectAccessible(visitor, 'unsubscribed');
  await visitor.goto(`${base}/community/unsubscribe/made-up-token-0000000000000`);
  await expectAccessible(visitor, 'an unsubscribe link that does not work');
  await steve.goto(`${base}${BOARD}/notifications`);
  assert.equal(await steve.getByLabel('No emails').isChecked(), true);
});
