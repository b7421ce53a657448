// Kysely's view of the core's tables (see app/migrations/ for the DDL). A module's own tables are
// in its tables.ts; app/database.ts puts them all into one Database type.
import type { ColumnType, Generated, Kysely } from 'kysely';

export type Mode = 'face_to_face' | 'online' | 'blended' | 'tbc';
export type Publication = 'draft' | 'published' | 'closed' | 'archived';
export type Phase = 'primary' | 'secondary' | 'cross-phase' | 'post-16';
export type OutcomeArea = 'pupil' | 'departmental' | 'practice' | 'professional' | 'collaboration';

/** A timestamptz column; optional on insert where the database has a default. */
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
  created_at: Timestamp;
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
  /** GIAS "SchoolWebsite": an address at its domain is one the school is known by (migration 0019). */
  website: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
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
  /** The hub's own words for the joining details email; empty: the standard message. */
  joining_details_text: Generated<string>;
  consent_hold_days: Generated<number>;
  /** A school completes the group by attending at least this many workshops; null: every one. */
  completion_min_workshops: ColumnType<number | null, number | null | undefined, number | null>;
  completion_recorded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  completion_requires_tasks: ColumnType<boolean, boolean | undefined, boolean>;
  places_total: number;
  places_taken: Generated<number>;
  participants_per_school: Generated<number>;
  publication: Generated<Publication>;
  /** While archived: the state it was archived from, which restoring returns it to (migration 0022). */
  archived_from: ColumnType<Exclude<Publication, 'archived'> | null, Exclude<Publication, 'archived'> | null | undefined, Exclude<Publication, 'archived'> | null>;
  registration_opens_on: DateOnly | null;
  registration_closes_on: DateOnly | null;
  created_at: Timestamp;
  updated_at: Timestamp;
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

export interface WorkshopsTable {
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
  /** An online workshop's joining link (https), for confirmed participants only. */
  joining_link: ColumnType<string | null, string | null | undefined, string | null>;
  /** What participants type to check themselves in while the workshop runs (see modules/attendance). */
  check_in_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database extends AccountTables, EligibilityTables, RegistrationTables, ApiTables {
  hubs: HubsTable;
  schools: SchoolsTable;
  projects: ProjectsTable;
  project_links: ProjectLinksTable;
  people: PeopleTable;
  work_groups: WorkGroupsTable;
  work_group_outcomes: WorkGroupOutcomesTable;
  work_group_sections: WorkGroupSectionsTable;
  work_group_leaders: WorkGroupLeadersTable;
  workshops: WorkshopsTable;
}

export type Role =
  | 'national_admin'
  | 'hub_lead'
  | 'assistant_hub_lead'
  | 'hub_admin'
  | 'work_group_lead'
  | 'participant'
  | 'headteacher';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  person_id: number | null;
  school_urn: number | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  last_signed_in_at: Timestamp | null;
}

