// Reading a form (one reader for every page and the API's bodies), GOV.UK date inputs and times,
// and zod errors → the GOV.UK error summary and field messages.
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

/** A form as sent: a field sent once is a string, a field sent more than once a list. */
export type RawForm = Record<string, string | string[]>;
/** A form's single values only (a field sent more than once is left out). */
export type Raw = Record<string, string>;

const clean = (value: string) => value.replace(/\r\n/g, '\n').trim();

/** Every form value, trimmed, with a textarea's line ends as \n; anything but strings and lists of strings is dropped. */
export function readForm(body: unknown): RawForm {
  const out: RawForm = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (typeof value === 'string') out[key] = clean(value);
      else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string').map(clean);
    }
  }
  return out;
}

/** Every single form value (a field sent more than once, or anything not a string, becomes absent, read as ''). */
export function rawForm(body: unknown): Raw {
  return Object.fromEntries(Object.entries(readForm(body)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** One value of a field (the first, if it was sent more than once). */
export const one = (raw: RawForm, name: string): string => {
  const value = raw[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/** Every value of a checkbox field. */
export const many = (raw: RawForm, name: string): string[] => {
  const value = raw[name];
  return (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean);
};

/**
 * A GOV.UK date input (name-day, name-month, name-year) → 'YYYY-MM-DD', or a message. `what`:
 * what to enter when it is empty ("Enter the date of the workshop").
 */
export function parseDateInput(raw: Raw, name: string, label: string, optional: boolean, what = `Enter the ${label.toLowerCase()}`): { value: string | null } | { error: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((part) => raw[`${name}-${part}`] ?? '');
  if (!d && !m && !y) return optional ? { value: null } : { error: what };
  const missing = [['day', d], ['month', m], ['year', y]].filter(([, v]) => !v).map(([p]) => p);
  if (missing.length) return { error: `${label} must include a ${missing.join(' and a ')}` };
  if (![d, m, y].every((v) => /^\d+$/.test(v ?? ''))) return { error: `${label} must be a real date` };
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (year < 2000 || year > 2100) return { error: `${label} must be a year between 2000 and 2100, like 2027` };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return { error: `${label} must be a real date` };
  }
  return { value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const TIME = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/;

/** "13:00", "1300", "13.00" → "13:00"; anything else undefined. */
export function parseTime(value: string): string | undefined {
  const match = TIME.exec(value.replace(/\s+/g, ''));
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined;
}
