// govuk-frontend's macros as memoised globals: the same call is answered from the cache, a call
// with a body ({% call %}) never is, and views render them without importing them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LRUCache } from 'lru-cache';
import nunjucks from 'nunjucks';
import { createViews, memoised } from './nunjucks.ts';

test('the same call is rendered once; marked-safe HTML and the same text are different calls', () => {
  const calls: unknown[] = [];
  const macro = (params: unknown) => {
    calls.push(params);
    return new nunjucks.runtime.SafeString(`<b>${JSON.stringify(params)}</b>`);
  };
  const cached = memoised('govukThing', macro, new LRUCache<string, string>({ max: 10 }));
  const first = cached({ text: 'Save' });
  const again = cached({ text: 'Save' });
  assert.equal(String(again), String(first));
  assert.ok(again instanceof nunjucks.runtime.SafeString, 'still marked safe, so it is not escaped');
  assert.equal(calls.length, 1);
  cached({ text: 'Save and continue' });
  cached({ html: new nunjucks.runtime.SafeString('<i>x</i>') });
  cached({ html: '<i>x</i>' });
  assert.equal(calls.length, 4);
});

test('a call with a body ({% call %}) is never answered from the cache', () => {
  const env = createViews();
  const template = new nunjucks.Template(
    '{% for x in ["One", "Two"] %}{% call govukFieldset({ legend: { text: "Same legend" } }) %}<p>{{ x }}</p>{% endcall %}{% endfor %}',
    env,
  );
  const html = template.render({});
  assert.equal((html.match(/<fieldset/g) ?? []).length, 2);
  assert.match(html, /<p>One<\/p>[\s\S]*<p>Two<\/p>/, 'each body in its own fieldset');
});

test('views use every govuk-frontend macro without importing it', () => {
  const env = createViews();
  const html = new nunjucks.Template('{{ govukButton({ text: "Save" }) }}{{ govukTag({ text: "New" }) }}{{ govukInsetText({ text: "Note" }) }}', env).render({});
  assert.match(html, /<button type="submit" class="govuk-button" data-module="govuk-button">\s*Save\s*<\/button>/);
  assert.match(html, /<strong class="govuk-tag">\s*New\s*<\/strong>/);
  assert.match(html, /<div class="govuk-inset-text">\s*Note\s*<\/div>/);
});
