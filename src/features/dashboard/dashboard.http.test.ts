// The home page of a signed-in person: their groups this year with the next workshop, earlier
// years, and for a lead the registers of the day. On the demo data's own people.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { DEMO_ACCOUNTS } from '../demo-data/accounts.ts';

// The morning of the demo group's first workshop (22 January 2027, 9am).
const NOW = new Date('2027-01-22T08:45:00Z');
let t: TestApp;
before(async () => {
  t = await testApp({ now: NOW });
});
after(async () => {
  await t.close();
});

async function signedIn(role: string): Promise<Agent> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const agent = new Agent(t.app);
  assert.equal((await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password })).status, 303);
  return agent;
}

describe('your Work Groups', () => {
  test('a participant sees this year’s group with its next workshop, and last years’ below', async () => {
    const page = await (await signedIn('participant')).get('/home');
    assert.equal(page.status, 200);
    const card = page.$('[data-testid="group"]');
    assert.equal(card.length, 1);
    assert.match(card.text(), /Secondary Subject Leadership Community 2026-27 – Shropshire/);
    assert.match(card.text(), /You take part/);
    assert.match(card.text(), /Workshop 1.*Friday 22 January 2027, 9(:00)?am/s);
    assert.equal(page.$('[data-testid="todays-registers"]').length, 0, 'no registers for a participant');
    assert.match(page.$('main').text(), /Earlier years[\s\S]*Secondary Maths Leadership 2022-23/);

    // The group's public page shows a member the way to its own pages; a visitor sees none.
    const groupPage = await (await signedIn('participant')).get('/work-groups/WRK2627-SHAW01');
    assert.deepEqual(groupPage.$('[data-testid="member-links"] a').map((_, a) => groupPage.$(a).attr('href')).get(), [
      '/work-groups/WRK2627-SHAW01/community',
      '/work-groups/WRK2627-SHAW01/tasks',
      '/work-groups/WRK2627-SHAW01/observations',
    ]);
    assert.equal((await new Agent(t.app).get('/work-groups/WRK2627-SHAW01')).$('[data-testid="member-links"]').length, 0);
    assert.equal((await (await signedIn('hub_admin')).get('/work-groups/WRK2627-GN01')).$('[data-testid="member-links"]').length, 0, 'not a member');
  });

  test('a lead sees today’s register; someone in no group is told how to join one', async () => {
    const page = await (await signedIn('work_group_lead')).get('/home');
    assert.match(page.$('[data-testid="group"]').text(), /You lead it/);
    const registers = page.$('[data-testid="todays-registers"] a');
    assert.equal(registers.length, 1);
    assert.equal(registers.attr('href'), '/work-groups/WRK2627-SHAW01/registers/1');
    const register = await (await signedIn('work_group_lead')).get('/work-groups/WRK2627-SHAW01/registers/1');
    assert.equal(register.status, 200, 'the demo lead may take it');
    assert.match(register.$('main').text(), /Priya Shah/);

    const none = await (await signedIn('hub_admin')).get('/home');
    assert.equal(none.$('[data-testid="group"]').length, 0);
    assert.match(none.$('main').text(), /You do not take part in or lead a Work Group this year/);
    assert.equal((await new Agent(t.app).get('/home')).status, 303, 'signed out: sent to sign in');
  });

  test('tasks due, submissions awaiting feedback and lessons to observe show on the home pages', async () => {
    // The demo group's lead set a task; the demo school submitted it; a lesson is offered and the participant will observe it.
    await sql`
      WITH g AS (SELECT id FROM work_groups WHERE code = 'WRK2627-SHAW01'),
           lead AS (SELECT id FROM users WHERE email = 'steve.waterhouse@demo.hubwork.test'),
           me AS (SELECT id, school_urn FROM users WHERE email = 'participant@demo.hubwork.test'),
           school AS (SELECT school_urn FROM registrations WHERE reference = 'HW-DEMO-2627'),
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
    const form = await lead0.get('/work-groups/WRK2627-SHAW01/community/new');
    const posted = await lead0.upload(form, {}, '/work-groups/WRK2627-SHAW01/community/new', { title: 'Welcome to the community', body: 'Say hello before workshop 1.' });
    assert.equal(posted.status, 303, posted.$('.govuk-error-summary').text());

    const participant = await (await signedIn('participant')).get('/home');
    assert.match(participant.$('[data-testid="tasks-due"]').text(), /Plan a departmental meeting.*due Friday 12 February 2027\s*Submitted/s);
    assert.match(participant.$('[data-testid="observations"]').text(), /Fluency.*Wednesday 3 February 2027 at 10(:00)?am/s);
    assert.match(participant.$('[data-testid="posts"]').text(), /Welcome to the community: Steve Waterhouse/);
    const lead = await (await signedIn('work_group_lead')).get('/home');
    assert.match(lead.$('[data-testid="awaiting-feedback"]').text(), /Plan a departmental meeting.*1 submission/s);
    assert.equal((await (await signedIn('participant')).get(participant.$('[data-testid="tasks-due"] a').attr('href')!)).status, 200, 'the link opens the task');
  });
});
