// HTTP layer: the real app in-process, on a database of its own with the demo data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../core/schema.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';

const TODAY = new Date('2026-11-23T12:00:00Z');
let t: TestApp;

before(async () => {
  t = await testApp({ now: TODAY });
});
after(async () => {
  await t.close();
});

async function page(url: string) {
  const response = await t.app.inject(url);
  return { status: response.statusCode, $: cheerio.load(response.body), body: response.body, headers: response.headers };
}

function resultTitles($: cheerio.CheerioAPI): string[] {
  return $('[data-testid="results"] h3 a')
    .map((_, a) => $(a).text().trim())
    .get();
}

async function codeOf(title: string): Promise<string> {
  const row = await t.db.selectFrom('work_groups').select('code').where('title', '=', title).executeTakeFirstOrThrow();
  return row.code;
}

describe('the catalogue', () => {
  test('lists public Work Groups, twenty to a page, with a count', async () => {
    const { status, $ } = await page('/work-groups');
    assert.equal(status, 200);
    const total = Number($('[data-testid="results-count"]').text().trim().split(' ')[0]);
    const published = await t.db
      .selectFrom('work_groups')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('publication', 'in', ['published', 'closed'])
      .executeTakeFirstOrThrow();
    assert.equal(total, Number(published.n));
    assert.equal(resultTitles($).length, Math.min(20, total));
    assert.ok($('.govuk-pagination').length, 'pagination links');
  });

  test('never shows draft or archived groups', async () => {
    const drafts = await t.db.selectFrom('work_groups').select(['title', 'code']).where('publication', 'in', ['draft', 'archived']).execute();
    assert.ok(drafts.length > 0, 'the demo data has drafts to hide');
    for (const draft of drafts) {
      const { $ } = await page(`/work-groups?q=${encodeURIComponent(draft.code)}`);
      assert.equal(resultTitles($).length, 0, draft.code);
      assert.equal((await page(`/work-groups/${draft.code}`)).status, 404);
    }
  });

  test('finds Secondary Maths Leadership 2022-23 with the filters a person would use', async () => {
    const { $ } = await page('/work-groups?phase=secondary&strand=subject-leadership&year=2022-23');
    assert.ok(resultTitles($).includes('Secondary Maths Leadership 2022-23'));
    for (const meta of $('.app-result__meta').map((_, m) => $(m).text()).get()) assert.match(meta, /2022\/23/);
    assert.equal($('#year option[selected]').attr('value'), '2022-23', 'the form keeps its state');
    assert.ok($('input[name="phase"][value="secondary"]').is(':checked'));
    assert.ok($('input[name="strand"][value="subject-leadership"]').is(':checked'));
  });

  test('each filter narrows the results to groups that match it', async () => {
    const all = Number((await page('/work-groups')).$('[data-testid="results-count"]').text().trim().split(' ')[0]);
    const filters: [string, Condition][] = [
      ['phase=post-16', (eb) => eb('p.phase', '=', 'post-16')],
      ['strand=sktm', (eb) => eb('p.strand', '=', 'sktm')],
      ['mode=online', (eb) => eb('wg.mode', '=', 'online')],
      ['hub=national', (eb) => eb('wg.hub_id', 'is', null)],
      ['year=2021-22', (eb) => eb('p.academic_year', '=', '2021/22')],
    ];
    for (const [query, expected] of filters) {
      const shown = Number((await page(`/work-groups?${query}`)).$('[data-testid="results-count"]').text().trim().split(' ')[0]);
      const want = await countPublic(expected);
      assert.equal(shown, want, query);
      assert.ok(shown > 0 && shown < all, `${query} should mean something: ${shown} of ${all}`);
    }
  });

  test('"places available" shows only groups that are open today', async () => {
    const { $ } = await page('/work-groups?available=yes');
    const tags = $('[data-testid="results"] .govuk-tag').map((_, tag) => $(tag).text().trim()).get();
    assert.ok(tags.length > 0);
    assert.deepEqual([...new Set(tags)], ['Open']);
    assert.ok(resultTitles($).includes('Secondary Subject Leadership Community'));
    assert.ok(!resultTitles($).includes('Secondary Maths Leadership 2022-23'), 'a full group is not available');
  });

  test('word search finds groups by title, NCP code and hub, and odd characters are just text', async () => {
    assert.ok(resultTitles((await page('/work-groups?q=Embedding+Year+Support')).$).includes('Secondary Teaching for Mastery – Embedding Year Support'));
    assert.ok(resultTitles((await page('/work-groups?q=NCP21-13')).$).includes('Secondary Teaching for Mastery – Embedding Year Support'));
    for (const q of ["'; DROP TABLE work_groups; --", '%', '_', '\\', '"unterminated', '<script>alert(1)</script>', '!!! & | ()', 'ünïcödé 数学']) {
      const { status, body } = await page(`/work-groups?q=${encodeURIComponent(q)}`);
      assert.equal(status, 200, q);
      assert.doesNotMatch(body, /<script>alert/);
    }
  });

  test('pages through results and keeps the filters in every link', async () => {
    const { $ } = await page('/work-groups?phase=secondary');
    const next = $('.govuk-pagination__next a').attr('href');
    assert.equal(next, '/work-groups?phase=secondary&page=2');
    const second = await page(next!);
    assert.equal(second.status, 200);
    assert.notDeepEqual(resultTitles(second.$), resultTitles($));
    assert.equal((await page('/work-groups?phase=secondary&page=999')).status, 404);
  });
});

