// The SQL of calendars: a public group's dated workshops, and the workshops of the groups a
// participant holds a confirmed place on (found by their feed token's hash).
import type { Db } from '../../core/schema.ts';
import { MODES } from '../../core/work-groups/domain.ts';
import type { CalendarSession } from './ics.ts';
import { findGroup } from '../../core/work-groups/groups-repository.ts';
import { datedWorkshopsOf } from '../../core/work-groups/workshops-repository.ts';

type Row = {
  id: number;
  workshop_number: number;
  title: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  mode: keyof typeof MODES;
  venue_name: string | null;
  venue_address: string | null;
  joining_link: string | null;
  group_title: string;
  group_code: string;
};

function toSession(row: Row, withLink: boolean): CalendarSession | undefined {
  if (!row.starts_at || !row.ends_at) return undefined;
  return {
    id: row.id,
    groupTitle: row.group_title,
    groupCode: row.group_code,
    workshopNumber: row.workshop_number,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    modeLabel: MODES[row.mode],
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    joiningLink: withLink ? row.joining_link : null,
  };
}

export function createCalendarRepository(db: Db) {
  return {
    /** A published or closed group's dated workshops, without joining links. */
    async publicGroup(code: string): Promise<{ title: string; sessions: CalendarSession[] } | undefined> {
      const group = await findGroup(db, code, 'public');
      if (!group) return undefined;
      const rows = await datedWorkshopsOf(db, group.id);
      return { title: group.title, sessions: rows.flatMap((r) => toSession(r, false) ?? []) };
    },

    /** A group's dated workshops with their joining links, for its confirmed participants. */
    async forParticipants(workGroupId: number): Promise<CalendarSession[]> {
      const rows = await datedWorkshopsOf(db, workGroupId);
      return rows.flatMap((r) => toSession(r, true) ?? []);
    },

    /** The participant a feed token belongs to, and the workshops of their confirmed place. */
    async participantFeed(tokenHash: string): Promise<{ name: string; sessions: CalendarSession[] } | undefined> {
      const participant = await db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .select(['p.name', 'r.work_group_id', 'r.status'])
        .where('p.calendar_token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!participant) return undefined;
      // A withdrawn or cancelled place empties the feed, so the calendar app drops the events.
      if (participant.status !== 'confirmed') return { name: participant.name, sessions: [] };
      const rows = await datedWorkshopsOf(db, participant.work_group_id);
      return { name: participant.name, sessions: rows.flatMap((r) => toSession(r, true) ?? []) };
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
