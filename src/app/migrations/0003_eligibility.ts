import { type Kysely, sql } from 'kysely';

// Eligibility rules: data, not code. Each Work Group has an ordered list of rules, each a
// requirement (refuses) or a recommendation (warns); the parameters of each rule type are
// checked by its zod schema (src/modules/eligibility/rules.ts) before they are stored.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE eligibility_rules (
      id serial PRIMARY KEY,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position > 0),
      rule_type text NOT NULL CHECK (rule_type IN ('state_funded', 'phase', 'prior_participation', 'job_role',
        'early_career', 'non_specialist', 'core_maths_years', 'hub_area')),
      kind text NOT NULL CHECK (kind IN ('requirement', 'recommendation')),
      params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX eligibility_rules_group_idx ON eligibility_rules (work_group_id, position);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE eligibility_rules;`.execute(db);
}
