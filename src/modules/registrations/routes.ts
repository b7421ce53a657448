// The registration journey, one question a page (/work-groups/:code/register/…), and the
// headteacher's consent page (/consent/:token). Answers so far live in a draft found by a
// cookie's token; nothing is registered until the school confirms on the check page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newToken, TOKEN_PATTERN, tokenHash } from '../../platform/lib/tokens.ts';
import type { createWorkGroupService } from '../catalogue/index.ts';
import type { Answers, ConsentView, createRegistrationService, RegistrationGroup } from './service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import { errorList, type FieldErrors, many, one, type RawForm, readForm } from '../../platform/http/forms.ts';
import { PARTICIPANT_ROLES, type Verdict } from '../eligibility/index.ts';
import { foldEmail, websiteDomain } from './domain.ts';
import { headteacherConflict, parseHeadteacher, parseParticipants, parseRegistrant, participantField } from './validation.ts';
import { WORK_GROUP_CODE as CODE } from '../../core/work-groups/domain.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { registrations: ReturnType<typeof createRegistrationService>; workGroups: ReturnType<typeof createWorkGroupService> };

/** After a rule's reason for refusing a participant: what to do instead, by the answer it is about. */
const INSTEAD: Record<NonNullable<Verdict['about']>['field'], string> = {
  roles: 'Select their role if it is one of these, or name a colleague who is.',
  'teaching-year': 'Check their year of teaching, or name a colleague who is in one of these years.',
  'maths-itt': 'Check your answer, or name a colleague who did not train to teach maths.',
  'core-maths-year': 'Check the year. If it is right, your school cannot join this group yet: ask the Maths Hub about others.',
};
const DRAFT_COOKIE = 'hubwork_registration';
const MAX_QUERY = 100;

