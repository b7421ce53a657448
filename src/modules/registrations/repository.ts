// All the SQL of registration: finding a school, its facts for the eligibility rules, the
// question pages' drafts, and the transactions that take, hold, confirm and release places.
import { type Kysely, sql, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ApprovalCheck, Database, Db, RegistrationStatus } from '../../core/schema.ts';
import { LIVE } from '../../core/membership/registration-status.ts';
import type { Participation, SchoolFacts } from '../eligibility/index.ts';
import type { KnownBy } from './domain.ts';
import { ensureAccount, headteacherEmails } from '../../core/identity/accounts-repository.ts';
import { requiredProjects } from '../../core/projects/repository.ts';
import { findSchools, type SchoolMatch, schoolByUrn } from '../../core/schools/repository.ts';
import { findGroup, publishedGroupsOf, siblingGroups } from '../../core/work-groups/groups-repository.ts';
import { lockGroups, releasePlace, takePlace } from '../../core/work-groups/places-repository.ts';
import { firstWorkshopStart } from '../../core/work-groups/workshops-repository.ts';

export type { SchoolMatch };

export type NewParticipant = { name: string; email: string; roles: string[]; teachingYear: number | null; mathsItt: boolean | null };

export type NewRegistration = {
  reference: string;
  workGroupId: number;
  urn: number;
  headteacherName: string;
  headteacherEmail: string;
  declarations: string[];
  coreMathsYear: number | null;
  warnings: string[];
  participants: NewParticipant[];
  consentTokenHash: string;
  manageTokenHash: string;
  /** The visitor's address, when registered through the pages. */
  submittedFrom: string | null;
  /** Who registered the school: the name and email a visitor gave, or the API token's owner (with their account). */
  registeredBy?: { name: string; email: string; userId?: number | null } | null;
  /** Made with the school's registration for a group whose project requires this one (no consent link of its own). */
  leadRegistrationId?: number;
  now: Date;
};

