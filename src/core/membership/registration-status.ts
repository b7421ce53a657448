// A registration's statuses: which hold a place or a waiting-list position, and how each reads to
// hub staff and to a school. One place for them: registration writes them, membership and the
// audit log read them.
import type { RegistrationStatus } from '../schema.ts';

/** Statuses that count towards the group's places_taken. */
export const HOLDING: readonly RegistrationStatus[] = ['pending_consent', 'confirmed'];
/** Statuses under which a school cannot register again for the same group. */
export const LIVE: readonly RegistrationStatus[] = ['pending_consent', 'confirmed', 'waitlisted'];

/** How a registration reads: its status, or "Headteacher not verified" for a place held on an approval the hub has to check. */
export function labelOf(r: { status: RegistrationStatus; approved_at?: Date | null }): { text: string; colour: string } {
  if (r.status === 'pending_consent' && r.approved_at) return { text: 'Headteacher not verified', colour: 'govuk-tag--orange' };
  return STATUS_LABELS[r.status] ?? { text: r.status, colour: 'govuk-tag--grey' };
}

export const STATUS_LABELS: Record<RegistrationStatus, { text: string; colour: string }> = {
  confirmed: { text: 'Confirmed', colour: 'govuk-tag--green' },
  pending_consent: { text: 'Held: awaiting headteacher', colour: 'govuk-tag--yellow' },
  waitlisted: { text: 'Waiting list', colour: 'govuk-tag--blue' },
  declined: { text: 'Headteacher declined', colour: 'govuk-tag--grey' },
  expired: { text: 'Hold expired', colour: 'govuk-tag--grey' },
  withdrawn: { text: 'Withdrawn', colour: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled by the hub', colour: 'govuk-tag--grey' },
};
