// The forms of lesson observations: a lesson offered (or changed), its post-lesson discussion
// notes, and a cancellation's reason. Fields as typed, checked with GOV.UK messages, turned into
// values. Nothing typed is lost: on a problem the raw values go back to the form.
import { londonInstant, londonIsoDate, londonWallClock, longDateWithDay } from '../../platform/lib/london-time.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { parseDateInput, parseTime, type Raw } from '../../platform/http/forms.ts';
import type { Focus } from './tables.ts';
import { paragraphs } from '../../platform/lib/text.ts';

/** The Five Big Ideas of Teaching for Mastery, in the NCETM's order, and "other". */
export const FOCUS_LABELS: Record<Focus, string> = {
  coherence: 'Coherence',
  representation_structure: 'Representation and Structure',
  mathematical_thinking: 'Mathematical Thinking',
  fluency: 'Fluency',
  variation: 'Variation',
  other: 'Other',
};

export const MAX_OBSERVERS = 20;
export const MAX_NOTES = 5000;
export const MAX_CLASS = 100;
export const MAX_FOCUS_OTHER = 200;
export const MAX_ARRIVAL = 500;
export const MAX_REASON = 500;

/** What a lesson is about, as people read it. */
export const focusText = (lesson: { focus: Focus; focus_other: string | null }): string =>
  lesson.focus === 'other' ? (lesson.focus_other ?? 'Other') : FOCUS_LABELS[lesson.focus];

export type OfferValues = {
  schoolUrn: number;
  startsAt: Date;
  endsAt: Date;
  className: string;
  focus: Focus;
  focusOther: string | null;
  arrival: string;
  observerLimit: number;
};

export type OfferContext = {
  now: Date;
  /** The last day of the group's academic year, 'YYYY-MM-DD': its space is read-only after it. */
  lastDay: string;
  /** The schools the person may offer a lesson at. */
  schools: { urn: number; name: string }[];
  /** Changing a lesson: how many have signed up to observe it (the limit cannot go below). */
  signedUp?: number;
};

const count = (n: number) => n.toLocaleString('en-GB');

function checkLength(errors: FieldErrors, field: string, value: string, max: number, empty: string, label: string) {
  if (!value) errors[field] = empty;
  else if (value.length > max) errors[field] = `${label} must be ${count(max)} characters or fewer`;
}

/** The limit of a lesson cannot go below the places already taken. */
export const signedUpMessage = (n: number) =>
  `${count(n)} ${n === 1 ? 'person has' : 'people have'} already signed up to observe this lesson, so the number who can observe must be ${count(n)} or more`;

