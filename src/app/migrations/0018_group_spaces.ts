import { type Kysely, sql } from 'kysely';

// Every Work Group has its community space from the start (ADR 16), as every hub has its
// network (0017): a trigger makes it with the group, wherever groups are inserted (the hubs'
// pages, the demo data), and here for the groups there are already. Before, the space was made on
// the first page that needed it, a write on a read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION community_group_space() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO community_spaces (kind, work_group_id) VALUES ('group', NEW.id) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER work_groups_community_space AFTER INSERT ON work_groups FOR EACH ROW EXECUTE FUNCTION community_group_space();

    INSERT INTO community_spaces (kind, work_group_id)
    SELECT 'group', wg.id FROM work_groups wg ORDER BY wg.id
    ON CONFLICT DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The spaces stay (they were made on first use before).
  await sql`
    DROP TRIGGER work_groups_community_space ON work_groups;
    DROP FUNCTION community_group_space();
  `.execute(db);
}
