// Bad input on every route the app has, found from the app itself (printRoutes), so a route added
// later is tried too: a NUL byte in every field, a list where one value is expected, a JSON object
// where text is expected, a NUL in the query and in the address; as a visitor and as every role,
// each with a CSRF token of its own; and every form the pages show, sent back as the page made
// it with a NUL in each text field (so the NUL gets as far as the database). Nothing may be a 500.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Agent, type Page } from '../../test/agent.ts';
import { type TestApp, testApp } from '../../test/harness.ts';
import { addressOf, routesOf } from '../../test/routes.ts';
import { factories, type World } from '../../test/factories.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const NUL = 'a\u0000b';
const root = path.resolve(import.meta.dirname, '..'); // src

type Who = 'visitor' | keyof World['accounts'];
type Form = { action: string; fields: [string, string][]; multipart: boolean };

let t: TestApp;
/** This test's own hub, group, school and an account for each role (test/factories.ts). */
let world: World;
let GROUP: string;
const agents = new Map<Who, Agent>();
let params: Record<string, string>;

/** Every field name the app's forms use: in its views, and read by name in its code. */
function fieldNames(): string[] {
  const names = new Set<string>(['_csrf']);
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(njk|ts)$/.test(f.name) && !f.name.endsWith('.test.ts'));
  for (const file of files) {
    const text = readFileSync(path.join(file.parentPath, file.name), 'utf8');
    for (const m of text.matchAll(/name: *"([A-Za-z0-9_-]+)"|name="([A-Za-z0-9_-]+)"|(?:fieldOf|allOf|one|many)\(\w+(?:\.body)?, '([A-Za-z0-9_-]+)'\)/g)) {
      names.add(m[1] ?? m[2] ?? m[3]!);
    }
    for (const m of text.matchAll(/namePrefix: *"([A-Za-z0-9_-]+)"/g)) for (const part of ['day', 'month', 'year']) names.add(`${m[1]}-${part}`);
  }
  // Names the views build from parts.
  for (const prefix of ['opens', 'closes']) for (const part of ['day', 'month', 'year']) names.add(`${prefix}-${part}`);
  for (const n of [1, 2]) for (const f of ['name', 'email', 'roles', 'teaching-year', 'maths-itt']) names.add(`participant-${n}-${f}`);
  names.delete('_csrf');
  return [...names].sort();
}

const address = (route: string, junk?: string) => addressOf(route, params, junk);

async function csrfOf(agent: Agent, who: Who): Promise<string> {
  const page = await agent.get(who === 'visitor' ? '/sign-in' : '/account');
  return String(page.$('input[name="_csrf"]').first().val() ?? '');
}

/** The page's POST forms as a browser would send them. */
function formsOn(page: Page): Form[] {
  const forms: Form[] = [];
  page.$('form[method="post"]').each((_, el) => {
    const form = page.$(el);
    const fields: [string, string][] = [];
    form.find('[name]').each((_, input) => {
      const node = page.$(input);
      const name = node.attr('name')!;
      if (node.is('textarea')) fields.push([name, node.text()]);
      else if (node.is('select')) fields.push([name, node.find('option[selected]').attr('value') ?? node.find('option').eq(1).attr('value') ?? '']);
      else if (node.is('[type="radio"], [type="checkbox"]')) {
        if (node.is('[checked]')) fields.push([name, node.attr('value') ?? '']);
      } else if (!node.is('button, [type="file"], [type="submit"]')) fields.push([name, node.attr('value') ?? '']);
    });
    forms.push({ action: form.attr('action') ?? '', fields, multipart: form.attr('enctype') === 'multipart/form-data' });
  });
  return forms;
}

/**
 * The form as the page filled it, with a NUL added to each text field that holds words (not an
 * empty one, a number or a time, which would fail their own checks first), so a form that was
 * valid stays valid and its text reaches the database. Hidden fields, choices and the token stay.
 */
function withNul(page: Page, form: Form, everyField = false): [string, string][] {
  const text = new Set<string>();
  page.$(`form[action="${form.action}"] textarea, form[action="${form.action}"] input:not([type]), form[action="${form.action}"] input[type="text"], form[action="${form.action}"] input[type="email"], form[action="${form.action}"] input[type="search"], form[action="${form.action}"] input[type="url"]`).each((_, el) => {
    text.add(page.$(el).attr('name') ?? '');
  });
  return form.fields.map(([name, value]) => {
    if (!text.has(name)) return [name, value];
    if (everyField) return [name, `${value}x\u0000y`];
    return [name, /[^\d\s:.-]/.test(value) ? `${value}\u0000` : value];
  });
}

