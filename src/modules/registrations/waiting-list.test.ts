// The waiting list under load, through the real app: schools joining a full group at the same
// moment each get their own place in the queue, on the page and in the email, in the order the
// list keeps.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { answerUpToCheck } from '../../../test/registration-steps.ts';

const TODAY = new Date('2026-11-23T12:00:00Z');
const GROUP = 'WRK2627-GN01';
let t: TestApp;

before(async () => {
  t = await testApp({ now: TODAY });
});
after(async () => {
  await t.close();
});

test('40 schools joining a full group at once are numbers 1 to 40, each told once on the page and in the email', async () => {
  await t.db.updateTable('work_groups').set((eb) => ({ places_taken: eb.ref('places_total') })).where('code', '=', GROUP).execute();
  const schools = await t.db.selectFrom('schools').select('urn').where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').limit(40).execute();
  assert.equal(schools.length, 40);
  // Each school from its own network, answered up to the check page…
  const ready = await Promise.all(
    schools.map(async (s, i) => {
      const agent = new Agent(t.app, { ip: `198.51.100.${i + 1}` });
      const teacher = { name: `Teacher ${i + 1}`, email: `waiting${i + 1}@school.test`, role: 'head_of_department' };
      return { agent, teacher, check: await answerUpToCheck(agent, GROUP, s.urn, teacher, { name: `Head ${i + 1}`, email: `head${i + 1}@heads.test` }) };
    }),
  );
  // …then all register at the same moment.
  const sent = await Promise.all(ready.map(({ agent, check }) => agent.submit(check, {})));
  for (const s of sent) assert.equal(s.status, 303);
  const pages = await Promise.all(ready.map(({ agent }) => agent.get(`/work-groups/${GROUP}/register/confirmation`)));
  const told = pages.map((p) => Number(/number (\d+) on the waiting list/.exec(p.$('main').text())?.[1]));
  assert.deepEqual([...told].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1), 'the pages: each number once');

  const emailed = await Promise.all(
    ready.map(async ({ teacher }) => {
      const mails = (await t.mailsTo(teacher.email)).filter((m) => /On the waiting list/.test(m.subject ?? ''));
      assert.equal(mails.length, 1, `${teacher.email} is told once`);
      return Number(/waiting list, number (\d+)/.exec(mails[0]!.text ?? '')?.[1]);
    }),
  );
  assert.deepEqual(emailed, told, 'the email says what the page said');

  // The order the school was told is the order the list keeps: the hub's view agrees.
  const admin = new Agent(t.app);
  const signIn = await admin.submit(await admin.get('/sign-in'), { email: 'national.admin@demo.hubwork.test', password: 'national-demo-2026' });
  assert.equal(signIn.status, 303);
  const list = await admin.get(`/admin/work-groups/${GROUP}/registrations`);
  assert.equal(list.status, 200);
  const rows = list.$('[data-testid="waiting"] tbody tr').map((_, tr) => list.$(tr).find('td').eq(2).text()).get();
  assert.equal(rows.length, 40);
  for (const [i, { teacher }] of ready.entries()) {
    assert.match(rows[told[i]! - 1] ?? '', new RegExp(teacher.email.replace('.', '\\.')), `number ${told[i]} on the hub’s list is ${teacher.email}`);
  }
});
