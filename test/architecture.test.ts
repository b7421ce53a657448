// The dependency rule of docs/ARCHITECTURE.md, read from the code itself: every import in src/
// (type imports and dynamic imports included, by TypeScript's own pre-processor) and every query
// that names a table. A rule broken here is a rule broken in the tree, never a list to extend.
// (TypeScript 7 has no JavaScript API to parse with, so imports are read by the patterns below,
// which the first test checks against files whose imports are known.)
//
//   platform/  the kit: imports nothing of core/, modules/, app/, seed/ or cli/
//   core/      the shared kernel: imports platform/ only (and itself)
//   modules/   import platform/, core/, and another module only through its index.ts
//   seed/      the demo data: may import platform/, core/ and modules' index.ts
//   app/       composes everything; imported only by cli/ and the tests
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

type Layer = 'platform' | 'core' | 'modules' | 'app' | 'seed' | 'cli';
const LAYERS: Layer[] = ['platform', 'core', 'modules', 'app', 'seed', 'cli'];

/** Every TypeScript file under src/, relative to src/ with forward slashes. */
const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .map((name) => name.split(path.sep).join('/'))
  .filter((name) => name.endsWith('.ts'))
  .sort();
const isTest = (file: string) => file.endsWith('.test.ts');
const text = new Map(files.map((file) => [file, readFileSync(path.join(src, file), 'utf8')]));

/**
 * The modules a source file imports: `import … from '…'` and `export … from '…'` (type-only too)
 * at the start of a line, however many lines the braces take; `import '…'`; and `import('…')`.
 */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"]+)\1/gm)) found.push(match[2] ?? '');
  for (const match of source.matchAll(/^[ \t]*import\s*(['"])([^'"]+)\1/gm)) found.push(match[2] ?? '');
  for (const match of source.matchAll(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g)) found.push(match[2] ?? '');
  return found;
}

/** file → the files it imports (relative imports only: packages are not ours). */
const imports = new Map<string, string[]>();
/** Imports that lead outside src/ (test helpers), kept to check that only tests make them. */
const outside: string[] = [];
for (const file of files) {
  const found = specifiers(text.get(file) ?? '');
  const targets: string[] = [];
  for (const specifier of found) {
    if (!specifier.startsWith('.')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (target.startsWith('../')) outside.push(`${file} → ${specifier}`);
    else targets.push(target);
  }
  imports.set(file, targets);
}

const layerOf = (file: string): Layer | undefined => LAYERS.find((layer) => file.startsWith(`${layer}/`));
/** modules/<name>/… → name. */
const moduleOf = (file: string) => (file.startsWith('modules/') ? file.split('/')[1] : undefined);

/** Reading the demo data: importing it, signing in as a demo account, or naming a demo group or address. */
const readsDemoData = /\bDEMO_[A-Z_]+\b|\bsignInAsDemo\b|\bWRK\d{4}-[A-Z]|@demo\.hubwork\.test/;

/** A rule's test: it finds no breach (there is no allow-list). */
function rule(title: string, find: () => string[] | string[][]) {
  test(title, () => {
    assert.deepEqual(find(), []);
  });
}

const edges = () => [...imports].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

describe('the dependency rule', () => {
  test('the imports are read as written: static, type-only, multi-line, re-exports and dynamic', () => {
    const source = [
      "import assert from 'node:assert/strict';",
      "import type { Executor } from '../platform/db/database.ts';",
      'import {',
      '  a,',
      '  type B,',
      "} from './many.ts';",
      "export { c } from './again.ts';",
      "export type * from './types.ts';",
      "import './side-effect.ts';",
      "  const late = await import('../late.ts');",
      "// import x from './a-comment.ts';",
      " * import y from './a-doc-comment.ts';",
    ].join('\n');
    assert.deepEqual(specifiers(source).sort(), ['../late.ts', '../platform/db/database.ts', './again.ts', './many.ts', './side-effect.ts', './types.ts', 'node:assert/strict'].sort());
    assert.ok((imports.get('app/compose.ts') ?? []).includes('platform/db/database.ts'));
  });

  test('every file of src/ is in one of the layers', () => {
    assert.deepEqual(
      files.filter((file) => !layerOf(file)),
      [],
    );
    assert.ok(files.length > 100, `read ${files.length} files`);
  });

  rule('no import cycle, type imports included', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let next = 0;
    const visit = (file: string) => {
      index.set(file, next);
      low.set(file, next);
      next++;
      stack.push(file);
      onStack.add(file);
      for (const to of imports.get(file) ?? []) {
        if (!imports.has(to)) continue;
        if (!index.has(to)) {
          visit(to);
          low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0));
        } else if (onStack.has(to)) low.set(file, Math.min(low.get(file) ?? 0, index.get(to) ?? 0));
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1 || (imports.get(file) ?? []).includes(file)) cycles.push(component.sort());
      }
    };
    for (const file of files) if (!index.has(file)) visit(file);
    return cycles;
  });

  rule('each layer imports only the layers below it', () => {
    const allowed: Record<Layer, Layer[]> = {
      platform: ['platform'],
      core: ['platform', 'core'],
      modules: ['platform', 'core', 'modules'],
      seed: ['platform', 'core', 'modules', 'seed'],
      app: ['platform', 'core', 'modules', 'seed', 'app'],
      cli: ['platform', 'core', 'modules', 'seed', 'app', 'cli'],
    };
    const broken = edges()
      .filter(({ from, to }) => {
        const [a, b] = [layerOf(from), layerOf(to)];
        // A test may build the whole app, or the demo data (see the demo-data rule below).
        if (!a || !b || isTest(from)) return false;
        return !allowed[a].includes(b);
      })
      .map(({ from, to }) => `${from} → ${to}`);
    return broken;
  });

  rule('a module reaches another module only through its index.ts', () => {
    const broken = edges()
      .filter(({ from, to }) => {
        const target = moduleOf(to);
        if (!target || target === moduleOf(from)) return false;
        return to !== `modules/${target}/index.ts`;
      })
      .map(({ from, to }) => `${from} → ${to}`);
    return broken;
  });

  test('only tests (their helpers) and cli/ (the asset build) import from outside src/', () => {
    assert.deepEqual(
      outside.filter((line) => {
        const [from = '', to = ''] = line.split(' → ');
        return !isTest(from) && !(from.startsWith('cli/') && to.startsWith('../../scripts/'));
      }),
      [],
    );
  });

  rule('HTTP and service tests build their own data (test/factories.ts): only the demo data’s own tests and the browser journeys read it', () => {
    const broken = files
      // Migrations are tested on a copy of the demo data: a realistic database to go down and up with.
      .filter((file) => isTest(file) && !file.startsWith('seed/') && !file.startsWith('app/migrations/'))
      .filter((file) => readsDemoData.test(text.get(file) ?? '') || (imports.get(file) ?? []).some((to) => layerOf(to) === 'seed'))
      .map((file) => `${file} reads the demo data`);
    return broken;
  });

  test('the check sees the demo data read: a demo account, a demo group’s code, a demo address', () => {
    for (const line of ["await signInAsDemo(t.app, 'hub_lead')", "const GROUP = 'WRK2627-GN01';", "email: 'participant@demo.hubwork.test'", 'DEMO_ACCOUNTS.find(']) {
      assert.ok(readsDemoData.test(line), line);
    }
    for (const line of ["const GROUP = 'WRKT-TASKS';", 'await factories(t.db).world()']) assert.ok(!readsDemoData.test(line), line);
  });
});

