// Evaluating a Work Group's rules for one school and its named teachers. Each rule gives a
// verdict with the reason in plain English, for the school to read before it fills in a form
// in vain. A requirement not met refuses; a recommendation not met only warns.
// School rules (state-funded, phase, earlier participation, hub area) are checked as soon as
// the school is chosen; participant rules (job role, early career, non-specialist, Core Maths
// years) once the teachers are named.
import type { Phase } from '../../core/schema.ts';
import { STRANDS, type Strand } from '../../core/work-groups/domain.ts';
import { article, JOB_ROLES, type JobRole, list, type Names, ordinal, type Rule, type RuleKind, SCHOOL_PHASES, type SchoolPhase } from './rules.ts';

export type Participation = {
  academicYear: string;
  ncpCode: string | null;
  title: string;
  strand: string;
  phase: Phase;
  outcome: 'took_part' | 'completed';
};

export type SchoolFacts = {
  name: string;
  /** As the DfE register names it: 'Secondary', 'Middle deemed secondary', '16 plus'… */
  phase: string;
  stateFunded: boolean;
  hubSlug: string | null;
  hubName: string | null;
  participations: Participation[];
};

/** Roles a participant can hold: the rules' job roles, and a teacher of maths. */
export const PARTICIPANT_ROLES: Record<string, string> = {
  teacher: 'Teacher of maths',
  ...Object.fromEntries(Object.entries(JOB_ROLES).map(([key, role]) => [key, role.label])),
};

export type ParticipantFacts = {
  name: string;
  roles: string[];
  /** Which year of teaching they are in (1 = the first), where the group asks. */
  teachingYear: number | null;
  /** Whether they did initial teacher training in maths, where the group asks. */
  mathsItt: boolean | null;
};

export type Verdict = {
  kind: RuleKind;
  met: boolean;
  reason: string;
  /** A participant rule's verdict: which participant (1 for the first) and which of their answers it is about, for the error by the field. */
  about?: { participant?: number; field: 'roles' | 'teaching-year' | 'maths-itt' | 'core-maths-year' };
};

export type Assessment = {
  verdicts: Verdict[];
  /** Requirements not met: the school cannot register. */
  refusals: string[];
  /** Recommendations not met: shown, never refusing. */
  warnings: string[];
  /** Rules met, for the school to see why it can register. */
  reasons: string[];
};

const SCHOOL_RULES = new Set<Rule['rule_type']>(['state_funded', 'phase', 'prior_participation', 'hub_area']);

/** Which of the rules' school phases a DfE phase of education is, if any. */
export function schoolPhaseOf(giasPhase: string): SchoolPhase | undefined {
  const phase = giasPhase.trim().toLowerCase();
  if (phase === 'primary') return 'primary';
  if (phase === 'secondary') return 'secondary';
  if (phase.startsWith('middle')) return 'middle';
  if (phase === 'all-through' || phase === 'all through') return 'all_through';
  if (phase === '16 plus' || phase === 'post-16' || phase === '16+') return 'post_16';
  return undefined;
}

function assess(verdicts: Verdict[]): Assessment {
  return {
    verdicts,
    refusals: verdicts.filter((v) => !v.met && v.kind === 'requirement').map((v) => v.reason),
    warnings: verdicts.filter((v) => !v.met && v.kind === 'recommendation').map((v) => v.reason),
    reasons: verdicts.filter((v) => v.met).map((v) => v.reason),
  };
}

/** Whether a participation satisfies an outcome: completing a project is also taking part. */
const reaches = (p: Participation, outcome: 'took_part' | 'completed') => outcome === 'took_part' || p.outcome === 'completed';

