// Gap tasks: what a Work Group's lead sets between workshops and what each school sends back.
// The rules: only the group's leads set, edit, delete (while no school has submitted), review and share; each school has one submission
// per task, which any of its participants may update (a save based on an older version is
// refused, so colleagues cannot overwrite each other; the same save sent twice is kept once);
// a participant sees their own school's submission and feedback and the submissions shared with
// the group; an archived group is read-only; files go only to those who may see what they belong to.
import { createHash } from 'node:crypto';
import { addDays, londonIsoDate } from '../../platform/lib/london-time.ts';
import { enqueueMail, enqueueMails } from '../../platform/jobs/queue.ts';
import { Forbidden, NotFound, Refused } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { type CheckedFile, checkUpload, cleanFileName, readFile, type Upload } from '../files/index.ts';
import { type Access, type MembershipService, yearEnds } from '../../core/membership/service.ts';
import type { Db } from './tables.ts';
import { paragraphs } from '../../platform/lib/text.ts';
import * as emails from './emails.ts';
import type { SubmissionRow, TaskRepository, TaskRow, TaskWriter } from './repository.ts';
import {
  checkTaskForm,
  cleanText,
  MAX_FEEDBACK,
  MAX_RESOURCES,
  MAX_SUBMISSION,
  MAX_SUBMISSION_FILES,
  type TaskForm,
  textProblem,
} from './validation.ts';

/** Files chosen on a form sent back with a problem are kept this long for the next try. */
export const HOLD_MS = 24 * 60 * 60 * 1000;
/** A task stays on a participant's home page until this many days after it was due. */
export const SHOW_OVERDUE_DAYS = 7;

/** Any change to a group whose year has ended. */
export class ReadOnlyError extends Refused {
  constructor() {
    super('This Work Group’s year has ended', [
      'Its tasks, submissions and feedback are kept for you to read, but nothing can be changed now. Nothing has been saved.',
    ]);
  }
}

export type FileSummary = { id: number; name: string; content_type: string; size: number; size_text: string };
export type SchoolRef = { urn: number; name: string };

/** A school's submission as its school sees it, or a lead. */
export type SubmissionView = Omit<SubmissionRow, 'body' | 'feedback'> & {
  body: string;
  bodyParagraphs: string[][];
  feedback: string | null;
  feedbackParagraphs: string[][];
  /** Feedback was given on an earlier version than the one saved now. */
  changedSinceFeedback: boolean;
  late: boolean;
  files: FileSummary[];
};

export type SubmissionStatus = 'not-submitted' | 'overdue' | 'submitted' | 'feedback' | 'changed-since-feedback';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** "850 bytes", "12 KB", "2.4 MB" */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
const plainFile = (f: Omit<FileSummary, 'size_text'>): FileSummary => ({ id: f.id, name: f.name, content_type: f.content_type, size: f.size, size_text: sizeText(f.size) });

/** Each upload checked: the accepted files, and one message for the field naming each refused file. */
function checkUploads(uploads: Upload[]): { accepted: CheckedFile[]; problem?: string } {
  const accepted: CheckedFile[] = [];
  const problems: string[] = [];
  for (const upload of uploads) {
    const checked = checkUpload(upload);
    if (checked.ok) accepted.push(checked.file);
    else problems.push(`${cleanFileName(upload.fileName)}: ${checked.message.replace(/^The selected file/, 'the file')}`);
  }
  return { accepted, problem: problems.length ? problems.join('. ') : undefined };
}

/** One of each email address (a person named for two schools is emailed once). */
function onePerEmail<T extends { email: string }>(people: T[]): T[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.email.toLowerCase()) && Boolean(seen.add(p.email.toLowerCase())));
}

/** Why a task with submissions cannot be deleted. */
export function submittedMessage(schools: number): string {
  const who = schools === 1 ? '1 school has' : `${schools} schools have`;
  return `${who} already submitted for this task, so it cannot be deleted: their work would be lost. Change the task instead`;
}