before(async () => {
  t = await testApp({ now: NOW });
  world = await factories(t.db, NOW).world();
  GROUP = world.group.code;
  for (const who of ['visitor', ...Object.keys(world.accounts)] as Who[]) {
    const agent = new Agent(t.app, { ip: `198.51.100.${agents.size + 1}` });
    const account = who === 'visitor' ? undefined : world.accounts[who];
    if (account) assert.equal((await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password })).status, 303, who);
    agents.set(who, agent);
  }
  // Something of every kind for the routes to act on: a gap task and a school's submission, a
  // lesson offered, a thread (made through the pages, as people make them).
  const lead = agents.get('work_group_lead')!;
  const participant = agents.get('participant')!;
  const tasks = `/work-groups/${GROUP}/tasks`;
  const set = await lead.upload(await lead.get(`${tasks}/new`), {}, undefined, { title: 'Bad input task', instructions: 'Try it', 'due-day': '20', 'due-month': '12', 'due-year': '2026' });
  assert.equal(set.status, 303, set.$('.govuk-error-summary').text());
  const db = t.db;
  const task = await db.selectFrom('gap_tasks').select('id').where('title', '=', 'Bad input task').executeTakeFirstOrThrow();
  const submitted = await participant.upload(await participant.get(`${tasks}/${task.id}/submission`), {}, undefined, { body: 'What we did' });
  assert.equal(submitted.status, 303, submitted.$('.govuk-error-summary').text());
  const submission = await db.selectFrom('gap_task_submissions').select('id').where('task_id', '=', task.id).executeTakeFirstOrThrow();
  const offered = await participant.submit(await participant.get(`/work-groups/${GROUP}/observations/new`), {
    'date-day': '27', 'date-month': '1', 'date-year': '2027', starts: '09:15', ends: '10:15', class_name: 'Year 8', focus: 'representation_structure', arrival: 'Reception', observer_limit: '3',
  });
  assert.equal(offered.status, 303, offered.$('.govuk-error-summary').text());
  const started = await participant.upload(await participant.get(`/work-groups/${GROUP}/community/new`), {}, undefined, { title: 'Bad input thread', body: 'First post' });
  assert.equal(started.status, 303, started.$('.govuk-error-summary').text());
  const group = await db.selectFrom('work_groups').select('id').where('code', '=', GROUP).executeTakeFirstOrThrow();
  const registration = await db.selectFrom('registrations').select('reference').where('work_group_id', '=', group.id).orderBy('id').executeTakeFirst();
  const person = world.person;
  const rule = await db.selectFrom('eligibility_rules').select('id').where('work_group_id', '=', group.id).executeTakeFirst();
  const network = await db.selectFrom('community_spaces').select('slug').where('kind', '<>', 'group').where('slug', 'is not', null).orderBy('id').executeTakeFirst();
  const space = await db.selectFrom('community_spaces').select('id').where('work_group_id', '=', group.id).executeTakeFirstOrThrow();
  const thread = await db.selectFrom('community_threads').select('id').where('space_id', '=', space.id).orderBy('id').executeTakeFirst();
  const post = thread && (await db.selectFrom('community_posts').select('id').where('thread_id', '=', thread.id).orderBy('id').executeTakeFirst());
  params = {
    code: GROUP,
    slug: world.hub.slug,
    '/community/networks|slug': network?.slug ?? 'national',
    '/admin/projects|code': world.project.ncpCode,
    '/api/v1/work-groups|code': GROUP,
    number: '1',
    workshop: '1',
    type: 'job-role',
    reference: registration?.reference ?? 'HW-AAAA-BBBB',
    '/admin/work-groups|action': 'close',
    action: 'cancel',
    '/admin/people|id': String(person.id),
    '/admin/work-groups|id': String(rule?.id ?? 1),
    thread: String(thread?.id ?? 1),
    post: String(post?.id ?? 1),
    token: 'A'.repeat(43),
    taskId: String(task.id),
    submissionId: String(submission.id),
    '/work-groups|id': /\/observations\/(\d+)/.exec(offered.location ?? '')?.[1] ?? '1',
  };
});
after(async () => {
  await t.close();
});

