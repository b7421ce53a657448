// The hub's view of a group's registrations (/admin/work-groups/:code/registrations): places
// held and confirmed, the waiting list in order, a CSV that opens cleanly in Excel, and what
// staff may do to one registration (confirm it, cancel it), each with a recorded reason.
// Also the school's own page, from the link in its first email (/registrations/:token).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createAuthoringRepository } from '../../core/work-groups/authoring-repository.ts';
import type { createRegistrationService } from './service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, one, readForm } from '../../platform/http/forms.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import { policy } from '../../core/identity/policy.ts';
import { excelCsv } from '../../platform/lib/csv.ts';
import { londonIsoDate } from '../../platform/lib/london-time.ts';
import { APPROVAL_CHECKS, websiteDomain } from './domain.ts';
import { labelOf, LIVE } from '../../core/membership/registration-status.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { hubAdmin: ReturnType<typeof createAuthoringRepository>; registrations: ReturnType<typeof createRegistrationService> };

const CODE = /^[A-Za-z0-9-]{1,30}$/;
const MAX_REASON = 500;

export async function registrationStaffRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const registrations = services.registrations;

  async function managedGroup(request: FastifyRequest, code: string) {
    const group = CODE.test(code) ? await services.hubAdmin.groupByCode(code) : undefined;
    if (!group) throw new NotFoundError('Work Group');
    if (!policy.manageHubProgramme(request.user, group.hub_id)) throw new ForbiddenError();
    return group;
  }

  async function overview(groupId: number) {
    const rows = await registrations.ofGroup(groupId);
    let position = 0;
    const listed = rows.map((r) => ({
      ...r,
      label: labelOf(r),
      position: r.status === 'waitlisted' ? ++position : null,
    }));
    return {
      places: listed.filter((r) => r.status === 'confirmed' || r.status === 'pending_consent'),
      waiting: listed.filter((r) => r.status === 'waitlisted'),
      ended: listed.filter((r) => !['confirmed', 'pending_consent', 'waitlisted'].includes(r.status)),
      counts: {
        confirmed: listed.filter((r) => r.status === 'confirmed').length,
        held: listed.filter((r) => r.status === 'pending_consent').length,
        unverified: listed.filter((r) => r.status === 'pending_consent' && r.approved_at).length,
        waiting: position,
      },
    };
  }

  async function listPage(reply: FastifyReply, group: Awaited<ReturnType<typeof managedGroup>>, extra: { errors?: Record<string, string>; values?: Record<string, string>; done?: string } = {}, status = 200) {
    const errors = extra.errors ?? {};
    return reply.code(status).renderForm('registrations/views/staff-list.njk', {
      pageTitle: `${group.title}: registrations`,
      section: 'admin',
      group,
      ...(await overview(group.id)),
      errors,
      errorList: errorList(errors),
      values: extra.values ?? {},
      done: extra.done,
    });
  }

  app.get<{ Params: { code: string }; Querystring: { done?: string } }>('/admin/work-groups/:code/registrations', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    return listPage(reply, group, { done: request.query.done === 'allowed' ? 'The school can now register. Tell them to start again from the Work Group’s page.' : undefined });
  });

  // A school refused by a requirement, let in by the hub with a reason (kept with the audit log).
  app.post<{ Params: { code: string } }>('/admin/work-groups/:code/registrations/allow', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const form = readForm(request.body);
    const urnText = one(form, 'urn');
    const reason = one(form, 'reason');
    const errors: Record<string, string> = {};
    if (!/^\d{5,7}$/.test(urnText)) errors.urn = 'Enter the school’s URN, a number like 137000';
    if (!reason) errors.reason = 'Enter why this school can take part: it is kept in the hub’s audit log';
    else if (reason.length > MAX_REASON) errors.reason = `The reason must be ${MAX_REASON} characters or fewer`;
    if (!errors.urn && !(await registrations.school(Number(urnText)))) errors.urn = 'No school has this URN';
    if (Object.keys(errors).length) return listPage(reply, group, { errors, values: { urn: urnText, reason } }, 400);
    await registrations.allow(group, Number(urnText), { actorUserId: request.user!.id, reason });
    return reply.redirect(`/admin/work-groups/${group.code}/registrations?done=allowed`, 303);
  });

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/registrations.csv', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const { places, waiting, ended } = await overview(group.id);
    const rows = [...places, ...waiting, ...ended].map((r) =>
      [
        r.reference,
        r.label.text,
        r.position === null ? '' : String(r.position),
        String(r.urn),
        r.school_name,
        r.postcode,
        r.participants.map((p) => `${p.name} (${p.email})`).join('; '),
        r.headteacher_name,
        r.headteacher_email,
        r.registered_by_name ? `${r.registered_by_name} (${r.registered_by_email})` : '',
        londonIsoDate(r.created_at),
        r.hold_expires_at && r.status === 'pending_consent' ? londonIsoDate(r.hold_expires_at) : '',
      ],
    );
    const csv = excelCsv(['Reference', 'Status', 'Waiting list position', 'URN', 'School', 'Postcode', 'Participants', 'Headteacher', 'Headteacher email', 'Registered by', 'Registered on', 'Held until'], rows);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${group.code}-registrations.csv"`)
      .send(csv);
  });

  async function staffRegistration(request: FastifyRequest, code: string, reference: string) {
    const group = await managedGroup(request, code);
    const details = await registrations.byReference(reference);
    if (!details || details.work_group_id !== group.id) throw new NotFoundError('registration');
    return { group, details };
  }

  async function renderOne(
    reply: FastifyReply,
    context: { group: object; details: NonNullable<Awaited<ReturnType<typeof registrations.details>>>; errors?: Record<string, string>; values?: Record<string, string> },
    status = 200,
  ) {
    const errors = context.errors ?? {};
    return reply.code(status).renderForm('registrations/views/staff-one.njk', {
      pageTitle: `${context.details.school_name}: ${context.details.reference}`,
      section: 'admin',
      ...context,
      targets: await registrations.moveTargets(context.details.work_group_id),
      label: labelOf(context.details),
      approvalChecks: APPROVAL_CHECKS,
      schoolDomain: websiteDomain((await registrations.school(context.details.urn))?.website),
      errors,
      values: context.values ?? {},
      errorList: errorList(errors),
    });
  }

  app.get<{ Params: { code: string; reference: string } }>('/admin/work-groups/:code/registrations/:reference', SIGNED_IN, async (request, reply) => {
    return renderOne(reply, await staffRegistration(request, request.params.code, request.params.reference));
  });

  app.post<{ Params: { code: string; reference: string; action: string } }>(
    '/admin/work-groups/:code/registrations/:reference/:action',
    SIGNED_IN,
    async (request, reply) => {
      const { action } = request.params;
      if (action !== 'confirm' && action !== 'cancel' && action !== 'move' && action !== 'refuse') throw new NotFoundError();
      const found = await staffRegistration(request, request.params.code, request.params.reference);
      if (action === 'move') return move(request, reply, found);
      const form = readForm(request.body);
      const reason = one(form, `${action}-reason`);
      const field = `${action}-reason`;
      const checking = Boolean(found.details.approved_at);
      if (!reason || reason.length > MAX_REASON) {
        const why = {
          confirm: checking ? 'Enter how you checked that this is the headteacher’s address' : 'Enter why you are confirming the place',
          cancel: 'Enter why you are cancelling the registration',
          refuse: 'Enter why you are refusing the headteacher’s approval',
        }[action];
        const message = !reason ? `${why}: it is kept in the hub’s audit log` : `The reason must be ${MAX_REASON} characters or fewer`;
        return renderOne(reply, { ...found, errors: { [field]: message }, values: { [field]: reason } }, 400);
      }
      const staff = { actorUserId: request.user!.id, reason };
      const done =
        action === 'confirm'
          ? await registrations.confirmByStaff(found.details.id, staff, { remember: one(form, 'remember') === 'yes' })
          : action === 'refuse'
            ? await registrations.refuseApproval(found.details.id, staff)
            : await registrations.end(found.details.id, 'cancelled', staff);
      if (!done) {
        const message = {
          confirm: 'Only a place held for the headteacher can be confirmed',
          refuse: 'Only an approval waiting for the hub’s check can be refused',
          cancel: 'This registration has already ended',
        }[action];
        return renderOne(reply, { ...found, details: (await registrations.details(found.details.id)) ?? found.details, errors: { [field]: message }, values: { [field]: reason } }, 400);
      }
      return reply.redirect(`/admin/work-groups/${found.group.code}/registrations`, 303);
    },
  );

  /** Hub staff move a registration to another group of its project in their hub. */
  async function move(request: FastifyRequest, reply: FastifyReply, found: Awaited<ReturnType<typeof staffRegistration>>) {
    const form = readForm(request.body);
    const values = { target: one(form, 'target'), 'move-reason': one(form, 'move-reason') };
    const reason = values['move-reason'];
    const target = (await registrations.moveTargets(found.details.work_group_id)).find((t) => t.code === values.target);
    const errors: Record<string, string> = {};
    if (!target) errors.target = 'Choose the group to move the registration to';
    if (!reason) errors['move-reason'] = 'Enter why you are moving the registration: it is kept in the hub’s audit log';
    else if (reason.length > MAX_REASON) errors['move-reason'] = `The reason must be ${MAX_REASON} characters or fewer`;
    if (target && !policy.manageHubProgramme(request.user, target.hub_id)) errors.target = 'You can only move a registration to a group your hub runs';
    if (!target || Object.keys(errors).length) return renderOne(reply, { ...found, errors, values }, 400);
    const outcome = await registrations.moveTo(found.details.id, target, { actorUserId: request.user!.id, reason });
    if (outcome !== 'moved') {
      const message = {
        full: `${target.code} has no free places. Choose another group, or free a place on it first`,
        already: `${found.details.school_name} is already registered for ${target.code}`,
        ended: 'This registration has already ended',
      }[outcome];
      return renderOne(reply, { ...found, details: (await registrations.details(found.details.id)) ?? found.details, errors: { target: message }, values }, 400);
    }
    return reply.redirect(`/admin/work-groups/${target.code}/registrations/${found.details.reference}`, 303);
  }

  // ---- the school's own page -------------------------------------------------------------
  async function ownPage(reply: FastifyReply, token: string, withdrawn = false) {
    const details = await registrations.byManageToken(token);
    if (!details) return reply.code(404).render('registrations/views/consent-unknown.njk', { pageTitle: 'This link does not work' });
    const position = details.status === 'waitlisted' ? await registrations.waitingPosition(details.id) : undefined;
    return reply.renderForm('registrations/views/own.njk', {
      pageTitle: `${details.school_name}: ${details.title}`,
      details,
      label: labelOf(details),
      position,
      token,
      withdrawn,
      live: LIVE.includes(details.status),
    });
  }

  app.get<{ Params: { token: string } }>('/registrations/:token', async (request, reply) => ownPage(reply, request.params.token));

  app.post<{ Params: { token: string } }>('/registrations/:token/withdraw', async (request, reply) => {
    const details = await registrations.byManageToken(request.params.token);
    if (!details) return ownPage(reply, request.params.token);
    const withdrawn = await registrations.end(details.id, 'withdrawn');
    return ownPage(reply, request.params.token, withdrawn);
  });
}
