// A row's number in the address: read once, the same way for every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotFoundError } from './errors.ts';
import { idOrUndefined, idParam } from './params.ts';

test('a plain number that fits an integer is an id; anything else names nothing (a 404 naming what)', () => {
  assert.equal(idParam('42', 'post'), 42);
  assert.equal(idOrUndefined('999999999'), 999_999_999);
  for (const text of ['', '-1', '1.5', '0x10', '1e3', ' 7', '7 ', '9999999999', 'abc', '%00', undefined]) {
    assert.equal(idOrUndefined(text), undefined, String(text));
  }
  assert.throws(() => idParam('abc', 'gap task'), (error: unknown) => error instanceof NotFoundError && /no gap task at this address/.test(error.paragraphs[0] ?? ''));
});
