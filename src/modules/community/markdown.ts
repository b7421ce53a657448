// A post's markdown → the HTML kept with it. Members write markdown, never HTML: any HTML they
// type is shown as the text they typed (marked's html tokens are escaped), and everything marked
// makes then goes through sanitize-html with a short allow-list: no script, no event handler, no
// style, no image, no iframe, and links only to https, http and mailto addresses (so no
// javascript: or data: link, however it is spelt or encoded). Made once, when the post is saved;
// a post made under older settings (an older HTML_VERSION) is made again when it is read.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { parseWithinLimits, plainTextHtml } from '../../platform/views/markdown.ts';

/** Bump when the settings below change: stored HTML of an older version is not trusted. */
export const HTML_VERSION = 1;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML (a block or an inline tag) is text, shown as typed.
    html: (token) => ('block' in token && token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text)),
    // A link to anywhere but a web or email address is its text alone.
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      return SAFE_HREF.test(token.href) ? `<a href="${escapeHtml(token.href)}">${text}</a>` : text;
    },
    // An image is a link to it: nothing is fetched from another site when a page is read.
    image: ({ href, text }) => (SAFE_HREF.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>` : escapeHtml(text)),
  },
});

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    p: sanitizeHtml.simpleTransform('p', { class: 'govuk-body' }),
    ul: sanitizeHtml.simpleTransform('ul', { class: 'govuk-list govuk-list--bullet' }),
    ol: sanitizeHtml.simpleTransform('ol', { class: 'govuk-list govuk-list--number' }),
    a: sanitizeHtml.simpleTransform('a', { class: 'govuk-link', rel: 'nofollow noopener noreferrer' }),
    // A post's headings sit under the page's: never above h3.
    h1: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-s' }),
    h2: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-s' }),
    h3: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-s' }),
    h4: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
    h5: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
    h6: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
    blockquote: sanitizeHtml.simpleTransform('blockquote', { class: 'govuk-inset-text' }),
    table: sanitizeHtml.simpleTransform('table', { class: 'govuk-table' }),
    tr: sanitizeHtml.simpleTransform('tr', { class: 'govuk-table__row' }),
    th: sanitizeHtml.simpleTransform('th', { class: 'govuk-table__header' }),
    td: sanitizeHtml.simpleTransform('td', { class: 'govuk-table__cell' }),
    hr: sanitizeHtml.simpleTransform('hr', { class: 'govuk-section-break govuk-section-break--m govuk-section-break--visible' }),
  },
  allowedClasses: { '*': ['govuk-*'] },
};

/** The post's HTML: safe to put on a page as it is (as plain text if nested too deep to parse). */
export function renderPost(markdown: string): string {
  const parsed = parseWithinLimits(marked, markdown);
  return parsed === undefined ? plainTextHtml(markdown) : sanitizeHtml(parsed, allowed);
}

/** The post as plain text, for emails: what was typed, markdown and all. */
export function excerpt(markdown: string, length = 300): string {
  const flat = markdown.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
