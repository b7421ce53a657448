// Lesson observations of a Work Group (/work-groups/:code/observations…), for its members only:
// the lessons offered, offering one, a lesson's page (sign up to observe or give up a place; its
// host and the leads see who is coming, record the post-lesson discussion, change or cancel it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access, MembershipService } from '../../core/membership/service.ts';
import type { ObservationService } from './service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, type Raw, rawForm } from '../../platform/http/forms.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { FOCUS_LABELS, MAX_NOTES, MAX_OBSERVERS } from './form.ts';
import { ARCHIVED_MESSAGE, type Refusal } from './service.ts';
import { idOrUndefined } from '../../platform/http/params.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { membership: MembershipService; observations: ObservationService };

const DONE: Record<string, string> = {
  offered: 'Lesson offered. Members of the group can now sign up to observe it',
  'signed-up': 'You are signed up to observe this lesson. We have emailed you the details with a calendar file',
  withdrawn: 'You have given up your place to observe this lesson',
  notes: 'Post-lesson discussion notes saved',
  cancelled: 'Lesson cancelled. Anyone signed up to observe it has been emailed',
  changed: 'Lesson changed',
  'changed-told': 'Lesson changed. Everyone signed up to observe it has been emailed the new details with an updated calendar file',
};

const doneMessage = (query: { done?: unknown }) => (typeof query.done === 'string' && Object.hasOwn(DONE, query.done) ? DONE[query.done] : undefined);

type Params = { code: string };
type LessonParams = { code: string; id: string };

