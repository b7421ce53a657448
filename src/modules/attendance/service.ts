// Registers: when a workshop's register can be taken, what a lead's marks and a participant's
// check-in mean, and each school's progress against the group's completion rule.
import { randomInt } from 'node:crypto';
import type { AttendanceStatus } from '../../core/schema.ts';
import { londonIsoDate, londonTime } from '../../platform/lib/london-time.ts';
import type { Mark, RegisterRepository } from './repository.ts';

/** A register can be taken, and participants can check in, from this long before a workshop starts… */
export const OPENS_BEFORE_MS = 30 * 60 * 1000;
/** …and a participant checking in this long after the start is marked late. */
export const LATE_AFTER_MS = 10 * 60 * 1000;

/**
 * The check-in's throttle, per 15 minutes: wrong codes from one address (a venue's network is one
 * address to us, so this allows for a room's typing mistakes) and, per workshop, addresses that
 * are no participant's (after which its check-in pauses and the lead marks the register).
 */
export const CHECK_IN_THROTTLE = { perAddress: 20, perWorkshop: 50, windowMinutes: 15 };

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CHECK_IN_CODE = /^[2-9A-HJ-NP-Z]{6}$/;

export type SessionState = 'no-date' | 'not-started' | 'open' | 'ended';

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { present: 'Present', late: 'Late', absent: 'Absent' };
const OUTCOME_LABELS = { completed: 'Completed', 'in-progress': 'In progress', 'not-completed': 'Not completed' } as const;

type Session = Awaited<ReturnType<RegisterRepository['sessions']>>[number];
export type RegisterGroup = NonNullable<Awaited<ReturnType<RegisterRepository['group']>>>;

/** Whether a workshop's register can be taken now. */
export function sessionState(session: { starts_at: Date | null; ends_at: Date | null }, now: Date): SessionState {
  if (!session.starts_at) return 'no-date';
  if (now.getTime() < session.starts_at.getTime() - OPENS_BEFORE_MS) return 'not-started';
  const end = session.ends_at ?? new Date(session.starts_at.getTime() + 3 * 60 * 60 * 1000);
  return now <= end ? 'open' : 'ended';
}

/** Minutes as hours, to the nearest quarter of an hour (workshops run to the quarter hour). */
const hours = (minutes: number): number => Math.round(minutes / 15) / 4;

/** The workshops a school must attend to complete: the group's rule, or every dated workshop. */
export function completionTarget(group: { completion_min_workshops: number | null }, dated: number): number {
  return Math.min(group.completion_min_workshops ?? dated, dated);
}

