// One Nunjucks environment: our views, each feature's views, and govuk-frontend's macros
// straight from node_modules (an upgrade is a version bump, never a copy).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { londonDate, londonShortDate, londonTime, londonTimeRange, longDateWithDay } from '../lib/london-time.ts';
import { renderMarkdown } from './markdown.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '../..');

export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(here, 'views'), path.join(here, '../features'), path.join(projectRoot, 'node_modules/govuk-frontend/dist')],
      { watch: false, noCache: false },
    ),
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
  return env;
}