export async function registrationRoutes(app: FastifyInstance, { services, secureCookies }: { services: RouteServices; secureCookies: boolean }) {
  const registrations = services.registrations;

  /** The group, if a school can register for it now (open, or full with a waiting list). */
  async function registrable(code: string) {
    if (!CODE.test(code)) throw new NotFoundError('Work Group');
    const [group, page] = await Promise.all([registrations.group(code), services.workGroups.findByCode(code)]);
    if (!group || !page) throw new NotFoundError('Work Group');
    return { group, page, canRegister: page.registrationWindowOpen };
  }

  function draftToken(request: FastifyRequest): string | undefined {
    const token = request.cookies[DRAFT_COOKIE];
    return token && TOKEN_PATTERN.test(token) ? token : undefined;
  }

  async function answersOf(request: FastifyRequest, group: RegistrationGroup): Promise<Answers & { done?: Done }> {
    const token = draftToken(request);
    if (!token) return {};
    return ((await registrations.draft(tokenHash(token), group)) ?? {}) as Answers & { done?: Done };
  }

  async function save(request: FastifyRequest, reply: FastifyReply, group: RegistrationGroup, answers: Answers & { done?: Done }) {
    let token = draftToken(request);
    if (!token) {
      token = newToken();
      reply.setCookie(DRAFT_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 24 * 60 * 60 });
    }
    await registrations.saveDraft(tokenHash(token), group, answers);
  }

  const base = (group: { code: string }) => `/work-groups/${group.code}/register`;

  function render(reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200) {
    return reply.code(status).renderForm(`registrations/views/${template}.njk`, { section: 'work-groups', ...context });
  }

  type Step = 'participants' | 'declarations' | 'you' | 'headteacher' | 'check';
  /** Sends the visitor back to the first question they have not answered. */
  function firstGap(group: RegistrationGroup, answers: Answers, needed: Step): string | undefined {
    const order = ['school', 'participants', 'declarations', 'you', 'headteacher', 'check'] as const;
    const missing = !answers.urn
      ? 'school'
      : !answers.participants
        ? 'participants'
        : !answers.declarations
          ? 'declarations'
          : !answers.registrant
            ? 'you'
            : !answers.headteacher
              ? 'headteacher'
              : undefined;
    if (missing && order.indexOf(missing) < order.indexOf(needed)) return `${base(group)}/${missing}`;
    return undefined;
  }

  /** The group, page and answers for a question page, or undefined once sent back to an unanswered question. */
  async function atStep(request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, needed: Step) {
    const found = await registrable(request.params.code);
    const answers = await answersOf(request, found.group);
    const gap = firstGap(found.group, answers, needed);
    if (gap) {
      reply.redirect(gap, 303);
      return undefined;
    }
    return { ...found, answers };
  }

  // ---- start ---------------------------------------------------------------------------
  app.get<{ Params: { code: string } }>('/work-groups/:code/register', async (request, reply) => {
    const { group, page, canRegister } = await registrable(request.params.code);
    return render(reply, 'start', { pageTitle: `Register for ${page.title}`, group: page, base: base(group), canRegister });
  });

  // ---- school --------------------------------------------------------------------------
  app.get<{ Params: { code: string }; Querystring: { q?: string } }>('/work-groups/:code/register/school', async (request, reply) => {
    const { group, page, canRegister } = await registrable(request.params.code);
    if (!canRegister) return reply.redirect(base(group), 303);
    const answers = await answersOf(request, group);
    const q = typeof request.query.q === 'string' ? request.query.q.trim() : undefined;
    const errors: FieldErrors = {};
    let matches: Awaited<ReturnType<typeof registrations.findSchools>> = [];
    if (q !== undefined) {
      if (!q) errors.q = 'Enter your school’s name, URN or postcode';
      else if (q.length > MAX_QUERY) errors.q = `Search must be ${MAX_QUERY} characters or fewer`;
      else {
        matches = await registrations.findSchools(q);
        if (!matches.length) errors.q = `No open school matches “${q}”. Check the spelling, or search by URN or postcode`;
      }
    } else if (answers.urn) {
      const school = await registrations.school(answers.urn);
      if (school) matches = [{ urn: school.urn, name: school.name, postcode: school.postcode, localAuthority: school.local_authority, phase: school.phase }];
    }
    return render(
      reply,
      'school',
      { pageTitle: 'Find your school', group: page, base: base(group), q, matches, chosen: answers.urn, errors, errorList: errorList(errors) },
      Object.keys(errors).length ? 400 : 200,
    );
  });

  // Suggestions for the autocomplete: at most 10 open schools, by name, URN or postcode.
  app.get<{ Params: { code: string }; Querystring: { q?: string } }>('/work-groups/:code/register/schools.json', async (request, reply) => {
    const { canRegister } = await registrable(request.params.code);
    const q = typeof request.query.q === 'string' ? request.query.q.trim() : '';
    if (!canRegister || q.length < 3 || q.length > MAX_QUERY) return reply.send([]);
    const matches = await registrations.findSchools(q);
    return reply.header('cache-control', 'private, max-age=60').send(matches.slice(0, 10).map((m) => ({ urn: m.urn, name: m.name, postcode: m.postcode })));
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/register/school', async (request, reply) => {
    const { group, page, canRegister } = await registrable(request.params.code);
    if (!canRegister) return reply.redirect(base(group), 303);
    const raw = readForm(request.body);
    const urn = /^\d{5,7}$/.test(one(raw, 'urn')) ? Number(one(raw, 'urn')) : undefined;
    const q = one(raw, 'q').slice(0, MAX_QUERY);
    const assessed = urn ? await registrations.assessSchool(group, urn) : undefined;
    if (!urn || !assessed) {
      const errors = { urn: 'Select your school from the list, or search again' };
      const matches = q ? await registrations.findSchools(q) : [];
      return render(reply, 'school', { pageTitle: 'Find your school', group: page, base: base(group), q, matches, errors, errorList: errorList(errors) }, 400);
    }
    const answers = await answersOf(request, group);
    await save(request, reply, group, { ...answers, urn, done: undefined });
    return reply.redirect(`${base(group)}/eligibility`, 303);
  });

  // ---- can the school take part? ------------------------------------------------------
  app.get<{ Params: { code: string } }>('/work-groups/:code/register/eligibility', async (request, reply) => {
    const { group, page } = await registrable(request.params.code);
    const answers = await answersOf(request, group);
    if (!answers.urn) return reply.redirect(`${base(group)}/school`, 303);
    const [school, assessed] = await Promise.all([registrations.school(answers.urn), registrations.assessSchool(group, answers.urn)]);
    if (!school || !assessed) return reply.redirect(`${base(group)}/school`, 303);
    return render(reply, 'eligibility', {
      pageTitle: assessed.existing ? 'Your school is already registered' : assessed.assessment.refusals.length ? 'Your school cannot take part' : 'Your school can take part',
      group: page,
      base: base(group),
      school,
      existing: assessed.existing,
      assessment: assessed.assessment,
      linked: assessed.linked,
    });
  });

  // ---- participants --------------------------------------------------------------------
  async function participantsPage(reply: FastifyReply, group: RegistrationGroup, page: object, values: RawForm, errors: FieldErrors, refusals: Verdict[] = []) {
    const { rules } = await registrations.rulesFor(group);
    const questions = registrations.questionsFor(rules);
    const count = group.participants_per_school;
    // A rule that refuses a participant: its reason, and what to do instead, by the answer it is about.
    const refused: FieldErrors = {};
    const unplaced: string[] = [];
    for (const v of refusals) {
      if (!v.about) unplaced.push(v.reason);
      else {
        const field = v.about.participant ? participantField(v.about.participant, v.about.field as Exclude<typeof v.about.field, 'core-maths-year'>) : v.about.field;
        const message = `${v.reason} ${INSTEAD[v.about.field]}`;
        refused[field] = refused[field] ? `${refused[field]} ${message}` : message;
      }
    }
    errors = { ...errors, ...refused };
    const list = [...errorList(errors), ...unplaced.map((text) => ({ text, href: '#participant-1-roles' }))];
    return render(
      reply,
      'participants',
      {
        pageTitle: count === 1 ? 'Who will take part?' : `Who are the ${count} participants?`,
        group: page,
        base: base(group),
        count,
        numbers: Array.from({ length: count }, (_, i) => i + 1),
        questions,
        roles: Object.entries(PARTICIPANT_ROLES).map(([value, text]) => ({ value, text })),
        rolesOf: Object.fromEntries(Array.from({ length: count }, (_, i) => [i + 1, many(values, `participant-${i + 1}-roles`)])),
        values,
        errors,
        refusals: refusals.map((v) => v.reason),
        errorList: list,
      },
      list.length ? 400 : 200,
    );
  }

  app.get<{ Params: { code: string } }>('/work-groups/:code/register/participants', async (request, reply) => {
    const step = await atStep(request, reply, 'participants');
    if (!step) return reply;
    const { group, page, answers } = step;
    const values: RawForm = {};
    answers.participants?.forEach((p, i) => {
      const n = i + 1;
      values[`participant-${n}-name`] = p.name;
      values[`participant-${n}-email`] = p.email;
      values[`participant-${n}-roles`] = p.roles;
      if (p.teachingYear !== null) values[`participant-${n}-teaching-year`] = String(p.teachingYear);
      if (p.mathsItt !== null) values[`participant-${n}-maths-itt`] = p.mathsItt ? 'yes' : 'no';
    });
    if (answers.coreMathsYear) values['core-maths-year'] = String(answers.coreMathsYear);
    return participantsPage(reply, group, page, values, {});
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/register/participants', async (request, reply) => {
    const step = await atStep(request, reply, 'participants');
    if (!step) return reply;
    const { group, page, answers } = step;
    const raw = readForm(request.body);
    const { rules } = await registrations.rulesFor(group);
    const questions = registrations.questionsFor(rules);
    const inputs = Array.from({ length: group.participants_per_school }, (_, i) => ({
      name: one(raw, participantField(i + 1, 'name')),
      email: one(raw, participantField(i + 1, 'email')),
      roles: many(raw, participantField(i + 1, 'roles')),
      teachingYear: one(raw, participantField(i + 1, 'teaching-year')),
      mathsItt: one(raw, participantField(i + 1, 'maths-itt')),
    }));
    const { participants, coreMathsYear, errors } = parseParticipants(inputs, group.participants_per_school, questions, one(raw, 'core-maths-year'));
    // Changed after the headteacher was named: a participant cannot be the one who approves their release.
    const headteacher = answers.headteacher ? foldEmail(answers.headteacher.email) : undefined;
    participants.forEach((p, i) => {
      const field = participantField(i + 1, 'email');
      if (headteacher && p.email && foldEmail(p.email) === headteacher && !errors[field]) {
        errors[field] = 'This is your headteacher’s email address: enter the participant’s own. The headteacher approves releasing the participants, so cannot be one of them';
      }
    });
    if (Object.keys(errors).length) return participantsPage(reply, group, page, raw, errors);
    const assessment = await registrations.assessParticipants(group, answers.urn!, rules, participants, coreMathsYear);
    if (assessment.refusals.length) {
      return participantsPage(reply, group, page, raw, {}, assessment.verdicts.filter((v) => !v.met && v.kind === 'requirement'));
    }
    await save(request, reply, group, { ...answers, participants, coreMathsYear });
    return reply.redirect(`${base(group)}/declarations`, 303);
  });

  // ---- declarations --------------------------------------------------------------------
  function declarationsPage(
    reply: FastifyReply,
    group: RegistrationGroup,
    page: object,
    declarations: string[],
    checked: (text: string, index: number) => boolean,
    errors: FieldErrors,
  ) {
    const items = declarations.map((text, i) => ({ value: String(i + 1), text, checked: checked(text, i) }));
    const context = { pageTitle: 'What your school commits to', group: page, base: base(group), items, errors, errorList: errorList(errors) };
    return render(reply, 'declarations', context, Object.keys(errors).length ? 400 : 200);
  }

  async function declarationsOf(group: RegistrationGroup) {
    const { rules } = await registrations.rulesFor(group);
    return registrations.declarationsFor(group, rules);
  }

  app.get<{ Params: { code: string } }>('/work-groups/:code/register/declarations', async (request, reply) => {
    const step = await atStep(request, reply, 'declarations');
    if (!step) return reply;
    const { group, page, answers } = step;
    const declarations = await declarationsOf(group);
    return declarationsPage(reply, group, page, declarations, (text) => Boolean(answers.declarations?.includes(text)), {});
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/register/declarations', async (request, reply) => {
    const step = await atStep(request, reply, 'declarations');
    if (!step) return reply;
    const { group, page, answers } = step;
    const declarations = await declarationsOf(group);
    const ticked = new Set(many(readForm(request.body), 'declarations'));
    if (declarations.some((_, i) => !ticked.has(String(i + 1)))) {
      const errors = { declarations: 'Confirm every statement. If your school cannot, contact the Maths Hub before registering' };
      return declarationsPage(reply, group, page, declarations, (_, i) => ticked.has(String(i + 1)), errors);
    }
    await save(request, reply, group, { ...answers, declarations });
    return reply.redirect(`${base(group)}/you`, 303);
  });

  // ---- who is registering ----------------------------------------------------------------
  function youPage(reply: FastifyReply, group: RegistrationGroup, page: object, values: { name: string; email: string }, errors: FieldErrors) {
    const context = { pageTitle: 'Your details', group: page, base: base(group), values, errors, errorList: errorList(errors) };
    return render(reply, 'you', context, Object.keys(errors).length ? 400 : 200);
  }

  app.get<{ Params: { code: string } }>('/work-groups/:code/register/you', async (request, reply) => {
    const step = await atStep(request, reply, 'you');
    if (!step) return reply;
    const { group, page, answers } = step;
    return youPage(reply, group, page, { name: answers.registrant?.name ?? '', email: answers.registrant?.email ?? '' }, {});
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/register/you', async (request, reply) => {
    const step = await atStep(request, reply, 'you');
    if (!step) return reply;
    const { group, page, answers } = step;
    const raw = readForm(request.body);
    const parsed = parseRegistrant({ name: one(raw, 'name'), email: one(raw, 'email') });
    if (!parsed.ok) return youPage(reply, group, page, { name: one(raw, 'name'), email: one(raw, 'email') }, parsed.errors);
    await save(request, reply, group, { ...answers, registrant: parsed.value });
    return reply.redirect(`${base(group)}/${answers.headteacher ? 'check' : 'headteacher'}`, 303);
  });

  // ---- headteacher ---------------------------------------------------------------------
  async function headteacherPage(reply: FastifyReply, group: RegistrationGroup, page: object, urn: number, values: { name: string; email: string }, errors: FieldErrors) {
    const school = await registrations.school(urn);
    const context = {
      pageTitle: 'Your headteacher',
      group: page,
      base: base(group),
      holdDays: group.consent_hold_days,
      schoolDomain: websiteDomain(school?.website),
      values,
      errors,
      errorList: errorList(errors),
    };
    return render(reply, 'headteacher', context, Object.keys(errors).length ? 400 : 200);
  }

  app.get<{ Params: { code: string } }>('/work-groups/:code/register/headteacher', async (request, reply) => {
    const step = await atStep(request, reply, 'headteacher');
    if (!step) return reply;
    const { group, page, answers } = step;
    return headteacherPage(reply, group, page, answers.urn!, { name: answers.headteacher?.name ?? '', email: answers.headteacher?.email ?? '' }, {});
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/register/headteacher', async (request, reply) => {
    const step = await atStep(request, reply, 'headteacher');
    if (!step) return reply;
    const { group, page, answers } = step;
    const raw = readForm(request.body);
    const values = { name: one(raw, 'name'), email: one(raw, 'email') };
    const parsed = parseHeadteacher(values);
    if (!parsed.ok) return headteacherPage(reply, group, page, answers.urn!, values, parsed.errors);
    // A participant cannot approve their own release.
    const conflict = headteacherConflict(parsed.value.email, answers.participants ?? []);
    if (conflict) return headteacherPage(reply, group, page, answers.urn!, values, { email: conflict });
    await save(request, reply, group, { ...answers, headteacher: parsed.value });
    return reply.redirect(`${base(group)}/check`, 303);
  });

  // ---- check your answers, then register -----------------------------------------------
  async function checkContext(group: RegistrationGroup, answers: Answers) {
    const [school, { rules }] = await Promise.all([registrations.school(answers.urn!), registrations.rulesFor(group)]);
    const warnings = (await registrations.assessParticipants(group, answers.urn!, rules, answers.participants ?? [], answers.coreMathsYear ?? null)).warnings;
    const assessed = await registrations.assessSchool(group, answers.urn!);
    // Whether the headteacher's approval will need the hub's check (an address the school is not known by).
    const unverified = answers.headteacher ? (await registrations.approvalCheckFor(answers.urn!, answers.headteacher.email)) === 'unverified' : false;
    return { school, warnings: [...(assessed?.assessment.warnings ?? []), ...warnings], assessed, roleNames: PARTICIPANT_ROLES, unverified, schoolDomain: websiteDomain(school?.website) };
  }

  app.get<{ Params: { code: string } }>('/work-groups/:code/register/check', async (request, reply) => {
    const step = await atStep(request, reply, 'check');
    if (!step) return reply;
    const { group, page, answers } = step;
    return render(reply, 'check', { pageTitle: 'Check your answers before registering', group: page, base: base(group), answers, ...(await checkContext(group, answers)) });
  });

  app.post<{ Params: { code: string } }>('/work-groups/:code/register/check', async (request, reply) => {
    const step = await atStep(request, reply, 'check');
    if (!step) return reply;
    const { group, page, canRegister, answers } = step;
    // Every rule is checked again: the school's record or the group may have changed meanwhile.
    const result = await registrations.submit(group, canRegister, {
      urn: answers.urn!,
      participants: answers.participants!,
      coreMathsYear: answers.coreMathsYear ?? null,
      declarations: answers.declarations!,
      headteacher: answers.headteacher!,
      registrant: answers.registrant,
    }, { address: request.ip });
    if (result.kind === 'closed') return reply.redirect(base(group), 303);
    if (result.kind === 'headteacher-is-participant') return headteacherPage(reply, group, page, answers.urn!, answers.headteacher!, { email: result.message });
    if (result.kind === 'throttled') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return render(reply, 'throttled', { pageTitle: 'Too many registrations from your network', group: page, minutes: Math.ceil(result.retryAfterSeconds / 60) }, 429);
    }
    if (result.kind !== 'registered') return reply.redirect(`${base(group)}/eligibility`, 303);
    const done: Done = {
      reference: result.reference,
      status: result.status,
      position: result.position ?? null,
      holdExpiresAt: result.holdExpiresAt?.toISOString() ?? null,
      linked: result.linked,
    };
    await save(request, reply, group, { done });
    return reply.redirect(`${base(group)}/confirmation`, 303);
  });

  app.get<{ Params: { code: string } }>('/work-groups/:code/register/confirmation', async (request, reply) => {
    const { group, page } = await registrable(request.params.code);
    const { done } = await answersOf(request, group);
    if (!done) return reply.redirect(base(group), 303);
    return render(reply, 'confirmation', {
      pageTitle: done.status === 'waitlisted' ? 'Your school is on the waiting list' : 'Registration received',
      group: page,
      done: { ...done, holdExpiresAt: done.holdExpiresAt ? new Date(done.holdExpiresAt) : null },
    });
  });

  // ---- the headteacher's consent -------------------------------------------------------
  /** The consent page, answered at `action`: the emailed link's own address, or the signed-in headteacher's. */
  async function consentPage(reply: FastifyReply, action: string, view: Awaited<ReturnType<typeof registrations.consent>>, errors: FieldErrors = {}) {
    if (view.state === 'unknown') {
      return render(reply, 'consent-unknown', { pageTitle: 'This link does not work' }, 404);
    }
    const page = await services.workGroups.findByCode(view.details.code);
    const context = { pageTitle: consentTitle(view), view, details: view.details, group: page, action, roleNames: PARTICIPANT_ROLES };
    return render(reply, 'consent', { ...context, errors, errorList: errorList(errors) }, Object.keys(errors).length ? 400 : 200);
  }

  const tokenAction = (token: string) => `/consent/${encodeURIComponent(token)}`;
  const NO_DECISION = { decision: 'Select whether you will release the named teachers' };

  app.get<{ Params: { token: string } }>('/consent/:token', async (request, reply) => {
    return consentPage(reply, tokenAction(request.params.token), await registrations.consent(request.params.token));
  });

  app.post<{ Params: { token: string } }>('/consent/:token', async (request, reply) => {
    const decision = one(readForm(request.body), 'decision');
    const before = await registrations.consent(request.params.token);
    if (before.state !== 'open') return consentPage(reply, tokenAction(request.params.token), before);
    if (decision !== 'approve' && decision !== 'decline') return consentPage(reply, tokenAction(request.params.token), before, NO_DECISION);
    const after = await registrations.decide(request.params.token, decision === 'approve');
    return consentPage(reply, tokenAction(request.params.token), after);
  });

  // The same answer from the headteacher's home page, signed in with the school's headteacher account.
  async function asHeadteacher(request: FastifyRequest<{ Params: { reference: string } }>) {
    const view = await registrations.consentAs(request.params.reference, request.user!);
    if (!view) throw new ForbiddenError();
    return view;
  }

  app.get<{ Params: { reference: string } }>('/home/consent/:reference', SIGNED_IN, async (request, reply) => {
    return consentPage(reply, `/home/consent/${request.params.reference}`, await asHeadteacher(request));
  });

  app.post<{ Params: { reference: string } }>('/home/consent/:reference', SIGNED_IN, async (request, reply) => {
    const action = `/home/consent/${request.params.reference}`;
    const before = await asHeadteacher(request);
    const decision = one(readForm(request.body), 'decision');
    if (before.state !== 'open') return consentPage(reply, action, before);
    if (decision !== 'approve' && decision !== 'decline') return consentPage(reply, action, before, NO_DECISION);
    return consentPage(reply, action, (await registrations.decideAs(request.params.reference, request.user!, decision === 'approve'))!);
  });
}

type Done = {
  reference: string;
  status: 'pending_consent' | 'waitlisted';
  position: number | null;
  holdExpiresAt: string | null;
  linked?: { reference: string; code: string; title: string }[];
};

/** The consent page's heading (and title) for what the link finds. */
function consentTitle(view: Exclude<ConsentView, { state: 'unknown' }>): string {
  const d = view.details;
  if (view.state === 'open') return `Approve releasing teachers for ${d.title}`;
  if (view.state === 'checking') return 'Thank you: the Maths Hub will check your answer';
  if (view.state === 'expired' || d.status === 'expired') return 'This link has expired';
  if (d.status === 'confirmed') return 'Place confirmed';
  if (d.status === 'declined') return 'You did not approve the release';
  if (d.status === 'withdrawn') return 'The school has withdrawn this registration';
  if (d.status === 'cancelled') return 'The Maths Hub has cancelled this registration';
  return 'This link has already been used';
}
