// Whose consent counts (issue 12: 11, 13, 16, 18), and the headteacher's home page (12), in the
// browser: a refused participant is told by the Role field what to do instead; a participant's
// own address (with a +tag) is refused as the headteacher's; who registered is asked and shown;
// the headteacher's page says what they need to decide; an approval from an address the school is
// not known by stays held, "Headteacher not verified", until hub staff confirm it with a reason;
// the demo headteacher sees their school's places on /home and answers there. axe-core checks
// every page on the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent } from '../agent.ts';
import { registerThroughPages } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

// Registration open; the group's first workshop still ahead.
const suite = browserSuite({ now: new Date('2027-01-11T10:00:00Z') });
const CODE = 'WRK2627-GN01';
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const consentLink = (text: string | undefined) => /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

test('a registrant is refused as the headteacher and told why by the fields; an approval from an unknown address waits for the hub, which confirms it', async () => {
  const school = await suite.site.db
    .selectFrom('schools')
    .select(['urn', 'name'])
    .where('phase', '=', 'Secondary')
    .where('state_funded', '=', true)
    .orderBy('urn', 'desc')
    .offset(3)
    .executeTakeFirstOrThrow();
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}/work-groups/${CODE}/register/school?q=${school.urn}`);
  await page.getByLabel(school.name).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // 16: a refused participant: the reason and what to do instead, by the Role field.
  await page.getByLabel('Full name').fill('Gina Hart');
  await page.getByLabel('Email address').fill('gina@school.test');
  await page.getByLabel('Teacher of maths').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'These participants cannot take part' }).waitFor();
  const roleError = page.locator('#participant-1-roles-error');
  assert.match(await roleError.innerText(), /heads of department or subject leaders only\. Gina Hart is a teacher of maths\. Select their role if it is one of these, or name a colleague who is/);
  await page.locator('.govuk-error-summary').getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'participant-1-roles', 'the summary takes you to the field');
  await expectAccessible(page, 'participants, refused, with the error by the Role field');
  await page.getByLabel('Teacher of maths').uncheck();
  await page.getByLabel('Head of department').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // 18: who is registering.
  await page.getByRole('heading', { name: 'Your details' }).waitFor();
  await expectAccessible(page, 'your details');
  await page.getByLabel('Your full name').fill('Gina Hart');
  await page.getByLabel('Your email address').fill('gina@school.test');
  await page.getByRole('button', { name: 'Continue' }).click();

  // 11: the participant's own address, with a +tag and in capitals, is not the headteacher's.
  await page.getByRole('heading', { name: 'Your headteacher' }).waitFor();
  await page.getByLabel('Headteacher’s full name').fill('Gina Hart');
  await page.getByLabel('Headteacher’s email address').fill('GINA+head@school.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.locator('#email-error').innerText(), /Enter your headteacher’s own email address: this is the participant’s \(Gina Hart\)/);
  await expectAccessible(page, 'your headteacher, refused as a participant’s address');
  await page.getByLabel('Headteacher’s full name').fill('Dr Ruth Lowe');
  await page.getByLabel('Headteacher’s email address').fill('ruth.lowe.head@mail.test');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'Check your answers before registering' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Registered by\s+Gina Hart, gina@school\.test/);
  assert.match(await page.getByTestId('headteacher-check').innerText(), /the Maths Hub will check with the school/);
  await expectAccessible(page, 'check your answers, with an address the school is not known by');
  await page.getByRole('button', { name: 'Register' }).click();
  const reference = (await page.getByTestId('reference').innerText()).trim();

  // 13: the headteacher's page says who registered, who takes part and as what, the cost, where, and what silence means.
  const link = consentLink((await suite.site.mailsTo('ruth.lowe.head@mail.test'))[0]?.text);
  assert.ok(link);
  const head = await (await suite.browser.newContext()).newPage();
  await head.goto(`${suite.site.baseUrl}${link}`);
  const heading = await head.getByRole('heading', { level: 1 }).innerText();
  assert.equal(heading, 'Approve releasing teachers for Secondary Subject Leadership Community');
  assert.equal((await head.title()).split(' – ')[0], heading, 'the title is the heading');
  const text = await head.locator('main').innerText();
  assert.match(text, /Gina Hart registered .* naming this teacher:/);
  assert.match(await head.getByTestId('participants').innerText(), /Gina Hart\s+Head of department\s+gina@school\.test/);
  assert.match(await head.getByTestId('registered-by').innerText(), /Gina Hart, gina@school\.test/);
  assert.match(text, /If you do not answer by .*, the place is released to another school/);
  assert.match(text, /Cost\s+This project is fully funded/);
  assert.match(await head.getByTestId('workshops').innerText(), /Workshop 1 – Launch: vision and principles: Thursday 14 January 2027, 1pm to 4pm, face to face at Newcastle Civic Centre/);
  assert.doesNotMatch(text, /to be confirmed \(to be confirmed\)/);
  await expectAccessible(head, 'the headteacher’s page');
  await head.getByLabel('Yes, I approve their release for every workshop').check();
  await head.getByRole('button', { name: 'Send my answer' }).click();
  await head.getByRole('heading', { name: 'Thank you: the Maths Hub will check your answer' }).waitFor();
  await expectAccessible(head, 'approved, waiting for the hub’s check');

  // The hub: "Headteacher not verified"; confirming needs how it was checked, and may record the address.
  const staff = await context.newPage();
  await signInWithPassword(staff, suite.site.baseUrl, account('national_admin'));
  await staff.goto(`${suite.site.baseUrl}/admin/work-groups/${CODE}/registrations`);
  const line = staff.getByTestId('places').getByRole('row').filter({ hasText: reference });
  assert.match(await line.innerText(), /Headteacher not verified/);
  assert.match(await line.innerText(), /Gina Hart\s+gina@school\.test/);
  await expectAccessible(staff, 'the registrations list, with a headteacher not verified');
  await line.getByRole('link').first().click();
  await staff.getByRole('heading', { name: 'Headteacher not verified' }).waitFor();
  assert.match(await staff.getByTestId('approval').innerText(), /Dr Ruth Lowe approved from ruth\.lowe\.head@mail\.test/);
  await staff.getByRole('button', { name: 'Confirm the place' }).click();
  await staff.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await staff.locator('#confirm-reason-error').innerText(), /Enter how you checked/);
  await expectAccessible(staff, 'a registration with a headteacher not verified, with an error');
  await staff.getByLabel('Confirm the place').fill('Rang the school office: it is the head’s address');
  await staff.getByLabel(/Record ruth\.lowe\.head@mail\.test as an address of/).check();
  await staff.getByRole('button', { name: 'Confirm the place' }).click();
  await staff.getByRole('heading', { name: 'Registrations and waiting list' }).waitFor();
  assert.match(await staff.getByTestId('places').getByRole('row').filter({ hasText: reference }).innerText(), /Confirmed/);
  await context.close();
});

test('the demo headteacher sees their school’s places on their home page, answers a held one there, and an expired link says so', async () => {
  const { urn } = await suite.site.db.selectFrom('users').select('school_urn as urn').where('email', '=', account('headteacher').email).executeTakeFirstOrThrow();
  await registerThroughPages(
    new Agent(suite.site.app, { ip: '192.0.2.77' }),
    CODE,
    urn!,
    { name: 'Priya Shah', email: 'priya.shah@demo.hubwork.test', role: 'head_of_department' },
    { name: 'Helen Marsh', email: account('headteacher').email },
  );
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, account('headteacher'));
  await page.goto(`${suite.site.baseUrl}/home`);
  const places = page.getByTestId('school-registrations');
  assert.match(await places.innerText(), /Confirmed[\s\S]*Nothing is asked of you/);
  const held = places.getByTestId('registration').filter({ hasText: 'Held for your answer' });
  assert.match(await held.innerText(), /Approve or decline by Monday 25 January 2027/);
  await expectAccessible(page, 'the headteacher’s home page');
  await held.getByRole('link', { name: /Answer/ }).click();
  await page.getByRole('heading', { name: /Approve releasing teachers for/ }).waitFor();
  await expectAccessible(page, 'the headteacher’s page, signed in');
  await page.getByLabel('Yes, I approve their release for every workshop').check();
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await page.getByRole('heading', { name: 'Place confirmed' }).waitFor();
  await expectAccessible(page, 'place confirmed');

  // Another school's hold, past its time: the link says it expired, and what to do.
  const other = await suite.site.db.selectFrom('schools').select('urn').where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').executeTakeFirstOrThrow();
  await registerThroughPages(new Agent(suite.site.app, { ip: '192.0.2.78' }), CODE, other.urn, { name: 'Kit Moss', email: 'kit@school.test', role: 'head_of_department' }, { name: 'Mr Hay', email: 'hay@mail.test' });
  await suite.site.db.updateTable('registrations').set({ hold_expires_at: new Date('2027-01-11T09:00:00Z') }).where('school_urn', '=', other.urn).execute();
  await page.goto(`${suite.site.baseUrl}${consentLink((await suite.site.mailsTo('hay@mail.test'))[0]?.text)}`);
  await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
  assert.match(await page.locator('main').innerText(), /it can register again from the Work Group’s page/);
  await expectAccessible(page, 'an expired link');
  await context.close();
});

test('the start page says which project the school must join too; the limit’s page says when to try again', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.site.baseUrl}/work-groups/WRK2627-EME11/register`);
  assert.match(await page.getByTestId('requires').innerText(), /must also join Secondary Teaching for Mastery – Embedding and Sustaining Work Group \(NCP26-14\)/);
  await expectAccessible(page, 'the start page of a group whose project requires another');

  // Ten registrations from this address in the last hour (the browser's, 127.0.0.1).
  const now = new Date('2027-01-11T10:00:00Z');
  await suite.site.db.deleteFrom('registration_submissions').where('key', '=', 'address:127.0.0.1').execute();
  await suite.site.db
    .insertInto('registration_submissions')
    .values(Array.from({ length: 10 }, (_, i) => ({ key: 'address:127.0.0.1', created_at: new Date(now.getTime() - (50 - i) * 60_000) })))
    .execute();
  const school = await suite.site.db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').offset(5).executeTakeFirstOrThrow();
  await page.goto(`${suite.site.baseUrl}/work-groups/${CODE}/register/school?q=${school.urn}`);
  await page.getByLabel(school.name).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Full name').fill('Ivy Moss');
  await page.getByLabel('Email address').fill('ivy@school.test');
  await page.getByLabel('Head of department').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your full name').fill('Ivy Moss');
  await page.getByLabel('Your email address').fill('ivy@school.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Headteacher’s full name').fill('Mr Hay');
  await page.getByLabel('Headteacher’s email address').fill('hay.head@mail.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Register' }).click()]);
  assert.equal(response.status(), 429);
  assert.equal(response.headers()['retry-after'], String(10 * 60), 'the oldest of the ten stops counting in 10 minutes');
  await page.getByRole('heading', { name: 'Too many registrations from your network' }).waitFor();
  assert.match(await page.locator('main').innerText(), /try again in 10 minutes/);
  await expectAccessible(page, 'too many registrations');
  await context.close();
});
