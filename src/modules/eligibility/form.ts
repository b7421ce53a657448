// The "add a rule" forms: fields as typed (checkboxes as lists), checked with GOV.UK messages,
// and turned into a rule that fits its schema. Nothing typed is lost: on a problem the raw
// values go back to the form.
import { z } from 'zod';
import type { EligibilityRuleType, Phase } from '../../core/schema.ts';
import { type FieldErrors, fieldErrors, many, one, type RawForm } from '../../platform/http/forms.ts';
import { STRANDS, type Strand } from '../../core/work-groups/domain.ts';
import {
  APPLIES_TO,
  type AppliesTo,
  JOB_ROLES,
  type JobRole,
  MAX_TEACHING_YEAR,
  RULE_TYPES,
  type Rule,
  ruleSchema,
  SCHOOL_PHASES,
  type SchoolPhase,
} from './rules.ts';

/**
 * The forms a hub chooses from, by their slug in the URL: one per rule type, except prior
 * participation, which has one for a particular project and one for any group of a programme
 * (two simple pages rather than one with conditionally revealed questions).
 */
export const RULE_FORMS: Record<string, { type: EligibilityRuleType; by?: 'project' | 'strand'; label: string; hint: string }> = {
  'state-funded': { type: 'state_funded', ...RULE_TYPES.state_funded },
  phase: { type: 'phase', ...RULE_TYPES.phase },
  'prior-project': {
    type: 'prior_participation',
    by: 'project',
    label: 'Took part in or completed a particular project (NCP) in an earlier year',
    hint: 'For example, Secondary Teaching for Mastery – Embedding Year Support (NCP21-13).',
  },
  'prior-programme': {
    type: 'prior_participation',
    by: 'strand',
    label: 'Took part in or completed any Work Group of a programme in an earlier year',
    hint: 'For example, a Secondary Teaching for Mastery Work Group in 2020/21.',
  },
  'job-role': { type: 'job_role', ...RULE_TYPES.job_role },
  'early-career': { type: 'early_career', ...RULE_TYPES.early_career },
  'non-specialist': { type: 'non_specialist', ...RULE_TYPES.non_specialist },
  'core-maths-years': { type: 'core_maths_years', ...RULE_TYPES.core_maths_years },
  'hub-area': { type: 'hub_area', ...RULE_TYPES.hub_area },
};

/** The form for a slug from the URL, or undefined. */
export const ruleForm = (slug: string) => (Object.hasOwn(RULE_FORMS, slug) ? RULE_FORMS[slug] : undefined);

/** What the form needs to know beyond what was typed. */
export type FormContext = {
  /** The Work Group's own academic year, '2021/22': prior participation must be earlier. */
  groupYear: string;
  /** Projects that may be chosen, by NCP code. */
  projects: ReadonlyMap<string, { academic_year: string }>;
  hubs: ReadonlySet<string>;
};

const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as [K, ...K[]];

const kindField = z.enum(['requirement', 'recommendation'], { error: 'Select whether this is a requirement or a recommendation' });

/** '2020/21', '2020-21', '2020/2021' or '2020 to 2021' → '2020/21'; anything else undefined. */
export function normaliseAcademicYear(value: string): string | undefined {
  const match = /^(\d{4})\s*(?:\/|-|–|to)\s*(\d{2}|\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]!.slice(-2));
  if ((start + 1) % 100 !== end) return undefined;
  return `${start}/${String(end).padStart(2, '0')}`;
}

const yearOfTeaching = (label: string, min: number, example: number) =>
  z
    .string()
    .min(1, `Enter ${label.toLowerCase()}, like ${example}`)
    .regex(/^\d{1,2}$/, `${label} must be a whole number, like ${example}`)
    .transform(Number)
    .refine((n) => n >= min && n <= MAX_TEACHING_YEAR, `${label} must be between ${min} and ${MAX_TEACHING_YEAR}`);

