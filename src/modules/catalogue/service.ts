// The meaning of a Work Group for its public pages: rows in, domain types out.
import type { Mode, OutcomeArea, Phase, Publication } from '../../core/schema.ts';
import { londonIsoDate, londonShortDate } from '../../platform/lib/london-time.ts';
import {
  MODES,
  OUTCOME_AREAS,
  PHASES,
  type PublicStatus,
  publicStatus,
  STATUS_LABELS,
  registrationWindowOpen,
  STRANDS,
  type Strand,
} from '../../core/work-groups/domain.ts';
import type { CatalogueFilters, WorkGroupRepository } from '../../core/work-groups/catalogue-repository.ts';

export const PAGE_SIZE = 20;
const YEARS_TTL_MS = 60_000;

export type WorkGroupSummary = {
  code: string;
  title: string;
  theme: string | null;
  summary: string;
  hub: { name: string; slug: string } | null;
  ncpCode: string;
  academicYear: string;
  phase: Phase;
  phaseLabel: string;
  strand: Strand;
  strandLabel: string;
  mode: Mode;
  modeLabel: string;
  commitmentDays: number;
  status: PublicStatus;
  statusLabel: string;
  placesTotal: number;
  placesLeft: number;
  firstSessionAt: Date | null;
  sessionCount: number;
};

export type Session = {
  workshopNumber: number;
  title: string | null;
  dateToBeConfirmed: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  mode: Mode;
  modeLabel: string;
  venueName: string | null;
  venueAddress: string | null;
};

export type WorkGroupPage = WorkGroupSummary & {
  projectTitle: string;
  participantsPerSchool: number;
  registrationOpensOn: string | null;
  registrationClosesOn: string | null;
  /** "30 June 2027" */
  registrationClosesOnText: string | null;
  /** Published, and today is within its registration dates (full or not): a school may join the waiting list. */
  registrationWindowOpen: boolean;
  purpose: string;
  whoFor: string;
  whatItInvolves: string;
  benefits: string;
  cost: string;
  widerContext: string;
  expectations: string;
  scheduleNote: string;
  leadInformation: string;
  joiningDetailsDays: number;
  enquiriesEmail: string | null;
  sessions: Session[];
  outcomes: { area: OutcomeArea; label: string; leadIn: string; items: string[] }[];
  sections: { heading: string; body: string }[];
  leaders: { name: string; roleTitle: string | null; bio: string }[];
  /** Projects a school must also join, each with its public groups in the same hub (or nationally). */
  requires: { ncpCode: string; title: string; groups: { code: string; title: string }[] }[];
  /** Who can take part, in plain English: requirements and recommendations (modules/eligibility). */
  eligibility: { kind: 'requirement' | 'recommendation'; text: string }[];
};

export type CataloguePage = {
  results: WorkGroupSummary[];
  total: number;
  page: number;
  pageCount: number;
};

type SummaryRow = {
  code: string;
  title: string;
  theme: string | null;
  summary: string;
  mode: Mode;
  publication: Publication;
  places_total: number;
  places_taken: number;
  registration_opens_on: string | null;
  registration_closes_on: string | null;
  ncp_code: string;
  academic_year: string;
  phase: Phase;
  strand: string;
  commitment_days: string;
  hub_name: string | null;
  hub_slug: string | null;
  first_session_at: Date | string | null;
  session_count: string | number | null;
};

function toSummary(row: SummaryRow, today: string): WorkGroupSummary {
  const status = publicStatus(
    {
      publication: row.publication,
      placesTotal: row.places_total,
      placesTaken: row.places_taken,
      registrationOpensOn: row.registration_opens_on,
      registrationClosesOn: row.registration_closes_on,
    },
    today,
  );
  const strand = row.strand as Strand;
  return {
    code: row.code,
    title: row.title,
    theme: row.theme,
    summary: row.summary,
    hub: row.hub_name && row.hub_slug ? { name: row.hub_name, slug: row.hub_slug } : null,
    ncpCode: row.ncp_code,
    academicYear: row.academic_year,
    phase: row.phase,
    phaseLabel: PHASES[row.phase],
    strand,
    strandLabel: STRANDS[strand] ?? row.strand,
    mode: row.mode,
    modeLabel: MODES[row.mode],
    commitmentDays: Number(row.commitment_days),
    status,
    statusLabel: STATUS_LABELS[status],
    placesTotal: row.places_total,
    placesLeft: Math.max(0, row.places_total - row.places_taken),
    firstSessionAt: row.first_session_at ? new Date(row.first_session_at) : null,
    sessionCount: Number(row.session_count ?? 0),
  };
}

