// The home page of a signed-in person: their groups this year with the next workshop, earlier
// years, and for a lead the registers of the day. On a hub's year of its own (test/factories.ts).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { type BuiltWorkGroup, factories, signInAs, type World } from '../../../test/factories.ts';

// The morning of the group's first workshop (22 January 2027, 9am).
const NOW = new Date('2027-01-22T08:45:00Z');
let t: TestApp;
let world: World;
/** Another hub's group, and two more of this hub's this year (one open, one to wait for). */
let elsewhere: BuiltWorkGroup;
let open: BuiltWorkGroup;
let full: BuiltWorkGroup;
let CODE: string;
before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  world = await make.world({ firstWorkshop: new Date('2027-01-22T09:00:00Z'), names: { participant: 'Priya Shah', work_group_lead: 'Steve Waterhouse', headteacher: 'Helen Marsh' } });
  CODE = world.group.code;
  // Last year's group, which the participant took part in and the lead led.
  const lastYear = await make.workGroup(world.hub, { title: 'Secondary Maths Leadership 2022-23', project: await make.project({ academicYear: '2022/23' }), firstWorkshop: new Date('2022-11-07T13:00:00Z') });
  await make.role(world.accounts.participant, 'participant', { workGroup: lastYear });
  await make.role(world.accounts.work_group_lead, 'work_group_lead', { workGroup: lastYear });
  elsewhere = await make.workGroup(await make.hub());
  open = await make.workGroup(world.hub, { participantsPerSchool: 1 });
  full = await make.workGroup(world.hub, { placesTotal: 1 });
});
after(async () => {
  await t.close();
});

const signedIn = (role: keyof World['accounts']) => signInAs(t.app, world.accounts[role]);

