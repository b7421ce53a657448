// Gap tasks in a Work Group's private space (/work-groups/:code/tasks…), for its members only
// (services.membership.require on every request): the lead sets, edits and deletes tasks, reads each
// school's submission, gives feedback and shares submissions with the group; participants see
// what is due, submit for their school and read the feedback and what is shared. Forms with files
// are multipart (files/http.ts); every file is sent only after checking who may read it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access, MembershipService } from '../../core/membership/service.ts';
import type { TaskService } from './service.ts';
import { ForbiddenError, } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { requireSignIn, SIGNED_IN } from '../../core/identity/session.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { ACCEPTED_LIST, acceptUploads, fieldOf, filesOf, MAX_FILE_MB, type MultipartBody, sendFile } from '../files/index.ts';
import { type FileSummary, ReadOnlyError, submittedMessage } from './service.ts';
import { longDateWithDay } from '../../platform/lib/london-time.ts';
import { ids, MAX_INSTRUCTIONS, MAX_RESOURCES, MAX_SUBMISSION, MAX_SUBMISSION_FILES, type TaskForm } from './validation.ts';
import { idParam } from '../../platform/http/params.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { membership: MembershipService; tasks: TaskService };

/** Every value of a field, from a multipart or urlencoded form (checkboxes send one per box). */
function allOf(body: unknown, name: string): string[] {
  const b = body as Partial<MultipartBody> & Record<string, unknown>;
  const values = b?.fields ? b.fields[name] : b?.[name];
  return (Array.isArray(values) ? values : [values]).filter((v): v is string => typeof v === 'string');
}

const SAVED: Record<string, string> = {
  set: 'Task set. Each participant has been emailed.',
  changed: 'Task saved',
  submitted: 'Your school’s submission has been sent to your Work Group lead',
  updated: 'Your school’s submission has been saved',
  feedback: 'Feedback saved. The school has been emailed.',
  shared: 'The submission is now shared with the group',
  unshared: 'The submission is no longer shared with the group',
  deleted: 'Gap task deleted',
};

const FILE_HINT = `each smaller than ${MAX_FILE_MB} MB: ${ACCEPTED_LIST}`;

