// A Work Group and a workshop as hubs author them: the values their forms give and the
// repository stores.
import type { Mode, OutcomeArea } from '../schema.ts';

/** The sections of a group's page written in markdown. */
export const MARKDOWN_FIELDS = [
  'purpose',
  'who_for',
  'what_it_involves',
  'benefits',
  'expectations',
  'wider_context',
  'schedule_note',
  'lead_information',
] as const;

export type WorkGroupValues = {
  title: string;
  theme: string | null;
  summary: string;
  project_id: number;
  mode: Mode;
  places_total: number;
  participants_per_school: number;
  joining_details_days: number;
  /** The hub's own words for the joining details email ('' for the standard message). */
  joining_details_text: string;
  cost: string;
  registration_opens_on: string | null;
  registration_closes_on: string | null;
  outcomes: { area: OutcomeArea; lead_in: string; items: string[] }[];
} & Record<(typeof MARKDOWN_FIELDS)[number], string>;

export type SessionValues = {
  workshop_number: number;
  title: string | null;
  date_to_be_confirmed: boolean;
  starts_at: Date | null;
  ends_at: Date | null;
  mode: Mode;
  venue_name: string | null;
  venue_address: string | null;
  joining_link: string | null;
};