export function createWorkGroupService(deps: {
  workGroups: WorkGroupRepository;
  clock: () => Date;
  /** A group's eligibility rules as sentences; none when not given. */
  eligibility?: { publicRulesOf(workGroupId: number): Promise<WorkGroupPage['eligibility']> };
}) {
  const today = () => londonIsoDate(deps.clock());
  let years: { at: number; list: Promise<string[]> } | undefined;

  return {
    async search(filters: CatalogueFilters, page: number): Promise<CataloguePage> {
      const day = today();
      const rows = await deps.workGroups.search(filters, day, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      // Past the last page there are no rows and so no count: the route answers 404 there.
      const total = rows.length ? Number(rows[0]!.total) : 0;
      return {
        results: rows.map((row) => toSummary(row, day)),
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      };
    },

    /** A hub's public groups, newest academic year first. */
    async listForHub(hubSlug: string, limit: number): Promise<{ academicYear: string; groups: WorkGroupSummary[] }[]> {
      const day = today();
      const filters: CatalogueFilters = { hub: hubSlug, phases: [], strands: [], modes: [], available: false };
      const rows = await deps.workGroups.search(filters, day, { limit, offset: 0 });
      const years = new Map<string, WorkGroupSummary[]>();
      for (const row of rows) {
        const summary = toSummary(row, day);
        years.set(summary.academicYear, [...(years.get(summary.academicYear) ?? []), summary]);
      }
      return [...years.entries()].map(([academicYear, groups]) => ({ academicYear, groups }));
    },

    /** Years change when a project is added: a minute-old list is good enough for the filter. */
    async academicYears(): Promise<string[]> {
      if (!years || Date.now() - years.at > YEARS_TTL_MS) {
        const list = deps.workGroups.academicYears();
        years = { at: Date.now(), list };
        list.catch(() => {
          years = undefined;
        });
      }
      return years.list;
    },

    /** A published or closed Work Group by its code, or undefined: drafts and archived groups are not public (except to a preview). */
    async findByCode(code: string, options: { unpublished?: boolean } = {}): Promise<WorkGroupPage | undefined> {
      const row = await deps.workGroups.findByCode(code, options);
      if (!row) return undefined;
      const [details, eligibility] = await Promise.all([
        deps.workGroups.detailsOf(row.id, row.project_id, row.hub_slug),
        deps.eligibility ? deps.eligibility.publicRulesOf(row.id) : [],
      ]);
      const byArea = new Map(details.outcomes.map((o) => [o.area, o]));
      const day = today();
      return {
        registrationWindowOpen: registrationWindowOpen(
          { publication: row.publication, registrationOpensOn: row.registration_opens_on, registrationClosesOn: row.registration_closes_on },
          day,
        ),
        ...toSummary(row, today()),
        projectTitle: row.project_title,
        participantsPerSchool: row.participants_per_school,
        registrationOpensOn: row.registration_opens_on,
        registrationClosesOn: row.registration_closes_on,
        registrationClosesOnText: row.registration_closes_on
          ? londonShortDate(new Date(`${row.registration_closes_on}T12:00:00Z`))
          : null,
        purpose: row.purpose,
        whoFor: row.who_for,
        whatItInvolves: row.what_it_involves,
        benefits: row.benefits,
        cost: row.cost,
        widerContext: row.wider_context,
        expectations: row.expectations,
        scheduleNote: row.schedule_note,
        leadInformation: row.lead_information,
        joiningDetailsDays: row.joining_details_days,
        enquiriesEmail: row.hub_enquiries_email,
        sessions: details.sessions.map((s) => ({
          workshopNumber: s.workshop_number,
          title: s.title,
          dateToBeConfirmed: s.date_to_be_confirmed,
          startsAt: s.starts_at,
          endsAt: s.ends_at,
          mode: s.mode,
          modeLabel: MODES[s.mode],
          venueName: s.venue_name,
          venueAddress: s.venue_address,
        })),
        outcomes: (Object.keys(OUTCOME_AREAS) as OutcomeArea[]).flatMap((area) => {
          const found = byArea.get(area);
          return found && (found.items.length || found.lead_in)
            ? [{ area, label: OUTCOME_AREAS[area], leadIn: found.lead_in, items: found.items }]
            : [];
        }),
        sections: details.sections,
        leaders: details.leaders.map((l) => ({ name: l.name, roleTitle: l.role_title, bio: l.bio })),
        requires: details.requires.map((r) => ({ ncpCode: r.ncp_code, title: r.title, groups: r.groups })),
        eligibility,
      };
    },
  };
}

export type WorkGroupService = ReturnType<typeof createWorkGroupService>;
