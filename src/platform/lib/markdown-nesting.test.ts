import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownNesting } from './markdown-nesting.ts';

test('nesting counts quote and list markers at a line’s start and the indentation before them', () => {
  assert.equal(markdownNesting('Plain text, - not a list, > not a quote'), 0);
  assert.equal(markdownNesting('- one\n- two'), 1);
  assert.equal(markdownNesting('- one\n  - nested\n    1. deeper'), 3);
  assert.equal(markdownNesting('> quoted\n> > twice'), 2);
  assert.equal(markdownNesting('> - a list in a quote'), 2);
  assert.equal(markdownNesting('**bold** and *italic*, ***, ---'), 0, 'emphasis and rules are not containers');
  assert.equal(markdownNesting('1.5 million pupils'), 0, 'a decimal is not a list');
  assert.equal(markdownNesting('2) the second point'), 1, 'a number and a bracket start a list');
  assert.equal(markdownNesting('> '.repeat(9000)), 9000);
  assert.equal(markdownNesting('- '.repeat(9000)), 9000);
  assert.equal(markdownNesting(`${' '.repeat(200)}- x`), 101);
});
