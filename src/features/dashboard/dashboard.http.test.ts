// The home page of a signed-in person: their groups this year with the next workshop, earlier
// years, and for a lead the registers of the day. On the demo data's own people.
import assert from 'node:assert/strict';
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
});