/** The form fields of each rule type, turned into the rule's parameters. */
function paramsOf(type: EligibilityRuleType, raw: RawForm, context: FormContext): { params?: unknown; errors: FieldErrors } {
  const errors: FieldErrors = {};
  switch (type) {
    case 'state_funded':
    case 'non_specialist':
      return { params: {}, errors };

    case 'phase': {
      const phases = many(raw, 'phases');
      if (!phases.length) return { errors: { phases: 'Select at least one phase' } };
      if (!phases.every((p) => Object.hasOwn(SCHOOL_PHASES, p))) return { errors: { phases: 'Select phases from the list' } };
      return { params: { phases: keysOf(SCHOOL_PHASES).filter((p: SchoolPhase) => phases.includes(p)) }, errors };
    }

    case 'prior_participation': {
      const by = one(raw, 'by');
      const outcome = one(raw, 'outcome');
      let params: unknown;
      if (by === 'project') {
        const code = one(raw, 'ncp_code').toUpperCase();
        if (!code) errors.ncp_code = 'Select the project';
        else if (!context.projects.has(code)) {
          errors.ncp_code = `Select a project from the list: one from a year before this Work Group’s (${context.groupYear})`;
        }
        params = { by, ncp_code: code, outcome };
      } else if (by === 'strand') {
        const strand = one(raw, 'strand');
        const phase = one(raw, 'strand_phase');
        if (!Object.hasOwn(STRANDS, strand)) errors.strand = 'Select the programme';
        if (phase && !['primary', 'secondary', 'cross-phase', 'post-16'].includes(phase)) errors.strand_phase = 'Select a phase from the list';
        // No year chosen: any earlier year.
        const typed = one(raw, 'academic_year');
        let year: string | null = null;
        if (typed) {
          const normalised = normaliseAcademicYear(typed);
          if (!normalised) errors.academic_year = 'Academic year must be two years in a row, like 2020/21';
          else if (normalised >= context.groupYear) {
            errors.academic_year = `Academic year must be before this Work Group’s year (${context.groupYear})`;
          } else year = normalised;
        }
        params = { by, strand: strand as Strand, phase: (phase || null) as Phase | null, outcome, academic_year: year };
      } else {
        errors.by = 'Select a particular project or any Work Group of a programme';
      }
      if (outcome !== 'took_part' && outcome !== 'completed') errors.outcome = 'Select whether schools must have taken part or completed it';
      return Object.keys(errors).length ? { errors } : { params, errors };
    }

    case 'job_role': {
      const roles = many(raw, 'roles');
      const appliesTo = one(raw, 'applies_to');
      if (!roles.length) errors.roles = 'Select at least one job role';
      else if (!roles.every((r) => Object.hasOwn(JOB_ROLES, r))) errors.roles = 'Select job roles from the list';
      if (!Object.hasOwn(APPLIES_TO, appliesTo)) errors.applies_to = 'Select who the rule is about';
      if (Object.keys(errors).length) return { errors };
      return {
        params: { roles: keysOf(JOB_ROLES).filter((r: JobRole) => roles.includes(r)), applies_to: appliesTo as AppliesTo },
        errors,
      };
    }

    case 'early_career': {
      const parsed = z
        .object({ from_year: yearOfTeaching('The first year', 1, 1), to_year: yearOfTeaching('The last year', 1, 3) })
        .safeParse({ from_year: one(raw, 'from_year'), to_year: one(raw, 'to_year') });
      if (!parsed.success) return { errors: fieldErrors(parsed.error) };
      if (parsed.data.to_year < parsed.data.from_year) return { errors: { to_year: 'The last year must be the same as or after the first year' } };
      return { params: parsed.data, errors };
    }

    case 'core_maths_years': {
      const parsed = z.object({ min_year: yearOfTeaching('The year', 2, 2) }).safeParse({ min_year: one(raw, 'min_year') });
      if (!parsed.success) return { errors: fieldErrors(parsed.error) };
      return { params: parsed.data, errors };
    }

    case 'hub_area': {
      const hub = one(raw, 'hub');
      if (!context.hubs.has(hub)) return { errors: { hub: 'Select the Maths Hub' } };
      return { params: { hub }, errors };
    }
  }
}

/** The form for one rule type → a rule, or a message per field. */
export function parseRuleForm(type: EligibilityRuleType, raw: RawForm, context: FormContext): { ok: true; rule: Rule } | { ok: false; errors: FieldErrors } {
  const { params, errors } = paramsOf(type, raw, context);
  const kind = kindField.safeParse(one(raw, 'kind'));
  if (!kind.success) errors.kind = kind.error.issues[0]?.message ?? 'Select whether this is a requirement or a recommendation';
  if (Object.keys(errors).length || params === undefined || !kind.success) return { ok: false, errors };
  const rule = ruleSchema.safeParse({ rule_type: type, kind: kind.data, params });
  // The checks above are stricter than the schema; this is the last word before storing.
  if (!rule.success) return { ok: false, errors: { form: 'Check the answers and try again' } };
  return { ok: true, rule: rule.data };
}
