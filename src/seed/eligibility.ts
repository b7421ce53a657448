// The seed Work Groups' eligibility rules, where their pages state them (see /seeds). Rules
// refer to groups by code; each is checked against its schema when the demo data is loaded.
import type { Rule } from '../modules/eligibility/index.ts';
import { SEED_WORK_GROUPS } from './seed-groups.ts';

export type EligibilitySeed = { code: string; rules: Rule[] };

const HEADS_OF_DEPARTMENT: Rule = {
  rule_type: 'job_role',
  kind: 'requirement',
  params: { roles: ['head_of_department', 'subject_leader'], applies_to: 'every' },
};

/**
 * SKTM for early-career teachers (2021/22): "in the early years of their career", the two-year
 * ECT induction of the time, so the first or second year of teaching (the induction, and with it
 * this rule, was the first and second year until 2025/26).
 */
const EARLY_CAREER: Rule = { rule_type: 'early_career', kind: 'requirement', params: { from_year: 1, to_year: 2 } };

export const SEED_ELIGIBILITY: readonly EligibilitySeed[] = [
  {
    // NCP21-13: "for maths departments in schools that have participated in a Secondary Teaching for
    // Mastery Development Work Group in 2020/21. Lead participants will ideally be the Mastery Advocates".
    // The demo data has no 2020/21 projects, so the rule names the programme, phase and year.
    code: 'WRK2122-EME01',
    rules: [
      {
        rule_type: 'prior_participation',
        kind: 'requirement',
        params: { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2020/21' },
      },
      { rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_advocate'], applies_to: 'lead' } },
    ],
  },
  {
    // This year's Embedding Year Support: the same rules, a year on.
    code: 'WRK2627-EME11',
    rules: [
      {
        rule_type: 'prior_participation',
        kind: 'requirement',
        params: { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2025/26' },
      },
      { rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_advocate'], applies_to: 'lead' } },
    ],
  },
  {
    // "for non-specialist teachers of maths in state-funded schools who fit the following definition…"
    code: 'WRK2122-KM01',
    rules: [
      { rule_type: 'state_funded', kind: 'requirement', params: {} },
      { rule_type: 'non_specialist', kind: 'requirement', params: {} },
    ],
  },
  ...SEED_WORK_GROUPS.filter((g) => g.project_code === 'NCP21-15').map((g) => ({ code: g.code, rules: [EARLY_CAREER] })),
  // Secondary Maths Leadership and the Subject Leadership groups: heads of department/subject leaders.
  { code: 'WRK2223-SHAW01', rules: [HEADS_OF_DEPARTMENT] },
  { code: 'WRK2122-JUR01', rules: [HEADS_OF_DEPARTMENT] },
  { code: 'WRK2627-GN01', rules: [HEADS_OF_DEPARTMENT] },
  {
    // "This Work Group is for schools and colleges in at least their second year of teaching Core Maths."
    code: 'WRK2122-CAM01',
    rules: [{ rule_type: 'core_maths_years', kind: 'requirement', params: { min_year: 2 } }],
  },
  {
    // "the pair will ideally comprise at least one Mastery Specialist or Mastery Advocate"
    code: 'WRK2223-CW01',
    rules: [
      { rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_specialist', 'mastery_advocate'], applies_to: 'at_least_one' } },
    ],
  },
];
