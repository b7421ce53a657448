// Registration's rules: who may register (the group's eligibility rules), how a place is taken
// (atomically, or a place on the waiting list), and how it is held, confirmed by the
// headteacher, or released and offered to the next school. Each change and its emails are
// one transaction: the emails are queued jobs, so they go only if the change is kept.
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApprovalCheck, Database } from '../../core/schema.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import { type Assessment, evaluateParticipants, evaluateSchool, type ParticipantFacts, questionsFor, type SchoolFacts } from '../eligibility/index.ts';
import type { createEligibilityService, Names, Rule } from '../eligibility/index.ts';
import { newToken, TOKEN_PATTERN, tokenHash } from '../../platform/lib/tokens.ts';
import { writeAudit } from '../../core/audit/repository.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { buildCalendar } from '../calendars/index.ts';
import type { CalendarRepository } from '../calendars/index.ts';
import { londonIsoDate } from '../../platform/lib/london-time.ts';
import { registrationWindowOpen } from '../../core/work-groups/domain.ts';
import { approvalCheck, foldEmail, REFERENCE_PATTERN } from './domain.ts';
import { headteacherConflict } from './validation.ts';
import * as emails from './emails.ts';
import type { NewParticipant, RegistrationRepository, RegistrationWriter } from './repository.ts';
import { HOLDING, LIVE } from '../../core/membership/registration-status.ts';

export type Outbox = {
  /** Queues an email in the caller's transaction. */
  mail(db: Kysely<Database>, message: Message): Promise<void>;
  /** Queues the check that releases a held place when the headteacher has not answered in time. */
  expireHoldAt(db: Kysely<Database>, registrationId: number, runAt: Date): Promise<void>;
};

/** A group the school is registered for as well, because this group's project requires its project (linked projects). */
export type Partner = { id: number; code: string; title: string; ncpCode: string; projectTitle: string };

/** What linked projects mean for a school registering: the groups it joins too, and any refusal. */
export type Linked = { partners: Partner[]; refusals: string[]; notes: string[] };

export type SubmitResult =
  | {
      kind: 'registered';
      reference: string;
      status: 'pending_consent' | 'waitlisted';
      position?: number;
      holdExpiresAt?: Date;
      warnings: string[];
      linked: { reference: string; code: string; title: string }[];
    }
  | { kind: 'closed' }
  | { kind: 'unknown-school' }
  | { kind: 'already'; reference: string }
  | { kind: 'refused'; reasons: string[] }
  /** The headteacher's address is a participant's (after folding case and +tags): the message, for the field. */
  | { kind: 'headteacher-is-participant'; message: string }
  | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Who sends a registration: a visitor through the pages (their address), or an API token's owner.
 * Each may make MAX_REGISTRATIONS_PER_HOUR an hour (per address; per token and per person), except
 * hub staff through the API for their own hub's groups, who can change its places anyway.
 */
export type Submitter =
  | { address: string }
  | { apiUser: { id: number; name: string; email: string }; tokenKey: string; unlimited?: boolean };

/** Who on the hub's staff did it, and why (kept in the audit log). */
export type StaffAction = { actorUserId: number; reason: string };

export type RegistrationGroup = NonNullable<Awaited<ReturnType<RegistrationRepository['group']>>>;

export type Answers = {
  urn?: number;
  participants?: NewParticipant[];
  coreMathsYear?: number | null;
  declarations?: string[];
  headteacher?: { name: string; email: string };
  /** Who is registering the school (asked on the pages; the token's owner through the API). */
  registrant?: { name: string; email: string };
};

const NON_SPECIALIST =
  'Each participant is a non-specialist teacher of maths: a teacher currently teaching some mathematics who has not undertaken initial teacher training (ITT) in mathematics.';

/** A hub's override turns refusals into warnings that say the hub agreed, and why. */
export function waived(assessment: Assessment, override: { reason: string } | undefined): Assessment {
  if (!override || !assessment.refusals.length) return assessment;
  return {
    ...assessment,
    refusals: [],
    warnings: [...assessment.warnings, ...assessment.refusals.map((r) => `${r} The Maths Hub has agreed that your school can take part: ${override.reason}`)],
  };
}

/** An unguessable token for a link, and the hash the database keeps. */
function newLinkToken(): { token: string; hash: string } {
  const token = newToken();
  return { token, hash: tokenHash(token) };
}

/** HW-7K3P-9QXM: no 0/O or 1/I to misread on the phone. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newReference(): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `HW-${part()}-${part()}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/**
 * Registrations one address (the pages), one API token or one person may make in an hour: a
 * school registers once or twice, not fifty times, and places are scarce.
 */
export const MAX_REGISTRATIONS_PER_HOUR = 10;

