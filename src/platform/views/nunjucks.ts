// One Nunjucks environment: our views, each feature's views, and govuk-frontend's macros
// straight from node_modules (an upgrade is a version bump, never a copy).
//
// Every govuk-frontend macro (govukButton, govukInput…) is a global, so views use them without
// importing them (an import runs again on every render), and each is memoised: its HTML depends
// only on its arguments, so the same call again (the footer, the header, a form's button, a
// pagination) is a lookup, not a render (ADR 18).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import nunjucks from 'nunjucks';
import { londonDate, londonShortDate, londonTime, londonTimeRange, longDateWithDay } from '../lib/london-time.ts';
import { renderMarkdown } from './markdown.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '../../..');
const GOVUK_FRONTEND = path.join(projectRoot, 'node_modules/govuk-frontend/dist');

type Macro = (...args: unknown[]) => unknown;
type MacroTemplate = nunjucks.Template & { getExported(callback: (error: Error | null, exported: Record<string, Macro>) => void): void };

/** Thrown while making a call's key: the call has a part no key can stand for (a `{% call %}` body). */
const UNKEYABLE = Symbol('unkeyable');

/**
 * The macro, answering a call it has answered before from the cache. A call made with
 * `{% call %}` (its body is a function in keyword arguments) is never cached.
 */
export function memoised(name: string, macro: Macro, cache: LRUCache<string, string>): Macro {
  return (...args: unknown[]) => {
    let key: string;
    try {
      key = `${name}:${JSON.stringify(args, (_key, value: unknown) => {
        if (typeof value === 'function' || (value && typeof value === 'object' && '__keywords' in value)) throw UNKEYABLE;
        // Marked-safe HTML and the same text as a plain string render differently: keep them apart.
        return value instanceof nunjucks.runtime.SafeString ? { $safe: String(value) } : value;
      })}`;
    } catch (error) {
      if (error === UNKEYABLE) return macro(...args);
      throw error;
    }
    const known = cache.get(key);
    if (known !== undefined) return new nunjucks.runtime.SafeString(known);
    const html = macro(...args);
    cache.set(key, String(html));
    return html;
  };
}

export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([here, path.join(projectRoot, 'src/modules'), path.join(projectRoot, 'src/core'), GOVUK_FRONTEND], { watch: false, noCache: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('markdown', (source: string) => new nunjucks.runtime.SafeString(renderMarkdown(source)));
  env.addFilter('londonDate', (value: Date) => londonDate(value));
  env.addFilter('londonShortDate', (value: Date) => londonShortDate(value));
  env.addFilter('londonTime', (value: Date) => londonTime(value));
  env.addFilter('timeRange', (start: Date, end: Date) => londonTimeRange(start, end));
  env.addFilter('isoDate', (value: string) => longDateWithDay(value));
  env.addFilter('plural', (count: number, one: string, many: string) => (count === 1 ? one : many));
  env.addGlobal('serviceName', 'Maths Hubs Work Groups');

  // Up to 32 MB of macro HTML, the least recently used going first.
  const cache = new LRUCache<string, string>({ max: 20_000, maxSize: 32 * 1024 * 1024, sizeCalculation: (html, key) => html.length + key.length });
  const components = path.join(GOVUK_FRONTEND, 'govuk/components');
  for (const component of readdirSync(components, { withFileTypes: true })) {
    if (!component.isDirectory()) continue;
    const template = env.getTemplate(`govuk/components/${component.name}/macro.njk`, true) as MacroTemplate;
    template.getExported((error, exported) => {
      if (error) throw error;
      for (const [name, macro] of Object.entries(exported)) env.addGlobal(name, memoised(name, macro, cache));
    });
  }
  return env;
}