describe('a Work Group page', () => {
  test('Secondary Maths Leadership 2022-23 shows its four workshops, venue, keynote, leaders and that it is full', async () => {
    const { status, $ } = await page(`/work-groups/${await codeOf('Secondary Maths Leadership 2022-23')}`);
    assert.equal(status, 200);
    assert.equal($('h1').text().trim(), 'Secondary Maths Leadership 2022-23');
    const rows = $('[data-testid="schedule"] tbody tr')
      .map((_, row) => $(row).find('th, td').map((__, cell) => $(cell).text().trim()).get().join(' | '))
      .get();
    assert.deepEqual(rows, [
      'Workshop 1 – Launch | Monday 7 November 2022 | 1pm to 3:30pm | Face to face | AFC Telford',
      'Workshop 2 | Friday 27 January 2023 | 1pm to 4pm | Online | Online',
      'Workshop 3 | Tuesday 28 March 2023 | 1pm to 4pm | Online | Online',
      'Workshop 4 | Thursday 15 June 2023 | 10am to 3pm | Online | Online',
    ]);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /keynote from Steve Wren/);
    assert.match(text, /remaining dates will be released in due course/);
    assert.deepEqual($('[data-testid="leader"] h3').map((_, h) => $(h).text().trim()).get().length, 2);
    assert.match(text, /Sally Bamber/);
    assert.match(text, /Steve Waterhouse/);
    assert.match($('[data-testid="status"]').text(), /Work group full/);
    for (const heading of ['Pupil outcomes', 'Departmental policies and approaches', 'Practice development', 'Professional learning']) {
      assert.ok($('h3').filter((_, h) => $(h).text().trim() === heading).length === 1, heading);
    }
    assert.match(text, /Joining details will be sent by email approximately 10 days before the first workshop/);
    assert.match(text, /Free/);
  });

  test('Embedding Year Support shows its NCP code, who may take part, and the project it requires', async () => {
    const { $ } = await page(`/work-groups/${await codeOf('Secondary Teaching for Mastery – Embedding Year Support')}`);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /NCP21-13/);
    assert.match(text, /Secondary Teaching for Mastery Development Work Group in 2020\/21/);
    assert.match($('[data-testid="requires"]').text(), /NCP21-14/);
    assert.match(text, /enquiries@ememathshub\.org/);
  });

  test('an open group says how many places are left', async () => {
    const { $ } = await page(`/work-groups/${await codeOf('Secondary Subject Leadership Community')}`);
    assert.match($('[data-testid="status"]').text(), /Places are available: \d+ of \d+ left/);
    assert.match($('[data-testid="schedule"]').text(), /Date to be confirmed/);
  });

  test('a change to a group shows on the next visit: pages are never served stale', async () => {
    const code = await codeOf('Secondary Subject Leadership Community');
    const before = (await page(`/work-groups/${code}`)).$('[data-testid="status"]').text();
    const listed = await page('/work-groups?q=Subject+Leadership+Community');
    const places = Number(/(\d+) of \d+ left/.exec(before)?.[1]);
    assert.ok(places > 1);
    await t.db.updateTable('work_groups').set((eb) => ({ places_taken: eb('places_taken', '+', 1) })).where('code', '=', code).execute();
    assert.match((await page(`/work-groups/${code}`)).$('[data-testid="status"]').text(), new RegExp(`${places - 1} of \\d+ left`));
    assert.notEqual((await page('/work-groups?q=Subject+Leadership+Community')).body, listed.body);
  });

  test('a code in lower case redirects to the canonical address', async () => {
    const code = await codeOf('Secondary Maths Leadership 2022-23');
    const response = await t.app.inject(`/work-groups/${code.toLowerCase()}`);
    assert.equal(response.statusCode, 301);
    assert.equal(response.headers.location, `/work-groups/${code}`);
  });
});

