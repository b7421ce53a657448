import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excerpt, renderPost } from './markdown.ts';
import { mentionsIn } from './mentions.ts';

test('a post’s markdown becomes GOV.UK-styled HTML', () => {
  const html = renderPost('Our **plan**:\n\n- Year 7\n- Year 8\n\n[NCETM](https://www.ncetm.org.uk)\n\n# A heading');
  assert.match(html, /<p class="govuk-body">Our <strong>plan<\/strong>:<\/p>/);
  assert.match(html, /<ul class="govuk-list govuk-list--bullet">\s*<li>Year 7<\/li>/);
  assert.match(html, /<a href="https:\/\/www.ncetm.org.uk" class="govuk-link" rel="nofollow noopener noreferrer">NCETM<\/a>/);
  assert.match(html, /<h3 class="govuk-heading-s">A heading<\/h3>/, 'no heading above the page’s own');
});

test('HTML typed in a post is shown as text, never used', () => {
  assert.equal(renderPost('<b>bold</b> <script>alert(1)</script>'), '<p class="govuk-body">&lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  assert.equal(renderPost('<img src=x onerror=alert(1)>'), '<p class="govuk-body">&lt;img src=x onerror=alert(1)&gt;</p>\n');
});

test('links only to web and email addresses; an image is a link to it', () => {
  for (const source of ['[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](&#106;avascript:alert(1))', '[x](data:text/html,hi)', '[x]: vbscript:x\n\n[x]', '<javascript:alert(1)>']) {
    assert.doesNotMatch(renderPost(source), /<a|href/i, source);
  }
  assert.match(renderPost('[mail](mailto:hub@example.org)'), /href="mailto:hub@example.org"/);
  assert.equal(renderPost('![chart](https://example.org/c.png)'), '<p class="govuk-body"><a href="https://example.org/c.png" class="govuk-link" rel="nofollow noopener noreferrer">chart</a></p>\n');
});

test('an excerpt for emails is the text, shortened', () => {
  assert.equal(excerpt('One\n\ntwo  three'), 'One two three');
  assert.equal(excerpt('x'.repeat(400), 10), `${'x'.repeat(9)}…`);
});

test('@mentions are members’ names after an @, in any case, whole', () => {
  const people = [
    { userId: 1, name: 'Priya Shah' },
    { userId: 2, name: 'Steve Waterhouse' },
    { userId: 3, name: 'Priya Shahid' },
    { userId: 4, name: 'Dan  Frost' },
  ];
  assert.deepEqual([...mentionsIn('Thanks @Priya Shah and @steve waterhouse!', people)].sort(), [1, 2]);
  assert.deepEqual([...mentionsIn('@Priya Shahid, over to you', people)], [3], 'the longer name, not the shorter one inside it');
  assert.deepEqual([...mentionsIn('Ask @Dan\nFrost', people)], [4], 'spaces and line breaks count as one');
  assert.deepEqual([...mentionsIn('priya.shah@school.test, @Priya Shahs, Priya Shah', people)], [], 'an email address, a longer word, no @');
  assert.deepEqual([...mentionsIn('No one here', people)], []);
});

test('a post of 9,000 nested quote or list markers is kept as plain text, never a stack overflow', () => {
  for (const source of [`${'> '.repeat(9000)}deep`, `${'- '.repeat(9000)}deep`, `${'*'.repeat(9000)}deep${'*'.repeat(9000)}`]) {
    const html = renderPost(source);
    assert.match(html, /deep/);
    assert.doesNotMatch(html, /<(ul|blockquote)/);
  }
});