/** The keys a submitter's registrations are counted under (none for hub staff through the API). */
function limitKeys(from: Submitter): string[] {
  if ('address' in from) return [`address:${from.address}`];
  return from.unlimited ? [] : [`token:${from.tokenKey}`, `user:${from.apiUser.id}`];
}

export type ConsentView =
  | { state: 'unknown' }
  | { state: 'decided'; details: Details }
  | { state: 'expired'; details: Details }
  /** Approved from an address the school is not known by: held until hub staff check it. */
  | { state: 'checking'; details: Details }
  | { state: 'open'; details: Details };

type Details = NonNullable<Awaited<ReturnType<RegistrationRepository['details']>>>;

export function createRegistrationService(deps: {
  repository: RegistrationRepository;
  eligibility: Pick<ReturnType<typeof createEligibilityService>, 'rulesFor'>;
  outbox: Outbox;
  calendars: Pick<CalendarRepository, 'forParticipants'>;
  baseUrl: string;
  clock: () => Date;
}) {
  const repo = deps.repository;

  function mailContext(d: Details): emails.MailContext {
    return {
      reference: d.reference,
      groupTitle: d.title,
      groupUrl: `${deps.baseUrl}/work-groups/${d.code}`,
      hubName: d.hub_name,
      enquiriesEmail: d.enquiries_email,
      schoolName: d.school_name,
      participants: d.participants.map((p) => ({ name: p.name, email: p.email })),
      headteacherName: d.headteacher_name,
      headteacherEmail: d.headteacher_email,
      linked: d.linked.map((l) => ({ title: l.title, reference: l.reference })),
      registeredBy: d.registered_by_name && d.registered_by_email ? { name: d.registered_by_name, email: d.registered_by_email } : null,
    };
  }

  async function sendAll(w: RegistrationWriter, messages: Message[]) {
    for (const message of messages) await deps.outbox.mail(w.trx, message);
  }

  /**
   * A place is held (the registration is pending_consent with this consent token and end):
   * asks the headteacher, tells the participants, and queues the hold's end.
   */
  async function announceHold(w: RegistrationWriter, d: Details, consentToken: string, until: Date, told: Message[]): Promise<void> {
    await deps.outbox.mail(w.trx, emails.consentRequested(mailContext(d), `${deps.baseUrl}/consent/${consentToken}`, until));
    await sendAll(w, told);
    await deps.outbox.expireHoldAt(w.trx, d.id, until);
  }

  const holdEnd = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

  /**
   * Takes a place on each group, or on none: linked registrations hold places together. Groups
   * are taken in id order, so that two such transactions queue rather than wait for each other.
   */
  async function takePlaces(w: RegistrationWriter, workGroupIds: number[]): Promise<boolean> {
    const taken: number[] = [];
    for (const id of [...workGroupIds].sort((a, b) => a - b)) {
      if (!(await w.takePlace(id))) {
        for (const t of taken) await w.releasePlace(t);
        return false;
      }
      taken.push(id);
    }
    return true;
  }

  /**
   * A place has come free on the group: offer it to the first school waiting. A school waiting
   * with a linked registration needs a place on the other group too; if that group is full, the
   * next school is offered the place instead (the linked school keeps its position).
   */
  async function offerNext(w: RegistrationWriter, workGroupId: number, now: Date): Promise<void> {
    const candidates = await w.waiting(workGroupId, 20);
    if (!candidates.length || !(await w.takePlace(workGroupId))) return;
    for (const candidate of candidates) {
      const bundle = await w.lockBundle(candidate.id);
      if (bundle.some((m) => m.status !== 'waitlisted')) continue;
      if (!(await takePlaces(w, bundle.filter((m) => m.work_group_id !== workGroupId).map((m) => m.work_group_id)))) continue;
      const lead = await detailsIn(w, bundle[0]!.id);
      const consent = newLinkToken();
      const until = holdEnd(now, lead.consent_hold_days);
      for (const m of bundle) {
        await w.move(m.id, ['waitlisted'], 'pending_consent', now, { consentTokenHash: m.id === lead.id ? consent.hash : null, holdExpiresAt: until, offeredAt: now });
      }
      await announceHold(w, lead, consent.token, until, emails.offered(mailContext(lead), until));
      return;
    }
    await w.releasePlace(workGroupId);
  }

  /**
   * Ends a registration and those made with it (declined, expired, withdrawn, cancelled), frees
   * their places and offers them on. False if none was live.
   */
  async function release(w: RegistrationWriter, id: number, to: 'declined' | 'expired' | 'withdrawn' | 'cancelled', now: Date): Promise<boolean> {
    const bundle = await w.lockBundle(id);
    const freed: number[] = [];
    for (const m of bundle) {
      // The consent link is kept, so that using it again says what was decided.
      if (!(await w.move(m.id, LIVE, to, now, to === 'declined' ? { consentDecidedAt: now } : {}))) continue;
      if (HOLDING.includes(m.status)) {
        await w.releasePlace(m.work_group_id);
        freed.push(m.work_group_id);
      }
    }
    for (const workGroupId of freed) await offerNext(w, workGroupId, now);
    return bundle.some((m) => LIVE.includes(m.status));
  }

  /** The headteacher (or hub staff) approved: every place held with this registration is confirmed. */
  async function confirmBundle(w: RegistrationWriter, id: number, now: Date, approval?: { at: Date; check: ApprovalCheck }): Promise<Details | undefined> {
    const bundle = await w.lockBundle(id);
    if (bundle[0]?.status !== 'pending_consent') return undefined;
    for (const m of bundle) {
      if (!(await w.move(m.id, ['pending_consent'], 'confirmed', now, { consentDecidedAt: now, holdExpiresAt: null, approval }))) continue;
      await announceConfirmed(w, await detailsIn(w, m.id));
    }
    return detailsIn(w, bundle[0].id);
  }

  /**
   * What linked projects mean for this school and group: for each project the group's project
   * requires, either the school is already registered for one of its groups, or it joins the
   * first open one in the same hub with this registration, or (none open) it cannot register.
   * The linked group's school rules apply too.
   */
  async function linkedFor(group: RegistrationGroup, urn: number, facts: SchoolFacts): Promise<Linked> {
    const linked: Linked = { partners: [], refusals: [], notes: [] };
    const required = await repo.requiredProjects(group.project_id, group.hub_id);
    const today = londonIsoDate(deps.clock());
    for (const project of required) {
      const live = await repo.liveInProject(project.id, urn);
      if (live) {
        linked.notes.push(`Your school is already registered for ${live.title} (${project.ncp_code}), which schools in this group must also join.`);
        continue;
      }
      const open = project.groups.find((g) =>
        registrationWindowOpen({ publication: g.publication, registrationOpensOn: g.registration_opens_on, registrationClosesOn: g.registration_closes_on }, today),
      );
      if (!open) {
        linked.refusals.push(
          `Schools in this group must also join ${project.title} (${project.ncp_code}), and no group of it is open for registration${group.hub_name ? ` in ${group.hub_name}` : ''} at the moment.`,
        );
        continue;
      }
      const { rules, names } = await deps.eligibility.rulesFor(open.id);
      for (const refusal of evaluateSchool(rules, facts, group.academic_year, names).refusals) linked.refusals.push(`${open.title}: ${refusal}`);
      linked.partners.push({ id: open.id, code: open.code, title: open.title, ncpCode: project.ncp_code, projectTitle: project.title });
    }
    return linked;
  }

  return {
    group: (code: string) => repo.group(code),
    /** Whether the group takes registrations today (full or not: a school may join the waiting list). */
    isOpen(group: RegistrationGroup): boolean {
      return registrationWindowOpen(
        { publication: group.publication, registrationOpensOn: group.registration_opens_on, registrationClosesOn: group.registration_closes_on },
        londonIsoDate(deps.clock()),
      );
    },
    findSchools: (query: string) => repo.findSchools(query, 20),
    school: (urn: number) => repo.school(urn),
    rulesFor: (group: RegistrationGroup) => deps.eligibility.rulesFor(group.id),

    /**
     * Whether the school may register, and why (school rules only). Where the hub has let the
     * school register despite a requirement, its refusals become warnings that say so.
     */
    async assessSchool(
      group: RegistrationGroup,
      urn: number,
    ): Promise<{ assessment: Assessment; existing?: { reference: string }; override?: { reason: string }; linked: Linked } | undefined> {
      return assessSchoolBy(await deps.eligibility.rulesFor(group.id), group, urn);
    },

    /** Hub staff let a school register although a requirement refuses it (recorded, with the reason). */
    async allow(group: { id: number; code: string; hub_id: number | null }, urn: number, staff: StaffAction): Promise<boolean> {
      const school = await repo.school(urn);
      if (!school) return false;
      await repo.inTransaction(async (w) => {
        await w.saveOverride(group.id, urn, staff.reason, staff.actorUserId);
        await writeAudit(w.trx, {
          actorUserId: staff.actorUserId,
          action: 'eligibility.overridden',
          subjectType: 'work_group',
          subjectId: group.code,
          hubId: group.hub_id,
          changes: { school: `${school.name} (URN ${urn})`, reason: staff.reason },
        });
      });
      return true;
    },

    questionsFor: (rules: Rule[]) => questionsFor(rules),

    /** The named teachers against the group's rules (waived where the hub has let the school register). */
    async assessParticipants(group: RegistrationGroup, urn: number, rules: Rule[], participants: ParticipantFacts[], coreMathsYear: number | null): Promise<Assessment> {
      return waived(evaluateParticipants(rules, participants, coreMathsYear), await repo.override(group.id, urn));
    },

    /** What the school declares, in the group's own terms. */
    declarationsFor(group: RegistrationGroup, rules: Rule[]): string[] {
      const days = Number(group.commitment_days);
      return [
        `Our participants and our school commit to the equivalent of ${days} ${days === 1 ? 'day' : 'days'} of workshops, plus school-based tasks and the group’s online community, across the academic year.`,
        'Our school can commit to the full academic year’s programme.',
        ...(rules.some((r) => r.rule_type === 'non_specialist') ? [NON_SPECIALIST] : []),
        'Our headteacher knows about this registration, and will be asked to release the named teachers for every workshop.',
      ];
    },

    draft: (tokenHash: string, group: RegistrationGroup) => repo.draft(tokenHash, group.id, deps.clock()),
    saveDraft: (tokenHash: string, group: RegistrationGroup, answers: Answers) =>
      repo.saveDraft(tokenHash, group.id, answers, new Date(deps.clock().getTime() + DAY_MS)),
    /** Deletes drafts past their 24 hours (run with the periodic notices job). */
    purgeExpiredDrafts: async () => {
      // The limit's records too: they hold addresses, and count only for an hour.
      await repo.deleteSubmissionsBefore(new Date(deps.clock().getTime() - HOUR_MS));
      return repo.deleteExpiredDrafts(deps.clock());
    },

    /**
     * Registers the school: a place held for the headteacher's approval if one is left,
     * otherwise a place on the waiting list. The caller has checked the answers and rules.
     */
    async register(
      group: RegistrationGroup,
      answers: Omit<Required<Answers>, 'registrant'> & { warnings: string[]; registrant?: Answers['registrant'] },
      from: Submitter | null = null,
      partners: Partner[] = [],
    ): Promise<
      | { ok: true; reference: string; status: 'pending_consent' | 'waitlisted'; holdExpiresAt?: Date; position?: number; linked: { reference: string; code: string; title: string }[] }
      | { ok: false; existing: string }
      | { ok: false; retryAfterSeconds: number }
    > {
      const now = deps.clock();
      const reference = newReference();
      const manage = newLinkToken();
      const manageLink = `${deps.baseUrl}/registrations/${manage.token}`;
      const consent = newLinkToken();
      const until = holdEnd(now, group.consent_hold_days);
      const linked = partners.map((p) => ({ reference: newReference(), code: p.code, title: p.title, workGroupId: p.id }));
      const keys = from ? limitKeys(from) : [];
      const submittedFrom = from && 'address' in from ? from.address : null;
      const registeredBy = from && 'apiUser' in from ? { name: from.apiUser.name, email: from.apiUser.email, userId: from.apiUser.id } : (answers.registrant ?? null);
      try {
        type Outcome = { status: 'pending_consent'; holdExpiresAt: Date } | { status: 'waitlisted'; position: number } | { status: 'throttled'; retryAfterSeconds: number };
        const result = await repo.inTransaction(async (w): Promise<Outcome> => {
          // Counted and recorded under a lock per key: parallel requests cannot pass the limit together.
          const freesAt = keys.length ? await w.limitReached(keys, new Date(now.getTime() - HOUR_MS), MAX_REGISTRATIONS_PER_HOUR) : undefined;
          if (freesAt) return { status: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil((freesAt.getTime() + HOUR_MS - now.getTime()) / 1000)) };
          // Both or neither: a place on every group, or the waiting list of every group.
          const placed = partners.length ? await takePlaces(w, [group.id, ...partners.map((p) => p.id)]) : await w.takePlace(group.id);
          // Full: join the waiting list(s) one school at a time, so the position counted below is the school's own.
          if (!placed) await w.lockGroups([group.id, ...partners.map((p) => p.id)]);
          const status = placed ? 'pending_consent' : 'waitlisted';
          const registration = {
            reference,
            workGroupId: group.id,
            urn: answers.urn,
            headteacherName: answers.headteacher.name,
            headteacherEmail: answers.headteacher.email,
            declarations: answers.declarations,
            coreMathsYear: answers.coreMathsYear,
            warnings: answers.warnings,
            participants: answers.participants,
            consentTokenHash: consent.hash,
            manageTokenHash: manage.hash,
            submittedFrom,
            registeredBy,
            now,
          };
          const id = await w.insert(registration, status, placed ? until : null);
          await w.recordSubmission(keys, id, now);
          for (const l of linked) {
            // Reached through the first registration's links; its own school link is never sent.
            await w.insert({ ...registration, reference: l.reference, workGroupId: l.workGroupId, manageTokenHash: newLinkToken().hash, leadRegistrationId: id }, status, placed ? until : null);
          }
          const d = await detailsIn(w, id);
          // Who registered the school, for the hub's questions (the API token's owner is the actor).
          await writeAudit(w.trx, {
            actorUserId: registeredBy && 'userId' in registeredBy ? (registeredBy.userId ?? null) : null,
            action: 'registration.registered',
            subjectType: 'registration',
            subjectId: reference,
            hubId: group.hub_id,
            changes: { school: `${d.school_name} (URN ${d.urn})`, workGroup: group.code, status, registeredBy: registeredBy ? `${registeredBy.name}, ${registeredBy.email}` : null, headteacher: `${d.headteacher_name}, ${d.headteacher_email}` },
          });
          if (placed) {
            await announceHold(w, d, consent.token, until, emails.registrationReceived(mailContext(d), until, manageLink));
            return { status: 'pending_consent', holdExpiresAt: until };
          }
          const position = await positionIn(w, id);
          await sendAll(w, emails.waitlisted(mailContext(d), position, manageLink));
          return { status: 'waitlisted', position };
        });
        if (result.status === 'throttled') return { ok: false, retryAfterSeconds: result.retryAfterSeconds };
        return { ok: true, reference, ...result, linked: linked.map(({ reference, code, title }) => ({ reference, code, title })) };
      } catch (error) {
        // The unique index on live registrations: the school registered meanwhile (here, or on a linked group).
        if ((error as { code?: string }).code === '23505') {
          for (const workGroupId of [group.id, ...partners.map((p) => p.id)]) {
            const existing = await repo.liveRegistration(workGroupId, answers.urn);
            if (existing) return { ok: false, existing: existing.reference };
          }
        }
        throw error;
      }
    },

    /**
     * Registers with every check made here, for the check page and the API alike: the group
     * still takes registrations, the school exists and meets the rules, the teachers meet
     * theirs. Recommendations not met are kept with the registration as warnings.
     */
    async submit(group: RegistrationGroup, open: boolean, answers: Answers & Omit<Required<Answers>, 'registrant'>, from: Submitter): Promise<SubmitResult> {
      if (!open) return { kind: 'closed' };
      // A participant cannot approve their own release (checked again: the answers may have changed since).
      const conflict = headteacherConflict(answers.headteacher.email, answers.participants);
      if (conflict) return { kind: 'headteacher-is-participant', message: conflict };
      const rules = await deps.eligibility.rulesFor(group.id);
      const school = await assessSchoolBy(rules, group, answers.urn);
      if (!school) return { kind: 'unknown-school' };
      if (school.existing) return { kind: 'already', reference: school.existing.reference };
      const teachers = waived(evaluateParticipants(rules.rules, answers.participants, answers.coreMathsYear), school.override);
      const refusals = [...school.assessment.refusals, ...teachers.refusals];
      if (refusals.length) return { kind: 'refused', reasons: refusals };
      const warnings = [...school.assessment.warnings, ...teachers.warnings];
      // Places are scarce: one address, token or person cannot hold them all (the limit is checked with the registration).
      const result = await this.register(group, { ...answers, warnings }, from, school.linked.partners);
      if (!result.ok) return 'retryAfterSeconds' in result ? { kind: 'throttled', retryAfterSeconds: result.retryAfterSeconds } : { kind: 'already', reference: result.existing };
      return {
        kind: 'registered',
        reference: result.reference,
        status: result.status,
        position: result.position,
        holdExpiresAt: result.holdExpiresAt,
        warnings,
        linked: result.linked,
      };
    },

    /** What the headteacher's link shows. */
    async consent(token: string): Promise<ConsentView> {
      if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
      const id = await repo.idByConsentToken(tokenHash(token));
      if (!id) return { state: 'unknown' };
      const details = await repo.details(id);
      return details ? viewOf(details) : { state: 'unknown' };
    },

    /** How the headteacher's approval from this address would be checked, for this school (see domain.ts approvalCheck). */
    async approvalCheckFor(urn: number, email: string): Promise<'website' | 'known_address' | 'account' | 'unverified'> {
      return approvalCheck(email, await repo.knownBy(urn));
    },

    /**
     * The headteacher approves or declines. An approval from an address the school is known by
     * confirms the place; from any other, the place stays held, "Headteacher not verified", until
     * hub staff confirm or refuse it (the hub is emailed). Declining releases it and offers it on.
     */
    async decide(token: string, approve: boolean): Promise<ConsentView> {
      const view = await this.consent(token);
      if (view.state !== 'open') return view;
      const d = view.details;
      const check = approve ? await this.approvalCheckFor(d.urn, d.headteacher_email) : undefined;
      return answer(d, approve, { name: d.headteacher_name, email: d.headteacher_email, userId: null }, check);
    },

    /**
     * What a signed-in headteacher sees of a registration of their school (by reference), or
     * undefined when it is not one of theirs.
     */
    async consentAs(reference: string, user: CurrentUser): Promise<ConsentView | undefined> {
      const details = await this.byReference(reference);
      if (!details || !headteacherOf(user, details.urn)) return undefined;
      return viewOf(details);
    },

    /** A signed-in headteacher of the school answers from their home page: their account is the school's, so an approval counts at once. */
    async decideAs(reference: string, user: CurrentUser, approve: boolean): Promise<ConsentView | undefined> {
      const view = await this.consentAs(reference, user);
      if (view?.state !== 'open') return view;
      return answer(view.details, approve, { name: user.name, email: user.email, userId: user.id }, approve ? 'account' : undefined);
    },

    /** The live registrations of the schools a person is headteacher of, in groups whose year has not ended, with their waiting-list positions. */
    async ofHeadteacher(user: CurrentUser) {
      const urns = user.roles.filter((r) => r.role === 'headteacher' && r.schoolUrn !== null).map((r) => r.schoolUrn!);
      if (!urns.length) return [];
      const today = londonIsoDate(deps.clock());
      return (await repo.liveOfSchools(urns)).filter((r) => `${Number(r.academic_year.slice(0, 4)) + 1}-08-31` >= today);
    },

    /**
     * Releases a hold whose time is up (run by the job queue at the hold's end; safe to run early,
     * late or twice). The service's clock decides: the queue runs by the database's, and where
     * this process's clock is behind it the job comes early, so it is queued again for the time
     * still to run, counted from the database's clock. An approval awaiting the hub's check is
     * never released for want of an answer.
     */
    async expireHold(registrationId: number): Promise<boolean> {
      const now = deps.clock();
      return repo.inTransaction(async (w) => {
        const locked = (await w.lockBundle(registrationId))[0];
        if (locked?.id !== registrationId || locked.status !== 'pending_consent' || !locked.hold_expires_at || locked.approved_at) return false;
        if (locked.hold_expires_at > now) {
          const remaining = locked.hold_expires_at.getTime() - now.getTime();
          await deps.outbox.expireHoldAt(w.trx, registrationId, new Date((await w.databaseNow()).getTime() + remaining));
          return false;
        }
        const d = await detailsIn(w, registrationId);
        if (!(await release(w, registrationId, 'expired', now))) return false;
        await sendAll(w, emails.expired(mailContext(d)));
        return true;
      });
    },

    /**
     * The periodic sweep (job release_overdue_holds): releases every hold past its time that its
     * job missed, and offers each place on. Returns how many it released.
     */
    async releaseOverdueHolds(): Promise<number> {
      let released = 0;
      for (const id of await repo.overdueHolds(deps.clock(), 200)) if (await this.expireHold(id)) released++;
      return released;
    },

    /**
     * A school withdraws (from its own link), or hub staff cancel (recorded in the audit log):
     * the place, or the place on the waiting list, goes, and a freed place is offered on.
     */
    async end(id: number, as: 'withdrawn' | 'cancelled', staff?: StaffAction): Promise<boolean> {
      const now = deps.clock();
      return repo.inTransaction(async (w) => {
        const d = await w.details(id);
        if (!d || !(await release(w, id, as, now))) return false;
        await sendAll(w, emails.ended(mailContext(d), as, staff?.reason));
        if (staff) await audit(w, staff, d, 'registration.cancelled', { from: d.status, to: as });
        return true;
      });
    },

    /**
     * Hub staff confirm a held place themselves, recorded in the audit log: the headteacher agreed
     * by other means, or approved from an address the school is not known by and the hub checked it
     * (then `remember` records the address for the school, so its next approval counts at once).
     */
    async confirmByStaff(id: number, staff: StaffAction, options: { remember?: boolean } = {}): Promise<boolean> {
      const now = deps.clock();
      return repo.inTransaction(async (w) => {
        const d = await detailsIn(w, id);
        const checked = Boolean(d.approved_at);
        if (d.status !== 'pending_consent' || !(await confirmBundle(w, id, now, checked ? { at: d.approved_at!, check: 'hub_confirmed' } : undefined))) return false;
        const remembered = checked && options.remember ? foldEmail(d.headteacher_email) : null;
        if (remembered) await w.recordKnownAddress(d.urn, remembered, staff.actorUserId);
        await audit(w, staff, d, 'registration.confirmed', {
          from: 'pending_consent',
          to: 'confirmed',
          ...(checked ? { approvedBy: `${d.headteacher_name}, ${d.headteacher_email}`, headteacherChecked: 'by the hub' } : {}),
          ...(remembered ? { addressRecorded: remembered } : {}),
        });
        return true;
      });
    },

    /**
     * Hub staff refuse an approval from an address the school is not known by (it is not the
     * headteacher's): the registration is cancelled with the reason, and its place offered on.
     */
    async refuseApproval(id: number, staff: StaffAction): Promise<boolean> {
      const now = deps.clock();
      return repo.inTransaction(async (w) => {
        const d = await w.details(id);
        if (d?.status !== 'pending_consent' || !d.approved_at || !(await release(w, id, 'cancelled', now))) return false;
        await sendAll(w, emails.ended(mailContext(d), 'cancelled', staff.reason));
        await audit(w, staff, d, 'registration.approval_refused', { from: 'pending_consent', to: 'cancelled', approvedBy: `${d.headteacher_name}, ${d.headteacher_email}` });
        return true;
      });
    },

    /** Where hub staff may move a registration of this group: its project's other groups in the hub, with their free places. */
    async moveTargets(workGroupId: number) {
      return (await repo.moveTargets(workGroupId)).map((t) => ({ ...t, free: Math.max(0, t.places_total - t.places_taken) }));
    },

    /**
     * Hub staff move a registration to another group of its project (recorded in the audit log).
     * A held or confirmed place needs a free place on the new group and keeps its status; the
     * place it leaves is offered to the first school waiting. A school on the waiting list is
     * offered a free place on the new group (its headteacher is asked), or joins the end of the
     * new group's waiting list; a linked registration waits with its partner instead.
     */
    async moveTo(id: number, target: { id: number; code: string }, staff: StaffAction): Promise<'moved' | 'ended' | 'full' | 'already'> {
      const now = deps.clock();
      try {
        return await repo.inTransaction(async (w) => {
          const bundle = await w.lockBundle(id);
          const d = await detailsIn(w, id);
          if (!LIVE.includes(d.status)) return 'ended';
          let offered: { token: string; until: Date } | undefined;
          if (HOLDING.includes(d.status)) {
            if (!(await w.takePlace(target.id))) return 'full';
            await w.changeGroup(id, target.id, now, null);
            await w.releasePlace(d.work_group_id);
            await offerNext(w, d.work_group_id, now);
          } else if (bundle.length === 1 && (await w.takePlace(target.id))) {
            await w.changeGroup(id, target.id, now, null);
            const consent = newLinkToken();
            offered = { token: consent.token, until: holdEnd(now, (await detailsIn(w, id)).consent_hold_days) };
            await w.move(id, ['waitlisted'], 'pending_consent', now, { consentTokenHash: consent.hash, holdExpiresAt: offered.until, offeredAt: now });
          } else {
            await w.lockGroups([target.id]);
            await w.changeGroup(id, target.id, now, now);
          }
          const after = await detailsIn(w, id);
          const context = mailContext(after);
          if (offered) {
            await announceHold(w, after, offered.token, offered.until, emails.moved(context, d.title, 'pending_consent', { headteacher: false, reason: staff.reason }));
          } else {
            const ics =
              after.status === 'confirmed'
                ? buildCalendar(after.title, await deps.calendars.forParticipants(target.id), { baseUrl: deps.baseUrl, domain: new URL(deps.baseUrl).hostname })
                : undefined;
            await sendAll(w, emails.moved(context, d.title, after.status as 'pending_consent' | 'confirmed' | 'waitlisted', { headteacher: true, reason: staff.reason, ics, holdExpiresAt: after.hold_expires_at }));
          }
          await audit(w, staff, d, 'registration.moved', { from: d.code, to: target.code, status: after.status });
          return 'moved';
        });
      } catch (error) {
        // The unique index on live registrations: the school is already registered for the new group.
        if ((error as { code?: string }).code === '23505') return 'already';
        throw error;
      }
    },

    /** The registration a school's own link shows, or undefined. */
    async byManageToken(token: string) {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const id = await repo.idByManageToken(tokenHash(token));
      return id ? repo.details(id) : undefined;
    },

    details: (id: number) => repo.details(id),
    /** A registration by its reference, or undefined (a malformed reference included). */
    async byReference(reference: string) {
      const id = REFERENCE_PATTERN.test(reference) ? await repo.idByReference(reference) : undefined;
      return id ? repo.details(id) : undefined;
    },
    idByReference: (reference: string) => repo.idByReference(reference),
    waitingPosition: (id: number) => repo.waitingPosition(id),
    ofGroup: (workGroupId: number) => repo.ofGroup(workGroupId),
  };

  /**
   * The headteacher's answer: an approval whose check passed confirms every place held with the
   * registration; one from an address the school is not known by keeps them held until hub staff
   * check it (the hub is emailed); declining releases them and offers them on.
   */
  async function answer(d: Details, approve: boolean, by: { name: string; email: string; userId: number | null }, check: ApprovalCheck | undefined): Promise<ConsentView> {
    const now = deps.clock();
    await repo.inTransaction(async (w) => {
      const bundle = await w.lockBundle(d.id);
      if (bundle[0]?.status !== 'pending_consent' || bundle[0].approved_at) return;
      if (approve && check) {
        await writeAudit(w.trx, {
          actorUserId: by.userId,
          action: 'registration.approved',
          subjectType: 'registration',
          subjectId: d.reference,
          hubId: d.hub_id,
          changes: { approvedBy: `${by.name}, ${by.email}`, check, registeredBy: d.registered_by_name ? `${d.registered_by_name}, ${d.registered_by_email}` : null },
        });
        if (check !== 'unverified') {
          await confirmBundle(w, d.id, now, { at: now, check });
          return;
        }
        await w.markApproved(bundle.map((m) => m.id), now);
        if (d.enquiries_email) {
          await deps.outbox.mail(w.trx, emails.approvalToCheck(mailContext(d), d.enquiries_email, `${deps.baseUrl}/admin/work-groups/${d.code}/registrations/${d.reference}`));
        }
      } else if (!approve && (await release(w, d.id, 'declined', now))) {
        await sendAll(w, emails.declined(mailContext(d)));
      }
    });
    const after = await repo.details(d.id);
    return after ? viewOf(after) : { state: 'unknown' };
  }

  /** What the headteacher's link finds, for a registration as it stands. */
  function viewOf(details: Details): ConsentView {
    if (details.status !== 'pending_consent') return { state: 'decided', details };
    if (details.approved_at) return { state: 'checking', details };
    if (details.hold_expires_at && details.hold_expires_at <= deps.clock()) return { state: 'expired', details };
    return { state: 'open', details };
  }

  // Reads inside the transaction see its own writes.
  async function detailsIn(w: RegistrationWriter, id: number): Promise<Details> {
    const d = await w.details(id);
    if (!d) throw new Error(`registration ${id} not found`);
    return d;
  }
  /** The school's verdicts on the group's school rules (read by the caller), with any override and live registration. */
  async function assessSchoolBy({ rules, names }: { rules: Rule[]; names: Names }, group: RegistrationGroup, urn: number) {
    const facts = await repo.schoolFacts(urn);
    if (!facts) return undefined;
    const [existing, override, linked] = await Promise.all([repo.liveRegistration(group.id, urn), repo.override(group.id, urn), linkedFor(group, urn, facts)]);
    const own = evaluateSchool(rules, facts, group.academic_year, names);
    const assessment = waived({ ...own, refusals: [...own.refusals, ...linked.refusals] }, override);
    // Let in by the hub without a linked group open: the school registers for this group alone.
    return { assessment, existing: existing && { reference: existing.reference }, override, linked };
  }

  /** Each participant's "place confirmed" email: the workshops as .ics, and their own calendar feed. */
  async function announceConfirmed(w: RegistrationWriter, d: Details) {
    const sessions = await deps.calendars.forParticipants(d.work_group_id);
    const ics = buildCalendar(d.title, sessions, { baseUrl: deps.baseUrl, domain: new URL(deps.baseUrl).hostname });
    const first = (await w.firstSession(d.work_group_id)) ?? null;
    for (const p of d.participants) {
      await w.ensureAccount(p.email, p.name);
      const feed = newLinkToken();
      await w.setCalendarToken(p.id, feed.hash);
      await deps.outbox.mail(w.trx, emails.confirmed(mailContext(d), p, first, `${deps.baseUrl}/calendar/${feed.token}.ics`, ics, `${deps.baseUrl}/sign-in/link`));
    }
  }

  async function audit(w: RegistrationWriter, staff: StaffAction, d: Details, action: string, changes: Record<string, unknown>) {
    await writeAudit(w.trx, {
      actorUserId: staff.actorUserId,
      action,
      subjectType: 'registration',
      subjectId: d.reference,
      hubId: d.hub_id,
      changes: { ...changes, school: `${d.school_name} (URN ${d.urn})`, workGroup: d.code, reason: staff.reason },
    });
  }
  async function positionIn(w: RegistrationWriter, id: number): Promise<number> {
    return (await w.waitingPosition(id)) ?? 1;
  }
}

/** Whether the person is the school's headteacher (a headteacher role for it). */
function headteacherOf(user: CurrentUser, urn: number): boolean {
  return user.roles.some((r) => r.role === 'headteacher' && r.schoolUrn === urn);
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
