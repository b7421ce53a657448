// Signing in and out, on the real app and a real database, as a person would through the forms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { signInWithEmailedLink } from '../../../test/sign-in.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { factories, type World } from '../../../test/factories.ts';
import { hashPassword } from '../../core/identity/service.ts';

let t: TestApp;
/** This test's own hub's year, with an account per role (test/factories.ts). */
let world: World;
before(async () => {
  t = await testApp();
  world = await factories(t.db).world();
});
after(async () => {
  await t.close();
});

const account = (role: keyof World['accounts']) => world.accounts[role];

async function signIn(agent: Agent, email: string, password: string) {
  return agent.submit(await agent.get('/sign-in'), { email, password });
}

/** The newest email to this address, parsed back from the mail folder once the queue has sent it. */
async function lastMailTo(address: string) {
  return (await t.mailsTo(address)).at(-1);
}

function linkIn(text: string | undefined, pathPrefix: string): string {
  const match = new RegExp(`http://hubwork\\.test(${pathPrefix}/[A-Za-z0-9_-]+)`).exec(text ?? '');
  assert.ok(match, `a ${pathPrefix} link in the email`);
  return match[1]!;
}

describe('signing in with a password', () => {
  test('a hub lead signs in, lands on their home page, sees their account and role, and signs out', async () => {
    const agent = new Agent(t.app);
    const lead = account('hub_lead');
    const signedIn = await signIn(agent, lead.email, lead.password);
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.location, '/home');
    assert.equal((await agent.get('/sign-in')).location, '/home', 'signed in already');

    const cookie = signedIn.headers['set-cookie'] as string | string[];
    const sessionCookie = (Array.isArray(cookie) ? cookie : [cookie]).find((c) => c.startsWith('hubwork_session='));
    assert.match(sessionCookie ?? '', /HttpOnly/);
    assert.match(sessionCookie ?? '', /SameSite=Lax/);

    // Public pages a visitor saw before (and which hubwork keeps rendered) now show the
    // signed-in header: a kept page is only ever served to visitors who are not signed in.
    assert.equal((await new Agent(t.app).get('/work-groups')).$('.app-sign-out').length, 0);
    const catalogue = await agent.get('/work-groups');
    assert.equal(catalogue.$('.app-sign-out').length, 1);
    assert.match(catalogue.$('.govuk-service-navigation').text(), /Your account/);

    const accountPage = await agent.get('/account');
    assert.equal(accountPage.status, 200);
    assert.match(accountPage.$('[data-testid="roles"]').text(), new RegExp(`Hub lead, ${world.hub.name}`));

    const signedOut = await agent.submit(accountPage, {}, '/sign-out');
    assert.equal(signedOut.location, '/signed-out');
    const after = await agent.get('/account');
    assert.equal(after.status, 303);
    assert.match(after.location ?? '', /^\/sign-in/);
  });

  test('a wrong password is refused with a GOV.UK error, keeping the email typed', async () => {
    const agent = new Agent(t.app);
    const page = await signIn(agent, account('participant').email, 'not-the-password');
    assert.equal(page.status, 401);
    assert.match(page.$('.govuk-error-summary').text(), /Enter a correct email address and password/);
    assert.equal(page.$('#email').attr('value'), account('participant').email);
    assert.equal(page.$('#password').attr('value'), undefined, 'the password is never sent back');
  });

  test('empty and malformed fields get a message next to each field', async () => {
    const agent = new Agent(t.app);
    const page = await signIn(agent, 'not an email', '');
    assert.equal(page.status, 400);
    assert.match(page.$('#email-error').text(), /Enter an email address in the correct format/);
    assert.match(page.$('#password-error').text(), /Enter your password/);
    assert.equal(page.$('.govuk-error-summary a[href="#email"]').length, 1);
  });

  test('after five wrong passwords the account is held back at this address, even for the right one', async () => {
    const agent = new Agent(t.app);
    const target = account('headteacher');
    for (let i = 0; i < 5; i++) assert.equal((await signIn(agent, target.email, `wrong-${i}`)).status, 401);
    const blocked = await signIn(agent, target.email, target.password);
    assert.equal(blocked.status, 429);
    assert.match(blocked.$('.govuk-error-summary').text(), /too many times\. Try again in 1 minute, or sign in with a link sent by email: it still works/);
    assert.equal(agent.cookie('hubwork_session'), undefined);
  });

  test('after twenty failures from one address, it is throttled for every account; other addresses are not', async () => {
    const attacker = new Agent(t.app, { ip: '203.0.113.9' });
    for (let i = 0; i < 20; i++) assert.equal((await signIn(attacker, `guess${i}@example.org`, 'password123')).status, 401);
    const lead = account('hub_lead');
    assert.equal((await signIn(attacker, lead.email, lead.password)).status, 429);
    assert.equal((await signIn(new Agent(t.app, { ip: '198.51.100.7' }), lead.email, lead.password)).status, 303);
  });

  test('a form without its CSRF token changes nothing', async () => {
    const agent = new Agent(t.app);
    const lead = account('hub_admin');
    const page = await agent.request('POST', '/sign-in', { email: lead.email, password: lead.password });
    assert.equal(page.status, 403);
    assert.match(page.$('h1').text(), /This form has expired/);
    assert.equal(agent.cookie('hubwork_session'), undefined);
  });

  test('after signing in, only local addresses are followed', async () => {
    const agent = new Agent(t.app);
    const lead = account('national_admin');
    for (const [returnTo, expected] of [
      [`/hubs/${world.hub.slug}`, `/hubs/${world.hub.slug}`],
      ['//evil.example', '/home'],
      ['https://evil.example/', '/home'],
      ['/\\evil.example', '/home'],
    ] as const) {
      const form = await agent.get(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      const page = await agent.submit(form, { email: lead.email, password: lead.password });
      assert.equal(page.location, expected, returnTo);
      await agent.submit(await agent.get('/account'), {}, '/sign-out');
    }
  });
});

