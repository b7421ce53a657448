// The SQL of personal API tokens.
import { sql } from 'kysely';
import type { Db } from '../../core/schema.ts';

export function createApiTokenRepository(db: Db) {
  return {
    /** A token that works for `days` from now (the database's clock, which checks it in use()). */
    async create(userId: number, name: string, tokenHash: string, days: number): Promise<number> {
      const row = await db
        .insertInto('api_tokens')
        .values({ user_id: userId, name, token_hash: tokenHash, expires_at: sql<Date>`now() + make_interval(days => ${days}::int)` })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async ofUser(userId: number) {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at', 'expires_at', sql<boolean>`expires_at <= now()`.as('expired')])
        .where('user_id', '=', userId)
        .orderBy('revoked_at', (ob) => ob.desc().nullsFirst())
        .orderBy('created_at', 'desc')
        .execute();
    },

    /** Revokes one of this person's own tokens; false if it is not theirs or already revoked. */
    async revoke(userId: number, id: number, now: Date): Promise<boolean> {
      const row = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    /** Revokes every live token of this person; how many. */
    async revokeAll(userId: number, now: Date): Promise<number> {
      const rows = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .returning('id')
        .execute();
      return rows.length;
    },

    /** How many of this person's tokens work now (not revoked, not expired). */
    async liveCount(userId: number): Promise<number> {
      const row = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The owner of a live token (not revoked, not expired), noting its use at most once a minute. */
    async use(tokenHash: string, now: Date): Promise<number | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'last_used_at'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .executeTakeFirst();
      if (!row) return undefined;
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
        await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      }
      return row.user_id;
    },
  };
}

export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;
