// Builds public/: GOV.UK Frontend's Sass with our settings, its JavaScript, our icon.
// Runs on `npm install` (prepare) and before start and test when public/ is missing or stale.
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public');
const govuk = path.join(root, 'node_modules/govuk-frontend/dist');
// GOV.UK's accessible autocomplete: the school search enhances itself with it where JavaScript runs.
const autocomplete = path.join(root, 'node_modules/accessible-autocomplete/dist');

async function mtime(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

export async function buildAssets(force = false): Promise<boolean> {
  const target = path.join(out, 'app.css');
  const sources = [
    path.join(root, 'assets/app.scss'),
    path.join(root, 'assets/init.js'),
    path.join(root, 'assets/school-search.js'),
    path.join(govuk, 'govuk/govuk-frontend.min.js'),
    path.join(autocomplete, 'accessible-autocomplete.min.js'),
  ];
  const newest = Math.max(...(await Promise.all(sources.map(mtime))));
  if (!force && (await mtime(target)) > newest && (await mtime(path.join(out, 'init.js'))) > 0) return false;
  await mkdir(out, { recursive: true });
  // Loaded only when there is something to build: the compiler is large and slow to load.
  const sass = await import('sass');
  const css = sass.compile(path.join(root, 'assets/app.scss'), {
    loadPaths: [govuk],
    style: 'compressed',
    quietDeps: true,
  });
  await writeFile(target, css.css);
  await copyFile(path.join(govuk, 'govuk/govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
  await copyFile(path.join(root, 'assets/init.js'), path.join(out, 'init.js'));
  await copyFile(path.join(root, 'assets/school-search.js'), path.join(out, 'school-search.js'));
  await copyFile(path.join(autocomplete, 'accessible-autocomplete.min.js'), path.join(out, 'accessible-autocomplete.min.js'));
  await copyFile(path.join(autocomplete, 'accessible-autocomplete.min.css'), path.join(out, 'accessible-autocomplete.min.css'));
  await copyFile(path.join(root, 'assets/favicon.svg'), path.join(out, 'favicon.svg'));
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const built = await buildAssets(process.argv.includes('--force'));
  console.log(built ? 'Built public/ (styles and scripts).' : 'public/ is up to date.');
}
