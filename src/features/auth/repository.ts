// All the SQL for accounts, sessions, one-time tokens, roles and sign-in throttling.
import { type Expression, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OneTimeTokensTable, Role } from '../../db/schema.ts';
import { enqueueMail } from '../../jobs/queue.ts';
import type { Message } from '../../mail/mailer.ts';

export type TokenPurpose = OneTimeTokensTable['purpose'];
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

    async createSession(tokenHash: string, userId: number, expiresAt: Date) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('user_sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
        await trx.updateTable('users').set({ last_signed_in_at: new Date() }).where('id', '=', userId).execute();
      });
    },

    /**
     * The session's user, if the session exists, has not expired by `now` and the account is
     * enabled. `now` is the clock that set the expiry (the service's), as for one-time tokens.
     */
    async sessionUser(tokenHash: string, now: Date) {
      return db
        .selectFrom('user_sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select((eb) => [
          'u.id',
          'u.email',
          'u.name',
          'u.school_urn',
          's.last_seen_at',
          // Their roles in the same round trip: every signed-in request reads them.
          eb.fn.coalesce(eb.selectFrom(rolesQuery(db, eb.ref('u.id')).as('r')).select((r) => sql<RoleRow[]>`json_agg(${r.table('r')})`.as('roles')), sql<RoleRow[]>`'[]'::json`).as('roles'),
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .where('u.disabled', '=', false)
        .executeTakeFirst();
    },

    async touchSession(tokenHash: string, expiresAt: Date) {
      await db
        .updateTable('user_sessions')
        .set({ last_seen_at: new Date(), expires_at: expiresAt })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(tokenHash: string) {
      await db.deleteFrom('user_sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteSessionsOf(userId: number) {
      await db.deleteFrom('user_sessions').where('user_id', '=', userId).execute();
    },

    /** Stores the token and queues the email that carries it, in one transaction: both or neither. */
    async createToken(tokenHash: string, userId: number, purpose: TokenPurpose, expiresAt: Date, mail: Message) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('one_time_tokens').values({ token_hash: tokenHash, user_id: userId, purpose, expires_at: expiresAt }).execute();
        await enqueueMail(trx, mail);
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

    async setPassword(userId: number, passwordHash: string) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    },

    async recordAttempt(email: string, ip: string, succeeded: boolean) {
      await db.insertInto('sign_in_attempts').values({ email, ip, succeeded }).execute();
    },

    /** Failed attempts since `since`, for this account and for this address. */
    async recentFailures(email: string, ip: string, since: Date) {
      const row = await db
        .selectFrom('sign_in_attempts')
        .select([
          sql<string>`count(*) FILTER (WHERE email = ${email})`.as('by_email'),
          sql<string>`count(*) FILTER (WHERE ip = ${ip})`.as('by_ip'),
        ])
        .where('succeeded', '=', false)
        .where('at', '>', since)
        .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
        .executeTakeFirstOrThrow();
      return { byEmail: Number(row.by_email), byIp: Number(row.by_ip) };
    },

    async recentTokens(userId: number, purpose: TokenPurpose, since: Date): Promise<number> {
      const row = await db
        .selectFrom('one_time_tokens')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
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