describe('signing in with an emailed link', () => {
  test('the link signs the person in once, and only once', async () => {
    const agent = new Agent(t.app);
    const person = account('work_group_lead');
    const sent = await agent.submit(await agent.get('/sign-in/link'), { email: person.email.toUpperCase() });
    assert.match(sent.$('h1').text(), /Check your email/);

    const mail = await lastMailTo(person.email);
    assert.equal(mail?.subject, 'Your hubwork sign-in link');
    const link = linkIn(mail?.text, '/sign-in/link');

    const confirm = await agent.get(link);
    assert.equal(confirm.status, 200, 'opening the link does not use it up');
    const signedIn = await agent.submit(confirm, {});
    assert.equal(signedIn.location, '/home');
    assert.match((await agent.get('/account')).$('[data-testid="work-groups"]').text(), new RegExp(`${world.group.title}: you lead it`));

    const again = await new Agent(t.app).get(link);
    assert.equal(again.status, 410);
    assert.match(again.$('h1').text(), /expired/);
  });

  test('an unknown address gets the same answer and no email', async () => {
    const agent = new Agent(t.app);
    const page = await agent.submit(await agent.get('/sign-in/link'), { email: 'nobody@example.org' });
    assert.match(page.$('h1').text(), /Check your email/);
    assert.equal(await lastMailTo('nobody@example.org'), undefined);
  });

  test('a made-up or malformed link is an expired-link page, not an error', async () => {
    const agent = new Agent(t.app);
    for (const token of ['A'.repeat(43), 'short', '%00%00', '..%2F..%2Fetc']) {
      const page = await agent.get(`/sign-in/link/${token}`);
      assert.ok([404, 410].includes(page.status), `${token}: ${page.status}`);
    }
  });
});

describe('resetting a password', () => {
  test('a participant resets their password; the old one stops working and other sessions end', async () => {
    const person = account('participant');
    const elsewhere = new Agent(t.app);
    await signIn(elsewhere, person.email, person.password);
    assert.equal((await elsewhere.get('/account')).status, 200);

    const agent = new Agent(t.app);
    await agent.submit(await agent.get('/password-reset'), { email: person.email });
    const link = linkIn((await lastMailTo(person.email))?.text, '/password-reset');

    const form = await agent.get(link);
    const mismatch = await agent.submit(form, { password: 'a brand new passphrase', confirm: 'something else' });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.$('#confirm-error').text(), /do not match/);
    const tooShort = await agent.submit(form, { password: 'short', confirm: 'short' });
    assert.match(tooShort.$('#password-error').text(), /12 characters or more/);

    const done = await agent.submit(form, { password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
    assert.equal(done.status, 200);
    assert.match(done.$('h1').text(), /Your password has been changed/);
    assert.equal((await agent.get('/account')).status, 200);
    assert.equal((await elsewhere.get('/account')).status, 303, 'the other session was signed out');
    assert.equal((await signIn(new Agent(t.app), person.email, person.password)).status, 401);
    assert.equal((await signIn(new Agent(t.app), person.email, 'a brand new passphrase')).status, 303);
    assert.equal((await agent.get(link)).status, 410, 'the link is spent');
  });
});

describe('the account page', () => {
  test('a participant’s places are described, however they came (a role, or their school’s confirmed registration)', async () => {
    const person = account('participant');
    // Only the confirmed registration, as for a participant whose account was made with their place.
    const user = await t.db.selectFrom('users').select('id').where('email', '=', person.email).executeTakeFirstOrThrow();
    await t.db.deleteFrom('role_assignments').where('user_id', '=', user.id).execute();
    // (An earlier test changed the password; participants sign in with a link anyway.)
    const agent = await signInWithEmailedLink(t, person.email);
    const page = await agent.get('/account');
    assert.doesNotMatch(page.$('main').text(), /no roles/);
    assert.match(page.$('[data-testid="work-groups"]').text(), new RegExp(`${world.group.title}: you take part`));
    assert.equal(page.$(`[data-testid="work-groups"] a[href="/work-groups/${world.group.code}"]`).length, 1);
    assert.equal(page.$('[data-testid="roles"]').length, 0, 'no roles to list');
  });

  test('a hub lead’s roles are listed; someone with neither roles nor places is told how they get them', async () => {
    const lead = new Agent(t.app);
    await signIn(lead, account('hub_lead').email, account('hub_lead').password);
    assert.match((await lead.get('/account')).$('[data-testid="roles"]').text(), new RegExp(`Hub lead, ${world.hub.name}`));
    await t.db.insertInto('users').values({ email: 'new.person@example.org', name: 'New Person', password_hash: await hashPassword('a long enough password') }).execute();
    const nobody = new Agent(t.app);
    await signIn(nobody, 'new.person@example.org', 'a long enough password');
    const page = await nobody.get('/account');
    assert.match(page.$('main').text(), /You do not take part in or lead a Work Group yet/);
  });
});
