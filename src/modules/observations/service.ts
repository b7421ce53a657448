// Lesson observations: who may offer a lesson and at which school, who may observe it (any
// member but its host, while places are left and before it starts), who sees the observers,
// changes or cancels it before it starts and records the post-lesson discussion (its host and
// the group's leads), and what each lesson's page shows. Every rule is checked here, on the server; the group's space is read-only once
// its year has ended.
import { enqueueMail } from '../../platform/jobs/queue.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import type { Access, MembershipService } from '../../core/membership/service.ts';
import { yearEnds } from '../../core/membership/service.ts';
import type { FieldErrors, Raw } from '../../platform/http/forms.ts';
import { booked, cancelled, changed, changedByLead, changesFor, observerJoined } from './emails.ts';
import { focusText, offerFormValues, paragraphsOf, parseNotes, parseOffer, parseReason, signedUpMessage } from './form.ts';
import type { CalendarLesson } from './ics.ts';
import type { LessonRow, ObservationRepository } from './repository.ts';

export type LessonState = 'cancelled' | 'upcoming' | 'under-way' | 'ended';

export const ARCHIVED_MESSAGE = 'This Work Group’s year has ended: its lesson observations can be read but no longer changed';

export function lessonState(lesson: { starts_at: Date; ends_at: Date; cancelled_at: Date | null }, now: Date): LessonState {
  if (lesson.cancelled_at) return 'cancelled';
  if (now < lesson.starts_at) return 'upcoming';
  return now < lesson.ends_at ? 'under-way' : 'ended';
}

/** The lesson's host (who offered it) and the group's leads run it: see observers, record notes, change or cancel it. */
export const runsLesson = (access: Access, user: CurrentUser, lesson: { offered_by: number }) => access.role === 'lead' || lesson.offered_by === user.id;

/** Why a lesson can no longer be changed, or undefined if it can. */
export function changeClosed(access: Access, lesson: { starts_at: Date; ends_at: Date; cancelled_at: Date | null }, now: Date): string | undefined {
  if (access.archived) return ARCHIVED_MESSAGE;
  const state = lessonState(lesson, now);
  if (state === 'cancelled') return 'This lesson has been cancelled, so it can no longer be changed';
  if (state !== 'upcoming') return 'This lesson has already started, so it can no longer be changed';
  return undefined;
}

export type Refusal = { ok: false; status: number; errors: FieldErrors };
const refuse = (status: number, field: string, message: string): Refusal => ({ ok: false, status, errors: { [field]: message } });

