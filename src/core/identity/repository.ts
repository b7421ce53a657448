// All the SQL for accounts, sessions, one-time tokens, roles and sign-in throttling.
import { type Expression, sql } from 'kysely';
import type { Db, OneTimeTokensTable, Role } from '../schema.ts';
import { enqueueJob, enqueueMail } from '../../platform/jobs/queue.ts';
import type { Message } from '../../platform/mail/mailer.ts';

export type TokenPurpose = OneTimeTokensTable['purpose'];
export type EmailedLinkPurpose = Exclude<TokenPurpose, 'invitation'>;

/**
 * The password throttle (service.ts sets it): `free` wrong passwords, then each attempt waits
 * 2^(failures − free) minutes, at most `maxWaitMinutes`, after the last; forgotten `forgetHours`
 * after the last failure.
 */
export type ThrottlePolicy = { freePerAccount: number; freePerAddress: number; maxWaitMinutes: number; forgetHours: number };

// The throttle's rules over a sign_in_throttles row `t`, in SQL.
const free = (p: ThrottlePolicy) => sql<number>`(CASE WHEN t.email = '' THEN ${p.freePerAddress}::int ELSE ${p.freePerAccount}::int END)`;
const forgotten = (p: ThrottlePolicy) => sql<boolean>`(t.last_failure_at <= now() - make_interval(hours => ${p.forgetHours}::int))`;
const waitEnds = (p: ThrottlePolicy) =>
  sql<Date>`(t.last_failure_at + make_interval(mins => least(power(2, greatest(t.failures - ${free(p)}, 0)), ${p.maxWaitMinutes}::int)::int))`;
export type RoleRow = Awaited<ReturnType<ReturnType<typeof rolesQuery>['execute']>>[number];

/** A person's roles, with the names of their hub, group and school. */
function rolesQuery(db: Db, userId: number | Expression<number>) {
  return db
    .selectFrom('role_assignments as r')
    .leftJoin('hubs as h', 'h.id', 'r.hub_id')
    .leftJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
    .leftJoin('schools as s', 's.urn', 'r.school_urn')
    .select([
      'r.role',
      'r.hub_id',
      'r.work_group_id',
      'r.school_urn',
      'h.name as hub_name',
      'h.slug as hub_slug',
      'wg.code as work_group_code',
      'wg.title as work_group_title',
      'wg.hub_id as work_group_hub_id',
      's.name as school_name',
    ])
    .where('r.user_id', '=', userId)
    .orderBy('r.id');
}

