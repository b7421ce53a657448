// The gap-task forms' checks: the lead's task (title, instructions, due date, the workshop it
// follows), a school's submission and the lead's feedback. Plain-English messages for the field
// they belong to; the text is kept as typed (line breaks and all) so nothing is lost.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { parseDateInput } from '../../platform/http/forms.ts';
import { longDate } from '../../platform/lib/london-time.ts';

export const MAX_TITLE = 150;
export const MAX_INSTRUCTIONS = 10_000;
export const MAX_SUBMISSION = 20_000;
export const MAX_FEEDBACK = 10_000;
/** Files a school may attach to a submission, and a lead to a task. */
export const MAX_SUBMISSION_FILES = 5;
export const MAX_RESOURCES = 10;

/** Text from a textarea: Windows line endings made plain, the ends trimmed. */
export function cleanText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

const count = (n: number) => n.toLocaleString('en-GB');

/** A required block of text: the message for its field, or undefined if it is fine. */
export function textProblem(text: string, max: number, empty: string, label: string): string | undefined {
  if (!text) return empty;
  if (text.length > max) return `${label} must be ${count(max)} characters or fewer (it has ${count(text.length)})`;
  return undefined;
}

export type TaskForm = {
  title: string;
  instructions: string;
  'due-day': string;
  'due-month': string;
  'due-year': string;
  after: string;
};

export type TaskInput = { title: string; instructions: string; due_on: string; after_workshop_id: number | null };

/**
 * The task form, checked: the title and instructions, a real due date that is not in the past
 * (unless it is the date the task already had) nor after the group's year ends, and a workshop of
 * this group or none.
 */
export function checkTaskForm(
  form: TaskForm,
  context: { today: string; yearEnds: string; sessionIds: number[]; currentDueOn?: string },
): { ok: true; value: TaskInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = 'Enter a title for the task';
  else if (title.length > MAX_TITLE) errors.title = `The title must be ${MAX_TITLE} characters or fewer`;
  const instructions = cleanText(form.instructions);
  const instructionsProblem = textProblem(instructions, MAX_INSTRUCTIONS, 'Enter the instructions for schools', 'The instructions');
  if (instructionsProblem) errors.instructions = instructionsProblem;
  const due = parseDateInput(
    { 'due-day': form['due-day'].trim(), 'due-month': form['due-month'].trim(), 'due-year': form['due-year'].trim() },
    'due',
    'Due date',
    false,
    'Enter the date the task is due',
  );
  let dueOn = '';
  if ('error' in due) errors['due-day'] = due.error;
  else {
    dueOn = due.value!;
    if (dueOn < context.today && dueOn !== context.currentDueOn) errors['due-day'] = 'The due date must be today or in the future';
    else if (dueOn > context.yearEnds) errors['due-day'] = `The due date must be on or before ${longDate(context.yearEnds)}, when the Work Group’s year ends`;
  }
  let after: number | null = null;
  if (form.after) {
    after = /^\d{1,9}$/.test(form.after) ? Number(form.after) : -1;
    if (!context.sessionIds.includes(after)) errors.after = 'Select a workshop from the list, or “Not after a particular workshop”';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { title, instructions, due_on: dueOn, after_workshop_id: after } };
}

/** Ids from a form's list of checkboxes or hidden fields (anything else is dropped). */
export function ids(values: string[]): number[] {
  return [...new Set(values.filter((v) => /^\d{1,9}$/.test(v)).map(Number))];
}
