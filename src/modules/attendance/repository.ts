// All the SQL of registers: a group's workshops and confirmed participants, the marks taken,
// the check-in codes and the check-in's throttles.
import { sql } from 'kysely';
import type { Db } from './tables.ts';
import type { AttendanceStatus } from '../../core/schema.ts';
import { enqueueMail } from '../../platform/jobs/queue.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import { findGroup, setCompletionRecorded, setCompletionRule } from '../../core/work-groups/groups-repository.ts';
import { ensureCheckInCode, workshopByCheckInCode, workshopsOf } from '../../core/work-groups/workshops-repository.ts';

export type Mark = { participantId: number; status: AttendanceStatus; absenceReason: string | null };

export function createRegisterRepository(db: Db) {
  return {
    /** A Work Group by code (any publication), with what registers need. */
    async group(code: string) {
      return findGroup(db, code);
    },

    /** The group's workshops in order. */
    async sessions(workGroupId: number) {
      return workshopsOf(db, workGroupId);
    },

    /** Everyone with a confirmed place, by school. */
    async roster(workGroupId: number) {
      return db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .innerJoin('schools as s', 's.urn', 'r.school_urn')
        .select(['p.id', 'p.name', 'p.email', 'r.id as registration_id', 'r.reference', 's.urn', 's.name as school_name'])
        .where('r.work_group_id', '=', workGroupId)
        .where('r.status', '=', 'confirmed')
        .orderBy('s.name')
        .orderBy('p.position')
        .execute();
    },

    /** Every mark taken for the group's workshops. */
    async marks(workGroupId: number) {
      return db
        .selectFrom('attendance as a')
        .innerJoin('workshops as s', 's.id', 'a.workshop_id')
        .select(['a.workshop_id', 'a.participant_id', 'a.status', 'a.absence_reason', 'a.self_checked_in'])
        .where('s.work_group_id', '=', workGroupId)
        .execute();
    },

    /** Records the lead's marks for a workshop (a mark given again replaces the earlier one). */
    async saveMarks(sessionId: number, marks: Mark[], userId: number, now: Date): Promise<void> {
      if (!marks.length) return;
      await db
        .insertInto('attendance')
        .values(
          marks.map((m) => ({
            workshop_id: sessionId,
            participant_id: m.participantId,
            status: m.status,
            absence_reason: m.status === 'absent' ? m.absenceReason : null,
            self_checked_in: false,
            recorded_by: userId,
            recorded_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['workshop_id', 'participant_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            absence_reason: eb.ref('excluded.absence_reason'),
            self_checked_in: false,
            recorded_by: eb.ref('excluded.recorded_by'),
            recorded_at: eb.ref('excluded.recorded_at'),
          })),
        )
        .execute();
    },

    /** Gives the workshop a check-in code unless it has one; returns the code it has. */
    async ensureCheckInCode(sessionId: number, code: string): Promise<string> {
      return ensureCheckInCode(db, sessionId, code);
    },

    /** The workshop a check-in code belongs to, with its group. */
    async sessionByCode(code: string) {
      return workshopByCheckInCode(db, code);
    },

    /** A confirmed participant of the group, by email. */
    async participantByEmail(workGroupId: number, email: string) {
      return db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .select(['p.id', 'p.name', 'p.email'])
        .where('r.work_group_id', '=', workGroupId)
        .where('r.status', '=', 'confirmed')
        .where(sql`lower(p.email)`, '=', email.toLowerCase())
        .executeTakeFirst();
    },

    /**
     * A participant checks in: recorded unless a mark is there already (false if one was), and
     * the email confirming it queued in the same transaction.
     */
    async checkIn(sessionId: number, participantId: number, status: 'present' | 'late', now: Date, mail: Message): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('attendance')
          .values({ workshop_id: sessionId, participant_id: participantId, status, self_checked_in: true, recorded_at: now })
          .onConflict((oc) => oc.columns(['workshop_id', 'participant_id']).doNothing())
          .returning('participant_id')
          .executeTakeFirst();
        if (row) await enqueueMail(trx, mail);
        return Boolean(row);
      });
    },

    /**
     * Counts a check-in attempt against `key` ('address …' or 'workshop …') in its 15-minute
     * window, in one statement that counts it only if fewer than `limit` were counted (true) —
     * so attempts sent in parallel are counted one after another, and no more than `limit` pass.
     */
    async countCheckInAttempt(key: string, limit: number, windowMinutes: number): Promise<boolean> {
      const over = sql<boolean>`(t.window_started_at <= now() - make_interval(mins => ${windowMinutes}::int))`;
      const { rows } = await sql<{ key: string }>`
        INSERT INTO check_in_throttles AS t (key, attempts, window_started_at) VALUES (${key}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          attempts = CASE WHEN ${over} THEN 1 ELSE t.attempts + 1 END,
          window_started_at = CASE WHEN ${over} THEN now() ELSE t.window_started_at END
        WHERE ${over} OR t.attempts < ${limit}::int
        RETURNING t.key
      `.execute(db);
      return rows.length === 1;
    },

    /** An attempt counted in advance turned out not to be one the throttle counts (a right code; a participant's address). */
    async refundCheckInAttempt(key: string): Promise<void> {
      await db.updateTable('check_in_throttles').set({ attempts: sql<number>`greatest(attempts - 1, 0)` }).where('key', '=', key).execute();
    },

    /** The daily clean-up: throttle counts whose window has ended. How many. */
    async deleteEndedCheckInWindows(windowMinutes: number): Promise<number> {
      const result = await db
        .deleteFrom('check_in_throttles')
        .where('window_started_at', '<=', sql<Date>`now() - make_interval(mins => ${windowMinutes}::int)`)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Seconds until `key`'s window ends. */
    async checkInWait(key: string, windowMinutes: number): Promise<number> {
      const row = await db
        .selectFrom('check_in_throttles')
        .select(sql<number>`ceil(extract(epoch FROM window_started_at + make_interval(mins => ${windowMinutes}::int) - now()))::int`.as('seconds'))
        .where('key', '=', key)
        .executeTakeFirst();
      return Math.max(0, Number(row?.seconds ?? 0));
    },

    /**
     * Records each school's outcome in the schools' participation records (replacing what an
     * earlier recording for this project and year wrote), in one transaction.
     */
    async recordCompletion(
      group: { id: number; ncp_code: string; project_title: string; academic_year: string; strand: string; phase: 'primary' | 'secondary' | 'cross-phase' | 'post-16' },
      outcomes: { urn: number; completed: boolean }[],
      now: Date,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (outcomes.length) {
          await trx
            .deleteFrom('school_participations')
            .where('source', '=', 'hubwork')
            .where('ncp_code', '=', group.ncp_code)
            .where('academic_year', '=', group.academic_year)
            .where(
              'school_urn',
              'in',
              outcomes.map((o) => o.urn),
            )
            .execute();
          await trx
            .insertInto('school_participations')
            .values(
              outcomes.map((o) => ({
                school_urn: o.urn,
                academic_year: group.academic_year,
                ncp_code: group.ncp_code,
                title: group.project_title,
                strand: group.strand,
                phase: group.phase,
                outcome: o.completed ? ('completed' as const) : ('took_part' as const),
                source: 'hubwork' as const,
              })),
            )
            .execute();
        }
        await setCompletionRecorded(trx, group.id, now);
      });
    },

    async setCompletionRule(workGroupId: number, minSessions: number | null, requiresTasks: boolean): Promise<void> {
      await setCompletionRule(db, workGroupId, minSessions, requiresTasks);
    },

    /** How many gap tasks the group has set, and how many each school has submitted (read from modules/tasks' tables). */
    async gapTasks(workGroupId: number) {
      const [set, submitted] = await Promise.all([
        db.selectFrom('gap_tasks').select((eb) => eb.fn.countAll<string>().as('n')).where('work_group_id', '=', workGroupId).executeTakeFirst(),
        db
          .selectFrom('gap_task_submissions as s')
          .innerJoin('gap_tasks as t', 't.id', 's.task_id')
          .select(['s.school_urn', (eb) => eb.fn.countAll<string>().as('n')])
          .where('t.work_group_id', '=', workGroupId)
          .groupBy('s.school_urn')
          .execute(),
      ]);
      return { set: Number(set?.n ?? 0), submittedBy: new Map(submitted.map((r) => [r.school_urn, Number(r.n)])) };
    },
  };
}

export type RegisterRepository = ReturnType<typeof createRegisterRepository>;