export interface UserSessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface OneTimeTokensTable {
  token_hash: string;
  user_id: number;
  purpose: 'sign-in' | 'password-reset' | 'invitation';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RoleAssignmentsTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  hub_id: number | null;
  work_group_id: number | null;
  school_urn: number | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface SignInAttemptsTable {
  id: Generated<string>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  hub_id: number | null;
  changes: ColumnType<unknown, string, string>;
}

/** Wrong passwords per account and address (email '' : per address), since the last sign-in there (migration 0020). */
export interface SignInThrottlesTable {
  email: string;
  ip: string;
  failures: number;
  last_failure_at: ColumnType<Date, Date | string, Date | string>;
}

/** Check-in attempts per key ('address …' or 'workshop …') in the current 15-minute window (migration 0020). */
export interface CheckInThrottlesTable {
  key: string;
  attempts: number;
  window_started_at: ColumnType<Date, Date | string, Date | string>;
}

export interface AccountTables {
  sign_in_throttles: SignInThrottlesTable;
  check_in_throttles: CheckInThrottlesTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  one_time_tokens: OneTimeTokensTable;
  role_assignments: RoleAssignmentsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_log: AuditLogTable;
}

export type EligibilityRuleType =
  | 'state_funded'
  | 'phase'
  | 'prior_participation'
  | 'job_role'
  | 'early_career'
  | 'non_specialist'
  | 'core_maths_years'
  | 'hub_area';

export interface EligibilityRulesTable {
  id: Generated<number>;
  work_group_id: number;
  position: number;
  rule_type: EligibilityRuleType;
  kind: 'requirement' | 'recommendation';
  /** The rule type's parameters, checked by its zod schema in modules/eligibility/rules.ts. */
  params: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export interface EligibilityTables {
  eligibility_rules: EligibilityRulesTable;
}

export type RegistrationStatus = 'pending_consent' | 'confirmed' | 'waitlisted' | 'declined' | 'expired' | 'withdrawn' | 'cancelled';

export interface SchoolParticipationsTable {
  id: Generated<number>;
  school_urn: number;
  academic_year: string;
  ncp_code: string | null;
  title: string;
  strand: string;
  phase: Phase;
  outcome: 'took_part' | 'completed';
  source: ColumnType<'records' | 'hubwork', 'records' | 'hubwork' | undefined, 'records' | 'hubwork'>;
}

export interface RegistrationsTable {
  id: Generated<number>;
  reference: string;
  work_group_id: number;
  school_urn: number;
  status: RegistrationStatus;
  headteacher_name: string;
  headteacher_email: string;
  declarations: ColumnType<string[], string[] | undefined, string[]>;
  core_maths_year: number | null;
  warnings: ColumnType<string[], string[] | undefined, string[]>;
  consent_token_hash: string | null;
  /** The school's own link to see and withdraw its registration. */
  manage_token_hash: string;
  hold_expires_at: Date | null;
  consent_decided_at: Date | null;
  waitlisted_at: Date | null;
  offered_at: Date | null;
  submitted_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the school's joining details were queued (once; see modules/notices). */
  joining_details_sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** For a registration made with another because its project requires this one: that other (see migration 0010). */
  lead_registration_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The waiting list's order: from a sequence, taken while the group's row is locked (migration 0019). */
  waiting_order: Generated<string>;
  /** Who registered the school: the name and email they gave, or the API token's owner. */
  registered_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  registered_by_email: ColumnType<string | null, string | null | undefined, string | null>;
  registered_by_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the headteacher approved; while the status is still pending_consent, the hub has to check the address. */
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  approval_check: ColumnType<ApprovalCheck | null, ApprovalCheck | null | undefined, ApprovalCheck | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * How the headteacher's approval was checked: the address is at the school's website's domain, the
 * hub recorded it for the school, it is a headteacher account's of the school, or none of these
 * (unverified: the hub confirms it by other means, hub_confirmed).
 */
export type ApprovalCheck = 'website' | 'known_address' | 'account' | 'unverified' | 'hub_confirmed';

/** An address the hub has recorded for a school: a headteacher's approval from it counts at once. */
export interface SchoolKnownAddressesTable {
  school_urn: number;
  email: string;
  recorded_by: number | null;
  created_at: Timestamp;
}

/** One registration made, under each key that made it (address:…, token:…, user:…), to limit how many an hour. */
export interface RegistrationSubmissionsTable {
  id: Generated<string>;
  key: string;
  registration_id: number | null;
  created_at: Date;
}

export type AttendanceStatus = 'present' | 'late' | 'absent';

export interface AttendanceTable {
  workshop_id: number;
  participant_id: number;
  status: AttendanceStatus;
  absence_reason: string | null;
  self_checked_in: ColumnType<boolean, boolean | undefined, boolean>;
  recorded_by: number | null;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RegistrationParticipantsTable {
  id: Generated<number>;
  registration_id: number;
  position: number;
  name: string;
  email: string;
  roles: ColumnType<string[], string[], string[]>;
  teaching_year: number | null;
  maths_itt: boolean | null;
  calendar_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RegistrationDraftsTable {
  token_hash: string;
  work_group_id: number;
  answers: ColumnType<unknown, string, string>;
  expires_at: Date;
  updated_at: Timestamp;
}

/** A reminder of a workshop queued for a registration's participants: at most one each. */
export interface WorkshopRemindersTable {
  workshop_id: number;
  registration_id: number;
  sent_at: Timestamp;
}

export interface EligibilityOverridesTable {
  work_group_id: number;
  school_urn: number;
  reason: string;
  created_by: number;
  created_at: Timestamp;
}

export interface RegistrationTables {
  eligibility_overrides: EligibilityOverridesTable;
  school_participations: SchoolParticipationsTable;
  registrations: RegistrationsTable;
  registration_submissions: RegistrationSubmissionsTable;
  school_known_addresses: SchoolKnownAddressesTable;
  registration_participants: RegistrationParticipantsTable;
  attendance: AttendanceTable;
  registration_drafts: RegistrationDraftsTable;
  workshop_reminders: WorkshopRemindersTable;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** Chosen when it is made; 90 days from then by default (migration 0020). */
  expires_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ApiTables {
  api_tokens: ApiTokensTable;
}

/** A handle on the core's tables (a handle on more, as app/database.ts makes, is one). */
export type Db = Kysely<Database>;

/**
 * What the core's query functions take first: any module's handle or transaction (its tables
 * include the core's), so a module passes the transaction it is in.
 */
export type CoreExecutor<Tables extends Database = Database> = Kysely<Tables>;

/** The core's view of a module's handle: the same connection, typed by the core's tables. */
export const asCore = <Tables extends Database>(db: CoreExecutor<Tables>): Kysely<Database> => db as unknown as Kysely<Database>;
