// Unit: the "add a rule" forms, from what was typed to a rule or a message by each field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FormContext, normaliseAcademicYear, parseRuleForm, RULE_FORMS, ruleForm } from './form.ts';
import { readForm } from '../../platform/http/forms.ts';
import { RULE_TYPE_KEYS } from './rules.ts';

const context: FormContext = {
  groupYear: '2022/23',
  projects: new Map([['NCP21-13', { academic_year: '2021/22' }]]),
  hubs: new Set(['shaw', 'great-north']),
};

function errorsOf(result: ReturnType<typeof parseRuleForm>) {
  assert.equal(result.ok, false);
  return result.ok ? {} : result.errors;
}

test('every form needs a requirement or a recommendation', () => {
  assert.deepEqual(errorsOf(parseRuleForm('state_funded', {}, context)), { kind: 'Select whether this is a requirement or a recommendation' });
  assert.deepEqual(errorsOf(parseRuleForm('state_funded', { kind: 'compulsory' }, context)), {
    kind: 'Select whether this is a requirement or a recommendation',
  });
  assert.deepEqual(parseRuleForm('state_funded', { kind: 'recommendation' }, context), {
    ok: true,
    rule: { rule_type: 'state_funded', kind: 'recommendation', params: {} },
  });
});

test('checkboxes arrive as a list; a single box as a string', () => {
  const form = readForm({ roles: ['mastery_specialist', ' mastery_advocate '], applies_to: 'at_least_one', kind: 'recommendation', junk: { a: 1 } });
  assert.deepEqual(form.roles, ['mastery_specialist', 'mastery_advocate']);
  assert.equal(form.junk, undefined);
  const parsed = parseRuleForm('job_role', form, context);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.rule.params, { roles: ['mastery_specialist', 'mastery_advocate'], applies_to: 'at_least_one' });
  const one = parseRuleForm('phase', { phases: 'secondary', kind: 'requirement' }, context);
  assert.ok(one.ok);
  assert.deepEqual(one.rule.params, { phases: ['secondary'] });
});

test('job role and phase: nothing chosen, or something not offered', () => {
  assert.deepEqual(errorsOf(parseRuleForm('job_role', { kind: 'requirement' }, context)), {
    roles: 'Select at least one job role',
    applies_to: 'Select who the rule is about',
  });
  assert.equal(errorsOf(parseRuleForm('job_role', { roles: ['constructor'], applies_to: 'toString', kind: 'requirement' }, context)).roles, 'Select job roles from the list');
  assert.deepEqual(errorsOf(parseRuleForm('phase', { phases: ['nursery'], kind: 'requirement' }, context)), { phases: 'Select phases from the list' });
});

test('early career: whole numbers from 1 to 10, the range in order', () => {
  assert.deepEqual(errorsOf(parseRuleForm('early_career', { from_year: '', to_year: 'three', kind: 'requirement' }, context)), {
    from_year: 'Enter the first year, like 1',
    to_year: 'The last year must be a whole number, like 3',
  });
  assert.deepEqual(errorsOf(parseRuleForm('early_career', { from_year: '3', to_year: '1', kind: 'requirement' }, context)), {
    to_year: 'The last year must be the same as or after the first year',
  });
  assert.deepEqual(errorsOf(parseRuleForm('early_career', { from_year: '0', to_year: '12', kind: 'requirement' }, context)), {
    from_year: 'The first year must be between 1 and 10',
    to_year: 'The last year must be between 1 and 10',
  });
  const ok = parseRuleForm('early_career', { from_year: '1', to_year: '3', kind: 'requirement' }, context);
  assert.ok(ok.ok);
  assert.deepEqual(ok.rule.params, { from_year: 1, to_year: 3 });
});

test('Core Maths: at least the second year', () => {
  assert.deepEqual(errorsOf(parseRuleForm('core_maths_years', { min_year: '1', kind: 'requirement' }, context)), {
    min_year: 'The year must be between 2 and 10',
  });
  assert.ok(parseRuleForm('core_maths_years', { min_year: '2', kind: 'requirement' }, context).ok);
});

test('hub area: a hub that exists', () => {
  assert.deepEqual(errorsOf(parseRuleForm('hub_area', { hub: 'atlantis', kind: 'requirement' }, context)), { hub: 'Select the Maths Hub' });
  assert.ok(parseRuleForm('hub_area', { hub: 'shaw', kind: 'requirement' }, context).ok);
});

test('prior participation: a project from an earlier year, or a programme in an earlier year', () => {
  assert.deepEqual(errorsOf(parseRuleForm('prior_participation', { kind: 'requirement' }, context)), {
    by: 'Select a particular project or any Work Group of a programme',
    outcome: 'Select whether schools must have taken part or completed it',
  });
  assert.match(errorsOf(parseRuleForm('prior_participation', { by: 'project', ncp_code: 'NCP26-17', outcome: 'took_part', kind: 'requirement' }, context)).ncp_code ?? '', /from a year before this Work Group’s \(2022\/23\)/);
  const project = parseRuleForm('prior_participation', { by: 'project', ncp_code: 'ncp21-13', outcome: 'completed', kind: 'requirement' }, context);
  assert.ok(project.ok);
  assert.deepEqual(project.rule.params, { by: 'project', ncp_code: 'NCP21-13', outcome: 'completed' });

  assert.deepEqual(
    errorsOf(parseRuleForm('prior_participation', { by: 'strand', strand: 'knitting', academic_year: '2023/24', outcome: 'took_part', kind: 'requirement' }, context)),
    { strand: 'Select the programme', academic_year: 'Academic year must be before this Work Group’s year (2022/23)' },
  );
  assert.equal(
    errorsOf(parseRuleForm('prior_participation', { by: 'strand', strand: 'sktm', academic_year: '2020/22', outcome: 'took_part', kind: 'requirement' }, context)).academic_year,
    'Academic year must be two years in a row, like 2020/21',
  );
  const strand = parseRuleForm(
    'prior_participation',
    { by: 'strand', strand: 'teaching-for-mastery', strand_phase: 'secondary', academic_year: '2020-21', outcome: 'took_part', kind: 'requirement' },
    context,
  );
  assert.ok(strand.ok);
  assert.deepEqual(strand.rule.params, { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2020/21' });
  const any = parseRuleForm('prior_participation', { by: 'strand', strand: 'sktm', strand_phase: '', academic_year: '', outcome: 'completed', kind: 'recommendation' }, context);
  assert.ok(any.ok);
  assert.deepEqual(any.rule.params, { by: 'strand', strand: 'sktm', phase: null, outcome: 'completed', academic_year: null });
});

test('academic years as people type them', () => {
  assert.equal(normaliseAcademicYear('2020/21'), '2020/21');
  assert.equal(normaliseAcademicYear('2020-2021'), '2020/21');
  assert.equal(normaliseAcademicYear('2020 to 2021'), '2020/21');
  assert.equal(normaliseAcademicYear('2099/00'), '2099/00');
  assert.equal(normaliseAcademicYear('2020/2022'), undefined);
  assert.equal(normaliseAcademicYear('last year'), undefined);
});

test('every rule type has a form; only the forms listed are found', () => {
  const types = new Set(Object.values(RULE_FORMS).map((f) => f.type));
  assert.deepEqual([...types].sort(), [...RULE_TYPE_KEYS].sort());
  for (const slug of Object.keys(RULE_FORMS)) assert.match(slug, /^[a-z]+(-[a-z]+)*$/);
  assert.equal(ruleForm('constructor'), undefined);
  assert.equal(ruleForm('__proto__'), undefined);
  assert.equal(ruleForm('prior-project')?.by, 'project');
});
