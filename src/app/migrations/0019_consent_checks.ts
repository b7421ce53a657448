import { type Kysely, sql } from 'kysely';

// Registration's checks:
// - registrations.waiting_order: the waiting list's order, from a sequence taken while the group's
//   row is locked, so that it is the order in which schools joined (committed), whatever the clocks
//   of the processes say. Existing lists keep their order.
// - Who registered the school (registered_by_*: the name and email a visitor gave, or the API
//   token's owner), and the headteacher's approval when it came from an address the school is not
//   known by (approved_at, approval_check): the place stays held until hub staff confirm or refuse it.
// - schools.website (GIAS "SchoolWebsite"): an address at its domain is one the school is known by;
//   school_known_addresses: addresses the hub has recorded for a school.
// - registration_submissions: each registration made, by who made it (an address, an API token, a
//   person), counted under a per-key lock to limit how many one of them makes in an hour.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE registrations_waiting_order_seq;
    ALTER TABLE registrations ADD COLUMN waiting_order bigint;
    WITH ordered AS (SELECT id, row_number() OVER (ORDER BY waitlisted_at NULLS LAST, id) AS n FROM registrations)
    UPDATE registrations r SET waiting_order = ordered.n FROM ordered WHERE ordered.id = r.id;
    SELECT setval('registrations_waiting_order_seq', coalesce((SELECT max(waiting_order) FROM registrations), 0) + 1, false);
    ALTER SEQUENCE registrations_waiting_order_seq OWNED BY registrations.waiting_order;
    ALTER TABLE registrations
      ALTER COLUMN waiting_order SET DEFAULT nextval('registrations_waiting_order_seq'),
      ALTER COLUMN waiting_order SET NOT NULL;
    DROP INDEX registrations_waiting_idx;
    CREATE INDEX registrations_waiting_idx ON registrations (work_group_id, waiting_order) WHERE status = 'waitlisted';

    ALTER TABLE registrations
      ADD COLUMN registered_by_name text,
      ADD COLUMN registered_by_email text,
      ADD COLUMN registered_by_user_id integer REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN approved_at timestamptz,
      ADD COLUMN approval_check text CHECK (approval_check IN ('website', 'known_address', 'account', 'unverified', 'hub_confirmed'));

    ALTER TABLE schools ADD COLUMN website text;

    CREATE TABLE school_known_addresses (
      school_urn integer NOT NULL REFERENCES schools (urn) ON DELETE CASCADE,
      email text NOT NULL CHECK (email = lower(email)),
      recorded_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (school_urn, email)
    );

    CREATE TABLE registration_submissions (
      id bigserial PRIMARY KEY,
      key text NOT NULL,
      registration_id integer REFERENCES registrations (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX registration_submissions_key_idx ON registration_submissions (key, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE registration_submissions, school_known_addresses;
    ALTER TABLE schools DROP COLUMN website;
    ALTER TABLE registrations
      DROP COLUMN registered_by_name,
      DROP COLUMN registered_by_email,
      DROP COLUMN registered_by_user_id,
      DROP COLUMN approved_at,
      DROP COLUMN approval_check;
    DROP INDEX registrations_waiting_idx;
    ALTER TABLE registrations DROP COLUMN waiting_order;
    CREATE INDEX registrations_waiting_idx ON registrations (work_group_id, waitlisted_at, id) WHERE status = 'waitlisted';
  `.execute(db);
}
