// Plain text as people type it into a form, for pages that show it back without HTML.

/** Paragraphs (split at blank lines), each as its lines, line endings normalised, empty ones dropped. */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trimEnd()))
    .filter((p) => p.some((line) => line.trim()));
}