describe('hub pages', () => {
  test('the hubs page lists all 40 Maths Hubs', async () => {
    const { $ } = await page('/hubs');
    assert.equal($('[data-testid="hubs"] li').length, 40);
  });

  test("a hub's page lists its groups and its enquiries address", async () => {
    const { status, $ } = await page('/hubs/east-midlands-east');
    assert.equal(status, 200);
    assert.match($('main').text(), /enquiries@ememathshub\.org/);
    assert.ok($('[data-testid="hub-groups"] a').filter((_, a) => $(a).text().includes('Embedding Year Support')).length);
  });
});

describe('bad input gets a plain-English 400 or 404 page, never a 500', () => {
  const cases: [string, number][] = [
    ['/work-groups?phase=tertiary', 400],
    ['/work-groups?hub=atlantis', 400],
    ['/work-groups?year=twenty', 400],
    ['/work-groups?page=abc', 400],
    [`/work-groups?q=${'a'.repeat(500)}`, 400],
    ['/work-groups?q=a&q=b', 400],
    ['/work-groups?phase[]=x', 200],
    ['/work-groups/WRK-DOES-NOT-EXIST', 404],
    [`/work-groups/${'W'.repeat(300)}`, 404],
    ['/work-groups/..%2F..%2Fetc%2Fpasswd', 404],
    ['/work-groups/%00', 404],
    ['/hubs/No_Such_Hub', 404],
    ['/hubs/%E0%A4%A', 400],
    ['/no/such/page', 404],
    ['/public/../package.json', 404],
  ];
  for (const [url, expected] of cases) {
    test(`${url.slice(0, 60)} → ${expected}`, async () => {
      const { status, body, $ } = await page(url);
      assert.equal(status, expected);
      assert.ok($('h1').text().trim().length > 0, 'a page with a heading');
      assert.doesNotMatch(body, /at .*\.ts:\d+|Error:|stack|SELECT /, 'no internals');
    });
  }
});

test('pages carry security headers', async () => {
  const { headers } = await page('/work-groups');
  // govuk-frontend's one inline script is allowed by its hash; no other inline script runs.
  assert.match(String(headers['content-security-policy']), /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
  assert.doesNotMatch(String(headers['content-security-policy']), /unsafe-inline|nonce-/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
});

type Condition = (
  eb: ExpressionBuilder<Database & { wg: Database['work_groups']; p: Database['projects'] }, 'wg' | 'p'>,
) => Expression<SqlBool>;

/** How many public groups the database holds that meet the condition. */
async function countPublic(condition: Condition): Promise<number> {
  const row = await t.db
    .selectFrom('work_groups as wg')
    .innerJoin('projects as p', 'p.id', 'wg.project_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('wg.publication', 'in', ['published', 'closed'])
    .where(condition)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
