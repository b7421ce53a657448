// The pages a public service publishes about itself (issue 12, point 10): linked from every
// page's footer and the phase banner; the privacy notice names every table that holds personal
// data and the periods the service deletes by; the cookies page lists exactly the cookies the
// service sets; each names the deployment's contact address and operator (settings).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { registerThroughPages } from '../../../test/registration-steps.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createServices } from '../../app/compose.ts';
import { createApp } from '../../app/server.ts';
import { type BuiltHub, type BuiltUser, type BuiltWorkGroup, factories } from '../../../test/factories.ts';

let t: TestApp;
/** This test's own open group (one participant a school), a school of its hub, and a hub lead. */
let hub: BuiltHub;
let group: BuiltWorkGroup;
let hubLead: BuiltUser;
before(async () => {
  const now = new Date('2026-11-23T12:00:00Z');
  t = await testApp({ now });
  const make = factories(t.db, now);
  hub = await make.hub();
  group = await make.workGroup(hub, { participantsPerSchool: 1 });
  hubLead = await make.user('hub_lead', { hub });
});
after(async () => {
  await t.close();
});

const text = (page: Page, selector = 'main') => page.$(selector).text().replace(/\s+/g, ' ').trim();

test('every page’s footer links to the accessibility statement, cookies, privacy and contact pages, and the phase banner asks for feedback', async () => {
  const agent = new Agent(t.app);
  for (const url of ['/', '/work-groups', `/work-groups/${group.code}`, '/hubs', '/sign-in', '/no-such-page']) {
    const page = await agent.get(url);
    const footer = page.$('footer .govuk-footer__meta a').map((_, a) => `${page.$(a).text().trim()} ${page.$(a).attr('href')}`).get();
    for (const link of ['Accessibility statement /accessibility', 'Cookies /cookies', 'Privacy /privacy', 'Contact /contact']) {
      assert.ok(footer.includes(link), `${url}: the footer links "${link}" (has ${footer.join(', ')})`);
    }
    assert.equal(page.$('.govuk-phase-banner a[href="/contact#feedback"]').text().trim(), 'Give your feedback', `${url}: the phase banner's feedback link`);
  }
});

test('each page answers with its heading, and names the deployment’s contact address and operator from the settings', async () => {
  const mailer = createMailer({ smtpUrl: undefined, from: 'hubwork <no-reply@hubwork.test>', dir: t.mailDir });
  const services = createServices(t.db, { mailer, baseUrl: 'http://hubwork.test' });
  const app = await createApp({ config: { env: 'test', logLevel: 'silent', contact: { email: 'workgroups@maths-hubs.example', operator: 'the Maths Hubs Programme Team' } }, services });
  try {
    const agent = new Agent(app);
    for (const [url, heading] of [
      ['/accessibility', 'Accessibility statement for Maths Hubs Work Groups'],
      ['/privacy', 'Privacy notice'],
      ['/cookies', 'Cookies'],
      ['/contact', 'Get help or give feedback'],
    ] as const) {
      const page = await agent.get(url);
      assert.equal(page.status, 200, url);
      assert.equal(text(page, 'h1'), heading, url);
      assert.match(page.$('title').text(), new RegExp(`^${heading.startsWith('Accessibility') ? 'Accessibility statement' : heading} – Maths Hubs Work Groups$`));
      if (url !== '/cookies') assert.ok(page.$('a[href^="mailto:workgroups@maths-hubs.example"]').length, `${url}: the contact address`);
    }
    assert.match(text(await agent.get('/privacy')), /The Maths Hubs Programme Team runs this service .* and is the data controller/);
    assert.match(text(await agent.get('/accessibility')), /The Maths Hubs Programme Team runs this service/);
    // Without the settings, the defaults.
    assert.ok((await new Agent(t.app).get('/contact')).$('a[href^="mailto:support@hubwork.localhost"]').length);
  } finally {
    await app.close();
  }
});

test('the accessibility statement gives its WCAG 2.2 AA status, how it was tested, how to report a problem and the enforcement procedure', async () => {
  const page = text(await new Agent(t.app).get('/accessibility'));
  assert.match(page, /This service is fully compliant with the Web Content Accessibility Guidelines version 2\.2 AA standard/);
  assert.match(page, /axe-core accessibility engine against the WCAG 2\.2 A and AA rules/);
  assert.match(page, /with a keyboard only, and with JavaScript turned off/);
  assert.match(page, /a width of 320 pixels and at 200% zoom/);
  assert.match(page, /Reporting accessibility problems with this service .* email support@hubwork\.localhost/);
  assert.match(page, /Equality and Human Rights Commission \(EHRC\) is responsible for enforcing/);
  assert.match(page, /Equality Advisory and Support Service \(EASS\)/);
});