/** A registration with its group, school, participants and linked registrations, by id (one query). */
async function details(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom('registrations as r')
    .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
    .innerJoin('schools as s', 's.urn', 'r.school_urn')
    .leftJoin('hubs as h', 'h.id', 'wg.hub_id')
    .select((eb) => [
      'r.id',
      'r.reference',
      'r.status',
      'r.headteacher_name',
      'r.headteacher_email',
      'r.hold_expires_at',
      'r.consent_decided_at',
      'r.waitlisted_at',
      'r.offered_at',
      'r.warnings',
      'r.lead_registration_id',
      'r.registered_by_name',
      'r.registered_by_email',
      'r.approved_at',
      'r.approval_check',
      'wg.id as work_group_id',
      'wg.code',
      'wg.title',
      'wg.consent_hold_days',
      'wg.hub_id',
      'h.name as hub_name',
      'h.enquiries_email',
      's.urn',
      's.name as school_name',
      jsonArrayFrom(
        eb
          .selectFrom('registration_participants as p')
          .select(['p.id', 'p.name', 'p.email', 'p.roles', 'p.teaching_year', 'p.maths_itt'])
          .whereRef('p.registration_id', '=', 'r.id')
          .orderBy('p.position'),
      ).as('participants'),
      // The registrations made with this one (linked projects), the one the school asked for first.
      jsonArrayFrom(
        eb
          .selectFrom('registrations as o')
          .innerJoin('work_groups as ow', 'ow.id', 'o.work_group_id')
          .select(['o.id', 'o.reference', 'o.status', 'o.lead_registration_id', 'ow.id as work_group_id', 'ow.code', 'ow.title'])
          .where((e) =>
            e.or([
              e('o.id', '=', e.fn.coalesce('r.lead_registration_id', 'r.id')),
              e('o.lead_registration_id', '=', e.fn.coalesce('r.lead_registration_id', 'r.id')),
            ]),
          )
          .whereRef('o.id', '<>', 'r.id')
          .orderBy(sql`o.lead_registration_id IS NOT NULL`)
          .orderBy('o.id'),
      ).as('linked'),
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row;
}

/**
 * Where a waiting school stands: 1 for the first. Schools join a group's list one at a time (each
 * holds the group's row, lockGroups), so inside the joining transaction this counts every school
 * that joined before it, committed.
 */
async function waitingPosition(db: Kysely<Database>, id: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('registrations as me')
    .innerJoin('registrations as r', (join) =>
      join
        .onRef('r.work_group_id', '=', 'me.work_group_id')
        .on('r.status', '=', 'waitlisted')
        .onRef('r.waiting_order', '<=', 'me.waiting_order'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('me.id', '=', id)
    .where('me.status', '=', 'waitlisted')
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  return n > 0 ? n : undefined;
}

export function createRegistrationRepository(db: Db) {
  function writer(trx: Transaction<Database>) {
    return {
      trx,
      /**
       * Takes one of the group's places if one is left: a single UPDATE, so PostgreSQL's row
       * lock makes simultaneous registrations queue here, and each re-checks the count it sees.
       */
      takePlace: (workGroupId: number) => takePlace(trx, workGroupId),

      /**
       * Locks the groups' rows (in id order) until the transaction ends: schools join a group's
       * waiting list one at a time, so each counts its position among those committed before it.
       */
      lockGroups: (workGroupIds: number[]) => lockGroups(trx, workGroupIds),

      releasePlace: (workGroupId: number) => releasePlace(trx, workGroupId),

      async insert(r: NewRegistration, status: 'pending_consent' | 'waitlisted', holdExpiresAt: Date | null): Promise<number> {
        const { id } = await trx
          .insertInto('registrations')
          .values({
            reference: r.reference,
            work_group_id: r.workGroupId,
            school_urn: r.urn,
            status,
            headteacher_name: r.headteacherName,
            headteacher_email: r.headteacherEmail,
            declarations: r.declarations,
            core_maths_year: r.coreMathsYear,
            warnings: r.warnings,
            consent_token_hash: status === 'pending_consent' && !r.leadRegistrationId ? r.consentTokenHash : null,
            lead_registration_id: r.leadRegistrationId ?? null,
            manage_token_hash: r.manageTokenHash,
            hold_expires_at: holdExpiresAt,
            waitlisted_at: status === 'waitlisted' ? r.now : null,
            submitted_from: r.submittedFrom,
            registered_by_name: r.registeredBy?.name ?? null,
            registered_by_email: r.registeredBy?.email ?? null,
            registered_by_user_id: r.registeredBy?.userId ?? null,
            created_at: r.now,
            updated_at: r.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('registration_participants')
          .values(
            r.participants.map((p, i) => ({
              registration_id: id,
              position: i + 1,
              name: p.name,
              email: p.email,
              roles: p.roles,
              teaching_year: p.teachingYear,
              maths_itt: p.mathsItt,
            })),
          )
          .execute();
        return id;
      },

      /**
       * The limit on registrations one address, token or person makes: under a lock on each key
       * (taken in order, held until the transaction ends), counts those made since `since`. When
       * a key has `limit` already, returns when the oldest of them stops counting; otherwise
       * undefined, and the caller records this registration under the keys (recordSubmission)
       * before the locks go. Several processes share the database, so the lock is PostgreSQL's.
       */
      async limitReached(keys: string[], since: Date, limit: number): Promise<Date | undefined> {
        const sorted = [...new Set(keys)].sort();
        for (const key of sorted) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`registration:${key}`}, 0))`.execute(trx);
        let freesAt: Date | undefined;
        for (const key of sorted) {
          const row = await trx
            .selectFrom('registration_submissions')
            .select('created_at')
            .where('key', '=', key)
            .where('created_at', '>', since)
            .orderBy('created_at', 'desc')
            .offset(limit - 1)
            .limit(1)
            .executeTakeFirst();
          if (row && (!freesAt || row.created_at > freesAt)) freesAt = row.created_at;
        }
        return freesAt;
      },

      async recordSubmission(keys: string[], registrationId: number, now: Date): Promise<void> {
        if (!keys.length) return;
        await trx
          .insertInto('registration_submissions')
          .values([...new Set(keys)].map((key) => ({ key, registration_id: registrationId, created_at: now })))
          .execute();
      },

      /** Moves a registration from one status to another; false if it was no longer in `from`. */
      async move(
        id: number,
        from: readonly RegistrationStatus[],
        to: RegistrationStatus,
        now: Date,
        extra: { consentTokenHash?: string | null; holdExpiresAt?: Date | null; offeredAt?: Date; consentDecidedAt?: Date; approval?: { at: Date; check: ApprovalCheck } } = {},
      ): Promise<boolean> {
        const row = await trx
          .updateTable('registrations')
          .set({
            status: to,
            updated_at: now,
            ...(extra.consentTokenHash !== undefined ? { consent_token_hash: extra.consentTokenHash } : {}),
            ...(extra.holdExpiresAt !== undefined ? { hold_expires_at: extra.holdExpiresAt } : {}),
            ...(extra.offeredAt ? { offered_at: extra.offeredAt } : {}),
            ...(extra.consentDecidedAt ? { consent_decided_at: extra.consentDecidedAt } : {}),
            ...(extra.approval ? { approved_at: extra.approval.at, approval_check: extra.approval.check } : {}),
          })
          .where('id', '=', id)
          .where('status', 'in', from)
          .returning('id')
          .executeTakeFirst();
        return Boolean(row);
      },

      /** The first schools on the group's waiting list, in order, locked; others offering at once skip them. */
      async waiting(workGroupId: number, limit: number) {
        return trx
          .selectFrom('registrations')
          .select(['id', 'lead_registration_id'])
          .where('work_group_id', '=', workGroupId)
          .where('status', '=', 'waitlisted')
          .orderBy('waiting_order')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
      },

      /** Every registration made together with this one (itself included, the lead first), locked. */
      async lockBundle(id: number) {
        const row = await trx.selectFrom('registrations').select(['id', 'lead_registration_id']).where('id', '=', id).executeTakeFirst();
        if (!row) return [];
        const lead = row.lead_registration_id ?? row.id;
        return trx
          .selectFrom('registrations')
          .select(['id', 'status', 'work_group_id', 'hold_expires_at', 'lead_registration_id', 'approved_at'])
          .where((eb) => eb.or([eb('id', '=', lead), eb('lead_registration_id', '=', lead)]))
          .orderBy(sql`lead_registration_id IS NOT NULL`)
          .orderBy('id')
          .forUpdate()
          .execute();
      },

      /** Staff move a registration to another group (its places are the caller's business). */
      async changeGroup(id: number, workGroupId: number, now: Date, waitlistedAt: Date | null): Promise<void> {
        await trx
          .updateTable('registrations')
          // Joining the new group's list at its end (the caller holds that group's row: lockGroups).
          .set({ work_group_id: workGroupId, updated_at: now, ...(waitlistedAt ? { waitlisted_at: waitlistedAt, waiting_order: sql<string>`nextval('registrations_waiting_order_seq')` } : {}) })
          .where('id', '=', id)
          .execute();
      },

      async saveOverride(workGroupId: number, urn: number, reason: string, userId: number): Promise<void> {
        await trx
          .insertInto('eligibility_overrides')
          .values({ work_group_id: workGroupId, school_urn: urn, reason, created_by: userId })
          .onConflict((oc) => oc.columns(['work_group_id', 'school_urn']).doUpdateSet({ reason, created_by: userId, created_at: sql`now()` }))
          .execute();
      },

      /** The database's clock (its transaction's start), which the job queue runs by. */
      async databaseNow(): Promise<Date> {
        const { rows } = await sql<{ now: Date }>`SELECT now() AS now`.execute(trx);
        return rows[0]!.now;
      },

      /**
       * The headteacher approved from an address the school is not known by: every registration of
       * the bundle stays held (and is never released for want of an answer) until hub staff check it.
       */
      async markApproved(ids: number[], now: Date): Promise<void> {
        await trx
          .updateTable('registrations')
          .set({ approved_at: now, approval_check: 'unverified', consent_decided_at: now, updated_at: now })
          .where('id', 'in', ids)
          .where('status', '=', 'pending_consent')
          .execute();
      },

      /** Hub staff record an address for a school: a headteacher's approval from it counts at once. */
      async recordKnownAddress(urn: number, email: string, userId: number): Promise<void> {
        await trx
          .insertInto('school_known_addresses')
          .values({ school_urn: urn, email, recorded_by: userId })
          .onConflict((oc) => oc.columns(['school_urn', 'email']).doNothing())
          .execute();
      },

      /** The registration as this transaction sees it. */
      details: (id: number) => details(trx, id),
      waitingPosition: (id: number) => waitingPosition(trx, id),

      /**
       * A hubwork account for a confirmed participant, unless their email has one: they sign in
       * with an emailed link (no password) to reach the group's private pages.
       */
      ensureAccount: (email: string, name: string) => ensureAccount(trx, email, name),

      /** A participant's calendar feed token (its hash), issued when the place is confirmed. */
      async setCalendarToken(participantId: number, tokenHash: string): Promise<void> {
        await trx.updateTable('registration_participants').set({ calendar_token_hash: tokenHash }).where('id', '=', participantId).execute();
      },

      /** When the group's first workshop starts, if it has a date. */
      firstSession: (workGroupId: number) => firstWorkshopStart(trx, workGroupId),
    };
  }

  return {
    /**
     * Runs the work in a transaction. Linked registrations take places on two groups, so two
     * transactions can each wait for the other's group; PostgreSQL ends one with a deadlock
     * error, and it is run again from the start (the work must only write through `w`).
     */
    async inTransaction<T>(work: (w: ReturnType<typeof writer>) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => work(writer(trx)));
        } catch (error) {
          if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
        }
      }
    },

    /** What registration needs to know about a public group, by its code. */
    async group(code: string) {
      return findGroup(db, code, 'public');
    },

    /**
     * The projects a group's project requires (linked projects), each with its published groups
     * in the same hub (national groups for a national one), the first to meet first.
     */
    async requiredProjects(projectId: number, hubId: number | null) {
      const required = await requiredProjects(db, projectId);
      if (!required.length) return [];
      const groups = await publishedGroupsOf(
        db,
        required.map((r) => r.id),
        hubId,
      );
      return required.map((project) => ({ ...project, groups: groups.filter((g) => g.project_id === project.id) }));
    },

    /** The school's live registration for any group of a project, if it has one. */
    async liveInProject(projectId: number, urn: number) {
      return db
        .selectFrom('registrations as r')
        .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
        .select(['r.reference', 'wg.code', 'wg.title'])
        .where('wg.project_id', '=', projectId)
        .where('r.school_urn', '=', urn)
        .where('r.status', 'in', LIVE)
        .executeTakeFirst();
    },

    /** Where hub staff may move a registration: the other published or closed groups of its project in its hub. */
    async moveTargets(workGroupId: number) {
      return siblingGroups(db, workGroupId);
    },

    /** Schools open today whose name, URN or postcode matches, best first (at most `limit`). */
    async findSchools(query: string, limit: number): Promise<SchoolMatch[]> {
      return findSchools(db, query, limit);
    },

    async school(urn: number) {
      return schoolByUrn(db, urn);
    },

    /** What the eligibility rules need to know about a school. */
    async schoolFacts(urn: number): Promise<SchoolFacts | undefined> {
      const school = await this.school(urn);
      if (!school) return undefined;
      const rows = await db
        .selectFrom('school_participations')
        .select(['academic_year', 'ncp_code', 'title', 'strand', 'phase', 'outcome'])
        .where('school_urn', '=', urn)
        .orderBy('academic_year', 'desc')
        .execute();
      const participations: Participation[] = rows.map((r) => ({
        academicYear: r.academic_year,
        ncpCode: r.ncp_code,
        title: r.title,
        strand: r.strand,
        phase: r.phase,
        outcome: r.outcome,
      }));
      return {
        name: school.name,
        phase: school.phase,
        stateFunded: school.state_funded,
        hubSlug: school.hub_slug,
        hubName: school.hub_name,
        participations,
      };
    },

    /** What a school is known by: its website, the addresses the hub recorded, its headteacher accounts' addresses. */
    async knownBy(urn: number): Promise<KnownBy> {
      const [school, addresses, accounts] = await Promise.all([
        schoolByUrn(db, urn),
        db.selectFrom('school_known_addresses').select('email').where('school_urn', '=', urn).execute(),
        headteacherEmails(db, urn),
      ]);
      return { website: school?.website ?? null, addresses: addresses.map((a) => a.email), accounts };
    },

    /** The hub's decision to let this school register despite a requirement, if any. */
    async override(workGroupId: number, urn: number): Promise<{ reason: string } | undefined> {
      return db.selectFrom('eligibility_overrides').select('reason').where('work_group_id', '=', workGroupId).where('school_urn', '=', urn).executeTakeFirst();
    },

    /** The limit's records once they no longer count (they hold addresses). Returns how many went. */
    async deleteSubmissionsBefore(before: Date): Promise<number> {
      const result = await db.deleteFrom('registration_submissions').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** The school's live registration for the group, if it has one. */
    async liveRegistration(workGroupId: number, urn: number) {
      return db
        .selectFrom('registrations')
        .select(['id', 'reference', 'status'])
        .where('work_group_id', '=', workGroupId)
        .where('school_urn', '=', urn)
        .where('status', 'in', LIVE)
        .executeTakeFirst();
    },

    async draft(tokenHash: string, workGroupId: number, now: Date): Promise<unknown | undefined> {
      const row = await db
        .selectFrom('registration_drafts')
        .select('answers')
        .where('token_hash', '=', tokenHash)
        .where('work_group_id', '=', workGroupId)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.answers;
    },

    async saveDraft(tokenHash: string, workGroupId: number, answers: unknown, expiresAt: Date): Promise<void> {
      await db
        .insertInto('registration_drafts')
        .values({ token_hash: tokenHash, work_group_id: workGroupId, answers: JSON.stringify(answers), expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('token_hash').doUpdateSet({ work_group_id: workGroupId, answers: JSON.stringify(answers), expires_at: expiresAt, updated_at: sql`now()` }),
        )
        .execute();
    },

    /**
     * Held places whose time is up by `now` and whose headteacher has not answered (an approval
     * awaiting the hub's check is not overdue): the lead of each bundle, at most `limit`, oldest first.
     */
    async overdueHolds(now: Date, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('registrations')
        .select('id')
        .where('status', '=', 'pending_consent')
        .where('lead_registration_id', 'is', null)
        .where('approved_at', 'is', null)
        .where('hold_expires_at', '<=', now)
        .orderBy('hold_expires_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Drafts hold people's names and emails: gone once expired. Returns how many went. */
    async deleteExpiredDrafts(now: Date): Promise<number> {
      const result = await db.deleteFrom('registration_drafts').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** A registration with its group, school and participants, by id. */
    details: (id: number) => details(db, id),

    async idByManageToken(tokenHash: string): Promise<number | undefined> {
      const row = await db.selectFrom('registrations').select('id').where('manage_token_hash', '=', tokenHash).executeTakeFirst();
      return row?.id;
    },

    async idByConsentToken(tokenHash: string): Promise<number | undefined> {
      const row = await db.selectFrom('registrations').select('id').where('consent_token_hash', '=', tokenHash).executeTakeFirst();
      return row?.id;
    },

    async idByReference(reference: string): Promise<number | undefined> {
      const row = await db.selectFrom('registrations').select('id').where('reference', '=', reference).executeTakeFirst();
      return row?.id;
    },

    /** Where a waiting school stands: 1 for the first. */
    waitingPosition: (id: number) => waitingPosition(db, id),

    /** The live registrations of some schools (their headteacher's home page), with each waiting school's position. */
    async liveOfSchools(urns: number[]) {
      return db
        .selectFrom('registrations as r')
        .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
        .innerJoin('projects as p', 'p.id', 'wg.project_id')
        .innerJoin('schools as s', 's.urn', 'r.school_urn')
        .select((eb) => [
          'r.id',
          'r.reference',
          'r.status',
          'r.hold_expires_at',
          'r.approved_at',
          'r.headteacher_email',
          'r.lead_registration_id',
          'wg.code',
          'wg.title',
          'p.academic_year',
          's.name as school_name',
          jsonArrayFrom(eb.selectFrom('registration_participants as rp').select('rp.name').whereRef('rp.registration_id', '=', 'r.id').orderBy('rp.position')).as('participants'),
          eb
            .selectFrom('registrations as w')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('w.work_group_id', '=', 'r.work_group_id')
            .where('w.status', '=', 'waitlisted')
            .whereRef('w.waiting_order', '<=', 'r.waiting_order')
            .as('position'),
        ])
        .where('r.school_urn', 'in', urns)
        .where('r.status', 'in', LIVE)
        .orderBy(sql`CASE r.status WHEN 'pending_consent' THEN 1 WHEN 'confirmed' THEN 2 ELSE 3 END`)
        .orderBy('wg.title')
        .execute();
    },

    /** The hub's view of a group: every registration, waiting list in order. */
    async ofGroup(workGroupId: number) {
      return db
        .selectFrom('registrations as r')
        .innerJoin('schools as s', 's.urn', 'r.school_urn')
        .select([
          'r.id',
          'r.reference',
          'r.status',
          'r.created_at',
          'r.hold_expires_at',
          'r.waitlisted_at',
          'r.headteacher_name',
          'r.headteacher_email',
          'r.registered_by_name',
          'r.registered_by_email',
          'r.approved_at',
          's.urn',
          's.name as school_name',
          's.postcode',
          (eb) =>
            jsonArrayFrom(eb.selectFrom('registration_participants as p').select(['p.name', 'p.email']).whereRef('p.registration_id', '=', 'r.id').orderBy('p.position')).as('participants'),
        ])
        .where('r.work_group_id', '=', workGroupId)
        .orderBy(sql`CASE r.status WHEN 'confirmed' THEN 1 WHEN 'pending_consent' THEN 2 WHEN 'waitlisted' THEN 3 ELSE 4 END`)
        .orderBy('r.waiting_order')
        .execute();
    },
  };
}

export type RegistrationRepository = ReturnType<typeof createRegistrationRepository>;
export type RegistrationWriter = Parameters<Parameters<RegistrationRepository['inTransaction']>[0]>[0];