export function createObservationService(deps: { repository: ObservationRepository; clock: () => Date; baseUrl: string; membership: MembershipService }) {
  const repo = deps.repository;
  const domain = new URL(deps.baseUrl).hostname;
  const lessonUrl = (code: string, id: number) => `${deps.baseUrl}/work-groups/${code}/observations/${id}`;

  const forCalendar = (access: Access, lesson: LessonRow): CalendarLesson => ({
    id: lesson.id,
    groupTitle: access.group.title,
    schoolName: lesson.school_name,
    className: lesson.class_name,
    focus: focusText(lesson),
    arrival: lesson.arrival,
    startsAt: lesson.starts_at,
    endsAt: lesson.ends_at,
    url: lessonUrl(access.group.code, lesson.id),
    sequence: lesson.calendar_sequence,
  });

  /** A lesson as its pages show it to this person. */
  function present(access: Access, user: CurrentUser, lesson: LessonRow & { observing: boolean }) {
    const now = deps.clock();
    const state = lessonState(lesson, now);
    const host = lesson.offered_by === user.id;
    const runs = runsLesson(access, user, lesson);
    const open = !access.archived;
    const full = lesson.observers_count >= lesson.observer_limit;
    return {
      ...lesson,
      focusText: focusText(lesson),
      state,
      host,
      runs,
      full,
      placesLeft: Math.max(0, lesson.observer_limit - lesson.observers_count),
      notesParagraphs: lesson.notes ? paragraphsOf(lesson.notes) : [],
      can: {
        signUp: open && state === 'upcoming' && !host && !lesson.observing && !full,
        withdraw: open && state === 'upcoming' && lesson.observing,
        cancel: open && runs && state === 'upcoming',
        change: open && runs && state === 'upcoming',
        recordNotes: open && runs && (state === 'under-way' || state === 'ended'),
        seeObservers: runs,
      },
    };
  }

  return {
    /**
     * The schools this person may offer a lesson at: any of the group's for a lead; a
     * participant's own (by their registration in the group, or their account's school).
     */
    async hostSchools(access: Access, user: CurrentUser): Promise<{ urn: number; name: string }[]> {
      if (access.role === 'lead') return deps.membership.confirmedSchools(access.group.id);
      return deps.membership.schoolsOf(access.group.id, user);
    },

    /** Offers a lesson, or says what to fix. */
    async offer(access: Access, user: CurrentUser, raw: Raw): Promise<{ ok: true; id: number } | Refusal> {
      if (access.archived) return refuse(409, 'form', ARCHIVED_MESSAGE);
      const schools = await this.hostSchools(access, user);
      const parsed = parseOffer(raw, { now: deps.clock(), lastDay: yearEnds(access.group.academic_year), schools });
      if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
      const id = await repo.insert({ workGroupId: access.group.id, offeredBy: user.id, ...parsed.values });
      return { ok: true, id };
    },

    /** The group's lessons: those to come (and under way), and those over or cancelled. */
    async list(access: Access, user: CurrentUser) {
      const lessons = (await repo.list(access.group.id, user.id)).map((l) => present(access, user, l));
      return {
        upcoming: lessons.filter((l) => l.state === 'upcoming' || l.state === 'under-way'),
        past: lessons.filter((l) => l.state === 'ended').reverse(),
        cancelled: lessons.filter((l) => l.state === 'cancelled'),
      };
    },

    /** One lesson of the group, with its observers for those who run it; undefined if the group has no such lesson. */
    async lesson(access: Access, user: CurrentUser, id: number) {
      const lesson = await repo.find(access.group.id, id, user.id);
      if (!lesson) return undefined;
      const shown = present(access, user, lesson);
      return { lesson: shown, observers: shown.can.seeObservers ? await repo.observers(lesson.id) : [] };
    },

    /** Signs the person up to observe; they are emailed the lesson with an .ics file. */
    async signUp(access: Access, user: CurrentUser, id: number): Promise<{ ok: true } | Refusal | undefined> {
      const lesson = await repo.find(access.group.id, id, user.id);
      if (!lesson) return undefined;
      if (access.archived) return refuse(409, 'sign-up', ARCHIVED_MESSAGE);
      if (lesson.offered_by === user.id) return refuse(400, 'sign-up', 'You cannot observe a lesson you are hosting');
      const now = deps.clock();
      const refusedFor = (state: LessonState) =>
        state === 'cancelled' ? 'This lesson has been cancelled' : 'This lesson has already started, so you can no longer sign up to observe it';
      const state = lessonState(lesson, now);
      if (state !== 'upcoming') return refuse(409, 'sign-up', refusedFor(state));
      // The emails are written from the lesson as it stands when the place is counted: a change made meanwhile is in them.
      const result = await repo.signUp(lesson.id, user.id, now, async (trx, current) => {
        await enqueueMail(trx, booked(forCalendar(access, current), user, domain));
        await enqueueMail(trx, observerJoined(forCalendar(access, current), { name: current.host_name, email: current.host_email }, user));
      });
      switch (result) {
        case 'signed-up':
          return { ok: true };
        case 'already':
          return refuse(409, 'sign-up', 'You are already signed up to observe this lesson');
        case 'full':
          return refuse(409, 'sign-up', `This lesson is full: all ${lesson.observer_limit} places to observe it have been taken`);
        case 'closed': {
          const latest = await repo.find(access.group.id, id, user.id);
          return refuse(409, 'sign-up', refusedFor(latest ? lessonState(latest, now) : 'cancelled'));
        }
      }
    },

    /** Gives up the person's place, before the lesson starts. */
    async withdraw(access: Access, user: CurrentUser, id: number): Promise<{ ok: true } | Refusal | undefined> {
      const lesson = await repo.find(access.group.id, id, user.id);
      if (!lesson) return undefined;
      if (access.archived) return refuse(409, 'withdraw', ARCHIVED_MESSAGE);
      if (lessonState(lesson, deps.clock()) !== 'upcoming') return refuse(409, 'withdraw', 'This lesson has started or been cancelled, so its places can no longer change');
      if (!(await repo.withdraw(lesson.id, user.id))) return refuse(409, 'withdraw', 'You are not signed up to observe this lesson');
      return { ok: true };
    },

    /** The host or a lead records the post-lesson discussion, once the lesson has started. */
    async saveNotes(access: Access, user: CurrentUser, id: number, text: string): Promise<{ ok: true } | Refusal | undefined> {
      const lesson = await repo.find(access.group.id, id, user.id);
      if (!lesson) return undefined;
      if (!runsLesson(access, user, lesson)) return refuse(403, 'notes', 'Only the lesson’s host and the Work Group’s leads can record its notes');
      if (access.archived) return refuse(409, 'notes', ARCHIVED_MESSAGE);
      const state = lessonState(lesson, deps.clock());
      if (state === 'cancelled') return refuse(409, 'notes', 'This lesson was cancelled, so it has no post-lesson discussion');
      if (state === 'upcoming') return refuse(409, 'notes', 'The notes can be recorded once the lesson has started');
      const parsed = parseNotes(text);
      if (!parsed.ok) return refuse(400, 'notes', parsed.error);
      await repo.saveNotes(lesson.id, parsed.notes, user.id, deps.clock());
      return { ok: true };
    },

    /**
     * The schools a lesson can be moved to by this person: those they may offer a lesson at,
     * and the lesson's own school (so it stays a choice even if that school has left).
     */
    async schoolsForChange(access: Access, user: CurrentUser, lesson: { school_urn: number; school_name: string }) {
      const schools = await this.hostSchools(access, user);
      return schools.some((s) => s.urn === lesson.school_urn) ? schools : [...schools, { urn: lesson.school_urn, name: lesson.school_name }];
    },

    /**
     * The change form of a lesson, for its host or a lead: its current values, the schools to
     * choose from, and why it can no longer be changed if it can't. Undefined if the group has
     * no such lesson; 'forbidden' for anyone else.
     */
    async changeForm(access: Access, user: CurrentUser, id: number) {
      const found = await this.lesson(access, user, id);
      if (!found) return undefined;
      if (!found.lesson.runs) return 'forbidden' as const;
      return {
        ...found,
        schools: await this.schoolsForChange(access, user, found.lesson),
        values: offerFormValues(found.lesson),
        closed: changeClosed(access, found.lesson, deps.clock()),
      };
    },

    /**
     * The host or a lead changes the lesson before it starts: the offer's checks, and a limit
     * no lower than the places taken. A change of date, time or place is emailed to each
     * observer with the updated .ics (the same UID, a higher SEQUENCE); a change of class or
     * focus only is not.
     */
    async change(access: Access, user: CurrentUser, id: number, raw: Raw): Promise<{ ok: true; told: number } | Refusal | undefined> {
      const lesson = await repo.find(access.group.id, id, user.id);
      if (!lesson) return undefined;
      if (!runsLesson(access, user, lesson)) return refuse(403, 'form', 'Only the lesson’s host and the Work Group’s leads can change it');
      const now = deps.clock();
      const closed = changeClosed(access, lesson, now);
      if (closed) return refuse(409, 'form', closed);
      const schools = await this.schoolsForChange(access, user, lesson);
      const parsed = parseOffer(raw, { now, lastDay: yearEnds(access.group.academic_year), schools, signedUp: lesson.observers_count });
      if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
      const v = parsed.values;
      const before = forCalendar(access, lesson);
      const schoolName = schools.find((s) => s.urn === v.schoolUrn)?.name ?? lesson.school_name;
      const changes = changesFor(before, { ...before, schoolName, startsAt: v.startsAt, endsAt: v.endsAt, arrival: v.arrival });
      let told = 0;
      const result = await repo.change(
        lesson.id,
        { ...v, newCopy: changes.length > 0 },
        { userId: user.id, now, expected: { sequence: lesson.calendar_sequence, changedAt: lesson.changed_at } },
        async (trx, after, observers) => {
          // A lead changing someone else's lesson tells its host, whatever changed.
          if (after.offered_by !== user.id) await enqueueMail(trx, changedByLead(forCalendar(access, after), { name: after.host_name, email: after.host_email }, user, changes));
          if (!changes.length) return;
          for (const observer of observers) await enqueueMail(trx, changed(forCalendar(access, after), observer, changes, domain));
          told = observers.length;
        },
      );
      switch (result.result) {
        case 'changed':
          return { ok: true, told };
        case 'over-limit':
          return refuse(409, 'observer_limit', signedUpMessage(result.signedUp));
        case 'stale':
          return refuse(409, 'form', 'Someone else changed this lesson at the same moment, so your changes have not been saved. Check the lesson, then save again');
        case 'closed': {
          const latest = await repo.find(access.group.id, id, user.id);
          return refuse(409, 'form', (latest && changeClosed(access, latest, now)) || 'This lesson has been cancelled, so it can no longer be changed');
        }
      }
    },

    /** The host or a lead cancels the lesson before it starts; its observers are emailed. */
    async cancel(access: Access, user: CurrentUser, id: number, reasonText: string): Promise<{ ok: true; told: number } | Refusal | undefined> {
      const lesson = await repo.find(access.group.id, id, user.id);
      if (!lesson) return undefined;
      if (!runsLesson(access, user, lesson)) return refuse(403, 'reason', 'Only the lesson’s host and the Work Group’s leads can cancel it');
      if (access.archived) return refuse(409, 'reason', ARCHIVED_MESSAGE);
      const state = lessonState(lesson, deps.clock());
      if (state === 'cancelled') return refuse(409, 'reason', 'This lesson has already been cancelled');
      if (state !== 'upcoming') return refuse(409, 'reason', 'This lesson has already started, so it can no longer be cancelled');
      const reason = parseReason(reasonText);
      if (!reason.ok) return refuse(400, 'reason', reason.error);
      let told = 0;
      const done = await repo.cancel(lesson.id, { userId: user.id, reason: reason.reason, now: deps.clock() }, async (trx, observers, sequence) => {
        const copy = { ...forCalendar(access, lesson), sequence };
        for (const observer of observers) await enqueueMail(trx, cancelled(copy, observer, reason.reason, domain));
        told = observers.length;
      });
      if (!done) return refuse(409, 'reason', 'This lesson has already been cancelled');
      return { ok: true, told };
    },

    /**
     * For the person's home page: lessons not yet over that they will observe or are hosting,
     * soonest first, in groups they still belong to.
     */
    async bookedBy(user: CurrentUser): Promise<{ groupCode: string; groupTitle: string; school: string; startsAt: Date; focus: string; href: string }[]> {
      const rows = await repo.bookedBy(user.id, deps.clock());
      const allowed = new Map<number, boolean>();
      for (const row of rows) {
        if (allowed.has(row.work_group_id)) continue;
        const group = { id: row.work_group_id, code: row.code, title: row.title, hub_id: row.hub_id, hub_name: row.hub_name, academic_year: row.academic_year };
        allowed.set(row.work_group_id, Boolean(await deps.membership.accessTo(user, group)));
      }
      return rows
        .filter((row) => allowed.get(row.work_group_id))
        .map((row) => ({
          groupCode: row.code,
          groupTitle: row.title,
          school: row.school_name,
          startsAt: row.starts_at,
          focus: focusText(row),
          href: `/work-groups/${row.code}/observations/${row.id}`,
        }));
    },
  };
}

export type ObservationService = ReturnType<typeof createObservationService>;
