// The app's own list of its routes (Fastify's printed tree), for tests that must try every route,
// including the ones added after the test was written.
import type { FastifyInstance } from 'fastify';

/** Every route for a method, as full paths (":name" for each path parameter). */
export function routesOf(app: FastifyInstance, method: 'GET' | 'POST'): string[] {
  const paths: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ method, commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    stack.length = (match[1] ?? '').length / 4;
    stack.push(match[2]!);
    if (match[3]?.split(', ').includes(method)) paths.push(stack.join(''));
  }
  return [...new Set(paths)].filter((route) => !route.startsWith('/public/'));
}

/**
 * The route's address with a value for each parameter: `values` by "<the route's start>|<name>"
 * (like "/admin/people|id") or by name alone, else "1"; with `junk`, that for every parameter.
 */
export function addressOf(route: string, values: Record<string, string>, junk?: string): string {
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (junk !== undefined) return encodeURIComponent(junk);
    return encodeURIComponent(values[`${route.split('/:')[0]}|${name}`] ?? values[name] ?? '1');
  });
}
