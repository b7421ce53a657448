// The audit log in plain English: each entry's action as a sentence ("Let a school register
// despite the Work Group's rules", never "eligibility.overridden"), what it was about, and each
// change as "Title: from “X” to “Y”" with the field's own name and the words the pages use.
import { londonDate, londonTime } from '../../platform/lib/london-time.ts';
import { ROLE_NAMES } from '../identity/policy.ts';
import { STATUS_LABELS } from '../membership/registration-status.ts';
import { MODES, OUTCOME_AREAS, PHASES, PUBLICATION_LABELS, STRANDS } from '../work-groups/domain.ts';

const ACTIONS: Record<string, string> = {
  'work_group.created': 'Created the Work Group',
  'work_group.updated': 'Changed the Work Group',
  'work_group.publish': 'Published the Work Group',
  'work_group.close': 'Closed the Work Group to registrations',
  'work_group.archive': 'Archived the Work Group',
  'work_group.restore': 'Restored the Work Group',
  'work_group.leaders': 'Chose the Work Group’s leaders',
  'session.added': 'Added a workshop',
  'session.updated': 'Changed a workshop',
  'session.removed': 'Removed a workshop',
  'person.added': 'Added a person to the directory',
  'person.updated': 'Changed a person in the directory',
  'role.assigned': 'Gave someone a role',
  'schools.imported': 'Imported the schools register',
  'eligibility.added': 'Added an eligibility rule',
  'eligibility.removed': 'Removed an eligibility rule',
  'eligibility.overridden': 'Let a school register despite the Work Group’s rules',
  'project.created': 'Created a project',
  'project.updated': 'Changed a project',
  'registration.confirmed': 'Confirmed a registration',
  'registration.cancelled': 'Cancelled a registration',
  'registration.moved': 'Moved a registration to another Work Group',
  'registration.registered': 'Registered a school for a Work Group',
  'registration.approved': 'Approved a registration as the school’s headteacher',
  'registration.approval_refused': 'Did not accept a headteacher’s approval the hub could not check',
  'email.retried': 'Tried sending an email again',
  'community.post.hide': 'Hid a post in a community',
  'community.post.show': 'Showed a hidden post again',
  'community.post.delete': 'Deleted a post',
  'community.thread.delete': 'Deleted a thread',
  'community.member.remove': 'Removed someone from a community',
  'community.member.restore': 'Let someone back into a community',
  'community.network.create': 'Created a national network',
  'community.network.update': 'Changed a national network',
};

/** Each recorded field by the name its form gives it. */
const FIELDS: Record<string, string> = {
  title: 'Title',
  theme: 'Theme',
  summary: 'Summary',
  project_id: 'Project',
  mode: 'How it meets',
  places_total: 'Places',
  participants_per_school: 'Participants per school',
  joining_details_days: 'Days before the first workshop that joining details are sent',
  joining_details_text: 'Joining details',
  cost: 'Cost',
  registration_opens_on: 'Registration opens',
  registration_closes_on: 'Registration closes',
  outcomes: 'Intended outcomes',
  purpose: 'What is it for?',
  who_for: 'Who is it for?',
  what_it_involves: 'What will it involve?',
  benefits: 'What are the benefits?',
  expectations: 'Expectations of participants and their schools',
  wider_context: 'The wider context',
  schedule_note: 'About the dates',
  lead_information: 'About the leaders',
  publication: 'State',
  workshop: 'Workshop',
  workshop_number: 'Workshop number',
  date_to_be_confirmed: 'Date to be confirmed',
  starts_at: 'Starts',
  ends_at: 'Ends',
  venue_name: 'Venue',
  venue_address: 'Address',
  joining_link: 'Joining link',
  name: 'Name',
  email: 'Email address',
  role_title: 'Role',
  bio: 'Biography',
  ncp_code: 'NCP code',
  academic_year: 'Academic year',
  phase: 'Phase',
  strand: 'Programme',
  commitment_days: 'Commitment (days)',
  description: 'Description',
  themes: 'Themes',
  requires: 'Must also join',
  school: 'School',
  workGroup: 'Work Group',
  reason: 'Reason',
  status: 'Status',
  role: 'Role',
  space: 'Community',
  thread: 'Thread',
  member: 'Person',
  text: 'Rule',
  added: 'Schools added',
  updated: 'Schools updated',
  rejected: 'Rows rejected',
  leaders: 'Leaders',
};

const FIELD_ORDER = new Map(Object.keys(FIELDS).map((field, i) => [field, i]));

/** Fields kept for the record that say nothing to a reader. */
const HIDDEN = new Set(['rule_id', 'rule_type', 'kind', 'params', 'opening', 'by', 'slug']);

/** Sentences are cut at this length: the log says what changed, the page has the whole text. */
const LONGEST = 120;

const isChange = (value: unknown): value is { from: unknown; to: unknown } =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value) && 'from' in (value as object) && 'to' in (value as object);

