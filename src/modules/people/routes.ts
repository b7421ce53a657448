// /admin/hubs/:slug/people — the hub's directory and invitations; /admin/people/:id/edit;
// /admin/work-groups/:code/leaders — who leads a group, picked from people with bios.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../core/schema.ts';
import type { createAuthoringRepository } from '../../core/work-groups/authoring-repository.ts';
import type { createHubService } from '../../core/hubs/service.ts';
import type { createPeopleRepository } from '../../core/people/repository.ts';
import type { createPeopleService } from '../../core/people/service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, fieldErrors, rawForm } from '../../platform/http/forms.ts';
import { policy, ROLE_NAMES } from '../../core/identity/policy.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { hubAdmin: ReturnType<typeof createAuthoringRepository>; hubs: ReturnType<typeof createHubService>; people: ReturnType<typeof createPeopleService>; peopleRepository: ReturnType<typeof createPeopleRepository> };

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The national programme, as the administration's pages address it (/admin/hubs/national): its people have no hub. */
const NATIONAL = { id: null, slug: 'national', name: 'National programme' } as const;

const personForm = z.object({
  name: z.string().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  role_title: z.string().max(200, 'Role must be 200 characters or fewer'),
  email: z.union([z.literal(''), z.email({ error: 'Enter an email address in the correct format, like name@example.com' }).max(254)]),
  bio: z.string().max(5000, 'Biography must be 5,000 characters or fewer'),
});

const inviteForm = z.object({
  name: z.string().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.com' }).max(254),
  role: z.enum(['hub_lead', 'assistant_hub_lead', 'hub_admin', 'work_group_lead'], { error: 'Select the person’s role' }),
  work_group: z.string(),
});

