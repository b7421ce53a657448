// Eligibility rules as data: one zod schema per rule type (a discriminated union on
// `rule_type`), and describe(), the plain-English sentence a teacher reads on the public page.
// Rules are stored and shown now; evaluating them against a school comes with registration.
import { z } from 'zod';
import type { EligibilityRuleType, Phase } from '../../core/schema.ts';
import { STRANDS, type Strand } from '../../core/work-groups/domain.ts';

export type RuleKind = 'requirement' | 'recommendation';

export const KINDS: Record<RuleKind, { label: string; hint: string }> = {
  requirement: { label: 'Requirement', hint: 'A school that does not meet it cannot register.' },
  recommendation: { label: 'Recommendation', hint: 'A school that does not meet it is warned, never refused.' },
};

/** The rule types hubs choose from, in the order the editor offers them. */
export const RULE_TYPES: Record<EligibilityRuleType, { label: string; hint: string }> = {
  state_funded: { label: 'State-funded school in England', hint: 'For example, SKTM for non-specialist teachers.' },
  phase: { label: 'Phase of the school', hint: 'For example, secondary and all-through schools only.' },
  prior_participation: {
    label: 'Took part in or completed a project or programme in an earlier year',
    hint: 'For example, a Secondary Teaching for Mastery Development Work Group in 2020/21.',
  },
  job_role: { label: 'Job role', hint: 'For example, heads of department only, or ideally Mastery Advocates.' },
  early_career: { label: 'Early-career teachers', hint: 'For example, teachers in their first to third year of teaching.' },
  non_specialist: {
    label: 'Non-specialist teachers of maths',
    hint: 'Teachers currently teaching some maths who have not undertaken initial teacher training (ITT) in maths.',
  },
  core_maths_years: { label: 'Years teaching Core Maths', hint: 'For example, at least the second year of teaching Core Maths.' },
  hub_area: { label: 'Maths Hub area', hint: 'Schools in one Maths Hub’s area only.' },
};

export const RULE_TYPE_KEYS = Object.keys(RULE_TYPES) as [EligibilityRuleType, ...EligibilityRuleType[]];

/** School phases as the DfE register names them, for the phase rule. */
export const SCHOOL_PHASES = {
  primary: { label: 'Primary', adjective: 'primary' },
  middle: { label: 'Middle', adjective: 'middle' },
  secondary: { label: 'Secondary', adjective: 'secondary' },
  all_through: { label: 'All-through', adjective: 'all-through' },
  post_16: { label: 'Post-16 (sixth form and further education colleges)', adjective: 'post-16' },
} as const;
export type SchoolPhase = keyof typeof SCHOOL_PHASES;

/** Job roles, singular and plural, as a sentence uses them. */
export const JOB_ROLES = {
  head_of_department: { label: 'Head of department', one: 'head of department', many: 'heads of department' },
  subject_leader: { label: 'Subject leader', one: 'subject leader', many: 'subject leaders' },
  senior_leader: { label: 'Senior leader', one: 'senior leader', many: 'senior leaders' },
  mat_maths_lead: {
    label: 'Leads maths across a multi-academy trust (MAT)',
    one: 'maths lead across a multi-academy trust',
    many: 'maths leads across a multi-academy trust',
  },
  mastery_specialist: { label: 'Mastery Specialist', one: 'Mastery Specialist', many: 'Mastery Specialists' },
  mastery_advocate: { label: 'Mastery Advocate', one: 'Mastery Advocate', many: 'Mastery Advocates' },
} as const;
export type JobRole = keyof typeof JOB_ROLES;

/** Whom a job-role rule is about. */
export const APPLIES_TO = {
  every: 'Every participant',
  lead: 'The lead participant from each school',
  at_least_one: 'At least one participant from each school',
} as const;
export type AppliesTo = keyof typeof APPLIES_TO;

export const OUTCOMES = { took_part: 'Took part', completed: 'Completed' } as const;

/** Each strand as a thing a school took part in. */
const STRAND_NOUNS: Record<Strand, string> = {
  'teaching-for-mastery': 'Teaching for Mastery Work Group',
  'subject-leadership': 'Secondary Maths Leadership Work Group',
  sktm: 'Specialist Knowledge for Teaching Mathematics (SKTM) Work Group',
  'mat-leads': 'MAT Leads Work Group',
  continuity: 'Year 5 to 8 Continuity Work Group',
  'core-maths': 'Core Maths Work Group',
  'mastery-specialists': 'Mastery Specialist programme',
};

