// Who belongs to a Work Group's year: the participants of its confirmed registrations (by their
// registered email, matched to their hubwork account) and anyone given a participant or Work
// Group lead role for it. All the SQL of membership.
import { sql } from 'kysely';
import type { Db } from '../schema.ts';
import { findGroup } from '../work-groups/groups-repository.ts';

export function createMembershipRepository(db: Db) {
  return {
    /** A Work Group by code (any publication but draft), with its hub and academic year. */
    async group(code: string) {
      return findGroup(db, code, 'not-draft');
    },

    /** Whether the person takes part in the group: a confirmed participant by email, or given the role. */
    async isParticipant(workGroupId: number, user: { id: number; email: string }): Promise<boolean> {
      const row = await db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .select('p.id')
        .where('r.work_group_id', '=', workGroupId)
        .where('r.status', '=', 'confirmed')
        .where(sql`lower(p.email)`, '=', user.email.toLowerCase())
        .unionAll(
          db
            .selectFrom('role_assignments')
            .select('id')
            .where('user_id', '=', user.id)
            .where('role', '=', 'participant')
            .where('work_group_id', '=', workGroupId),
        )
        .limit(1)
        .executeTakeFirst();
      return Boolean(row);
    },

    /** The groups a person takes part in or leads (by role or by a confirmed registration), newest year first. */
    async groupsOf(user: { id: number; email: string }) {
      const byEmail = db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .select(['r.work_group_id as id', sql<string>`'participant'`.as('role')])
        .where('r.status', '=', 'confirmed')
        .where(sql`lower(p.email)`, '=', user.email.toLowerCase());
      const byRole = db
        .selectFrom('role_assignments')
        .select([sql<number>`work_group_id`.as('id'), sql<string>`CASE role WHEN 'work_group_lead' THEN 'lead' ELSE 'participant' END`.as('role')])
        .where('user_id', '=', user.id)
        .where('role', 'in', ['participant', 'work_group_lead'])
        .where('work_group_id', 'is not', null);
      const rows = await db
        .selectFrom(byEmail.unionAll(byRole).as('m'))
        .innerJoin('work_groups as wg', 'wg.id', 'm.id')
        .innerJoin('projects as p', 'p.id', 'wg.project_id')
        .select(['wg.id', 'wg.code', 'wg.title', 'wg.hub_id', 'p.academic_year', 'm.role'])
        .distinct()
        .orderBy('p.academic_year', 'desc')
        .orderBy('wg.code')
        .execute();
      // A lead role wins over taking part, for the same group.
      const byGroup = new Map<number, (typeof rows)[number]>();
      for (const row of rows) if (!byGroup.has(row.id) || row.role === 'lead') byGroup.set(row.id, row);
      return [...byGroup.values()].map((r) => ({ ...r, role: r.role as 'lead' | 'participant' }));
    },

    /** The schools with a confirmed place in the group, by name. */
    async confirmedSchools(workGroupId: number) {
      return db
        .selectFrom('registrations as r')
        .innerJoin('schools as s', 's.urn', 'r.school_urn')
        .select(['s.urn', 's.name'])
        .distinct()
        .where('r.work_group_id', '=', workGroupId)
        .where('r.status', '=', 'confirmed')
        .orderBy('s.name')
        .execute();
    },

    /** The schools a person takes part in the group for (by their registered email; almost always one), by name. */
    async schoolsOf(workGroupId: number, email: string) {
      return db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .innerJoin('schools as s', 's.urn', 'r.school_urn')
        .select(['s.urn', 's.name'])
        .distinct()
        .where('r.work_group_id', '=', workGroupId)
        .where('r.status', '=', 'confirmed')
        .where(sql`lower(p.email)`, '=', email.toLowerCase())
        .orderBy('s.name')
        .execute();
    },

    /** A school's URN and name. */
    async school(urn: number) {
      return db.selectFrom('schools').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirst();
    },

    /** The group's people: each confirmed participant (with their account, if they have one) and its leads. */
    async members(workGroupId: number) {
      const participants = await db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .innerJoin('schools as s', 's.urn', 'r.school_urn')
        .leftJoin('users as u', (join) => join.on(sql`u.email`, '=', sql`lower(p.email)`))
        .select(['p.id as participant_id', 'p.name', 'p.email', 'u.id as user_id', 's.name as school_name', 'r.id as registration_id'])
        .where('r.work_group_id', '=', workGroupId)
        .where('r.status', '=', 'confirmed')
        .orderBy('p.name')
        .execute();
      const leads = await db
        .selectFrom('role_assignments as ra')
        .innerJoin('users as u', 'u.id', 'ra.user_id')
        .select(['u.id as user_id', 'u.name', 'u.email'])
        .where('ra.work_group_id', '=', workGroupId)
        .where('ra.role', '=', 'work_group_lead')
        .orderBy('u.name')
        .execute();
      return { participants, leads };
    },
  };
}

export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