export async function peopleRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  async function managedHub(request: FastifyRequest, slug: string, rule: 'view' | 'people'): Promise<{ id: number | null; slug: string; name: string }> {
    const hub = slug === NATIONAL.slug ? NATIONAL : SLUG.test(slug) ? await services.hubs.findBySlug(slug) : undefined;
    if (!hub) throw new NotFoundError('Maths Hub');
    const allowed = rule === 'people' ? policy.manageHubPeople(request.user, hub.id) : policy.manageHubProgramme(request.user, hub.id);
    if (!allowed) throw new ForbiddenError();
    return hub;
  }

  async function renderDirectory(request: FastifyRequest, reply: FastifyReply, slug: string, invite: { values: Record<string, string>; errors: FieldErrors; status?: number; done?: string }) {
    const hub = await managedHub(request, slug, 'view');
    const [people, accounts, groups] = await Promise.all([
      services.peopleRepository.peopleOf(hub.id),
      services.peopleRepository.accountsOf(hub.id),
      services.peopleRepository.groupCodesOf(hub.id),
    ]);
    return reply.code(invite.status ?? 200).renderForm('people/views/directory.njk', {
      pageTitle: `${hub.name}: people`,
      section: 'admin',
      hub,
      people,
      accounts,
      canInvite: policy.manageHubPeople(request.user, hub.id),
      roleNames: ROLE_NAMES,
      values: invite.values,
      errors: invite.errors,
      errorList: errorList(invite.errors),
      done: invite.done,
      // The national programme has no hub staff: its centrally led groups have leads.
      roles: [
        { value: 'hub_lead', text: ROLE_NAMES.hub_lead },
        { value: 'assistant_hub_lead', text: ROLE_NAMES.assistant_hub_lead },
        { value: 'hub_admin', text: ROLE_NAMES.hub_admin },
        { value: 'work_group_lead', text: `${ROLE_NAMES.work_group_lead} (choose the group below)` },
      ]
        .filter((r) => hub.id !== null || r.value === 'work_group_lead')
        .map((r) => ({ ...r, checked: invite.values.role === r.value })),
      groups: [
        { value: '', text: 'Not a Work Group role' },
        ...groups.map((g) => ({ value: g.code, text: `${g.title} (${g.code})`, selected: invite.values.work_group === g.code })),
      ],
    });
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/hubs/:slug/people', SIGNED_IN, async (request, reply) => {
    const done = request.query.done === 'invited' ? 'Invitation sent' : request.query.done === 'saved' ? 'Saved' : undefined;
    return renderDirectory(request, reply, request.params.slug, { values: {}, errors: {}, done });
  });

  app.post<{ Params: { slug: string } }>('/admin/hubs/:slug/people/invite', SIGNED_IN, async (request, reply) => {
    const hub = await managedHub(request, request.params.slug, 'people');
    const raw = rawForm(request.body);
    const parsed = inviteForm.safeParse({ work_group: '', ...raw, email: (raw.email ?? '').toLowerCase() });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const groups = await services.peopleRepository.groupCodesOf(hub.id);
    const group = groups.find((g) => g.code === raw.work_group);
    if (parsed.success && parsed.data.role === 'work_group_lead' && !group) errors.work_group = 'Select the Work Group this person will lead';
    if (parsed.success && hub.id === null && parsed.data.role !== 'work_group_lead') errors.role = 'Select Work Group lead: the national programme has no hub staff';
    if (Object.keys(errors).length || !parsed.success) {
      return renderDirectory(request, reply, request.params.slug, { values: raw, errors, status: 400 });
    }
    const result = await services.people.invite(request.user!.id, hub, {
      name: parsed.data.name,
      email: parsed.data.email,
      role: parsed.data.role as Role,
      workGroup: parsed.data.role === 'work_group_lead' && group ? group : null,
    });
    if (result.alreadyHadRole) {
      return renderDirectory(request, reply, request.params.slug, { values: raw, errors: { email: 'This person already has that role' }, status: 400 });
    }
    return reply.redirect(`/admin/hubs/${hub.slug}/people?done=invited`, 303);
  });

  function renderPerson(reply: FastifyReply, options: { title: string; action: string; hubName: string; values: Record<string, string>; errors: FieldErrors; status?: number }) {
    return reply.code(options.status ?? 200).renderForm('people/views/person-form.njk', {
      pageTitle: options.title,
      titleContext: options.hubName || undefined,
      section: 'admin',
      ...options,
      errorList: errorList(options.errors),
    });
  }

  app.get<{ Params: { slug: string } }>('/admin/hubs/:slug/people/new', SIGNED_IN, async (request, reply) => {
    const hub = await managedHub(request, request.params.slug, 'view');
    return renderPerson(reply, { title: 'Add a person to the directory', action: `/admin/hubs/${hub.slug}/people/new`, hubName: hub.name, values: {}, errors: {} });
  });

  app.post<{ Params: { slug: string } }>('/admin/hubs/:slug/people/new', SIGNED_IN, async (request, reply) => {
    const hub = await managedHub(request, request.params.slug, 'view');
    const raw = rawForm(request.body);
    const parsed = personForm.safeParse({ role_title: '', email: '', bio: '', name: '', ...raw });
    if (!parsed.success) {
      return renderPerson(reply, { title: 'Add a person to the directory', action: request.url, hubName: hub.name, values: raw, errors: fieldErrors(parsed.error), status: 400 });
    }
    await services.people.addPerson(request.user!.id, hub, { ...parsed.data, email: parsed.data.email || null, role_title: parsed.data.role_title || null });
    return reply.redirect(`/admin/hubs/${hub.slug}/people?done=saved`, 303);
  });

  async function managedPerson(request: FastifyRequest, id: string) {
    const person = /^\d{1,9}$/.test(id) ? await services.peopleRepository.personById(Number(id)) : undefined;
    if (!person) throw new NotFoundError('person');
    if (!policy.manageHubProgramme(request.user, person.hub_id)) throw new ForbiddenError();
    return person;
  }

  app.get<{ Params: { id: string } }>('/admin/people/:id/edit', SIGNED_IN, async (request, reply) => {
    const person = await managedPerson(request, request.params.id);
    return renderPerson(reply, {
      title: `Change ${person.name}`,
      action: `/admin/people/${person.id}/edit`,
      hubName: '',
      values: { name: person.name, role_title: person.role_title ?? '', email: person.email ?? '', bio: person.bio },
      errors: {},
    });
  });

  app.post<{ Params: { id: string } }>('/admin/people/:id/edit', SIGNED_IN, async (request, reply) => {
    const person = await managedPerson(request, request.params.id);
    const raw = rawForm(request.body);
    const parsed = personForm.safeParse({ role_title: '', email: '', bio: '', name: '', ...raw });
    if (!parsed.success) {
      return renderPerson(reply, { title: `Change ${person.name}`, action: request.url, hubName: '', values: raw, errors: fieldErrors(parsed.error), status: 400 });
    }
    await services.people.updatePerson(request.user!.id, person, { ...parsed.data, email: parsed.data.email || null, role_title: parsed.data.role_title || null });
    return reply.redirect(`/admin/hubs/${person.hub_slug ?? NATIONAL.slug}/people?done=saved`, 303);
  });

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/leaders', SIGNED_IN, async (request, reply) => {
    const group = await services.hubAdmin.groupByCode(request.params.code);
    if (!group || !/^[A-Za-z0-9-]{1,30}$/.test(request.params.code)) throw new NotFoundError('Work Group');
    if (!policy.manageHubProgramme(request.user, group.hub_id)) throw new ForbiddenError();
    const [candidates, current] = await Promise.all([
      services.peopleRepository.candidateLeaders(group.hub_id, group.id),
      services.peopleRepository.leadersOf(group.id),
    ]);
    return reply.renderForm('people/views/leaders.njk', {
      pageTitle: `Leaders of ${group.title}`,
      section: 'admin',
      group,
      items: candidates.map((p) => ({
        value: String(p.id),
        text: p.name,
        hint: { text: p.role_title ?? '' },
        checked: current.includes(p.id),
      })),
    });
  });

  app.post<{ Params: { code: string } }>('/admin/work-groups/:code/leaders', SIGNED_IN, async (request, reply) => {
    const group = /^[A-Za-z0-9-]{1,30}$/.test(request.params.code) ? await services.hubAdmin.groupByCode(request.params.code) : undefined;
    if (!group) throw new NotFoundError('Work Group');
    if (!policy.manageHubProgramme(request.user, group.hub_id)) throw new ForbiddenError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const chosen = [body.leaders].flat().filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);
    const allowed = new Set((await services.peopleRepository.candidateLeaders(group.hub_id, group.id)).map((p) => p.id));
    // Only people offered on the page can be chosen: a tampered id is ignored, not saved.
    await services.people.setLeaders(request.user!.id, group, [...new Set(chosen)].filter((id) => allowed.has(id)));
    return reply.redirect(`/admin/work-groups/${group.code}?done=leaders`, 303);
  });
}
