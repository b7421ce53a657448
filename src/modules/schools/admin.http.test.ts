// The schools register page, /admin/schools: the national administrator uploads the GIAS CSV
// and sees what happened; a refused file is shown by the field and changes nothing; nobody else
// may see the page or import; an upload without the form's CSRF token is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, type Page } from '../../../test/agent.ts';
import { giasCsv, goodRow, SAMPLE_FIRST_URN, SAMPLE_ROWS, SMALL_HEADER, sampleBytes } from '../../../test/fixtures/gias.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { accountWithRole, type BuiltUser, factories } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';
import { cleanFileName, REJECTIONS_LISTED } from './routes.ts';

let t: TestApp;
const signedIn = new Map<string, Agent>();
/** This test's own accounts, one per role (test/factories.ts). */
const accounts = new Map<string, BuiltUser>();

async function as(role: Role): Promise<Agent> {
  const existing = signedIn.get(role);
  if (existing) return existing;
  const account = await accountWithRole(factories(t.db), role);
  accounts.set(role, account);
  const agent = new Agent(t.app);
  const page = await agent.submit(await agent.get('/sign-in'), { email: account.email, password: account.password });
  assert.equal(page.status, 303, `${role} signs in`);
  signedIn.set(role, agent);
  return agent;
}

/** What the register holds: enough to tell that nothing at all has changed. */
async function register() {
  const row = await t.db
    .selectFrom('schools')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('updated_at').as('changed')])
    .executeTakeFirstOrThrow();
  return { schools: Number(row.n), changed: row.changed?.toISOString() ?? null };
}

async function imports() {
  return t.db.selectFrom('audit_log').selectAll().where('action', '=', 'schools.imported').orderBy('id').execute();
}

const summary = (page: Page) =>
  Object.fromEntries(
    page
      .$('[data-testid="import-summary"] .govuk-summary-list__row')
      .toArray()
      .map((row) => [page.$(row).find('dt').text().trim(), page.$(row).find('dd').text().trim()]),
  );

const fieldError = (page: Page) => page.$('#file-error').text().replace(/\s+/g, ' ').trim();

before(async () => {
  t = await testApp();
  // Every account first: a headteacher's comes with a school, made before the register is counted.
  for (const role of ['national_admin', 'hub_lead', 'hub_admin', 'work_group_lead', 'participant', 'headteacher'] as const) await as(role);
});
after(async () => {
  await t.close();
});

