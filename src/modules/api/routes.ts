// The JSON API (/api/v1/…): registration's operations for other systems and load tests, with
// the same checks and messages as the pages, authenticated by a personal bearer token that a
// signed-in person creates and revokes at /account/api-tokens. The API never reads the session
// cookie, so the pages' CSRF check does not apply to it: a request either carries a token or
// is refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { newToken, tokenHash } from '../../platform/lib/tokens.ts';
import type { createAuthService, CurrentUser } from '../../core/identity/service.ts';
import type { createApiTokenRepository } from './repository.ts';
import type { createCalendarRepository } from '../calendars/index.ts';
import type { createWorkGroupService } from '../catalogue/index.ts';
import type { createAuthoringRepository } from '../../core/work-groups/authoring-repository.ts';
import type { createRegistrationService } from '../registrations/index.ts';
import { isDatabaseUnavailable } from '../../platform/db/database.ts';
import { ForbiddenError, HttpError, NotFoundError, RETRY_AFTER_SECONDS } from '../../platform/http/errors.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorList, one, readForm } from '../../platform/http/forms.ts';
import { WITHOUT_CSRF } from '../../platform/http/csrf.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import { policy } from '../../core/identity/policy.ts';
import { headteacherConflict, MAX_REGISTRATIONS_PER_HOUR, parseHeadteacher, parseParticipants } from '../registrations/index.ts';
import { labelOf } from '../../core/membership/registration-status.ts';
import { openApiDocument } from './openapi.ts';
import { WORK_GROUP_CODE as CODE } from '../../core/work-groups/domain.ts';
import { idOrUndefined } from '../../platform/http/params.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { apiTokens: ReturnType<typeof createApiTokenRepository>; auth: ReturnType<typeof createAuthService>; calendarFeeds: { calendars: ReturnType<typeof createCalendarRepository>; baseUrl: string }; hubAdmin: ReturnType<typeof createAuthoringRepository>; registrations: ReturnType<typeof createRegistrationService>; workGroups: ReturnType<typeof createWorkGroupService> };

/** When a token stops working: its owner chooses one of these. */
const TOKEN_LIFETIMES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 180, label: '6 months' },
  { days: 365, label: '1 year' },
] as const;
const DEFAULT_TOKEN_DAYS = 90;
const BEARER = /^Bearer (hw_[A-Za-z0-9_-]{43})$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The owner of the request's API token (API routes only). */
    apiUser: CurrentUser | undefined;
    /** Which token it is (part of its hash), for the registration limit per token. */
    apiTokenKey: string | undefined;
  }
}

class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A URN as the pages take it (5 to 7 digits): anything larger would not fit the database's integer. */
const urnField = z.number({ error: 'urn must be the school’s URN, a number' }).int().positive().max(9_999_999, 'urn must be the school’s URN, a number of up to 7 digits');

const registrationBody = z
  .object({
    urn: urnField,
    participants: z
      .array(
        z
          .object({
            name: z.string(),
            email: z.string(),
            roles: z.array(z.string()).max(10),
            teachingYear: z.number().int().nullable().optional(),
            mathsItt: z.boolean().nullable().optional(),
          })
          .strict(),
      )
      .max(20),
    coreMathsYear: z.number().int().nullable().optional(),
    acceptDeclarations: z.literal(true, { error: 'acceptDeclarations must be true: the school confirms every declaration the group lists' }),
    headteacher: z.object({ name: z.string(), email: z.string() }).strict(),
  })
  .strict();

