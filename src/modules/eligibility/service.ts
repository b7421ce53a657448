// The meaning of a Work Group's eligibility rules: rows in, plain-English sentences out; and
// the commands that add and remove a rule, each in one transaction with its audit-log entry.
import type { EligibilityRuleType } from '../../core/schema.ts';
import type { EligibilityRepository, RuleRow } from './repository.ts';
import { describe, KINDS, type Names, RULE_TYPES, type Rule, type RuleKind, referencesOf, ruleFromRow } from './rules.ts';

export type EligibilityGroup = NonNullable<Awaited<ReturnType<EligibilityRepository['groupByCode']>>>;

/** A rule as the editor lists it. */
export type ShownRule = { id: number; kind: RuleKind; kindLabel: string; typeLabel: string; text: string; readable: boolean };

/** A rule as the public page shows it. */
export type PublicRule = { kind: RuleKind; text: string };

export function createEligibilityService(deps: { repository: EligibilityRepository }) {
  const repo = deps.repository;

  async function namesFor(rules: (Rule | undefined)[]): Promise<Names> {
    const projects = new Set<string>();
    const hubs = new Set<string>();
    for (const rule of rules) {
      if (!rule) continue;
      const refs = referencesOf(rule);
      for (const p of refs.projects) projects.add(p);
      for (const h of refs.hubs) hubs.add(h);
    }
    return repo.namesOf({ projects: [...projects], hubs: [...hubs] });
  }

  async function shown(rows: RuleRow[]): Promise<ShownRule[]> {
    const rules = rows.map(ruleFromRow);
    const names = await namesFor(rules);
    return rows.map((row, i) => {
      const rule = rules[i];
      const kind: RuleKind = row.kind === 'recommendation' ? 'recommendation' : 'requirement';
      return {
        id: row.id,
        kind,
        kindLabel: KINDS[kind].label,
        typeLabel: RULE_TYPES[row.rule_type as EligibilityRuleType]?.label ?? row.rule_type,
        // Only ever written through the schema; a row that no longer fits it is named, not hidden.
        text: rule ? describe(rule, names) : 'This rule could not be read. Remove it and add it again.',
        readable: Boolean(rule),
      };
    });
  }

  return {
    groupByCode: (code: string) => repo.groupByCode(code),

    /** The group's rules for the editor, in order. */
    async rulesOf(workGroupId: number): Promise<ShownRule[]> {
      return shown(await repo.rulesOf(workGroupId));
    },

    /** The group's rules as data, for evaluating a school against them, with the names they refer to. */
    async rulesFor(workGroupId: number): Promise<{ rules: Rule[]; names: Names }> {
      const rules = (await repo.rulesOf(workGroupId)).map(ruleFromRow).filter((r): r is Rule => r !== undefined);
      return { rules, names: await namesFor(rules) };
    },

    /** The group's rules for its public page, in order. */
    async publicRulesOf(workGroupId: number): Promise<PublicRule[]> {
      return (await shown(await repo.rulesOf(workGroupId))).filter((r) => r.readable).map((r) => ({ kind: r.kind, text: r.text }));
    },

    /** What the rule forms offer: projects of earlier years than the group's, and every hub. */
    async formOptions(group: EligibilityGroup) {
      const [projects, hubs] = await Promise.all([repo.projects(), repo.hubs()]);
      return { projects: projects.filter((p) => p.academic_year < group.academic_year), hubs };
    },

    /** The sentence a rule will show, with the names it refers to. */
    async describe(rule: Rule): Promise<string> {
      return describe(rule, await namesFor([rule]));
    },

    async add(actorId: number, group: EligibilityGroup, rule: Rule): Promise<void> {
      const text = describe(rule, await namesFor([rule]));
      await repo.inTransaction(async (w) => {
        const id = await w.insertRule(group.id, rule);
        await w.audit({
          actorUserId: actorId,
          action: 'eligibility.added',
          subjectType: 'work_group',
          subjectId: group.code,
          hubId: group.hub_id,
          changes: { rule_id: id, rule_type: rule.rule_type, kind: rule.kind, params: rule.params, text },
        });
      });
    },

    /** Removes one of the group's rules; false if it has no such rule (already removed). */
    async remove(actorId: number, group: EligibilityGroup, ruleId: number): Promise<boolean> {
      return repo.inTransaction(async (w) => {
        const removed = await w.deleteRule(group.id, ruleId);
        if (!removed) return false;
        const [text] = await shown([removed]);
        await w.audit({
          actorUserId: actorId,
          action: 'eligibility.removed',
          subjectType: 'work_group',
          subjectId: group.code,
          hubId: group.hub_id,
          changes: { rule_id: removed.id, rule_type: removed.rule_type, kind: removed.kind, params: removed.params, text: text?.text },
        });
        return true;
      });
    },
  };
}

export type EligibilityService = ReturnType<typeof createEligibilityService>;
