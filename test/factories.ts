// Factories: each test builds the hub, schools, groups and people it needs, through the
// repositories, instead of reading the demo data. Every value that must be unique (a hub's slug,
// a URN, a group's code, an email) is made unique per call, so tests never share state and a
// test reads only what it made. Only the browser journeys and the demo data's own tests read the
// demo data.
import { randomBytes } from 'node:crypto';
import type { AppDb } from '../src/app/database.ts';
import { ensureAccount } from '../src/core/identity/accounts-repository.ts';
import { createAuthRepository } from '../src/core/identity/repository.ts';
import { hashPassword } from '../src/core/identity/service.ts';
import { asCore, type Mode, type Phase, type Publication, type Role } from '../src/core/schema.ts';
import type { Strand } from '../src/core/work-groups/domain.ts';
import { takePlace } from '../src/core/work-groups/places-repository.ts';
import { type Rule, ruleSchema } from '../src/modules/eligibility/index.ts';
import { createDemoDataRepository } from '../src/seed/repository.ts';
import { Agent } from './agent.ts';
import type { TestApp } from './harness.ts';

/** What a factory made: enough to find it again and to read it on a page. */
export type BuiltHub = { id: number; slug: string; name: string; enquiriesEmail: string };
export type BuiltSchool = { urn: number; name: string; hubId: number | null };
export type BuiltProject = { id: number; ncpCode: string; title: string; academicYear: string };
export type BuiltWorkGroup = { id: number; code: string; title: string; hubId: number | null; projectId: number; workshopIds: number[] };
export type BuiltUser = { id: number; email: string; name: string; password: string };
/** A workshop as a test wants it: its times (none: date to be confirmed), and what else it says. */
export type WorkshopSpec = { startsAt?: Date; endsAt?: Date; title?: string | null; mode?: Mode; venueName?: string | null; venueAddress?: string | null; joiningLink?: string | null };

// One run of the suite makes many things in one database copy: a counter with a random prefix.
const run = randomBytes(3).toString('hex');
let counter = 0;
const next = () => `${run}${(++counter).toString(36)}`;
/** A URN no school of the demo data or GIAS has (GIAS's are six digits). */
let urn = 9_000_000 + Math.floor(Math.random() * 400_000) * 2;

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const randomCode = (length: number) => Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

