import { type Kysely, sql } from 'kysely';

// The community (replacing Basecamp): a message board per space. Every Work Group has
// a private space for its members (created on first use: no setup step), and people who take
// part in or lead any group may join networks: one per hub, and national ones (seeded below).
// Threads hold posts (markdown as written, and the sanitised HTML made from it when posted);
// posts may carry files (modules/files). Leads hide posts (kept) and remove members (recorded);
// each member chooses immediate emails, a daily digest or none, per space.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE community_spaces (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('group', 'hub', 'national')),
      work_group_id integer UNIQUE REFERENCES work_groups (id) ON DELETE CASCADE,
      hub_id integer REFERENCES hubs (id) ON DELETE CASCADE,
      slug text UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
      name text CHECK (length(name) BETWEEN 1 AND 150),
      description text CHECK (length(description) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'group') = (work_group_id IS NOT NULL)),
      CHECK ((kind = 'hub') = (hub_id IS NOT NULL)),
      CHECK (kind = 'group' OR (slug IS NOT NULL AND name IS NOT NULL))
    );
    CREATE UNIQUE INDEX community_spaces_hub_idx ON community_spaces (hub_id) WHERE kind = 'hub';

    CREATE TABLE community_threads (
      id serial PRIMARY KEY,
      space_id integer NOT NULL REFERENCES community_spaces (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 150),
      announcement boolean NOT NULL DEFAULT false,
      author_id integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL,
      last_posted_at timestamptz NOT NULL,
      -- every post, hidden ones too; the board shows post_count - hidden_count to members
      post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
      hidden_count integer NOT NULL DEFAULT 0 CHECK (hidden_count BETWEEN 0 AND post_count),
      -- set when a lead hides the thread's opening post: the thread is then hidden from members
      hidden_at timestamptz
    );
    CREATE INDEX community_threads_board_idx ON community_threads (space_id, announcement DESC, last_posted_at DESC);

    CREATE TABLE community_posts (
      id serial PRIMARY KEY,
      thread_id integer NOT NULL REFERENCES community_threads (id) ON DELETE CASCADE,
      opening boolean NOT NULL DEFAULT false,
      author_id integer REFERENCES users (id) ON DELETE SET NULL,
      author_is_lead boolean NOT NULL DEFAULT false,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      body_html text NOT NULL,
      -- which sanitiser settings made body_html (modules/community/markdown.ts): older ones are made again when read
      html_version smallint NOT NULL,
      -- the form's one-off key: the same form sent twice makes one post
      submission_key uuid,
      created_at timestamptz NOT NULL,
      hidden_at timestamptz,
      hidden_by integer REFERENCES users (id) ON DELETE SET NULL,
      UNIQUE (author_id, submission_key)
    );
    CREATE INDEX community_posts_thread_idx ON community_posts (thread_id, id);
    CREATE INDEX community_posts_visible_idx ON community_posts (thread_id, id) WHERE hidden_at IS NULL;
    CREATE INDEX community_posts_created_idx ON community_posts (created_at);
    CREATE UNIQUE INDEX community_posts_opening_idx ON community_posts (thread_id) WHERE opening;

    CREATE TABLE community_attachments (
      post_id integer NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
      file_id integer NOT NULL REFERENCES files (id) ON DELETE CASCADE,
      PRIMARY KEY (post_id, file_id)
    );
    CREATE INDEX community_attachments_file_idx ON community_attachments (file_id);

    -- Networks are joined and left; a group's space has its roster instead.
    CREATE TABLE community_network_members (
      space_id integer NOT NULL REFERENCES community_spaces (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      joined_at timestamptz NOT NULL,
      PRIMARY KEY (space_id, user_id)
    );
    CREATE INDEX community_network_members_user_idx ON community_network_members (user_id);

    -- People a lead removed from a space, by email (a participant is on the roster by the email
    -- their school registered): their registration stands, their access to the space does not.
    CREATE TABLE community_removals (
      space_id integer NOT NULL REFERENCES community_spaces (id) ON DELETE CASCADE,
      email text NOT NULL CHECK (email = lower(email)),
      removed_by integer REFERENCES users (id) ON DELETE SET NULL,
      removed_at timestamptz NOT NULL,
      PRIMARY KEY (space_id, email)
    );

    -- Each member's email choice per space; no row means the daily digest.
    CREATE TABLE community_subscriptions (
      space_id integer NOT NULL REFERENCES community_spaces (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('immediately', 'daily', 'off')),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (space_id, user_id)
    );
    CREATE INDEX community_subscriptions_mode_idx ON community_subscriptions (space_id, mode);

    -- The unsubscribe link in each email: only the SHA-256 of its token is kept.
    CREATE TABLE community_unsubscribe_links (
      token_hash text PRIMARY KEY,
      space_id integer NOT NULL REFERENCES community_spaces (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX community_unsubscribe_links_created_idx ON community_unsubscribe_links (created_at);

    -- Each daily digest run and the window of posts it covered: the next one starts where it ended.
    CREATE TABLE community_digest_runs (
      id serial PRIMARY KEY,
      covered_from timestamptz NOT NULL,
      covered_until timestamptz NOT NULL CHECK (covered_until > covered_from),
      emails integer NOT NULL,
      ran_at timestamptz NOT NULL DEFAULT now()
    );

    -- The national networks (hub networks are made on first use, one per hub).
    INSERT INTO community_spaces (kind, slug, name, description) VALUES
      ('national', 'secondary-subject-leaders', 'Secondary subject leaders — national',
       'Heads of department and subject leaders of secondary maths from every hub: leading a department, curriculum, staffing and teaching for mastery.'),
      ('national', 'secondary-mastery-specialists', 'Secondary Mastery Specialists — national',
       'Mastery Specialists and Work Group leads across the hubs: running Work Groups, planning workshops and supporting departments.'),
      ('national', 'early-career-and-non-specialist', 'Early-career and non-specialist teachers of maths — national',
       'For teachers taking part in SKTM and early-career Work Groups: subject knowledge, questions and resources.');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE community_digest_runs;
    DROP TABLE community_unsubscribe_links;
    DROP TABLE community_subscriptions;
    DROP TABLE community_removals;
    DROP TABLE community_network_members;
    DROP TABLE community_attachments;
    DROP TABLE community_posts;
    DROP TABLE community_threads;
    DROP TABLE community_spaces;
  `.execute(db);
}
