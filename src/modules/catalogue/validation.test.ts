import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageItems } from './routes.ts';
import { catalogueQueryString, parseCatalogueQuery } from './validation.ts';

const hubs = new Set(['east-midlands-east', 'great-north']);

test('an empty query means every Work Group, first page', () => {
  const result = parseCatalogueQuery({}, hubs);
  assert.deepEqual(result, {
    ok: true,
    value: {
      filters: { q: undefined, hub: undefined, academicYear: undefined, phases: [], strands: [], modes: [], available: false },
      page: 1,
      hubSlug: undefined,
      yearSlug: undefined,
    },
  });
});

test('every filter is read from the query string, several values where a filter allows them', () => {
  const result = parseCatalogueQuery(
    {
      q: '  leadership ',
      hub: 'great-north',
      year: '2022-23',
      phase: ['secondary', 'post-16'],
      strand: 'sktm',
      mode: ['face-to-face', 'online'],
      available: 'yes',
      page: '3',
    },
    hubs,
  );
  assert.ok(result.ok);
  assert.deepEqual(result.value.filters, {
    q: 'leadership',
    hub: 'great-north',
    academicYear: '2022/23',
    phases: ['secondary', 'post-16'],
    strands: ['sktm'],
    modes: ['face_to_face', 'online'],
    available: true,
  });
  assert.equal(result.value.page, 3);
  assert.equal(
    catalogueQueryString(result.value.filters, 3),
    '?q=leadership&hub=great-north&year=2022-23&phase=secondary&phase=post-16&strand=sktm&mode=face-to-face&mode=online&available=yes&page=3',
  );
});

test('unknown filter values are refused with a reason in plain English', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ phase: 'tertiary' }, /"tertiary" is not a phase/],
    [{ strand: 'knitting' }, /not a programme strand/],
    [{ mode: 'carrier-pigeon' }, /not a way of meeting/],
    [{ hub: 'atlantis' }, /no Maths Hub called "atlantis"/],
    [{ year: '2022' }, /Academic year must look like 2022-23/],
    [{ year: '2022-25' }, /Academic year must look like 2022-23/],
    [{ page: '0' }, /Page must be a whole number/],
    [{ page: '-1' }, /Page must be a whole number/],
    [{ page: '1e9' }, /Page must be a whole number/],
    [{ q: 'x'.repeat(101) }, /100 characters or fewer/],
    [{ q: ['a', 'b'] }, /Choose one search at a time/],
    [{ available: 'maybe' }, /available=yes/],
  ];
  for (const [query, reason] of cases) {
    const result = parseCatalogueQuery(query, hubs);
    assert.equal(result.ok, false, JSON.stringify(query));
    if (!result.ok) assert.match(result.problems.join(' | '), reason);
  }
});

test('control characters in a search are dropped, quotes and symbols are kept as text', () => {
  const result = parseCatalogueQuery({ q: "mastery\u0000 <script>'\"%_" }, hubs);
  assert.ok(result.ok);
  assert.equal(result.value.filters.q, "mastery  <script>'\"%_");
});

test('the page list keeps the first, last and neighbouring pages with gaps between', () => {
  assert.deepEqual(pageItems(1, 1), [1]);
  assert.deepEqual(pageItems(1, 3), [1, 2, 3]);
  assert.deepEqual(pageItems(5, 10), [1, null, 4, 5, 6, null, 10]);
  assert.deepEqual(pageItems(10, 10), [1, null, 9, 10]);
});
