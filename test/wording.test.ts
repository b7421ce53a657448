// The smaller things an outside check found on the pages (issue 12, points 17 and 34), each
// through the real app: the national programme's People page; page titles that name their group
// or hub; errors that say what to do; no markdown or "hubwork" jargon; "workshop", never
// "session", for a Work Group's meetings; "Address" only for an address; one line per thread in
// "New in your communities"; and "1 Work Group matches".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, type Page } from './agent.ts';
import { type TestApp, testApp } from './harness.ts';
import { answerUpToCheck } from './registration-steps.ts';
import { signInAsDemo } from './sign-in.ts';

let t: TestApp;
before(async () => {
  t = await testApp({ now: new Date('2026-11-23T12:00:00Z') });
});
after(async () => {
  await t.close();
});

const signedIn = (role: string) => signInAsDemo(t.app, role);

const text = (page: Page, selector = 'main') => page.$(selector).text().replace(/\s+/g, ' ').trim();
const titleOf = (page: Page) => page.$('title').text().trim();
const csrf = (page: Page) => String(page.$('main input[name="_csrf"]').first().val() ?? '');

describe('the national programme', () => {
  test('its People link works: the national programme’s people and accounts, for the national administrator only', async () => {
    const national = await signedIn('national_admin');
    const programme = await national.get('/admin/hubs/national');
    assert.equal(programme.status, 200);
    const link = programme.$('a[href="/admin/hubs/national/people"]');
    assert.equal(link.length, 1);
    const people = await national.get('/admin/hubs/national/people');
    assert.equal(people.status, 200);
    assert.equal(text(people, 'h1'), 'People');
    assert.match(text(people, '.govuk-caption-l'), /National programme/);
    const lead = await t.db.selectFrom('people').select('name').where('hub_id', 'is', null).orderBy('name').executeTakeFirstOrThrow();
    assert.match(text(people, '[data-testid="people"]'), new RegExp(lead.name));
    assert.match(text(people, '[data-testid="accounts"]'), /National administrator/);
    assert.equal((await (await signedIn('hub_lead')).get('/admin/hubs/national/people')).status, 403);
  });

  test('a person added to the national directory has no hub, and is listed there', async () => {
    const national = await signedIn('national_admin');
    const form = await national.get('/admin/hubs/national/people/new');
    assert.equal(form.status, 200);
    const saved = await national.submit(form, { name: 'Nadia National', role_title: 'National programme lead', email: '', bio: '' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/admin/hubs/national/people?done=saved');
    assert.equal((await t.db.selectFrom('people').select('hub_id').where('name', '=', 'Nadia National').executeTakeFirstOrThrow()).hub_id, null);
    assert.match(text(await national.get(saved.location!), '[data-testid="people"]'), /Nadia National/);
  });
});

test('pages shared by every group or hub name theirs in the page title', async () => {
  const lead = await signedIn('hub_lead');
  const steve = await signedIn('work_group_lead');
  const participant = await signedIn('participant');
  const pages: [Agent, string, RegExp][] = [
    [lead, '/admin/work-groups/WRK2627-SHAW01/sessions/new', /^Add a workshop – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [lead, '/admin/work-groups/WRK2223-SHAW01/sessions/new', /^Add a workshop – Secondary Maths Leadership 2022-23 – /],
    [lead, '/admin/work-groups/WRK2627-SHAW01/sessions/1/edit', /^Change workshop 1 – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [lead, '/admin/hubs/shaw/work-groups/new', /^Create a Work Group – SHaW Maths Hub – /],
    [lead, '/admin/hubs/shaw/people/new', /^Add a person to the directory – SHaW Maths Hub – /],
    [lead, '/admin/work-groups/WRK2627-SHAW01/eligibility/new', /^What kind of rule do you want to add\? – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [participant, '/work-groups/WRK2627-SHAW01/community/new', /^Start a thread – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [steve, '/work-groups/WRK2627-SHAW01/community/new', /^Start a thread or make an announcement – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [steve, '/work-groups/WRK2627-SHAW01/tasks/new', /^Set a gap task – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [participant, '/work-groups/WRK2627-SHAW01/observations/new', /^Offer a lesson to observe – Secondary Subject Leadership Community 2026-27 – Shropshire – /],
    [steve, '/work-groups/WRK2223-SHAW01/registers/1', /^Register: workshop 1 – Secondary Maths Leadership 2022-23 – /],
  ];
  for (const [agent, url, title] of pages) {
    const page = await agent.get(url);
    assert.equal(page.status, 200, url);
    assert.match(titleOf(page), title, url);
  }
});

describe('errors say what to do', () => {
  test('the Work Group form names what to enter, not the field', async () => {
    const lead = await signedIn('hub_lead');
    const page = await lead.submit(await lead.get('/admin/hubs/shaw/work-groups/new'), { code: '', title: '', summary: '', places_total: '', participants_per_school: '', joining_details_days: '', cost: '' });
    assert.equal(page.status, 400);
    assert.deepEqual(
      ['title', 'places_total', 'participants_per_school', 'joining_details_days'].map((field) => text(page, `#${field}-error`).replace(/^Error: /, '')),
      [
        'Enter the Work Group’s title',
        'Enter how many schools can take part',
        'Enter how many participants each school can send',
        'Enter how many days before the first workshop the joining details are sent',
      ],
    );
  });

  test('an empty workshop number and date say what to enter', async () => {
    const lead = await signedIn('hub_lead');
    const form = await lead.get('/admin/work-groups/WRK2627-SHAW01/sessions/new');
    const page = await lead.submit(form, { workshop_number: '', title: '', mode: 'online', starts: '13:00', ends: '15:00', 'date-day': '', 'date-month': '', 'date-year': '' });
    assert.equal(page.status, 400);
    assert.equal(text(page, '#workshop_number-error').replace(/^Error: /, ''), 'Enter the workshop number, like 1');
    assert.equal(text(page, '#date-error').replace(/^Error: /, ''), 'Enter the date of the workshop');
    const typed = await lead.submit(form, { workshop_number: 'one', title: '', mode: 'online', starts: '13:00', ends: '15:00', 'date-day': '1', 'date-month': '2', 'date-year': '2027' });
    assert.equal(text(typed, '#workshop_number-error').replace(/^Error: /, ''), 'Workshop number must be a whole number, like 1');
  });

  test('the invitation asks for the person’s role', async () => {
    const lead = await signedIn('hub_lead');
    const people = await lead.get('/admin/hubs/shaw/people');
    const page = await lead.submit(people, { name: 'Someone', email: 'someone@example.org', work_group: '' }, '/admin/hubs/shaw/people/invite');
    assert.equal(text(page, '#role-error').replace(/^Error: /, ''), 'Select the person’s role');
  });
});

test('no markdown jargon: the community’s and the Work Group form’s text boxes say “simple formatting” and show how', async () => {
  const participant = await signedIn('participant');
  const lead = await signedIn('hub_lead');
  for (const [agent, url] of [
    [participant, '/work-groups/WRK2627-SHAW01/community/new'],
    [lead, '/admin/work-groups/WRK2627-SHAW01/edit'],
  ] as const) {
    const page = await agent.get(url);
    assert.equal(page.status, 200, url);
    assert.doesNotMatch(text(page), /markdown/i, url);
    assert.match(text(page), /You can use simple formatting/, url);
    const help = page.$('details.govuk-details').filter((_, d) => /How to format your text/.test(page.$(d).text()));
    assert.equal(help.length, 1, `${url}: how to, in a details component`);
    assert.match(help.text().replace(/\s+/g, ' '), /\*\*bold\*\*.*- .*\[NCETM\]\(https:\/\/www\.ncetm\.org\.uk\)/);
  }
});

test('no “hubwork” jargon in the hub’s registrations page or the API pages', async () => {
  const lead = await signedIn('hub_lead');
  for (const url of ['/admin/work-groups/WRK2627-SHAW01/registrations', '/account/api-tokens', '/api']) {
    const page = await lead.get(url);
    assert.equal(page.status, 200, url);
    // The words, not the example code, nor email or web addresses that contain the name.
    page.$('main pre, main code').remove();
    const words = text(page).replace(/\S+@\S+|https?:\/\/\S+/g, '');
    assert.doesNotMatch(words, /hubwork/i, url);
  }
});

test('a Work Group’s meetings are “workshops” for the school and the headteacher, never “sessions”; the school’s location is not called its address', async () => {
  const visitor = new Agent(t.app, { ip: '192.0.2.91' });
  const start = await visitor.get('/work-groups/WRK2627-GN01/register');
  assert.doesNotMatch(text(start), /session/i);

  const school = await t.db.selectFrom('schools').select(['urn', 'local_authority', 'postcode']).where('phase', '=', 'Secondary').where('state_funded', '=', true).where('status', '=', 'Open').orderBy('urn', 'desc').executeTakeFirstOrThrow();
  const check = await answerUpToCheck(visitor, 'WRK2627-GN01', school.urn, { name: 'Wendy Word', email: 'wendy.word@school.test', role: 'head_of_department' }, { name: 'Hattie Head', email: 'hattie.head@heads.test' });
  const rows = check.$('.govuk-summary-list').first().find('.govuk-summary-list__row').map((_, row) => check.$(row).text().replace(/\s+/g, ' ').trim()).get();
  assert.ok(!rows.some((row) => /^Address\b/.test(row)), `no "Address" row: ${rows.join(' | ')}`);
  assert.ok(rows.some((row) => row.startsWith(`Local authority ${school.local_authority}`)), rows.join(' | '));
  assert.ok(rows.some((row) => row.startsWith(`Postcode ${school.postcode}`)), rows.join(' | '));
  await visitor.submit(check, {});

  const mail = (await t.mailsTo('hattie.head@heads.test'))[0];
  assert.ok(mail, 'the headteacher is emailed');
  assert.doesNotMatch(mail.text ?? '', /session/i, 'the email says workshop');
  const link = /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  assert.ok(link);
  const consent = await new Agent(t.app).get(link);
  assert.equal(consent.status, 200);
  assert.doesNotMatch(text(consent), /session/i, 'the consent page says workshop');
});

test('“New in your communities” lists a thread once, with its newest post, however many replies it has', async () => {
  const participant = await signedIn('participant');
  const steve = await signedIn('work_group_lead');
  const board = '/work-groups/WRK2627-SHAW01/community';
  const posted = await participant.multipart(`${board}/new`, { _csrf: csrf(await participant.get(`${board}/new`)), title: 'Fractions on a number line', body: 'How do you introduce them in Year 7?' });
  assert.equal(posted.status, 303, text(posted));
  const thread = /\/threads\/(\d+)/.exec(posted.location ?? '')?.[1];
  assert.ok(thread, posted.location);
  const threadPage = await steve.get(`${board}/threads/${thread}`);
  assert.equal((await steve.multipart(`${board}/threads/${thread}/replies`, { _csrf: csrf(threadPage), body: 'With a bar model first.' })).status, 303);

  const home = await participant.get('/home');
  const lines = home.$('[data-testid="posts"] li').map((_, li) => home.$(li).text().replace(/\s+/g, ' ').trim()).get();
  assert.equal(lines.filter((line) => line.startsWith('Fractions on a number line')).length, 1, lines.join('\n'));
  assert.match(lines[0] ?? '', /^Fractions on a number line: Steve Waterhouse/, 'the newest post’s author');
  const community = await participant.get('/community');
  assert.equal((text(community).match(/Fractions on a number line/g) ?? []).length, 1, 'and on the communities page');
});

test('the catalogue says “1 Work Group matches your filters”, and “2 Work Groups match”', async () => {
  const one = await new Agent(t.app).get('/work-groups?q=Telford&year=2022-23');
  assert.match(text(one), /\b1 Work Group matches your filters\b/);
  const many = await new Agent(t.app).get('/work-groups?phase=secondary');
  assert.match(text(many), /\b\d+ Work Groups match your filters\b/);
});