const PROJECT_PHASES: Record<Phase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  'cross-phase': 'Cross-phase',
  'post-16': 'Post-16',
};

export const NCP_CODE = /^NCP[0-9]{2}-[0-9]{2}$/;
export const ACADEMIC_YEAR = /^(\d{4})\/(\d{2})$/;
export const MAX_TEACHING_YEAR = 10;

const academicYear = z
  .string()
  .regex(ACADEMIC_YEAR)
  .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'The second year must follow the first');
const kind = z.enum(['requirement', 'recommendation']);
const teachingYear = z.number().int().min(1).max(MAX_TEACHING_YEAR);
const noParams = z.object({}).strict();

const stateFunded = z.object({ rule_type: z.literal('state_funded'), kind, params: noParams });
const phase = z.object({
  rule_type: z.literal('phase'),
  kind,
  params: z
    .object({ phases: z.array(z.enum(Object.keys(SCHOOL_PHASES) as [SchoolPhase, ...SchoolPhase[]])).min(1) })
    .strict(),
});
const priorParticipation = z.object({
  rule_type: z.literal('prior_participation'),
  kind,
  params: z.discriminatedUnion('by', [
    // A project is of one academic year: its own.
    z.object({ by: z.literal('project'), ncp_code: z.string().regex(NCP_CODE), outcome: z.enum(['took_part', 'completed']) }).strict(),
    z
      .object({
        by: z.literal('strand'),
        strand: z.enum(Object.keys(STRANDS) as [Strand, ...Strand[]]),
        /** Only groups of this phase (null: any phase). */
        phase: z.enum(['primary', 'secondary', 'cross-phase', 'post-16']).nullable(),
        outcome: z.enum(['took_part', 'completed']),
        /** '2020/21', or null for any earlier year. */
        academic_year: academicYear.nullable(),
      })
      .strict(),
  ]),
});
const jobRole = z.object({
  rule_type: z.literal('job_role'),
  kind,
  params: z
    .object({
      roles: z.array(z.enum(Object.keys(JOB_ROLES) as [JobRole, ...JobRole[]])).min(1),
      applies_to: z.enum(Object.keys(APPLIES_TO) as [AppliesTo, ...AppliesTo[]]),
    })
    .strict(),
});
const earlyCareer = z.object({
  rule_type: z.literal('early_career'),
  kind,
  params: z
    .object({ from_year: teachingYear, to_year: teachingYear })
    .strict()
    .refine((p) => p.from_year <= p.to_year, 'The range must not end before it starts'),
});
const nonSpecialist = z.object({ rule_type: z.literal('non_specialist'), kind, params: noParams });
const coreMathsYears = z.object({
  rule_type: z.literal('core_maths_years'),
  kind,
  params: z.object({ min_year: z.number().int().min(2).max(MAX_TEACHING_YEAR) }).strict(),
});
const hubArea = z.object({
  rule_type: z.literal('hub_area'),
  kind,
  params: z.object({ hub: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) }).strict(),
});

export const ruleSchema = z.discriminatedUnion('rule_type', [
  stateFunded,
  phase,
  priorParticipation,
  jobRole,
  earlyCareer,
  nonSpecialist,
  coreMathsYears,
  hubArea,
]);

export type Rule = z.infer<typeof ruleSchema>;
export type RuleOf<T extends EligibilityRuleType> = Extract<Rule, { rule_type: T }>;