export async function apiRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const registrations = services.registrations;
  const tokens = services.apiTokens;

  // ---- tokens, managed by a signed-in person --------------------------------------------
  async function tokensPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const list = await tokens.ofUser(request.user!.id);
    const errors = (extra.errors as Record<string, string>) ?? {};
    return reply.code(status).renderForm('api/views/tokens.njk', {
      pageTitle: 'API tokens',
      section: 'account',
      tokens: list,
      lifetimes: TOKEN_LIFETIMES,
      defaultDays: DEFAULT_TOKEN_DAYS,
      errors,
      errorList: errorList(errors),
      ...extra,
    });
  }

  app.get('/account/api-tokens', SIGNED_IN, async (request, reply) => {
    if (!policy.useApi(request.user)) throw new ForbiddenError();
    return tokensPage(request, reply);
  });

  app.post('/account/api-tokens', SIGNED_IN, async (request, reply) => {
    if (!policy.useApi(request.user)) throw new ForbiddenError();
    const form = readForm(request.body);
    const name = one(form, 'name');
    // The choice the page offers, 90 days unless changed (a form without the field means that too).
    const expiresIn = one(form, 'expires') || String(DEFAULT_TOKEN_DAYS);
    const days = TOKEN_LIFETIMES.find((l) => String(l.days) === expiresIn)?.days;
    const errors: Record<string, string> = {};
    if (!name || name.length > 100) errors.name = name ? 'Name must be 100 characters or fewer' : 'Enter a name, so you know later what uses the token';
    if (!days) errors.expires = 'Choose when the token stops working';
    if (!days || errors.name) return tokensPage(request, reply, { errors, values: { name, expires: days ? expiresIn : undefined } }, 400);
    const token = `hw_${newToken()}`;
    await tokens.create(request.user!.id, name, tokenHash(token), days);
    // Shown once, on this page (never in a URL), and never again.
    return tokensPage(request, reply.header('cache-control', 'no-store'), { created: { name, token } });
  });

  app.post<{ Params: { id: string } }>('/account/api-tokens/:id/revoke', SIGNED_IN, async (request, reply) => {
    const id = idOrUndefined(request.params.id);
    if (!id || !(await tokens.revoke(request.user!.id, id, new Date()))) throw new NotFoundError('API token');
    return reply.redirect('/account/api-tokens', 303);
  });

  // Offered after a password reset (which leaves tokens working): revoke them all at once.
  app.post('/account/api-tokens/revoke-all', SIGNED_IN, async (request, reply) => {
    await tokens.revokeAll(request.user!.id, new Date());
    return reply.redirect('/account/api-tokens', 303);
  });

  app.get('/api', async (_request, reply) =>
    reply.render('api/views/docs.njk', { pageTitle: 'The Maths Hubs Work Groups API', section: 'account', document: openApiDocument(), baseUrl: services.calendarFeeds.baseUrl }),
  );

  // ---- the API itself -----------------------------------------------------------------------
  await app.register(
    async (api) => {
    // The JSON API authenticates by bearer token only and never reads the session cookie: no CSRF token.
    api.addHook('onRoute', (route) => {
      route.config = { ...route.config, ...WITHOUT_CSRF.config };
    });
    api.decorateRequest('apiUser', undefined);
    api.decorateRequest('apiTokenKey', undefined);

    api.get('/openapi.json', async () => openApiDocument());

    api.addHook('onRequest', async (request) => {
      if (request.url === '/api/v1/openapi.json') return;
      const match = BEARER.exec(request.headers.authorization ?? '');
      const hash = match ? tokenHash(match[1]!) : undefined;
      const userId = hash ? await tokens.use(hash, new Date()) : undefined;
      const user = userId ? await services.auth.userById(userId) : undefined;
      if (!user) throw new ApiError(401, 'unauthorised', 'Send a live personal API token: Authorization: Bearer hw_…');
      // A token made before its owner's roles changed.
      if (!policy.useApi(user)) throw new ApiError(403, 'forbidden', 'Your account may not use the API');
      request.apiUser = user;
      request.apiTokenKey = hash!.slice(0, 32);
    });

    api.setErrorHandler((error: unknown, request, reply) => {
      if (error instanceof ApiError) {
        if (error.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="hubwork"');
        return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...error.extra });
      }
      if (error instanceof NotFoundError || (error instanceof DomainError && error.refusal === 'not-found')) return reply.code(404).send({ error: 'not_found', message: error.message });
      if (error instanceof DomainError && error.refusal === 'refused') return reply.code(403).send({ error: 'refused', message: error.title });
      if (error instanceof ForbiddenError || error instanceof DomainError) return reply.code(403).send({ error: 'forbidden', message: 'Your account may not do this' });
      if (error instanceof HttpError) return reply.code(error.statusCode).send({ error: 'bad_request', message: error.message });
      const status = (error as { statusCode?: number }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return reply.code(status).send({ error: 'bad_request', message: status === 413 ? 'The request body is too large' : 'The request could not be read as JSON' });
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ error: error instanceof Error ? error.message : String(error), url: request.url }, 'database unavailable: answered 503');
        return reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({ error: 'unavailable', message: 'The service is unavailable for a moment. Nothing was changed: try again later.' });
      }
      request.log.error({ err: error, url: request.url }, 'unhandled API error');
      return reply.code(500).send({ error: 'internal', message: 'Sorry, there is a problem with the service. Nothing was changed.' });
    });
    api.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', message: 'No such API endpoint' }));

    async function groupOf(code: string) {
      if (!CODE.test(code)) throw new NotFoundError('Work Group');
      const [group, page] = await Promise.all([registrations.group(code), services.workGroups.findByCode(code)]);
      if (!group || !page) throw new NotFoundError('Work Group');
      return { group, page, open: page.registrationWindowOpen };
    }

    api.get<{ Params: { code: string } }>('/work-groups/:code', async (request) => {
      const { group, page, open } = await groupOf(request.params.code);
      const { rules } = await registrations.rulesFor(group);
      return {
        code: group.code,
        title: group.title,
        status: page.status,
        registering: open,
        placesTotal: group.places_total,
        placesTaken: group.places_taken,
        participantsPerSchool: group.participants_per_school,
        questions: registrations.questionsFor(rules),
        declarations: registrations.declarationsFor(group, rules),
        eligibility: page.eligibility,
      };
    });

    api.post<{ Params: { code: string }; Body: unknown }>('/work-groups/:code/eligibility', async (request) => {
      const { group } = await groupOf(request.params.code);
      const parsed = z.object({ urn: urnField }).strict().safeParse(request.body);
      if (!parsed.success) throw new ApiError(422, 'invalid', 'Send {"urn": <the school’s URN>}', { errors: [{ field: 'urn', message: 'Enter the school’s URN, a number' }] });
      const assessed = await registrations.assessSchool(group, parsed.data.urn);
      if (!assessed) throw new ApiError(422, 'invalid', 'No school has that URN', { errors: [{ field: 'urn', message: 'No school has that URN' }] });
      const { refusals, warnings, reasons } = assessed.assessment;
      return {
        eligible: !refusals.length && !assessed.existing,
        alreadyRegistered: assessed.existing?.reference ?? null,
        refusals,
        warnings,
        reasons: [...reasons, ...assessed.linked.notes],
        alsoRegistersFor: assessed.linked.partners.map((p) => ({ code: p.code, title: p.title })),
      };
    });

    api.post<{ Params: { code: string }; Body: unknown }>('/work-groups/:code/registrations', { bodyLimit: 64 * 1024 }, async (request, reply) => {
      // Only what registering needs (the public page's details are not read).
      const group = CODE.test(request.params.code) ? await registrations.group(request.params.code) : undefined;
      if (!group) throw new NotFoundError('Work Group');
      const open = registrations.isOpen(group);
      const shape = registrationBody.safeParse(request.body);
      if (!shape.success) {
        const errors = shape.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message }));
        throw new ApiError(422, 'invalid', 'The registration has problems', { errors });
      }
      const body = shape.data;
      const { rules } = await registrations.rulesFor(group);
      const checked = parseParticipants(body.participants, group.participants_per_school, registrations.questionsFor(rules), body.coreMathsYear ?? null);
      const headteacher = parseHeadteacher(body.headteacher);
      const conflict = headteacher.ok ? headteacherConflict(headteacher.value.email, checked.participants) : undefined;
      const errors = {
        ...checked.errors,
        ...(headteacher.ok ? {} : Object.fromEntries(Object.entries(headteacher.errors).map(([k, v]) => [`headteacher.${k}`, v]))),
        ...(conflict ? { 'headteacher.email': conflict } : {}),
      };
      if (Object.keys(errors).length || !headteacher.ok) {
        throw new ApiError(422, 'invalid', 'The registration has problems', { errors: Object.entries(errors).map(([field, message]) => ({ field, message })) });
      }
      const result = await registrations.submit(group, open, {
        urn: body.urn,
        participants: checked.participants,
        coreMathsYear: checked.coreMathsYear,
        declarations: registrations.declarationsFor(group, rules),
        headteacher: headteacher.value,
      }, {
        apiUser: request.apiUser!,
        tokenKey: request.apiTokenKey!,
        // Hub staff registering for their own hub's groups can change its places anyway: no limit.
        unlimited: policy.manageHubProgramme(request.apiUser, group.hub_id),
      });
      switch (result.kind) {
        case 'closed':
          throw new ApiError(409, 'closed', 'This Work Group is not taking registrations');
        case 'unknown-school':
          throw new ApiError(422, 'invalid', 'No school has that URN', { errors: [{ field: 'urn', message: 'No school has that URN' }] });
        case 'already':
          throw new ApiError(409, 'already_registered', 'The school is already registered for this Work Group', { reference: result.reference });
        case 'headteacher-is-participant':
          throw new ApiError(422, 'invalid', 'The registration has problems', { errors: [{ field: 'headteacher.email', message: result.message }] });
        case 'refused':
          throw new ApiError(403, 'not_eligible', 'The school or its participants do not meet the group’s requirements', { reasons: result.reasons });
        case 'throttled':
          return reply
            .code(429)
            .header('retry-after', String(result.retryAfterSeconds))
            .send({ error: 'too_many', message: `Too many registrations: one token or person may make ${MAX_REGISTRATIONS_PER_HOUR} an hour. Try again in ${result.retryAfterSeconds} seconds.` });
      }
      return reply
        .code(201)
        .header('location', `/api/v1/registrations/${result.reference}`)
        .send({
          reference: result.reference,
          status: result.status === 'pending_consent' ? 'held' : 'waiting_list',
          holdExpiresAt: result.holdExpiresAt?.toISOString() ?? null,
          waitingListPosition: result.position ?? null,
          warnings: result.warnings,
          linked: result.linked,
        });
    });

    /** A registration, for hub staff who run its group. */
    async function staffRegistration(request: FastifyRequest, reference: string) {
      const details = await registrations.byReference(reference);
      if (!details) throw new NotFoundError('registration');
      if (!policy.manageHubProgramme(request.apiUser, details.hub_id)) throw new ForbiddenError();
      return details;
    }

    const shown = (d: NonNullable<Awaited<ReturnType<typeof registrations.details>>>) => ({
      reference: d.reference,
      status: d.status,
      statusLabel: labelOf(d).text,
      workGroup: d.code,
      school: { urn: d.urn, name: d.school_name },
      participants: d.participants.map((p) => ({ name: p.name, email: p.email, roles: p.roles })),
      headteacher: { name: d.headteacher_name, email: d.headteacher_email },
      registeredBy: d.registered_by_email ? { name: d.registered_by_name, email: d.registered_by_email } : null,
      headteacherApproval: d.approved_at ? { at: d.approved_at.toISOString(), check: d.approval_check } : null,
      holdExpiresAt: d.status === 'pending_consent' ? (d.hold_expires_at?.toISOString() ?? null) : null,
      warnings: d.warnings,
      linked: d.linked.map((l) => ({ reference: l.reference, code: l.code, title: l.title })),
    });

    api.get<{ Params: { reference: string } }>('/registrations/:reference', async (request) => shown(await staffRegistration(request, request.params.reference)));

    api.post<{ Params: { reference: string }; Body: unknown }>('/registrations/:reference/cancel', async (request) => {
      const details = await staffRegistration(request, request.params.reference);
      const parsed = z.object({ reason: z.string().trim().min(1).max(500) }).strict().safeParse(request.body);
      if (!parsed.success) throw new ApiError(422, 'invalid', 'Give a reason (up to 500 characters): it is kept in the hub’s audit log', { errors: [{ field: 'reason', message: 'Enter why you are cancelling the registration' }] });
      const done = await registrations.end(details.id, 'cancelled', { actorUserId: request.apiUser!.id, reason: parsed.data.reason });
      if (!done) throw new ApiError(409, 'already_ended', 'This registration has already ended');
      return shown((await registrations.details(details.id))!);
    });

    api.post<{ Params: { reference: string }; Body: unknown }>('/registrations/:reference/move', async (request) => {
      const details = await staffRegistration(request, request.params.reference);
      const parsed = z.object({ workGroup: z.string().trim().min(1).max(30), reason: z.string().trim().min(1).max(500) }).strict().safeParse(request.body);
      if (!parsed.success) {
        throw new ApiError(422, 'invalid', 'Send {"workGroup": <the code of the group to move it to>, "reason": <why, up to 500 characters>}', {
          errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
        });
      }
      const target = (await registrations.moveTargets(details.work_group_id)).find((t) => t.code.toUpperCase() === parsed.data.workGroup.toUpperCase());
      if (!target || !policy.manageHubProgramme(request.apiUser, target.hub_id)) {
        throw new ApiError(422, 'invalid', 'A registration moves only to another published or closed group of its project in the same hub', {
          errors: [{ field: 'workGroup', message: 'Not a group this registration can move to' }],
        });
      }
      const outcome = await registrations.moveTo(details.id, target, { actorUserId: request.apiUser!.id, reason: parsed.data.reason });
      if (outcome === 'ended') throw new ApiError(409, 'already_ended', 'This registration has already ended');
      if (outcome === 'full') throw new ApiError(409, 'group_full', `${target.code} has no free places`);
      if (outcome === 'already') throw new ApiError(409, 'already_registered', `The school is already registered for ${target.code}`);
      return shown((await registrations.details(details.id))!);
    });

    api.get<{ Params: { code: string } }>('/work-groups/:code/registrations', async (request) => {
      const { group } = await groupOf(request.params.code);
      const admin = await services.hubAdmin.groupByCode(group.code);
      if (!admin || !policy.manageHubProgramme(request.apiUser, admin.hub_id)) throw new ForbiddenError();
      const rows = await registrations.ofGroup(group.id);
      let position = 0;
      return {
        workGroup: group.code,
        placesTotal: group.places_total,
        placesTaken: group.places_taken,
        registrations: rows.map((r) => ({
          reference: r.reference,
          status: r.status,
          waitingListPosition: r.status === 'waitlisted' ? ++position : null,
          school: { urn: r.urn, name: r.school_name },
          registeredAt: r.created_at.toISOString(),
        })),
      };
    });
    },
    { prefix: '/api/v1' },
  );
}
