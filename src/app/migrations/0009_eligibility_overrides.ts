import { type Kysely, sql } from 'kysely';

// A hub's decision to let a school register for a group although a requirement refuses it
// ("the school took part in 2020/21 but our records missed it"), with the reason and who
// decided. The registration then goes ahead; the audit log keeps the decision too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE eligibility_overrides (
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      school_urn integer NOT NULL REFERENCES schools (urn),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      created_by integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (work_group_id, school_urn)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE eligibility_overrides`.execute(db);
}
