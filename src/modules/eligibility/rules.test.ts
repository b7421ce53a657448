// Unit: the rule schemas (one per rule type) and the plain-English sentences teachers read.
import assert from 'node:assert/strict';
import { describe as group, test } from 'node:test';
import { describe, type Names, type Rule, ruleFromRow, ruleSchema } from './rules.ts';

const names: Names = {
  projects: new Map([['NCP20-11', { title: 'Secondary Teaching for Mastery Development', academic_year: '2020/21' }]]),
  hubs: new Map([['shaw', 'SHaW Maths Hub']]),
};

const say = (rule: Rule) => describe(ruleSchema.parse(rule), names);

group('describe(): the sentences on the public page', () => {
  test('state-funded, phase, hub area', () => {
    assert.equal(say({ rule_type: 'state_funded', kind: 'requirement', params: {} }), 'Your school must be a state-funded school in England');
    assert.equal(
      say({ rule_type: 'state_funded', kind: 'recommendation', params: {} }),
      'Your school should ideally be a state-funded school in England',
    );
    assert.equal(say({ rule_type: 'phase', kind: 'requirement', params: { phases: ['secondary'] } }), 'Your school must be a secondary school');
    assert.equal(
      say({ rule_type: 'phase', kind: 'requirement', params: { phases: ['all_through', 'secondary'] } }),
      'Your school must be a secondary or all-through school',
    );
    assert.equal(
      say({ rule_type: 'phase', kind: 'requirement', params: { phases: ['post_16', 'secondary'] } }),
      'Your school or college must be a secondary or post-16 school or college',
    );
    assert.equal(say({ rule_type: 'phase', kind: 'requirement', params: { phases: ['all_through'] } }), 'Your school must be an all-through school');
    assert.equal(say({ rule_type: 'hub_area', kind: 'requirement', params: { hub: 'shaw' } }), 'Your school must be in the SHaW Maths Hub area');
    assert.equal(
      describe({ rule_type: 'hub_area', kind: 'requirement', params: { hub: 'gone' } }),
      'Your school must be in the area of the Maths Hub running this group',
      'a hub that is not known still gives a sentence',
    );
  });

  test('prior participation: a project (its own year), or a programme in a year or any earlier year', () => {
    assert.equal(
      say({ rule_type: 'prior_participation', kind: 'requirement', params: { by: 'project', ncp_code: 'NCP20-11', outcome: 'took_part' } }),
      'Your school must have taken part in Secondary Teaching for Mastery Development (NCP20-11) in 2020/21',
    );
    assert.equal(
      say({ rule_type: 'prior_participation', kind: 'requirement', params: { by: 'project', ncp_code: 'NCP20-11', outcome: 'completed' } }),
      'Your school must have completed Secondary Teaching for Mastery Development (NCP20-11) in 2020/21',
    );
    assert.equal(
      describe({ rule_type: 'prior_participation', kind: 'requirement', params: { by: 'project', ncp_code: 'NCP19-99', outcome: 'took_part' } }),
      'Your school must have taken part in the project NCP19-99',
    );
    assert.equal(
      say({
        rule_type: 'prior_participation',
        kind: 'requirement',
        params: { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2020/21' },
      }),
      'Your school must have taken part in a Secondary Teaching for Mastery Work Group in 2020/21',
    );
    assert.equal(
      say({
        rule_type: 'prior_participation',
        kind: 'recommendation',
        params: { by: 'strand', strand: 'sktm', phase: null, outcome: 'completed', academic_year: null },
      }),
      'Your school should ideally have completed a Specialist Knowledge for Teaching Mathematics (SKTM) Work Group in an earlier year',
    );
  });

  test('job roles: only, lead participants, at least one of the pair; requirement and recommendation', () => {
    assert.equal(
      say({ rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department'], applies_to: 'every' } }),
      'This group is for heads of department only',
    );
    assert.equal(
      say({ rule_type: 'job_role', kind: 'requirement', params: { roles: ['subject_leader', 'head_of_department'], applies_to: 'every' } }),
      'This group is for heads of department and subject leaders only',
      'roles in a fixed order, whatever order they were chosen in',
    );
    assert.equal(
      say({ rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_specialist', 'mastery_advocate'], applies_to: 'every' } }),
      'Participants should ideally be Mastery Specialists or Mastery Advocates',
    );
    assert.equal(
      say({ rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_specialist', 'mastery_advocate'], applies_to: 'at_least_one' } }),
      'At least one participant from each school should ideally be a Mastery Specialist or Mastery Advocate',
    );
    assert.equal(
      say({ rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_advocate'], applies_to: 'lead' } }),
      'Lead participants should ideally be Mastery Advocates',
    );
    assert.equal(
      say({ rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department'], applies_to: 'at_least_one' } }),
      'At least one participant from each school must be a head of department',
    );
  });

  test('early career, non-specialist, Core Maths', () => {
    assert.equal(
      say({ rule_type: 'early_career', kind: 'requirement', params: { from_year: 1, to_year: 3 } }),
      'Participants must be in their first to third year of teaching',
    );
    assert.equal(say({ rule_type: 'early_career', kind: 'requirement', params: { from_year: 2, to_year: 2 } }), 'Participants must be in their second year of teaching');
    assert.equal(
      say({ rule_type: 'non_specialist', kind: 'requirement', params: {} }),
      'Participants must be non-specialist teachers of maths: teachers currently teaching some mathematics who have not undertaken initial teacher training (ITT) in mathematics',
    );
    assert.equal(
      say({ rule_type: 'core_maths_years', kind: 'requirement', params: { min_year: 2 } }),
      'Your school or college must be in at least its second year of teaching Core Maths',
    );
    assert.equal(
      say({ rule_type: 'core_maths_years', kind: 'recommendation', params: { min_year: 3 } }),
      'Your school or college should ideally be in at least its third year of teaching Core Maths',
    );
  });
});

group('the schemas', () => {
  const refuse = (value: unknown, why: string) => assert.equal(ruleSchema.safeParse(value).success, false, why);

  test('each rule type accepts exactly its own parameters', () => {
    refuse({ rule_type: 'state_funded', kind: 'requirement', params: { anything: 1 } }, 'unknown parameter');
    refuse({ rule_type: 'state_funded', kind: 'maybe', params: {} }, 'a kind that is neither');
    refuse({ rule_type: 'dinner_money', kind: 'requirement', params: {} }, 'an unknown rule type');
    refuse({ rule_type: 'phase', kind: 'requirement', params: { phases: [] } }, 'no phase');
    refuse({ rule_type: 'phase', kind: 'requirement', params: { phases: ['nursery'] } }, 'an unknown phase');
    refuse({ rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department'] } }, 'applies_to missing');
    refuse({ rule_type: 'job_role', kind: 'requirement', params: { roles: ['headteacher'], applies_to: 'every' } }, 'an unknown role');
    refuse({ rule_type: 'early_career', kind: 'requirement', params: { from_year: 3, to_year: 1 } }, 'a range that ends before it starts');
    refuse({ rule_type: 'early_career', kind: 'requirement', params: { from_year: 0, to_year: 1 } }, 'year 0');
    refuse({ rule_type: 'early_career', kind: 'requirement', params: { from_year: 1, to_year: 11 } }, 'beyond year 10');
    refuse({ rule_type: 'early_career', kind: 'requirement', params: { from_year: '1', to_year: 3 } }, 'a string for a number');
    refuse({ rule_type: 'core_maths_years', kind: 'requirement', params: { min_year: 1 } }, 'the first year is no rule');
    refuse({ rule_type: 'hub_area', kind: 'requirement', params: { hub: 'Not A Slug' } }, 'a hub that is not a slug');
    refuse(
      { rule_type: 'prior_participation', kind: 'requirement', params: { by: 'project', ncp_code: 'NCP2011', outcome: 'took_part' } },
      'a malformed NCP code',
    );
    refuse(
      { rule_type: 'prior_participation', kind: 'requirement', params: { by: 'strand', strand: 'sktm', phase: null, outcome: 'took_part', academic_year: '2020/22' } },
      'years not in a row',
    );
    refuse(
      { rule_type: 'prior_participation', kind: 'requirement', params: { by: 'strand', strand: 'knitting', phase: null, outcome: 'took_part', academic_year: null } },
      'an unknown strand',
    );
    refuse(
      { rule_type: 'prior_participation', kind: 'requirement', params: { by: 'project', ncp_code: 'NCP20-11', outcome: 'took_part', academic_year: '2020/21' } },
      'a project carries its own year',
    );
  });

  test('a stored row reads back as its rule; one that no longer fits does not', () => {
    assert.deepEqual(ruleFromRow({ rule_type: 'core_maths_years', kind: 'requirement', params: { min_year: 2 } }), {
      rule_type: 'core_maths_years',
      kind: 'requirement',
      params: { min_year: 2 },
    });
    assert.equal(ruleFromRow({ rule_type: 'core_maths_years', kind: 'requirement', params: { min: 2 } }), undefined);
  });
});