export async function observationRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const observations = services.observations;

  /** The signed-in member and their access to the group (403 for others, 404 for no such group). */
  async function member(request: FastifyRequest<{ Params: Params }>): Promise<{ access: Access; user: CurrentUser }> {
    const access = await services.membership.require(request.user, request.params.code);
    return { access, user: request.user! };
  }

  const base = (access: Access) => `/work-groups/${access.group.code}/observations`;

  // ---- the list --------------------------------------------------------------------------
  app.get<{ Params: Params; Querystring: { done?: string } }>('/work-groups/:code/observations', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const [lessons, schools] = await Promise.all([observations.list(access, user), observations.hostSchools(access, user)]);
    return reply.render('observations/views/list.njk', {
      pageTitle: `Lesson observations: ${access.group.title}`,
      group: access.group,
      access,
      ...lessons,
      canOffer: !access.archived && schools.length > 0,
      archivedMessage: ARCHIVED_MESSAGE,
      done: doneMessage(request.query),
    });
  });

  // ---- offering a lesson (and changing one: the same form) -----------------------------------
  type Changing = Exclude<Awaited<ReturnType<typeof observations.changeForm>>, undefined | 'forbidden'>;

  async function offerPage(reply: FastifyReply, access: Access, user: CurrentUser, values: Raw, errors: FieldErrors = {}, status = 200, changing?: Changing) {
    const schools = changing ? changing.schools : await observations.hostSchools(access, user);
    return reply.code(status).renderForm('observations/views/offer.njk', {
      pageTitle: changing ? 'Change this lesson' : 'Offer a lesson to observe',
      titleContext: changing ? `${changing.lesson.class_name} – ${access.group.title}` : access.group.title,
      group: access.group,
      access,
      schools,
      changing: changing ? { lesson: changing.lesson, signedUp: changing.lesson.observers_count, closed: changing.closed } : undefined,
      action: changing ? `${base(access)}/${changing.lesson.id}/edit` : base(access),
      focuses: Object.entries(FOCUS_LABELS).map(([value, text]) => ({ value, text })),
      maxObservers: MAX_OBSERVERS,
      archivedMessage: ARCHIVED_MESSAGE,
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: Params }>('/work-groups/:code/observations/new', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    return offerPage(reply, access, user, { observer_limit: '5' });
  });

  app.post<{ Params: Params }>('/work-groups/:code/observations', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const raw = rawForm(request.body);
    const result = await observations.offer(access, user, raw);
    if (!result.ok) return offerPage(reply, access, user, raw, result.errors, result.status);
    return reply.redirect(`${base(access)}/${result.id}?done=offered`, 303);
  });

  // ---- a lesson ----------------------------------------------------------------------------
  async function lessonPage(
    reply: FastifyReply,
    access: Access,
    user: CurrentUser,
    id: number | undefined,
    extra: { done?: string; refusal?: Refusal; values?: Raw } = {},
  ) {
    const found = id === undefined ? undefined : await observations.lesson(access, user, id);
    if (!found) throw new NotFoundError('lesson observation');
    const errors = extra.refusal?.errors ?? {};
    return reply.code(extra.refusal?.status ?? 200).renderForm('observations/views/lesson.njk', {
      pageTitle: `Lesson observation: ${found.lesson.class_name}, ${found.lesson.school_name}`,
      group: access.group,
      access,
      ...found,
      maxNotes: MAX_NOTES,
      archivedMessage: ARCHIVED_MESSAGE,
      done: extra.done,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: LessonParams; Querystring: { done?: string } }>('/work-groups/:code/observations/:id', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    return lessonPage(reply, access, user, idOrUndefined(request.params.id), { done: doneMessage(request.query) });
  });

  /** A POST on a lesson: the change, then back to its page, or the page again with the problem. */
  function lessonAction(
    path: string,
    done: string,
    act: (access: Access, user: CurrentUser, id: number, raw: Raw) => Promise<{ ok: true } | Refusal | undefined>,
  ) {
    app.post<{ Params: LessonParams }>(`/work-groups/:code/observations/:id${path}`, SIGNED_IN, async (request, reply) => {
      const { access, user } = await member(request);
      const id = idOrUndefined(request.params.id);
      if (id === undefined) throw new NotFoundError('lesson observation');
      const raw = rawForm(request.body);
      const result = await act(access, user, id, raw);
      if (!result) throw new NotFoundError('lesson observation');
      if (result.ok) return reply.redirect(`${base(access)}/${id}?done=${done}`, 303);
      if (result.status === 403) throw new ForbiddenError();
      return lessonPage(reply, access, user, id, { refusal: result, values: raw });
    });
  }

  lessonAction('/sign-up', 'signed-up', (access, user, id) => observations.signUp(access, user, id));
  lessonAction('/withdraw', 'withdrawn', (access, user, id) => observations.withdraw(access, user, id));
  lessonAction('/notes', 'notes', (access, user, id, raw) => observations.saveNotes(access, user, id, raw.notes ?? ''));

  // ---- changing a lesson: its host or a lead, before it starts ------------------------------
  async function changing(access: Access, user: CurrentUser, id: number | undefined): Promise<Changing> {
    const found = id === undefined ? undefined : await observations.changeForm(access, user, id);
    if (!found) throw new NotFoundError('lesson observation');
    if (found === 'forbidden') throw new ForbiddenError();
    return found;
  }

  app.get<{ Params: LessonParams }>('/work-groups/:code/observations/:id/edit', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const form = await changing(access, user, idOrUndefined(request.params.id));
    return offerPage(reply, access, user, form.values, {}, 200, form);
  });

  app.post<{ Params: LessonParams }>('/work-groups/:code/observations/:id/edit', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const id = idOrUndefined(request.params.id);
    if (id === undefined) throw new NotFoundError('lesson observation');
    const raw = rawForm(request.body);
    const result = await observations.change(access, user, id, raw);
    if (!result) throw new NotFoundError('lesson observation');
    if (result.ok) return reply.redirect(`${base(access)}/${id}?done=${result.told ? 'changed-told' : 'changed'}`, 303);
    if (result.status === 403) throw new ForbiddenError();
    return offerPage(reply, access, user, raw, result.errors, result.status, await changing(access, user, id));
  });

  // ---- cancelling a lesson: a page of its own, to say what happens -------------------------
  async function cancelPage(reply: FastifyReply, access: Access, user: CurrentUser, id: number | undefined, values: Raw = {}, refusal?: Refusal) {
    const found = id === undefined ? undefined : await observations.lesson(access, user, id);
    if (!found) throw new NotFoundError('lesson observation');
    // Only those who run the lesson see this page; anyone else is shown the lesson.
    if (!found.lesson.runs) return reply.redirect(`${base(access)}/${found.lesson.id}`, 303);
    const errors = refusal?.errors ?? {};
    return reply.code(refusal?.status ?? 200).renderForm('observations/views/cancel.njk', {
      pageTitle: 'Cancel this lesson observation',
      titleContext: `${found.lesson.class_name} – ${access.group.title}`,
      group: access.group,
      access,
      ...found,
      archivedMessage: ARCHIVED_MESSAGE,
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: LessonParams }>('/work-groups/:code/observations/:id/cancel', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    return cancelPage(reply, access, user, idOrUndefined(request.params.id));
  });

  app.post<{ Params: LessonParams }>('/work-groups/:code/observations/:id/cancel', SIGNED_IN, async (request, reply) => {
    const { access, user } = await member(request);
    const id = idOrUndefined(request.params.id);
    if (id === undefined) throw new NotFoundError('lesson observation');
    const raw = rawForm(request.body);
    const result = await observations.cancel(access, user, id, raw.reason ?? '');
    if (!result) throw new NotFoundError('lesson observation');
    if (result.ok) return reply.redirect(`${base(access)}/${id}?done=cancelled`, 303);
    if (result.status === 403) throw new ForbiddenError();
    return cancelPage(reply, access, user, id, raw, result);
  });
}
