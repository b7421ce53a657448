// Who can take part in a Work Group: the hub's staff (or the national administrator) list,
// add and remove its eligibility rules. Adding is two GOV.UK question pages: the kind of rule,
// then that rule's details. Every handler checks the policy on the server.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createEligibilityService, EligibilityGroup } from './service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, many, one, type RawForm, readForm } from '../../platform/http/forms.ts';
import { policy } from '../../core/identity/policy.ts';
import { STRANDS, WORK_GROUP_CODE as CODE } from '../../core/work-groups/domain.ts';
import { type FormContext, parseRuleForm, RULE_FORMS, ruleForm } from './form.ts';
import { APPLIES_TO, JOB_ROLES, KINDS, OUTCOMES, SCHOOL_PHASES } from './rules.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { eligibility: ReturnType<typeof createEligibilityService> };

const RULE_ID = /^[1-9]\d{0,8}$/;

const DONE_MESSAGES: Record<string, string> = {
  added: 'Rule added',
  removed: 'Rule removed',
};

const PROJECT_PHASE_OPTIONS = [
  { value: '', text: 'Any phase' },
  { value: 'primary', text: 'Primary' },
  { value: 'secondary', text: 'Secondary' },
  { value: 'cross-phase', text: 'Cross-phase' },
  { value: 'post-16', text: 'Post-16' },
];

type RuleFormSpec = (typeof RULE_FORMS)[string];
type Options = Awaited<ReturnType<RouteServices['eligibility']['formOptions']>>;

const base = (group: EligibilityGroup) => `/admin/work-groups/${group.code}/eligibility`;

/** The academic years before a group's, newest first, back to the Maths Hubs' first (2014/15). */
export function earlierYears(groupYear: string): string[] {
  const out: string[] = [];
  for (let start = Number(groupYear.slice(0, 4)) - 1; start >= 2014; start--) out.push(`${start}/${String((start + 1) % 100).padStart(2, '0')}`);
  return out;
}

/** Radios or checkboxes from a record of labels, checked as the form had them. */
function items(labels: Record<string, string | { label: string; hint?: string }>, chosen: string[]) {
  return Object.entries(labels).map(([value, label]) => ({
    value,
    text: typeof label === 'string' ? label : label.label,
    hint: typeof label === 'string' || !label.hint ? undefined : { text: label.hint },
    checked: chosen.includes(value),
  }));
}