/** The school's verdicts on the group's school rules. `groupYear` is the group's academic year. */
export function evaluateSchool(rules: Rule[], school: SchoolFacts, groupYear: string, names: Names = {}): Assessment {
  const verdicts: Verdict[] = [];
  for (const rule of rules) {
    if (!SCHOOL_RULES.has(rule.rule_type)) continue;
    const { kind } = rule;
    switch (rule.rule_type) {
      case 'state_funded':
        verdicts.push(
          school.stateFunded
            ? { kind, met: true, reason: `${school.name} is a state-funded school` }
            : { kind, met: false, reason: `This group is for state-funded schools in England. ${school.name} is not state-funded.` },
        );
        break;

      case 'phase': {
        const phase = schoolPhaseOf(school.phase);
        const wanted = (Object.keys(SCHOOL_PHASES) as SchoolPhase[]).filter((p) => rule.params.phases.includes(p));
        const words = list(
          wanted.map((p) => SCHOOL_PHASES[p].adjective),
          'or',
        );
        const is = phase ? `${article(SCHOOL_PHASES[phase].adjective)} ${phase === 'post_16' ? 'college or sixth form' : 'school'}` : `a ${school.phase.toLowerCase()} establishment`;
        verdicts.push(
          phase && rule.params.phases.includes(phase)
            ? { kind, met: true, reason: `${school.name} is ${is}` }
            : { kind, met: false, reason: `This group is for ${words} schools. ${school.name} is ${is}.` },
        );
        break;
      }

      case 'prior_participation': {
        const p = rule.params;
        const verb = p.outcome === 'completed' ? 'completed' : 'took part in';
        let found: Participation | undefined;
        let wanted: string;
        if (p.by === 'project') {
          found = school.participations.find((x) => x.ncpCode === p.ncp_code && reaches(x, p.outcome));
          const project = names.projects?.get(p.ncp_code);
          wanted = project ? `${project.title} (${p.ncp_code}) in ${project.academic_year}` : `the project ${p.ncp_code}`;
        } else {
          found = school.participations
            .filter(
              (x) =>
                x.strand === p.strand &&
                (p.phase === null || x.phase === p.phase) &&
                (p.academic_year === null ? x.academicYear < groupYear : x.academicYear === p.academic_year) &&
                reaches(x, p.outcome),
            )
            .sort((a, b) => b.academicYear.localeCompare(a.academicYear))[0];
          const strand = STRANDS[p.strand as Strand] ?? p.strand;
          wanted = `${article(`${p.phase ? `${p.phase} ` : ''}${strand} Work Group`)}${p.academic_year ? ` in ${p.academic_year}` : ' in an earlier year'}`;
        }
        verdicts.push(
          found
            ? {
                kind,
                met: true,
                reason: `Your school ${found.outcome === 'completed' ? 'completed' : 'took part in'} ${found.title}${found.ncpCode ? ` (${found.ncpCode})` : ''} in ${found.academicYear}`,
              }
            : {
                kind,
                met: false,
                reason: `This group is for schools that ${verb} ${wanted}. The Maths Hubs' records do not show ${school.name} doing so.`,
              },
        );
        break;
      }

      case 'hub_area': {
        const hub = names.hubs?.get(rule.params.hub);
        const area = hub ? `the ${hub} area` : 'the Maths Hub’s area';
        const where = school.hubName ? `is in the ${school.hubName} area` : 'is not in any Maths Hub’s area on our records';
        verdicts.push(
          school.hubSlug === rule.params.hub
            ? { kind, met: true, reason: `${school.name} is in ${area}` }
            : { kind, met: false, reason: `This group is for schools in ${area}. ${school.name} ${where}.` },
        );
        break;
      }
    }
  }
  return assess(verdicts);
}

const roleName = (role: string) => (Object.hasOwn(JOB_ROLES, role) ? JOB_ROLES[role as JobRole].one : (PARTICIPANT_ROLES[role] ?? role).toLowerCase());

/** Which questions the participant pages must ask for these rules. */
export function questionsFor(rules: Rule[]): { teachingYear: boolean; mathsItt: boolean; coreMathsYear: boolean } {
  return {
    teachingYear: rules.some((r) => r.rule_type === 'early_career'),
    mathsItt: rules.some((r) => r.rule_type === 'non_specialist'),
    coreMathsYear: rules.some((r) => r.rule_type === 'core_maths_years'),
  };
}

