// The words of registration: how each status reads to hub staff and to a school, and what a
// registration's reference looks like.
import type { RegistrationStatus } from '../../db/schema.ts';

/** HW-7K3P-9QXM (no 0/O or 1/I to misread on the phone). */
export const REFERENCE_PATTERN = /^HW-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export const STATUS_LABELS: Record<RegistrationStatus, { text: string; colour: string }> = {
  confirmed: { text: 'Confirmed', colour: 'govuk-tag--green' },
  pending_consent: { text: 'Held: awaiting headteacher', colour: 'govuk-tag--yellow' },
  waitlisted: { text: 'Waiting list', colour: 'govuk-tag--blue' },
  declined: { text: 'Headteacher declined', colour: 'govuk-tag--grey' },
  expired: { text: 'Hold expired', colour: 'govuk-tag--grey' },
  withdrawn: { text: 'Withdrawn', colour: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled by the hub', colour: 'govuk-tag--grey' },
};
