// The waiting list under load, through the real app: schools joining a full group at the same
// moment each get their own place in the queue, on the page and in the email, in the order the
// list keeps.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { answerUpToCheck } from '../../../test/registration-steps.ts';
import { academicYearOf, type BuiltSchool, type BuiltUser, factories, signInAs } from '../../../test/factories.ts';

const TODAY = new Date('2026-11-23T12:00:00Z');
let t: TestApp;
/** A full group of this test's own, 40 state-funded secondary schools of its hub, and a national administrator. */
let GROUP: string;
let schools: BuiltSchool[];
let nationalAdmin: BuiltUser;

before(async () => {
  t = await testApp({ now: TODAY });
  const make = factories(t.db, TODAY);
  const hub = await make.hub();
  const group = await make.workGroup(hub, { placesTotal: 2, participantsPerSchool: 1, project: await make.project({ academicYear: academicYearOf(TODAY) }) });
  GROUP = group.code;
  schools = [];
  for (let i = 0; i < 40; i++) schools.push(await make.school(hub));
  nationalAdmin = await make.user('national_admin');
});
after(async () => {
  await t.close();
});

test('40 schools joining a full group at once are numbers 1 to 40, each told once on the page and in the email', async () => {
  await t.db.updateTable('work_groups').set((eb) => ({ places_taken: eb.ref('places_total') })).where('code', '=', GROUP).execute();
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
  const admin = await signInAs(t.app, nationalAdmin);
  const list = await admin.get(`/admin/work-groups/${GROUP}/registrations`);
  assert.equal(list.status, 200);
  const rows = list.$('[data-testid="waiting"] tbody tr').map((_, tr) => list.$(tr).find('td').eq(2).text()).get();
  assert.equal(rows.length, 40);
  for (const [i, { teacher }] of ready.entries()) {
    assert.match(rows[told[i]! - 1] ?? '', new RegExp(teacher.email.replace('.', '\\.')), `number ${told[i]} on the hub’s list is ${teacher.email}`);
  }
});