/** The named teachers' verdicts on the group's participant rules. */
export function evaluateParticipants(rules: Rule[], participants: ParticipantFacts[], coreMathsYear: number | null): Assessment {
  const verdicts: Verdict[] = [];
  for (const rule of rules) {
    const { kind } = rule;
    switch (rule.rule_type) {
      case 'job_role': {
        const roles = (Object.keys(JOB_ROLES) as JobRole[]).filter((r) => rule.params.roles.includes(r));
        const holds = (p: ParticipantFacts) => p.roles.some((r) => (rule.params.roles as string[]).includes(r));
        const many = list(
          roles.map((r) => JOB_ROLES[r].many),
          'or',
        );
        const describeRoles = (p: ParticipantFacts) => list(p.roles.map(roleName), 'and');
        if (rule.params.applies_to === 'at_least_one') {
          const one = participants.find(holds);
          verdicts.push(
            one
              ? { kind, met: true, reason: `${one.name} is ${article(list(roles.map((r) => JOB_ROLES[r].one), 'or'))}` }
              : {
                  kind,
                  met: false,
                  reason: `At least one of your school’s participants ${kind === 'requirement' ? 'must' : 'should ideally'} be ${article(list(roles.map((r) => JOB_ROLES[r].one), 'or'))}.`,
                  about: { participant: 1, field: 'roles' },
                },
          );
          break;
        }
        const whom = rule.params.applies_to === 'lead' ? participants.slice(0, 1) : participants;
        for (const [i, p] of whom.entries()) {
          const scope = rule.params.applies_to === 'lead' ? 'lead participants' : 'participants';
          const about = { participant: i + 1, field: 'roles' as const };
          verdicts.push(
            holds(p)
              ? { kind, met: true, reason: `${p.name} is ${article(list(p.roles.filter((r) => (rule.params.roles as string[]).includes(r)).map(roleName), 'and'))}` }
              : kind === 'requirement'
                ? { kind, met: false, reason: `This group is for ${many} only. ${p.name} is ${article(describeRoles(p))}.`, about }
                : { kind, met: false, reason: `The group’s ${scope} should ideally be ${many}. ${p.name} is ${article(describeRoles(p))}.`, about },
          );
        }
        break;
      }

      case 'early_career': {
        const { from_year: from, to_year: to } = rule.params;
        const range = from === to ? `their ${ordinal(from)} year` : `their ${ordinal(from)} to ${ordinal(to)} year`;
        for (const [i, p] of participants.entries()) {
          const year = p.teachingYear;
          verdicts.push(
            year !== null && year >= from && year <= to
              ? { kind, met: true, reason: `${p.name} is in their ${ordinal(year)} year of teaching` }
              : {
                  kind,
                  met: false,
                  reason: `This group is for teachers in ${range} of teaching. ${p.name} is ${year === null ? 'not' : `in their ${ordinal(year)} year`}.`,
                  about: { participant: i + 1, field: 'teaching-year' },
                },
          );
        }
        break;
      }

      case 'non_specialist':
        for (const [i, p] of participants.entries()) {
          verdicts.push(
            p.mathsItt === false
              ? { kind, met: true, reason: `${p.name} teaches maths without having trained in maths` }
              : {
                  kind,
                  met: false,
                  reason: `This group is for non-specialist teachers of maths, who have not done initial teacher training (ITT) in maths. ${p.name} has.`,
                  about: { participant: i + 1, field: 'maths-itt' },
                },
          );
        }
        break;

      case 'core_maths_years': {
        const min = rule.params.min_year;
        verdicts.push(
          coreMathsYear !== null && coreMathsYear >= min
            ? { kind, met: true, reason: `Your school or college is in its ${ordinal(coreMathsYear)} year of teaching Core Maths` }
            : {
                kind,
                met: false,
                reason: `This group is for schools and colleges in at least their ${ordinal(min)} year of teaching Core Maths. Yours is in its ${ordinal(coreMathsYear ?? 1)}.`,
                about: { field: 'core-maths-year' },
              },
        );
        break;
      }
    }
  }
  return assess(verdicts);
}
