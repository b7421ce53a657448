// The community's tables (migration 0014; edits, deletions and hub networks: 0017).
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database as CoreDatabase } from '../../core/schema.ts';
import type { FileTables } from '../files/index.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SpaceKind = 'group' | 'hub' | 'national';
export type NotificationMode = 'immediately' | 'daily' | 'off';

export interface CommunitySpacesTable {
  id: Generated<number>;
  kind: SpaceKind;
  work_group_id: number | null;
  hub_id: number | null;
  slug: string | null;
  name: string | null;
  description: string | null;
  created_at: DefaultTimestamp;
}

export interface CommunityThreadsTable {
  id: Generated<number>;
  space_id: number;
  title: string;
  announcement: Generated<boolean>;
  author_id: number | null;
  created_at: Timestamp;
  last_posted_at: Timestamp;
  post_count: Generated<number>;
  hidden_count: Generated<number>;
  hidden_at: Timestamp | null;
  deleted_count: Generated<number>;
  opening_deleted_at: Timestamp | null;
}

export interface CommunityPostsTable {
  id: Generated<number>;
  thread_id: number;
  opening: Generated<boolean>;
  author_id: number | null;
  author_is_lead: Generated<boolean>;
  body: string;
  body_html: string;
  html_version: number;
  submission_key: string | null;
  created_at: Timestamp;
  hidden_at: Timestamp | null;
  hidden_by: number | null;
  version: Generated<number>;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

export interface CommunityAttachmentsTable {
  post_id: number;
  file_id: number;
}

export interface CommunityNetworkMembersTable {
  space_id: number;
  user_id: number;
  joined_at: Timestamp;
}

export interface CommunityRemovalsTable {
  space_id: number;
  email: string;
  removed_by: number | null;
  removed_at: Timestamp;
}

export interface CommunitySubscriptionsTable {
  space_id: number;
  user_id: number;
  mode: NotificationMode;
  updated_at: Timestamp;
}

export interface CommunityUnsubscribeLinksTable {
  token_hash: string;
  space_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface CommunityDigestRunsTable {
  id: Generated<number>;
  covered_from: Timestamp;
  covered_until: Timestamp;
  emails: number;
  ran_at: DefaultTimestamp;
}

export interface CommunityTables {
  community_spaces: CommunitySpacesTable;
  community_threads: CommunityThreadsTable;
  community_posts: CommunityPostsTable;
  community_attachments: CommunityAttachmentsTable;
  community_network_members: CommunityNetworkMembersTable;
  community_removals: CommunityRemovalsTable;
  community_subscriptions: CommunitySubscriptionsTable;
  community_unsubscribe_links: CommunityUnsubscribeLinksTable;
  community_digest_runs: CommunityDigestRunsTable;
}

/** What this module's code queries: the core's tables and its own, and the files its posts and tasks carry. */
export interface Database extends CoreDatabase, CommunityTables, FileTables {}

export type Db = Kysely<Database>;
