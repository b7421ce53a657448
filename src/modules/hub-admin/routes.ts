// The administration area: the hubs a person runs, and each hub's whole programme (drafts too).
// Every handler checks the policy on the server; a visitor is sent to sign in, anyone else
// without the role gets a 403 page and no data.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createWorkGroupService } from '../catalogue/index.ts';
import type { createHubService } from '../../core/hubs/service.ts';
import type { createOutboxService } from '../outbox/index.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import { auditSubject, describeAuditEntry } from '../../core/audit/describe.ts';
import { isNationalAdmin, policy, staffHubIds } from '../../core/identity/policy.ts';
import { errorList, type Raw, rawForm } from '../../platform/http/forms.ts';
import { MODES, OUTCOME_AREAS, PUBLICATION_LABELS } from '../../core/work-groups/domain.ts';
import { CODE_PATTERN, type Errors, parseSessionForm, parseWorkGroupForm } from './form.ts';
import type { AuthoringRepository } from '../../core/work-groups/authoring-repository.ts';
import { type AuthoringCommands, type Outcome, PUBLICATION_WORDS, restoresTo, TRANSITIONS } from '../../core/work-groups/commands.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { hubs: ReturnType<typeof createHubService>; outbox: ReturnType<typeof createOutboxService>; workGroups: ReturnType<typeof createWorkGroupService> };

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const AUDIT_PAGE_SIZE = 200;
const DONE_MESSAGES: Record<string, string> = {
  created: 'Work Group created as a draft. Add its workshops, then publish it.',
  saved: 'Changes saved',
  session: 'Workshop saved',
  removed: 'Workshop removed',
  leaders: 'Leaders saved',
  publish: TRANSITIONS.publish.done,
  close: TRANSITIONS.close.done,
  archive: TRANSITIONS.archive.done,
  restore: 'Restored',
};

type Group = NonNullable<Awaited<ReturnType<AuthoringRepository['groupByCode']>>>;
type Session = Awaited<ReturnType<AuthoringRepository['sessionsOf']>>[number];

function dateParts(prefix: string, iso: string | null): Raw {
  if (!iso) return {};
  const [year, month, day] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? '' };
}

/** What the edit form shows for a saved group. */
async function formValuesOf(repository: AuthoringRepository, group: Group): Promise<Raw> {
  const raw: Raw = {};
  for (const [key, value] of Object.entries(group)) if (typeof value === 'string' || typeof value === 'number') raw[key] = String(value);
  raw.theme = group.theme ?? '';
  for (const o of await repository.outcomesOf(group.id)) {
    raw[`outcome_${o.area}_lead_in`] = o.lead_in;
    raw[`outcome_${o.area}_items`] = o.items.join('\n');
  }
  return { ...raw, ...dateParts('opens', group.registration_opens_on), ...dateParts('closes', group.registration_closes_on) };
}

function sessionValuesOf(session: Session): Raw {
  const london = (d: Date | null) =>
    d ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) : null;
  const time = (d: Date | null) =>
    d ? new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d) : '';
  return {
    workshop_number: String(session.workshop_number),
    title: session.title ?? '',
    date_to_be_confirmed: session.date_to_be_confirmed ? 'yes' : '',
    mode: session.mode,
    venue_name: session.venue_name ?? '',
    venue_address: session.venue_address ?? '',
    joining_link: session.joining_link ?? '',
    starts: time(session.starts_at),
    ends: time(session.ends_at),
    ...dateParts('date', london(session.starts_at)),
  };
}

