import { type Kysely, sql } from 'kysely';

// The job queue's own bookkeeping (src/jobs, ADR 19):
// - job_workers: each running worker's heartbeat, so that a job held by a worker that died
//   (kill -9, power loss) is released within a minute, not after graphile-worker's four hours;
// - sent_emails: the emails already handed to the mail server, by their stable key (the key is
//   also the Message-ID's left part), so a job run again after its worker died does not send
//   its email twice. Kept 30 days (the daily clean-up).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE job_workers (
      worker_id text PRIMARY KEY,
      process text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      seen_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE sent_emails (
      message_key text PRIMARY KEY CHECK (length(message_key) BETWEEN 1 AND 200),
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sent_emails_sent_at ON sent_emails (sent_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sent_emails; DROP TABLE job_workers;`.execute(db);
}
