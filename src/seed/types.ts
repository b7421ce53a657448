// The shapes of the demo data before it is loaded: plain values, no database ids.
// Field names follow the columns they fill (see core/schema.ts and the modules' tables.ts); references between
// records are by slug (hubs), NCP code (projects), WRK code (Work Groups) or key (people).
import type { Mode, OutcomeArea, Phase, Publication } from '../core/schema.ts';
import type { Strand } from '../core/work-groups/domain.ts';

export type ProjectSeed = {
  ncp_code: string;
  title: string;
  /** '2021/22' */
  academic_year: string;
  phase: Phase;
  strand: Strand;
  commitment_days: number;
  description: string;
  themes: string[];
  /** NCP codes of projects a school must also join (joining NCP21-13 requires NCP21-14). */
  requires: string[];
};

export type PersonSeed = {
  /** Unique within the demo data; the same key in two groups is the same person. */
  key: string;
  name: string;
  role_title: string | null;
  bio: string;
  email: string | null;
  hub_slug: string | null;
};

export type SessionSeed = {
  workshop_number: number;
  title: string | null;
  date_to_be_confirmed: boolean;
  starts_at: Date | null;
  ends_at: Date | null;
  mode: Mode;
  venue_name: string | null;
  venue_address: string | null;
};

export type OutcomeSeed = {
  area: OutcomeArea;
  lead_in: string;
  items: string[];
};

export type SectionSeed = {
  heading: string;
  /** Markdown. */
  body: string;
};

export type WorkGroupSeed = {
  code: string;
  /** null for a centrally led (national) group. */
  hub_slug: string | null;
  project_code: string;
  title: string;
  theme: string | null;
  /** One or two plain sentences for the catalogue card. */
  summary: string;
  mode: Mode;
  // Markdown, one per section of a hub's Work Group page ('' when the page has none).
  purpose: string;
  who_for: string;
  what_it_involves: string;
  benefits: string;
  cost: string;
  wider_context: string;
  expectations: string;
  schedule_note: string;
  lead_information: string;
  joining_details_days: number;
  places_total: number;
  places_taken: number;
  participants_per_school: number;
  publication: Publication;
  /** 'YYYY-MM-DD' */
  registration_opens_on: string | null;
  registration_closes_on: string | null;
  outcomes: OutcomeSeed[];
  /** Further headed sections, e.g. "Covid-19 recovery", in page order. */
  sections: SectionSeed[];
  /** In the order the page lists them. */
  leaders: PersonSeed[];
  sessions: SessionSeed[];
};

export type SchoolSeed = {
  urn: number;
  name: string;
  phase: string;
  type: string;
  state_funded: boolean;
  local_authority: string;
  postcode: string;
  trust: string | null;
  hub_slug: string;
  /** A made-up website (https://www.<name>.sch.test/): a headteacher's address at its domain is one the school is known by. */
  website: string;
};
