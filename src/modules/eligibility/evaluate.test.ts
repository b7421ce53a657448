import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateParticipants, evaluateSchool, type SchoolFacts, schoolPhaseOf } from './evaluate.ts';
import type { Rule } from './rules.ts';

const school: SchoolFacts = {
  name: 'Ashbury Academy',
  phase: 'Secondary',
  stateFunded: true,
  hubSlug: 'east-midlands-east',
  hubName: 'East Midlands East Maths Hub',
  participations: [
    { academicYear: '2020/21', ncpCode: null, title: 'Secondary Teaching for Mastery Development', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part' },
  ],
};

const tookPartInTfm: Rule = {
  rule_type: 'prior_participation',
  kind: 'requirement',
  params: { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2020/21' },
};

test('a school that took part in 2020/21 is told so, and can register', () => {
  const result = evaluateSchool([tookPartInTfm], school, '2021/22');
  assert.deepEqual(result.refusals, []);
  assert.deepEqual(result.reasons, ['Your school took part in Secondary Teaching for Mastery Development in 2020/21']);
});

test('a school with no such record is refused, with the reason', () => {
  const result = evaluateSchool([tookPartInTfm], { ...school, participations: [] }, '2021/22');
  assert.equal(result.refusals.length, 1);
  assert.match(result.refusals[0]!, /took part in a secondary Teaching for Mastery Work Group in 2020\/21.*do not show Ashbury Academy/);
  // Completing is more than taking part; taking part is not completing.
  const completed: Rule = { ...tookPartInTfm, params: { ...tookPartInTfm.params, outcome: 'completed' } } as Rule;
  assert.equal(evaluateSchool([completed], school, '2021/22').refusals.length, 1);
});

test('state funding, phase and hub area', () => {
  const rules: Rule[] = [
    { rule_type: 'state_funded', kind: 'requirement', params: {} },
    { rule_type: 'phase', kind: 'requirement', params: { phases: ['secondary', 'all_through'] } },
    { rule_type: 'hub_area', kind: 'requirement', params: { hub: 'east-midlands-east' } },
  ];
  assert.deepEqual(evaluateSchool(rules, school, '2026/27').refusals, []);
  const other = evaluateSchool(rules, { ...school, stateFunded: false, phase: 'Primary', hubSlug: 'shaw', hubName: 'SHaW Maths Hub' }, '2026/27');
  assert.deepEqual(other.refusals, [
    'This group is for state-funded schools in England. Ashbury Academy is not state-funded.',
    'This group is for secondary or all-through schools. Ashbury Academy is a primary school.',
    'This group is for schools in the Maths Hub’s area. Ashbury Academy is in the SHaW Maths Hub area.',
  ]);
});

test('a recommendation warns and never refuses', () => {
  const rules: Rule[] = [
    { rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_specialist', 'mastery_advocate'], applies_to: 'at_least_one' } },
  ];
  const pair = [
    { name: 'Ann Lee', roles: ['teacher'], teachingYear: null, mathsItt: null },
    { name: 'Raj Patel', roles: ['head_of_department'], teachingYear: null, mathsItt: null },
  ];
  const result = evaluateParticipants(rules, pair, null);
  assert.deepEqual(result.refusals, []);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0]!, /should ideally be a Mastery Specialist or Mastery Advocate/);
  const withAdvocate = evaluateParticipants(rules, [{ ...pair[0]!, roles: ['teacher', 'mastery_advocate'] }, pair[1]!], null);
  assert.deepEqual(withAdvocate.warnings, []);
});

test('heads of department only; early career; non-specialist; Core Maths years', () => {
  const hod: Rule = { rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department', 'subject_leader'], applies_to: 'every' } };
  const teacher = { name: 'Ann Lee', roles: ['teacher'], teachingYear: 5, mathsItt: true };
  assert.deepEqual(evaluateParticipants([hod], [teacher], null).refusals, [
    'This group is for heads of department or subject leaders only. Ann Lee is a teacher of maths.',
  ]);
  const ect: Rule = { rule_type: 'early_career', kind: 'requirement', params: { from_year: 1, to_year: 3 } };
  assert.match(evaluateParticipants([ect], [teacher], null).refusals[0]!, /first to third year of teaching. Ann Lee is in their fifth year/);
  assert.deepEqual(evaluateParticipants([ect], [{ ...teacher, teachingYear: 2 }], null).refusals, []);
  const nonSpecialist: Rule = { rule_type: 'non_specialist', kind: 'requirement', params: {} };
  assert.equal(evaluateParticipants([nonSpecialist], [teacher], null).refusals.length, 1);
  assert.equal(evaluateParticipants([nonSpecialist], [{ ...teacher, mathsItt: false }], null).refusals.length, 0);
  const coreMaths: Rule = { rule_type: 'core_maths_years', kind: 'requirement', params: { min_year: 2 } };
  assert.equal(evaluateParticipants([coreMaths], [teacher], 1).refusals.length, 1);
  assert.equal(evaluateParticipants([coreMaths], [teacher], 2).refusals.length, 0);
});

test('DfE phases of education map onto the rules’ phases', () => {
  assert.equal(schoolPhaseOf('Middle deemed secondary'), 'middle');
  assert.equal(schoolPhaseOf('16 plus'), 'post_16');
  assert.equal(schoolPhaseOf('All-through'), 'all_through');
  assert.equal(schoolPhaseOf('Not applicable'), undefined);
});