/** Whose personal data each table holds, as the privacy notice's "What personal data we hold" names it. */
const NOTICE_FOR_TABLE: Record<string, string> = {
  users: 'Accounts',
  role_assignments: 'Accounts',
  user_sessions: 'Signed-in sessions',
  one_time_tokens: 'Sign-in links, password resets and invitations',
  sign_in_attempts: 'Sign-in attempts',
  sign_in_throttles: 'Sign-in attempts',
  check_in_throttles: 'Check-in attempts',
  registration_submissions: 'Registration limits',
  school_known_addresses: 'Schools’ known addresses',
  audit_log: 'The audit log',
  api_tokens: 'API tokens',
  registrations: 'Registrations',
  registration_participants: 'Registrations',
  eligibility_overrides: 'Registrations',
  registration_drafts: 'Registration drafts',
  attendance: 'Attendance',
  gap_tasks: 'Gap tasks and submissions',
  gap_task_submissions: 'Gap tasks and submissions',
  gap_task_held_files: 'Files',
  files: 'Files',
  community_threads: 'Community posts and files',
  community_posts: 'Community posts and files',
  community_network_members: 'Community posts and files',
  community_removals: 'Community posts and files',
  community_subscriptions: 'Community posts and files',
  community_unsubscribe_links: 'Community posts and files',
  lesson_observations: 'Lesson observations',
  lesson_observers: 'Lesson observations',
  people: 'Work Group leaders',
};
/** Tables that hold personal data without a column the pattern below recognises. */
const ALSO_PERSONAL = ['registration_drafts', 'registration_submissions', 'check_in_throttles'];
/** Columns the pattern below would take for personal data that are not: a hub's own enquiries address. */
const NOT_PERSONAL = ['hubs.enquiries_email'];

test('the privacy notice names every table that holds personal data (a new one fails this test until the notice says so)', async () => {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
  `.execute(t.db);
  const personal = new Set(ALSO_PERSONAL);
  for (const { table_name, column_name } of columns.rows) {
    if (NOT_PERSONAL.includes(`${table_name}.${column_name}`)) continue;
    if (/(^|_)email$|^ip$|submitted_from|user_id|_by$|author_id|participant_id/.test(column_name)) personal.add(table_name);
  }
  assert.deepEqual([...personal].sort(), Object.keys(NOTICE_FOR_TABLE).sort(), 'every table with personal data is in NOTICE_FOR_TABLE');

  const page = await new Agent(t.app).get('/privacy');
  const held = page.$('[data-testid="data-held"] dt').map((_, dt) => page.$(dt).text().trim()).get();
  for (const [table, heading] of Object.entries(NOTICE_FOR_TABLE)) assert.ok(held.includes(heading), `${table}: "${heading}" is in the notice (has ${held.join(', ')})`);
  assert.ok(held.includes('Emails'), 'the queued emails (graphile_worker’s jobs)');
});

test('the privacy notice gives the lawful basis, who sees the data, the rights and the periods the service deletes by', async () => {
  const page = await new Agent(t.app).get('/privacy');
  const all = text(page);
  assert.match(all, /Our lawful basis is public task \(UK GDPR Article 6\(1\)\(e\)\)/);
  for (const who of ['Anyone', 'The school’s headteacher', 'The Maths Hub’s staff', 'A Work Group’s leads', 'Other participants in the same Work Group', 'The national administrator', 'Our suppliers']) {
    assert.match(text(page, '#who-sees-it + ul'), new RegExp(who), who);
  }
  const periods = page.$('[data-testid="retention"] tbody tr').map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim()).get();
  assert.deepEqual(periods, [
    'Sign-in attempts (email address and IP address) 30 days',
    'Counts of wrong passwords (email address and IP address) 24 hours after the last wrong password',
    'Signed-in sessions When the session expires (14 days after you last use the service) or when you sign out',
    'Sign-in links, password reset links and invitations 1 day after the link is used or expires',
    'Registration drafts (answers not yet sent) 24 hours',
    'Registration limits (IP address, API token or account) 1 hour',
    'Counts of wrong check-in codes (IP address) 15 minutes',
    'Records of which emails were sent (so none is sent twice) 30 days',
  ]);
  assert.match(all, /Information Commissioner’s Office \(ICO\)/);
});

test('the cookies page lists exactly the cookies the service sets, each strictly necessary, with no consent banner', async () => {
  const seen = new Set<string>();
  const remember = (page: Page) => {
    const header = page.headers['set-cookie'];
    for (const cookie of [header ?? []].flat() as string[]) seen.add(cookie.split('=')[0]!.trim());
    return page;
  };
  // A visitor registering a school, and an account holder signing in and out.
  const visitor = new Agent(t.app, { ip: '192.0.2.77' });
  const school = await factories(t.db).school(hub);
  const watched = new Proxy(visitor, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? async (...args: unknown[]) => remember(await value.apply(target, args)) : value;
    },
  });
  remember(await watched.get(`/work-groups/${group.code}/register`));
  await registerThroughPages(watched, group.code, school.urn, { name: 'Ada Cookie', email: 'ada.cookie@school.test', role: 'head_of_department' }, { name: 'Head Cookie', email: 'head.cookie@heads.test' });
  const account = hubLead;
  const member = new Agent(t.app);
  remember(await member.get('/sign-in'));
  remember(await member.submit(await member.get('/sign-in'), { email: account.email, password: account.password }));
  remember(await member.submit(await member.get('/account'), {}, '/sign-out'));
  assert.deepEqual([...seen].sort(), ['_csrf', 'hubwork_registration', 'hubwork_session']);

  const page = await new Agent(t.app).get('/cookies');
  const listed = page.$('[data-testid="cookies"] tbody tr th').map((_, th) => page.$(th).text().trim()).get();
  assert.deepEqual(listed.sort(), [...seen].sort(), 'every cookie set is on the page, and nothing else');
  assert.match(text(page), /strictly necessary cookies\. The law .* lets a service set them without asking, so we do not ask for your permission and there is no cookie banner/);
  assert.equal(page.$('.govuk-cookie-banner').length, 0);
});