export function createRegisterService(deps: { repository: RegisterRepository; clock: () => Date }) {
  const repo = deps.repository;

  function newCode(): string {
    return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  }

  /** Everything the overview is made from, read side by side. */
  async function read(group: RegisterGroup) {
    const [sessions, roster, marks, tasks] = await Promise.all([repo.sessions(group.id), repo.roster(group.id), repo.marks(group.id), repo.gapTasks(group.id)]);
    return { sessions, roster, marks, tasks };
  }
  type Reads = Awaited<ReturnType<typeof read>>;

  /** What the group's reads say: each workshop's register and each school's progress. */
  function overviewOf(group: RegisterGroup, { sessions, roster, marks, tasks }: Reads) {
    const now = deps.clock();
    const dated = sessions.filter((s) => s.starts_at);
    const target = completionTarget(group, dated.length);
    const held = sessions.filter((s) => ['open', 'ended'].includes(sessionState(s, now)));
    const attendedBy = new Map<number, Set<number>>(); // registration → sessions attended
    const registrationOf = new Map(roster.map((p) => [p.id, p.registration_id]));
    for (const m of marks) {
      if (m.status === 'absent') continue;
      const registration = registrationOf.get(m.participant_id);
      if (registration === undefined) continue;
      if (!attendedBy.has(registration)) attendedBy.set(registration, new Set());
      attendedBy.get(registration)!.add(m.workshop_id);
    }
    // Time in workshops, against the commitment (the project's "equivalent of N days").
    const minutesOf = new Map(dated.map((s) => [s.id, s.ends_at ? (s.ends_at.getTime() - s.starts_at!.getTime()) / 60_000 : 0]));
    const totalMinutes = [...minutesOf.values()].reduce((a, b) => a + b, 0);
    const allEnded = dated.length > 0 && dated.length === sessions.length && dated.every((s) => sessionState(s, now) === 'ended');
    const schools = [...new Map(roster.map((p) => [p.registration_id, p])).values()].map((p) => {
      const attendedSessions = attendedBy.get(p.registration_id) ?? new Set<number>();
      const attended = attendedSessions.size;
      const minutesAttended = [...attendedSessions].reduce((sum, id) => sum + (minutesOf.get(id) ?? 0), 0);
      const stillToCome = dated.length - held.length;
      const tasksSubmitted = tasks.submittedBy.get(p.urn) ?? 0;
      const tasksDone = !group.completion_requires_tasks || tasksSubmitted >= tasks.set;
      const outcome =
        attended >= target && tasksDone ? 'completed' : allEnded || attended + stillToCome < target ? 'not-completed' : 'in-progress';
      return {
        registrationId: p.registration_id,
        urn: p.urn,
        name: p.school_name,
        participants: roster.filter((r) => r.registration_id === p.registration_id).map((r) => r.name),
        attended,
        hoursAttended: hours(minutesAttended),
        tasksSubmitted,
        outcome: outcome as 'completed' | 'not-completed' | 'in-progress',
      };
    });
    return {
      sessions: sessions.map((s) => {
        const taken = marks.filter((m) => m.workshop_id === s.id);
        return {
          ...s,
          state: sessionState(s, now),
          counts: {
            present: taken.filter((m) => m.status === 'present').length,
            late: taken.filter((m) => m.status === 'late').length,
            absent: taken.filter((m) => m.status === 'absent').length,
            unmarked: roster.length - taken.length,
          },
        };
      }),
      schools,
      target,
      /** The dated workshops' hours, and the days the project commits schools to. */
      totalHours: hours(totalMinutes),
      commitmentDays: Number(group.commitment_days),
      tasksSet: tasks.set,
      /** Every workshop dated and over: completion can be recorded. */
      finished: allEnded,
      dated: dated.length,
      held: held.length,
      participants: roster.length,
    };
  }

  return {
    group: (code: string) => repo.group(code),

    /**
     * The group's year at a glance: each workshop and its register, and each school's
     * workshops attended against the completion rule.
     */
    async overview(group: RegisterGroup) {
      return overviewOf(group, await read(group));
    },

    /**
     * The attendance sheet a hub keeps (and the spreadsheet it replaces): a row for each
     * participant with a confirmed place, their mark at each workshop, and their school's
     * workshops attended, gap tasks submitted and status.
     */
    async attendanceSheet(group: RegisterGroup): Promise<{ header: string[]; rows: string[][] }> {
      const data = await read(group);
      const { sessions, schools, target, tasksSet, totalHours } = overviewOf(group, data);
      const markOf = new Map(data.marks.map((m) => [`${m.workshop_id}:${m.participant_id}`, m]));
      const schoolOf = new Map(schools.map((s) => [s.registrationId, s]));
      const header = [
        'URN',
        'School',
        'Participant',
        'Email',
        ...sessions.map((s) => `Workshop ${s.workshop_number}${s.starts_at ? ` (${londonIsoDate(s.starts_at)})` : ''}`),
        `Workshops attended (of ${target} to complete)`,
        `Hours attended (of ${totalHours})`,
        ...(tasksSet ? [`Gap tasks submitted (of ${tasksSet})`] : []),
        'Status',
      ];
      const rows = data.roster.map((p) => {
        const school = schoolOf.get(p.registration_id)!;
        return [
          String(p.urn),
          p.school_name,
          p.name,
          p.email,
          ...sessions.map((s) => {
            const mark = markOf.get(`${s.id}:${p.id}`);
            if (!mark) return '';
            const label = ATTENDANCE_LABELS[mark.status];
            return mark.status === 'absent' && mark.absence_reason ? `${label}: ${mark.absence_reason}` : label;
          }),
          String(school.attended),
          String(school.hoursAttended),
          ...(tasksSet ? [String(school.tasksSubmitted)] : []),
          OUTCOME_LABELS[school.outcome],
        ];
      });
      return { header, rows };
    },
    /** One workshop's register: the participants by school with their marks, and its check-in code while it runs. */
    async register(group: RegisterGroup, workshopNumber: number) {
      const now = deps.clock();
      const session = (await repo.sessions(group.id)).find((s) => s.workshop_number === workshopNumber);
      if (!session) return undefined;
      const state = sessionState(session, now);
      const [roster, marks] = await Promise.all([repo.roster(group.id), repo.marks(group.id)]);
      const code = state === 'open' ? await repo.ensureCheckInCode(session.id, newCode()) : session.check_in_code;
      const markOf = new Map(marks.filter((m) => m.workshop_id === session.id).map((m) => [m.participant_id, m]));
      return {
        session: { ...session, state },
        code,
        participants: roster.map((p) => ({ ...p, mark: markOf.get(p.id) })),
      };
    },

    /**
     * The lead's marks for a workshop: each participant's status (unmarked ones are left as they
     * are), and the reason for each absence. Refused before the workshop's register opens.
     */
    async saveRegister(
      group: RegisterGroup,
      workshopNumber: number,
      answers: Record<number, { status: string; reason: string }>,
      userId: number,
    ): Promise<{ ok: true; saved: number } | { ok: false; errors: Record<string, string>; notOpen?: SessionState }> {
      const now = deps.clock();
      const session = (await repo.sessions(group.id)).find((s) => s.workshop_number === workshopNumber);
      if (!session) return { ok: false, errors: {} };
      const state = sessionState(session, now);
      if (state === 'no-date' || state === 'not-started') return { ok: false, errors: {}, notOpen: state };
      const roster = await repo.roster(group.id);
      const errors: Record<string, string> = {};
      const marks: Mark[] = [];
      for (const p of roster) {
        const answer = answers[p.id];
        if (!answer?.status) continue;
        if (!['present', 'late', 'absent'].includes(answer.status)) {
          errors[`attendance-${p.id}`] = `Select whether ${p.name} was present, late or absent`;
          continue;
        }
        const reason = answer.reason.trim();
        if (answer.status === 'absent' && !reason) errors[`reason-${p.id}`] = `Enter why ${p.name} was absent`;
        else if (reason.length > 300) errors[`reason-${p.id}`] = 'The reason must be 300 characters or fewer';
        else marks.push({ participantId: p.id, status: answer.status as AttendanceStatus, absenceReason: answer.status === 'absent' ? reason : null });
      }
      if (Object.keys(errors).length) return { ok: false, errors };
      await repo.saveMarks(session.id, marks, userId, now);
      return { ok: true, saved: marks.length };
    },

    /**
     * Someone checks in with the workshop's code and an email address, while it runs. The answer
     * is the same whether or not the address is a confirmed participant's (no name is shown): a
     * participant's check-in is recorded (present, or late once it is ten minutes in; a mark
     * already taken is kept) and they are emailed to confirm it — that email is how they know.
     * Throttled, counting each attempt before it is looked up: 20 wrong codes per address, and 50
     * addresses that are nobody's per workshop, in 15 minutes (CHECK_IN_THROTTLE).
     */
    async checkIn(
      code: string,
      email: string,
      ip: string,
    ): Promise<
      | { ok: true; status: 'present' | 'late'; workshop: number; title: string | null; groupTitle: string; code: string }
      | { ok: false; field: 'code' | 'email'; message: string }
      | { ok: false; throttled: 'address' | 'workshop'; retryInSeconds: number }
    > {
      const now = deps.clock();
      const normalised = code.trim().toUpperCase().replace(/[\s-]/g, '');
      if (!CHECK_IN_CODE.test(normalised)) return { ok: false, field: 'code', message: 'Enter the 6-character code shown at the workshop, like 7K3P9Q' };
      const { perAddress, perWorkshop, windowMinutes } = CHECK_IN_THROTTLE;
      const byAddress = `address ${ip}`;
      if (!(await repo.countCheckInAttempt(byAddress, perAddress, windowMinutes))) {
        return { ok: false, throttled: 'address', retryInSeconds: await repo.checkInWait(byAddress, windowMinutes) };
      }
      const session = await repo.sessionByCode(normalised);
      if (!session || sessionState(session, now) !== 'open') {
        return { ok: false, field: 'code', message: 'This code is not for a workshop running now. Check the code shown at the workshop' };
      }
      await repo.refundCheckInAttempt(byAddress);
      const byWorkshop = `workshop ${session.id}`;
      if (!(await repo.countCheckInAttempt(byWorkshop, perWorkshop, windowMinutes))) {
        return { ok: false, throttled: 'workshop', retryInSeconds: await repo.checkInWait(byWorkshop, windowMinutes) };
      }
      const status: 'present' | 'late' = now.getTime() > session.starts_at!.getTime() + LATE_AFTER_MS ? 'late' : 'present';
      const answer = { ok: true as const, status, workshop: session.workshop_number, title: session.title, groupTitle: session.group_title, code: normalised };
      const participant = await repo.participantByEmail(session.work_group_id, email.trim());
      if (!participant) return answer;
      await repo.refundCheckInAttempt(byWorkshop);
      await repo.checkIn(session.id, participant.id, status, now, {
        to: participant.email,
        subject: `You are on the register: workshop ${session.workshop_number}, ${session.group_title}`,
        text: [
          `Hello ${participant.name},`,
          '',
          `You checked in to workshop ${session.workshop_number}${session.title ? `, ${session.title},` : ''} of ${session.group_title} at ${londonTime(now)}: you are on the register as ${ATTENDANCE_LABELS[status].toLowerCase()}.`,
          '',
          'If it was not you who checked in, tell your Work Group lead: they can change the register.',
        ].join('\n'),
      });
      return answer;
    },

    /**
     * At the end of the year: each school with a confirmed place is recorded as having completed
     * the project or taken part, in the schools' participation records that later groups'
     * eligibility rules read. Only once every workshop has a date and has ended; may be run again.
     */
    async recordCompletion(group: RegisterGroup): Promise<{ ok: true; completed: number; tookPart: number } | { ok: false; message: string }> {
      const { schools, finished } = await this.overview(group);
      if (!finished) return { ok: false, message: 'You can record completion once every workshop has a date and the last one has ended' };
      const outcomes = schools.map((s) => ({ urn: s.urn, completed: s.outcome === 'completed' }));
      await repo.recordCompletion(group, outcomes, deps.clock());
      return { ok: true, completed: outcomes.filter((o) => o.completed).length, tookPart: outcomes.filter((o) => !o.completed).length };
    },

    /** The daily clean-up's part for check-in: the throttle's counts (addresses) once their window has ended. */
    deleteExpired: async () => ({ checkInThrottles: await repo.deleteEndedCheckInWindows(CHECK_IN_THROTTLE.windowMinutes) }),

    /** The group's completion rule: at least this many workshops (null: every one). */
    setCompletionRule: (group: RegisterGroup, minSessions: number | null, requiresTasks: boolean) => repo.setCompletionRule(group.id, minSessions, requiresTasks),
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
export type { Session };
