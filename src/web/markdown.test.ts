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
