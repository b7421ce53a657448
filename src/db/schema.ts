// Kysely's view of the tables (see migrations/ for the DDL).
import type { ColumnType, Generated } from 'kysely';

export type Mode = 'face_to_face' | 'online' | 'blended' | 'tbc';
export type Publication = 'draft' | 'published' | 'closed' | 'archived';
export type Phase = 'primary' | 'secondary' | 'cross-phase' | 'post-16';
export type OutcomeArea = 'pupil' | 'departmental' | 'practice' | 'professional';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A DATE column: read back as 'YYYY-MM-DD' (see db/database.ts). */
type DateOnly = ColumnType<string, string, string>;
/** numeric columns come back from pg as strings. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface HubsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  region: string;
  area: string;
  enquiries_email: string;
  created_at: Generated<Timestamp>;
}

export interface SchoolsTable {
  urn: number;
  name: string;
  phase: string;
  type: string;
  state_funded: boolean;
  local_authority: string;
  postcode: string;
  trust: string | null;
  hub_id: number | null;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface ProjectsTable {
  id: Generated<number>;
  ncp_code: string;
  title: string;
  academic_year: string;
  phase: Phase;
  strand: string;
  commitment_days: Numeric;
  description: Generated<string>;
  themes: Generated<string[]>;
}

export interface ProjectLinksTable {
  project_id: number;
  requires_project_id: number;
}

export interface PeopleTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  role_title: string | null;
  bio: Generated<string>;
  hub_id: number | null;
}

export interface WorkGroupsTable {
  id: Generated<number>;
  code: string;
  hub_id: number | null;
  project_id: number;
  title: string;
  theme: string | null;
  summary: string;
  mode: Mode;
  purpose: Generated<string>;
  who_for: Generated<string>;
  what_it_involves: Generated<string>;
  benefits: Generated<string>;
  cost: Generated<string>;
  wider_context: Generated<string>;
  expectations: Generated<string>;
  schedule_note: Generated<string>;
  lead_information: Generated<string>;
  joining_details_days: Generated<number>;
  places_total: number;
  places_taken: Generated<number>;
  participants_per_school: Generated<number>;
  publication: Generated<Publication>;
  registration_opens_on: DateOnly | null;
  registration_closes_on: DateOnly | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  search_vector: ColumnType<string, never, never>;
}

export interface WorkGroupOutcomesTable {
  work_group_id: number;
  area: OutcomeArea;
  lead_in: Generated<string>;
  items: Generated<string[]>;
}

export interface WorkGroupSectionsTable {
  id: Generated<number>;
  work_group_id: number;
  position: number;
  heading: string;
  body: string;
}

export interface WorkGroupLeadersTable {
  work_group_id: number;
  person_id: number;
  position: Generated<number>;
}

export interface SessionsTable {
  id: Generated<number>;
  work_group_id: number;
  workshop_number: number;
  title: string | null;
  date_to_be_confirmed: Generated<boolean>;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  mode: Mode;
  venue_name: string | null;
  venue_address: string | null;
}

export interface Database {
  hubs: HubsTable;
  schools: SchoolsTable;
  projects: ProjectsTable;
  project_links: ProjectLinksTable;
  people: PeopleTable;
  work_groups: WorkGroupsTable;
  work_group_outcomes: WorkGroupOutcomesTable;
  work_group_sections: WorkGroupSectionsTable;
  work_group_leaders: WorkGroupLeadersTable;
  sessions: SessionsTable;
}