describe('the national administrator imports the GIAS file', () => {
  test('the page shows what the register holds and the upload form, with its CSRF token', async () => {
    const admin = await as('national_admin');
    const { schools } = await register();
    const page = await admin.get('/admin/schools');
    assert.equal(page.status, 200);
    assert.equal(page.$('h1').text().trim(), 'Schools register');
    const held = page.$('[data-testid="schools-register"]').text().replace(/\s+/g, ' ');
    assert.match(held, new RegExp(`Schools ${schools.toLocaleString('en-GB')}`));
    assert.match(held, /State-funded [\d,]+ Open [\d,]+ Last changed (\w+ )?\d{1,2} \w+ \d{4} at \d/);
    const form = page.$('form[action="/admin/schools/import"]');
    assert.equal(form.attr('enctype'), 'multipart/form-data');
    assert.equal(form.attr('method'), 'post');
    assert.ok((form.find('input[name="_csrf"]').attr('value') ?? '').length > 20);
    assert.equal(form.find('input[type="file"]').attr('name'), 'file');
    assert.equal(page.$('label[for="file"]').text().trim(), 'Upload a GIAS establishment CSV file');
  });

  test('uploading the sample adds its schools, shows the summary, and is audited to the administrator', async () => {
    const admin = await as('national_admin');
    const before = await register();
    const page = await admin.upload(await admin.get('/admin/schools'), { file: { name: 'gias-sample.csv', content: sampleBytes(), type: 'text/csv' } });
    assert.equal(page.status, 200, page.$('main').text());
    assert.equal(page.$('h1').text().trim(), 'Schools register imported');
    assert.deepEqual(summary(page), {
      File: 'gias-sample.csv',
      'Rows read': String(SAMPLE_ROWS),
      Added: String(SAMPLE_ROWS),
      Updated: '0',
      Unchanged: '0',
      Rejected: '0',
    });
    assert.equal(page.$('[data-testid="rejections"]').length, 0);
    assert.equal((await register()).schools, before.schools + SAMPLE_ROWS);
    const bede = await t.db.selectFrom('schools').select('name').where('urn', '=', SAMPLE_FIRST_URN + 1).executeTakeFirstOrThrow();
    assert.equal(bede.name, 'St Bede’s Catholic Primary School, Yarrowdale', 'Windows-1252 read as the CLI reads it');

    const nadia = accounts.get('national_admin');
    assert.ok(nadia);
    const audit = await imports();
    assert.equal(audit.length, 1);
    assert.deepEqual(
      { actor: audit[0]?.actor_user_id, subjectType: audit[0]?.subject_type, subjectId: audit[0]?.subject_id, hub: audit[0]?.hub_id, changes: audit[0]?.changes },
      { actor: nadia.id, subjectType: 'schools', subjectId: 'gias-sample.csv', hub: null, changes: { added: SAMPLE_ROWS, updated: 0, rejected: 0 } },
    );

    const registerPage = await admin.get('/admin/schools');
    assert.match(registerPage.$('[data-testid="schools-register"]').text().replace(/\s+/g, ' '), new RegExp(`Schools ${(before.schools + SAMPLE_ROWS).toLocaleString('en-GB')}`));
  });

  test('uploading it again changes nothing: every row is unchanged', async () => {
    const admin = await as('national_admin');
    const before = await register();
    const page = await admin.upload(await admin.get('/admin/schools'), { file: { name: 'gias-sample.csv', content: sampleBytes() } });
    assert.equal(page.status, 200);
    assert.deepEqual(summary(page), {
      File: 'gias-sample.csv',
      'Rows read': String(SAMPLE_ROWS),
      Added: '0',
      Updated: '0',
      Unchanged: String(SAMPLE_ROWS),
      Rejected: '0',
    });
    assert.deepEqual(await register(), before, 'not even updated_at moves');
    assert.deepEqual((await imports()).at(-1)?.changes, { added: 0, updated: 0, rejected: 0 });
  });

  test(`rejected rows are listed with their reasons, the first ${REJECTIONS_LISTED}, and the rest counted`, async () => {
    const admin = await as('national_admin');
    const bad = Array.from({ length: REJECTIONS_LISTED + 7 }, (_, i) => goodRow(960100 + i, { Postcode: 'NOT A POSTCODE' }));
    const csv = giasCsv([goodRow(960001), ...bad, goodRow(960002, { 'EstablishmentStatus (name)': 'Closed' })]);
    const page = await admin.upload(await admin.get('/admin/schools'), { file: { name: 'edubasealldata20261101.csv', content: csv } });
    assert.equal(page.status, 200);
    assert.equal(summary(page).Added, '2');
    assert.equal(summary(page).Rejected, String(REJECTIONS_LISTED + 7));
    const rows = page.$('[data-testid="rejections"] tbody tr');
    assert.equal(rows.length, REJECTIONS_LISTED);
    assert.equal(rows.first().find('th').text().trim(), '3');
    assert.equal(rows.first().find('td').text().trim(), "Postcode 'NOT A POSTCODE' is not a UK postcode");
    assert.equal(page.$('[data-testid="more-rejected"]').text().trim(), 'and 7 more rejected rows, not listed here.');
    assert.deepEqual((await imports()).at(-1)?.changes, { added: 2, updated: 0, rejected: REJECTIONS_LISTED + 7 });
  });
});