export function parseOffer(raw: Raw, context: OfferContext): { ok: true; values: OfferValues } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};

  // The school first, as the form asks it first when there is a choice.
  let schoolUrn: number | undefined;
  if (context.schools.length === 1) schoolUrn = context.schools[0]!.urn;
  else if (context.schools.length > 1) {
    const chosen = context.schools.find((s) => String(s.urn) === raw.school);
    if (chosen) schoolUrn = chosen.urn;
    else errors.school = 'Select the school where the lesson is';
  } else errors.school = 'No school with a confirmed place in this Work Group can host a lesson yet';

  // When: a date and two times, in London; in the future, within the group's year.
  const date = parseDateInput(raw, 'date', 'Date', false, 'Enter the date of the lesson');
  const start = parseTime(raw.starts ?? '');
  const end = parseTime(raw.ends ?? '');
  if ('error' in date) errors['date-day'] = date.error;
  if (!raw.starts) errors.starts = 'Enter the time the lesson starts';
  else if (!start) errors.starts = 'Start time must be a time, like 9:15 or 13:00';
  if (!raw.ends) errors.ends = 'Enter the time the lesson ends';
  else if (!end) errors.ends = 'End time must be a time, like 10:15 or 14:00';
  let startsAt: Date | undefined;
  let endsAt: Date | undefined;
  if ('value' in date && date.value) {
    const today = londonIsoDate(context.now);
    if (date.value < today) errors['date-day'] = 'The date of the lesson must be today or in the future';
    else if (date.value > context.lastDay) {
      errors['date-day'] = `The date must be on or before ${longDateWithDay(context.lastDay)}, when the Work Group’s year ends`;
    } else if (start && end) {
      startsAt = londonInstant(date.value, start);
      endsAt = londonInstant(date.value, end);
      if (startsAt <= context.now) errors.starts = 'The lesson must start later than now';
      else if (endsAt <= startsAt) errors.ends = 'End time must be after the start time';
    }
  }

  const className = raw.class_name ?? '';
  checkLength(errors, 'class_name', className, MAX_CLASS, 'Enter the class, like Year 8, set 2', 'The class');

  const focus = raw.focus as Focus;
  let focusOther: string | null = null;
  if (!Object.hasOwn(FOCUS_LABELS, raw.focus ?? '')) errors.focus = 'Select the focus of the lesson';
  else if (focus === 'other') {
    focusOther = raw.focus_other ?? '';
    checkLength(errors, 'focus_other', focusOther, MAX_FOCUS_OTHER, 'Enter the focus of the lesson, or select one of the Five Big Ideas', 'The focus');
  }

  const arrival = raw.arrival ?? '';
  checkLength(errors, 'arrival', arrival, MAX_ARRIVAL, 'Enter where observers report when they arrive, like the main reception', 'Where to report');

  const limitText = raw.observer_limit ?? '';
  if (!limitText) errors.observer_limit = `Enter how many people may observe, from 1 to ${MAX_OBSERVERS}`;
  else if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_OBSERVERS) {
    errors.observer_limit = `The number of observers must be a whole number from 1 to ${MAX_OBSERVERS}`;
  } else if (context.signedUp && Number(limitText) < context.signedUp) {
    errors.observer_limit = signedUpMessage(context.signedUp);
  }

  if (Object.keys(errors).length || schoolUrn === undefined || !startsAt || !endsAt) return { ok: false, errors };
  return {
    ok: true,
    values: { schoolUrn, startsAt, endsAt, className, focus, focusOther, arrival, observerLimit: Number(limitText) },
  };
}

/** A saved lesson as the offer form shows it, to change it: London date and 24-hour times. */
export function offerFormValues(lesson: {
  school_urn: number;
  starts_at: Date;
  ends_at: Date;
  class_name: string;
  focus: Focus;
  focus_other: string | null;
  arrival: string;
  observer_limit: number;
}): Raw {
  const [year, month, day] = londonIsoDate(lesson.starts_at).split('-');
  const time = (instant: Date) => londonWallClock(instant).toISOString().slice(11, 16);
  return {
    school: String(lesson.school_urn),
    'date-day': String(Number(day)),
    'date-month': String(Number(month)),
    'date-year': year ?? '',
    starts: time(lesson.starts_at),
    ends: time(lesson.ends_at),
    class_name: lesson.class_name,
    focus: lesson.focus,
    focus_other: lesson.focus_other ?? '',
    arrival: lesson.arrival,
    observer_limit: String(lesson.observer_limit),
  };
}

export function parseNotes(text: string): { ok: true; notes: string } | { ok: false; error: string } {
  const notes = text.trim();
  if (!notes) return { ok: false, error: 'Enter the notes of the post-lesson discussion' };
  if (notes.length > MAX_NOTES) {
    return { ok: false, error: `The notes must be ${count(MAX_NOTES)} characters or fewer: you have ${count(notes.length)}. Shorten them and save again` };
  }
  return { ok: true, notes };
}

export function parseReason(text: string): { ok: true; reason: string | null } | { ok: false; error: string } {
  const reason = text.trim();
  if (reason.length > MAX_REASON) return { ok: false, error: `The reason must be ${count(MAX_REASON)} characters or fewer` };
  return { ok: true, reason: reason || null };
}
/** The notes as paragraphs of lines (src/lib/text.ts). */
export { paragraphs as paragraphsOf };