export async function eligibilityRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const eligibility = services.eligibility;

  /** The group, if it exists and this person runs its hub; otherwise a 404 or 403 page. */
  async function managedGroup(request: FastifyRequest, code: string): Promise<EligibilityGroup> {
    const group = CODE.test(code) ? await eligibility.groupByCode(code) : undefined;
    if (!group) throw new NotFoundError('Work Group');
    if (!policy.manageHubProgramme(request.user, group.hub_id)) throw new ForbiddenError();
    return group;
  }

  function formOf(slug: string): RuleFormSpec & { slug: string } {
    const form = ruleForm(slug);
    if (!form) throw new NotFoundError('kind of rule');
    return { ...form, slug };
  }

  function formContext(group: EligibilityGroup, options: Options): FormContext {
    return {
      groupYear: group.academic_year,
      projects: new Map(options.projects.map((p) => [p.ncp_code, { academic_year: p.academic_year }])),
      hubs: new Set(options.hubs.map((h) => h.slug)),
    };
  }

  function renderTypeForm(reply: FastifyReply, group: EligibilityGroup, chosen: string, errors: FieldErrors, status = 200) {
    return reply.code(status).renderForm('eligibility/views/choose-type.njk', {
      pageTitle: 'What kind of rule do you want to add?',
      titleContext: group.title,
      section: 'admin',
      group,
      action: `${base(group)}/new`,
      errors,
      errorList: errorList(errors),
      types: items(RULE_FORMS, [chosen]),
    });
  }

  async function renderRuleForm(reply: FastifyReply, group: EligibilityGroup, form: RuleFormSpec & { slug: string }, raw: RawForm, errors: FieldErrors, status = 200) {
    const options = await eligibility.formOptions(group);
    const hub = one(raw, 'hub') || (raw.hub === undefined ? (group.hub_slug ?? '') : '');
    return reply.code(status).renderForm('eligibility/views/rule-form.njk', {
      pageTitle: form.label,
      titleContext: group.title,
      section: 'admin',
      group,
      type: form.type,
      by: form.by,
      typeHint: form.hint,
      action: `${base(group)}/new/${form.slug}`,
      back: `${base(group)}/new`,
      values: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
      errors,
      errorList: errorList(errors),
      kinds: items(KINDS, [one(raw, 'kind')]),
      phases: items(Object.fromEntries(Object.entries(SCHOOL_PHASES).map(([k, v]) => [k, v.label])), many(raw, 'phases')),
      roles: items(Object.fromEntries(Object.entries(JOB_ROLES).map(([k, v]) => [k, v.label])), many(raw, 'roles')),
      appliesTo: items(APPLIES_TO, [one(raw, 'applies_to')]),
      outcomes: items(OUTCOMES, [one(raw, 'outcome')]),
      projects: [
        { value: '', text: 'Select a project' },
        ...options.projects.map((p) => ({
          value: p.ncp_code,
          text: `${p.ncp_code} ${p.title} (${p.academic_year})`,
          selected: one(raw, 'ncp_code').toUpperCase() === p.ncp_code,
        })),
      ],
      strands: [
        { value: '', text: 'Select a programme' },
        ...Object.entries(STRANDS).map(([value, text]) => ({ value, text, selected: one(raw, 'strand') === value })),
      ],
      years: [
        { value: '', text: 'Any earlier year' },
        ...earlierYears(group.academic_year).map((y) => ({ value: y, text: y, selected: one(raw, 'academic_year') === y })),
      ],
      strandPhases: PROJECT_PHASE_OPTIONS.map((o) => ({ ...o, selected: one(raw, 'strand_phase') === o.value })),
      hubs: [{ value: '', text: 'Select a Maths Hub' }, ...options.hubs.map((h) => ({ value: h.slug, text: h.name, selected: hub === h.slug }))],
    });
  }

  app.get<{ Params: { code: string }; Querystring: { done?: string } }>('/admin/work-groups/:code/eligibility', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const rules = await eligibility.rulesOf(group.id);
    const done = request.query.done;
    return reply.renderForm('eligibility/views/rules.njk', {
      pageTitle: `Who can take part: ${group.title}`,
      section: 'admin',
      group,
      rules,
      done: typeof done === 'string' ? DONE_MESSAGES[done] : undefined,
    });
  });

  app.get<{ Params: { code: string } }>('/admin/work-groups/:code/eligibility/new', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    return renderTypeForm(reply, group, '', {});
  });

  app.post<{ Params: { code: string } }>('/admin/work-groups/:code/eligibility/new', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const chosen = one(readForm(request.body), 'rule_type');
    if (!ruleForm(chosen)) return renderTypeForm(reply, group, '', { rule_type: 'Select the kind of rule' }, 400);
    return reply.redirect(`${base(group)}/new/${chosen}`, 303);
  });

  app.get<{ Params: { code: string; type: string } }>('/admin/work-groups/:code/eligibility/new/:type', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    return renderRuleForm(reply, group, formOf(request.params.type), {}, {});
  });

  app.post<{ Params: { code: string; type: string } }>('/admin/work-groups/:code/eligibility/new/:type', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    const form = formOf(request.params.type);
    const raw = readForm(request.body);
    // Which kind of prior participation comes from the address, not the form.
    if (form.by) raw.by = form.by;
    const parsed = parseRuleForm(form.type, raw, formContext(group, await eligibility.formOptions(group)));
    if (!parsed.ok) return renderRuleForm(reply, group, form, raw, parsed.errors, 400);
    await eligibility.add(request.user!.id, group, parsed.rule);
    return reply.redirect(`${base(group)}?done=added`, 303);
  });

  app.post<{ Params: { code: string; id: string } }>('/admin/work-groups/:code/eligibility/:id/remove', SIGNED_IN, async (request, reply) => {
    const group = await managedGroup(request, request.params.code);
    if (!RULE_ID.test(request.params.id)) throw new NotFoundError('eligibility rule');
    const removed = await eligibility.remove(request.user!.id, group, Number(request.params.id));
    if (!removed) throw new NotFoundError('eligibility rule');
    return reply.redirect(`${base(group)}?done=removed`, 303);
  });
}
