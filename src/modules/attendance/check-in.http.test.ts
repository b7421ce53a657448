// Checking in with the workshop's code: the same answer whether or not the email address is a
// participant's (no name shown; the participant is emailed to confirm), and throttles that hold
// under parallel requests: 20 wrong codes per address, and 50 addresses that are nobody's per
// workshop, in 15 minutes.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { factories, signInAs } from '../../../test/factories.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
/** This test's own group: four schools confirmed, one teacher each. */
let GROUP: string;
const TEACHERS = ['Ada Brook', 'Ben Carr', 'Cat Dunn', 'Dev Eyre'];
const email = (name: string) => `${name.toLowerCase().replace(' ', '.')}@school.test`;
let t: TestApp;
let code: string;

before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  const hub = await make.hub();
  // Workshop 1 started 5 minutes ago (so checking in now is "present").
  const group = await make.workGroup(hub, {
    workshops: [
      { startsAt: new Date(NOW.getTime() - 5 * 60_000), endsAt: new Date(NOW.getTime() + 175 * 60_000) },
      { startsAt: new Date(NOW.getTime() + 7 * 86_400_000), endsAt: new Date(NOW.getTime() + 7 * 86_400_000 + 3 * 3_600_000) },
    ],
  });
  GROUP = group.code;
  for (const teacher of TEACHERS) await make.confirmedRegistration(group, await make.school(hub), [{ name: teacher, email: email(teacher) }]);
  const admin = await signInAs(t.app, await make.user('national_admin'));
  code = (await admin.get(`/work-groups/${GROUP}/registers/1`)).$('[data-testid="check-in-code"]').text().trim();
  assert.match(code, /^[2-9A-HJ-NP-Z]{6}$/);
});
after(async () => {
  await t.close();
});

const marks = async (address: string) =>
  t.db
    .selectFrom('attendance as a')
    .innerJoin('registration_participants as p', 'p.id', 'a.participant_id')
    .select(['a.status'])
    .where('p.email', '=', address)
    .execute();

/** The check-in form's fields from a fresh page, from this address. */
async function checkInForm(ip: string) {
  const agent = new Agent(t.app, { ip });
  const page = await agent.get('/check-in');
  return { agent, fields: { _csrf: String(page.$('input[name="_csrf"]').val()) } };
}

/** The answer's words, with the address typed taken out. */
const answerText = (page: { $: (s: string) => { text(): string } }, typed: string) => page.$('main').text().replaceAll(typed, '<email>').replace(/\s+/g, ' ').trim();

describe('the answer', () => {
  test('is the same for a participant, a participant already on the register and an address that is nobody’s; only the participant is emailed', async () => {
    const { agent, fields } = await checkInForm('192.0.2.10');
    const participant = email('Ada Brook');
    const first = await agent.request('POST', '/check-in', { ...fields, code, email: participant });
    const again = await agent.request('POST', '/check-in', { ...fields, code, email: participant.toUpperCase() });
    const stranger = await agent.request('POST', '/check-in', { ...fields, code, email: 'not.registered@school.test' });
    for (const page of [first, again, stranger]) assert.equal(page.status, 200);
    assert.equal(answerText(again, participant.toUpperCase()), answerText(first, participant), 'already on the register: the same answer');
    assert.equal(answerText(stranger, 'not.registered@school.test'), answerText(first, participant), 'nobody’s address: the same answer');
    assert.doesNotMatch(first.body, /Ada|Brook/, 'no name shown');
    assert.match(first.$('main').text(), /present/);
    assert.match(first.$('main').text(), /ask your Work Group lead/);

    assert.deepEqual(await marks(participant), [{ status: 'present' }]);
    const mails = (await t.mailsTo(participant)).filter((m) => /You are on the register/.test(m.subject ?? ''));
    assert.equal(mails.length, 1, 'one email, for the check-in that recorded the mark');
    assert.match(mails[0]?.text ?? '', /Hello Ada Brook,[\s\S]*workshop 1, [\s\S]* as present/);
    assert.equal((await t.mailsTo('not.registered@school.test')).length, 0);
  });
});

describe('throttles', () => {
  test('100 wrong codes at once from one address: 20 are looked up, the rest refused; the right code from there waits, from elsewhere it works', async () => {
    const { agent, fields } = await checkInForm('203.0.113.20');
    const guesses = Array.from({ length: 100 }, (_, i) => `${'23456789ABCDEFGH'[i % 16]}${'JKLMNPQRSTUVWXYZ'[Math.floor(i / 16)]}QQQQ`);
    const answers = await Promise.all(guesses.map((guess) => agent.request('POST', '/check-in', { ...fields, code: guess, email: 'guesser@example.org' })));
    assert.equal(answers.filter((a) => a.status === 400).length, 20, 'twenty wrong codes answered');
    assert.equal(answers.filter((a) => a.status === 429).length, 80);
    assert.match(answers.find((a) => a.status === 429)!.$('.govuk-error-summary').text(), /Too many wrong codes[\s\S]*ask your Work Group lead/);

    const participant = email('Ben Carr');
    const held = await agent.request('POST', '/check-in', { ...fields, code, email: participant });
    assert.equal(held.status, 429);
    assert.deepEqual(await marks(participant), [], 'not recorded');
    const elsewhere = await checkInForm('192.0.2.21');
    assert.equal((await elsewhere.agent.request('POST', '/check-in', { ...elsewhere.fields, code, email: participant })).status, 200);
    assert.deepEqual(await marks(participant), [{ status: 'present' }]);
  });

  test('100 addresses that are nobody’s at once for one workshop: 50 are looked up, then its check-in pauses for 15 minutes', async () => {
    // A window of its own (the first test's stranger was counted).
    await t.db.deleteFrom('check_in_throttles').execute();
    const tries = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const { agent, fields } = await checkInForm(`198.51.100.${i + 1}`);
        return agent.request('POST', '/check-in', { ...fields, code, email: `someone.${i}@example.org` });
      }),
    );
    assert.equal(tries.filter((a) => a.status === 200).length, 50);
    assert.equal(tries.filter((a) => a.status === 429).length, 50);

    const participant = email('Cat Dunn');
    const { agent, fields } = await checkInForm('192.0.2.30');
    const paused = await agent.request('POST', '/check-in', { ...fields, code, email: participant });
    assert.equal(paused.status, 429);
    assert.match(paused.$('.govuk-error-summary').text(), /ask your Work Group lead to mark you on the register/);
    assert.deepEqual(await marks(participant), []);

    await t.db.updateTable('check_in_throttles').set({ window_started_at: sql<Date>`window_started_at - interval '15 minutes'` }).execute();
    assert.equal((await agent.request('POST', '/check-in', { ...fields, code, email: participant })).status, 200);
    assert.deepEqual(await marks(participant), [{ status: 'present' }]);
  });
});
