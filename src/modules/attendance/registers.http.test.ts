// Registers through the real app: who may take them, a register for a workshop that has not
// started, absences without a reason, participants checking themselves in with the code, and
// each school's progress against the completion rule.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { accountWithRole, type BuiltUser, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
/** This test's own group, its lead, and two schools with confirmed places. */
let GROUP: string;
let groupLead: BuiltUser;
let PROJECT: string;
let t: TestApp;
const schools: { urn: number; name: string }[] = [];

const signedIn = async (role: Role) => signInAs(t.app, await accountWithRole(factories(t.db), role));

before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  const hub = await make.hub();
  // Workshop 1 started 20 minutes ago; workshop 2 is next term; workshop 3 has no date yet.
  const project = await make.project();
  PROJECT = project.ncpCode;
  const group = await make.workGroup(hub, {
    project,
    workshops: [
      { startsAt: new Date(NOW.getTime() - 20 * 60_000), endsAt: new Date(NOW.getTime() + 160 * 60_000) },
      { startsAt: new Date('2027-02-10T13:00:00Z'), endsAt: new Date('2027-02-10T16:00:00Z') },
      {},
    ],
  });
  GROUP = group.code;
  groupLead = await make.user('work_group_lead', { workGroup: group });
  // Two schools with confirmed places, a teacher each.
  for (const i of [1, 2]) {
    const school = await make.school(hub);
    schools.push(school);
    await make.confirmedRegistration(group, school, [{ name: `Lead ${i}`, email: `lead${i}@school.test` }]);
  }
});
after(async () => {
  await t.close();
});

