// Unit: the seed groups' eligibility rules fit their schemas, name real seed groups, and say
// what the seed pages say.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe, ruleSchema } from '../modules/eligibility/index.ts';
import { SEED_ELIGIBILITY } from './eligibility.ts';
import { SEED_WORK_GROUPS } from './seed-groups.ts';

const sentences = (code: string) => {
  const seed = SEED_ELIGIBILITY.find((s) => s.code === code);
  assert.ok(seed, code);
  return seed.rules.map((r) => `${r.kind}: ${describe(ruleSchema.parse(r))}`);
};

test('every rule fits its schema and belongs to a seed group, once', () => {
  const codes = new Set(SEED_WORK_GROUPS.map((g) => g.code));
  for (const seed of SEED_ELIGIBILITY) {
    assert.ok(codes.has(seed.code), seed.code);
    for (const rule of seed.rules) assert.ok(ruleSchema.safeParse(rule).success, `${seed.code} ${rule.rule_type}`);
  }
  assert.equal(new Set(SEED_ELIGIBILITY.map((s) => s.code)).size, SEED_ELIGIBILITY.length);
});

test('the rules say what the seed pages say', () => {
  assert.deepEqual(sentences('WRK2122-EME01'), [
    'requirement: Your school must have taken part in a Secondary Teaching for Mastery Work Group in 2020/21',
    'recommendation: Lead participants should ideally be Mastery Advocates',
  ]);
  assert.deepEqual(sentences('WRK2122-KM01'), [
    'requirement: Your school must be a state-funded school in England',
    'requirement: Participants must be non-specialist teachers of maths: teachers currently teaching some mathematics who have not undertaken initial teacher training (ITT) in mathematics',
  ]);
  assert.deepEqual(sentences('WRK2223-SHAW01'), ['requirement: This group is for heads of department and subject leaders only']);
  assert.deepEqual(sentences('WRK2122-CAM01'), ['requirement: Your school or college must be in at least its second year of teaching Core Maths']);
  assert.deepEqual(sentences('WRK2223-CW01'), [
    'recommendation: At least one participant from each school should ideally be a Mastery Specialist or Mastery Advocate',
  ]);
  const ect = SEED_WORK_GROUPS.filter((g) => g.project_code === 'NCP21-15');
  assert.equal(ect.length, 6);
  for (const g of ect) assert.deepEqual(sentences(g.code), ['requirement: Participants must be in their first or second year of teaching']);
});