/** The core's tables: only core/ starts a query from them or writes them. */
const CORE_TABLES = [
  'hubs',
  'schools',
  'projects',
  'project_links',
  'people',
  'work_groups',
  'work_group_outcomes',
  'work_group_sections',
  'work_group_leaders',
  'workshops',
  'users',
  'user_sessions',
  'one_time_tokens',
  'role_assignments',
  'sign_in_attempts',
  'sign_in_throttles',
  'audit_log',
];

/** Where a query starts from or writes a core table: Kysely's builders, and raw SQL's FROM, UPDATE, INSERT INTO and DELETE FROM. */
function coreQueries(file: string): string[] {
  const source = text.get(file) ?? '';
  const names = CORE_TABLES.join('|');
  const builder = new RegExp(`\\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\\(\\s*\\[?\\s*'(${names})(?:\\s+as\\s+\\w+)?'`, 'g');
  const raw = new RegExp(`(?<!JOIN\\s{1,20})\\b(FROM|UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+(${names})\\b`, 'g');
  const found: string[] = [];
  for (const match of source.matchAll(builder)) found.push(`${file}: ${match[1]}('${match[2]}')`);
  // Raw SQL only inside sql`…` templates: a line of prose saying "from schools" is not a query.
  for (const template of source.matchAll(/sql(?:<[^`]*>)?`([^`]*)`/g)) {
    for (const match of (template[1] ?? '').matchAll(raw)) found.push(`${file}: ${match[1]} ${match[2]}`);
  }
  return found;
}

describe('where SQL is', () => {
  /** The files that may hold SQL: repositories, the platform's database and queue, migrations and the demo data's loader. */
  const mayHoldSql = (file: string) =>
    /(^|\/)([a-z-]+-)?repository\.ts$/.test(file) || file.startsWith('platform/db/') || file === 'platform/jobs/queue.ts' || file.startsWith('app/migrations/');
  const holdsSql = (file: string) => /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto)\(|\bsql(<[^`]*>)?`/.test(text.get(file) ?? '');

  rule('SQL is only in repositories (repository.ts, or a core folder’s <name>-repository.ts), the platform’s database and queue, and migrations', () =>
    files.filter((file) => !isTest(file) && !mayHoldSql(file) && holdsSql(file)).map((file) => `${file} holds SQL`),
  );

  test('the check sees SQL: it finds the repositories’ own', () => {
    assert.ok(files.filter((file) => /repository\.ts$/.test(file)).filter(holdsSql).length > 20);
  });
});

describe('refusals', () => {
  rule('a service, command or repository refuses with a DomainError (platform/errors.ts), never an HTTP error: only routes choose a status', () =>
    edges()
      .filter(({ from, to }) => !isTest(from) && (from.startsWith('core/') || (from.startsWith('modules/') && /\/(service|commands|repository)\.ts$/.test(from))) && to === 'platform/http/errors.ts')
      .map(({ from }) => `${from} imports platform/http/errors.ts`),
  );
});

describe('who owns a table', () => {
  rule('only core/ starts a query from a core table or writes one (joins from a module’s own tables are fine)', () => {
    const found = files
      .filter((file) => !isTest(file) && !file.startsWith('core/') && !file.startsWith('seed/') && !file.startsWith('app/migrations/'))
      .flatMap(coreQueries);
    return found;
  });

  test('the check sees a query: it finds the core’s own', () => {
    assert.ok(files.filter((file) => file.startsWith('core/')).flatMap(coreQueries).length > 0);
  });
});

describe('settings', () => {
  test('process.env is read only by platform/config.ts (tests may hand it to the processes they start)', () => {
    assert.deepEqual(
      files.filter((file) => file !== 'platform/config.ts' && !isTest(file) && /process\.env\b/.test(text.get(file) ?? '')),
      [],
    );
  });
});
