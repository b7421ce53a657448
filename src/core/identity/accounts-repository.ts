// Accounts as other modules need them: made for a confirmed participant, looked up by id, and a
// school's headteachers. The rest of the users' SQL is sign-in's (repository.ts).
import { asCore, type CoreExecutor, type Database } from '../schema.ts';

/**
 * A hubwork account for this email unless it has one: a confirmed participant signs in with an
 * emailed link (no password) to reach the group's private pages.
 */
export async function ensureAccount<Tables extends Database>(db: CoreExecutor<Tables>, email: string, name: string): Promise<void> {
  await asCore(db)
    .insertInto('users')
    .values({ email: email.trim().toLowerCase(), name })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

/** Names and addresses of the accounts still in use, by id. */
export async function activeAccounts<Tables extends Database>(db: CoreExecutor<Tables>, ids: number[]) {
  if (!ids.length) return [];
  return asCore(db).selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).where('disabled', '=', false).execute();
}

/** The account with this email, if any. */
export async function accountIdByEmail<Tables extends Database>(db: CoreExecutor<Tables>, email: string): Promise<number | undefined> {
  return (await asCore(db).selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst())?.id;
}

/** The addresses of the school's headteachers' accounts still in use. */
export async function headteacherEmails<Tables extends Database>(db: CoreExecutor<Tables>, urn: number): Promise<string[]> {
  const rows = await asCore(db)
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select('u.email')
    .where('ra.role', '=', 'headteacher')
    .where('ra.school_urn', '=', urn)
    .where('u.disabled', '=', false)
    .execute();
  return rows.map((r) => r.email);
}
