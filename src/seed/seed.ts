// Loads the demo data — the 40 Maths Hubs, ~3,000 fictional schools, the Work Groups of the
// five real seed pages and ~100 generated ones — into an empty database, in one transaction.
import type { Kysely } from 'kysely';
import type { Database, Db } from '../core/schema.ts';
import { hashPassword } from '../core/identity/service.ts';
import { ruleSchema } from '../modules/eligibility/index.ts';
import { newToken, tokenHash } from '../platform/lib/tokens.ts';
import { DEMO_ACCOUNTS, DEMO_THIS_YEAR } from './accounts.ts';
import { SEED_ELIGIBILITY } from './eligibility.ts';
import { generateParticipations } from './participation.ts';
import { CURRENT_ACADEMIC_YEAR, DEMO_SEED, generateSchools, generateWorkGroups } from './generated.ts';
import { HUBS, type HubSeed } from './hubs.ts';
import { createDemoDataRepository } from './repository.ts';
import { SEED_PROJECTS, SEED_WORK_GROUPS } from './seed-groups.ts';
import type { PersonSeed, ProjectSeed, SchoolSeed, WorkGroupSeed } from './types.ts';

export type DemoData = {
  hubs: readonly HubSeed[];
  schools: SchoolSeed[];
  projects: ProjectSeed[];
  workGroups: WorkGroupSeed[];
  /** Every Work Group lead, once each. */
  people: PersonSeed[];
};

export type DemoDataCounts = { hubs: number; schools: number; projects: number; workGroups: number; sessions: number; accounts: number };

/** The whole demo data set as plain values: the same on every call. */
export function buildDemoData(seed = DEMO_SEED): DemoData {
  const schools = generateSchools({ seed });
  const generated = generateWorkGroups(schools, { seed });
  const workGroups = [...SEED_WORK_GROUPS, ...generated.workGroups];
  const people = new Map<string, PersonSeed>();
  for (const group of workGroups) for (const leader of group.leaders) if (!people.has(leader.key)) people.set(leader.key, leader);
  return {
    hubs: HUBS,
    schools,
    projects: [...SEED_PROJECTS, ...generated.projects],
    workGroups,
    people: [...people.values()],
  };
}

