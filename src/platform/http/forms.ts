// Form helpers shared by every feature: zod errors → the GOV.UK error summary and field messages.
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** First message per field, in the form's order, for the GOV.UK error summary and the fields. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}

export function errorList(errors: FieldErrors): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
}
