// All the SQL of the people directory, invitations and Work Group leaders.
import { type Kysely, sql } from 'kysely';
import type { Database, Db, Role } from '../schema.ts';
import { type AuditEntry, writeAudit } from '../audit/repository.ts';
import { enqueueMail } from '../../platform/jobs/queue.ts';
import type { Message } from '../../platform/mail/mailer.ts';

type Executor = Kysely<Database>;

export function createPeopleRepository(db: Db) {
  return {
    /** The hub's LLMEs and specialists (people rows), with the groups each leads; null: the national programme's. */
    async peopleOf(hubId: number | null) {
      return db
        .selectFrom('people as p')
        .select((eb) => [
          'p.id',
          'p.name',
          'p.email',
          'p.role_title',
          'p.bio',
          eb
            .selectFrom('work_group_leaders as l')
            .innerJoin('work_groups as wg', 'wg.id', 'l.work_group_id')
            .select(sql<string[]>`coalesce(array_agg(wg.code ORDER BY wg.code), '{}')`.as('v'))
            .whereRef('l.person_id', '=', 'p.id')
            .as('leads'),
        ])
        .where((eb) => (hubId === null ? eb('p.hub_id', 'is', null) : eb('p.hub_id', '=', hubId)))
        .orderBy('p.name')
        .execute();
    },

    async personById(id: number) {
      return db
        .selectFrom('people as p')
        .leftJoin('hubs as h', 'h.id', 'p.hub_id')
        .selectAll('p')
        .select('h.slug as hub_slug')
        .where('p.id', '=', id)
        .executeTakeFirst();
    },

    /**
     * People with a role in the hub (its staff) or leading one of its groups; null: the national
     * programme's (its administrators, and the leads of its centrally led groups).
     */
    async accountsOf(hubId: number | null) {
      return db
        .selectFrom('role_assignments as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .leftJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
        .select(['u.id', 'u.name', 'u.email', 'r.role', 'wg.code as work_group_code', 'u.password_hash', 'u.last_signed_in_at'])
        .where((eb) =>
          hubId === null
            ? eb.or([eb('r.role', '=', 'national_admin'), eb.and([eb('r.work_group_id', 'is not', null), eb('wg.hub_id', 'is', null)])])
            : eb.or([eb('r.hub_id', '=', hubId), eb('wg.hub_id', '=', hubId)]),
        )
        .orderBy('u.name')
        .execute();
    },

    async groupCodesOf(hubId: number | null) {
      return db
        .selectFrom('work_groups')
        .select(['id', 'code', 'title'])
        .where((eb) => (hubId === null ? eb('hub_id', 'is', null) : eb('hub_id', '=', hubId)))
        .orderBy('code', 'desc')
        .execute();
    },

    async leadersOf(workGroupId: number): Promise<number[]> {
      const rows = await db.selectFrom('work_group_leaders').select('person_id').where('work_group_id', '=', workGroupId).orderBy('position').execute();
      return rows.map((r) => r.person_id);
    },

    /** People who could lead a hub's group: its own people first, then anyone already leading it. */
    async candidateLeaders(hubId: number | null, workGroupId: number) {
      return db
        .selectFrom('people as p')
        .select(['p.id', 'p.name', 'p.role_title', 'p.hub_id'])
        .where((eb) =>
          eb.or([
            hubId === null ? eb.lit(true) : eb('p.hub_id', '=', hubId),
            eb.exists(eb.selectFrom('work_group_leaders as l').select('l.person_id').whereRef('l.person_id', '=', 'p.id').where('l.work_group_id', '=', workGroupId)),
          ]),
        )
        .orderBy('p.name')
        .limit(500)
        .execute();
    },

    async inTransaction<T>(work: (w: ReturnType<typeof writer>) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => work(writer(trx)));
    },
  };
}

function writer(db: Executor) {
  return {
    async insertPerson(values: { name: string; email: string | null; role_title: string | null; bio: string; hub_id: number | null }) {
      return (await db.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow()).id;
    },

    async updatePerson(id: number, values: { name: string; email: string | null; role_title: string | null; bio: string }) {
      await db.updateTable('people').set(values).where('id', '=', id).execute();
    },

    async userByEmail(email: string) {
      return db.selectFrom('users').select(['id', 'name', 'password_hash']).where('email', '=', email).executeTakeFirst();
    },

    async insertUser(email: string, name: string) {
      return (await db.insertInto('users').values({ email, name, password_hash: null }).returning('id').executeTakeFirstOrThrow()).id;
    },

    /** Gives the role unless the person already has it; true when it was new. */
    async assignRole(values: { userId: number; role: Role; hubId: number | null; workGroupId: number | null; by: number }) {
      const inserted = await db
        .insertInto('role_assignments')
        .values({ user_id: values.userId, role: values.role, hub_id: values.hubId, work_group_id: values.workGroupId, created_by: values.by })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return Boolean(inserted);
    },

    async createToken(tokenHash: string, userId: number, expiresAt: Date) {
      await db.insertInto('one_time_tokens').values({ token_hash: tokenHash, user_id: userId, purpose: 'invitation', expires_at: expiresAt }).execute();
    },

    async replaceLeaders(workGroupId: number, personIds: number[]) {
      await db.deleteFrom('work_group_leaders').where('work_group_id', '=', workGroupId).execute();
      if (personIds.length) {
        await db
          .insertInto('work_group_leaders')
          .values(personIds.map((person_id, position) => ({ work_group_id: workGroupId, person_id, position })))
          .execute();
      }
    },

    async audit(entry: AuditEntry) {
      await writeAudit(db, entry);
    },

    /** Queues an email (sent by the worker, src/jobs) that goes only if this transaction commits. */
    async enqueueMail(message: Message) {
      await enqueueMail(db, message);
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
