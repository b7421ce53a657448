// Gap tasks through the real app: the lead sets a task (bad input first), each participant is
// emailed; a school submits (empty, huge, forbidden and oversized input first; the same form
// sent twice; a colleague's save in between); the lead gives feedback and shares it; who may see
// which task, submission and file; an archived group is read-only; the home pages' lists; a lead
// deletes a task set by mistake, never one a school has submitted for.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { Agent, type Page, type UploadFile } from '../../../test/agent.ts';
import { lazyUpload } from '../../../test/lazy-upload.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { signInWithEmailedLink } from '../../../test/sign-in.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { type BuiltUser, factories, signInAs } from '../../../test/factories.ts';
import { cleanFileName } from '../files/index.ts';
import { createMembershipRepository } from '../../core/membership/repository.ts';
import { createMembershipService } from '../../core/membership/service.ts';
import { NotFound } from '../../platform/errors.ts';
import { createTasks } from './index.ts';
import { createTaskRepository } from './repository.ts';
import { createTaskService } from './service.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
/** This test's own: a group of two schools (two teachers each), and a 2022/23 group, its year ended. */
const GROUP = 'WRKT-TASKS';
const ARCHIVED = 'WRKT-TASKS-2223';
/** The lead of both (Steve Waterhouse), and a participant of the old one only (Priya Shah). */
let steve: BuiltUser;
let priya: BuiltUser;
let t: TestApp;
let tasks: ReturnType<typeof createTasks>;
let schoolA: { urn: number; name: string };
let schoolB: { urn: number; name: string };
const people: Record<'lead' | 'ana' | 'ben' | 'cat' | 'priya', Agent> = {} as never;
let taskId = 0;
let submissionId = 0;

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const account = (role: 'work_group_lead' | 'participant') => (role === 'work_group_lead' ? steve : priya);
const withEmailedLink = (email: string) => signInWithEmailedLink(t, email);

/**
 * Posts a page's multipart form as a browser does: what the form holds (hidden fields, text,
 * the chosen option, ticked boxes), with `fields` in place of those of the same name (a name may
 * repeat, as checkboxes do), then the files (several for one field, as `<input multiple>` sends).
 */
async function post(agent: Agent, page: Page, action: string, fields: [string, string][], files: [string, UploadFile][] = []): Promise<Page> {
  const form = page.$(`form[action="${action}"]`);
  assert.equal(form.attr('enctype'), 'multipart/form-data', `the form posting to ${action} sends files`);
  const current: [string, string][] = [];
  form.find('input, textarea, select').each((_, element) => {
    const el = page.$(element);
    const name = el.attr('name');
    const type = el.attr('type') ?? '';
    if (!name || type === 'file') return;
    if (element.tagName === 'textarea') current.push([name, el.text()]);
    else if (element.tagName === 'select') current.push([name, String(el.find('option[selected]').attr('value') ?? el.find('option').first().attr('value') ?? '')]);
    else if (type === 'checkbox' || type === 'radio') {
      if (el.attr('checked') !== undefined) current.push([name, el.attr('value') ?? 'on']);
    } else current.push([name, el.attr('value') ?? '']);
  });
  const given = new Set(fields.map(([name]) => name));
  const kept = current.filter(([name]) => !given.has(name));
  const boundary = `----tasksTest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of [...kept, ...fields]) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, file] of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await t.app.inject({
    method: 'POST',
    url: action,
    headers: {
      cookie: `_csrf=${agent.cookie('_csrf')}; hubwork_session=${agent.cookie('hubwork_session')}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
  return {
    status: response.statusCode,
    $: cheerio.load(response.body),
    body: response.body,
    headers: response.headers,
    location: response.headers.location as string | undefined,
  };
}

const userOf = async (email: string): Promise<CurrentUser> => {
  const u = await t.db.selectFrom('users').select(['id', 'email', 'name', 'school_urn']).where('email', '=', email).executeTakeFirstOrThrow();
  return { id: u.id, email: u.email, name: u.name, schoolUrn: u.school_urn, roles: [] };
};

