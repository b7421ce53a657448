// What a registration's answers must be, for the question pages and the JSON API alike: the
// same checks, the same plain-English messages, keyed by the form's field names.
import { z } from 'zod';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { normaliseEmail } from '../../core/identity/service.ts';
import { PARTICIPANT_ROLES } from '../eligibility/index.ts';
import { foldEmail } from './domain.ts';
import type { NewParticipant } from './repository.ts';

export const email = z
  .string()
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }));

export const personName = (what: string) => z.string().trim().min(1, `Enter ${what}`).max(200, 'Name must be 200 characters or fewer');

/** One participant's answers as typed (strings) or sent (JSON). */
export type ParticipantInput = {
  name: string;
  email: string;
  roles: string[];
  /** '2' from a form, 2 from JSON; empty when not asked. */
  teachingYear?: string | number | null;
  /** 'yes'/'no' from a form, true/false from JSON. */
  mathsItt?: string | boolean | null;
};

export type Questions = { teachingYear: boolean; mathsItt: boolean; coreMathsYear: boolean };

/** The field name a problem belongs to: participant-2-email, core-maths-year… */
export const participantField = (n: number, field: 'name' | 'email' | 'roles' | 'teaching-year' | 'maths-itt') => `participant-${n}-${field}`;

export function parseParticipants(
  inputs: ParticipantInput[],
  expected: number,
  questions: Questions,
  coreMathsYearInput: string | number | null | undefined,
): { participants: NewParticipant[]; coreMathsYear: number | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const participants: NewParticipant[] = [];
  const seen = new Map<string, number>();
  if (inputs.length !== expected) {
    errors.participants = expected === 1 ? 'Name one participant' : `Name ${expected} participants: the group takes ${expected} from each school`;
  }
  inputs.slice(0, Math.max(expected, 0)).forEach((input, i) => {
    const n = i + 1;
    const key = (field: Parameters<typeof participantField>[1]) => participantField(n, field);
    const who = expected === 1 ? 'the participant’s' : `participant ${n}’s`;
    const parsedName = personName(`${who} full name`).safeParse(input.name ?? '');
    if (!parsedName.success) errors[key('name')] = parsedName.error.issues[0]!.message;
    const parsedEmail = email.safeParse(input.email ?? '');
    let address = '';
    if (!parsedEmail.success) errors[key('email')] = parsedEmail.error.issues[0]!.message.replace('Enter an email address', `Enter ${who} email address`);
    else {
      address = normaliseEmail(parsedEmail.data);
      const first = seen.get(address);
      if (first) errors[key('email')] = `Each participant needs their own email address: this is participant ${first}’s`;
      seen.set(address, n);
    }
    const roles = [...new Set((input.roles ?? []).filter((r) => Object.hasOwn(PARTICIPANT_ROLES, r)))];
    if (!roles.length || roles.length !== (input.roles ?? []).length) {
      errors[key('roles')] = roles.length ? `Choose ${who} roles from the list` : `Select ${who} role`;
    }
    let teachingYear: number | null = null;
    if (questions.teachingYear) {
      const text = String(input.teachingYear ?? '').trim();
      if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 50) errors[key('teaching-year')] = 'Enter which year of teaching they are in, as a number, like 2';
      else teachingYear = Number(text);
    }
    let mathsItt: boolean | null = null;
    if (questions.mathsItt) {
      const answer = input.mathsItt;
      if (answer === true || answer === 'yes') mathsItt = true;
      else if (answer === false || answer === 'no') mathsItt = false;
      else errors[key('maths-itt')] = 'Select whether they did initial teacher training in maths';
    }
    participants.push({ name: parsedName.data ?? '', email: address, roles, teachingYear, mathsItt });
  });
  let coreMathsYear: number | null = null;
  if (questions.coreMathsYear) {
    const text = String(coreMathsYearInput ?? '').trim();
    if (!/^\d{1,2}$/.test(text) || Number(text) < 1) errors['core-maths-year'] = 'Enter which year of teaching Core Maths your school or college is in, like 2';
    else coreMathsYear = Number(text);
  }
  return { participants, coreMathsYear, errors };
}

export function parseHeadteacher(input: { name?: unknown; email?: unknown }): { ok: true; value: { name: string; email: string } } | { ok: false; errors: FieldErrors } {
  const parsed = z
    .object({ name: personName('your headteacher’s full name'), email })
    .safeParse({ name: typeof input.name === 'string' ? input.name : '', email: typeof input.email === 'string' ? input.email : '' });
  if (parsed.success) return { ok: true, value: { name: parsed.data.name, email: normaliseEmail(parsed.data.email) } };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= field === 'email' ? issue.message.replace('Enter an email address', 'Enter your headteacher’s email address') : issue.message;
  }
  return { ok: false, errors };
}

/** The person registering the school (asked on the pages): their name and email. */
export function parseRegistrant(input: { name?: unknown; email?: unknown }): { ok: true; value: { name: string; email: string } } | { ok: false; errors: FieldErrors } {
  const parsed = z
    .object({ name: personName('your full name'), email })
    .safeParse({ name: typeof input.name === 'string' ? input.name : '', email: typeof input.email === 'string' ? input.email : '' });
  if (parsed.success) return { ok: true, value: { name: parsed.data.name, email: normaliseEmail(parsed.data.email) } };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= field === 'email' ? issue.message.replace('Enter an email address', 'Enter your email address') : issue.message;
  }
  return { ok: false, errors };
}

/**
 * Why the headteacher's address cannot be used, if it is one of the participants' (after folding
 * case and +tags): a participant cannot approve their own release.
 */
export function headteacherConflict(headteacherEmail: string, participants: { name: string; email: string }[]): string | undefined {
  const folded = foldEmail(headteacherEmail);
  const index = participants.findIndex((p) => foldEmail(p.email) === folded);
  if (index < 0) return undefined;
  const whose = participants.length === 1 ? `the participant’s (${participants[index]!.name})` : `participant ${index + 1}’s (${participants[index]!.name})`;
  return `Enter your headteacher’s own email address: this is ${whose}. The headteacher approves releasing the participants, so it cannot be one of them`;
}