function words(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return 'nothing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'mode') return MODES[value as keyof typeof MODES] ?? String(value);
  if (field === 'publication') return (PUBLICATION_LABELS as Record<string, string>)[String(value)] ?? String(value);
  if (field === 'status' || field === 'registration') return STATUS_LABELS[value as keyof typeof STATUS_LABELS]?.text ?? String(value);
  if (field === 'phase') return PHASES[value as keyof typeof PHASES] ?? String(value);
  if (field === 'strand') return (STRANDS as Record<string, string>)[String(value)] ?? String(value);
  if (field === 'role') return (ROLE_NAMES as Record<string, string>)[String(value)] ?? String(value);
  if ((field === 'starts_at' || field === 'ends_at') && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    const instant = new Date(value);
    return `${londonDate(instant)}, ${londonTime(instant)}`;
  }
  if (field === 'outcomes' && Array.isArray(value)) {
    return value.map((o) => OUTCOME_AREAS[(o as { area: keyof typeof OUTCOME_AREAS }).area] ?? 'outcomes').join(', ');
  }
  if (field === 'leaders' && Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'person' : 'people'}`;
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'number') return String(value);
  // PostgreSQL's numeric comes back as text: 3.0 is 3.
  if (typeof value === 'string' && /^-?\d+\.\d+$/.test(value)) return String(Number(value));
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : JSON.stringify(value);
  return `“${text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text}”`;
}

const label = (field: string) => FIELDS[field] ?? field.replace(/[_.]/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** An action no entry in ACTIONS describes, said as well as its key allows: 'registration.withdrawn' → 'Registration withdrawn'. */
function fallback(action: string): string {
  const text = action.replace(/[._]/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type AuditLine = { what: string; details: string[] };

/** An entry's action as a sentence, and each of its changes as a line. */
export function describeAuditEntry(action: string, changes: unknown): AuditLine {
  const what = ACTIONS[action] ?? fallback(action);
  const details: string[] = [];
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return { what, details };
  // The database keeps no order of keys: the form's order, the reason last.
  const rank = (field: string) => (field === 'reason' ? 1e6 : (FIELD_ORDER.get(field) ?? 1e5));
  const entries = Object.entries(changes as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));

  // A registration's own from/to is its status (or, for a move, its Work Group).
  if (action.startsWith('registration.')) {
    const c = changes as Record<string, unknown>;
    if ('from' in c && 'to' in c) {
      const field = action === 'registration.moved' ? 'workGroup' : 'status';
      details.push(`${label(field)}: from ${words(field, c.from).replace(/^“|”$/g, '')} to ${words(field, c.to).replace(/^“|”$/g, '')}`);
    }
    for (const field of ['school', 'status', 'reason']) {
      if (field === 'status' && action !== 'registration.moved') continue;
      if (c[field] !== undefined && c[field] !== null && c[field] !== '') details.push(`${label(field)}: ${words(field, c[field])}`);
    }
    return { what, details };
  }

  // A new thing: its name is enough (the page shows the rest).
  if (action.endsWith('.created') || action.endsWith('.added') || action === 'community.network.create') {
    const c = changes as Record<string, unknown>;
    if (action === 'session.added') {
      details.push(`Workshop ${words('workshop', c.workshop_number ?? c.workshop)}`);
      if (c.date_to_be_confirmed) details.push('Date to be confirmed');
      else if (c.starts_at) details.push(`${label('starts_at')}: ${words('starts_at', c.starts_at)}`);
      if (c.venue_name) details.push(`${label('venue_name')}: ${words('venue_name', c.venue_name)}`);
      return { what, details };
    }
    for (const field of ['ncp_code', 'title', 'name', 'text']) {
      if (c[field]) details.push(`${label(field)}: ${words(field, c[field])}`);
    }
    return { what, details };
  }

  for (const [field, value] of entries) {
    if (HIDDEN.has(field)) continue;
    if (isChange(value)) details.push(`${label(field)}: from ${words(field, value.from)} to ${words(field, value.to)}`);
    else details.push(`${label(field)}: ${words(field, value)}`);
  }
  return { what, details };
}

/** What an entry was about, as a reader knows it, with a link where the thing has a page. */
export function auditSubject(entry: { subject_type: string; subject_id: string; changes: unknown }): { text: string; href?: string } {
  const c = (entry.changes && typeof entry.changes === 'object' ? entry.changes : {}) as Record<string, unknown>;
  const name = (value: unknown) => (isChange(value) ? value.to : value);
  switch (entry.subject_type) {
    case 'work_group':
      return { text: entry.subject_id, href: `/admin/work-groups/${encodeURIComponent(entry.subject_id)}` };
    case 'registration':
      return typeof c.workGroup === 'string'
        ? { text: entry.subject_id, href: `/admin/work-groups/${encodeURIComponent(c.workGroup)}/registrations/${encodeURIComponent(entry.subject_id)}` }
        : { text: entry.subject_id };
    case 'person':
      return { text: typeof name(c.name) === 'string' ? String(name(c.name)) : `Person ${entry.subject_id}`, href: `/admin/people/${encodeURIComponent(entry.subject_id)}/edit` };
    case 'project':
      return { text: entry.subject_id, href: `/admin/projects/${encodeURIComponent(entry.subject_id)}/edit` };
    case 'community_space':
    case 'community_post':
    case 'community_thread':
      return { text: typeof c.space === 'string' ? c.space : 'A community' };
    case 'schools':
      return { text: `The schools register (${entry.subject_id})` };
    default:
      return { text: entry.subject_id };
  }
}