export async function taskRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const tasks = services.tasks;
  // Up to 10 files in one form: more than the 5 a submission may keep, so choosing 6 gets a
  // message by the field (with what was typed kept) rather than an error page.
  const readMultipart = await acceptUploads(app, { files: MAX_RESOURCES });

  /** The signed-in member's access to the group (404 no such group, 403 not a member). */
  async function member(request: FastifyRequest<{ Params: { code: string } }>): Promise<{ access: Access; user: CurrentUser }> {
    const access = await services.membership.require(request.user, request.params.code);
    return { access, user: request.user! };
  }

  /**
   * Run before a multipart body is read (onRequest): only a signed-in member in the right role,
   * in a group that is not archived, gets as far as uploading anything.
   */
  function mayUpload(role: Access['role']) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      if (!requireSignIn(request, reply)) return reply;
      const access = await services.membership.require(request.user, (request.params as { code: string }).code);
      if (access.role !== role) throw new ForbiddenError();
      if (access.archived) throw new ReadOnlyError();
    };
  }

  const base = (access: Access) => `/work-groups/${access.group.code}/tasks`;
  const common = (access: Access) => ({ group: access.group, role: access.role, archived: access.archived, base: base(access) });
  const savedMessage = (value: unknown) => (typeof value === 'string' && Object.hasOwn(SAVED, value) ? SAVED[value] : undefined);

  // ---- the group's tasks --------------------------------------------------------------------
  app.get<{ Params: { code: string }; Querystring: { saved?: string } }>('/work-groups/:code/tasks', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const overview = await tasks.overview(access, user);
    return reply.render('tasks/views/tasks.njk', {
      pageTitle: `Gap tasks: ${access.group.title}`,
      ...common(access),
      overview,
      saved: savedMessage(request.query.saved),
      longDate: longDateWithDay,
    });
  });

  // ---- setting and changing a task (the lead) -----------------------------------------------
  async function taskFormPage(
    reply: FastifyReply,
    access: Access,
    page: { taskId?: number; values: TaskForm; errors?: FieldErrors; held?: FileSummary[]; resources?: FileSummary[]; remove?: number[] },
    status = 200,
  ) {
    const sessions = await tasks.sessions(access);
    const errors = page.errors ?? {};
    const editing = page.taskId !== undefined;
    return reply.code(status).renderForm('tasks/views/task-form.njk', {
      pageTitle: editing ? 'Change the gap task' : 'Set a gap task',
      titleContext: access.group.title,
      ...common(access),
      editing,
      action: editing ? `${base(access)}/${page.taskId}/edit` : base(access),
      back: editing ? `${base(access)}/${page.taskId}` : base(access),
      values: page.values,
      sessions: [
        { value: '', text: 'Not after a particular workshop', selected: !page.values.after },
        ...sessions.map((s) => ({
          value: String(s.id),
          text: `Workshop ${s.workshop_number}${s.title ? `: ${s.title}` : ''}`,
          selected: page.values.after === String(s.id),
        })),
      ],
      resources: page.resources ?? [],
      remove: (page.remove ?? []).map(String),
      held: page.held ?? [],
      maxResources: MAX_RESOURCES,
      maxInstructions: MAX_INSTRUCTIONS,
      fileHint: FILE_HINT,
      errors,
      errorList: errorList(errors),
    });
  }

  const taskFormValues = (body: unknown): TaskForm => ({
    title: fieldOf(body, 'title').slice(0, 1000),
    instructions: fieldOf(body, 'instructions'),
    'due-day': fieldOf(body, 'due-day').slice(0, 10),
    'due-month': fieldOf(body, 'due-month').slice(0, 10),
    'due-year': fieldOf(body, 'due-year').slice(0, 10),
    after: fieldOf(body, 'after').slice(0, 12),
  });

  app.get<{ Params: { code: string } }>('/work-groups/:code/tasks/new', SIGNED_IN, async (request, reply) => {
    const { access } = await member(request);
    tasks.mayChange(access);
    return taskFormPage(reply, access, { values: { title: '', instructions: '', 'due-day': '', 'due-month': '', 'due-year': '', after: '' } });
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/tasks', { onRequest: mayUpload('lead'), preValidation: readMultipart }, async (request, reply) => {
    const { access, user } = await member(request);
    const values = taskFormValues(request.body);
    const result = await tasks.saveTask(access, user, {
      form: values,
      uploads: filesOf(request.body, 'resources'),
      heldIds: ids(allOf(request.body, 'held')),
      removeIds: [],
    });
    if (result.ok) return reply.redirect(`${base(access)}/${result.taskId}?saved=set`, 303);
    return taskFormPage(reply, access, { values, errors: result.errors, held: result.held }, 400);
  });

  app.get<{ Params: { code: string; taskId: string } }>('/work-groups/:code/tasks/:taskId/edit', SIGNED_IN, async (request, reply) => {
    const { access } = await member(request);
    const { task, resources } = await tasks.editable(access, idParam(request.params.taskId, 'gap task'));
    const [year, month, day] = task.due_on.split('-');
    const values: TaskForm = {
      title: task.title,
      instructions: task.instructions,
      'due-day': String(Number(day)),
      'due-month': String(Number(month)),
      'due-year': year ?? '',
      after: task.after_workshop_id ? String(task.after_workshop_id) : '',
    };
    return taskFormPage(reply, access, { taskId: task.id, values, resources });
  });

  app.post<{ Params: { code: string; taskId: string } }>('/work-groups/:code/tasks/:taskId/edit', { onRequest: mayUpload('lead'), preValidation: readMultipart }, async (request, reply) => {
    const { access, user } = await member(request);
    const taskId = idParam(request.params.taskId, 'gap task');
    const values = taskFormValues(request.body);
    const removeIds = ids(allOf(request.body, 'remove'));
    const result = await tasks.saveTask(access, user, {
      taskId,
      form: values,
      uploads: filesOf(request.body, 'resources'),
      heldIds: ids(allOf(request.body, 'held')),
      removeIds,
    });
    if (result.ok) return reply.redirect(`${base(access)}/${taskId}?saved=changed`, 303);
    const { resources } = await tasks.editable(access, taskId);
    return taskFormPage(reply, access, { taskId, values, errors: result.errors, held: result.held, resources, remove: removeIds }, 400);
  });

  // ---- deleting a task set by mistake (the lead; refused once a school has submitted) -------------
  async function deletePage(reply: FastifyReply, access: Access, taskId: number, errors: FieldErrors = {}, status = 200) {
    const page = await tasks.deletion(access, taskId);
    return reply.code(status).renderForm('tasks/views/delete.njk', {
      pageTitle: `Delete the gap task: ${page.task.title}`,
      ...common(access),
      ...page,
      submittedMessage: page.submitted ? submittedMessage(page.submitted) : undefined,
      longDate: longDateWithDay,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: { code: string; taskId: string } }>('/work-groups/:code/tasks/:taskId/delete', SIGNED_IN, async (request, reply) => {
    const { access } = await member(request);
    return deletePage(reply, access, idParam(request.params.taskId, 'gap task'));
  });

  app.post<{ Params: { code: string; taskId: string } }>('/work-groups/:code/tasks/:taskId/delete', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const taskId = idParam(request.params.taskId, 'gap task');
    const result = await tasks.deleteTask(access, user, taskId);
    if (result.ok) return reply.redirect(`${base(access)}?saved=deleted`, 303);
    return deletePage(reply, access, taskId, result.errors, 409);
  });

  // ---- a task ----------------------------------------------------------------------------------
  app.get<{ Params: { code: string; taskId: string }; Querystring: { saved?: string } }>('/work-groups/:code/tasks/:taskId', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const page = await tasks.task(access, user, idParam(request.params.taskId, 'gap task'));
    return reply.render('tasks/views/task.njk', {
      pageTitle: page.task.title,
      ...common(access),
      page,
      saved: savedMessage(request.query.saved),
      longDate: longDateWithDay,
    });
  });

  // ---- a school's submission (participants) ---------------------------------------------------
  async function submissionFormPage(
    reply: FastifyReply,
    access: Access,
    user: CurrentUser,
    taskId: number,
    page: { body?: string; errors?: FieldErrors; held?: FileSummary[]; remove?: number[]; conflict?: boolean } = {},
    status = 200,
  ) {
    const form = await tasks.submissionForm(access, user, taskId);
    const errors = page.errors ?? {};
    return reply.code(status).renderForm('tasks/views/submission-form.njk', {
      pageTitle: form.submission ? 'Change your school’s submission' : 'Submit for your school',
      titleContext: `${form.task.title} – ${access.group.title}`,
      ...common(access),
      ...form,
      values: { body: page.body ?? form.submission?.body ?? '' },
      version: form.submission?.version ?? 0,
      remove: (page.remove ?? []).map(String),
      held: page.held ?? [],
      conflict: page.conflict ?? false,
      maxFiles: MAX_SUBMISSION_FILES,
      maxLength: MAX_SUBMISSION,
      fileHint: FILE_HINT,
      longDate: longDateWithDay,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: { code: string; taskId: string } }>('/work-groups/:code/tasks/:taskId/submission', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    return submissionFormPage(reply, access, user, idParam(request.params.taskId, 'gap task'));
  });

  app.post<{ Params: { code: string; taskId: string } }>('/work-groups/:code/tasks/:taskId/submission', { onRequest: mayUpload('participant'), preValidation: readMultipart }, async (request, reply) => {
    const { access, user } = await member(request);
    const taskId = idParam(request.params.taskId, 'gap task');
    const version = fieldOf(request.body, 'version');
    const result = await tasks.submit(access, user, taskId, {
      body: fieldOf(request.body, 'body'),
      version: /^\d{1,9}$/.test(version) ? Number(version) : -1,
      uploads: filesOf(request.body, 'files'),
      heldIds: ids(allOf(request.body, 'held')),
      removeIds: ids(allOf(request.body, 'remove')),
    });
    if (result.ok) return reply.redirect(`${base(access)}/${taskId}?saved=${result.first ? 'submitted' : 'updated'}`, 303);
    return submissionFormPage(
      reply,
      access,
      user,
      taskId,
      { body: result.body, errors: result.errors, held: result.held, remove: result.conflict ? [] : result.removeIds, conflict: result.conflict },
      result.conflict ? 409 : 400,
    );
  });

  // ---- one submission: the lead's review, a school's own, or one shared with the group ----------
  async function submissionPage(
    reply: FastifyReply,
    access: Access,
    user: CurrentUser,
    ids: { taskId: number; submissionId: number },
    extra: { feedback?: string; errors?: FieldErrors; saved?: string } = {},
    status = 200,
  ) {
    const page = await tasks.submission(access, user, ids.taskId, ids.submissionId);
    const errors = extra.errors ?? {};
    return reply.code(status).renderForm('tasks/views/submission.njk', {
      pageTitle: `${page.submission.school_name}: ${page.task.title}`,
      ...common(access),
      ...page,
      values: { feedback: extra.feedback ?? page.submission.feedback ?? '' },
      saved: extra.saved,
      action: `${base(access)}/${ids.taskId}/submissions/${ids.submissionId}`,
      longDate: longDateWithDay,
      errors,
      errorList: errorList(errors),
    });
  }

  type SubmissionParams = { Params: { code: string; taskId: string; submissionId: string } };
  const submissionIds = (params: SubmissionParams['Params']) => ({
    taskId: idParam(params.taskId, 'gap task'),
    submissionId: idParam(params.submissionId, 'submission'),
  });

  app.get<SubmissionParams & { Querystring: { saved?: string } }>('/work-groups/:code/tasks/:taskId/submissions/:submissionId', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    return submissionPage(reply, access, user, submissionIds(request.params), { saved: savedMessage(request.query.saved) });
  });

  app.post<SubmissionParams>('/work-groups/:code/tasks/:taskId/submissions/:submissionId/feedback', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const where = submissionIds(request.params);
    const result = await tasks.giveFeedback(access, user, where.taskId, where.submissionId, fieldOf(request.body, 'feedback'));
    if (result.ok) return reply.redirect(`${base(access)}/${where.taskId}/submissions/${where.submissionId}?saved=feedback`, 303);
    return submissionPage(reply, access, user, where, { feedback: result.feedback, errors: result.errors }, 400);
  });

  app.post<SubmissionParams>('/work-groups/:code/tasks/:taskId/submissions/:submissionId/share', SIGNED_IN, async (request, reply) => {
    const { access } = await member(request);
    const where = submissionIds(request.params);
    const shared = fieldOf(request.body, 'shared') === 'yes';
    await tasks.share(access, where.taskId, where.submissionId, shared);
    return reply.redirect(`${base(access)}/${where.taskId}/submissions/${where.submissionId}?saved=${shared ? 'shared' : 'unshared'}`, 303);
  });

  // ---- files: checked on every download --------------------------------------------------------
  app.get<{ Params: { code: string; taskId: string; fileId: string } }>('/work-groups/:code/tasks/:taskId/files/:fileId', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const file = await tasks.file(access, user, idParam(request.params.taskId, 'gap task'), idParam(request.params.fileId, 'file'));
    return sendFile(reply, file);
  });
}