/** Names a rule refers to by code: projects by NCP code, hubs by slug. */
export type Names = {
  projects?: ReadonlyMap<string, { title: string; academic_year: string }>;
  hubs?: ReadonlyMap<string, string>;
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
export const ordinal = (n: number): string => ORDINALS[n - 1] ?? `${n}th`;

/** ['a', 'b', 'c'] → 'a, b or c' */
export function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

export const article = (phrase: string): string => (/^[aeio]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`);

const NON_SPECIALIST_DEFINITION =
  'non-specialist teachers of maths: teachers currently teaching some mathematics who have not undertaken initial teacher training (ITT) in mathematics';

function describeJobRole(rule: RuleOf<'job_role'>): string {
  const must = rule.kind === 'requirement' ? 'must' : 'should ideally';
  const roles = (Object.keys(JOB_ROLES) as JobRole[]).filter((r) => rule.params.roles.includes(r)).map((r) => JOB_ROLES[r]);
  const many = roles.map((r) => r.many);
  if (rule.params.applies_to === 'lead') return `Lead participants ${must} be ${list(many, 'or')}`;
  if (rule.params.applies_to === 'at_least_one') {
    return `At least one participant from each school ${must} be ${article(list(roles.map((r) => r.one), 'or'))}`;
  }
  return rule.kind === 'requirement' ? `This group is for ${list(many, 'and')} only` : `Participants should ideally be ${list(many, 'or')}`;
}

/** The plain-English sentence shown to teachers (no full stop: it is a list item). */
export function describe(rule: Rule, names: Names = {}): string {
  const must = rule.kind === 'requirement' ? 'must' : 'should ideally';
  switch (rule.rule_type) {
    case 'state_funded':
      return `Your school ${must} be a state-funded school in England`;

    case 'phase': {
      const phases = rule.params.phases;
      const college = phases.includes('post_16');
      const adjectives = (Object.keys(SCHOOL_PHASES) as SchoolPhase[]).filter((p) => phases.includes(p)).map((p) => SCHOOL_PHASES[p].adjective);
      const noun = college ? (phases.length === 1 ? 'college or sixth form' : 'school or college') : 'school';
      return `Your ${college ? 'school or college' : 'school'} ${must} be ${article(list(adjectives, 'or'))} ${noun}`;
    }

    case 'prior_participation': {
      const p = rule.params;
      const verb = p.outcome === 'completed' ? 'completed' : 'taken part in';
      let what: string;
      let when: string;
      if (p.by === 'project') {
        const project = names.projects?.get(p.ncp_code);
        what = project ? `${project.title} (${p.ncp_code})` : `the project ${p.ncp_code}`;
        when = project ? ` in ${project.academic_year}` : '';
      } else {
        what = article(`${p.phase ? `${PROJECT_PHASES[p.phase]} ` : ''}${STRAND_NOUNS[p.strand]}`);
        when = p.academic_year ? ` in ${p.academic_year}` : ' in an earlier year';
      }
      return `Your school ${must} have ${verb} ${what}${when}`;
    }

    case 'job_role':
      return describeJobRole(rule);

    case 'early_career': {
      const { from_year: from, to_year: to } = rule.params;
      const years = from === to ? `${ordinal(from)} year` : `${ordinal(from)} ${to === from + 1 ? 'or' : 'to'} ${ordinal(to)} year`;
      return `Participants ${must} be in their ${years} of teaching`;
    }

    case 'non_specialist':
      return `Participants ${must} be ${NON_SPECIALIST_DEFINITION}`;

    case 'core_maths_years':
      return `Your school or college ${must} be in at least its ${ordinal(rule.params.min_year)} year of teaching Core Maths`;

    case 'hub_area': {
      const hub = names.hubs?.get(rule.params.hub);
      return hub ? `Your school ${must} be in the ${hub} area` : `Your school ${must} be in the area of the Maths Hub running this group`;
    }
  }
  return 'This Work Group has a further condition: ask the Maths Hub';
}

/** A stored row as a rule, or undefined if it no longer fits its schema. */
export function ruleFromRow(row: { rule_type: string; kind: string; params: unknown }): Rule | undefined {
  const parsed = ruleSchema.safeParse({ rule_type: row.rule_type, kind: row.kind, params: row.params });
  return parsed.success ? parsed.data : undefined;
}

/** The codes a rule refers to, so their names can be looked up. */
export function referencesOf(rule: Rule): { projects: string[]; hubs: string[] } {
  if (rule.rule_type === 'prior_participation' && rule.params.by === 'project') return { projects: [rule.params.ncp_code], hubs: [] };
  if (rule.rule_type === 'hub_area') return { projects: [], hubs: [rule.params.hub] };
  return { projects: [], hubs: [] };
}
