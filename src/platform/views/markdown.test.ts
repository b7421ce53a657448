import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from './markdown.ts';

test('markdown becomes GOV.UK-styled HTML', () => {
  const html = renderMarkdown('Three days of support:\n\n- joint planning\n- lesson study\n\n[NCETM](https://www.ncetm.org.uk)');
  assert.match(html, /<p class="govuk-body">Three days of support:<\/p>/);
  assert.match(html, /<ul class="govuk-list govuk-list--bullet">\s*<li>joint planning<\/li>/);
  assert.match(html, /<a href="https:\/\/www.ncetm.org.uk" class="govuk-link">NCETM<\/a>/);
});

test('no script, handler, style or dangerous link survives', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://example.com"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
    '<svg><script>alert(1)</script></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  ];
  for (const payload of payloads) {
    const html = renderMarkdown(payload);
    assert.doesNotMatch(html, /<script|onerror|onclick|javascript:|<iframe|style=|data:text/i, payload);
  }
});

test('empty markdown is empty HTML', () => {
  assert.equal(renderMarkdown(''), '');
  assert.equal(renderMarkdown(null), '');
});

test('text nested deeper than anyone writes is shown as plain text, quickly, never a stack overflow', () => {
  for (const [what, source] of [
    ['9,000 quote markers', `${'> '.repeat(9000)}deep`],
    ['9,000 list markers', `${'- '.repeat(9000)}deep`],
    ['9,000 numbered markers', `${'1. '.repeat(9000)}deep`],
    ['a list indented 3,000 levels', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i * 2)}- deep`).join('\n')],
    ['9,000 emphasis markers', `${'*'.repeat(9000)}deep${'*'.repeat(9000)}`],
  ] as const) {
    const started = Date.now();
    const html = renderMarkdown(source);
    assert.ok(Date.now() - started < 3000, `${what}: ${Date.now() - started} ms`);
    assert.match(html, /deep/, what);
    assert.doesNotMatch(html, /<(ul|ol|blockquote)/, `${what}: not parsed`);
  }
  assert.match(renderMarkdown('- a\n  - b\n    - c'), /<ul class="govuk-list govuk-list--bullet">/, 'ordinary nesting is still markdown');
  assert.equal(renderMarkdown(`${'> '.repeat(50)}<b>x</b> & y`), `<p class="govuk-body">${'&gt; '.repeat(50)}&lt;b&gt;x&lt;/b&gt; &amp; y</p>\n`, 'plain text is escaped');
});