describe('a file that cannot be imported is refused by the field, and nothing changes', () => {
  const cases: { what: string; file: { name: string; content: Buffer | string }; message: RegExp }[] = [
    {
      what: 'columns missing',
      file: { name: 'schools.csv', content: giasCsv([goodRow(950001)], SMALL_HEADER.filter((c) => c !== 'Postcode' && c !== 'URN')) },
      message: /The file is not a GIAS establishment CSV: it has no "URN" and "Postcode" columns/,
    },
    { what: 'no file chosen', file: { name: '', content: '' }, message: /^Error: Select a GIAS establishment CSV file$/ },
    { what: 'an empty file', file: { name: 'empty.csv', content: '' }, message: /The file is empty/ },
    { what: 'not a CSV', file: { name: 'report.pdf', content: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]) }, message: /not a text CSV/ },
    { what: 'a ZIP', file: { name: 'edubase.zip', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]) }, message: /ZIP archive: unzip it/ },
    { what: 'UTF-16 text', file: { name: 'utf16.csv', content: Buffer.from('\ufeffURN,EstablishmentName\r\n', 'utf16le') }, message: /UTF-16/ },
    { what: 'an unreadable CSV', file: { name: 'broken.csv', content: `${SMALL_HEADER.join(',')}\r\n"1,unclosed quote\r\n` }, message: /not a readable CSV/ },
  ];
  for (const c of cases) {
    test(c.what, async () => {
      const admin = await as('national_admin');
      const before = await register();
      const audited = (await imports()).length;
      const page = await admin.upload(await admin.get('/admin/schools'), { file: c.file });
      assert.equal(page.status, 400);
      assert.equal(page.$('h1').text().trim(), 'Schools register', 'the upload page again');
      assert.equal(page.$('.govuk-error-summary a').attr('href'), '#file');
      assert.match(fieldError(page), c.message);
      assert.equal(page.$('.govuk-error-summary a').text().trim(), fieldError(page).replace(/^Error: /, ''), 'the summary says the same');
      assert.ok(page.$('#file').attr('aria-describedby')?.includes('file-error'));
      assert.match(page.$('title').text(), /^Error: Schools register/);
      assert.ok(page.$('form input[name="_csrf"]').attr('value'), 'a fresh token to try again');
      assert.deepEqual(await register(), before);
      assert.equal((await imports()).length, audited);
    });
  }

  test('a file over 100 MB is refused by the field, not read into the register', async () => {
    const admin = await as('national_admin');
    const before = await register();
    const header = Buffer.from(`${SMALL_HEADER.join(',')}\r\n`);
    const big = Buffer.concat([header, Buffer.alloc(100 * 1024 * 1024 + 1, 0x20)]);
    const page = await admin.upload(await admin.get('/admin/schools'), { file: { name: 'huge.csv', content: big } });
    assert.equal(page.status, 400);
    assert.equal(fieldError(page), 'Error: The selected file must be smaller than 100 MB');
    assert.deepEqual(await register(), before);
  });

  test('a malformed upload is a 400 page, never a 500', async () => {
    const admin = await as('national_admin');
    const token = (await admin.get('/admin/schools')).$('input[name="_csrf"]').attr('value') ?? '';
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/schools/import',
      headers: { cookie: `_csrf=${admin.cookie('_csrf')}; hubwork_session=${admin.cookie('hubwork_session')}`, 'content-type': 'multipart/form-data' },
      payload: `_csrf=${token}`,
    });
    assert.equal(response.statusCode, 400, 'no multipart boundary');
    assert.match(response.body, /Sorry, we could not read that upload/);
    const twoFiles = await admin.multipart('/admin/schools/import', { _csrf: token }, { file: { name: 'a.csv', content: 'a' }, other: { name: 'b.csv', content: 'b' } });
    assert.equal(twoFiles.status, 413, 'two files');
    // Only this feature's routes read multipart bodies; any other route refuses them.
    assert.equal((await admin.multipart('/sign-out', { _csrf: token })).status, 415);
    assert.equal((await admin.get('/account')).status, 200, 'and so did not sign out');
  });
});