before(async () => {
  t = await testApp({ now: NOW });
  const membership = createMembershipService({ repository: createMembershipRepository(t.db), clock: () => NOW });
  tasks = createTasks({ db: t.db, clock: () => NOW, baseUrl: 'http://hubwork.test', membership });
  const make = factories(t.db, NOW);
  const hub = await make.hub();
  // School pairs: two teachers may come from each school.
  const group = await make.workGroup(hub, { code: GROUP, participantsPerSchool: 2 });
  const archived = await make.workGroup(hub, { code: ARCHIVED, title: 'Secondary Maths Leadership 2022-23', project: await make.project({ academicYear: '2022/23' }), firstWorkshop: new Date('2022-11-07T13:00:00Z') });
  steve = await make.user('work_group_lead', { workGroup: group }, { name: 'Steve Waterhouse' });
  await make.role(steve, 'work_group_lead', { workGroup: archived });
  priya = await make.user('participant', { workGroup: archived }, { name: 'Priya Shah' });
  [schoolA, schoolB] = [await make.school(hub), await make.school(hub)];
  await make.confirmedRegistration(group, schoolA, [
    { name: 'Ana Ortiz', email: 'ana@a-school.test' },
    { name: 'Ben Okoro', email: 'ben@a-school.test' },
  ]);
  await make.confirmedRegistration(group, schoolB, [
    { name: 'Cat Nguyen', email: 'cat@b-school.test' },
    { name: 'Dev Patel', email: 'dev@b-school.test' },
  ]);
  people.lead = await signInAs(t.app, steve);
  people.priya = await signInAs(t.app, priya);
  people.ana = await withEmailedLink('ana@a-school.test');
  people.ben = await withEmailedLink('ben@a-school.test');
  people.cat = await withEmailedLink('cat@b-school.test');
});
after(async () => {
  await t.close();
});

const base = `/work-groups/${GROUP}/tasks`;

