// Markdown written by hub staff becomes HTML here, and only here, through an allow-list
// sanitiser: no script, no event handler, no style, no iframe ever reaches a page. Text too
// deeply nested to parse safely is shown as plain paragraphs (parseWithinLimits).
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { MAX_MARKDOWN_NESTING, markdownNesting } from '../lib/markdown-nesting.ts';
import { paragraphs } from '../lib/text.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The text as it was typed, in GOV.UK paragraphs: no markdown read. */
export function plainTextHtml(text: string): string {
  return paragraphs(text)
    .map((lines) => `<p class="govuk-body">${lines.map(escapeHtml).join('<br>')}</p>\n`)
    .join('');
}

/**
 * marked's HTML for the text, or undefined if the text nests lists or quotes deeper than
 * MAX_MARKDOWN_NESTING (counted before parsing) or still overflows the parser's stack (deep
 * emphasis, say): the caller shows it as plain text. Never throws for what a person typed.
 */
export function parseWithinLimits(parser: Marked, source: string): string | undefined {
  if (markdownNesting(source) > MAX_MARKDOWN_NESTING) return undefined;
  try {
    return parser.parse(source) as string;
  } catch (error) {
    if (error instanceof RangeError || /Maximum call stack/.test(String((error as Error)?.message))) return undefined;
    throw error;
  }
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'hr'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  // GOV.UK classes on everything a person wrote, so it looks like the rest of the page.
  transformTags: {
    p: sanitizeHtml.simpleTransform('p', { class: 'govuk-body' }),
    ul: sanitizeHtml.simpleTransform('ul', { class: 'govuk-list govuk-list--bullet' }),
    ol: sanitizeHtml.simpleTransform('ol', { class: 'govuk-list govuk-list--number' }),
    a: sanitizeHtml.simpleTransform('a', { class: 'govuk-link' }),
    h2: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-s' }),
    h3: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-s' }),
    h4: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
    blockquote: sanitizeHtml.simpleTransform('blockquote', { class: 'govuk-inset-text' }),
    hr: sanitizeHtml.simpleTransform('hr', { class: 'govuk-section-break govuk-section-break--m govuk-section-break--visible' }),
  },
  allowedClasses: {
    '*': ['govuk-*'],
  },
};

const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;

export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const parsed = parseWithinLimits(marked, source);
  const html = parsed === undefined ? plainTextHtml(source) : sanitizeHtml(parsed, allowed);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, html);
  return html;
}
