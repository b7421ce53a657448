import { type Kysely, sql } from 'kysely';

// Registration: a school's place on a Work Group, taken by its named teachers.
// - school_participations: what each school took part in or completed in earlier years (the
//   national records, and completions recorded here), read by the eligibility rules.
// - registrations: one per school per group while it is live. A place is *held* while the
//   headteacher's consent is awaited and *confirmed* once given; both count in
//   work_groups.places_taken, which only ever moves in the same transaction as a status,
//   guarded by its CHECK (places_taken <= places_total). A school that finds the group full
//   joins the waiting list, in order of joining.
// - registration_participants: the named teachers.
// - registration_drafts: answers so far on the question pages, found by a cookie's token.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE school_participations (
      id serial PRIMARY KEY,
      school_urn integer NOT NULL REFERENCES schools (urn) ON DELETE CASCADE,
      academic_year text NOT NULL CHECK (academic_year ~ '^[0-9]{4}/[0-9]{2}$'),
      ncp_code text CHECK (ncp_code ~ '^NCP[0-9]{2}-[0-9]{2}$'),
      title text NOT NULL,
      strand text NOT NULL,
      phase text NOT NULL CHECK (phase IN ('primary', 'secondary', 'cross-phase', 'post-16')),
      outcome text NOT NULL CHECK (outcome IN ('took_part', 'completed')),
      source text NOT NULL DEFAULT 'records' CHECK (source IN ('records', 'hubwork'))
    );
    CREATE INDEX school_participations_school_idx ON school_participations (school_urn);

    ALTER TABLE work_groups
      ADD COLUMN consent_hold_days integer NOT NULL DEFAULT 14 CHECK (consent_hold_days BETWEEN 1 AND 60);
    -- An online workshop's joining link: shown only to the group's confirmed participants.
    ALTER TABLE sessions ADD COLUMN joining_link text CHECK (joining_link ~ '^https://');

    CREATE TABLE registrations (
      id serial PRIMARY KEY,
      reference text NOT NULL UNIQUE CHECK (reference ~ '^HW-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
      work_group_id integer NOT NULL REFERENCES work_groups (id),
      school_urn integer NOT NULL REFERENCES schools (urn),
      status text NOT NULL CHECK (status IN ('pending_consent', 'confirmed', 'waitlisted', 'declined', 'expired', 'withdrawn', 'cancelled')),
      headteacher_name text NOT NULL,
      headteacher_email text NOT NULL,
      declarations text[] NOT NULL DEFAULT '{}',
      core_maths_year integer,
      warnings text[] NOT NULL DEFAULT '{}',
      consent_token_hash text UNIQUE,
      manage_token_hash text NOT NULL UNIQUE,
      hold_expires_at timestamptz,
      consent_decided_at timestamptz,
      waitlisted_at timestamptz,
      offered_at timestamptz,
      -- The address a visitor registered from (not through the API), to limit how many places one
      -- address can hold; kept with the registration for the hub's questions.
      submitted_from text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'pending_consent' OR (hold_expires_at IS NOT NULL AND consent_token_hash IS NOT NULL)),
      CHECK (status <> 'waitlisted' OR waitlisted_at IS NOT NULL)
    );
    -- One live registration per school per group; a withdrawn or declined one may be followed by another.
    CREATE UNIQUE INDEX registrations_live_idx ON registrations (work_group_id, school_urn)
      WHERE status IN ('pending_consent', 'confirmed', 'waitlisted');
    CREATE INDEX registrations_waiting_idx ON registrations (work_group_id, waitlisted_at, id) WHERE status = 'waitlisted';
    CREATE INDEX registrations_school_idx ON registrations (school_urn);
    CREATE INDEX registrations_submitted_from_idx ON registrations (submitted_from, created_at) WHERE submitted_from IS NOT NULL;

    CREATE TABLE registration_participants (
      id serial PRIMARY KEY,
      registration_id integer NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position > 0),
      name text NOT NULL,
      email text NOT NULL,
      roles text[] NOT NULL CHECK (cardinality(roles) > 0),
      teaching_year integer CHECK (teaching_year BETWEEN 1 AND 50),
      maths_itt boolean,
      -- Their own calendar feed (/calendar/<token>.ics), issued when the place is confirmed.
      calendar_token_hash text UNIQUE,
      UNIQUE (registration_id, position),
      UNIQUE (registration_id, email)
    );
    CREATE INDEX registration_participants_email_idx ON registration_participants (lower(email));

    CREATE TABLE registration_drafts (
      token_hash text PRIMARY KEY,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
      expires_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX registration_drafts_expiry_idx ON registration_drafts (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE registration_drafts, registration_participants, registrations, school_participations;
    ALTER TABLE work_groups DROP COLUMN consent_hold_days;
    ALTER TABLE sessions DROP COLUMN joining_link;
  `.execute(db);
}
