// The Work Group and session forms: fields as typed, checked with GOV.UK messages,
// and turned into values for the database. Nothing typed is lost: the raw values go back
// to the form whenever there is a problem.
import { z } from 'zod';
import type { Mode, OutcomeArea } from '../../core/schema.ts';
import { londonInstant } from '../../platform/lib/london-time.ts';
import { type FieldErrors, parseDateInput, parseTime, type Raw } from '../../platform/http/forms.ts';
import { MODES, OUTCOME_AREAS } from '../../core/work-groups/domain.ts';
import { MARKDOWN_FIELDS, type SessionValues, type WorkGroupValues } from '../../core/work-groups/values.ts';

export type { SessionValues, WorkGroupValues };

export type Errors = FieldErrors;

const text = (label: string, max: number) =>
  z.string().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
const required = (label: string, max: number, what = `Enter ${label.toLowerCase()}`) => text(label, max).min(1, what);
/** A whole number; `what` says what to enter when it is empty ("Enter how many schools can take part"). */
const whole = (label: string, min: number, max: number, what: string) =>
  z
    .string()
    .min(1, what)
    .regex(/^\d+$/, `${label} must be a whole number, like 12`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} must be between ${min} and ${max}`);

const detailsSchema = z.object({
  title: required('Title', 200, 'Enter the Work Group’s title').min(3, 'Title must be 3 characters or more'),
  theme: text('Theme', 200),
  summary: required('Summary', 400, 'Enter a summary for the list of Work Groups'),
  project_id: z.string().regex(/^\d+$/, 'Select the project this Work Group belongs to').transform(Number),
  mode: z.enum(Object.keys(MODES) as [Mode, ...Mode[]], { error: 'Select how the Work Group meets' }),
  places_total: whole('Places', 1, 500, 'Enter how many schools can take part'),
  participants_per_school: whole('Participants per school', 1, 20, 'Enter how many participants each school can send'),
  joining_details_days: whole('Days before the first workshop', 0, 60, 'Enter how many days before the first workshop the joining details are sent'),
  joining_details_text: text('Joining details', 5000),
  cost: required('Cost', 200, 'Enter the cost, for example Free'),
  ...Object.fromEntries(MARKDOWN_FIELDS.map((f) => [f, text('This section', 20_000)])),
});

export const CODE_PATTERN = /^WRK[0-9A-Z-]{3,20}$/;

function firstErrors(error: z.ZodError, into: Errors) {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    into[field] ??= issue.message;
  }
}

export function parseWorkGroupForm(raw: Raw): { ok: true; values: WorkGroupValues } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  // A field left out of the post counts as left empty.
  const blank = Object.fromEntries(Object.keys(detailsSchema.shape).map((key) => [key, '']));
  const parsed = detailsSchema.safeParse({ ...blank, ...raw });
  if (!parsed.success) firstErrors(parsed.error, errors);

  const opens = parseDateInput(raw, 'opens', 'Registration opens', true);
  const closes = parseDateInput(raw, 'closes', 'Registration closes', true);
  if ('error' in opens) errors['opens-day'] = opens.error;
  if ('error' in closes) errors['closes-day'] = closes.error;
  if ('value' in opens && 'value' in closes && opens.value && closes.value && closes.value < opens.value) {
    errors['closes-day'] = 'Registration closes must be the same as or after the date it opens';
  }

  const outcomes: WorkGroupValues['outcomes'] = [];
  for (const area of Object.keys(OUTCOME_AREAS) as OutcomeArea[]) {
    const leadIn = raw[`outcome_${area}_lead_in`] ?? '';
    const items = (raw[`outcome_${area}_items`] ?? '')
      .split('\n')
      .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
      .filter(Boolean);
    if (leadIn.length > 300) errors[`outcome_${area}_lead_in`] = 'The introduction must be 300 characters or fewer';
    if (items.length > 30) errors[`outcome_${area}_items`] = 'List 30 outcomes or fewer';
    if (items.some((i) => i.length > 500)) errors[`outcome_${area}_items`] = 'Each outcome must be 500 characters or fewer';
    if (leadIn || items.length) outcomes.push({ area, lead_in: leadIn, items });
  }

  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  const data = parsed.data as z.infer<typeof detailsSchema> & Record<(typeof MARKDOWN_FIELDS)[number], string>;
  return {
    ok: true,
    values: {
      ...data,
      theme: data.theme || null,
      registration_opens_on: 'value' in opens ? opens.value : null,
      registration_closes_on: 'value' in closes ? closes.value : null,
      outcomes,
    },
  };
}

export function parseSessionForm(raw: Raw): { ok: true; values: SessionValues } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const number = raw.workshop_number ?? '';
  if (!number) errors.workshop_number = 'Enter the workshop number, like 1';
  else if (!/^\d{1,2}$/.test(number) || Number(number) < 1) errors.workshop_number = 'Workshop number must be a whole number, like 1';
  const title = raw.title ?? '';
  if (title.length > 200) errors.title = 'Title must be 200 characters or fewer';
  const mode = raw.mode as Mode;
  if (!(mode in MODES)) errors.mode = 'Select how this workshop meets';
  const tbc = raw.date_to_be_confirmed === 'yes';

  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (!tbc) {
    const date = parseDateInput(raw, 'date', 'Date', false, 'Enter the date of the workshop');
    const start = parseTime(raw.starts ?? '');
    const end = parseTime(raw.ends ?? '');
    if ('error' in date) errors['date-day'] = date.error;
    if (!raw.starts) errors.starts = 'Enter a start time';
    else if (!start) errors.starts = 'Start time must be a time, like 13:00';
    if (!raw.ends) errors.ends = 'Enter an end time';
    else if (!end) errors.ends = 'End time must be a time, like 15:30';
    if ('value' in date && date.value && start && end) {
      startsAt = londonInstant(date.value, start);
      endsAt = londonInstant(date.value, end);
      if (endsAt <= startsAt) errors.ends = 'End time must be after the start time';
    }
  }
  const venueName = raw.venue_name ?? '';
  const venueAddress = raw.venue_address ?? '';
  if (venueName.length > 200) errors.venue_name = 'Venue must be 200 characters or fewer';
  if (venueAddress.length > 500) errors.venue_address = 'Address must be 500 characters or fewer';
  if ((mode === 'face_to_face' || mode === 'blended') && !tbc && !venueName) errors.venue_name = 'Enter the venue of a face-to-face workshop';
  const joiningLink = raw.joining_link ?? '';
  if (joiningLink && !isHttpsLink(joiningLink)) errors.joining_link = 'Joining link must be a full web address starting https://, like https://meet.example.org/abc';
  else if (joiningLink.length > 500) errors.joining_link = 'Joining link must be 500 characters or fewer';

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    values: {
      workshop_number: Number(number),
      title: title || null,
      date_to_be_confirmed: tbc,
      starts_at: startsAt,
      ends_at: endsAt,
      mode,
      venue_name: venueName || null,
      venue_address: venueAddress || null,
      joining_link: joiningLink || null,
    },
  };
}

function isHttpsLink(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}