export async function hubAdminRoutes(
  app: FastifyInstance,
  { services, repository, commands }: { services: RouteServices; repository: AuthoringRepository; commands: AuthoringCommands },
) {
  /** A hub by slug, or the national programme ('national': id null). */
  async function hubFor(slug: string): Promise<{ id: number | null; name: string }> {
    if (slug === 'national') return { id: null, name: 'National programme' };
    const hub = SLUG.test(slug) ? await services.hubs.findBySlug(slug) : undefined;
    if (!hub) throw new NotFoundError('Maths Hub');
    return hub;
  }

  /** The group, if it exists and this person runs its hub; otherwise a 404 or 403 page. */
  async function managedGroup(request: FastifyRequest, code: string): Promise<Group> {
    const group = /^[A-Za-z0-9-]{1,30}$/.test(code) ? await repository.groupByCode(code) : undefined;
    if (!group) throw new NotFoundError('Work Group');
    if (!policy.manageHubProgramme(request.user, group.hub_id)) throw new ForbiddenError();
    return group;
  }

  /** A workshop of a group this person runs, by its number; otherwise a 404 or 403 page. */
  async function managedSession(request: FastifyRequest, code: string, number: string) {
    const group = await managedGroup(request, code);
    const session = (await repository.sessionsOf(group.id)).find((s) => String(s.workshop_number) === number);
    if (!session) throw new NotFoundError('workshop');
    return { group, session };
  }

  async function renderGroupForm(
    reply: FastifyReply,
    options: { title: string; action: string; creating: boolean; hubName: string; values: Raw; errors: Errors; status?: number; code?: string },
  ) {
    const projects = await repository.projects();
    return reply.code(options.status ?? 200).renderForm('hub-admin/views/group-form.njk', {
      pageTitle: options.title,
      // "Create a Work Group" is the same on every hub's page: say whose.
      titleContext: options.creating ? options.hubName : undefined,
      section: 'admin',
      ...options,
      errorList: errorList(options.errors),
      projects: [
        { value: '', text: 'Select a project' },
        ...projects.map((p) => ({ value: String(p.id), text: `${p.ncp_code} ${p.title} (${p.academic_year})`, selected: options.values.project_id === String(p.id) })),
      ],
      modes: Object.entries(MODES).map(([value, text]) => ({ value, text, checked: options.values.mode === value })),
      outcomeAreas: Object.entries(OUTCOME_AREAS).map(([area, label]) => ({ area, label })),
    });
  }

  app.get('/admin', SIGNED_IN, async (request, reply) => {
    if (!policy.useAdministration(request.user)) throw new ForbiddenError();
    const hubs = await repository.hubsByIds(isNationalAdmin(request.user) ? 'all' : staffHubIds(request.user));
    return reply.render('hub-admin/views/dashboard.njk', {
      pageTitle: 'Administration',
      section: 'admin',
      hubs,
      national: isNationalAdmin(request.user),
      troubledEmails: isNationalAdmin(request.user) ? await services.outbox.count() : 0,
    });
  });

  app.get<{ Params: { slug: string } }>('/admin/hubs/:slug', SIGNED_IN, async (request, reply) => {
    const hub = await hubFor(request.params.slug);
    const hubId = hub.id;
    if (!policy.manageHubProgramme(request.user, hubId)) throw new ForbiddenError();
    const groups = await repository.groupsOf(hubId);
    return reply.render('hub-admin/views/hub-programme.njk', {
      pageTitle: `${hub.name}: Work Groups`,
      section: 'admin',
      hubName: hub.name,
      hubSlug: request.params.slug,
      canReadAudit: hub.id === null ? isNationalAdmin(request.user) : policy.readHubAuditLog(request.user, hub.id),
      groups: groups.map((g) => ({ ...g, publicationLabel: PUBLICATION_LABELS[g.publication] ?? g.publication })),
    });
  });

  app.get<{ Params: { slug: string } }>('/admin/hubs/:slug/audit', SIGNED_IN, async (request, reply) => {
    const hub = await hubFor(request.params.slug);
    const allowed = hub.id === null ? isNationalAdmin(request.user) : policy.readHubAuditLog(request.user, hub.id);
    if (!allowed) throw new ForbiddenError();
    const entries = await repository.auditOf(hub.id, AUDIT_PAGE_SIZE);
    return reply.render('hub-admin/views/audit.njk', {
      pageTitle: `${hub.name}: audit log`,
      section: 'admin',
      hubName: hub.name,
      hubSlug: request.params.slug,
      entries: entries.map((e) => ({ ...e, ...describeAuditEntry(e.action, e.changes), about: auditSubject(e) })),
      pageSize: AUDIT_PAGE_SIZE,
    });
  });

  app.get<{ Params: { slug: string } }>('/admin/hubs/:slug/work-groups/new', SIGNED_IN, async (request, reply) => {
    const hub = await hubFor(request.params.slug);
    if (!policy.manageHubProgramme(request.user, hub.id)) throw new ForbiddenError();
    return renderGroupForm(reply, {
      title: 'Create a Work Group',
      action: `/admin/hubs/${request.params.slug}/work-groups/new`,
      creating: true,
      hubName: hub.name,
      values: { cost: 'Free', participants_per_school: '2', joining_details_days: '10', places_total: '14' },
      errors: {},
    });
  });

  app.post<{ Params: { slug: string } }>('/admin/hubs/:slug/work-groups/new', SIGNED_IN, async (request, reply) => {
    const hub = await hubFor(request.params.slug);
    if (!policy.manageHubProgramme(request.user, hub.id)) throw new ForbiddenError();
    const raw = rawForm(request.body);
    const code = (raw.code ?? '').toUpperCase();
    raw.code = code;
    const parsed = parseWorkGroupForm(raw);
    const errors: Errors = {};
    if (!code) errors.code = 'Enter a code, like WRK2627-SHAW05';
    else if (!CODE_PATTERN.test(code)) errors.code = 'Code must start with WRK and use only capital letters, numbers and hyphens, like WRK2627-SHAW05';
    const fail = (all: Errors) =>
      renderGroupForm(reply, { title: 'Create a Work Group', action: request.url, creating: true, hubName: hub.name, values: raw, errors: all, status: 400 });
    if (!parsed.ok || Object.keys(errors).length) return fail({ ...errors, ...(parsed.ok ? {} : parsed.errors) });
    const result = await commands.createWorkGroup(request.user!.id, hub.id, code, parsed.values);
    if (!result.ok) return fail(result.errors);
    return reply.redirect(`/admin/work-groups/${code}?done=created`, 303);
  });

  /** The group's administration page; `extra` adds a banner or an error summary. */
  async function groupPage(reply: FastifyReply, group: Group, extra: Record<string, unknown> = {}, status = 200) {
    const sessions = await repository.sessionsOf(group.id);
    return reply.code(status).renderForm('hub-admin/views/group.njk', {
      pageTitle: group.title,
      section: 'admin',
      group,
      sessions,
      publicationLabel: PUBLICATION_LABELS[group.publication],
      actions: (Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]).filter((a) => TRANSITIONS[a].from.includes(group.publication)),
      restoresTo: group.publication === 'archived' ? PUBLICATION_WORDS[restoresTo(group)] : undefined,
      ...extra,
    });
  }

  app.get<{ Params: { code: string }; Querystring: { done?: string } }>('/admin/work-groups/:code', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const done = request.query.done;
    const message = typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
    return groupPage(reply, group, {
      done: done === 'restore' ? `Restored: the Work Group is ${PUBLICATION_WORDS[group.publication]} again` : message,
    });
  });

  /** "Are you sure you want to archive …?": what archiving does, and the button that does it. */
  async function archivePage(reply: FastifyReply, group: Group) {
    return reply.renderForm('hub-admin/views/archive.njk', {
      pageTitle: `Archive ${group.title}`,
      section: 'admin',
      group,
      publicationLabel: PUBLICATION_LABELS[group.publication],
      restoresTo: PUBLICATION_WORDS[group.publication],
    });
  }

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/archive', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    if (!TRANSITIONS.archive.from.includes(group.publication)) return reply.redirect(`/admin/work-groups/${group.code}`, 303);
    return archivePage(reply, group);
  });

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/preview', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const page = await services.workGroups.findByCode(group.code, { unpublished: true });
    if (!page) throw new NotFoundError('Work Group');
    return reply.render('catalogue/views/work-group.njk', { pageTitle: `Preview: ${page.title}`, group: page, preview: true });
  });

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/edit', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    return renderGroupForm(reply, {
      title: `Edit ${group.title}`,
      action: `/admin/work-groups/${group.code}/edit`,
      creating: false,
      hubName: group.hub_name ?? 'National programme',
      values: await formValuesOf(repository, group),
      errors: {},
      code: group.code,
    });
  });

  app.post<{ Params: { code: string } }>('/admin/work-groups/:code/edit', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const raw = rawForm(request.body);
    const parsed = parseWorkGroupForm(raw);
    const result: Outcome = !parsed.ok
      ? parsed
      : parsed.values.places_total < group.places_taken
        ? { ok: false, errors: { places_total: `Places must be at least ${group.places_taken}: that many schools already have a place` } }
        : await commands.updateWorkGroup(request.user!.id, group, parsed.values);
    if (!result.ok) {
      return renderGroupForm(reply, {
        title: `Edit ${group.title}`,
        action: `/admin/work-groups/${group.code}/edit`,
        creating: false,
        hubName: group.hub_name ?? 'National programme',
        values: raw,
        errors: result.errors,
        status: 400,
        code: group.code,
      });
    }
    return reply.redirect(`/admin/work-groups/${group.code}?done=saved`, 303);
  });

  app.post<{ Params: { code: string; action: string } }>('/admin/work-groups/:code/:action', SIGNED_IN, async (request, reply) => {
    const action = request.params.action;
    if (!Object.hasOwn(TRANSITIONS, action) && action !== 'restore') throw new NotFoundError();
    const group = await managedGroup(request, request.params.code);
    // Archiving takes the group out of public view: only from its confirmation page's button.
    if (action === 'archive' && rawForm(request.body).confirm !== 'yes' && TRANSITIONS.archive.from.includes(group.publication)) {
      return archivePage(reply, group);
    }
    const result =
      action === 'restore'
        ? await commands.restore(request.user!.id, group)
        : await commands.transition(request.user!.id, group, action as keyof typeof TRANSITIONS);
    if (!result.ok) {
      const current = (await repository.groupByCode(group.code)) ?? group;
      return groupPage(reply, current, { errorList: [{ text: result.errors.form ?? 'This change cannot be made', href: '#actions' }] }, 400);
    }
    return reply.redirect(`/admin/work-groups/${group.code}?done=${action}`, 303);
  });

  function renderSessionForm(reply: FastifyReply, group: Group, options: { action: string; title: string; values: Raw; errors: Errors; status?: number }) {
    return reply.code(options.status ?? 200).renderForm('hub-admin/views/session-form.njk', {
      pageTitle: options.title,
      titleContext: group.title,
      section: 'admin',
      group,
      ...options,
      errorList: errorList(options.errors),
      modes: Object.entries(MODES).map(([value, text]) => ({ value, text, checked: options.values.mode === value })),
    });
  }

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/sessions/new', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const next = (await repository.sessionsOf(group.id)).reduce((max, s) => Math.max(max, s.workshop_number), 0) + 1;
    return renderSessionForm(reply, group, {
      action: `/admin/work-groups/${group.code}/sessions/new`,
      title: 'Add a workshop',
      values: { workshop_number: String(next) },
      errors: {},
    });
  });

  app.post<{ Params: { code: string } }>('/admin/work-groups/:code/sessions/new', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const raw = rawForm(request.body);
    const parsed = parseSessionForm(raw);
    const result = parsed.ok ? await commands.saveSession(request.user!.id, group, null, parsed.values) : parsed;
    if (!result.ok) {
      return renderSessionForm(reply, group, { action: request.url, title: 'Add a workshop', values: raw, errors: result.errors, status: 400 });
    }
    return reply.redirect(`/admin/work-groups/${group.code}?done=session`, 303);
  });

  app.get<{ Params: { code: string; number: string } }>('/admin/work-groups/:code/sessions/:number/edit', SIGNED_IN, async (request, reply) => {
    const { group, session } = await managedSession(request, request.params.code, request.params.number);
    return renderSessionForm(reply, group, {
      action: `/admin/work-groups/${group.code}/sessions/${session.workshop_number}/edit`,
      title: `Change workshop ${session.workshop_number}`,
      values: sessionValuesOf(session),
      errors: {},
    });
  });

  app.post<{ Params: { code: string; number: string } }>('/admin/work-groups/:code/sessions/:number/edit', SIGNED_IN, async (request, reply) => {
    const { group, session } = await managedSession(request, request.params.code, request.params.number);
    const raw = rawForm(request.body);
    const parsed = parseSessionForm(raw);
    const result = parsed.ok ? await commands.saveSession(request.user!.id, group, session.workshop_number, parsed.values) : parsed;
    if (!result.ok) {
      return renderSessionForm(reply, group, {
        action: request.url,
        title: `Change workshop ${session.workshop_number}`,
        values: raw,
        errors: result.errors,
        status: 400,
      });
    }
    return reply.redirect(`/admin/work-groups/${group.code}?done=session`, 303);
  });

  /**
   * "Are you sure you want to remove workshop N?": what removing it does; or, if its register
   * has marks, why it cannot be removed and what to do instead (no button).
   */
  async function removeSessionPage(reply: FastifyReply, group: Group, session: Session, errors: Errors = {}, status = 200) {
    return reply.code(status).renderForm('hub-admin/views/remove-session.njk', {
      pageTitle: `Remove workshop ${session.workshop_number}: ${group.title}`,
      section: 'admin',
      group,
      session,
      marks: await repository.marksOf(session.id),
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: { code: string; number: string } }>('/admin/work-groups/:code/sessions/:number/delete', SIGNED_IN, async (request, reply) => {
    const { group, session } = await managedSession(request, request.params.code, request.params.number);
    return removeSessionPage(reply, group, session);
  });

  app.post<{ Params: { code: string; number: string } }>('/admin/work-groups/:code/sessions/:number/delete', SIGNED_IN, async (request, reply) => {
    const { group, session } = await managedSession(request, request.params.code, request.params.number);
    // Only the confirmation page's button removes a workshop.
    if (rawForm(request.body).confirm !== 'yes') return removeSessionPage(reply, group, session);
    const result = await commands.removeSession(request.user!.id, group, session.workshop_number);
    if (!result.ok) return removeSessionPage(reply, group, session, result.errors, 409);
    return reply.redirect(`/admin/work-groups/${group.code}?done=removed`, 303);
  });

}
