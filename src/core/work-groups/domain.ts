// The words hubs use, and the rules that turn stored facts into what a visitor reads.
import type { Mode, OutcomeArea, Phase, Publication } from '../schema.ts';

/** A Work Group's state in the administration (and its audit log). */
export const PUBLICATION_LABELS: Record<Publication, string> = { draft: 'Draft', published: 'Published', closed: 'Closed', archived: 'Archived' };

export const PHASES: Record<Phase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  'cross-phase': 'Cross-phase (primary and secondary)',
  'post-16': 'Post-16',
};

export const STRANDS = {
  'teaching-for-mastery': 'Teaching for Mastery',
  'subject-leadership': 'Secondary Maths Leadership',
  sktm: 'Specialist Knowledge for Teaching Mathematics (SKTM)',
  'mat-leads': 'MAT Leads',
  continuity: 'Year 5 to 8 Continuity',
  'core-maths': 'Core Maths',
  'mastery-specialists': 'Mastery Specialists',
} as const;
export type Strand = keyof typeof STRANDS;

export const MODES: Record<Mode, string> = {
  face_to_face: 'Face to face',
  online: 'Online',
  blended: 'Blended face to face and online',
  tbc: 'To be confirmed',
};

/** Modes as they appear in a URL: face-to-face rather than face_to_face. */
export const MODE_SLUGS: Record<string, Mode> = {
  'face-to-face': 'face_to_face',
  online: 'online',
  blended: 'blended',
  tbc: 'tbc',
};

export const OUTCOME_AREAS: Record<OutcomeArea, string> = {
  pupil: 'Pupil outcomes',
  departmental: 'Departmental policies and approaches',
  practice: 'Practice development',
  professional: 'Professional learning',
  collaboration: 'Working with peers',
};

export type PublicStatus = 'open' | 'full' | 'closed';

export const STATUS_LABELS: Record<PublicStatus, string> = {
  open: 'Open',
  full: 'Full',
  closed: 'Closed',
};

/**
 * Open: published, inside its registration window, with a place left.
 * Full: published and every place taken ("Work group full").
 * Closed: closed by the hub, or outside its registration window.
 * `today` is a 'YYYY-MM-DD' date in Europe/London.
 */
export function publicStatus(
  group: {
    publication: Publication;
    placesTotal: number;
    placesTaken: number;
    registrationOpensOn: string | null;
    registrationClosesOn: string | null;
  },
  today: string,
): PublicStatus {
  if (group.publication !== 'published') return 'closed';
  if (group.placesTaken >= group.placesTotal) return 'full';
  return registrationWindowOpen(group, today) ? 'open' : 'closed';
}

/**
 * Published, and today is within its registration dates: schools may register, taking a place
 * if one is left and joining the waiting list if not.
 */
export function registrationWindowOpen(
  group: { publication: Publication; registrationOpensOn: string | null; registrationClosesOn: string | null },
  today: string,
): boolean {
  return (
    group.publication === 'published' &&
    (!group.registrationOpensOn || group.registrationOpensOn <= today) &&
    (!group.registrationClosesOn || group.registrationClosesOn >= today)
  );
}

/** '2022/23' is stored; '2022-23' goes in URLs. */
export function academicYearSlug(year: string): string {
  return year.replace('/', '-');
}

export function academicYearFromSlug(slug: string): string | null {
  const match = /^(\d{4})-(\d{2})$/.exec(slug);
  if (!match) return null;
  const start = Number(match[1]);
  if ((start + 1) % 100 !== Number(match[2])) return null;
  return `${match[1]}/${match[2]}`;
}

/**
 * What a Work Group's code in an address may be, before it is looked up: letters, digits and
 * hyphens, 30 at most (codes themselves are WRK…, upper case; any case is found). Anything else
 * names no group and is a 404 without a query.
 */
export const WORK_GROUP_CODE = /^[A-Za-z0-9-]{1,30}$/;
