// All the SQL of lesson observations: the lessons a group's schools offer, who signs up to
// observe them (never more than the host's limit, however many sign up at once), changes to a
// lesson (never a limit under the places taken), the post-lesson discussion notes, and
// cancellations.
import { sql } from 'kysely';
import type { Db, Focus } from './tables.ts';

export type LessonValues = {
  schoolUrn: number;
  startsAt: Date;
  endsAt: Date;
  className: string;
  focus: Focus;
  focusOther: string | null;
  arrival: string;
  observerLimit: number;
};

export type NewLesson = LessonValues & { workGroupId: number; offeredBy: number };

export type SignUpResult = 'signed-up' | 'already' | 'full' | 'closed';

export type ChangeResult =
  | { result: 'changed' }
  /** Cancelled, started, or gone since it was read. */
  | { result: 'closed' }
  /** More people signed up than the new limit allows. */
  | { result: 'over-limit'; signedUp: number }
  /** Someone else changed the lesson since it was read. */
  | { result: 'stale' };

/** A lesson with its school, its host's name, who recorded its notes and who last changed it. */
function lessonQuery(executor: Db) {
  return executor
    .selectFrom('lesson_observations as lo')
    .innerJoin('schools as s', 's.urn', 'lo.school_urn')
    .innerJoin('users as host', 'host.id', 'lo.offered_by')
    .leftJoin('users as scribe', 'scribe.id', 'lo.notes_by')
    .leftJoin('users as changer', 'changer.id', 'lo.changed_by')
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
      'lo.calendar_sequence',
      'lo.changed_at',
      'changer.name as changed_by_name',
    ]);
}

export type LessonRow = Awaited<ReturnType<ReturnType<typeof lessonQuery>['executeTakeFirstOrThrow']>>;

/** The people signed up to observe a lesson, to email, in the order they signed up. */
function observersToTell(executor: Db, observationId: number) {
  return executor
    .selectFrom('lesson_observers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['u.name', 'u.email'])
    .where('o.observation_id', '=', observationId)
    .orderBy('o.signed_up_at')
    .execute();
}

export function createObservationRepository(db: Db) {
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
      return lessonQuery(db)
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
      return lessonQuery(db)
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
     * a sign-up that is kept, and gets the lesson as it stands once the place is counted (a
     * change made meanwhile is in it, with its calendar SEQUENCE).
     */
    async signUp(observationId: number, userId: number, now: Date, then: (trx: Db, lesson: LessonRow) => Promise<void>): Promise<SignUpResult> {
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
          await then(trx, await lessonQuery(trx).where('lo.id', '=', observationId).executeTakeFirstOrThrow());
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
     * Changes the lesson, unless it has been cancelled or has started, more people have signed
     * up than the new limit, or someone else changed it since it was read (`expected`: its
     * calendar SEQUENCE and when it was last changed, as read). `newCopy` (a change of date, time
     * or place) raises its calendar SEQUENCE; `then` gets the lesson as changed and the observers
     * to tell, in the same transaction.
     */
    async change(
      observationId: number,
      values: LessonValues & { newCopy: boolean },
      by: { userId: number; now: Date; expected: { sequence: number; changedAt: Date | null } },
      then: (trx: Db, lesson: LessonRow, observers: { name: string; email: string }[]) => Promise<void>,
    ): Promise<ChangeResult> {
      return db.transaction().execute(async (trx): Promise<ChangeResult> => {
        const changed = await trx
          .updateTable('lesson_observations')
          .set((eb) => ({
            school_urn: values.schoolUrn,
            starts_at: values.startsAt,
            ends_at: values.endsAt,
            class_name: values.className,
            focus: values.focus,
            focus_other: values.focusOther,
            arrival: values.arrival,
            observer_limit: values.observerLimit,
            changed_at: by.now,
            changed_by: by.userId,
            calendar_sequence: values.newCopy ? eb('calendar_sequence', '+', 1) : eb.ref('calendar_sequence'),
          }))
          .where('id', '=', observationId)
          .where('cancelled_at', 'is', null)
          .where('starts_at', '>', by.now)
          .where('observers_count', '<=', values.observerLimit)
          .where('calendar_sequence', '=', by.expected.sequence)
          .where((eb) => (by.expected.changedAt ? eb('changed_at', '=', by.expected.changedAt) : eb('changed_at', 'is', null)))
          .returning('id')
          .executeTakeFirst();
        if (!changed) {
          const now = await trx
            .selectFrom('lesson_observations')
            .select(['cancelled_at', 'starts_at', 'observers_count'])
            .where('id', '=', observationId)
            .executeTakeFirst();
          if (!now || now.cancelled_at || now.starts_at <= by.now) return { result: 'closed' };
          if (now.observers_count > values.observerLimit) return { result: 'over-limit', signedUp: now.observers_count };
          return { result: 'stale' };
        }
        const lesson = await lessonQuery(trx).where('lo.id', '=', observationId).executeTakeFirstOrThrow();
        await then(trx, lesson, await observersToTell(trx, observationId));
        return { result: 'changed' };
      });
    },

    /**
     * Cancels the lesson unless it is cancelled already (false then), raising its calendar
     * SEQUENCE above every copy sent before; `then` gets the observers to tell and that
     * SEQUENCE, in the same transaction.
     */
    async cancel(
      observationId: number,
      values: { userId: number; reason: string | null; now: Date },
      then: (trx: Db, observers: { name: string; email: string }[], sequence: number) => Promise<void>,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const cancelled = await trx
          .updateTable('lesson_observations')
          .set((eb) => ({ cancelled_at: values.now, cancelled_by: values.userId, cancel_reason: values.reason, calendar_sequence: eb('calendar_sequence', '+', 1) }))
          .where('id', '=', observationId)
          .where('cancelled_at', 'is', null)
          .returning('calendar_sequence')
          .executeTakeFirst();
        if (!cancelled) return false;
        await then(trx, await observersToTell(trx, observationId), cancelled.calendar_sequence);
        return true;
      });
    },

    /**
     * Lessons not yet over that the person hosts or will observe, soonest first, with their
     * group (to check the person still belongs to it).
     */
    async bookedBy(userId: number, now: Date) {
      return lessonQuery(db)
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