export function createAuthRepository(db: Db) {
  return {
    async userByEmail(email: string) {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },

    async userById(id: number) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async rolesOf(userId: number) {
      return rolesQuery(db, userId).execute();
    },

    /**
     * A session lasting `days` by the database's clock, which is the clock that checks it
     * (sessionUser): a process whose clock differs (or a test's fixed one) cannot make a session
     * that is born expired or outlives its time.
     */
    async createSession(tokenHash: string, userId: number, days: number) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('user_sessions')
          .values({ token_hash: tokenHash, user_id: userId, expires_at: sql<Date>`now() + make_interval(days => ${days}::int)` })
          .execute();
        await trx.updateTable('users').set({ last_signed_in_at: new Date() }).where('id', '=', userId).execute();
      });
    },

    /** The session's user, if the session exists, has not expired and the account is enabled. */
    async sessionUser(tokenHash: string) {
      return db
        .selectFrom('user_sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select((eb) => [
          'u.id',
          'u.email',
          'u.name',
          'u.school_urn',
          // Seen more than an hour ago: its expiry is moved along (touchSession).
          sql<boolean>`s.last_seen_at < now() - interval '1 hour'`.as('stale'),
          // Their roles in the same round trip: every signed-in request reads them.
          eb.fn.coalesce(eb.selectFrom(rolesQuery(db, eb.ref('u.id')).as('r')).select((r) => sql<RoleRow[]>`json_agg(${r.table('r')})`.as('roles')), sql<RoleRow[]>`'[]'::json`).as('roles'),
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', sql<Date>`now()`)
        .where('u.disabled', '=', false)
        .executeTakeFirst();
    },

    async touchSession(tokenHash: string, days: number) {
      await db
        .updateTable('user_sessions')
        .set({ last_seen_at: sql<Date>`now()`, expires_at: sql<Date>`now() + make_interval(days => ${days}::int)` })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(tokenHash: string) {
      await db.deleteFrom('user_sessions').where('token_hash', '=', tokenHash).execute();
    },

    /**
     * Asks the queue to email a sign-in or password-reset link to this address (the job,
     * email_one_time_link, finds out whether it has an account). The same one statement whatever
     * the address, so a request for an unknown one looks and takes the same as for an account.
     */
    async queueLinkEmail(email: string, purpose: EmailedLinkPurpose) {
      await enqueueJob(db, 'email_one_time_link', { email, purpose });
    },

    /**
     * Stores a new link of this purpose and queues the email that carries it, in one transaction:
     * both or neither. Only the newest is live: the person's earlier unused links of this purpose
     * are used up. Nothing (false) if `max` were already made in the last `windowMinutes` (by the
     * database's clock, which stamps created_at). The account's row is
     * locked first, so links asked for at once are made one after another. Someone is waiting for
     * the email: it goes by the worker's urgent slots, never behind other mail.
     */
    async issueToken(values: { tokenHash: string; userId: number; purpose: TokenPurpose; expiresAt: Date; windowMinutes: number; max: number; mail: Message }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('users').select('id').where('id', '=', values.userId).forUpdate().executeTakeFirst();
        const recent = await trx
          .selectFrom('one_time_tokens')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', values.userId)
          .where('purpose', '=', values.purpose)
          .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${values.windowMinutes}::int)`)
          .executeTakeFirstOrThrow();
        if (Number(recent.n) >= values.max) return false;
        await trx
          .updateTable('one_time_tokens')
          .set({ used_at: sql<Date>`now()` })
          .where('user_id', '=', values.userId)
          .where('purpose', '=', values.purpose)
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('one_time_tokens')
          .values({ token_hash: values.tokenHash, user_id: values.userId, purpose: values.purpose, expires_at: values.expiresAt })
          .execute();
        await enqueueMail(trx, values.mail, { urgent: true });
        return true;
      });
    },

    /** A live token of this purpose at `now` (the app's clock, which set its expiry), without using it up. */
    async peekToken(tokenHash: string, purpose: TokenPurpose, now: Date) {
      return db
        .selectFrom('one_time_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['t.user_id', 'u.email', 'u.name'])
        .where('t.token_hash', '=', tokenHash)
        .where('t.purpose', '=', purpose)
        .where('t.used_at', 'is', null)
        .where('t.expires_at', '>', now)
        .where('u.disabled', '=', false)
        .executeTakeFirst();
    },

    /** Uses the token up; only one caller can ever succeed, however many race. */
    async consumeToken(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<number | undefined> {
      const row = await db
        .updateTable('one_time_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id;
    },

    /**
     * A new password, in one transaction: every session of the person ends but `keepSessionHash`
     * (the browser that made the change, when it was signed in as them), and every link emailed
     * to them and not yet used stops working.
     */
    async setPassword(userId: number, passwordHash: string, keepSessionHash?: string) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
        let sessions = trx.deleteFrom('user_sessions').where('user_id', '=', userId);
        if (keepSessionHash) sessions = sessions.where('token_hash', '<>', keepSessionHash);
        await sessions.execute();
        await trx.updateTable('one_time_tokens').set({ used_at: sql<Date>`now()` }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
      });
    },

    /** The record of a checked password (kept for the clean-up job's period). */
    async recordAttempt(email: string, ip: string, succeeded: boolean) {
      await db.insertInto('sign_in_attempts').values({ email, ip, succeeded }).execute();
    },

    /**
     * Counts an attempt, as a wrong password until it is known to be right, against the account
     * at this address and against the address (email ''), in one statement: each row is counted
     * only if its throttle lets an attempt through now, and the statement returns the rows it
     * counted. Both returned: go ahead and check the password. Concurrent attempts queue on the
     * rows' locks, so each sees the one before it: 100 at once are 100 counts, not one.
     */
    async countAttempt(email: string, ip: string, policy: ThrottlePolicy): Promise<boolean> {
      const { rows } = await sql<{ email: string }>`
        INSERT INTO sign_in_throttles AS t (email, ip, failures, last_failure_at)
        VALUES ('', ${ip}, 1, now()), (${email}, ${ip}, 1, now())
        ON CONFLICT (email, ip) DO UPDATE SET
          failures = CASE WHEN ${forgotten(policy)} THEN 1 ELSE t.failures + 1 END,
          last_failure_at = now()
        WHERE ${forgotten(policy)} OR t.failures < ${free(policy)} OR now() >= ${waitEnds(policy)}
        RETURNING t.email
      `.execute(db);
      return rows.length === 2;
    },

    /** Seconds until this account at this address may try again (0 if it may now). */
    async throttleWait(email: string, ip: string, policy: ThrottlePolicy): Promise<number> {
      const row = await db
        .selectFrom('sign_in_throttles as t')
        .select(sql<number>`coalesce(ceil(extract(epoch FROM max(${waitEnds(policy)}) - now())), 0)::int`.as('seconds'))
        .where('t.ip', '=', ip)
        .where('t.email', 'in', ['', email])
        .where(sql<boolean>`NOT ${forgotten(policy)} AND t.failures >= ${free(policy)}`)
        .executeTakeFirstOrThrow();
      return Math.max(0, Number(row.seconds));
    },

    /**
     * A right password: the account's count at this address starts again, and the address's
     * loses the attempt counted in advance. One row a statement, so never a deadlock with
     * countAttempt.
     */
    async clearFailures(email: string, ip: string) {
      await db.deleteFrom('sign_in_throttles').where('email', '=', email).where('ip', '=', ip).execute();
      await db
        .updateTable('sign_in_throttles')
        .set({ failures: sql<number>`greatest(failures - 1, 0)` })
        .where('email', '=', '')
        .where('ip', '=', ip)
        .execute();
    },

    /**
     * The clean-up (the daily job delete_expired_records): what sign-in no longer needs. Rows
     * another statement holds are left for the next day (SKIP LOCKED), so the clean-up never
     * waits on, or deadlocks with, a sign-in. How many of each were deleted.
     */
    async deleteExpired(periods: { attemptsDays: number; throttleHours: number; linksDays: number }) {
      const attempts = await db
        .deleteFrom('sign_in_attempts')
        .where('at', '<', sql<Date>`now() - make_interval(days => ${periods.attemptsDays}::int)`)
        .executeTakeFirst();
      const throttles = await sql`
        DELETE FROM sign_in_throttles WHERE (email, ip) IN (
          SELECT email, ip FROM sign_in_throttles
          WHERE last_failure_at <= now() - make_interval(hours => ${periods.throttleHours}::int)
          FOR UPDATE SKIP LOCKED
        )
      `.execute(db);
      const sessions = await db.deleteFrom('user_sessions').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
      const links = await db
        .deleteFrom('one_time_tokens')
        .where((eb) =>
          eb.or([
            eb('used_at', '<', sql<Date>`now() - make_interval(days => ${periods.linksDays}::int)`),
            eb('expires_at', '<', sql<Date>`now() - make_interval(days => ${periods.linksDays}::int)`),
          ]),
        )
        .executeTakeFirst();
      return {
        signInAttempts: Number(attempts.numDeletedRows),
        signInThrottles: Number(throttles.numAffectedRows ?? 0),
        sessions: Number(sessions.numDeletedRows),
        links: Number(links.numDeletedRows),
      };
    },

    async createUser(values: { email: string; name: string; passwordHash: string | null; personId?: number | null; schoolUrn?: number | null }) {
      const row = await db
        .insertInto('users')
        .values({
          email: values.email,
          name: values.name,
          password_hash: values.passwordHash,
          person_id: values.personId ?? null,
          school_urn: values.schoolUrn ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async assignRole(values: { userId: number; role: Role; hubId?: number | null; workGroupId?: number | null; schoolUrn?: number | null; by?: number | null }) {
      await db
        .insertInto('role_assignments')
        .values({
          user_id: values.userId,
          role: values.role,
          hub_id: values.hubId ?? null,
          work_group_id: values.workGroupId ?? null,
          school_urn: values.schoolUrn ?? null,
          created_by: values.by ?? null,
        })
        .execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
