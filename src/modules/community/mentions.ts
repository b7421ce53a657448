// @mentions by name, as people write them: `@Priya Shah` mentions the member of the space called
// Priya Shah (in any case), when the name is not followed by more letters or digits. Names are
// the ones on the space's roster, so no handle has to be learnt; two members with the same name
// are both mentioned.

export type Mentionable = { userId: number; name: string };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The members mentioned in a post's text. */
export function mentionsIn(text: string, people: Mentionable[]): Set<number> {
  const found = new Set<number>();
  if (!text.includes('@') || !people.length) return found;
  // Candidates by the first letter after the @, longest names first.
  const byInitial = new Map<string, { userId: number; name: string }[]>();
  for (const person of people) {
    const name = person.name.trim().replace(/\s+/g, ' ').toLowerCase();
    if (name.length < 2) continue;
    const initial = name[0]!;
    if (!byInitial.has(initial)) byInitial.set(initial, []);
    byInitial.get(initial)!.push({ userId: person.userId, name });
  }
  for (const list of byInitial.values()) list.sort((a, b) => b.name.length - a.name.length);
  // Spaces in the text count as one, as in the names.
  const flat = text.toLowerCase().replace(/\s+/g, ' ');
  for (let at = flat.indexOf('@'); at >= 0; at = flat.indexOf('@', at + 1)) {
    // Not an email address: the @ starts the text or follows something other than a letter or digit.
    if (at > 0 && LETTER_OR_DIGIT.test(flat[at - 1]!)) continue;
    const candidates = byInitial.get(flat[at + 1] ?? '');
    if (!candidates) continue;
    for (const candidate of candidates) {
      if (!flat.startsWith(candidate.name, at + 1)) continue;
      const next = flat[at + 1 + candidate.name.length];
      if (next !== undefined && LETTER_OR_DIGIT.test(next)) continue;
      found.add(candidate.userId);
    }
  }
  return found;
}
