import { type Kysely, sql } from 'kysely';

// Sign-in security: throttles that count an attempt before it is checked, so guesses
// sent in parallel cannot slip past; API tokens that expire.
// - sign_in_throttles: one row per account and address (and one per address, email ''), with the
//   wrong passwords since the last sign-in there and the time of the last; an attempt is counted
//   by one INSERT … ON CONFLICT DO UPDATE … WHERE (allowed) that also says whether it was allowed.
//   Rows are deleted 24 hours after their last failure (the clean-up job).
// - check_in_throttles: the participants' check-in, by address (wrong codes) and by workshop (an
//   email that is no participant's), counted in 15-minute windows.
// - api_tokens.expires_at: chosen when the token is made (90 days by default); tokens made before
//   get 90 days from now (the column's default).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_throttles (
      email text NOT NULL,
      ip text NOT NULL,
      failures integer NOT NULL CHECK (failures >= 0),
      last_failure_at timestamptz NOT NULL,
      PRIMARY KEY (email, ip)
    );
    CREATE INDEX sign_in_throttles_age_idx ON sign_in_throttles (last_failure_at);

    CREATE TABLE check_in_throttles (
      key text PRIMARY KEY,
      attempts integer NOT NULL CHECK (attempts >= 0),
      window_started_at timestamptz NOT NULL
    );

    ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '90 days';

    -- The clean-up job deletes by age.
    CREATE INDEX sign_in_attempts_at_idx ON sign_in_attempts (at);
    CREATE INDEX user_sessions_expires_idx ON user_sessions (expires_at);
    CREATE INDEX one_time_tokens_expires_idx ON one_time_tokens (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX one_time_tokens_expires_idx, user_sessions_expires_idx, sign_in_attempts_at_idx;
    ALTER TABLE api_tokens DROP COLUMN expires_at;
    DROP TABLE check_in_throttles, sign_in_throttles;
  `.execute(db);
}
