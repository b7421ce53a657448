import { type Kysely, sql } from 'kysely';

// Accounts, database-held sessions, one-time tokens (sign-in links, password resets,
// invitations), roles scoped to a hub / Work Group / school, throttling and the audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id serial PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
      name text NOT NULL,
      password_hash text,
      person_id integer REFERENCES people (id),
      school_urn integer REFERENCES schools (urn),
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_signed_in_at timestamptz
    );
    CREATE UNIQUE INDEX users_email_idx ON users (email);

    CREATE TABLE user_sessions (
      token_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX user_sessions_user_idx ON user_sessions (user_id);

    CREATE TABLE one_time_tokens (
      token_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('sign-in', 'password-reset', 'invitation')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

    CREATE TABLE role_assignments (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('national_admin', 'hub_lead', 'assistant_hub_lead', 'hub_admin',
        'work_group_lead', 'participant', 'headteacher')),
      hub_id integer REFERENCES hubs (id),
      work_group_id integer REFERENCES work_groups (id) ON DELETE CASCADE,
      school_urn integer REFERENCES schools (urn),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by integer REFERENCES users (id),
      CHECK (
        (role = 'national_admin' AND hub_id IS NULL AND work_group_id IS NULL AND school_urn IS NULL)
        OR (role IN ('hub_lead', 'assistant_hub_lead', 'hub_admin') AND hub_id IS NOT NULL AND work_group_id IS NULL)
        OR (role IN ('work_group_lead', 'participant') AND work_group_id IS NOT NULL AND hub_id IS NULL)
        OR (role = 'headteacher' AND school_urn IS NOT NULL AND hub_id IS NULL AND work_group_id IS NULL)
      )
    );
    CREATE UNIQUE INDEX role_assignments_unique_idx ON role_assignments
      (user_id, role, coalesce(hub_id, 0), coalesce(work_group_id, 0), coalesce(school_urn, 0));

    CREATE TABLE sign_in_attempts (
      id bigserial PRIMARY KEY,
      email text NOT NULL,
      ip text NOT NULL,
      succeeded boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (email, at);
    CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip, at);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_user_id integer REFERENCES users (id),
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      hub_id integer REFERENCES hubs (id),
      changes jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_hub_idx ON audit_log (hub_id, at DESC);
    CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_log, sign_in_attempts, role_assignments, one_time_tokens, user_sessions, users;`.execute(db);
}