describe('only the national administrator may import, and only with the form’s token', () => {
  const fresh = () => giasCsv([goodRow(940001), goodRow(940002)]);
  const imported = async () =>
    (await t.db.selectFrom('schools').select('urn').where('urn', 'in', [940001, 940002]).execute()).length;

  test('an upload without the CSRF token, or with a wrong one, is refused with 403 and imports nothing', async () => {
    const admin = await as('national_admin');
    const audited = (await imports()).length;
    const page = await admin.get('/admin/schools');
    const token = page.$('input[name="_csrf"]').attr('value') ?? '';
    const file = { file: { name: 'forged.csv', content: fresh() } };
    const without = await admin.multipart('/admin/schools/import', {}, file);
    assert.equal(without.status, 403);
    assert.equal(without.$('h1').text().trim(), 'This form has expired');
    assert.equal((await admin.multipart('/admin/schools/import', { _csrf: `${token}x` }, file)).status, 403);
    assert.equal((await admin.multipart('/admin/schools/import', { _csrf: '' }, file)).status, 403);
    // The token is read from the form's body only, never from the address.
    assert.equal((await admin.multipart(`/admin/schools/import?_csrf=${encodeURIComponent(token)}`, {}, file)).status, 403);
    // Another browser's token does not fit this browser's CSRF cookie.
    const other = new Agent(t.app);
    const otherToken = (await other.get('/sign-in')).$('input[name="_csrf"]').attr('value') ?? '';
    assert.equal((await admin.multipart('/admin/schools/import', { _csrf: otherToken }, file)).status, 403);
    assert.equal(await imported(), 0);
    assert.equal((await imports()).length, audited);

    const done = await admin.multipart('/admin/schools/import', { _csrf: token }, file);
    assert.equal(done.status, 200, 'the same upload with the token is imported');
    assert.equal(await imported(), 2);
  });

  test('other roles get 403 and a visitor is sent to sign in, for the page and the upload; nothing is imported', async () => {
    await t.db.deleteFrom('schools').where('urn', 'in', [940001, 940002]).execute();
    for (const role of ['hub_lead', 'hub_admin', 'work_group_lead', 'participant', 'headteacher'] as const) {
      const agent = await as(role);
      const page = await agent.get('/admin/schools');
      assert.equal(page.status, 403, role);
      assert.equal(page.$('[data-testid="schools-register"]').length, 0);
      // A real token from a form this person can open, so only the permission check can refuse.
      const token = (await agent.get('/password-reset')).$('input[name="_csrf"]').attr('value') ?? '';
      const upload = await agent.multipart('/admin/schools/import', { _csrf: token }, { file: { name: 'x.csv', content: fresh() } });
      assert.equal(upload.status, 403, `${role} upload`);
    }
    const visitor = new Agent(t.app);
    const page = await visitor.get('/admin/schools');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/sign-in?returnTo=%2Fadmin%2Fschools');
    const token = (await visitor.get('/sign-in')).$('input[name="_csrf"]').attr('value') ?? '';
    const upload = await visitor.multipart('/admin/schools/import', { _csrf: token }, { file: { name: 'x.csv', content: fresh() } });
    assert.equal(upload.status, 303);
    assert.match(upload.location ?? '', /^\/sign-in\?returnTo=/);
    assert.equal(await imported(), 0);
  });

  test('the administration dashboard links to the register for the national administrator only', async () => {
    const link = (page: Page) => page.$('a[href="/admin/schools"]').text().trim();
    assert.equal(link(await (await as('national_admin')).get('/admin')), 'Schools register');
    assert.equal(link(await (await as('hub_lead')).get('/admin')), '');
  });
});

test('file names are kept fit for the audit log', () => {
  assert.equal(cleanFileName('edubasealldata20261101.csv'), 'edubasealldata20261101.csv');
  assert.equal(cleanFileName('C:\\fakepath\\edubase.csv'), 'edubase.csv');
  assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanFileName('a\u0000b\r\n.csv'), 'ab.csv');
  assert.equal(cleanFileName(''), 'unnamed file');
  assert.equal(cleanFileName('x'.repeat(300)).length, 200);
});
