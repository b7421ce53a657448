// How deeply a markdown text nests lists and quotes, worked out without parsing it: marked
// parses nested containers recursively, so a few thousand "> " or "- " markers overflow its stack,
// and deep indentation costs time out of all proportion. Text nested deeper than anyone writes is
// shown as plain text instead of being parsed (platform/views/markdown.ts).

/** Deeper than any real list or quote: a text nested past this is not parsed as markdown. */
export const MAX_MARKDOWN_NESTING = 40;

const MARKER = /^(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;

/**
 * The deepest nesting of any line: each quote or list marker at its start counts one, and every
 * two columns of indentation before a marker or the text (where a nested list would sit) one more.
 */
export function markdownNesting(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split('\n')) {
    let depth = 0;
    let at = 0;
    for (;;) {
      let columns = 0;
      while (at < line.length && (line[at] === ' ' || line[at] === '\t')) columns += line[at++] === '\t' ? 4 : 1;
      depth += Math.floor(columns / 2);
      const marker = MARKER.exec(line.slice(at, at + 12));
      if (!marker) break;
      depth++;
      at += marker[0].length;
    }
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}
