// All the SQL of lesson observations: the lessons a group's schools offer, who signs up to
// observe them (never more than the host's limit, however many sign up at once), the
// post-lesson discussion notes, and cancellations.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Focus } from './tables.ts';

export type NewLesson = {
  workGroupId: number;
  schoolUrn: number;
  offeredBy: number;
  startsAt: Date;
  endsAt: Date;
  className: string;
  focus: Focus;
  focusOther: string | null;
  arrival: string;
  observerLimit: number;
};

/** Runs inside the transaction of a change: to queue the emails that report it. */
export type InTransaction<T = void> = (trx: Db) => Promise<T>;

export type SignUpResult = 'signed-up' | 'already' | 'full' | 'closed';

export function createObservationRepository(db: Db) {
  /** A lesson with its school, its host's name and who recorded its notes. */
  const lessons = (executor: Db) =>
    executor
      .selectFrom('lesson_observations as lo')
      .innerJoin('schools as s', 's.urn', 'lo.school_urn')
      .innerJoin('users as host', 'host.id', 'lo.offered_by')
      .leftJoin('users as scribe', 'scribe.id', 'lo.notes_by')
      .select([
        'lo.id',
        'lo.work_group_id',
        'lo.school_urn',
        's.name as school_name',
        'lo.offered_by',
        'host.name as host_name',
        'host.email as host_email',
        'lo.starts_at',
        'lo.ends_at',
        'lo.class_name',
        'lo.focus',
        'lo.focus_other',
        'lo.arrival',
        'lo.observer_limit',
        'lo.observers_count',
        'lo.notes',
        'lo.notes_at',
        'scribe.name as notes_by_name',
        'lo.cancelled_at',
        'lo.cancel_reason',
      ]);

  return {
    async insert(lesson: NewLesson): Promise<number> {
      const row = await db
        .insertInto('lesson_observations')
        .values({
          work_group_id: lesson.workGroupId,
          school_urn: lesson.schoolUrn,
          offered_by: lesson.offeredBy,
          starts_at: lesson.startsAt,
          ends_at: lesson.endsAt,
          class_name: lesson.className,
          focus: lesson.focus,
          focus_other: lesson.focusOther,
          arrival: lesson.arrival,
          observer_limit: lesson.observerLimit,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The group's lessons, soonest first, with whether this person is signed up to each. */
    async list(workGroupId: number, userId: number) {
      return lessons(db)
        .select((eb) =>
          eb
            .exists(eb.selectFrom('lesson_observers as o').select('o.user_id').whereRef('o.observation_id', '=', 'lo.id').where('o.user_id', '=', userId))
            .$castTo<boolean>()
            .as('observing'),
        )
        .where('lo.work_group_id', '=', workGroupId)
        .orderBy('lo.starts_at')
        .orderBy('lo.id')
        .execute();
    },

    /** One of the group's lessons (none from another group, whatever its id). */
    async find(workGroupId: number, id: number, userId: number) {
      return lessons(db)
        .select((eb) =>
          eb
            .exists(eb.selectFrom('lesson_observers as o').select('o.user_id').whereRef('o.observation_id', '=', 'lo.id').where('o.user_id', '=', userId))
            .$castTo<boolean>()
            .as('observing'),
        )
        .where('lo.work_group_id', '=', workGroupId)
        .where('lo.id', '=', id)
        .executeTakeFirst();
    },

    /** Who is coming to observe, in the order they signed up, with their school in the group. */
    async observers(observationId: number) {
      return db
        .selectFrom('lesson_observers as o')
        .innerJoin('lesson_observations as lo', 'lo.id', 'o.observation_id')
        .innerJoin('users as u', 'u.id', 'o.user_id')
        .select([
          'u.id as user_id',
          'u.name',
          'u.email',
          'o.signed_up_at',
          sql<string | null>`(
            SELECT s.name FROM registration_participants p
            JOIN registrations r ON r.id = p.registration_id
            JOIN schools s ON s.urn = r.school_urn
            WHERE r.work_group_id = lo.work_group_id AND r.status = 'confirmed' AND lower(p.email) = lower(u.email)
            ORDER BY s.name LIMIT 1
          )`.as('school_name'),
        ])
        .where('o.observation_id', '=', observationId)
        .orderBy('o.signed_up_at')
        .orderBy('u.name')
        .execute();
    },

    /**
     * Signs the person up to observe, atomically: the place is counted by an UPDATE that only
     * succeeds while places are left (concurrent sign-ups queue on the lesson's row and each
     * sees the count the one before left), and the sign-up row is unique per person. Anything
     * refused rolls the whole transaction back; `then` (the confirmation email) runs only with
     * a sign-up that is kept.
     */
    async signUp(observationId: number, userId: number, now: Date, then: InTransaction): Promise<SignUpResult> {
      class Refused extends Error {
        constructor(readonly result: SignUpResult) {
          super(result);
        }
      }
      try {
        return await db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto('lesson_observers')
            .values({ observation_id: observationId, user_id: userId, signed_up_at: now })
            .onConflict((oc) => oc.columns(['observation_id', 'user_id']).doNothing())
            .returning('user_id')
            .executeTakeFirst();
          if (!inserted) throw new Refused('already');
          const counted = await trx
            .updateTable('lesson_observations')
            .set((eb) => ({ observers_count: eb('observers_count', '+', 1) }))
            .where('id', '=', observationId)
            .where('cancelled_at', 'is', null)
            .where('starts_at', '>', now)
            .whereRef('observers_count', '<', 'observer_limit')
            .returning('id')
            .executeTakeFirst();
          if (!counted) {
            const lesson = await trx.selectFrom('lesson_observations').select(['cancelled_at', 'starts_at']).where('id', '=', observationId).executeTakeFirst();
            throw new Refused(!lesson || lesson.cancelled_at || lesson.starts_at <= now ? 'closed' : 'full');
          }
          await then(trx);
          return 'signed-up' as const;
        });
      } catch (error) {
        if (error instanceof Refused) return error.result;
        throw error;
      }
    },

    /** Gives up the person's place; false if they had none. */
    async withdraw(observationId: number, userId: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('lesson_observers')
          .where('observation_id', '=', observationId)
          .where('user_id', '=', userId)
          .returning('user_id')
          .executeTakeFirst();
        if (!removed) return false;
        await trx
          .updateTable('lesson_observations')
          .set((eb) => ({ observers_count: eb('observers_count', '-', 1) }))
          .where('id', '=', observationId)
          .execute();
        return true;
      });
    },

    async saveNotes(observationId: number, notes: string, userId: number, now: Date): Promise<void> {
      await db
        .updateTable('lesson_observations')
        .set({ notes, notes_by: userId, notes_at: now })
        .where('id', '=', observationId)
        .where('cancelled_at', 'is', null)
        .execute();
    },

    /**
     * Cancels the lesson unless it is cancelled already (false then); `then` gets the observers
     * to tell, in the same transaction.
     */
    async cancel(
      observationId: number,
      values: { userId: number; reason: string | null; now: Date },
      then: (trx: Db, observers: { name: string; email: string }[]) => Promise<void>,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const cancelled = await trx
          .updateTable('lesson_observations')
          .set({ cancelled_at: values.now, cancelled_by: values.userId, cancel_reason: values.reason })
          .where('id', '=', observationId)
          .where('cancelled_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!cancelled) return false;
        const observers = await trx
          .selectFrom('lesson_observers as o')
          .innerJoin('users as u', 'u.id', 'o.user_id')
          .select(['u.name', 'u.email'])
          .where('o.observation_id', '=', observationId)
          .orderBy('o.signed_up_at')
          .execute();
        await then(trx, observers);
        return true;
      });
    },

    /**
     * Lessons not yet over that the person hosts or will observe, soonest first, with their
     * group (to check the person still belongs to it).
     */
    async bookedBy(userId: number, now: Date) {
      return lessons(db)
        .innerJoin('work_groups as wg', 'wg.id', 'lo.work_group_id')
        .innerJoin('projects as p', 'p.id', 'wg.project_id')
        .leftJoin('hubs as h', 'h.id', 'wg.hub_id')
        .select(['wg.code', 'wg.title', 'wg.hub_id', 'h.name as hub_name', 'p.academic_year'])
        .where('lo.cancelled_at', 'is', null)
        .where('lo.ends_at', '>', now)
        .where('wg.publication', '<>', 'draft')
        .where((eb) =>
          eb.or([
            eb('lo.offered_by', '=', userId),
            eb.exists(eb.selectFrom('lesson_observers as o').select('o.user_id').whereRef('o.observation_id', '=', 'lo.id').where('o.user_id', '=', userId)),
          ]),
        )
        .orderBy('lo.starts_at')
        .orderBy('lo.id')
        .execute();
    },
  };
}

export type ObservationRepository = ReturnType<typeof createObservationRepository>;
export type Lesson = NonNullable<Awaited<ReturnType<ObservationRepository['find']>>>;