/** The academic year a date falls in, as hubwork writes it ("2026/27"; a year starts on 1 September). */
export function academicYearOf(date: Date): string {
  const start = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The password every factory-made account has (argon2 at the test cost). */
export const FACTORY_PASSWORD = 'correct horse battery staple';

/** `now`: the test's clock, for the academic year of the projects it makes (default: today). */
export function factories(db: AppDb, now: Date = new Date()) {
  const seed = createDemoDataRepository(db);
  const accounts = createAuthRepository(db);
  let passwordHash: Promise<string> | undefined;

  const factory = {
    async hub(values: Partial<{ name: string; region: string; area: string }> = {}): Promise<BuiltHub> {
      const key = next();
      const hub = { slug: `hub-${key}`, name: values.name ?? `Test Hub ${key}`, region: values.region ?? 'North West', area: values.area ?? 'Testshire', enquiries_email: `hub-${key}@hub.test` };
      const ids = await seed.insertHubs([hub]);
      return { id: ids.get(hub.slug) as number, slug: hub.slug, name: hub.name, enquiriesEmail: hub.enquiries_email };
    },

    async school(hub: { id: number } | null, values: Partial<{ name: string; phase: string; stateFunded: boolean; website: string | null }> = {}): Promise<BuiltSchool> {
      // Taken before any await, so schools made at the same time get their own.
      urn += 2;
      const own = urn;
      const name = values.name ?? `Test School ${next()}`;
      await seed.insertSchools([
        {
          urn: own,
          name,
          phase: values.phase ?? 'Secondary',
          type: 'Academy converter',
          state_funded: values.stateFunded ?? true,
          local_authority: 'Testshire',
          postcode: 'TE1 1ST',
          trust: null,
          hub_id: hub?.id ?? null,
          website: values.website ?? null,
        },
      ]);
      return { urn: own, name, hubId: hub?.id ?? null };
    },

    async project(values: Partial<{ academicYear: string; phase: Phase; strand: Strand; title: string }> = {}): Promise<BuiltProject> {
      const key = next().toUpperCase();
      // NCP codes are NCPyy-nn: a free one, picked at random from NCP90-00 to NCP99-99 (no real year's).
      const taken = new Set((await db.selectFrom('projects').select('ncp_code').execute()).map((p) => p.ncp_code));
      let ncpCode: string;
      do ncpCode = `NCP${90 + Math.floor(Math.random() * 10)}-${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
      while (taken.has(ncpCode));
      const project = {
        ncp_code: ncpCode,
        title: values.title ?? `Test project ${key}`,
        academic_year: values.academicYear ?? academicYearOf(now),
        phase: values.phase ?? ('secondary' as const),
        strand: values.strand ?? 'teaching-for-mastery',
        commitment_days: '3',
      };
      const ids = await seed.insertProjects([project]);
      return { id: ids.get(project.ncp_code) as number, ncpCode: project.ncp_code, title: project.title, academicYear: project.academic_year };
    },

    /**
     * A Work Group of the hub (national for null), published unless asked otherwise, with
     * `workshops`: a number of dated workshops a week apart from `firstWorkshop` (default: three,
     * a month from now), or each workshop as given.
     */
    async workGroup(
      hub: { id: number } | null,
      values: Partial<{ code: string; project: { id: number }; title: string; publication: Publication; placesTotal: number; participantsPerSchool: number; workshops: number | WorkshopSpec[]; firstWorkshop: Date; mode: Mode; joiningDetailsDays: number; joiningDetailsText: string }> = {},
    ): Promise<BuiltWorkGroup> {
      const project = values.project ?? (await factory.project());
      const key = next().toUpperCase();
      // A code of the test's choosing (each test file has its own database), or a new one.
      const code = values.code ?? `WRKT-${key}`;
      const title = values.title ?? `Test Work Group ${key}`;
      const ids = await seed.insertWorkGroups([
        {
          code,
          hub_id: hub?.id ?? null,
          project_id: project.id,
          title,
          theme: null,
          summary: `A Work Group made for a test (${key}).`,
          who_for: 'Secondary maths teachers and the leaders of their departments.',
          mode: values.mode ?? 'face_to_face',
          places_total: values.placesTotal ?? 12,
          participants_per_school: values.participantsPerSchool ?? 2,
          publication: values.publication ?? 'published',
          ...(values.joiningDetailsDays === undefined ? {} : { joining_details_days: values.joiningDetailsDays }),
          ...(values.joiningDetailsText === undefined ? {} : { joining_details_text: values.joiningDetailsText }),
        },
      ]);
      const id = ids.get(code) as number;
      const first = values.firstWorkshop ?? new Date(now.getTime() + 30 * 86_400_000);
      const specs: WorkshopSpec[] =
        typeof values.workshops === 'object'
          ? values.workshops
          : Array.from({ length: values.workshops ?? 3 }, (_, i) => {
              const startsAt = new Date(first.getTime() + i * 7 * 86_400_000);
              return { startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) };
            });
      await seed.insertSessions(
        specs.map((spec, i) => ({
          work_group_id: id,
          workshop_number: i + 1,
          title: spec.title === undefined ? `Workshop ${i + 1}` : spec.title,
          date_to_be_confirmed: !spec.startsAt,
          starts_at: spec.startsAt ?? null,
          ends_at: spec.endsAt ?? null,
          mode: spec.mode ?? values.mode ?? 'face_to_face',
          venue_name: spec.venueName === undefined ? 'Test venue' : spec.venueName,
          venue_address: spec.venueAddress === undefined ? '1 Test Street, Testshire' : spec.venueAddress,
          joining_link: spec.joiningLink ?? null,
        })),
      );
      const workshops = await db.selectFrom('workshops').select('id').where('work_group_id', '=', id).orderBy('workshop_number').execute();
      return { id, code, title, hubId: hub?.id ?? null, projectId: project.id, workshopIds: workshops.map((w) => w.id) };
    },

    /**
     * An account with a password (FACTORY_PASSWORD) and, if given, a role: hub staff of `hub`,
     * lead or participant of `workGroup`, headteacher of `school`; national_admin needs none. A
     * `school` given to any other role is the account's own school.
     */
    async user(role?: Role, scope: { hub?: { id: number }; workGroup?: { id: number }; school?: { urn: number } } = {}, values: Partial<{ name: string; email: string }> = {}): Promise<BuiltUser> {
      const key = next();
      const email = values.email ?? `user-${key}@people.test`;
      const name = values.name ?? `Test Person ${key}`;
      passwordHash ??= hashPassword(FACTORY_PASSWORD);
      const id = await accounts.createUser({ email, name, passwordHash: await passwordHash, schoolUrn: scope.school?.urn ?? null });
      // A role's scope is one of these (a CHECK keeps it so): a hub, a group, or a headteacher's school.
      if (role) await accounts.assignRole({ userId: id, role, hubId: scope.hub?.id ?? null, workGroupId: scope.workGroup?.id ?? null, schoolUrn: role === 'headteacher' ? (scope.school?.urn ?? null) : null });
      return { id, email, name, password: FACTORY_PASSWORD };
    },

    /** Schools joining `project` must join `requires` too (linked projects, registered together). */
    async projectLink(project: { id: number }, requires: { id: number }): Promise<void> {
      await seed.insertProjectLinks([{ project_id: project.id, requires_project_id: requires.id }]);
    },

    /** A school's earlier participation in the programme, as the national records hold it. */
    async participation(school: { urn: number }, values: { academicYear: string; strand: Strand; phase?: Phase; outcome?: 'took_part' | 'completed'; ncpCode?: string | null }): Promise<void> {
      await seed.insertParticipations([
        { school_urn: school.urn, academic_year: values.academicYear, ncp_code: values.ncpCode ?? null, title: `Earlier ${values.strand}`, strand: values.strand, phase: values.phase ?? 'secondary', outcome: values.outcome ?? 'took_part' },
      ]);
    },

    /** Gives an existing account another role (scoped as user() scopes it). */
    async role(user: { id: number }, role: Role, scope: { hub?: { id: number }; workGroup?: { id: number }; school?: { urn: number } } = {}): Promise<void> {
      await accounts.assignRole({ userId: user.id, role, hubId: scope.hub?.id ?? null, workGroupId: scope.workGroup?.id ?? null, schoolUrn: role === 'headteacher' ? (scope.school?.urn ?? null) : null });
    },

    /** A person in the hub's directory (national for null), with a bio. */
    async person(hub: { id: number } | null, values: Partial<{ name: string; roleTitle: string; bio: string }> = {}): Promise<{ id: number; name: string }> {
      const name = values.name ?? `Test Leader ${next()}`;
      const ids = await seed.insertPeople([{ name, email: null, role_title: values.roleTitle ?? 'Mastery Specialist', bio: values.bio ?? `${name} leads Work Groups.`, hub_id: hub?.id ?? null }]);
      return { id: ids.get(name) as number, name };
    },

    /** Makes the people the group's leaders, in this order. */
    async leaders(workGroup: { id: number }, people: { id: number }[]): Promise<void> {
      await seed.insertLeaders(people.map((p, i) => ({ work_group_id: workGroup.id, person_id: p.id, position: i + 1 })));
    },

    /** Adds an eligibility rule to the group (checked by its schema, as the forms check it), last. */
    async eligibilityRule(workGroup: { id: number }, rule: Rule): Promise<void> {
      const checked = ruleSchema.parse(rule);
      const { n } = await db.selectFrom('eligibility_rules').select((eb) => eb.fn.countAll<string>().as('n')).where('work_group_id', '=', workGroup.id).executeTakeFirstOrThrow();
      await seed.insertEligibilityRules([{ work_group_id: workGroup.id, position: Number(n) + 1, rule_type: checked.rule_type, kind: checked.kind, params: JSON.stringify(checked.params) }]);
    },

    /** A school's confirmed place on the group (one place taken), with its participants, each with an account as confirming gives them. */
    async confirmedRegistration(workGroup: { id: number }, school: { urn: number }, participants: { name: string; email: string }[]) {
      const reference = `HW-${randomCode(4)}-${randomCode(4)}`;
      await db.transaction().execute(async (trx) => {
        if (!(await takePlace(trx, workGroup.id))) throw new Error('the group is full');
        await createDemoDataRepository(asCore(trx)).insertConfirmedRegistration(
          {
            reference,
            work_group_id: workGroup.id,
            school_urn: school.urn,
            headteacher_name: 'Test Headteacher',
            headteacher_email: `head-${reference.toLowerCase()}@school.test`,
            manage_token_hash: randomBytes(32).toString('hex'),
          },
          participants.map((p, i) => ({ position: i + 1, name: p.name, email: p.email, roles: ['teacher'] })),
        );
        // As confirming a place does: each participant gets an account (no password) to sign in with a link.
        for (const p of participants) await ensureAccount(trx, p.email, p.name);
      });
      return { reference };
    },

    /**
     * A hub's year in one call, for the tests that visit every page as every role: the hub, this
     * year's project and a group of it (one participant a school, a leader in the directory, a
     * recommendation among its eligibility rules), a
     * school with a confirmed place, and an account for each role, each scoped to them: the
     * national administrator, the hub's lead and administrator, the group's lead (the leader's
     * account), a participant (the school's confirmed participant) and the school's headteacher.
     */
    async world(options: { firstWorkshop?: Date; names?: Partial<Record<keyof World['accounts'], string>> } = {}): Promise<World> {
      const named = (role: keyof World['accounts']) => (options.names?.[role] ? { name: options.names[role] } : {});
      const hub = await factory.hub();
      const project = await factory.project();
      const person = await factory.person(hub, named('work_group_lead'));
      const group = await factory.workGroup(hub, { project, participantsPerSchool: 1, ...(options.firstWorkshop ? { firstWorkshop: options.firstWorkshop } : {}) });
      await factory.leaders(group, [person]);
      await factory.eligibilityRule(group, { rule_type: 'job_role', kind: 'recommendation', params: { roles: ['mastery_advocate'], applies_to: 'lead' } });
      const school = await factory.school(hub, { website: `https://www.school-${next()}.test/` });
      const participant = await factory.user('participant', { workGroup: group, school }, named('participant'));
      const { reference } = await factory.confirmedRegistration(group, school, [{ name: participant.name, email: participant.email }]);
      const accounts = {
        national_admin: await factory.user('national_admin', {}, named('national_admin')),
        hub_lead: await factory.user('hub_lead', { hub }, named('hub_lead')),
        hub_admin: await factory.user('hub_admin', { hub }, named('hub_admin')),
        work_group_lead: await factory.user('work_group_lead', { workGroup: group }, named('work_group_lead')),
        participant,
        headteacher: await factory.user('headteacher', { school }, named('headteacher')),
      };
      return { hub, project, group, person, school, reference, accounts };
    },
  };
  return factory;
}

/** See factories().world(). */
export type World = {
  hub: BuiltHub;
  project: BuiltProject;
  group: BuiltWorkGroup;
  person: { id: number; name: string };
  school: BuiltSchool;
  /** The school's confirmed registration on the group. */
  reference: string;
  accounts: Record<'national_admin' | 'hub_lead' | 'hub_admin' | 'work_group_lead' | 'participant' | 'headteacher', BuiltUser>;
};

export type Factories = ReturnType<typeof factories>;

const HUB_ROLES: Role[] = ['hub_lead', 'assistant_hub_lead', 'hub_admin'];

/**
 * An account with the role and a scope of its own made for it: a new hub for hub staff, a new
 * hub's group for a Work Group lead or participant, a new school for a headteacher.
 */
export async function accountWithRole(make: Factories, role: Role): Promise<BuiltUser & { hub?: BuiltHub; workGroup?: BuiltWorkGroup; school?: BuiltSchool }> {
  if (role === 'national_admin') return make.user(role);
  const hub = await make.hub();
  if (HUB_ROLES.includes(role)) return { ...(await make.user(role, { hub })), hub };
  if (role === 'headteacher') {
    const school = await make.school(hub);
    return { ...(await make.user(role, { school })), hub, school };
  }
  const workGroup = await make.workGroup(hub);
  return { ...(await make.user(role, { workGroup })), hub, workGroup };
}

/** Signed in with a password as a factory-made account, or the test fails. */
export async function signInAs(app: TestApp['app'], user: { email: string; password: string }): Promise<Agent> {
  const agent = new Agent(app);
  const answer = await agent.submit(await agent.get('/sign-in'), { email: user.email, password: user.password });
  if (answer.status !== 303) throw new Error(`${user.email} could not sign in (${answer.status})`);
  return agent;
}
