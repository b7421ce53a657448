import type { Migration } from 'kysely';
import * as m0001 from './0001_domain.ts';
import * as m0002 from './0002_accounts.ts';
import * as m0003 from './0003_eligibility.ts';
import * as m0004 from './0004_work_group_code_index.ts';
import * as m0005 from './0005_session_order_index.ts';
import * as m0006 from './0006_registrations.ts';
import * as m0007 from './0007_joining_details.ts';
import * as m0008 from './0008_api_tokens.ts';
import * as m0009 from './0009_eligibility_overrides.ts';
import * as m0010 from './0010_linked_registrations.ts';
import * as m0011 from './0011_registers.ts';
import * as m0012 from './0012_files.ts';
import * as m0013 from './0013_gap_tasks.ts';
import * as m0014 from './0014_community.ts';
import * as m0015 from './0015_observations.ts';
import * as m0016 from './0016_observation_changes.ts';
import * as m0017 from './0017_community_edits.ts';
import * as m0018 from './0018_group_spaces.ts';
import * as m0019 from './0019_consent_checks.ts';
import * as m0020 from './0020_sign_in_security.ts';
import * as m0021 from './0021_outcome_collaboration.ts';
import * as m0022 from './0022_archived_from.ts';
import * as m0023 from './0023_job_workers_and_sent_emails.ts';
import * as m0024 from './0024_workshops.ts';

// Every migration, in order. Names sort; a new one goes at the end.
export const migrations: Record<string, Migration> = {
  '0001_domain': m0001,
  '0002_accounts': m0002,
  '0003_eligibility': m0003,
  '0004_work_group_code_index': m0004,
  '0005_session_order_index': m0005,
  '0006_registrations': m0006,
  '0007_joining_details': m0007,
  '0008_api_tokens': m0008,
  '0009_eligibility_overrides': m0009,
  '0010_linked_registrations': m0010,
  '0011_registers': m0011,
  '0012_files': m0012,
  '0013_gap_tasks': m0013,
  '0014_community': m0014,
  '0015_observations': m0015,
  '0016_observation_changes': m0016,
  '0017_community_edits': m0017,
  '0018_group_spaces': m0018,
  '0019_consent_checks': m0019,
  '0020_sign_in_security': m0020,
  '0021_outcome_collaboration': m0021,
  '0022_archived_from': m0022,
  '0023_job_workers_and_sent_emails': m0023,
  '0024_workshops': m0024,
};
