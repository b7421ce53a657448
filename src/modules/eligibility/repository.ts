// All the SQL of eligibility rules: a group's rules in order, the names they refer to,
// and the writes (always in a transaction with their audit-log entry).
import { type Kysely, sql } from 'kysely';
import type { Database, Db } from '../../core/schema.ts';
import { type AuditEntry, writeAudit } from '../../core/audit/repository.ts';
import type { Rule } from './rules.ts';
import { findGroup } from '../../core/work-groups/groups-repository.ts';
import { allProjects, projectsByCode } from '../../core/projects/repository.ts';
import { allHubs, hubsBySlug } from '../../core/hubs/repository.ts';

export type RuleRow = { id: number; position: number; rule_type: string; kind: string; params: unknown };

export function createEligibilityRepository(db: Db) {
  return {
    /** A group by code whatever its state, with its hub and academic year. */
    async groupByCode(code: string) {
      return findGroup(db, code);
    },

    /** A group's rules, in the order the hub added them. */
    async rulesOf(workGroupId: number): Promise<RuleRow[]> {
      return db
        .selectFrom('eligibility_rules')
        .select(['id', 'position', 'rule_type', 'kind', 'params'])
        .where('work_group_id', '=', workGroupId)
        .orderBy('position')
        .orderBy('id')
        .execute();
    },

    /** Titles and years of projects, and names of hubs, by the codes rules use. */
    async namesOf(refs: { projects: string[]; hubs: string[] }) {
      const [projects, hubs] = await Promise.all([projectsByCode(db, refs.projects), hubsBySlug(db, refs.hubs)]);
      return {
        projects: new Map(projects.map((p) => [p.ncp_code, { title: p.title, academic_year: p.academic_year }])),
        hubs: new Map(hubs.map((h) => [h.slug, h.name])),
      };
    },

    /** Every project, newest year first, for the prior-participation rule. */
    async projects() {
      return allProjects(db);
    },

    async hubs() {
      return allHubs(db);
    },

    /** Runs the writes and the audit entry together: all or nothing. */
    async inTransaction<T>(work: (trx: ReturnType<typeof writer>) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => work(writer(trx)));
    },
  };
}

/** The writes, always inside a transaction with their audit entry. */
function writer(db: Kysely<Database>) {
  return {
    /** Adds the rule after the group's others; returns its id. */
    async insertRule(workGroupId: number, rule: Rule): Promise<number> {
      const row = await db
        .insertInto('eligibility_rules')
        .values({
          work_group_id: workGroupId,
          position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM eligibility_rules WHERE work_group_id = ${workGroupId})`,
          rule_type: rule.rule_type,
          kind: rule.kind,
          params: JSON.stringify(rule.params),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Deletes one of the group's rules; returns what it was, or undefined if there was none. */
    async deleteRule(workGroupId: number, ruleId: number): Promise<RuleRow | undefined> {
      return db
        .deleteFrom('eligibility_rules')
        .where('id', '=', ruleId)
        .where('work_group_id', '=', workGroupId)
        .returning(['id', 'position', 'rule_type', 'kind', 'params'])
        .executeTakeFirst();
    },

    async audit(entry: AuditEntry) {
      await writeAudit(db, entry);
    },
  };
}

export type EligibilityRepository = ReturnType<typeof createEligibilityRepository>;