describe('your Work Groups', () => {
  test('a participant sees this year’s group with its next workshop, and last years’ below', async () => {
    const page = await (await signedIn('participant')).get('/home');
    assert.equal(page.status, 200);
    const card = page.$('[data-testid="group"]');
    assert.equal(card.length, 1);
    assert.match(card.text(), new RegExp(world.group.title));
    assert.match(card.text(), /You take part/);
    assert.match(card.text(), /Workshop 1.*Friday 22 January 2027, 9(:00)?am/s);
    assert.equal(page.$('[data-testid="todays-registers"]').length, 0, 'no registers for a participant');
    assert.match(page.$('main').text(), /Earlier years[\s\S]*Secondary Maths Leadership 2022-23/);

    // The group's public page shows a member the way to its own pages; a visitor sees none.
    const groupPage = await (await signedIn('participant')).get(`/work-groups/${CODE}`);
    assert.deepEqual(groupPage.$('[data-testid="member-links"] a').map((_, a) => groupPage.$(a).attr('href')).get(), [
      `/work-groups/${CODE}/community`,
      `/work-groups/${CODE}/tasks`,
      `/work-groups/${CODE}/observations`,
    ]);
    assert.equal((await new Agent(t.app).get(`/work-groups/${CODE}`)).$('[data-testid="member-links"]').length, 0);
    assert.equal((await (await signedIn('hub_admin')).get(`/work-groups/${elsewhere.code}`)).$('[data-testid="member-links"]').length, 0, 'not a member');
  });

  test('a lead sees today’s register; someone in no group is told how to join one', async () => {
    const page = await (await signedIn('work_group_lead')).get('/home');
    assert.match(page.$('[data-testid="group"]').text(), /You lead it/);
    const registers = page.$('[data-testid="todays-registers"] a');
    assert.equal(registers.length, 1);
    assert.equal(registers.attr('href'), `/work-groups/${CODE}/registers/1`);
    const register = await (await signedIn('work_group_lead')).get(`/work-groups/${CODE}/registers/1`);
    assert.equal(register.status, 200, 'the group’s lead may take it');
    assert.match(register.$('main').text(), /Priya Shah/);

    const none = await (await signedIn('hub_admin')).get('/home');
    assert.equal(none.$('[data-testid="group"]').length, 0);
    assert.match(none.$('main').text(), /You do not take part in or lead a Work Group this year/);
    assert.equal((await new Agent(t.app).get('/home')).status, 303, 'signed out: sent to sign in');
  });

  test('tasks due, submissions awaiting feedback and lessons to observe show on the home pages', async () => {
    // The group's lead set a task; the school submitted it; a lesson is offered and the participant will observe it.
    await sql`
      WITH g AS (SELECT ${world.group.id}::int AS id),
           lead AS (SELECT ${world.accounts.work_group_lead.id}::int AS id),
           me AS (SELECT ${world.accounts.participant.id}::int AS id),
           school AS (SELECT ${world.school.urn}::int AS school_urn),
           task AS (
             INSERT INTO gap_tasks (work_group_id, title, instructions, due_on, set_by)
             SELECT g.id, 'Plan a departmental meeting', 'Bring your plan to workshop 2.', '2027-02-12', lead.id FROM g, lead RETURNING id
           ),
           submitted AS (
             INSERT INTO gap_task_submissions (task_id, school_urn, body, submitted_by, submitted_at, updated_by, updated_at)
             SELECT task.id, school.school_urn, 'Our plan', me.id, now(), me.id, now() FROM task, school, me RETURNING id
           ),
           lesson AS (
             INSERT INTO lesson_observations (work_group_id, school_urn, offered_by, starts_at, ends_at, class_name, focus, arrival, observer_limit, observers_count)
             SELECT g.id, school.school_urn, lead.id, '2027-02-03T10:00:00Z', '2027-02-03T11:00:00Z', 'Year 8', 'fluency', 'Main reception', 3, 1 FROM g, school, lead RETURNING id
           )
      INSERT INTO lesson_observers (observation_id, user_id) SELECT lesson.id, me.id FROM lesson, me
    `.execute(t.db);

    // And the lead has posted in the group's community.
    const lead0 = await signedIn('work_group_lead');
    const form = await lead0.get(`/work-groups/${CODE}/community/new`);
    const posted = await lead0.upload(form, {}, `/work-groups/${CODE}/community/new`, { title: 'Welcome to the community', body: 'Say hello before workshop 1.' });
    assert.equal(posted.status, 303, posted.$('.govuk-error-summary').text());

    const participant = await (await signedIn('participant')).get('/home');
    assert.match(participant.$('[data-testid="tasks-due"]').text(), /Plan a departmental meeting.*due Friday 12 February 2027\s*Submitted/s);
    assert.match(participant.$('[data-testid="observations"]').text(), /Fluency.*Wednesday 3 February 2027 at 10(:00)?am/s);
    assert.match(participant.$('[data-testid="posts"]').text(), /Welcome to the community: Steve Waterhouse/);
    const lead = await (await signedIn('work_group_lead')).get('/home');
    assert.match(lead.$('[data-testid="awaiting-feedback"]').text(), /Plan a departmental meeting.*1 submission/s);
    assert.equal((await (await signedIn('participant')).get(participant.$('[data-testid="tasks-due"] a').attr('href')!)).status, 200, 'the link opens the task');
  });

  test('a headteacher sees their school’s places, held, confirmed and waiting, with what is asked of them, and answers from the page', async () => {
    const head = await signedIn('headteacher');
    const before = await head.get('/home');
    const card = (page: typeof before, reference: string) => page.$(`[data-testid="school-registrations"] [data-reference="${reference}"]`);
    assert.match(card(before, world.reference).text(), new RegExp(`${world.group.title}[\\s\\S]*Confirmed[\\s\\S]*Nothing is asked of you`));
    assert.doesNotMatch(before.$('main').text(), /When your school’s place on a group is confirmed, it appears here/);

    // The school registers for another group (a place held), and waits for a third.
    const urn = world.school.urn;
    const headEmail = world.accounts.headteacher.email;
    const { registerThroughPages } = await import('../../../test/registration-steps.ts');
    await registerThroughPages(new Agent(t.app, { ip: '192.0.2.31' }), open.code, urn, { name: 'Priya Shah', email: world.accounts.participant.email, role: 'head_of_department' }, { name: 'Helen Marsh', email: headEmail });
    const heldRef = (await t.db.selectFrom('registrations as r').innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id').select('r.reference').where('wg.code', '=', open.code).where('r.school_urn', '=', urn).executeTakeFirstOrThrow()).reference;
    await t.db
      .insertInto('registrations')
      .values({ reference: 'HW-WAIT-2627', work_group_id: full.id, school_urn: urn, status: 'waitlisted', headteacher_name: 'Helen Marsh', headteacher_email: headEmail, manage_token_hash: 'dashboard-test-waiting', waitlisted_at: NOW })
      .execute();

    const page = await head.get('/home');
    const held = card(page, heldRef);
    assert.match(held.text(), /Held for your answer/);
    assert.match(held.text(), /Approve or decline by \w+day \d+ \w+ 2027/);
    assert.match(held.text(), /Priya Shah/);
    assert.match(card(page, 'HW-WAIT-2627').text(), /Waiting list[\s\S]*number 1 on the waiting list/);
    const answer = held.find('a').filter((_, a) => /Answer/.test(page.$(a).text())).attr('href');
    assert.ok(answer, 'a link to answer');
    const consent = await head.get(answer!);
    assert.equal(consent.status, 200);
    assert.match(consent.$('h1').text(), /Approve releasing teachers for/);
    const done = await head.submit(consent, { decision: 'approve' });
    assert.match(done.$('h1').text(), /Place confirmed/, 'a headteacher signed in with the school’s account: their approval counts at once');
    assert.match(card(await head.get('/home'), heldRef).text(), /Confirmed/);

    // Someone else's school: not theirs to answer.
    assert.equal((await (await signedIn('participant')).get(answer!)).status, 403);
  });
});
