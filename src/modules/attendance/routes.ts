// Registers for a Work Group's lead (/work-groups/:code/registers…): each workshop's register,
// taken on a phone or a laptop, and each school's progress against the completion rule; and
// the participants' own check-in with the workshop's code (/check-in), no account needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createRegisterService } from './service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, one, readForm } from '../../platform/http/forms.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import { policy } from '../../core/identity/policy.ts';
import { excelCsv } from '../../platform/lib/csv.ts';
import { ATTENDANCE_LABELS, OPENS_BEFORE_MS, type RegisterGroup } from './service.ts';
import { WORK_GROUP_CODE as CODE } from '../../core/work-groups/domain.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { registers: ReturnType<typeof createRegisterService> };

export async function registerRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const registers = services.registers;

  /** The group, if the signed-in person leads it (its Work Group leads, its hub's staff). */
  async function ledGroup(request: FastifyRequest, code: string): Promise<RegisterGroup> {
    const group = CODE.test(code) ? await registers.group(code) : undefined;
    if (!group) throw new NotFoundError('Work Group');
    if (!policy.leadWorkGroup(request.user, { id: group.id, hubId: group.hub_id })) throw new ForbiddenError();
    return group;
  }

  async function overviewPage(reply: FastifyReply, group: RegisterGroup, extra: { saved?: string; errors?: FieldErrors; values?: Record<string, string> } = {}, status = 200) {
    const errors = extra.errors ?? {};
    return reply.code(status).renderForm('attendance/views/overview.njk', {
      pageTitle: `Registers: ${group.title}`,
      group,
      ...(await registers.overview(group)),
      saved: extra.saved,
      errors,
      errorList: errorList(errors),
      values: extra.values ?? {},
    });
  }

  app.get<{ Params: { code: string }; Querystring: { saved?: string } }>('/work-groups/:code/registers', SIGNED_IN, async (request, reply) => {
    const group = await ledGroup(request, request.params.code);
    const saved = /^\d{1,3}$/.test(request.query.saved ?? '') ? `Register saved for workshop ${request.query.saved}` : request.query.saved === 'rule'
          ? 'Completion rule saved'
          : request.query.saved === 'completion'
            ? 'Each school’s completion is recorded'
            : undefined;
    return overviewPage(reply, group, { saved });
  });

  // The attendance sheet, for the hub's records and the national programme's returns.
  app.get<{ Params: { code: string } }>('/work-groups/:code/registers/attendance.csv', SIGNED_IN, async (request, reply) => {
    const group = await ledGroup(request, request.params.code);
    const { header, rows } = await registers.attendanceSheet(group);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${group.code}-attendance.csv"`)
      .send(excelCsv(header, rows));
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/registers/completion', SIGNED_IN, async (request, reply) => {
    const group = await ledGroup(request, request.params.code);
    const form = readForm(request.body);
    const text = one(form, 'min-sessions').trim();
    const requiresTasks = one(form, 'requires-tasks') === 'yes';
    const { dated } = await registers.overview(group);
    if (text !== '' && (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > dated)) {
      const errors = { 'min-sessions': `Enter a number of workshops from 1 to ${dated}, or leave it empty for every workshop` };
      return overviewPage(reply, group, { errors, values: { 'min-sessions': text, 'requires-tasks': requiresTasks ? 'yes' : 'no' } }, 400);
    }
    await registers.setCompletionRule(group, text === '' ? null : Number(text), requiresTasks);
    return reply.redirect(`/work-groups/${group.code}/registers?saved=rule`, 303);
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/registers/record-completion', SIGNED_IN, async (request, reply) => {
    const group = await ledGroup(request, request.params.code);
    const result = await registers.recordCompletion(group);
    if (!result.ok) return overviewPage(reply, group, { errors: { completion: result.message } }, 400);
    return reply.redirect(`/work-groups/${group.code}/registers?saved=completion`, 303);
  });

  async function registerPage(reply: FastifyReply, group: RegisterGroup, workshop: number, extra: { errors?: FieldErrors; values?: Record<string, string> } = {}, status = 200) {
    const register = await registers.register(group, workshop);
    if (!register) throw new NotFoundError('workshop');
    const errors = extra.errors ?? {};
    const values: Record<string, string> = {};
    for (const p of register.participants) {
      values[`attendance-${p.id}`] = extra.values?.[`attendance-${p.id}`] ?? p.mark?.status ?? '';
      values[`reason-${p.id}`] = extra.values?.[`reason-${p.id}`] ?? p.mark?.absence_reason ?? '';
    }
    return reply.code(status).renderForm('attendance/views/register.njk', {
      pageTitle: `Register: workshop ${workshop}`,
      titleContext: group.title,
      group,
      ...register,
      opensAt: register.session.starts_at ? new Date(register.session.starts_at.getTime() - OPENS_BEFORE_MS) : null,
      labels: ATTENDANCE_LABELS,
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  const workshopNumber = (text: string) => (/^\d{1,3}$/.test(text) ? Number(text) : undefined);

  app.get<{ Params: { code: string; workshop: string } }>('/work-groups/:code/registers/:workshop', SIGNED_IN, async (request, reply) => {
    const group = await ledGroup(request, request.params.code);
    const workshop = workshopNumber(request.params.workshop);
    if (workshop === undefined) throw new NotFoundError('workshop');
    return registerPage(reply, group, workshop);
  });

  app.post<{ Params: { code: string; workshop: string } }>('/work-groups/:code/registers/:workshop', SIGNED_IN, async (request, reply) => {
    const group = await ledGroup(request, request.params.code);
    const workshop = workshopNumber(request.params.workshop);
    if (workshop === undefined) throw new NotFoundError('workshop');
    const form = readForm(request.body);
    const values: Record<string, string> = {};
    const answers: Record<number, { status: string; reason: string }> = {};
    for (const key of Object.keys(form)) {
      const match = /^attendance-(\d{1,10})$/.exec(key);
      if (!match) continue;
      const id = Number(match[1]);
      answers[id] = { status: one(form, key), reason: one(form, `reason-${id}`) };
      values[key] = answers[id].status;
      values[`reason-${id}`] = answers[id].reason;
    }
    const result = await registers.saveRegister(group, workshop, answers, request.user!.id);
    if (result.ok) return reply.redirect(`/work-groups/${group.code}/registers?saved=${workshop}`, 303);
    if (result.notOpen) {
      const errors = { register: result.notOpen === 'no-date' ? 'This workshop has no date yet, so its register cannot be taken' : 'This workshop has not started yet: its register opens 30 minutes before it starts' };
      return registerPage(reply, group, workshop, { errors, values }, 400);
    }
    return registerPage(reply, group, workshop, { errors: result.errors, values }, Object.keys(result.errors).length ? 400 : 404);
  });

  // ---- participants check themselves in ---------------------------------------------------
  function checkInPage(reply: FastifyReply, values: { code: string; email: string }, errors: FieldErrors = {}, status = 200) {
    return reply.code(status).renderForm('attendance/views/check-in.njk', {
      pageTitle: 'Check in to your workshop',
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get<{ Querystring: { code?: string } }>('/check-in', async (request, reply) => {
    const code = typeof request.query.code === 'string' ? request.query.code.slice(0, 20) : '';
    return checkInPage(reply, { code, email: '' });
  });

  app.post('/check-in', async (request, reply) => {
    const form = readForm(request.body);
    const values = { code: one(form, 'code').slice(0, 20), email: one(form, 'email').slice(0, 254) };
    const errors: FieldErrors = {};
    if (!values.code.trim()) errors.code = 'Enter the code shown at the workshop';
    if (!values.email.trim()) errors.email = 'Enter your email address';
    if (Object.keys(errors).length) return checkInPage(reply, values, errors, 400);
    const result = await registers.checkIn(values.code, values.email, request.ip);
    if (!result.ok && 'throttled' in result) {
      const minutes = Math.max(1, Math.ceil(result.retryInSeconds / 60));
      const wait = `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, or ask your Work Group lead to mark you on the register.`;
      const message =
        result.throttled === 'address'
          ? `Too many wrong codes have been typed on this network. ${wait}`
          : `Too many check-ins for this workshop used an email address that is not on its register. ${wait}`;
      return checkInPage(reply, values, { code: message }, 429);
    }
    if (!result.ok) return checkInPage(reply, values, { [result.field]: result.message }, 400);
    // One answer whether or not the address is a participant's: see registers.checkIn.
    return reply.render('attendance/views/checked-in.njk', { pageTitle: 'Check-in sent', result, email: values.email.trim(), labels: ATTENDANCE_LABELS });
  });
}
