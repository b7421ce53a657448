import { type Kysely, sql } from 'kysely';

// Linked projects, "both or neither": a school joining a group whose project requires another
// (NCP21-13 requires NCP21-14) is registered for a group of each, in one transaction. The
// registration for the required project points at the one the school asked for (its lead):
// they hold places together or wait together, and one headteacher's answer, one expiry, one
// withdrawal or cancellation applies to both. The consent link is the lead's, so a linked
// registration holds its place without a consent token of its own.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE registrations
      ADD COLUMN lead_registration_id integer REFERENCES registrations (id) ON DELETE CASCADE,
      ADD CHECK (lead_registration_id IS NULL OR lead_registration_id <> id);
    CREATE INDEX registrations_lead_idx ON registrations (lead_registration_id) WHERE lead_registration_id IS NOT NULL;
    DO $$
    DECLARE held text;
    BEGIN
      SELECT conname INTO STRICT held FROM pg_constraint
       WHERE conrelid = 'registrations'::regclass AND contype = 'c'
         AND pg_get_constraintdef(oid) LIKE '%pending_consent%hold_expires_at IS NOT NULL%';
      EXECUTE format('ALTER TABLE registrations DROP CONSTRAINT %I', held);
    END $$;
    ALTER TABLE registrations ADD CONSTRAINT registrations_held_check
      CHECK (status <> 'pending_consent' OR (hold_expires_at IS NOT NULL AND (consent_token_hash IS NOT NULL OR lead_registration_id IS NOT NULL)));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE registrations DROP CONSTRAINT registrations_held_check;
    ALTER TABLE registrations DROP COLUMN lead_registration_id;
    ALTER TABLE registrations ADD CHECK (status <> 'pending_consent' OR (hold_expires_at IS NOT NULL AND consent_token_hash IS NOT NULL));
  `.execute(db);
}