function idOf(ids: Map<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demo data refers to an unknown ${what}: ${key}`);
  return id;
}

/**
 * Loads the demo data into an empty database. If the hubs table already has rows it does
 * nothing and returns zeros: demo data never mixes with real data.
 */
export async function seedDemoData(db: Db): Promise<DemoDataCounts> {
  return db.transaction().execute(async (trx: Kysely<Database>) => {
    const repo = createDemoDataRepository(trx);
    await repo.lockForLoading();
    if ((await repo.hubCount()) > 0) return { hubs: 0, schools: 0, projects: 0, workGroups: 0, sessions: 0, accounts: 0 };

    const data = buildDemoData();

    const hubIds = await repo.insertHubs(
      data.hubs.map((h) => ({ slug: h.slug, name: h.name, region: h.region, area: h.area, enquiries_email: h.enquiries_email })),
    );
    const hubId = (slug: string | null) => (slug === null ? null : idOf(hubIds, slug, 'hub'));

    const schools = await repo.insertSchools(
      data.schools.map((s) => ({
        urn: s.urn,
        name: s.name,
        phase: s.phase,
        type: s.type,
        state_funded: s.state_funded,
        local_authority: s.local_authority,
        postcode: s.postcode,
        trust: s.trust,
        website: s.website,
        hub_id: hubId(s.hub_slug),
      })),
    );

    const projectIds = await repo.insertProjects(
      data.projects.map((p) => ({
        ncp_code: p.ncp_code,
        title: p.title,
        academic_year: p.academic_year,
        phase: p.phase,
        strand: p.strand,
        commitment_days: p.commitment_days,
        description: p.description,
        themes: p.themes,
      })),
    );
    await repo.insertProjectLinks(
      data.projects.flatMap((p) =>
        p.requires.map((code) => ({ project_id: idOf(projectIds, p.ncp_code, 'project'), requires_project_id: idOf(projectIds, code, 'project') })),
      ),
    );

    const personIds = await repo.insertPeople(
      data.people.map((p) => ({ name: p.name, email: p.email, role_title: p.role_title, bio: p.bio, hub_id: hubId(p.hub_slug) })),
    );

    const groupIds = await repo.insertWorkGroups(
      data.workGroups.map((g) => ({
        code: g.code,
        hub_id: hubId(g.hub_slug),
        project_id: idOf(projectIds, g.project_code, 'project'),
        title: g.title,
        theme: g.theme,
        summary: g.summary,
        mode: g.mode,
        purpose: g.purpose,
        who_for: g.who_for,
        what_it_involves: g.what_it_involves,
        benefits: g.benefits,
        cost: g.cost,
        wider_context: g.wider_context,
        expectations: g.expectations,
        schedule_note: g.schedule_note,
        lead_information: g.lead_information,
        joining_details_days: g.joining_details_days,
        places_total: g.places_total,
        places_taken: g.places_taken,
        participants_per_school: g.participants_per_school,
        publication: g.publication,
        registration_opens_on: g.registration_opens_on,
        registration_closes_on: g.registration_closes_on,
      })),
    );
    const groupId = (code: string) => idOf(groupIds, code, 'Work Group');

    await repo.insertOutcomes(
      data.workGroups.flatMap((g) => g.outcomes.map((o) => ({ work_group_id: groupId(g.code), area: o.area, lead_in: o.lead_in, items: o.items }))),
    );
    await repo.insertSections(
      data.workGroups.flatMap((g) =>
        g.sections.map((s, index) => ({ work_group_id: groupId(g.code), position: index + 1, heading: s.heading, body: s.body })),
      ),
    );
    await repo.insertLeaders(
      data.workGroups.flatMap((g) =>
        g.leaders.map((leader, index) => ({ work_group_id: groupId(g.code), person_id: idOf(personIds, leader.name, 'person'), position: index })),
      ),
    );
    const sessions = await repo.insertSessions(
      data.workGroups.flatMap((g) =>
        g.sessions.map((s) => ({
          work_group_id: groupId(g.code),
          workshop_number: s.workshop_number,
          title: s.title,
          date_to_be_confirmed: s.date_to_be_confirmed,
          starts_at: s.starts_at,
          ends_at: s.ends_at,
          mode: s.mode,
          venue_name: s.venue_name,
          venue_address: s.venue_address,
        })),
      ),
    );

    await repo.insertEligibilityRules(
      SEED_ELIGIBILITY.flatMap((seed) =>
        seed.rules.map((rule, index) => {
          const checked = ruleSchema.parse(rule);
          return { work_group_id: groupId(seed.code), position: index + 1, rule_type: checked.rule_type, kind: checked.kind, params: JSON.stringify(checked.params) };
        }),
      ),
    );

    await repo.insertParticipations(
      generateParticipations({ schools: data.schools, projects: data.projects, workGroups: data.workGroups, currentYear: CURRENT_ACADEMIC_YEAR }),
    );

    // The headteacher's school: the first state-funded secondary school in the hub lead's hub.
    const headSchool = data.schools.find((s) => s.hub_slug === 'shaw' && s.phase === 'Secondary' && s.state_funded);
    if (!headSchool) throw new Error('Demo data has no state-funded secondary school in SHaW for the headteacher');
    const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
    const userIds = await repo.insertUsers(
      DEMO_ACCOUNTS.map((a, i) => ({
        email: a.email,
        name: a.name,
        password_hash: hashes[i] ?? null,
        person_id: a.person ? idOf(personIds, a.person, 'person') : null,
        school_urn: a.scope && 'school' in a.scope ? headSchool.urn : null,
      })),
    );
    await repo.insertRoles(
      DEMO_ACCOUNTS.map((a) => ({
        user_id: idOf(userIds, a.email, 'account'),
        role: a.role,
        hub_id: a.scope && 'hub' in a.scope ? hubId(a.scope.hub) : null,
        work_group_id: a.scope && 'workGroup' in a.scope ? groupId(a.scope.workGroup) : null,
        school_urn: a.scope && 'school' in a.scope ? headSchool.urn : null,
      })),
    );

    // This year's group for the demo lead and participant (see DEMO_THIS_YEAR).
    const thisYear = groupId(DEMO_THIS_YEAR.workGroup);
    await repo.insertRoles([{ user_id: idOf(userIds, DEMO_THIS_YEAR.lead, 'account'), role: 'work_group_lead', hub_id: null, work_group_id: thisYear, school_urn: null }]);
    const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
    const decided = new Date('2026-10-01T09:00:00Z');
    await repo.insertConfirmedRegistration(
      {
        reference: 'HW-DEMO-2627',
        work_group_id: thisYear,
        school_urn: headSchool.urn,
        headteacher_name: account(DEMO_THIS_YEAR.headteacher).name,
        headteacher_email: DEMO_THIS_YEAR.headteacher,
        declarations: [],
        core_maths_year: null,
        warnings: [],
        consent_token_hash: null,
        // Nobody holds this link: the demo school's own page is not reachable.
        manage_token_hash: tokenHash(newToken()),
        hold_expires_at: null,
        consent_decided_at: decided,
        waitlisted_at: null,
        offered_at: null,
        created_at: decided,
        updated_at: decided,
      },
      [{ position: 1, name: account(DEMO_THIS_YEAR.participant).name, email: DEMO_THIS_YEAR.participant, roles: ['head_of_department'], teaching_year: null, maths_itt: null }],
    );

    return { hubs: hubIds.size, schools, projects: projectIds.size, workGroups: groupIds.size, sessions, accounts: userIds.size };
  });
}
