import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanStrings, withoutControlCharacters } from './control-characters.ts';

test('C0 control characters and DEL go; tab, newline and carriage return stay; everything else is untouched', () => {
  assert.equal(withoutControlCharacters('a\u0000b\u0001\u0007\u0008c\u000b\u000c\u001b[31md\u001f\u007fe'), 'abc[31mde');
  assert.equal(withoutControlCharacters('one\ttwo\r\nthree\n'), 'one\ttwo\r\nthree\n');
  assert.equal(withoutControlCharacters('Zoë – “quoted” 😀 \u0085\u00a0'), 'Zoë – “quoted” 😀 \u0085\u00a0');
  assert.equal(withoutControlCharacters('\u0000'.repeat(5)), '');
});

test('cleanStrings cleans every string in objects and arrays in place, however deep, and leaves the rest', () => {
  const file = Buffer.from([0, 1, 2]);
  const body = { title: 'T\u0000itle', list: ['a\u0000', 'b'], nested: { deeper: [{ name: 'N\u0001' }] }, count: 3, flag: true, none: null, file };
  const cleaned = cleanStrings(body);
  assert.equal(cleaned, body, 'the same object');
  assert.deepEqual(body, { title: 'Title', list: ['a', 'b'], nested: { deeper: [{ name: 'N' }] }, count: 3, flag: true, none: null, file });
  assert.deepEqual([...file], [0, 1, 2], 'a Buffer is not text');
  assert.equal(cleanStrings('x\u0000y'), 'xy');
  assert.equal(cleanStrings(undefined), undefined);
  const bare = Object.assign(Object.create(null), { q: 'a\u0000b' });
  assert.equal(cleanStrings(bare).q, 'ab', 'a record without a prototype');
  function Empty() {}
  Empty.prototype = Object.create(null);
  const parsed = Object.assign(new (Empty as unknown as new () => Record<string, string>)(), { q: 'a\u0000b' });
  assert.equal(cleanStrings(parsed).q, 'ab', 'a query string parser’s record (its prototype has none)');
  const when = new Date(0);
  assert.equal(cleanStrings({ when }).when, when, 'a Date is left alone');
});