test('no route answers bad input with a 500', async () => {
  const fields = fieldNames();
  const failures: string[] = [];
  const check = (what: string, page: { status: number }) => {
    if (page.status >= 500) failures.push(`${what}: HTTP ${page.status}`);
  };
  const gets = routesOf(t.app, 'GET');
  // Signing out (and the API, which has its own test below) last or apart.
  const posts = routesOf(t.app, 'POST').sort((a, b) => Number(a === '/sign-out') - Number(b === '/sign-out'));
  assert.ok(posts.length > 60, `found ${posts.length} POST routes`);
  const query = new URLSearchParams(Object.fromEntries(['q', 'page', 'done', 'saved', 'error', 'returnTo', 'code', 'hub', 'phase', 'mode', 'strand', 'year', 'open'].map((k) => [k, NUL]))).toString();

  const forms = new Map<Who, { page: Page; form: Form }[]>();
  for (const [who, agent] of agents) {
    const found: { page: Page; form: Form }[] = [];
    for (const route of gets) {
      const page = await agent.get(address(route));
      check(`GET ${route} as ${who}`, page);
      for (const form of formsOn(page)) if (form.action && form.action !== '/sign-out') found.push({ page, form });
      check(`GET ${route}?${query} as ${who}`, await agent.get(`${address(route)}?${query}`));
      if (route.includes(':')) check(`GET ${route} with NUL parameters as ${who}`, await agent.get(address(route, 'x\u0000y')));
    }
    forms.set(who, found);
  }

  for (const [who, agent] of agents) {
    // Every form the pages showed this person, sent back with a NUL in each text field.
    for (const { page, form } of forms.get(who) ?? []) {
      for (const everyField of [false, true]) {
        const sent = withNul(page, form, everyField);
        const response = form.multipart
          ? await agent.multipart(form.action, Object.fromEntries(sent))
          : await agent.request('POST', form.action, Object.fromEntries(sent.reduce((all, [k, v]) => all.set(k, [...(all.get(k) ?? []), v]), new Map<string, string[]>())));
        check(`the form posting to ${form.action} with NUL in ${everyField ? 'every text field' : 'its words'}, as ${who}`, response);
      }
    }
    // Every POST route, sent every field the app knows, badly.
    for (const route of posts) {
      if (route.startsWith('/api/v1/')) continue;
      const url = address(route);
      const token = await csrfOf(agent, who);
      const each = <T>(value: T) => Object.fromEntries(fields.map((f) => [f, value]));
      check(`POST ${route} with NUL in every field, as ${who}`, await agent.request('POST', url, { _csrf: token, ...each(NUL) }));
      check(`POST ${route} with two values in every field, as ${who}`, await agent.request('POST', url, { _csrf: token, ...each([NUL, 'x']) }));
      check(`POST ${route} with JSON objects for text, as ${who}`, await agent.json(url, { _csrf: token, ...each({ toString: 1 }) }));
      check(`POST ${route} with JSON lists and numbers for text, as ${who}`, await agent.json(url, { _csrf: token, ...Object.fromEntries(fields.map((f, i) => [f, i % 2 ? [1, { a: 1 }] : 7])) }));
      check(`POST ${route} with a JSON string for a body, as ${who}`, await agent.json(url, 'a\u0000b'));
      check(`POST ${route} as multipart with NUL in every field, as ${who}`, await agent.multipart(url, { _csrf: token, ...each(NUL) }));
      check(`POST ${route} with NUL parameters, as ${who}`, await agent.request('POST', address(route, 'x\u0000y'), { _csrf: token, ...each(NUL) }));
    }
  }
  assert.deepEqual(failures, []);
});

test('the examples found: a NUL in the school search, a JSON object for an email address', async () => {
  const visitor = new Agent(t.app);
  for (const url of [`/work-groups/${GROUP}/register/school?q=%00`, `/work-groups/${GROUP}/register/schools.json?q=ab%00c`]) {
    assert.ok((await visitor.get(url)).status < 500, url);
  }
  const token = await csrfOf(visitor, 'visitor');
  for (const url of ['/sign-in/link', '/password-reset']) {
    const page = await visitor.json(url, { _csrf: token, email: { toString: 1 } });
    assert.equal(page.status, 400, url);
    assert.match(page.$('.govuk-error-summary').text(), /Enter (an|your) email address/i, url);
  }
});

test('the JSON API: a NUL in every text, and objects where text is expected, are never a 500', async () => {
  // A fresh sign-in: the sweep above signed every agent out at its end.
  const admin = new Agent(t.app);
  const account = world.accounts.national_admin;
  await admin.submit(await admin.get('/sign-in'), { email: account.email, password: account.password });
  const created = await admin.submit(await admin.get('/account/api-tokens'), { name: 'Bad input' }, '/account/api-tokens');
  const token = created.$('[data-testid="token"]').text().trim();
  assert.match(token, /^hw_/);
  const reference = params.reference!;
  const school = await factories(t.db, NOW).school(world.hub);
  const person = (name: unknown, email: unknown) => ({ name, email, roles: ['head_of_department'] });
  const bodies: [string, unknown][] = [
    [`/api/v1/work-groups/${GROUP}/eligibility`, { urn: school.urn }],
    [`/api/v1/work-groups/${GROUP}/registrations`, { urn: school.urn, participants: [person(NUL, `x${NUL}@school.test`)], acceptDeclarations: true, headteacher: { name: NUL, email: `head${NUL}@school.test` } }],
    [`/api/v1/work-groups/${GROUP}/registrations`, { urn: school.urn, participants: [person({ toString: 1 }, ['x'])], acceptDeclarations: true, headteacher: { name: {}, email: [] } }],
    [`/api/v1/registrations/${reference}/cancel`, { reason: { toString: 1 } }],
    [`/api/v1/registrations/${reference}/move`, { workGroup: `WRK${NUL}`, reason: NUL }],
    [`/api/v1/registrations/${reference}/cancel`, { reason: NUL }],
  ];
  for (const [url, body] of bodies) {
    const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    assert.ok(response.statusCode < 500, `${url} ${JSON.stringify(body)}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  }
  for (const url of [`/api/v1/work-groups/${encodeURIComponent(`W${'\u0000'}`)}`, `/api/v1/registrations/${encodeURIComponent(`HW${'\u0000'}`)}`]) {
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
  }
});
