// Public pages as an anonymous visitor sees them are a pure function of the template and
// the data the route fetched. Rendering them with govuk-frontend's macros costs a few
// milliseconds of CPU; this keeps recent results, keyed by a hash of the template name and
// the *whole* context, so a page is never served for data other than what it was rendered
// from: the route still reads the database on every request, and a change to a Work Group
// changes the key. There is nothing to invalidate. Signed-in people's pages carry their
// name and a CSRF token and are never memoised.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import nunjucks from 'nunjucks';

export type PageMemo = {
  render(template: string, context: Record<string, unknown>, render: () => string): string;
  readonly stats: { hits: number; misses: number };
};

export function createPageMemo(options: { maxBytes: number }): PageMemo {
  const pages = new LRUCache<string, string>({
    maxSize: options.maxBytes,
    // JavaScript strings take two bytes a character at most.
    sizeCalculation: (html, key) => 2 * (html.length + key.length),
  });
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    render(template, context, render) {
      const key = contextKey(template, context);
      const page = pages.get(key);
      if (page !== undefined) {
        stats.hits += 1;
        return page;
      }
      stats.misses += 1;
      const html = render();
      pages.set(key, html);
      return html;
    },
  };
}

/**
 * A key that differs whenever the rendered page could: JSON of the context with dates and
 * safe strings tagged, so that a Date and its ISO string, or markup and text, never share
 * a key. A value JSON cannot represent faithfully (a Map, a function) is refused: the
 * caller must pass plain data.
 */
export function contextKey(template: string, context: Record<string, unknown>): string {
  const json = JSON.stringify(context, function tag(this: Record<string, unknown>, key, value) {
    const original = this[key];
    if (original instanceof Date) return { $date: value };
    if (original instanceof nunjucks.runtime.SafeString) return { $safe: String(original) };
    if (
      typeof value === 'function' ||
      typeof value === 'bigint' ||
      typeof value === 'symbol' ||
      value instanceof Map ||
      value instanceof Set
    ) {
      throw new TypeError(`A memoised page's context holds a ${typeof value} at "${key}"; pass plain data.`);
    }
    return value;
  });
  return createHash('sha256').update(template).update('\0').update(json).digest('base64');
}
