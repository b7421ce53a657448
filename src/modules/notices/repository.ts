// The SQL of joining details and reminders: which confirmed places are due a notice now, and
// the claims that make each notice go once. A claim is a write in the transaction that queues
// the emails (ADR 9), and PostgreSQL's row locks make a second worker claiming the same notice
// at the same moment wait, then find it taken: so however many runs overlap, each notice is
// queued exactly once, and never if its transaction rolls back (ADR 12).
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../../core/schema.ts';
import { TIME_ZONE } from '../../platform/lib/london-time.ts';
import { findGroupById } from '../../core/work-groups/groups-repository.ts';
import { workshopsOf } from '../../core/work-groups/workshops-repository.ts';

/** A confirmed place due its joining details, or a reminder of one workshop. */
export type DueJoiningDetails = { registrationId: number; workGroupId: number };
export type DueReminder = { sessionId: number; registrationId: number; workGroupId: number };

/** The school a notice is for, and the participants who get it. */
export type Recipients = { reference: string; schoolName: string; participants: { name: string; email: string }[] };

/** What a notice says about the group. */
export type NoticeGroup = {
  id: number;
  code: string;
  title: string;
  hubName: string | null;
  enquiriesEmail: string | null;
  joiningDetailsText: string;
  /** Workshops whose date is still to be confirmed, by number. */
  undatedWorkshops: number[];
};

/** Groups whose places get notices: not drafts (no registrations) nor archived ones. */
const ACTIVE = ['published', 'closed'] as const;

async function recipients(trx: Transaction<Database>, registrationId: number): Promise<Recipients> {
  const registration = await trx
    .selectFrom('registrations as r')
    .innerJoin('schools as s', 's.urn', 'r.school_urn')
    .select(['r.reference', 's.name as school_name'])
    .where('r.id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const participants = await trx
    .selectFrom('registration_participants')
    .select(['name', 'email'])
    .where('registration_id', '=', registrationId)
    .orderBy('position')
    .execute();
  return { reference: registration.reference, schoolName: registration.school_name, participants };
}

function writer(trx: Transaction<Database>) {
  return {
    trx,

    /**
     * Claims a confirmed place's joining details: sets joining_details_sent_at if it is still
     * unset. A second claimer waits for this row's lock, then re-reads it and finds it set (or,
     * if this transaction rolled back, claims it itself). Undefined: not ours to send.
     */
    async claimJoiningDetails(registrationId: number, now: Date): Promise<Recipients | undefined> {
      const claimed = await trx
        .updateTable('registrations')
        .set({ joining_details_sent_at: now })
        .where('id', '=', registrationId)
        .where('status', '=', 'confirmed')
        .where('joining_details_sent_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return claimed ? recipients(trx, registrationId) : undefined;
    },

    /**
     * Claims the reminder of a workshop for a confirmed place: the registration row is share-locked
     * (a withdrawal under way finishes first, and the place is then no longer confirmed), and the
     * workshop_reminders row is inserted unless it exists; a second claimer's insert waits for this
     * one's key and then does nothing. Undefined: not ours to send.
     */
    async claimReminder(sessionId: number, registrationId: number, now: Date): Promise<Recipients | undefined> {
      const confirmed = await trx
        .selectFrom('registrations')
        .select('id')
        .where('id', '=', registrationId)
        .where('status', '=', 'confirmed')
        .forShare()
        .executeTakeFirst();
      if (!confirmed) return undefined;
      const claimed = await trx
        .insertInto('workshop_reminders')
        .values({ workshop_id: sessionId, registration_id: registrationId, sent_at: now })
        .onConflict((oc) => oc.columns(['workshop_id', 'registration_id']).doNothing())
        .returning('registration_id')
        .executeTakeFirst();
      return claimed ? recipients(trx, registrationId) : undefined;
    },
  };
}

export type NoticeWriter = ReturnType<typeof writer>;

export function createNoticeRepository(db: Db) {
  return {
    async inTransaction<T>(work: (w: NoticeWriter) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => work(writer(trx)));
    },

    /**
     * Confirmed places without their joining details whose group's first dated workshop is, in
     * London, at most joining_details_days calendar days away (from the start of that day; 0: on
     * the day itself) and did not start more than a day ago. A place confirmed after that day
     * came is due at once.
     */
    async dueJoiningDetails(now: Date): Promise<DueJoiningDetails[]> {
      const { rows } = await sql<{ registration_id: number; work_group_id: number }>`
        SELECT r.id AS registration_id, r.work_group_id
        FROM registrations r
        JOIN work_groups wg ON wg.id = r.work_group_id
        JOIN workshops s ON s.work_group_id = wg.id AND s.starts_at IS NOT NULL
        WHERE r.status = 'confirmed'
          AND r.joining_details_sent_at IS NULL
          AND wg.publication IN (${sql.join(ACTIVE)})
        GROUP BY r.id, r.work_group_id, wg.joining_details_days
        -- the group's first dated workshop
        HAVING min(s.starts_at) > ${now}::timestamptz - interval '1 day'
          AND (((min(s.starts_at) AT TIME ZONE ${TIME_ZONE})::date - wg.joining_details_days)::timestamp AT TIME ZONE ${TIME_ZONE}) <= ${now}::timestamptz
        ORDER BY r.work_group_id, r.id
      `.execute(db);
      return rows.map((r) => ({ registrationId: r.registration_id, workGroupId: r.work_group_id }));
    },

    /** Every confirmed place not yet reminded of a dated workshop that starts after `now` and by `until`. */
    async dueReminders(now: Date, until: Date): Promise<DueReminder[]> {
      const rows = await db
        .selectFrom('registrations as r')
        .innerJoin('workshops as s', 's.work_group_id', 'r.work_group_id')
        .innerJoin('work_groups as wg', 'wg.id', 's.work_group_id')
        .select(['s.id as workshop_id', 'r.id as registration_id', 's.work_group_id'])
        .where('s.date_to_be_confirmed', '=', false)
        .where('s.starts_at', '>', now)
        .where('s.starts_at', '<=', until)
        .where('wg.publication', 'in', ACTIVE)
        .where('r.status', '=', 'confirmed')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('workshop_reminders as sr').select('sr.workshop_id').whereRef('sr.workshop_id', '=', 's.id').whereRef('sr.registration_id', '=', 'r.id'),
            ),
          ),
        )
        .orderBy('s.starts_at')
        .orderBy('s.id')
        .orderBy('r.id')
        .execute();
      return rows.map((r) => ({ sessionId: r.workshop_id, registrationId: r.registration_id, workGroupId: r.work_group_id }));
    },

    /** What a notice says about the group. */
    async group(workGroupId: number): Promise<NoticeGroup | undefined> {
      const group = await findGroupById(db, workGroupId);
      if (!group) return undefined;
      const undated = (await workshopsOf(db, workGroupId)).filter((s) => s.date_to_be_confirmed);
      return {
        id: group.id,
        code: group.code,
        title: group.title,
        hubName: group.hub_name,
        enquiriesEmail: group.enquiries_email,
        joiningDetailsText: group.joining_details_text,
        undatedWorkshops: undated.map((s) => s.workshop_number),
      };
    },
  };
}

export type NoticeRepository = ReturnType<typeof createNoticeRepository>;