export function createTaskService(deps: { db: Db; repository: TaskRepository; membership: MembershipService; clock: () => Date; baseUrl: string }) {
  const repo = deps.repository;
  const today = () => londonIsoDate(deps.clock());
  /**
   * Runs a write in one transaction. A task deleted by its lead between reading it and writing
   * (a submission or feedback on its way) breaks a foreign key: the task is gone, a 404.
   */
  const write = <T>(work: Parameters<typeof repo.inTransaction<T>>[0]): Promise<T> =>
    repo.inTransaction(work).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23503') throw new NotFound('gap task');
      throw error;
    });
  const taskUrl = (code: string, taskId: number) => `/work-groups/${code}/tasks/${taskId}`;

  function writable(access: Access) {
    if (access.archived) throw new ReadOnlyError();
  }
  function leadOnly(access: Access) {
    if (access.role !== 'lead') throw new Forbidden();
  }
  async function taskOf(access: Access, taskId: number): Promise<TaskRow> {
    const task = await repo.task(access.group.id, taskId);
    if (!task) throw new NotFound('gap task');
    return task;
  }

  /** The school the person takes part for in the group: their registration's, else their account's. */
  async function schoolFor(access: Access, user: CurrentUser): Promise<SchoolRef | undefined> {
    if (access.role !== 'participant') return undefined;
    return (await deps.membership.schoolsOf(access.group.id, user))[0];
  }

  function statusOf(task: { due_on: string }, submission: Pick<SubmissionRow, 'feedback_on_version' | 'version'> | undefined): SubmissionStatus {
    if (!submission) return task.due_on < today() ? 'overdue' : 'not-submitted';
    if (submission.feedback_on_version === null) return 'submitted';
    return submission.feedback_on_version < submission.version ? 'changed-since-feedback' : 'feedback';
  }

  async function submissionView(row: SubmissionRow, task: { due_on: string }): Promise<SubmissionView> {
    const files = (await repo.submissionFiles([row.id])).map(plainFile);
    return {
      ...row,
      bodyParagraphs: paragraphs(row.body),
      feedbackParagraphs: row.feedback ? paragraphs(row.feedback) : [],
      changedSinceFeedback: row.feedback_on_version !== null && row.feedback_on_version < row.version,
      late: londonIsoDate(row.submitted_at) > task.due_on,
      files,
    };
  }

  function taskView(task: TaskRow) {
    return { ...task, instructionParagraphs: paragraphs(task.instructions), overdue: task.due_on < today() };
  }

  /** Files chosen on a form sent back: saved and held for the person's next try (with those already held). */
  async function holdForNextTry(w: TaskWriter, access: Access, user: CurrentUser, accepted: CheckedFile[], alreadyHeld: FileSummary[]): Promise<FileSummary[]> {
    const now = deps.clock();
    await w.dropStaleHeld(new Date(now.getTime() - HOLD_MS));
    const ids = await w.saveFiles(accepted, user.id);
    await w.holdFiles(ids, user.id, access.group.id, now);
    return [...alreadyHeld, ...accepted.map((f, i) => plainFile({ id: ids[i]!, name: f.name, content_type: f.contentType, size: f.bytes.length }))];
  }

  async function heldFiles(access: Access, user: CurrentUser, heldIds: number[]): Promise<FileSummary[]> {
    const since = new Date(deps.clock().getTime() - HOLD_MS);
    return (await repo.heldFiles(heldIds, user.id, access.group.id, since)).map(plainFile);
  }

  return {
    /**
     * The group's tasks. A lead sees how many schools have submitted to each and how many wait
     * for feedback; a participant sees what is due and whether their school has submitted.
     */
    async overview(access: Access, user: CurrentUser) {
      const tasks = await repo.tasks(access.group.id);
      const submissions = await repo.submissions(tasks.map((t) => t.id));
      if (access.role === 'lead') {
        const schools = await deps.membership.confirmedSchools(access.group.id);
        return {
          role: 'lead' as const,
          schools: schools.length,
          tasks: tasks.map((t) => {
            const mine = submissions.filter((s) => s.task_id === t.id);
            return {
              ...taskView(t),
              submitted: mine.length,
              awaitingFeedback: mine.filter((s) => statusOf(t, s) === 'submitted' || statusOf(t, s) === 'changed-since-feedback').length,
            };
          }),
        };
      }
      const school = await schoolFor(access, user);
      return {
        role: 'participant' as const,
        school,
        tasks: tasks.map((t) => {
          const own = school ? submissions.find((s) => s.task_id === t.id && s.school_urn === school.urn) : undefined;
          return { ...taskView(t), status: statusOf(t, own), shared: submissions.filter((s) => s.task_id === t.id && s.shared).length };
        }),
      };
    },

    /** One task: its instructions and resources; for a lead every school's submission, for a participant their school's and those shared. */
    async task(access: Access, user: CurrentUser, taskId: number) {
      const task = await taskOf(access, taskId);
      const resources = (await repo.resources(task.id)).map(plainFile);
      const submissions = await repo.submissions([task.id]);
      const shared = submissions.filter((s) => s.shared);
      if (access.role === 'lead') {
        const confirmed = await deps.membership.confirmedSchools(access.group.id);
        const schools = new Map<number, string>(confirmed.map((s) => [s.urn, s.name]));
        for (const s of submissions) if (!schools.has(s.school_urn)) schools.set(s.school_urn, s.school_name);
        const rows = [...schools]
          .map(([urn, name]) => {
            const submission = submissions.find((s) => s.school_urn === urn);
            return { urn, name, submission, status: statusOf(task, submission), late: submission ? londonIsoDate(submission.submitted_at) > task.due_on : false };
          })
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
        return { role: 'lead' as const, task: taskView(task), resources, schools: rows, shared };
      }
      const school = await schoolFor(access, user);
      const own = school ? submissions.find((s) => s.school_urn === school.urn) : undefined;
      return {
        role: 'participant' as const,
        task: taskView(task),
        resources,
        school,
        status: statusOf(task, own),
        submission: own ? await submissionView(own, task) : undefined,
        shared: shared.filter((s) => s.school_urn !== school?.urn),
      };
    },

    /** Refuses (403) anyone but the group's leads, and everyone once the group is archived. */
    mayChange(access: Access): void {
      leadOnly(access);
      writable(access);
    },

    /** The workshops a task can follow, for the form. */
    sessions: (access: Access) => repo.sessions(access.group.id),

    /** A task the lead is editing (and its resources). */
    async editable(access: Access, taskId: number) {
      leadOnly(access);
      writable(access);
      const task = await taskOf(access, taskId);
      return { task, resources: (await repo.resources(task.id)).map(plainFile) };
    },

    /**
     * Sets a task (or, with taskId, changes one): its fields checked, its resource files checked
     * and saved, and on a new task each participant emailed, all in one transaction. Files chosen
     * on a form sent back with a problem are held for the next try.
     */
    async saveTask(
      access: Access,
      user: CurrentUser,
      input: { taskId?: number; form: TaskForm; uploads: Upload[]; heldIds: number[]; removeIds: number[] },
    ): Promise<{ ok: true; taskId: number } | { ok: false; errors: FieldErrors; held: FileSummary[] }> {
      leadOnly(access);
      writable(access);
      const existing = input.taskId === undefined ? undefined : await taskOf(access, input.taskId);
      const sessions = await repo.sessions(access.group.id);
      const checked = checkTaskForm(input.form, {
        today: today(),
        yearEnds: yearEnds(access.group.academic_year),
        sessionIds: sessions.map((s) => s.id),
        currentDueOn: existing?.due_on,
      });
      const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
      const { accepted, problem } = checkUploads(input.uploads);
      if (problem) errors.resources = problem;
      const held = await heldFiles(access, user, input.heldIds);
      const current = existing ? await repo.resources(existing.id) : [];
      const removing = input.removeIds.filter((id) => current.some((f) => f.id === id));
      const total = current.length - removing.length + held.length + accepted.length;
      if (!errors.resources && total > MAX_RESOURCES) {
        errors.resources = `A task can have up to ${MAX_RESOURCES} resource files: remove ${total - MAX_RESOURCES} of them`;
      }
      const now = deps.clock();
      if (!checked.ok || Object.keys(errors).length) {
        const kept = await write((w) => holdForNextTry(w, access, user, accepted, held));
        return { ok: false, errors, held: kept };
      }
      const values = checked.value;
      const participants = existing ? [] : (await deps.membership.members(access.group.id)).participants;
      const taskId = await write(async (w) => {
        let id: number;
        if (existing) {
          id = existing.id;
          await w.updateTask(id, values, now);
          await w.removeResources(id, removing);
        } else {
          id = await w.insertTask(access.group.id, values, user.id, now);
        }
        const claimed = await w.claimHeld(held.map((f) => f.id), user.id, access.group.id, new Date(now.getTime() - HOLD_MS));
        const saved = await w.saveFiles(accepted, user.id);
        await w.linkResources(id, [...claimed, ...saved]);
        if (!existing) {
          const after = sessions.find((s) => s.id === values.after_workshop_id);
          const link = `${deps.baseUrl}${taskUrl(access.group.code, id)}`;
          const details = { group: access.group, title: values.title, dueOn: values.due_on, setBy: user.name, afterWorkshop: after?.workshop_number ?? null, link };
          await enqueueMails(w.trx, onePerEmail(participants).map((p) => emails.taskSet(p, details)));
        }
        return id;
      });
      return { ok: true, taskId };
    },

    /**
     * The confirmation page before a lead deletes a task: the task, its resources, and how many
     * schools have submitted for it (it cannot be deleted then).
     */
    async deletion(access: Access, taskId: number) {
      leadOnly(access);
      writable(access);
      const task = await taskOf(access, taskId);
      const [resources, submitted] = await Promise.all([repo.resources(task.id), repo.submittedSchools([task.id])]);
      return { task: taskView(task), resources: resources.map(plainFile), submitted: submitted.length };
    },

    /**
     * A lead deletes a task set by mistake, with its resource files: refused (nothing deleted)
     * once any school has submitted for it, as their work would go with it.
     */
    async deleteTask(access: Access, user: CurrentUser, taskId: number): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      leadOnly(access);
      writable(access);
      const task = await taskOf(access, taskId);
      const { participants } = await deps.membership.members(access.group.id);
      const result = await write(async (w) => {
        const deleted = await w.deleteTask(task.id);
        // Everyone who was emailed the task hears it is withdrawn.
        if (deleted?.deleted) {
          const details = { group: access.group, title: task.title, lead: user.name, link: `${deps.baseUrl}/work-groups/${access.group.code}/tasks` };
          await enqueueMails(w.trx, onePerEmail(participants).map((p) => emails.taskWithdrawn(p, details)));
        }
        return deleted;
      });
      if (!result) throw new NotFound('gap task');
      if (!result.deleted) return { ok: false, errors: { delete: submittedMessage(result.submitted) } };
      return { ok: true };
    },

    /** What the submission form needs: the task, the person's school and its submission so far. */
    async submissionForm(access: Access, user: CurrentUser, taskId: number) {
      if (access.role !== 'participant') throw new Forbidden();
      writable(access);
      const task = await taskOf(access, taskId);
      const school = await schoolFor(access, user);
      const row = school ? await repo.submissionOfSchool(task.id, school.urn) : undefined;
      return { task: taskView(task), school, submission: row ? await submissionView(row, task) : undefined };
    },

    /**
     * Saves the school's submission: its text, files removed, files added (new, or held from a
     * try sent back). `version` is the version the form showed (0: none yet): if a colleague has
     * saved since, nothing is saved and the form comes back with both. The same save sent again
     * (a double click) is recognised and kept once.
     */
    async submit(
      access: Access,
      user: CurrentUser,
      taskId: number,
      input: { body: string; version: number; uploads: Upload[]; heldIds: number[]; removeIds: number[] },
    ): Promise<
      | { ok: true; submissionId: number; first: boolean; repeated: boolean }
      | { ok: false; errors: FieldErrors; held: FileSummary[]; body: string; removeIds: number[]; conflict: boolean }
    > {
      if (access.role !== 'participant') throw new Forbidden();
      writable(access);
      const task = await taskOf(access, taskId);
      const school = await schoolFor(access, user);
      if (!school) throw new Forbidden();
      const body = cleanText(input.body);
      const errors: FieldErrors = {};
      const bodyProblem = textProblem(body, MAX_SUBMISSION, 'Enter your school’s response to the task', 'Your response');
      if (bodyProblem) errors.body = bodyProblem;
      const { accepted, problem } = checkUploads(input.uploads);
      if (problem) errors.files = problem;
      const held = await heldFiles(access, user, input.heldIds);
      const now = deps.clock();

      return write(async (w) => {
        const current = await w.lockSubmission(task.id, school.urn);
        const currentFiles = current ? await w.submissionFiles(current.id) : [];
        const removeIds = input.removeIds.filter((id) => currentFiles.some((f) => f.id === id));
        const total = currentFiles.length - removeIds.length + held.length + accepted.length;
        if (!errors.files && total > MAX_SUBMISSION_FILES) {
          errors.files = `Your school can attach up to ${MAX_SUBMISSION_FILES} files: remove ${total - MAX_SUBMISSION_FILES} of them`;
        }
        let conflict = (current?.version ?? 0) !== input.version;
        if (conflict && current && !Object.keys(errors).length) {
          // The same save again (a double click, a resent form): it is there already.
          const sameFiles = accepted.every((f) => currentFiles.some((c) => c.sha256 === sha256(f.bytes)));
          if (current.updated_by === user.id && current.body === body && !held.length && !removeIds.length && sameFiles) {
            return { ok: true as const, submissionId: current.id, first: false, repeated: true };
          }
        }
        let submissionId = current?.id;
        if (!conflict && !Object.keys(errors).length) {
          if (current) await w.updateSubmission(current.id, body, user.id, now);
          else submissionId = await w.insertSubmission(task.id, school.urn, body, user.id, now);
          // Undefined: a colleague's first submission went in at the same moment.
          if (submissionId === undefined) conflict = true;
        }
        if (conflict) {
          errors.body =
            'Someone else from your school saved this submission after you opened this page, so yours has not been saved. Their version is shown below and what you typed is kept: check both, then submit again';
        }
        if (Object.keys(errors).length) {
          const kept = await holdForNextTry(w, access, user, accepted, held);
          return { ok: false as const, errors, held: kept, body, removeIds, conflict };
        }
        const id = submissionId!;
        await w.removeSubmissionFiles(id, removeIds);
        const claimed = await w.claimHeld(held.map((f) => f.id), user.id, access.group.id, new Date(now.getTime() - HOLD_MS));
        const saved = await w.saveFiles(accepted, user.id);
        await w.linkSubmissionFiles(id, [...claimed, ...saved]);
        return { ok: true as const, submissionId: id, first: !current, repeated: false };
      });
    },

    /** One submission: a lead sees any; a participant their own school's, or one shared with the group (without its feedback). */
    async submission(access: Access, user: CurrentUser, taskId: number, submissionId: number) {
      const task = await taskOf(access, taskId);
      const row = await repo.submission(task.id, submissionId);
      if (!row) throw new NotFound('submission');
      const school = await schoolFor(access, user);
      const own = school?.urn === row.school_urn;
      if (access.role !== 'lead' && !own && !row.shared) throw new Forbidden();
      const view = await submissionView(row, task);
      const showFeedback = access.role === 'lead' || own;
      return {
        task: taskView(task),
        own,
        submission: showFeedback ? view : { ...view, feedback: null, feedbackParagraphs: [], feedback_by_name: null, feedback_at: null },
      };
    },

    /** The lead's feedback on a submission; the person who submitted (and whoever last changed it) is emailed. */
    async giveFeedback(access: Access, user: CurrentUser, taskId: number, submissionId: number, text: string): Promise<{ ok: true } | { ok: false; errors: FieldErrors; feedback: string }> {
      leadOnly(access);
      writable(access);
      const task = await taskOf(access, taskId);
      const row = await repo.submission(task.id, submissionId);
      if (!row) throw new NotFound('submission');
      const feedback = cleanText(text);
      const problem = textProblem(feedback, MAX_FEEDBACK, 'Enter your feedback for the school', 'Your feedback');
      if (problem) return { ok: false, errors: { feedback: problem }, feedback };
      await write(async (w) => {
        const before = await w.setFeedback(row.id, feedback, user.id, deps.clock());
        if (before.feedback === feedback) return;
        const ids = [...new Set([before.submitted_by, before.updated_by].filter((id): id is number => id !== null))];
        for (const to of await w.users(ids)) {
          await enqueueMail(
            w.trx,
            emails.feedbackGiven(to, {
              group: access.group,
              title: task.title,
              schoolName: row.school_name,
              lead: user.name,
              feedback,
              link: `${deps.baseUrl}${taskUrl(access.group.code, task.id)}/submissions/${row.id}`,
              changed: before.feedback !== null,
            }),
          );
        }
      });
      return { ok: true };
    },

    /** The lead shares a submission with the group (or stops sharing it). */
    async share(access: Access, taskId: number, submissionId: number, shared: boolean): Promise<void> {
      leadOnly(access);
      writable(access);
      const task = await taskOf(access, taskId);
      const row = await repo.submission(task.id, submissionId);
      if (!row) throw new NotFound('submission');
      await write((w) => w.setShared(row.id, shared));
    },

    /** A file of the task, if the person may read it: a resource (any member), or a file of a submission they may see. */
    async file(access: Access, user: CurrentUser, taskId: number, fileId: number) {
      const task = await taskOf(access, taskId);
      const place = await repo.fileOfTask(task.id, fileId);
      if (!place) throw new NotFound('file');
      if (place.kind === 'submission' && access.role !== 'lead' && !place.submission.shared) {
        const school = await schoolFor(access, user);
        if (school?.urn !== place.submission.school_urn) throw new Forbidden();
      }
      const file = await readFile(deps.db, fileId);
      if (!file) throw new NotFound('file');
      return file;
    },

    /**
     * For a participant's home page: the tasks of the groups they take part in, not yet past due
     * by more than 7 days, soonest first, with whether their school has submitted.
     */
    async dueFor(user: CurrentUser): Promise<{ groupCode: string; groupTitle: string; title: string; dueOn: string; submitted: boolean; href: string }[]> {
      const groups = (await deps.membership.groupsOf(user)).filter((g) => g.role === 'participant');
      const tasks = await repo.tasksDueFrom(
        groups.map((g) => g.id),
        addDays(today(), -SHOW_OVERDUE_DAYS),
      );
      if (!tasks.length) return [];
      const registered = await repo.schoolsInGroups(
        groups.map((g) => g.id),
        user.email,
      );
      const schoolIn = (groupId: number) => registered.find((r) => r.work_group_id === groupId)?.school_urn ?? user.schoolUrn;
      const submitted = await repo.submittedSchools(tasks.map((t) => t.id));
      return tasks.map((t) => ({
        groupCode: t.code,
        groupTitle: t.group_title,
        title: t.title,
        dueOn: t.due_on,
        submitted: submitted.some((s) => s.task_id === t.id && s.school_urn === schoolIn(t.work_group_id)),
        href: taskUrl(t.code, t.id),
      }));
    },

    /**
     * For a lead's home page: in the groups they lead, the tasks with submissions waiting for
     * feedback (none given yet, or the submission changed since), soonest due first.
     */
    async awaitingFeedback(user: CurrentUser): Promise<{ groupCode: string; groupTitle: string; title: string; count: number; href: string }[]> {
      const groups = (await deps.membership.groupsOf(user)).filter((g) => g.role === 'lead');
      const rows = await repo.awaitingFeedback(groups.map((g) => g.id));
      return rows.map((r) => ({ groupCode: r.code, groupTitle: r.group_title, title: r.title, count: Number(r.count), href: taskUrl(r.code, r.id) }));
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
