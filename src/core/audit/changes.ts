// What a change changed, as the audit log keeps it: each field that differs, with its old and
// new value ({ from, to }), so the log can say "from X to Y".

export type FieldChange = { from: unknown; to: unknown };

/** A value as the comparison sees it: a date by its instant, a number or numeric text alike, empty text as nothing. */
function comparable(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(String(value));
  // PostgreSQL's numeric comes back as text ('3.0'): the same number as the form's 3.
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return JSON.stringify(String(Number(value)));
  return JSON.stringify(value);
}

/** The fields of `after` whose value differs from `before`'s, each with both values. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const [key, value] of Object.entries(after)) {
    if (comparable(before[key]) !== comparable(value)) out[key] = { from: before[key] ?? null, to: value ?? null };
  }
  return out;
}