describe('gap tasks', () => {
  test('the lead sets a task: problems shown by their fields with nothing lost, then every participant is emailed', async () => {
    const list = await people.lead.get(base);
    assert.equal(list.status, 200);
    assert.equal(list.$(`a[href="${base}/new"]`).text().trim(), 'Set a gap task');
    const form = await people.lead.get(`${base}/new`);
    assert.equal(form.status, 200);

    const empty = await post(people.lead, form, base, []);
    assert.equal(empty.status, 400);
    assert.match(empty.$('#title-error').text(), /Enter a title/);
    assert.match(empty.$('#instructions-error').text(), /Enter the instructions/);
    assert.match(empty.$('#due-error').text(), /Enter the date the task is due/);
    assert.equal(empty.$('.govuk-error-summary a[href="#due-day"]').length, 1, 'the summary links to the date’s first box');

    // A past date, a workshop of another group, a program among the resources: all refused, the
    // text kept as typed, and the good resource kept for the next try.
    const sessions = await t.db.selectFrom('workshops as s').innerJoin('work_groups as wg', 'wg.id', 's.work_group_id').select(['s.id', 'wg.code', 's.workshop_number']).execute();
    const ours = sessions.find((s) => s.code === GROUP && s.workshop_number === 1)!;
    const theirs = sessions.find((s) => s.code !== GROUP)!;
    const instructions = 'Teach one lesson with a bar model.\r\nNote what pupils said.\r\n\r\nBring <b>one</b> piece of work.';
    const fields: [string, string][] = [
      ['title', 'Try a bar model'],
      ['instructions', instructions],
      ['due-day', '1'],
      ['due-month', '11'],
      ['due-year', '2026'],
      ['after', String(theirs.id)],
    ];
    const bad = await post(people.lead, form, base, fields, [
      ['resources', { name: 'planning.pdf', content: PDF('planning') }],
      ['resources', { name: 'setup.exe', content: Buffer.from('MZ\x90\x00') }],
    ]);
    assert.equal(bad.status, 400);
    assert.match(bad.$('#due-error').text(), /today or in the future/);
    assert.match(bad.$('#after-error').text(), /Select a workshop from the list/);
    assert.match(bad.$('#resources-error').text(), /setup\.exe: the file must be a PDF/);
    assert.equal(bad.$('#title').val(), 'Try a bar model');
    assert.equal(bad.$('#instructions').text(), instructions.replace(/\r\n/g, '\n'), 'the instructions are kept with their line breaks');
    const held = bad.$('input[name="held"]');
    assert.equal(held.length, 1, 'the PDF is held for the next try');
    assert.match(bad.$(`label[for="${held.attr('id')}"]`).text(), /planning\.pdf/);

    // The held file is ticked; the rest as the form kept it, with the date and workshop put right.
    const set = await post(people.lead, bad, base, [
      ['due-day', '4'],
      ['due-month', '12'],
      ['after', String(ours.id)],
    ]);
    assert.equal(set.status, 303, set.$('.govuk-error-summary').text());
    taskId = Number(/\/tasks\/(\d+)\?saved=set$/.exec(set.location ?? '')?.[1]);
    assert.ok(taskId > 0);
    const page = await people.lead.get(set.location!);
    assert.match(page.$('.govuk-notification-banner').text(), /Task set/);
    assert.match(page.$('[data-testid="task-details"]').text(), /Friday 4 December 2026[\s\S]*Workshop 1/);
    const shown = page.$('[data-testid="instructions"]').html() ?? '';
    assert.match(shown, /Teach one lesson with a bar model\.<br>Note what pupils said\.<\/p>/, 'line breaks kept');
    assert.match(shown, /Bring &lt;b&gt;one&lt;\/b&gt; piece of work\./, 'never HTML');
    assert.equal(page.$('[data-testid="resources"] a').text(), 'planning.pdf');
    assert.match(page.$('[data-testid="submissions"]').text(), new RegExp(`${schoolA.name}[\\s\\S]*Not submitted`));

    for (const email of ['ana@a-school.test', 'ben@a-school.test', 'cat@b-school.test', 'dev@b-school.test']) {
      const mail = (await t.mailsTo(email)).find((m) => m.subject === 'New gap task: Try a bar model');
      assert.ok(mail, `${email} is told about the task`);
      assert.match(mail.text ?? '', /due on Friday 4 December 2026/);
      assert.ok(mail.text?.includes(`http://hubwork.test${base}/${taskId}`));
    }
    assert.equal((await t.mailsTo(account('participant').email)).filter((m) => m.subject?.startsWith('New gap task')).length, 0, 'not other groups’ participants');

    // Changing it: no second email; the resource can be taken off.
    const edit = await people.lead.get(`${base}/${taskId}/edit`);
    assert.equal(edit.$('#title').val(), 'Try a bar model');
    assert.equal(edit.$('#due-day').val(), '4');
    const resourceId = String(edit.$('input[name="remove"]').val());
    const tooLong = await post(people.lead, edit, `${base}/${taskId}/edit`, [['title', 'x'.repeat(151)], ['remove', resourceId]]);
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.$('#title-error').text(), /150 characters or fewer/);
    assert.equal(tooLong.$('input[name="remove"]').attr('checked'), 'checked', 'the choice to remove is kept');
    const changed = await post(people.lead, edit, `${base}/${taskId}/edit`, [['title', 'Try a bar model with Year 7'], ['remove', resourceId]]);
    assert.equal(changed.status, 303);
    assert.equal((await t.mailsTo('ana@a-school.test')).filter((m) => m.subject?.startsWith('New gap task')).length, 1);
  });

  test('a school submits: bad input refused with what was typed kept; the same form twice is kept once; a colleague updates it', async () => {
    const list = await people.ana.get(base);
    assert.equal(list.status, 200);
    assert.match(list.$('[data-testid="tasks"]').text(), /Try a bar model with Year 7[\s\S]*Friday 4 December 2026[\s\S]*Not submitted/);
    assert.equal(list.$(`a[href="${base}/new"]`).length, 0, 'participants do not set tasks');
    const action = `${base}/${taskId}/submission`;
    const form = await people.ana.get(action);
    assert.equal(form.status, 200);
    assert.equal(form.$('input[name="version"]').val(), '0');

    const empty = await post(people.ana, form, action, [['body', '  \r\n ']], [['files', { name: 'big.pdf', content: Buffer.concat([PDF('big'), Buffer.alloc(11 * 1024 * 1024)]) }]]);
    assert.equal(empty.status, 400);
    assert.match(empty.$('#body-error').text(), /Enter your school’s response/);
    assert.match(empty.$('#files-error').text(), /big\.pdf: the file must be smaller than 10 MB/);

    const huge = await post(people.ana, form, action, [['body', 'a'.repeat(25_000)]], [['files', { name: 'photo.png', content: PDF('not a png') }]]);
    assert.equal(huge.status, 400);
    assert.match(huge.$('#body-error').text(), /20,000 characters or fewer/);
    assert.match(huge.$('#files-error').text(), /photo\.png: the file’s content is not a PNG file/);
    assert.equal(huge.$('#body').text().length, 25_000, 'the text is kept');

    const six = Array.from({ length: 6 }, (_, i) => ['files', { name: `notes-${i + 1}.txt`, content: `Note ${i + 1}` }] as [string, UploadFile]);
    const tooMany = await post(people.ana, form, action, [['body', 'Our notes']], six);
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.$('#files-error').text(), /up to 5 files: remove 1 of them/);
    assert.equal(tooMany.$('input[name="held"]').length, 6, 'the files are kept to choose from');

    const nothing = await t.db.selectFrom('gap_task_submissions').select('id').where('task_id', '=', taskId).execute();
    assert.equal(nothing.length, 0, 'nothing saved yet');

    const answer = 'We taught it to 7X.\r\nThey drew the bars first.\r\n\r\nWork attached.';
    const files: [string, UploadFile][] = [['files', { name: 'pupil-work.pdf', content: PDF('pupil work') }]];
    const sent = await post(people.ana, form, action, [['body', answer]], files);
    assert.equal(sent.status, 303, sent.$('.govuk-error-summary').text());
    assert.equal(sent.location, `${base}/${taskId}?saved=submitted`);
    // The same form sent again (a double click): kept once, not refused.
    const again = await post(people.ana, form, action, [['body', answer]], files);
    assert.equal(again.status, 303);
    const saved = await t.db.selectFrom('gap_task_submissions').selectAll().where('task_id', '=', taskId).execute();
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.version, 1);
    assert.equal(saved[0]!.school_urn, schoolA.urn);
    submissionId = saved[0]!.id;
    const attached = await t.db.selectFrom('gap_task_submission_files').select('file_id').where('submission_id', '=', submissionId).execute();
    assert.equal(attached.length, 1, 'one copy of the file');

    // Ben, from the same school, sees it and can change it; Ana's older form is then refused.
    const bens = await people.ben.get(`${base}/${taskId}`);
    assert.match(bens.$('[data-testid="own-submission"]').text(), /Submitted by Ana Ortiz[\s\S]*We taught it to 7X\./);
    const bensForm = await people.ben.get(action);
    assert.equal(bensForm.$('input[name="version"]').val(), '1');
    assert.equal(bensForm.$('#body').text(), answer.replace(/\r\n/g, '\n'));
    const anasForm = await people.ana.get(action);
    const bensAnswer = `${answer.replace(/\r\n/g, '\n')}\n\nBen: 7Y next week.`;
    assert.equal((await post(people.ben, bensForm, action, [['body', bensAnswer]], [['files', { name: 'ben.txt', content: 'Ben’s notes' }]])).status, 303);
    const stale = await post(people.ana, anasForm, action, [['body', 'Ana’s rewrite']], [['files', { name: 'ana.txt', content: 'Ana’s notes' }]]);
    assert.equal(stale.status, 409);
    assert.match(stale.$('#body-error').text(), /Someone else from your school saved this submission/);
    assert.match(stale.$('[data-testid="current-submission"]').text(), /Ben: 7Y next week\.[\s\S]*/);
    assert.match(stale.$('[data-testid="current-submission"]').text(), /Saved by Ben Okoro/);
    assert.equal(stale.$('#body').text(), 'Ana’s rewrite', 'what Ana typed is kept');
    assert.equal(stale.$('input[name="version"]').val(), '2', 'she can now save over it knowingly');
    assert.equal(stale.$('input[name="held"]').length, 1, 'and her file is kept');
    const now = await t.db.selectFrom('gap_task_submissions').select(['body', 'version']).where('id', '=', submissionId).executeTakeFirstOrThrow();
    assert.equal(now.body, bensAnswer);
    assert.equal(now.version, 2);

    // The home page's list: Ana's school has submitted; Cat's has not.
    const anaDue = await tasks.dueFor(await userOf('ana@a-school.test'));
    assert.deepEqual(anaDue, [{ groupCode: GROUP, groupTitle: anaDue[0]!.groupTitle, title: 'Try a bar model with Year 7', dueOn: '2026-12-04', submitted: true, href: `${base}/${taskId}` }]);
    assert.equal((await tasks.dueFor(await userOf('cat@b-school.test')))[0]?.submitted, false);
  });

  test('the lead gives feedback (empty first), the submitters are emailed, and the lead shares the submission with the group', async () => {
    const lead = await t.db.selectFrom('users').select(['id', 'email', 'name', 'school_urn']).where('email', '=', account('work_group_lead').email).executeTakeFirstOrThrow();
    const leadUser: CurrentUser = { id: lead.id, email: lead.email, name: lead.name, schoolUrn: null, roles: [] };
    assert.deepEqual(
      (await tasks.awaitingFeedback(leadUser)).map((r) => [r.title, r.count, r.href]),
      [['Try a bar model with Year 7', 1, `${base}/${taskId}`]],
    );

    const task = await people.lead.get(`${base}/${taskId}`);
    assert.match(task.$('[data-testid="submissions"]').text(), new RegExp(`${schoolA.name}[\\s\\S]*Waiting for feedback`));
    assert.match(task.$('[data-testid="submissions"]').text(), new RegExp(`${schoolB.name}[\\s\\S]*Not submitted`));
    const url = `${base}/${taskId}/submissions/${submissionId}`;
    const page = await people.lead.get(url);
    assert.match(page.$('[data-testid="submission-body"]').text(), /Ben: 7Y next week\./);
    assert.equal(page.$('[data-testid="submission-files"] a').length, 2);

    const empty = await people.lead.submit(page, { feedback: ' ' }, `${url}/feedback`);
    assert.equal(empty.status, 400);
    assert.match(empty.$('#feedback-error').text(), /Enter your feedback/);
    const long = await people.lead.submit(page, { feedback: 'x'.repeat(10_001) }, `${url}/feedback`);
    assert.equal(long.status, 400);
    assert.equal(long.$('#feedback').text().length, 10_001, 'kept as typed');
    const given = await people.lead.submit(page, { feedback: 'Lovely bar models.\r\nTry comparison next.' }, `${url}/feedback`);
    assert.equal(given.status, 303);
    for (const email of ['ana@a-school.test', 'ben@a-school.test']) {
      const mail = (await t.mailsTo(email)).find((m) => m.subject === 'Feedback on your gap task: Try a bar model with Year 7');
      assert.ok(mail, `${email} (who submitted, who changed it) is told`);
      assert.match(mail.text ?? '', /Lovely bar models\.\nTry comparison next\./);
      assert.ok(mail.text?.includes(`http://hubwork.test${url}`));
    }
    assert.equal((await t.mailsTo('cat@b-school.test')).filter((m) => m.subject?.startsWith('Feedback')).length, 0);
    assert.deepEqual(await tasks.awaitingFeedback(leadUser), []);

    const anas = await people.ana.get(`${base}/${taskId}`);
    assert.match(anas.$('[data-testid="feedback"]').text(), /Lovely bar models\.[\s\S]*Steve Waterhouse/);
    assert.match(anas.$('[data-testid="own-submission"]').text(), /Feedback given/);

    // Before it is shared, another school cannot read it or its files.
    const fileId = (await t.db.selectFrom('gap_task_submission_files').select('file_id').where('submission_id', '=', submissionId).orderBy('file_id').executeTakeFirstOrThrow()).file_id;
    assert.equal((await people.cat.get(url)).status, 403);
    assert.equal((await people.cat.get(`${base}/${taskId}/files/${fileId}`)).status, 403);
    assert.equal((await people.cat.get(`${base}/${taskId}`)).$('[data-testid="shared"]').length, 0);
    const own = await people.ben.get(`${base}/${taskId}/files/${fileId}`);
    assert.equal(own.status, 200);
    assert.match(String(own.headers['content-disposition']), /^attachment; filename="pupil-work\.pdf"/);
    assert.ok(own.body.startsWith('%PDF-'));

    const shared = await people.lead.submit(await people.lead.get(url), {}, `${url}/share`);
    assert.equal(shared.status, 303);
    const cats = await people.cat.get(`${base}/${taskId}`);
    assert.equal(cats.$(`[data-testid="shared"] a[href="${url}"]`).text(), schoolA.name);
    const read = await people.cat.get(url);
    assert.equal(read.status, 200);
    assert.match(read.$('[data-testid="submission-body"]').text(), /We taught it to 7X\./);
    assert.doesNotMatch(read.$('main').text(), /Lovely bar models/, 'the feedback stays with the school');
    assert.equal(read.$('main form').length, 0, 'no feedback or sharing for a participant');
    assert.equal((await people.cat.get(`${base}/${taskId}/files/${fileId}`)).status, 200);
  });

  test('members only: another group’s participant gets 403 on the task, submission and files, also by guessing ids', async () => {
    const fileId = (await t.db.selectFrom('gap_task_submission_files').select('file_id').where('submission_id', '=', submissionId).executeTakeFirstOrThrow()).file_id;
    const resource = await t.db.selectFrom('gap_task_resources').select('file_id').where('task_id', '=', taskId).executeTakeFirst();
    const urls = [
      base,
      `${base}/new`,
      `${base}/${taskId}`,
      `${base}/${taskId}/edit`,
      `${base}/${taskId}/submission`,
      `${base}/${taskId}/submissions/${submissionId}`,
      `${base}/${taskId}/files/${fileId}`,
      `${base}/${taskId}/files/999999`,
      `${base}/999999/submissions/999999`,
    ];
    for (const url of urls) {
      assert.equal((await people.priya.get(url)).status, 403, `another group’s participant: ${url}`);
      assert.equal((await new Agent(t.app).get(url)).status, 303, `a visitor is sent to sign in: ${url}`);
    }
    assert.equal(resource, undefined, 'the lead took the resource off');
    // Posting is refused too (with a token of her own).
    const csrf = String((await people.priya.get('/account')).$('input[name="_csrf"]').first().val());
    for (const url of [`${base}/${taskId}/submissions/${submissionId}/share`, `${base}/${taskId}/submissions/${submissionId}/feedback`]) {
      assert.equal((await people.priya.request('POST', url, { _csrf: csrf, shared: 'no', feedback: 'x' })).status, 403);
    }
    // Uploads are refused before they are read: hers, a participant's to the lead's form, a visitor's.
    const file = { files: { name: 'x.pdf', content: PDF('x') } };
    assert.equal((await people.priya.multipart(`${base}/${taskId}/submission`, { _csrf: csrf, version: '2', body: 'Ours' }, file)).status, 403);
    const catsToken = String((await people.cat.get('/account')).$('input[name="_csrf"]').first().val());
    assert.equal((await people.cat.multipart(base, { _csrf: catsToken, title: 'Mine' }, { resources: file.files })).status, 403);
    assert.equal((await new Agent(t.app).multipart(`${base}/${taskId}/submission`, { body: 'Anon' }, file)).status, 303);
    // The lead's own form without its token (a forged form): refused having read only its first field.
    const forged = await lazyUpload(t.app, base, { agent: people.lead, fields: [['title', 'Forged']], fileBytes: 30 * 1024 * 1024 });
    assert.ok(forged.read < 1024 * 1024, `the app read ${forged.read} of ${forged.total} bytes`);
    assert.equal(forged.status, 403);
    assert.equal((await t.db.selectFrom('gap_tasks').select('id').execute()).length, 1, 'no task added');
    assert.equal((await t.db.selectFrom('gap_task_submissions').select('body').where('id', '=', submissionId).executeTakeFirstOrThrow()).body.startsWith('We taught'), true);
    // Ids of this group under her own group's address: not found there.
    for (const url of [`/work-groups/${ARCHIVED}/tasks/${taskId}`, `/work-groups/${ARCHIVED}/tasks/${taskId}/submissions/${submissionId}`, `/work-groups/${ARCHIVED}/tasks/${taskId}/files/${fileId}`]) {
      assert.equal((await people.priya.get(url)).status, 404, url);
    }
    // A participant of this group cannot do the lead's work.
    const cat = await people.cat.get(`${base}/${taskId}`);
    const token = String(cat.$('input[name="_csrf"]').first().val());
    assert.equal((await people.cat.get(`${base}/new`)).status, 403);
    assert.equal((await people.cat.get(`${base}/${taskId}/edit`)).status, 403);
    assert.equal((await people.cat.request('POST', `${base}/${taskId}/submissions/${submissionId}/share`, { _csrf: token, shared: 'no' })).status, 403);
    assert.equal((await people.cat.request('POST', `${base}/${taskId}/submissions/${submissionId}/feedback`, { _csrf: token, feedback: 'Mine now' })).status, 403);
    assert.equal((await t.db.selectFrom('gap_task_submissions').select('shared').where('id', '=', submissionId).executeTakeFirstOrThrow()).shared, true);
    // Nor does a lead submit for a school.
    assert.equal((await people.lead.get(`${base}/${taskId}/submission`)).status, 403);
  });

  test('an archived group’s tasks can be read but not changed', async () => {
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', ARCHIVED).executeTakeFirstOrThrow();
    const { id } = await t.db
      .insertInto('gap_tasks')
      .values({ work_group_id: group.id, title: 'Reflect on the year', instructions: 'Write a paragraph.', due_on: '2023-06-30' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const list = await people.priya.get(`/work-groups/${ARCHIVED}/tasks`);
    assert.equal(list.status, 200);
    assert.match(list.$('main').text(), /This Work Group’s year has ended/);
    const task = await people.priya.get(`/work-groups/${ARCHIVED}/tasks/${id}`);
    assert.equal(task.status, 200);
    assert.equal(task.$(`a[href$="/tasks/${id}/submission"]`).length, 0, 'no way to submit');
    const form = await people.priya.get(`/work-groups/${ARCHIVED}/tasks/${id}/submission`);
    assert.equal(form.status, 403);
    assert.match(form.$('h1').text(), /year has ended/);
    const lead = await people.lead.get(`/work-groups/${ARCHIVED}/tasks`);
    assert.equal(lead.$(`a[href="/work-groups/${ARCHIVED}/tasks/new"]`).length, 0);
    const token = String((await people.lead.get(`${base}/${taskId}`)).$('input[name="_csrf"]').first().val());
    const refused = await people.lead.multipart(`/work-groups/${ARCHIVED}/tasks`, { _csrf: token, title: 'Late', instructions: 'x', 'due-day': '1', 'due-month': '1', 'due-year': '2027' });
    assert.equal(refused.status, 403);
    assert.match(refused.$('main').text(), /Nothing has been saved/);
    assert.equal((await t.db.selectFrom('gap_tasks').select('id').where('work_group_id', '=', group.id).execute()).length, 1);
  });

  test('odd addresses and forms get a plain page, never a 500', async () => {
    const page = await people.lead.get(`${base}/${taskId}?saved=constructor`);
    assert.equal(page.status, 200);
    assert.equal(page.$('.govuk-notification-banner').length, 0, 'no banner for a made-up message');
    for (const url of [`${base}/abc`, `${base}/99999999999`, `${base}/${taskId}/files/-1`, `${base}/${taskId}/submissions/1e3`, '/work-groups/not%20a%20code/tasks']) {
      assert.equal((await people.lead.get(url)).status, 404, url);
    }
    // The task form sent without multipart (a form with no file chosen, scripted): checked as usual.
    const token = String(page.$('input[name="_csrf"]').first().val());
    const plain = await people.lead.request('POST', base, { _csrf: token, title: '', held: ['x', '1e9'] });
    assert.equal(plain.status, 400);
    assert.match(plain.$('#title-error').text(), /Enter a title/);
    // A file name cannot hide its real ending behind direction marks or control characters.
    assert.equal(cleanFileName('C:\\fakepath\\report\u202Efdp.exe'), 'reportfdp.exe');
    assert.equal(cleanFileName('a\u0000b\u0085.pdf'), 'ab.pdf');
  });
  test('a lead deletes a task set by mistake, with its resource file; participants and forms without a token are refused', async () => {
    const fields: [string, string][] = [
      ['title', 'Wrong group: fractions homework'],
      ['instructions', 'Set by mistake.'],
      ['due-day', '11'],
      ['due-month', '12'],
      ['due-year', '2026'],
    ];
    const set = await post(people.lead, await people.lead.get(`${base}/new`), base, fields, [['resources', { name: 'fractions.pdf', content: PDF('fractions') }]]);
    assert.equal(set.status, 303, set.$('.govuk-error-summary').text());
    const id = Number(/\/tasks\/(\d+)\?saved=set$/.exec(set.location ?? '')?.[1]);
    const fileId = (await t.db.selectFrom('gap_task_resources').select('file_id').where('task_id', '=', id).executeTakeFirstOrThrow()).file_id;
    const url = `${base}/${id}/delete`;

    // Only the lead has the link; a participant is refused on the server, the page and the POST.
    assert.equal((await people.lead.get(`${base}/${id}`)).$(`a[href="${url}"]`).text(), 'Delete the task: Wrong group: fractions homework');
    const cats = await people.cat.get(`${base}/${id}`);
    assert.equal(cats.$(`a[href="${url}"]`).length, 0);
    assert.equal((await people.cat.get(url)).status, 403);
    assert.equal((await people.cat.request('POST', url, { _csrf: String(cats.$('input[name="_csrf"]').first().val()) })).status, 403);
    // The lead's POST without its CSRF token is refused too.
    const noToken = await people.lead.request('POST', url, {});
    assert.equal(noToken.status, 403);
    assert.match(noToken.$('h1').text(), /This form has expired/);
    assert.ok(await t.db.selectFrom('gap_tasks').select('id').where('id', '=', id).executeTakeFirst(), 'still there');

    // The confirmation page: the question, the task, a warning.
    const confirm = await people.lead.get(url);
    assert.equal(confirm.status, 200);
    assert.equal(confirm.$('h1').text().trim(), 'Are you sure you want to delete this gap task?');
    assert.match(confirm.$('[data-testid="task-to-delete"]').text(), /Wrong group: fractions homework[\s\S]*Friday 11 December 2026[\s\S]*Resource files\s*1/);
    assert.match(confirm.$('.govuk-warning-text').text(), /will be deleted for everyone in the group\. This cannot be undone/);
    const deleted = await people.lead.submit(confirm, {}, url);
    assert.equal(deleted.status, 303);
    assert.equal(deleted.location, `${base}?saved=deleted`);

    const list = await people.lead.get(deleted.location!);
    assert.match(list.$('.govuk-notification-banner').text(), /Gap task deleted/);
    assert.doesNotMatch(list.$('main').text(), /fractions homework/);
    assert.equal((await people.lead.get(`${base}/${id}`)).status, 404);
    assert.equal((await people.lead.get(url)).status, 404);
    assert.equal((await people.lead.submit(confirm, {}, url)).status, 404, 'deleting it again: not found');
    assert.equal((await people.cat.get(`${base}/${id}/files/${fileId}`)).status, 404);
    assert.equal(await t.db.selectFrom('gap_task_resources').select('file_id').where('task_id', '=', id).executeTakeFirst(), undefined);
    assert.equal(await t.db.selectFrom('files').select('id').where('id', '=', fileId).executeTakeFirst(), undefined, 'the file’s content is gone');
    // Everyone emailed the task hears it is withdrawn, once each.
    for (const email of ['ana@a-school.test', 'ben@a-school.test', 'cat@b-school.test']) {
      const withdrawn = (await t.mailsTo(email)).filter((m) => m.subject === 'Gap task withdrawn: Wrong group: fractions homework');
      assert.equal(withdrawn.length, 1, email);
      assert.match(withdrawn[0]!.text ?? '', /has withdrawn the gap task “Wrong group: fractions homework”/);
    }
  });

  test('a task a school has submitted for cannot be deleted: the page says how many and suggests changing it', async () => {
    const url = `${base}/${taskId}/delete`;
    const page = await people.lead.get(url);
    assert.equal(page.status, 200);
    assert.match(
      page.$('[data-testid="cannot-delete"]').text(),
      /1 school has already submitted for this task, so it cannot be deleted: their work would be lost\. Change the task instead/,
    );
    assert.equal(page.$(`a[href="${base}/${taskId}/edit"]`).length, 1, 'a link to change it instead');
    assert.equal(page.$(`form[action="${url}"]`).length, 0, 'no button to delete it');
    const refused = await people.lead.request('POST', url, { _csrf: String(page.$('input[name="_csrf"]').first().val()) });
    assert.equal(refused.status, 409);
    assert.match(refused.$('#delete').text(), /1 school has already submitted for this task/);
    assert.equal(refused.$('.govuk-error-summary a[href="#delete"]').length, 1);
    assert.ok(await t.db.selectFrom('gap_tasks').select('id').where('id', '=', taskId).executeTakeFirst(), 'the task is kept');
    assert.equal((await t.db.selectFrom('gap_task_submissions').select('id').where('task_id', '=', taskId).execute()).length, 1, 'and the school’s work');

    // In an archived group nothing is deleted.
    const old = await t.db.selectFrom('gap_tasks').select('id').where('title', '=', 'Reflect on the year').executeTakeFirstOrThrow();
    const archived = `/work-groups/${ARCHIVED}/tasks/${old.id}/delete`;
    assert.equal((await people.lead.get(archived)).status, 403);
    const attempt = await people.lead.request('POST', archived, { _csrf: String(page.$('input[name="_csrf"]').first().val()) });
    assert.equal(attempt.status, 403);
    assert.match(attempt.$('main').text(), /Nothing has been saved/);
    assert.equal((await people.lead.get(`/work-groups/${ARCHIVED}/tasks/${old.id}`)).$(`a[href="${archived}"]`).length, 0);
    assert.ok(await t.db.selectFrom('gap_tasks').select('id').where('id', '=', old.id).executeTakeFirst());
  });

  test('deleting: odd task ids and odd posts get a plain page, never a 500', async () => {
    const token = String((await people.lead.get(`${base}/${taskId}`)).$('input[name="_csrf"]').first().val());
    for (const id of ['abc', '-1', '1e3', '99999999999', '999999999']) {
      assert.equal((await people.lead.get(`${base}/${id}/delete`)).status, 404, `GET ${id}`);
      assert.equal((await people.lead.request('POST', `${base}/${id}/delete`, { _csrf: token })).status, 404, `POST ${id}`);
    }
    // No form at all, and a multipart one: refused without a token, never deleted.
    assert.equal((await people.lead.request('POST', `${base}/${taskId}/delete`)).status, 403);
    const multipart = await people.lead.multipart(`${base}/${taskId}/delete`, { _csrf: token });
    assert.ok([403, 409].includes(multipart.status), String(multipart.status));
    assert.ok(await t.db.selectFrom('gap_tasks').select('id').where('id', '=', taskId).executeTakeFirst(), 'the task is kept');
  });

  test('a submission to a task its lead deletes at the same moment: not found, not a 500', async () => {
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    const { id } = await t.db
      .insertInto('gap_tasks')
      .values({ work_group_id: group.id, title: 'Deleted meanwhile', instructions: 'Gone soon.', due_on: '2026-12-11' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const repository = createTaskRepository(t.db);
    const read = await repository.task(group.id, id);
    assert.ok(read);
    // The task as the participant's request read it, then deleted by the lead before the write.
    await t.db.deleteFrom('gap_tasks').where('id', '=', id).execute();
    const membership = createMembershipService({ repository: createMembershipRepository(t.db), clock: () => NOW });
    const racing = createTaskService({ db: t.db, repository: { ...repository, task: async () => read }, membership, clock: () => NOW, baseUrl: 'http://hubwork.test' });
    const ana = await userOf('ana@a-school.test');
    const access = await membership.require(ana, GROUP);
    await assert.rejects(racing.submit(access, ana, id, { body: 'Our response', version: 0, uploads: [], heldIds: [], removeIds: [] }), NotFound);
    assert.equal((await t.db.selectFrom('gap_task_submissions').select('id').where('task_id', '=', id).execute()).length, 0);
  });
});
