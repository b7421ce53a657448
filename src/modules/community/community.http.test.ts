// The community through the real app: a thread started by one participant and answered by
// another, with a file and a mention; what bad input gets; who can read what (URL guessing
// included); what leads can do; email choices, the unsubscribe link and the daily digest; an
// archived space; networks; and the home pages' recent posts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { signInWithEmailedLink } from '../../../test/sign-in.ts';
import { accountWithRole, type BuiltHub, type BuiltUser, factories, signInAs } from '../../../test/factories.ts';
import { lazyUpload } from '../../../test/lazy-upload.ts';
import { communityJobs } from './jobs.ts';
import { createMembershipRepository } from '../../core/membership/repository.ts';
import { createMembershipService } from '../../core/membership/service.ts';
import { createCommunity } from './index.ts';
import { createCommunityRepository } from './repository.ts';
import { slugOf } from './service.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
// This test's own groups: Amira's and Dan's; in another hub, Priya Shah's this year (led by Steve
// Waterhouse) and their group of 2022/23.
const GROUP = 'WRKT-COMM';
const BOARD = `/work-groups/${GROUP}/community`;
const OTHER = 'WRKT-COMM-OTHER';
const ARCHIVED = 'WRKT-COMM-2223';
const OTHER_BOARD = `/work-groups/${OTHER}/community`;
const AMIRA = { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' };
const DAN = { name: 'Dan Frost', email: 'dan.frost@school.test', role: 'head_of_department' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let t: TestApp;
let amira: Agent;
let dan: Agent;
/** Amira's and Dan's hub. */
let hub: BuiltHub;
const accounts = {} as Record<'national_admin' | 'participant' | 'headteacher' | 'hub_lead', BuiltUser>;

const community = () => createCommunity({ db: t.db, clock: () => NOW, baseUrl: 'http://hubwork.test', membership: createMembershipService({ repository: createMembershipRepository(t.db), clock: () => NOW }) });

const signedIn = (role: keyof typeof accounts) => signInAs(t.app, accounts[role]);
const signedInByLink = (email: string) => signInWithEmailedLink(t, email);

async function startThread(agent: Agent, board: string, fields: Record<string, string>, files: Parameters<Agent['upload']>[1] = {}): Promise<Page> {
  const form = await agent.get(`${board}/new`);
  assert.equal(form.status, 200);
  return agent.upload(form, files, `${board}/new`, fields);
}

async function reply(agent: Agent, threadUrl: string, fields: Record<string, string>, files: Parameters<Agent['upload']>[1] = {}): Promise<Page> {
  const page = await agent.get(threadUrl);
  assert.equal(page.status, 200);
  const action = page.$('form[enctype="multipart/form-data"]').attr('action')!;
  return agent.upload(page, files, action, fields);
}

/** Follows redirects (303s) to the page they end on. */
async function follow(agent: Agent, page: Page): Promise<Page> {
  let current = page;
  for (let i = 0; i < 5 && current.status === 303 && current.location; i++) current = await agent.get(current.location.replace(/#.*$/, ''));
  return current;
}

const postTexts = (page: Page) => page.$('[data-testid="post-body"]').map((_, el) => page.$(el).text().trim()).get();

before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  hub = await make.hub({ name: 'Tyne Valley Maths Hub' });
  const group = await make.workGroup(hub, { code: GROUP, title: 'Secondary Subject Leadership Community' });
  // Two schools with confirmed places, one head of department each: Amira and Dan.
  for (const teacher of [AMIRA, DAN]) await make.confirmedRegistration(group, await make.school(hub), [teacher]);
  const otherHub = await make.hub();
  const other = await make.workGroup(otherHub, { code: OTHER });
  const archived = await make.workGroup(otherHub, { code: ARCHIVED, project: await make.project({ academicYear: '2022/23' }), firstWorkshop: new Date('2022-11-07T13:00:00Z') });
  accounts.participant = await make.user('participant', { workGroup: archived }, { name: 'Priya Shah' });
  await make.confirmedRegistration(other, await make.school(otherHub), [{ name: 'Priya Shah', email: accounts.participant.email }]);
  const steve = await make.user('work_group_lead', { workGroup: other }, { name: 'Steve Waterhouse' });
  await make.role(steve, 'work_group_lead', { workGroup: archived });
  accounts.national_admin = await make.user('national_admin', {}, { name: 'Nadia Okafor' });
  accounts.headteacher = await accountWithRole(make, 'headteacher');
  accounts.hub_lead = await accountWithRole(make, 'hub_lead');
  amira = await signedInByLink(AMIRA.email);
  dan = await signedInByLink(DAN.email);
});
after(async () => {
  await t.close();
});

describe('the community of a Work Group', () => {
  let threadUrl = '';
  let fileHref = '';

  test('a thread started by one participant and replied to by another, with a file and a mention', async () => {
    const empty = await amira.get(BOARD);
    assert.equal(empty.status, 200, 'the space is there without any setup');
    assert.match(empty.$('[data-testid="no-threads"]').text(), /No one has started a thread yet/);

    const started = await startThread(
      amira,
      BOARD,
      { title: 'Fractions at Key Stage 3', body: 'Our **bar models** for fractions: what do you think?\n\n- Year 7\n- Year 8' },
      { attachments: { name: 'bar models.pdf', content: PDF, type: 'application/pdf' } },
    );
    assert.equal(started.status, 303);
    threadUrl = started.location!;
    assert.match(threadUrl, new RegExp(`^${BOARD}/threads/\\d+$`));

    const replied = await reply(dan, threadUrl, { body: 'Thanks @Amira Khan, we use them in Year 7 too.' });
    assert.equal(replied.status, 303);
    assert.match(replied.location!, /#post-\d+$/);

    // Both see both posts, in order, the markdown as HTML; the file is listed and downloads.
    for (const agent of [amira, dan]) {
      const page = await agent.get(threadUrl);
      assert.equal(page.$('h1').text().trim(), 'Fractions at Key Stage 3');
      assert.deepEqual(page.$('[data-testid="post"] h2').map((_, el) => page.$(el).text().trim()).get(), ['Amira Khan', 'Dan Frost']);
      assert.equal(page.$('[data-testid="post-body"] strong').first().text(), 'bar models');
      assert.equal(page.$('[data-testid="post-body"] ul li').length, 2);
      fileHref = page.$(`a[href^="${BOARD}/files/"]`).attr('href')!;
      assert.ok(fileHref);
    }
    const download = await dan.get(fileHref);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="bar models.pdf"/);
    assert.equal(download.body, PDF.toString());

    const board = await dan.get(BOARD);
    const row = board.$('[data-testid="threads"] tbody tr').first();
    assert.match(row.text(), /Fractions at Key Stage 3/);
    assert.match(row.text(), /Started by Amira Khan/);
    assert.equal(row.find('td').eq(1).text().trim(), '1', 'one reply');
    const files = await dan.get(`${BOARD}/files`);
    assert.match(files.$('[data-testid="files"]').text(), /bar models\.pdf[\s\S]*Amira Khan[\s\S]*Fractions at Key Stage 3/);

    // Amira was mentioned: she is emailed, with a link to the post and one to stop the emails.
    const mention = (await t.mailsTo(AMIRA.email)).find((m) => /mentioned you/.test(m.subject ?? ''));
    assert.ok(mention, 'a mention email');
    assert.equal(mention.subject, 'Dan Frost mentioned you in “Fractions at Key Stage 3”');
    assert.match(mention.text ?? '', /Thanks @Amira Khan, we use them in Year 7 too\./);
    assert.match(mention.text ?? '', new RegExp(`http://hubwork\\.test${BOARD}/posts/\\d+`));
    assert.match(mention.text ?? '', /http:\/\/hubwork\.test\/community\/unsubscribe\/[A-Za-z0-9_-]{43}/);
    // Nobody else was emailed about the reply: members get the daily digest unless they choose otherwise.
    assert.equal((await t.mailsTo(DAN.email)).filter((m) => /Fractions/.test(m.subject ?? '')).length, 0);
    // The link in the email opens the post.
    const postPath = new RegExp(`http://hubwork\\.test(${BOARD}/posts/\\d+)`).exec(mention.text ?? '')![1]!;
    const opened = await amira.get(postPath);
    assert.equal(opened.status, 303);
    assert.match(opened.location!, new RegExp(`^${threadUrl}#post-\\d+$`));
  });

  test('bad input: a clear message by the field, what was typed kept, nothing saved, never a 500', async () => {
    const count = async () => Number((await t.db.selectFrom('community_posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();

    const empty = await startThread(amira, BOARD, { title: '  ', body: '   ' });
    assert.equal(empty.status, 400);
    assert.match(empty.$('#title-error').text(), /Enter a title for the thread/);
    assert.match(empty.$('#body-error').text(), /Enter your message/);
    assert.match(empty.$('.govuk-error-summary').text(), /Enter a title/);
    assert.match(empty.$('title').text(), /^Error: /);

    const huge = 'x'.repeat(20_001);
    const tooLong = await startThread(amira, BOARD, { title: 'A long one', body: huge });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.$('#body-error').text(), /must be 20,000 characters or fewer \(it has 20,001\)/);
    assert.equal(tooLong.$('#body').text(), huge, 'the text is kept');
    assert.equal(tooLong.$('#title').val(), 'A long one');
    // Far beyond the form's limit: still a message, not a failure.
    const enormous = await startThread(amira, BOARD, { title: 'Enormous', body: 'y'.repeat(300_000) });
    assert.equal(enormous.status, 400);
    assert.match(enormous.$('#body-error').text(), /must be 20,000 characters or fewer/);

    const exe = await startThread(amira, BOARD, { title: 'A program', body: 'Run this' }, { attachments: { name: 'setup.exe', content: 'MZ\x90\x00' } });
    assert.equal(exe.status, 400);
    assert.match(exe.$('#attachments-error').text(), /must be a PDF, Word/);
    assert.equal(exe.$('#body').text(), 'Run this');
    const html = await startThread(amira, BOARD, { title: 'A page', body: 'See this' }, { attachments: { name: 'page.pdf', content: '<script>alert(1)</script>' } });
    assert.equal(html.status, 400);
    assert.match(html.$('#attachments-error').text(), /content is not a PDF file/);
    const oversized = await startThread(amira, BOARD, { title: 'Big', body: 'A big file' }, { attachments: { name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) } });
    assert.equal(oversized.status, 400);
    assert.match(oversized.$('#attachments-error').text(), /must be smaller than 10 MB/);

    const thread = await amira.get(threadUrl);
    const emptyReply = await amira.upload(thread, {}, thread.$('form[enctype="multipart/form-data"]').attr('action')!, { body: '' });
    assert.equal(emptyReply.status, 400);
    assert.match(emptyReply.$('#body-error').text(), /Enter your reply/);
    assert.equal(emptyReply.$('[data-testid="post"]').length, 2, 'the thread is still shown');

    // Only leads announce; a participant's tampered form is refused.
    const announce = await startThread(amira, BOARD, { title: 'Important', body: 'Listen', announcement: 'yes' });
    assert.equal(announce.status, 400);
    assert.match(announce.$('.govuk-error-summary').text(), /Only the group’s leads can post announcements/);
    assert.equal(await count(), before, 'nothing was saved');

    // The same form sent twice (a double click, a resend) makes one post.
    const form = await dan.get(threadUrl);
    const action = form.$('form[enctype="multipart/form-data"]').attr('action')!;
    const first = await dan.upload(form, {}, action, { body: 'Sent twice' });
    const second = await dan.upload(form, {}, action, { body: 'Sent twice' });
    assert.equal(first.status, 303);
    assert.equal(second.location, first.location, 'both go to the one post');
    assert.equal(await count(), before + 1);
    const newThread = await dan.get(`${BOARD}/new`);
    const a = await dan.upload(newThread, {}, `${BOARD}/new`, { title: 'Once', body: 'Only once' });
    const b = await dan.upload(newThread, {}, `${BOARD}/new`, { title: 'Once', body: 'Only once' });
    assert.equal(a.location, b.location);
    const threads = await t.db.selectFrom('community_threads').select('id').where('title', '=', 'Once').execute();
    assert.equal(threads.length, 1, 'one thread');

    // Addresses that name nothing.
    assert.equal((await dan.get(`${BOARD}/threads/999999`)).status, 404);
    assert.equal((await dan.get(`${BOARD}/threads/abc`)).status, 404);
    assert.equal((await dan.get(`${threadUrl}?page=7`)).status, 404);
    assert.equal((await dan.get(`${BOARD}/files/99999999`)).status, 404);
    assert.equal((await dan.get('/work-groups/NOPE/community')).status, 404);
  });

  test('a participant of one group cannot read another group’s space or files, however the address is found', async () => {
    // Priya Shah (a participant of OTHER) posts a file in her group's space.
    const priya = await signedIn('participant');
    const posted = await startThread(priya, OTHER_BOARD, { title: 'Our department plan', body: 'Attached.' }, { attachments: { name: 'plan.pdf', content: PDF } });
    assert.equal(posted.status, 303);
    const otherThread = posted.location!;
    const otherFile = (await priya.get(otherThread)).$(`a[href^="${OTHER_BOARD}/files/"]`).attr('href')!;
    const otherFileId = otherFile.split('/').pop()!;
    const otherThreadId = otherThread.split('/').pop()!;
    assert.equal((await priya.get(otherFile)).status, 200);

    // Amira, a participant of another group, gets 403 on every page of it.
    for (const path of [OTHER_BOARD, `${OTHER_BOARD}/new`, otherThread, `${OTHER_BOARD}/files`, otherFile, `${OTHER_BOARD}/members`, `${OTHER_BOARD}/notifications`]) {
      const page = await amira.get(path);
      assert.equal(page.status, 403, path);
      assert.doesNotMatch(page.body, /Our department plan|plan\.pdf/, path);
    }
    const refused = await amira.request('POST', `${otherThread}/replies`, { _csrf: String((await amira.get(BOARD)).$('input[name="_csrf"]').val() ?? ''), body: 'Let me in' });
    assert.equal(refused.status, 403, 'a reply is refused');
    // Guessing the file's or thread's number under her own group's address finds nothing.
    assert.equal((await amira.get(`${BOARD}/files/${otherFileId}`)).status, 404);
    assert.equal((await amira.get(`${BOARD}/threads/${otherThreadId}`)).status, 404);
    // Nor does a visitor, a headteacher, or a lead of another group.
    assert.equal((await new Agent(t.app).get(otherFile)).status, 303, 'a visitor is sent to sign in');
    assert.equal((await (await signedIn('headteacher')).get(otherFile)).status, 403);
    assert.equal((await (await signedIn('headteacher')).get(BOARD)).status, 403);
    // The files page of her own group lists only its own files.
    const ownFiles = await amira.get(`${BOARD}/files`);
    assert.doesNotMatch(ownFiles.body, /plan\.pdf/);
    assert.equal(await t.db.selectFrom('community_posts').select('id').where('body', '=', 'Let me in').executeTakeFirst(), undefined);
  });

  test('leads announce (pinned first, emailed to every member), hide posts (kept) and remove members (recorded)', async () => {
    const lead = await signedIn('national_admin');
    const announced = await startThread(lead, BOARD, { title: 'Workshop 2 moves to the library', body: 'Same time, new room.', announcement: 'yes' });
    assert.equal(announced.status, 303);
    // Another thread afterwards: the announcement still comes first.
    await startThread(dan, BOARD, { title: 'Later thread', body: 'Newer than the announcement' });
    const board = await amira.get(BOARD);
    const first = board.$('[data-testid="threads"] tbody tr').first();
    assert.match(first.text(), /Workshop 2 moves to the library/);
    assert.match(first.text(), /Announcement/);
    for (const email of [AMIRA.email, DAN.email]) {
      const mail = (await t.mailsTo(email)).find((m) => /^Announcement from/.test(m.subject ?? ''));
      assert.ok(mail, `${email} is emailed the announcement`);
      assert.match(mail.text ?? '', /Same time, new room\./);
    }

    // The lead hides Dan's reply: members no longer see it, nor its file; the lead sees it marked.
    const withFile = await reply(dan, threadUrl, { body: 'A reply to hide' }, { attachments: { name: 'notes.txt', content: 'some notes' } });
    const postId = /#post-(\d+)$/.exec(withFile.location!)![1]!;
    const noteHref = (await follow(dan, withFile)).$(`#post-${postId} a[href^="${BOARD}/files/"]`).attr('href')!;
    assert.equal((await amira.get(noteHref)).status, 200);
    const leadView = await lead.get(threadUrl);
    const hidden = await lead.submit(leadView, {}, `${BOARD}/posts/${postId}/hide`);
    assert.equal(hidden.status, 303);
    assert.doesNotMatch(postTexts(await amira.get(threadUrl)).join('\n'), /A reply to hide/);
    assert.equal((await amira.get(noteHref)).status, 404, 'its file is hidden too');
    assert.doesNotMatch((await amira.get(`${BOARD}/files`)).body, /notes\.txt/);
    assert.equal((await amira.get(`${BOARD}/posts/${postId}`)).status, 404);
    const seenByLead = await lead.get(threadUrl);
    assert.match(seenByLead.$(`#post-${postId}`).text(), /A reply to hide[\s\S]*/);
    assert.match(seenByLead.$(`#post-${postId}`).text(), /Hidden[\s\S]*by Nadia Okafor/);
    assert.equal((await lead.get(noteHref)).status, 200);
    const kept = await t.db.selectFrom('community_posts').select(['hidden_at', 'hidden_by']).where('id', '=', Number(postId)).executeTakeFirstOrThrow();
    assert.ok(kept.hidden_at && kept.hidden_by, 'the post is kept, marked hidden');
    // A participant cannot hide.
    const byParticipant = await amira.request('POST', `${BOARD}/posts/${postId}/show`, { _csrf: String(board.$('input[name="_csrf"]').val() ?? '') });
    assert.equal(byParticipant.status, 403);
    // Shown again.
    await lead.submit(seenByLead, {}, `${BOARD}/posts/${postId}/show`);
    assert.match(postTexts(await amira.get(threadUrl)).join('\n'), /A reply to hide/);

    // Hiding a thread's opening post hides the thread from members.
    const later = await startThread(dan, BOARD, { title: 'Off topic', body: 'Something off topic' });
    const laterPage = await lead.get(later.location!);
    const openingId = laterPage.$('[data-testid="post"]').first().attr('id')!.replace('post-', '');
    await lead.submit(laterPage, {}, `${BOARD}/posts/${openingId}/hide`);
    assert.equal((await amira.get(later.location!)).status, 404);
    assert.doesNotMatch((await amira.get(BOARD)).$('[data-testid="threads"]').text(), /Off topic/);
    assert.match((await lead.get(BOARD)).$('[data-testid="threads"]').text(), /Off topic[\s\S]*Hidden/);

    // The lead removes Dan: his registration stands, his access to the space does not.
    const members = await lead.get(`${BOARD}/members`);
    assert.match(members.$('[data-testid="members"]').text(), /Dan Frost/);
    const removed = await lead.submit(members, { email: DAN.email }, `${BOARD}/members/remove`);
    assert.equal(removed.status, 303);
    const after = await lead.get(removed.location!);
    assert.match(after.$('.govuk-notification-banner').text(), /has been removed/);
    assert.doesNotMatch(after.$('[data-testid="members"]').text(), /Dan Frost/);
    assert.match(after.$('[data-testid="removed"]').text(), /dan\.frost@school\.test[\s\S]*By Nadia Okafor on 23 November 2026 at midday/);
    const refused = await dan.get(BOARD);
    assert.equal(refused.status, 403);
    assert.match(refused.$('main').text(), /Nadia Okafor removed you from .*community on Monday 23 November 2026/);
    assert.equal((await dan.get(threadUrl)).status, 403);
    const registration = await t.db
      .selectFrom('registration_participants as p')
      .innerJoin('registrations as r', 'r.id', 'p.registration_id')
      .select('r.status')
      .where('p.email', '=', DAN.email)
      .executeTakeFirstOrThrow();
    assert.equal(registration.status, 'confirmed', 'the registration stands');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', 'like', 'community.%').execute();
    assert.ok(audit.some((a) => a.action === 'community.member.remove'));
    // A participant cannot remove anyone; a bad email is a message.
    const byAmira = await amira.request('POST', `${BOARD}/members/remove`, { _csrf: String(board.$('input[name="_csrf"]').val() ?? ''), email: AMIRA.email });
    assert.equal(byAmira.status, 403);
    const unknown = await lead.submit(after, { email: 'nobody@school.test' }, `${BOARD}/members/remove`);
    assert.equal(unknown.status, 400);
    assert.match(unknown.$('.govuk-error-summary').text(), /Choose a member/);
    // And lets him back in.
    await lead.submit(after, { email: DAN.email }, `${BOARD}/members/restore`);
    assert.equal((await dan.get(BOARD)).status, 200);
  });

  test('email choices: every post at once, the unsubscribe link without signing in, and the daily digest', async () => {
    // Dan asks for every post.
    const choices = await dan.get(`${BOARD}/notifications`);
    assert.equal(choices.$('input[name="mode"][value="daily"]').attr('checked'), 'checked', 'the daily digest unless chosen otherwise');
    const missing = await dan.submit(choices, {});
    assert.equal(missing.status, 400);
    assert.match(missing.$('#mode-error').text(), /Select how often/);
    assert.equal((await dan.submit(choices, { mode: 'immediately' })).status, 303);
    await reply(amira, threadUrl, { body: 'A new idea about fractions' });
    const mail = (await t.mailsTo(DAN.email)).find((m) => /Amira Khan posted in/.test(m.subject ?? ''));
    assert.ok(mail, 'Dan is emailed the post');
    assert.match(mail.text ?? '', /A new idea about fractions/);

    // The unsubscribe link works without signing in; the page asks first, then stops the emails.
    const link = /http:\/\/hubwork\.test(\/community\/unsubscribe\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
    const visitor = new Agent(t.app);
    const page = await visitor.get(link);
    assert.equal(page.status, 200);
    assert.match(page.$('main').text(), /dan\.frost@school\.test will get no more emails from Secondary Subject Leadership Community/);
    const done = await visitor.submit(page, {});
    assert.equal(done.status, 200);
    assert.match(done.$('h1').text(), /You are unsubscribed/);
    assert.equal((await dan.get(`${BOARD}/notifications`)).$('input[name="mode"][value="off"]').attr('checked'), 'checked');
    const before = (await t.mailsTo(DAN.email)).length;
    await reply(amira, threadUrl, { body: 'Another thought, @Dan Frost' });
    await startThread(await signedIn('national_admin'), BOARD, { title: 'Another announcement', body: 'For everyone', announcement: 'yes' });
    assert.equal((await t.mailsTo(DAN.email)).length, before, 'no more emails, even a mention or an announcement');
    assert.equal((await visitor.get('/community/unsubscribe/not-a-real-token-at-all-xxxxxxxx')).status, 404);

    // The daily digest: Amira (daily, the default) gets the day's posts by others, not her own.
    const result = await community().sendDigests();
    assert.ok('emails' in result && result.emails >= 1);
    const digest = (await t.mailsTo(AMIRA.email)).find((m) => /^Your communities today/.test(m.subject ?? ''));
    assert.ok(digest, 'Amira gets a digest');
    assert.match(digest.text ?? '', /SECONDARY SUBJECT LEADERSHIP COMMUNITY/);
    assert.match(digest.text ?? '', /“Fractions at Key Stage 3”: \d+ posts? by Dan Frost/);
    assert.match(digest.text ?? '', /New thread: “Workshop 2 moves to the library”/);
    assert.doesNotMatch(digest.text ?? '', /Another thought/);
    assert.doesNotMatch(digest.text ?? '', /Off topic/, 'hidden threads are left out');
    assert.match(digest.text ?? '', /Stop emails from Secondary Subject Leadership Community: http:\/\/hubwork\.test\/community\/unsubscribe\//);
    assert.equal((await t.mailsTo(DAN.email)).filter((m) => /^Your communities today/.test(m.subject ?? '')).length, 0, 'Dan turned emails off');
    // Run again the same day: nothing more.
    assert.deepEqual(await community().sendDigests(), { skipped: true });
    // The worker's job calls it, daily at 06:00 UTC, and reads nothing from graphile-worker's _cron.
    let runs = 0;
    const digests = communityJobs({ sendDigests: async () => void runs++ }).send_community_digests;
    assert.ok(digests);
    assert.equal(digests.every, '0 6 * * *');
    await digests.run(digests.payload.parse({ _cron: { ts: NOW.toISOString(), backfilled: false } }));
    assert.equal(runs, 1);
  });

  test('one-click unsubscribe (RFC 8058): the digest carries the headers, and a mail program’s POST to the link stops the emails', async () => {
    const digest = (await t.mailsTo(AMIRA.email)).find((m) => /^Your communities today/.test(m.subject ?? ''));
    assert.ok(digest);
    // mailparser gathers the List-* headers under "list".
    const header = JSON.stringify(digest.headers.get('list'));
    const link = /\/community\/unsubscribe\/[A-Za-z0-9_-]{43}/.exec(header)?.[0];
    assert.ok(link, `a List-Unsubscribe header: ${header}`);
    assert.match(header, /List-Unsubscribe=One-Click/, 'and List-Unsubscribe-Post');
    // As a mail program sends it: no cookie, no CSRF token.
    const posted = await t.app.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(posted.statusCode, 200);
    assert.equal((await amira.get(`${BOARD}/notifications`)).$('input[name="mode"][value="off"]').attr('checked'), 'checked');
    // Any other form still needs its CSRF token.
    const forged = await t.app.inject({ method: 'POST', url: `${BOARD}/notifications`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'mode=immediately' });
    assert.equal(forged.statusCode, 403);
  });

  test('a long thread is shown 50 posts a page; a reply goes to the last page', async () => {
    const service = community();
    const user = await t.db.selectFrom('users').select(['id', 'email', 'name', 'school_urn']).where('email', '=', DAN.email).executeTakeFirstOrThrow();
    const access = await service.groupSpace({ id: user.id, email: user.email, name: user.name, schoolUrn: user.school_urn, roles: [] }, GROUP);
    const started = await service.startThread(access, { title: 'A long conversation', body: 'Post 1', uploads: [], submissionKey: '' });
    assert.ok(started.ok);
    for (let i = 2; i <= 60; i++) await service.reply(access, started.threadId, { body: `Post ${i}`, uploads: [], submissionKey: '' });
    const url = `${BOARD}/threads/${started.threadId}`;
    const first = await amira.get(url);
    assert.equal(first.$('[data-testid="post"]').length, 50);
    assert.equal(postTexts(first)[0], 'Post 1');
    assert.equal(first.$('.govuk-pagination').first().find(`a[href="${url}?page=2"]`).length, 2, 'page 2 and next');
    const second = await amira.get(`${url}?page=2`);
    assert.deepEqual(postTexts(second), ['Post 51', 'Post 52', 'Post 53', 'Post 54', 'Post 55', 'Post 56', 'Post 57', 'Post 58', 'Post 59', 'Post 60']);
    assert.match(second.$('title').text(), /A long conversation \(page 2 of 2\)/);
    const replied = await reply(amira, url, { body: 'Post 61' });
    assert.match(replied.location!, new RegExp(`^${url}\\?page=2#post-\\d+$`));
    // A reply with a problem, sent from page 1, shows page 1 again with the message.
    const page = await amira.get(url);
    const problem = await amira.upload(page, {}, `${url}/replies`, { body: ' ' });
    assert.equal(problem.status, 400);
    assert.equal(postTexts(problem)[0], 'Post 1');
  });

  test('a space whose academic year has ended is read-only', async () => {
    // Priya and Steve's 2022/23 group.
    const priya = await signedIn('participant');
    const archived = `/work-groups/${ARCHIVED}/community`;
    const board = await priya.get(archived);
    assert.equal(board.status, 200);
    assert.match(board.$('main').text(), /This community is read-only/);
    assert.equal(board.$(`a[href="${archived}/new"]`).length, 0);
    const form = await priya.get(`${archived}/new`);
    assert.equal(form.status, 403);
    assert.match(form.$('h1').text(), /This community is read-only/);
    const posted = await priya.multipart(`${archived}/new`, { _csrf: String(board.$('input[name="_csrf"]').val() ?? ''), title: 'Too late', body: 'After the year' });
    assert.equal(posted.status, 403);
    assert.match(posted.$('main').text(), /ended with its academic year on Thursday 31 August 2023/);
    assert.equal(await t.db.selectFrom('community_threads').select('id').where('title', '=', 'Too late').executeTakeFirst(), undefined);
  });
});

describe('networks', () => {
  test('people who take part in a Work Group join a national network, post in it, and leave; others cannot join', async () => {
    const list = await amira.get('/community/networks');
    assert.equal(list.status, 200);
    const national = list.$('[data-testid="network"]').filter((_, el) => /Secondary subject leaders — national/.test(list.$(el).text()));
    assert.equal(national.length, 1);
    const board = '/community/networks/secondary-subject-leaders';
    // Not joined yet: the network's page offers to join.
    const before = await amira.get(board);
    assert.equal(before.status, 200);
    assert.match(before.$('main').text(), /Join to read its threads/);
    assert.equal((await amira.get(`${board}/new`)).status, 403);
    const joined = await amira.submit(before, {}, `${board}/join`);
    assert.equal(joined.status, 303);
    const posted = await startThread(amira, board, { title: 'Across hubs: setting in Year 7', body: 'How do your departments set in Year 7?' });
    assert.equal(posted.status, 303);
    assert.match(posted.location!, /^\/community\/networks\/secondary-subject-leaders\/threads\/\d+$/);

    // Priya, in another group and hub, joins and replies, mentioning Amira.
    const priya = await signedIn('participant');
    await priya.submit(await priya.get(board), {}, `${board}/join`);
    assert.equal((await reply(priya, posted.location!, { body: 'Mixed attainment, @Amira Khan.' })).status, 303);
    assert.deepEqual(postTexts(await amira.get(posted.location!)), ['How do your departments set in Year 7?', 'Mixed attainment, @Amira Khan.']);
    assert.ok((await t.mailsTo(AMIRA.email)).some((m) => m.subject === 'Priya Shah mentioned you in “Across hubs: setting in Year 7”'));

    // A headteacher takes part in no Work Group: the network is not theirs to join.
    const head = await signedIn('headteacher');
    const headPage = await head.get(board);
    assert.match(headPage.$('main').text(), /Only people who take part in or lead a Work Group can join/);
    const headList = await head.get('/community/networks');
    assert.equal(headList.$(`form[action="${board}/join"]`).length, 0, 'no join button for them');
    const forced = await head.request('POST', `${board}/join`, { _csrf: String(headList.$('input[name="_csrf"]').val() ?? '') });
    assert.equal(forced.status, 403);
    assert.match(forced.$('.govuk-error-summary').text(), /Only people who take part in or lead a Work Group/);
    assert.equal((await head.get(posted.location!)).status, 403);

    // Amira's hub network is listed; she leaves the national one and can no longer read it.
    assert.ok(list.$('[data-testid="network"]').filter((_, el) => /Hub network/.test(list.$(el).text())).length >= 1);
    const left = await amira.submit(await amira.get('/community/networks'), {}, `${board}/leave`);
    assert.equal(left.status, 303);
    assert.equal((await amira.get(posted.location!)).status, 403);
    assert.equal((await amira.get('/community/networks/no-such-network')).status, 404);
  });

  test('an announcement to a network of 600 members: each is emailed, with their own unsubscribe link', async () => {
    const board = '/community/networks/secondary-mastery-specialists';
    const space = await t.db.selectFrom('community_spaces').select('id').where('slug', '=', 'secondary-mastery-specialists').executeTakeFirstOrThrow();
    const members = await t.db
      .insertInto('users')
      .values(Array.from({ length: 600 }, (_, i) => ({ email: `specialist${i}@network.test`, name: `Specialist ${i}` })))
      .returning('id')
      .execute();
    await t.db
      .insertInto('community_network_members')
      .values(members.map((m) => ({ space_id: space.id, user_id: m.id, joined_at: NOW })))
      .execute();
    // One of them turned the network's emails off.
    await t.db.insertInto('community_subscriptions').values({ space_id: space.id, user_id: members[1]!.id, mode: 'off', updated_at: NOW }).execute();

    const lead = await signedIn('national_admin');
    const announced = await startThread(lead, board, { title: 'National conference: places open', body: 'Book by Friday.', announcement: 'yes' });
    assert.equal(announced.status, 303);
    const links = await t.db.selectFrom('community_unsubscribe_links').select('token_hash').where('space_id', '=', space.id).execute();
    assert.equal(links.length, 599, 'a link for each member emailed');
    assert.equal(new Set(links.map((l) => l.token_hash)).size, 599, 'each their own');

    // 600 emails take the worker a while on a busy machine: wait for them all before reading.
    await t.waitForJobs({ timeoutMs: 60_000 });
    const mails = (await t.mailsTo('@network.test')).filter((m) => m.subject === 'Announcement from Secondary Mastery Specialists — national: National conference: places open');
    assert.equal(mails.length, 599);
    assert.deepEqual(await t.mailsTo('specialist1@network.test'), [], 'not the member who turned them off');
    const last = (await t.mailsTo('specialist599@network.test'))[0];
    assert.match(last?.text ?? '', /Book by Friday\./);
    // The last member's link stops their emails, and only theirs.
    const unsubscribe = /http:\/\/hubwork\.test(\/community\/unsubscribe\/[A-Za-z0-9_-]+)/.exec(last?.text ?? '')?.[1];
    assert.ok(unsubscribe);
    const visitor = new Agent(t.app);
    assert.equal((await visitor.submit(await visitor.get(unsubscribe), {})).status, 200);
    const modes = await t.db.selectFrom('community_subscriptions').select(['user_id', 'mode']).where('space_id', '=', space.id).where('mode', '=', 'off').execute();
    assert.deepEqual(modes.map((m) => m.user_id).sort((a, b) => a - b), [members[1]!.id, members[599]!.id]);
  });

  test('recentFor: the newest posts a person can see, for their home page', async () => {
    const service = community();
    const user = await t.db.selectFrom('users').select(['id', 'email', 'name', 'school_urn']).where('email', '=', AMIRA.email).executeTakeFirstOrThrow();
    const recent = await service.recentFor({ id: user.id, email: user.email, name: user.name, schoolUrn: user.school_urn, roles: [] }, 3);
    assert.equal(recent.length, 3);
    assert.ok(recent.every((r) => r.groupCode === GROUP && r.space === 'Secondary Subject Leadership Community'), 'only her group (she left the network)');
    assert.ok(recent[0]!.postedAt >= recent[2]!.postedAt);
    assert.match(recent[0]!.href, new RegExp(`^${BOARD}/posts/\\d+$`));
    assert.ok(!recent.some((r) => r.threadTitle === 'Off topic'), 'hidden threads are left out');
    const page = await amira.get('/community');
    assert.equal(page.status, 200);
    assert.match(page.$('[data-testid="group-communities"]').text(), /Secondary Subject Leadership Community/);
  });
});

describe('odd input', () => {
  test('a NUL or other control character in a post or a member’s address is never a 500', async () => {
    const posted = await startThread(amira, BOARD, { title: 'Nul\u0000title', body: 'a\u0000b\u0007\tc' });
    assert.equal(posted.status, 303);
    const thread = await amira.get(posted.location!);
    // Every field loses its control characters on the way in (platform/http/input.ts).
    assert.equal(thread.$('h1').text().trim(), 'Nultitle');
    assert.deepEqual(postTexts(thread), ['ab\tc']);

    const lead = await signedIn('national_admin');
    const members = await lead.get(`${BOARD}/members`);
    const csrf = String(members.$('input[name="_csrf"]').val() ?? '');
    for (const email of ['x\u0000y@school.test', 'nobody@school.test', '']) {
      const restored = await lead.request('POST', `${BOARD}/members/restore`, { _csrf: csrf, email });
      assert.equal(restored.status, 400, JSON.stringify(email));
      assert.match(restored.$('.govuk-error-summary').text(), /Choose a removed member to let back in/);
      const removed = await lead.request('POST', `${BOARD}/members/remove`, { _csrf: csrf, email });
      assert.equal(removed.status, 400, JSON.stringify(email));
    }
  });
});

describe('uploads are read only from a member sending the form’s token', () => {
  const MB = 1024 * 1024;

  test('a visitor, a non-member, and a member without the form’s token are answered before the body is read', async () => {
    const thread = await startThread(amira, BOARD, { title: 'Big files', body: 'Where replies go' });
    const form = await amira.get(`${BOARD}/new`);
    // The token is every upload form's first field, so it arrives before any file.
    for (const page of [form, await amira.get(thread.location!)]) {
      assert.equal(page.$('form[enctype="multipart/form-data"] [name]').first().attr('name'), '_csrf');
    }
    const token = String(form.$('input[name="_csrf"]').val());
    const outsider = await signedIn('participant');
    const replies = `${thread.location!.replace(/#.*$/, '')}/replies`;
    for (const url of [`${BOARD}/new`, replies]) {
      for (const [who, options, status] of [
        ['a visitor', {}, 303],
        ['a signed-in non-member', { agent: outsider, fields: [['_csrf', token]] }, 403],
        ['a member with no token', { agent: amira, fields: [['title', 'No token']] }, 403],
        ['a member with a wrong token', { agent: amira, fields: [['_csrf', `${token}x`]] }, 403],
        ['a member with another browser’s token', { agent: amira, fields: [['_csrf', String((await outsider.get('/account')).$('input[name="_csrf"]').val())]] }, 403],
      ] as const) {
        const sent = await lazyUpload(t.app, url, { ...options, fileBytes: 30 * MB });
        assert.ok(sent.read < MB, `${who} at ${url}: the app read ${sent.read} of ${sent.total} bytes`);
        assert.equal(sent.status, status, `${who} at ${url}`);
        if (status === 403 && who.startsWith('a member')) assert.match(sent.body, /This form has expired/);
      }
    }
    assert.equal(await t.db.selectFrom('community_posts').select('id').where('body', '=', 'No token').executeTakeFirst(), undefined);
  });

  test('a member’s request is read up to five files’ worth and no further', async () => {
    const token = String((await amira.get(`${BOARD}/new`)).$('input[name="_csrf"]').val());
    const fields: [string, string][] = [['_csrf', token], ['title', 'Too much'], ['body', 'Eight large files']];
    const sent = await lazyUpload(t.app, `${BOARD}/new`, { agent: amira, fields, files: 8, fileBytes: 9 * MB });
    assert.ok(sent.read < 52 * MB, `the app read ${sent.read} of ${sent.total} bytes`);
    assert.equal(sent.status, 413);
    assert.match(sent.body, /Sorry, that upload is too large/);
    // Within the limit, the same form is read to the end (a file too large gets its message by the field).
    const fits = await lazyUpload(t.app, `${BOARD}/new`, { agent: amira, fields, files: 1, fileBytes: 11 * MB });
    assert.equal(fits.status, 400);
    assert.equal(fits.read, fits.total);
    assert.match(fits.body, /must be smaller than 10 MB/);
  });
});

describe('an author’s own posts: changing and deleting them', () => {
  const csrfOf = (page: Page) => String(page.$('input[name="_csrf"]').first().val() ?? '');
  const postIdOf = (location: string) => /#post-(\d+)$/.exec(location)![1]!;
  const openingIdOf = (page: Page) => page.$('[data-testid="post"]').first().attr('id')!.replace('post-', '');
  const postRow = (id: string) =>
    t.db.selectFrom('community_posts').select(['body', 'body_html', 'version', 'edited_at', 'deleted_at']).where('id', '=', Number(id)).executeTakeFirst();

  test('an author changes their reply: checked as when it was posted, marked edited, files removed and added, nobody emailed', async () => {
    // Amira asks for every post by email, so that an email about the change would show.
    await amira.submit(await amira.get(`${BOARD}/notifications`), { mode: 'immediately' });
    const started = await startThread(amira, BOARD, { title: 'Ratio tables', body: 'How do you teach ratio tables?' });
    const threadUrl = started.location!;
    const replied = await reply(dan, threadUrl, { body: 'With double number lines.' }, { attachments: { name: 'lines.txt', content: 'number lines' } });
    const postId = postIdOf(replied.location!);
    const mailsBefore = (await t.mailsTo(AMIRA.email)).length;
    assert.ok((await t.mailsTo(AMIRA.email)).some((m) => /Dan Frost posted in/.test(m.subject ?? '')), 'a new reply does email her');
    const oldFile = (await dan.get(threadUrl)).$(`#post-${postId} a[href^="${BOARD}/files/"]`).attr('href')!;

    // The thread offers Dan "Change" and "Delete" on his own reply only.
    const thread = await dan.get(threadUrl);
    assert.equal(thread.$(`#post-${postId} a[href="${BOARD}/posts/${postId}/edit"]`).length, 1);
    assert.equal(thread.$(`#post-${postId} a[href="${BOARD}/posts/${postId}/delete"]`).length, 1);
    assert.equal(thread.$(`[data-testid="post"]`).first().find('[data-testid="own-post-actions"]').length, 0, 'not on Amira’s post');

    const edit = await dan.get(`${BOARD}/posts/${postId}/edit`);
    assert.equal(edit.status, 200);
    assert.equal(edit.$('h1').text().trim(), 'Change your reply');
    assert.equal(edit.$('#body').text(), 'With double number lines.');
    assert.equal(edit.$('#title').length, 0, 'a reply has no title');
    assert.match(edit.$('.govuk-checkboxes').text(), /lines\.txt/);
    const action = `${BOARD}/posts/${postId}/edit`;

    // The same checks as posting: empty, too long; what was typed is kept; nothing saved.
    const empty = await dan.upload(edit, {}, action, { body: '  ' });
    assert.equal(empty.status, 400);
    assert.match(empty.$('#body-error').text(), /Enter your reply/);
    const huge = 'z'.repeat(20_001);
    const tooLong = await dan.upload(edit, {}, action, { body: huge });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.$('#body-error').text(), /must be 20,000 characters or fewer \(it has 20,001\)/);
    assert.equal(tooLong.$('#body').text(), huge);
    // A good change: control characters dropped, markdown rendered and sanitised, the old file removed, a new one added, a mention.
    const form = await dan.get(`${BOARD}/posts/${postId}/edit`);
    const oldFileId = oldFile.split('/').pop()!;
    const saved = await dan.upload(form, { attachments: { name: 'ratio.pdf', content: PDF } }, action, {
      body: 'With **double** number\u0000 lines, @Amira Khan. <script>alert(1)</script>',
      remove: oldFileId,
    });
    assert.equal(saved.status, 303);
    assert.match(saved.location!, new RegExp(`^${threadUrl}\\?done=edited#post-${postId}$`));
    const after = await amira.get(threadUrl);
    const post = after.$(`#post-${postId}`);
    assert.equal(post.find('[data-testid="post-body"] strong').text(), 'double');
    assert.match(post.find('[data-testid="post-body"]').text(), /number lines, @Amira Khan\. <script>alert\(1\)<\/script>/, 'typed HTML is shown as text');
    assert.equal(post.find('[data-testid="post-body"] script').length, 0);
    assert.match(post.find('[data-testid="post-edited"]').text(), /Edited 23 November 2026/);
    assert.equal(post.find('[data-testid="own-post-actions"]').length, 0, 'Amira gets no Change link on Dan’s post');
    assert.match((await dan.get(`${threadUrl}?done=edited`)).$('.govuk-notification-banner').text(), /Your changes are saved/);
    const row = (await postRow(postId))!;
    assert.equal(row.version, 2);
    assert.ok(row.edited_at);
    assert.equal(row.body, 'With **double** number lines, @Amira Khan. <script>alert(1)</script>');
    assert.match(row.body_html, /<strong>double<\/strong>/);
    assert.equal((await amira.get(oldFile)).status, 404, 'the removed file is no longer served');
    assert.equal(await t.db.selectFrom('files').select('id').where('id', '=', Number(oldFileId)).executeTakeFirst(), undefined, 'and is deleted');
    const newFile = post.find(`a[href^="${BOARD}/files/"]`);
    assert.equal(newFile.text(), 'ratio.pdf');
    assert.equal((await amira.get(newFile.attr('href')!)).status, 200);
    // No email about an edit, though it mentions her and she asked for every post.
    assert.equal((await t.mailsTo(AMIRA.email)).length, mailsBefore);

    // Up to 5 files in all: a post with 5 takes no sixth, unless one goes.
    const service = community();
    const danUser = await t.db.selectFrom('users').select(['id', 'email', 'name', 'school_urn']).where('email', '=', DAN.email).executeTakeFirstOrThrow();
    const access = await service.groupSpace({ id: danUser.id, email: danUser.email, name: danUser.name, schoolUrn: danUser.school_urn, roles: [] }, GROUP);
    const five = await service.reply(access, Number(threadUrl.split('/').pop()), {
      body: 'Five files',
      uploads: [1, 2, 3, 4, 5].map((n) => ({ fileName: `n${n}.txt`, bytes: Buffer.from(`note ${n}`), tooLarge: false })),
      submissionKey: '',
    });
    assert.ok(five?.ok);
    const fiveAction = `${BOARD}/posts/${five.postId}/edit`;
    const fiveForm = await dan.get(fiveAction);
    assert.equal(fiveForm.$('input[name="remove"]').length, 5);
    const sixth = await dan.upload(fiveForm, { attachments: { name: 'n6.txt', content: 'note 6' } }, fiveAction, { body: 'Six files' });
    assert.equal(sixth.status, 400);
    assert.match(sixth.$('#attachments-error').text(), /A post can have up to 5 files: remove 1 more or choose fewer/);
    assert.equal(sixth.$('#body').text(), 'Six files', 'what was typed is kept');
    assert.equal((await postRow(String(five.postId)))!.body, 'Five files', 'nothing saved');
    const swapped = await dan.upload(fiveForm, { attachments: { name: 'n6.txt', content: 'note 6' } }, fiveAction, { body: 'Five files, one swapped', remove: String(fiveForm.$('input[name="remove"]').first().val()) });
    assert.equal(swapped.status, 303);
    const withFiles = await dan.get(threadUrl);
    const fileNames = withFiles.$(`#post-${five.postId} a[href^="${BOARD}/files/"]`).map((_, el) => withFiles.$(el).text()).get();
    assert.deepEqual(fileNames, ['n2.txt', 'n3.txt', 'n4.txt', 'n5.txt', 'n6.txt']);

    // Only the author: Amira, and the group's lead, are refused Dan's post, and nothing changes.
    const lead = await signedIn('national_admin');
    for (const other of [amira, lead]) {
      const page = await other.get(`${BOARD}/posts/${postId}/edit`);
      assert.equal(page.status, 403);
      assert.match(page.$('h1').text(), /You can only change your own posts/);
      assert.equal((await other.get(`${BOARD}/posts/${postId}/delete`)).status, 403);
      assert.equal((await other.multipart(action, { _csrf: csrfOf(await other.get(BOARD)), version: '2', body: 'Not mine' })).status, 403);
      assert.equal((await other.request('POST', `${BOARD}/posts/${postId}/delete`, { _csrf: csrfOf(await other.get(BOARD)) })).status, 403);
    }
    assert.equal((await postRow(postId))!.version, 2);
    assert.equal((await postRow(postId))!.deleted_at, null);
    await amira.submit(await amira.get(`${BOARD}/notifications`), { mode: 'off' });
  });

  test('an opening post: changing it changes the thread’s title; a change made in another tab is not lost', async () => {
    const started = await startThread(amira, BOARD, { title: 'Old title', body: 'Opening text' });
    const threadUrl = started.location!;
    const openingId = openingIdOf(await amira.get(threadUrl));
    const action = `${BOARD}/posts/${openingId}/edit`;
    const tabOne = await amira.get(action);
    const tabTwo = await amira.get(action);
    assert.equal(tabOne.$('h1').text().trim(), 'Change your thread');
    assert.equal(tabOne.$('#title').val(), 'Old title');

    const noTitle = await amira.upload(tabOne, {}, action, { title: ' ', body: 'Opening text' });
    assert.equal(noTitle.status, 400);
    assert.match(noTitle.$('#title-error').text(), /Enter a title for the thread/);

    assert.equal((await amira.upload(tabOne, {}, action, { title: 'New title', body: 'Tab one text' })).status, 303);
    assert.equal((await amira.get(threadUrl)).$('h1').text().trim(), 'New title');
    assert.match((await dan.get(BOARD)).$('[data-testid="threads"]').text(), /New title/);
    // The same form sent again (a double click): saved once, no conflict.
    const twice = await amira.upload(tabOne, {}, action, { title: 'New title', body: 'Tab one text' });
    assert.equal(twice.status, 303);
    assert.equal((await postRow(openingId))!.version, 2);

    // The second tab was opened before: its save is refused, with both versions shown.
    const conflict = await amira.upload(tabTwo, {}, action, { title: 'Old title', body: 'Tab two text' });
    assert.equal(conflict.status, 409);
    assert.match(conflict.$('.govuk-error-summary').text(), /This post was changed since you opened it/);
    assert.match(conflict.$('[data-testid="current-post"]').text(), /New title[\s\S]*Tab one text/);
    assert.equal(conflict.$('#body').text(), 'Tab two text', 'what was typed is kept');
    assert.equal((await postRow(openingId))!.body, 'Tab one text', 'nothing was saved');
    // Saved again from there, knowingly: it goes in.
    assert.equal((await amira.upload(conflict, {}, action, { title: 'Old title', body: 'Tab two text' })).status, 303);
    assert.equal((await postRow(openingId))!.body, 'Tab two text');
    assert.equal((await amira.get(threadUrl)).$('h1').text().trim(), 'Old title');
  });

  test('deleting: a reply keeps its place, emptied; an opening post with replies keeps its thread; one without removes the thread', async () => {
    const lead = await signedIn('national_admin');
    const started = await startThread(amira, BOARD, { title: 'Deleting posts', body: 'The opening post' });
    const threadUrl = started.location!;
    const danReply = postIdOf((await reply(dan, threadUrl, { body: 'Dan’s words to delete' }, { attachments: { name: 'dan.txt', content: 'dan notes' } })).location!);
    await reply(amira, threadUrl, { body: 'Amira’s reply stays' });
    const fileHref = (await amira.get(threadUrl)).$(`#post-${danReply} a[href^="${BOARD}/files/"]`).attr('href')!;
    const fileId = Number(fileHref.split('/').pop());
    const repliesOnBoard = async () => {
      const board = await amira.get(BOARD);
      return board.$('[data-testid="threads"] tbody tr').filter((_, el) => /Deleting posts/.test(board.$(el).text())).find('td').eq(1).text().trim();
    };
    assert.equal(await repliesOnBoard(), '2');

    // Dan asks to delete his reply: a page asks first.
    const confirm = await dan.get(`${BOARD}/posts/${danReply}/delete`);
    assert.equal(confirm.status, 200);
    assert.equal(confirm.$('h1').text().trim(), 'Delete your post?');
    assert.match(confirm.$('[data-testid="post-to-delete"]').text(), /Dan’s words to delete[\s\S]*dan\.txt/);
    const deleted = await dan.submit(confirm, {}, `${BOARD}/posts/${danReply}/delete`);
    assert.equal(deleted.status, 303);
    assert.match(deleted.location!, new RegExp(`^${threadUrl}\\?done=deleted#post-${danReply}$`));
    for (const reader of [amira, lead]) {
      const page = await reader.get(threadUrl);
      const post = page.$(`#post-${danReply}`);
      assert.equal(post.length, 1, 'it keeps its place');
      assert.match(post.find('[data-testid="post-deleted"]').text(), /This post was deleted by its author/);
      assert.doesNotMatch(post.text(), /Dan’s words|dan\.txt/);
      assert.equal(post.find('form').length, 0, 'nothing for a lead to hide');
      assert.deepEqual(postTexts(page), ['The opening post', 'Amira’s reply stays']);
      assert.equal((await reader.get(fileHref)).status, 404, 'its file is no longer served');
      assert.doesNotMatch((await reader.get(`${BOARD}/files`)).body, /dan\.txt/);
    }
    assert.equal(await repliesOnBoard(), '1', 'the board counts the replies left');
    const row = (await postRow(danReply))!;
    assert.ok(row.deleted_at);
    assert.equal(row.body, '', 'its text is gone');
    assert.equal(await t.db.selectFrom('files').select('id').where('id', '=', fileId).executeTakeFirst(), undefined, 'and its file');
    assert.ok(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'community.post.delete').where('subject_id', '=', danReply).executeTakeFirst(), 'audited');
    // Deleted: it cannot be changed or deleted again.
    const gone = await dan.get(`${BOARD}/posts/${danReply}/edit`);
    assert.equal(gone.status, 404);
    assert.match(gone.$('h1').text(), /This post was deleted/);
    assert.equal((await dan.request('POST', `${BOARD}/posts/${danReply}/delete`, { _csrf: csrfOf(confirm) })).status, 404);
    assert.equal((await lead.request('POST', `${BOARD}/posts/${danReply}/hide`, { _csrf: csrfOf(await lead.get(BOARD)) })).status, 303);
    assert.equal((await postRow(danReply))!.deleted_at !== null, true);
    assert.equal((await t.db.selectFrom('community_posts').select('hidden_at').where('id', '=', Number(danReply)).executeTakeFirstOrThrow()).hidden_at, null, 'a deleted post is not hidden');

    // Amira deletes her opening post: the thread has a reply, so it stays, with its reply.
    const openingId = openingIdOf(await amira.get(threadUrl));
    const openingConfirm = await amira.get(`${BOARD}/posts/${openingId}/delete`);
    assert.match(openingConfirm.$('main').text(), /The thread and its replies stay/);
    assert.equal((await amira.submit(openingConfirm, {}, `${BOARD}/posts/${openingId}/delete`)).status, 303);
    const kept = await dan.get(threadUrl);
    assert.equal(kept.status, 200);
    assert.equal(kept.$('h1').text().trim(), 'Deleting posts');
    assert.match(kept.$(`#post-${openingId}`).text(), /This post was deleted by its author/);
    assert.deepEqual(postTexts(kept), ['Amira’s reply stays']);
    assert.equal(await repliesOnBoard(), '1');

    // A thread with no replies goes with its opening post.
    const alone = await startThread(dan, BOARD, { title: 'A thread nobody answers', body: 'Anyone?' }, { attachments: { name: 'alone.txt', content: 'alone' } });
    const alonePage = await dan.get(alone.location!);
    const aloneFile = alonePage.$(`a[href^="${BOARD}/files/"]`).attr('href')!;
    const aloneId = openingIdOf(alonePage);
    const aloneConfirm = await dan.get(`${BOARD}/posts/${aloneId}/delete`);
    assert.equal(aloneConfirm.$('h1').text().trim(), 'Delete your thread?');
    const removed = await dan.submit(aloneConfirm, {}, `${BOARD}/posts/${aloneId}/delete`);
    assert.equal(removed.status, 303);
    assert.equal(removed.location, `${BOARD}?done=thread-deleted`);
    const board = await dan.get(removed.location!);
    assert.match(board.$('.govuk-notification-banner').text(), /Your thread is deleted/);
    assert.doesNotMatch(board.$('[data-testid="threads"]').text(), /A thread nobody answers/);
    assert.equal((await dan.get(alone.location!)).status, 404);
    assert.equal((await dan.get(aloneFile)).status, 404);
    assert.equal(await t.db.selectFrom('community_threads').select('id').where('title', '=', 'A thread nobody answers').executeTakeFirst(), undefined);
    assert.ok(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'community.thread.delete').executeTakeFirst());

    // Nothing deleted is in the home pages' recent posts or the daily digest.
    const service = community();
    const user = await t.db.selectFrom('users').select(['id', 'email', 'name', 'school_urn']).where('email', '=', DAN.email).executeTakeFirstOrThrow();
    const recent = await service.recentFor({ id: user.id, email: user.email, name: user.name, schoolUrn: user.school_urn, roles: [] }, 50);
    const recentIds = recent.map((r) => r.href.split('/').pop());
    assert.ok(recentIds.length > 0);
    for (const id of [danReply, openingId, aloneId]) assert.ok(!recentIds.includes(id), `post ${id} is not among the recent posts`);
    const digestPosts = await createCommunityRepository(t.db).postsBetween(t.db, new Date(NOW.getTime() - 86_400_000), NOW);
    const digestIds = digestPosts.map((p) => String(p.id));
    assert.ok(digestIds.length > 0);
    for (const id of [danReply, openingId, aloneId]) assert.ok(!digestIds.includes(id), `post ${id} is not in the digest`);
  });

  test('refused, with a page saying why: an archived space, a hidden post, a removed member, an address that names nothing', async () => {
    // Priya's post in last year's (archived) space, made while it was open.
    const priya = await signedIn('participant');
    const archivedBoard = `/work-groups/${ARCHIVED}/community`;
    const priyaUser = accounts.participant;
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', ARCHIVED).executeTakeFirstOrThrow();
    const repo = createCommunityRepository(t.db);
    const spaceId = await repo.groupSpaceId(group.id);
    const old = await repo.transaction(async (trx) => {
      const threadId = await repo.createThread(trx, spaceId, 'Last year', false, priyaUser.id, new Date('2023-03-01T10:00:00Z'));
      const post = await repo.addPost(trx, { threadId, authorId: priyaUser.id, authorIsLead: false, body: 'From last year', bodyHtml: '<p class="govuk-body">From last year</p>', htmlVersion: 1, submissionKey: null, opening: true, now: new Date('2023-03-01T10:00:00Z') });
      return { threadId, postId: post!.id };
    });
    const oldThread = await priya.get(`${archivedBoard}/threads/${old.threadId}`);
    assert.equal(oldThread.status, 200);
    assert.equal(oldThread.$('[data-testid="own-post-actions"]').length, 0, 'no Change or Delete in a read-only space');
    for (const path of [`${archivedBoard}/posts/${old.postId}/edit`, `${archivedBoard}/posts/${old.postId}/delete`]) {
      const page = await priya.get(path);
      assert.equal(page.status, 403, path);
      assert.match(page.$('h1').text(), /This community is read-only/);
    }
    const refusedEdit = await priya.multipart(`${archivedBoard}/posts/${old.postId}/edit`, { _csrf: csrfOf(oldThread), version: '1', body: 'Changed later' });
    assert.equal(refusedEdit.status, 403);
    assert.equal((await priya.request('POST', `${archivedBoard}/posts/${old.postId}/delete`, { _csrf: csrfOf(oldThread) })).status, 403);
    assert.equal((await postRow(String(old.postId)))!.body, 'From last year');

    // A post a lead hid: its author cannot change or delete it; others cannot find it.
    const lead = await signedIn('national_admin');
    const started = await startThread(amira, BOARD, { title: 'Hidden replies', body: 'Opening' });
    const hiddenId = postIdOf((await reply(dan, started.location!, { body: 'To be hidden' })).location!);
    assert.equal((await lead.submit(await lead.get(started.location!), {}, `${BOARD}/posts/${hiddenId}/hide`)).status, 303);
    const hiddenEdit = await dan.get(`${BOARD}/posts/${hiddenId}/edit`);
    assert.equal(hiddenEdit.status, 403);
    assert.match(hiddenEdit.$('h1').text(), /This post is hidden/);
    assert.match(hiddenEdit.$('main').text(), /Nadia Okafor hid it/);
    assert.equal((await dan.request('POST', `${BOARD}/posts/${hiddenId}/delete`, { _csrf: csrfOf(hiddenEdit) })).status, 403);
    assert.equal((await amira.get(`${BOARD}/posts/${hiddenId}/edit`)).status, 404);
    assert.equal((await postRow(hiddenId))!.deleted_at, null);

    // A member a lead removed: refused like every other page of the space.
    const ownId = postIdOf((await reply(dan, started.location!, { body: 'Dan’s own reply' })).location!);
    const members = await lead.get(`${BOARD}/members`);
    await lead.submit(members, { email: DAN.email }, `${BOARD}/members/remove`);
    const removedEdit = await dan.get(`${BOARD}/posts/${ownId}/edit`);
    assert.equal(removedEdit.status, 403);
    assert.match(removedEdit.$('main').text(), /removed you/);
    assert.equal((await dan.request('POST', `${BOARD}/posts/${ownId}/delete`, { _csrf: csrfOf(removedEdit) })).status, 403);
    assert.equal((await postRow(ownId))!.deleted_at, null);
    await lead.submit(await lead.get(`${BOARD}/members`), { email: DAN.email }, `${BOARD}/members/restore`);
    assert.equal((await dan.get(`${BOARD}/posts/${ownId}/edit`)).status, 200, 'let back in, he can again');

    // Addresses that name no post of this space.
    assert.equal((await dan.get(`${BOARD}/posts/abc/edit`)).status, 404);
    assert.equal((await dan.get(`${BOARD}/posts/99999999/delete`)).status, 404);
    assert.equal((await dan.get(`${BOARD}/posts/${old.postId}/edit`)).status, 404, 'another space’s post under this address');
  });

  test('forms sent by hand: not multipart, no version, junk ids, JSON naming files of its own: a page or a message, never a 500', async () => {
    const started = await startThread(amira, BOARD, { title: 'Sent by hand', body: 'Opening' });
    const threadUrl = started.location!;
    const openingId = openingIdOf(await amira.get(threadUrl));
    const action = `${BOARD}/posts/${openingId}/edit`;
    const csrf = csrfOf(await amira.get(action));
    const attachments = async () => Number((await t.db.selectFrom('community_attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    /** A JSON body, which Fastify parses as it would a form. */
    const postJson = async (url: string, body: unknown) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: ['hubwork_session', '_csrf'].map((name) => `${name}=${amira.cookie(name)}`).join('; '), 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });

    // Post ids that are not numbers, or too big: not found.
    for (const id of ['abc', '1e3', '-1', '0', '99999999999999']) {
      assert.equal((await amira.multipart(`${BOARD}/posts/${id}/edit`, { _csrf: csrf, version: '1', body: 'x' })).status, 404, id);
      assert.equal((await amira.request('POST', `${BOARD}/posts/${id}/delete`, { _csrf: csrf })).status, 404, id);
    }
    // No version, or not a number: refused as a form opened on another version, nothing saved.
    for (const version of [undefined, 'abc', '99999999999999999999']) {
      const refused = await amira.multipart(action, { _csrf: csrf, ...(version === undefined ? {} : { version }), title: 'Sent by hand', body: 'Changed' });
      assert.equal(refused.status, 409, String(version));
      assert.match(refused.$('.govuk-error-summary').text(), /This post was changed since you opened it/);
    }
    assert.equal((await postRow(openingId))!.body, 'Opening');
    // A urlencoded form (no files) with file ids that are not numbers: saved, the ids left out.
    const plain = await amira.request('POST', action, { _csrf: csrf, version: '1', title: 'Sent by hand', body: 'Changed\u0000 plainly', remove: ['abc', '1e9', '-1', '99999999999'] });
    assert.equal(plain.status, 303);
    assert.equal((await postRow(openingId))!.body, 'Changed plainly');
    // JSON that names "files" of its own making: they are not files, and nothing is attached.
    const before = await attachments();
    const fakeFiles = { attachments: [{ fileName: 'fake.txt', bytes: 'not a buffer', tooLarge: false }] };
    const edited = await postJson(action, { _csrf: csrf, version: '2', title: 'Sent by hand', body: 'As JSON', files: fakeFiles });
    assert.equal(edited.statusCode, 303);
    assert.equal((await postRow(openingId))!.body, 'As JSON');
    assert.equal((await postJson(action, { _csrf: csrf, version: '3', title: 'Sent by hand', body: 'Files as text', files: { attachments: 'xx' } })).statusCode, 303);
    assert.equal((await postJson(`${threadUrl}/replies`, { _csrf: csrf, body: 'A reply as JSON', files: fakeFiles })).statusCode, 303);
    assert.equal((await postJson(`${BOARD}/new`, { _csrf: csrf, title: 'A thread as JSON', body: 'Hi', files: fakeFiles })).statusCode, 303);
    assert.equal(await attachments(), before);
  });
});

describe('national networks, made from a page', () => {
  const csrfOf = (page: Page) => String(page.$('input[name="_csrf"]').first().val() ?? '');

  test('the national administrator creates one (a duplicate name refused), changes it, and a participant joins it; everyone else gets 403', async () => {
    const admin = await signedIn('national_admin');
    const list = await admin.get('/community/networks');
    assert.equal(list.$('a[href="/community/networks/new"]').length, 1, 'the administrator is offered it');
    assert.equal(list.$('a[href="/community/networks/secondary-subject-leaders/edit"]').length, 1);
    assert.equal(list.$('a[href^="/community/networks/hub-"][href$="/edit"]').length, 0, 'hub networks are the hubs’');

    const form = await admin.get('/community/networks/new');
    assert.equal(form.status, 200);
    assert.equal(form.$('h1').text().trim(), 'Create a national network');
    const empty = await admin.submit(form, { name: '  ', description: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.$('#name-error').text(), /Enter a name for the network/);
    assert.match(empty.$('#description-error').text(), /Enter a short description/);
    const duplicate = await admin.submit(form, { name: 'secondary SUBJECT leaders — national', description: 'Again' });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.$('#name-error').text(), /There is already a network called Secondary subject leaders — national/);
    assert.equal(duplicate.$('#description').text(), 'Again', 'what was typed is kept');
    const long = await admin.submit(form, { name: 'n'.repeat(151), description: 'x'.repeat(501) });
    assert.equal(long.status, 400);
    assert.match(long.$('#name-error').text(), /150 characters or fewer/);
    assert.match(long.$('#description-error').text(), /500 characters or fewer/);

    const created = await admin.submit(form, { name: ' Year 7\u0000 transition  leads ', description: 'Heads of Year 7 and transition leads across the hubs.' });
    assert.equal(created.status, 303);
    assert.equal(created.location, '/community/networks/year-7-transition-leads?done=network-created');
    const board = await admin.get(created.location!);
    assert.equal(board.status, 200);
    assert.match(board.$('.govuk-notification-banner').text(), /The network is created/);
    const space = await t.db.selectFrom('community_spaces').select(['id', 'kind', 'name', 'description']).where('slug', '=', 'year-7-transition-leads').executeTakeFirstOrThrow();
    assert.deepEqual({ kind: space.kind, name: space.name }, { kind: 'national', name: 'Year 7 transition leads' });
    assert.ok(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'community.network.create').where('subject_id', '=', String(space.id)).executeTakeFirst(), 'audited');
    // Another name that makes the same address is refused too.
    const alike = await admin.submit(form, { name: 'Year 7: transition leads', description: 'Alike' });
    assert.equal(alike.status, 400);
    assert.match(alike.$('#name-error').text(), /too like that of Year 7 transition leads/);

    // Amira, a participant, finds it on the networks page and joins.
    const amiraList = await amira.get('/community/networks');
    assert.match(amiraList.$('#networks').text(), /Year 7 transition leads[\s\S]*Heads of Year 7 and transition leads/);
    assert.equal(amiraList.$('a[href="/community/networks/new"]').length, 0, 'not offered to her');
    assert.equal(amiraList.$('a[href$="/edit"]').length, 0);
    const joined = await amira.submit(amiraList, {}, '/community/networks/year-7-transition-leads/join');
    assert.equal(joined.status, 303);
    assert.equal((await amira.get('/community/networks/year-7-transition-leads')).status, 200);

    // The administrator renames it: a taken name is refused; the address stays.
    const edit = await admin.get('/community/networks/year-7-transition-leads/edit');
    assert.equal(edit.status, 200);
    assert.equal(edit.$('#name').val(), 'Year 7 transition leads');
    const taken = await admin.submit(edit, { name: 'Secondary Mastery Specialists — national', description: 'x' });
    assert.equal(taken.status, 400);
    assert.match(taken.$('#name-error').text(), /There is already a network called Secondary Mastery Specialists — national/);
    const changed = await admin.submit(edit, { name: 'Transition leads — national', description: 'Year 6 to 7 transition.' });
    assert.equal(changed.status, 303);
    assert.equal(changed.location, '/community/networks?done=network-changed');
    const renamed = await amira.get('/community/networks/year-7-transition-leads');
    assert.equal(renamed.status, 200);
    assert.match(renamed.$('.govuk-caption-l').text(), /Transition leads — national/);
    const audit = await t.db.selectFrom('audit_log').select('changes').where('action', '=', 'community.network.update').where('subject_id', '=', String(space.id)).executeTakeFirstOrThrow();
    const changes = (typeof audit.changes === 'string' ? JSON.parse(audit.changes) : audit.changes) as { name: unknown };
    assert.deepEqual(changes.name, { from: 'Year 7 transition leads', to: 'Transition leads — national' });

    // Only the national administrator, checked on the server: a hub lead and a participant get 403.
    const count = async () => Number((await t.db.selectFrom('community_spaces').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const hubLead = await signedIn('hub_lead');
    assert.equal((await hubLead.get('/community/networks')).$('a[href="/community/networks/new"]').length, 0);
    for (const agent of [hubLead, amira]) {
      const token = csrfOf(await agent.get('/community/networks'));
      assert.equal((await agent.get('/community/networks/new')).status, 403);
      assert.equal((await agent.request('POST', '/community/networks/new', { _csrf: token, name: 'A hub lead’s network', description: 'No' })).status, 403);
      assert.equal((await agent.get('/community/networks/year-7-transition-leads/edit')).status, 403);
      assert.equal((await agent.request('POST', '/community/networks/year-7-transition-leads/edit', { _csrf: token, name: 'Taken over', description: 'No' })).status, 403);
    }
    assert.equal(await count(), before, 'nothing was created');
    assert.equal((await t.db.selectFrom('community_spaces').select('name').where('id', '=', space.id).executeTakeFirstOrThrow()).name, 'Transition leads — national');
    // A hub's network is not the national administrator's to rename here.
    assert.equal((await admin.get(`/community/networks/hub-${hub.slug}/edit`)).status, 404);
    assert.equal((await admin.get('/community/networks/no-such-network/edit')).status, 404);
  });

  test('a network’s address is made from its name, never a hub network’s or a page’s', () => {
    assert.equal(slugOf('Secondary subject leaders — national'), 'secondary-subject-leaders-national');
    assert.equal(slugOf('Écoles & Maths'), 'ecoles-and-maths');
    assert.equal(slugOf('Hub leads'), 'national-hub-leads');
    assert.equal(slugOf('New'), 'new-network');
    assert.equal(slugOf('—'), '');
    assert.ok(slugOf('word '.repeat(40)).length <= 60);
  });
});

describe('hub networks', () => {
  test('every hub has its network from the start, and reading the networks pages writes nothing', async () => {
    const count = async () => Number((await t.db.selectFrom('community_spaces').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const hubs = await t.db.selectFrom('hubs').select(['id', 'slug']).execute();
    const hubNetworks = await t.db.selectFrom('community_spaces').select(['hub_id', 'slug', 'name']).where('kind', '=', 'hub').execute();
    assert.equal(hubNetworks.length, hubs.length, 'one network per hub');
    assert.ok(hubs.every((h) => hubNetworks.some((n) => n.hub_id === h.id && n.slug === `hub-${h.slug}`)));

    // A new hub gets its network when it is added.
    const newHub = await t.db.insertInto('hubs').values({ slug: 'new-test', name: 'New Test Maths Hub', region: 'North', area: 'Nowhere', enquiries_email: 'hub@new.test', created_at: NOW }).returning('id').executeTakeFirstOrThrow();
    const made = await t.db.selectFrom('community_spaces').select(['slug', 'name']).where('hub_id', '=', newHub.id).executeTakeFirstOrThrow();
    assert.deepEqual(made, { slug: 'hub-new-test', name: 'New Test Maths Hub network' });

    // Reading: no row is added, even when a hub's network is missing (it is no longer made on a read).
    await t.db.deleteFrom('community_spaces').where('slug', '=', `hub-${hub.slug}`).execute();
    const before = await count();
    const list = await amira.get('/community/networks');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.$('#networks').text(), /Tyne Valley/);
    assert.equal((await amira.get(`/community/networks/hub-${hub.slug}`)).status, 404);
    assert.equal((await amira.get('/community/networks/secondary-subject-leaders')).status, 200);
    assert.equal(await count(), before, 'no network was inserted by a GET');
  });
});

describe('Work Group spaces', () => {
  test('every Work Group has its space from the start, a new one gets its own, and reading a board writes nothing', async () => {
    const groups = await t.db.selectFrom('work_groups').select('id').execute();
    const spaces = await t.db.selectFrom('community_spaces').select('work_group_id').where('kind', '=', 'group').execute();
    assert.equal(spaces.length, groups.length, 'one space per Work Group');

    // A new group (a copy of GROUP under another code) gets its space when it is added.
    const { id: _id, search_vector: _search, ...copy } = await t.db.selectFrom('work_groups').selectAll().where('code', '=', GROUP).executeTakeFirstOrThrow();
    const added = await t.db.insertInto('work_groups').values({ ...copy, code: 'WRKT-COMM-99' }).returning('id').executeTakeFirstOrThrow();
    assert.ok(await t.db.selectFrom('community_spaces').select('id').where('work_group_id', '=', added.id).executeTakeFirst());

    // Reading a group's board adds nothing.
    const count = async () => Number((await t.db.selectFrom('community_spaces').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    assert.equal((await amira.get(BOARD)).status, 200);
    assert.equal(await count(), before);
  });
});
