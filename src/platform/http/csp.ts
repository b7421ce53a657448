// The one inline script a page carries is govuk-frontend's own, in its page template: it
// marks the body `js-enabled govuk-frontend-supported`. The Content Security Policy allows
// it by its SHA-256 hash, read from the installed govuk-frontend, rather than by a nonce:
// a page then has no per-request secret in it, and the same visitor-facing HTML can be
// served twice (see page-memo.ts). Every other script is a file under /public ('self').
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function inlineScriptHashes(templateFile: string): string[] {
  const template = readFileSync(templateFile, 'utf8');
  const scripts = [...template.matchAll(/>([^<>{}]+)<\/script>/g)].map((match) => match[1] ?? '');
  if (scripts.length === 0) throw new Error(`No inline script found in ${templateFile}; check the Content Security Policy.`);
  return scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
}

export function govukInlineScriptHashes(projectRoot: string): string[] {
  return inlineScriptHashes(path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk/template.njk'));
}
