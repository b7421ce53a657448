import { type Kysely, sql } from 'kysely';

// The community, finished (ADR 16): an author edits or deletes their own post, and every hub has
// its network from the start.
// - A post gets a version (each edit adds one: a form opened on an older version is refused
//   rather than losing the other tab's text), the time it was last edited, and the time its
//   author deleted it. A deleted post keeps its place in its thread with its text emptied (and
//   its files deleted): the CHECKs keep a deleted post empty, and never both deleted and hidden.
// - A thread counts its deleted posts beside its hidden ones (the board's replies leave both
//   out) and records when its opening post was deleted (the thread stays for its replies).
// - A hub's network was made on the first page that needed it, a write on a read. Now it is made
//   with the hub: a trigger on hubs (hubs come with the data, after the migrations, wherever they
//   are inserted), and here for the hubs there are already.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE community_posts
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN edited_at timestamptz,
      ADD COLUMN deleted_at timestamptz,
      DROP CONSTRAINT community_posts_body_check,
      ADD CONSTRAINT community_posts_body_check CHECK (length(body) <= 20000 AND (length(body) >= 1 OR deleted_at IS NOT NULL)),
      ADD CONSTRAINT community_posts_deleted_check CHECK (deleted_at IS NULL OR (body = '' AND body_html = '' AND hidden_at IS NULL));

    ALTER TABLE community_threads
      ADD COLUMN deleted_count integer NOT NULL DEFAULT 0 CHECK (deleted_count >= 0),
      ADD COLUMN opening_deleted_at timestamptz,
      ADD CONSTRAINT community_threads_counts_check CHECK (hidden_count + deleted_count <= post_count);

    -- A hub's network, as it was made on first use: hub-<hub's slug>, "<hub's name> network". Cut
    -- to the columns' limits and skipped on a clash, so that adding a hub never fails for it.
    CREATE FUNCTION community_hub_network() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO community_spaces (kind, hub_id, slug, name, description)
      VALUES (
        'hub',
        NEW.id,
        rtrim(left('hub-' || NEW.slug, 80), '-'),
        left(NEW.name, 142) || ' network',
        left('Everyone who takes part in or leads a ' || NEW.name || ' Work Group, across all its groups and years.', 1000)
      )
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER hubs_community_network AFTER INSERT ON hubs FOR EACH ROW EXECUTE FUNCTION community_hub_network();

    INSERT INTO community_spaces (kind, hub_id, slug, name, description)
    SELECT 'hub', h.id, rtrim(left('hub-' || h.slug, 80), '-'), left(h.name, 142) || ' network',
           left('Everyone who takes part in or leads a ' || h.name || ' Work Group, across all its groups and years.', 1000)
    FROM hubs h
    ORDER BY h.id
    ON CONFLICT DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Hub networks stay (they were made on first use before); a deleted post reads "(deleted)".
  await sql`
    DROP TRIGGER hubs_community_network ON hubs;
    DROP FUNCTION community_hub_network();
    ALTER TABLE community_threads
      DROP CONSTRAINT community_threads_counts_check,
      DROP COLUMN opening_deleted_at,
      DROP COLUMN deleted_count;
    ALTER TABLE community_posts
      DROP CONSTRAINT community_posts_deleted_check,
      DROP CONSTRAINT community_posts_body_check;
    UPDATE community_posts SET body = '(deleted)', body_html = '<p class="govuk-body">(deleted)</p>' WHERE deleted_at IS NOT NULL;
    ALTER TABLE community_posts
      DROP COLUMN deleted_at,
      DROP COLUMN edited_at,
      DROP COLUMN version,
      ADD CONSTRAINT community_posts_body_check CHECK (length(body) BETWEEN 1 AND 20000);
  `.execute(db);
}
