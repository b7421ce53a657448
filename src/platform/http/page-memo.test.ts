import assert from 'node:assert/strict';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { contextKey, createPageMemo } from './page-memo.ts';

test('the same template and context are rendered once; any change renders again', () => {
  const memo = createPageMemo({ maxBytes: 1024 * 1024 });
  let renders = 0;
  const render = (context: Record<string, unknown>) => memo.render('page.njk', context, () => `<p>${++renders} ${JSON.stringify(context)}</p>`);
  const first = render({ title: 'Secondary Maths Leadership', places: 3 });
  assert.equal(render({ title: 'Secondary Maths Leadership', places: 3 }), first);
  assert.equal(renders, 1);
  assert.notEqual(render({ title: 'Secondary Maths Leadership', places: 2 }), first, 'a place taken is a new page');
  assert.notEqual(memo.render('other.njk', { title: 'Secondary Maths Leadership', places: 3 }, () => 'other'), first);
  assert.deepEqual(memo.stats, { hits: 1, misses: 3 });
});

test('a date and its text, or markup and the same text, never share a key', () => {
  const instant = new Date('2022-11-07T13:00:00Z');
  assert.notEqual(contextKey('t', { at: instant }), contextKey('t', { at: instant.toISOString() }));
  assert.notEqual(contextKey('t', { at: instant }), contextKey('t', { at: new Date('2022-11-07T13:00:01Z') }));
  assert.notEqual(contextKey('t', { html: new nunjucks.runtime.SafeString('<b>x</b>') }), contextKey('t', { html: '<b>x</b>' }));
  assert.equal(contextKey('t', { a: [1, { b: instant }] }), contextKey('t', { a: [1, { b: new Date(instant) }] }));
});

test('a context JSON cannot carry faithfully is refused, not guessed at', () => {
  assert.throws(() => contextKey('t', { groups: new Map([['a', 1]]) }), /plain data/);
  assert.throws(() => contextKey('t', { codes: new Set(['a']) }), /plain data/);
  assert.throws(() => contextKey('t', { link: () => '/x' }), /plain data/);
});

test('it holds no more than its size allows, dropping the least recently used', () => {
  const memo = createPageMemo({ maxBytes: 20_000 });
  const page = 'x'.repeat(4_000);
  for (let i = 0; i < 10; i++) memo.render('t', { i }, () => page);
  memo.render('t', { i: 9 }, () => page);
  assert.equal(memo.stats.hits, 1, 'the newest is kept');
  memo.render('t', { i: 0 }, () => page);
  assert.equal(memo.stats.misses, 11, 'the oldest went');
});