const participantId = async (email: string) =>
  (await t.db.selectFrom('registration_participants').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('registers', () => {
  test('only the group’s leads and its hub’s staff see its registers', async () => {
    assert.equal((await new Agent(t.app).get(`/work-groups/${GROUP}/registers`)).status, 303, 'anonymous: sent to sign in');
    assert.equal((await (await signedIn('work_group_lead')).get(`/work-groups/${GROUP}/registers`)).status, 403, 'another group’s lead');
    assert.equal((await (await signedIn('participant')).get(`/work-groups/${GROUP}/registers/1`)).status, 403);
    assert.equal((await (await signedIn('hub_lead')).get(`/work-groups/${GROUP}/registers`)).status, 403, 'another hub’s lead');
    assert.equal((await (await signInAs(t.app, groupLead)).get(`/work-groups/${GROUP}/registers`)).status, 200, 'the group’s own lead');
    const admin = await signedIn('national_admin');
    const page = await admin.get(`/work-groups/${GROUP}/registers`);
    assert.equal(page.status, 200);
    assert.equal(page.$(`[data-testid="workshops"] a[href="/work-groups/${GROUP}/registers/1"]`).length, 1, 'workshop 1’s register is open');
    assert.equal((await admin.get(`/work-groups/${GROUP}/registers/99`)).status, 404);
    assert.equal((await admin.get('/work-groups/NOPE/registers')).status, 404);
  });

  test('a workshop that has not started: no register yet, and a posted one is refused with a clear message', async () => {
    const admin = await signedIn('national_admin');
    const page = await admin.get(`/work-groups/${GROUP}/registers/2`);
    assert.equal(page.status, 200);
    assert.match(page.$('main').text(), /has not started yet/);
    assert.equal(page.$('form[action$="/registers/2"]').length, 0);
    const id = await participantId('lead1@school.test');
    // A form for workshop 1, tampered to post to workshop 2.
    const open = await admin.get(`/work-groups/${GROUP}/registers/1`);
    const csrf = String(open.$('input[name="_csrf"]').val());
    const posted = await admin.request('POST', `/work-groups/${GROUP}/registers/2`, { _csrf: csrf, [`attendance-${id}`]: 'present' });
    assert.equal(posted.status, 400);
    assert.match(posted.$('.govuk-error-summary').text(), /has not started yet/);
    const marks = await t.db.selectFrom('attendance').selectAll().where('participant_id', '=', id).execute();
    assert.equal(marks.length, 0, 'nothing recorded');
  });

  test('participants check in with the code; the lead marks the rest, an absence needs its reason; progress follows', async () => {
    const admin = await signedIn('national_admin');
    const register = await admin.get(`/work-groups/${GROUP}/registers/1`);
    const code = register.$('[data-testid="check-in-code"]').text().trim();
    assert.match(code, /^[2-9A-HJ-NP-Z]{6}$/);

    // The first school's lead checks in on their phone: 20 minutes in, so late.
    const phone = new Agent(t.app);
    const form = await phone.get('/check-in');
    const wrongCode = await phone.submit(form, { code: 'ZZZZZZ', email: 'lead1@school.test' });
    assert.equal(wrongCode.status, 400);
    assert.match(wrongCode.$('#code-error').text(), /not for a workshop running now/);
    assert.equal(wrongCode.$('#code').val(), 'ZZZZZZ', 'the code is kept');
    // An address that is nobody's gets the same answer as a participant's (check-in.http.test.ts).
    const stranger = await phone.submit(form, { code, email: 'someone@else.test' });
    assert.equal(stranger.status, 200);
    assert.match(stranger.$('h1').text(), /Check-in sent/);
    const checkedIn = await phone.submit(form, { code: code.toLowerCase(), email: 'Lead1@School.test' });
    assert.equal(checkedIn.status, 200);
    assert.match(checkedIn.$('h1').text(), /Check-in sent/);
    assert.match(checkedIn.$('main').text(), /on the register for this workshop as late/);
    assert.match((await t.mailsTo('lead1@school.test')).at(-1)?.text ?? '', /on the register as late/);

    // The lead's register shows it; the second school's lead is absent, first without a reason.
    const [first, second] = [await participantId('lead1@school.test'), await participantId('lead2@school.test')];
    const page = await admin.get(`/work-groups/${GROUP}/registers/1`);
    assert.equal(page.$(`input[name="attendance-${first}"][value="late"]`).attr('checked'), 'checked');
    assert.match(page.$('main').text(), /Checked in themselves/);
    const noReason = await admin.submit(page, { [`attendance-${first}`]: 'late', [`attendance-${second}`]: 'absent', [`reason-${second}`]: '' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.$(`#reason-${second}-error`).text(), /Enter why Lead 2 was absent/);
    assert.equal(noReason.$(`input[name="attendance-${second}"][value="absent"]`).attr('checked'), 'checked', 'the answers are kept');
    const tampered = await admin.submit(page, { [`attendance-${first}`]: 'asleep' });
    assert.equal(tampered.status, 400);
    const saved = await admin.submit(page, { [`attendance-${first}`]: 'late', [`attendance-${second}`]: 'absent', [`reason-${second}`]: 'Ofsted inspection' });
    assert.equal(saved.status, 303);
    const overview = await admin.get(saved.location!);
    assert.match(overview.$('.govuk-notification-banner').text(), /Register saved for workshop 1/);
    assert.match(overview.$('[data-testid="workshops"]').text(), /0 present, 1 late, 1 absent/);
    const progress = overview.$('[data-testid="progress"] tbody tr')
      .map((_, row) => overview.$(row).find('td, th').map((__, cell) => overview.$(cell).text().trim()).get().join(' | '))
      .get();
    assert.ok(progress.some((row) => row.startsWith(schools[0]!.name) && /\| 1 of 2 \| 3 of [\d.]+ \| In progress/.test(row)), progress.join('\n'));
    assert.ok(progress.some((row) => row.startsWith(schools[1]!.name) && /\| 0 of 2 \| 0 of [\d.]+ \| Not completed/.test(row)), 'absent from 1 of 2 when every workshop is needed: it cannot complete now');

    // The completion rule: at least 1 workshop. Bad input first.
    const bad = await admin.submit(overview, { 'min-sessions': '9' }, `/work-groups/${GROUP}/registers/completion`);
    assert.equal(bad.status, 400);
    assert.match(bad.$('#min-sessions-error').text(), /from 1 to 2/);
    await admin.submit(overview, { 'min-sessions': '1' }, `/work-groups/${GROUP}/registers/completion`);
    const after = await admin.get(`/work-groups/${GROUP}/registers`);
    assert.match(after.$('main').text(), /attending at least 1 of the 2 workshops/);
    assert.match(after.$('[data-testid="progress"]').text(), /Completed/);

    // The rule can also ask for every gap task: with one set and not submitted, the school is not there yet.
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    const task = await t.db
      .insertInto('gap_tasks')
      .values({ work_group_id: group.id, title: 'Audit your schemes of work', instructions: 'Bring it to workshop 2.', due_on: '2026-12-10' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await admin.submit(after, { 'min-sessions': '1', 'requires-tasks': 'yes' }, `/work-groups/${GROUP}/registers/completion`);
    const withTasks = await admin.get(`/work-groups/${GROUP}/registers`);
    assert.match(withTasks.$('main').text(), /and submitting every gap task/);
    const rowOf = (page: typeof withTasks, name: string) =>
      page.$('[data-testid="progress"] tbody tr').filter((_, row) => page.$(row).text().includes(name)).text().replace(/\s+/g, ' ');
    assert.match(rowOf(withTasks, schools[0]!.name), /1 of 1 3 of [\d.]+ 0 of 1 In progress/);
    await t.db
      .insertInto('gap_task_submissions')
      .values({ task_id: task.id, school_urn: schools[0]!.urn, body: 'Done', submitted_at: NOW, updated_at: NOW })
      .execute();
    assert.match(rowOf(await admin.get(`/work-groups/${GROUP}/registers`), schools[0]!.name), /1 of 1 3 of [\d.]+ 1 of 1 Completed/);
  });

  test('the attendance sheet downloads as a CSV for a spreadsheet: each participant’s marks and their school’s progress', async () => {
    // After the test above: workshop 1 taken (Lead 1 late, Lead 2 absent), rule 1 workshop plus
    // every gap task, one task set and the first school's submission in.
    const admin = await signedIn('national_admin');
    const overview = await admin.get(`/work-groups/${GROUP}/registers`);
    assert.equal(overview.$(`a[href="/work-groups/${GROUP}/registers/attendance.csv"]`).length, 1, 'the overview links to it');
    const sheet = await admin.get(`/work-groups/${GROUP}/registers/attendance.csv`);
    assert.equal(sheet.status, 200);
    assert.match(String(sheet.headers['content-type']), /text\/csv/);
    assert.match(String(sheet.headers['content-disposition']), new RegExp(`attachment; filename="${GROUP}-attendance.csv"`));
    assert.ok(sheet.body.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8');
    const [header, ...rows] = parse(sheet.body.slice(1)) as string[][];
    // The hours of the dated workshops, as the overview says them.
    const totalHours = /(\d+(?:\.\d+)?) hours in all/.exec(overview.$('main').text())?.[1];
    assert.ok(totalHours, 'the overview gives the workshops’ hours');
    assert.match(overview.$('main').text(), /Schools commit to the equivalent of \d+(\.\d)? days? of workshops: 2 workshops with a date so far/);
    assert.deepEqual(header!.slice(0, 4), ['URN', 'School', 'Participant', 'Email']);
    assert.equal(header![4], 'Workshop 1 (2026-11-23)');
    assert.deepEqual(header!.slice(-4, -2), ['Workshops attended (of 1 to complete)', `Hours attended (of ${totalHours})`]);
    assert.deepEqual(header!.slice(-2), ['Gap tasks submitted (of 1)', 'Status']);
    const byEmail = new Map(rows.map((row) => [row[3], row]));
    assert.equal(rows.length, 2, 'one row for each participant with a confirmed place');
    const first = byEmail.get('lead1@school.test')!;
    assert.deepEqual([first[0], first[1], first[2], first[4]], [String(schools[0]!.urn), schools[0]!.name, 'Lead 1', 'Late']);
    assert.deepEqual(first.slice(-4), ['1', '3', '1', 'Completed'], 'workshop 1 ran for 3 hours');
    const second = byEmail.get('lead2@school.test')!;
    assert.equal(second[4], 'Absent: Ofsted inspection');
    assert.deepEqual(second.slice(-4), ['0', '0', '0', 'In progress'], 'workshop 2 is still to come');

    // Only those who run the group download it.
    assert.equal((await (await signedIn('participant')).get(`/work-groups/${GROUP}/registers/attendance.csv`)).status, 403);
    assert.equal((await (await signedIn('work_group_lead')).get(`/work-groups/${GROUP}/registers/attendance.csv`)).status, 403);
    assert.equal((await new Agent(t.app).get(`/work-groups/${GROUP}/registers/attendance.csv`)).status, 303, 'anonymous: sent to sign in');
  });

  test('at the end of the year the lead records each school as completed or taken part, in the school’s records', async () => {
    const admin = await signedIn('national_admin');
    const overview = await admin.get(`/work-groups/${GROUP}/registers`);
    const early = await admin.submit(overview, {}, `/work-groups/${GROUP}/registers/record-completion`);
    assert.equal(early.status, 400);
    assert.match(early.$('.govuk-error-summary').text(), /once every workshop has a date and the last one has ended/);

    // The year goes by: workshops 2 and 3 are dated, and over (nobody came).
    const group = await t.db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
    for (const n of [2, 3]) {
      await t.db
        .updateTable('workshops')
        .set({ starts_at: new Date(NOW.getTime() - (10 - n) * 86_400_000), ends_at: new Date(NOW.getTime() - (10 - n) * 86_400_000 + 3_600_000), date_to_be_confirmed: false })
        .where('work_group_id', '=', group.id)
        .where('workshop_number', '=', n)
        .execute();
    }
    await t.db.updateTable('workshops').set({ ends_at: new Date(NOW.getTime() - 60_000) }).where('work_group_id', '=', group.id).where('workshop_number', '=', 1).execute();
    const recorded = await admin.submit(await admin.get(`/work-groups/${GROUP}/registers`), {}, `/work-groups/${GROUP}/registers/record-completion`);
    assert.equal(recorded.status, 303);
    const page = await admin.get(recorded.location!);
    assert.match(page.$('.govuk-notification-banner').text(), /completion is recorded/);
    const records = await t.db
      .selectFrom('school_participations')
      .select(['school_urn', 'outcome', 'academic_year', 'ncp_code'])
      .where('source', '=', 'hubwork')
      .orderBy('school_urn')
      .execute();
    assert.deepEqual(
      records.map((r) => [r.school_urn, r.outcome, r.academic_year, r.ncp_code]),
      [
        [schools[0]!.urn, 'completed', '2026/27', PROJECT],
        [schools[1]!.urn, 'took_part', '2026/27', PROJECT],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    // Recording again replaces, never duplicates.
    await admin.submit(page, {}, `/work-groups/${GROUP}/registers/record-completion`);
    assert.equal((await t.db.selectFrom('school_participations').select('id').where('source', '=', 'hubwork').execute()).length, 2);
  });
});
