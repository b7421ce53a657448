// All the SQL of the community: spaces (a Work Group's, made on first use, and the networks),
// threads and posts (edited and deleted by their authors), their files, who joined a network or
// was removed from a space, each member's email choice, unsubscribe links and the daily digest's
// runs. Hub networks are made with their hub (migration 0017's trigger): reading never writes them.
import { type Kysely, sql } from 'kysely';
import type { Database, Db, NotificationMode, SpaceKind } from './tables.ts';
import { accountIdByEmail } from '../../core/identity/accounts-repository.ts';

/** A Kysely handle or a transaction. */
export type Executor = Kysely<Database>;

export type SpaceRow = {
  id: number;
  kind: SpaceKind;
  work_group_id: number | null;
  hub_id: number | null;
  slug: string | null;
  name: string | null;
  description: string | null;
};

export type NewPost = {
  threadId: number;
  authorId: number;
  authorIsLead: boolean;
  body: string;
  bodyHtml: string;
  htmlVersion: number;
  submissionKey: string | null;
  opening: boolean;
  now: Date;
};

export type PostRow = {
  id: number;
  thread_id: number;
  opening: boolean;
  author_id: number | null;
  author_name: string | null;
  author_is_lead: boolean;
  /** Only when body_html is of an older HTML_VERSION. */
  body: string | null;
  body_html: string;
  html_version: number;
  created_at: Date;
  hidden_at: Date | null;
  hidden_by_name: string | null;
  edited_at: Date | null;
  deleted_at: Date | null;
  files: { id: number; name: string; size: number }[];
  thread_title: string;
  thread_announcement: boolean;
  thread_created_at: Date;
  thread_hidden_at: Date | null;
  thread_post_count: number;
  thread_hidden_count: number;
  thread_author_name: string | null;
};

/** The files of post `p`, as a JSON array (empty when it has none). */
const postFiles = () =>
  sql<PostRow['files']>`coalesce((
            SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size) ORDER BY f.id)
            FROM community_attachments a JOIN files f ON f.id = a.file_id
            WHERE a.post_id = p.id), '[]'::json)`.as('files');

const SPACE_COLUMNS = ['s.id', 's.kind', 's.work_group_id', 's.hub_id', 's.slug', 's.name', 's.description'] as const;

export function createCommunityRepository(db: Db) {
  return {
    /** Runs `work` in one transaction. */
    transaction: <T>(work: (trx: Executor) => Promise<T>): Promise<T> => db.transaction().execute(work),

    // ---- spaces -------------------------------------------------------------------------

    /** The Work Group's space (made with the group: migration 0018). */
    async groupSpaceId(workGroupId: number): Promise<number> {
      return (await db.selectFrom('community_spaces').select('id').where('work_group_id', '=', workGroupId).executeTakeFirstOrThrow()).id;
    },

    /** A network by its slug (a hub's network is made with its hub, as `hub-<hub's slug>`). */
    async networkBySlug(slug: string): Promise<SpaceRow | undefined> {
      return db.selectFrom('community_spaces as s').select(SPACE_COLUMNS).where('s.slug', '=', slug).where('s.kind', '<>', 'group').executeTakeFirst();
    },

    /** The national networks, and the hub networks of these hubs, with their members. */
    async networks(hubIds: number[], userId: number) {
      return db
        .selectFrom('community_spaces as s')
        .select([
          ...SPACE_COLUMNS,
          (eb) => eb.selectFrom('community_network_members as m').select(eb.fn.countAll<string>().as('n')).whereRef('m.space_id', '=', 's.id').as('members'),
          (eb) =>
            eb
              .exists(eb.selectFrom('community_network_members as m').select('m.user_id').whereRef('m.space_id', '=', 's.id').where('m.user_id', '=', userId))
              .as('joined'),
        ])
        .where((eb) => eb.or([eb('s.kind', '=', 'national'), ...(hubIds.length ? [eb('s.hub_id', 'in', hubIds)] : [])]))
        .orderBy('s.kind', 'desc') // national first
        .orderBy('s.name')
        .execute();
    },

    /** Networks whose name (in any case) or address is already this one's, other than `exceptId`. */
    async networkClashes(name: string, slug: string, exceptId: number | null) {
      let query = db
        .selectFrom('community_spaces as s')
        .select(['s.id', 's.name', 's.slug'])
        .where('s.kind', '<>', 'group')
        .where((eb) => eb.or([eb(sql`lower(s.name)`, '=', name.toLowerCase()), eb('s.slug', '=', slug)]));
      if (exceptId !== null) query = query.where('s.id', '<>', exceptId);
      return query.orderBy('s.id').execute();
    },

    /** A new national network; undefined if its address was taken meanwhile. */
    async createNetwork(trx: Executor, network: { slug: string; name: string; description: string }): Promise<number | undefined> {
      const row = await trx
        .insertInto('community_spaces')
        .values({ kind: 'national', slug: network.slug, name: network.name, description: network.description })
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async updateNetwork(trx: Executor, spaceId: number, network: { name: string; description: string }): Promise<void> {
      await trx.updateTable('community_spaces').set({ name: network.name, description: network.description }).where('id', '=', spaceId).execute();
    },

    async isNetworkMember(spaceId: number, userId: number): Promise<boolean> {
      const row = await db.selectFrom('community_network_members').select('user_id').where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
      return Boolean(row);
    },

    async joinNetwork(spaceId: number, userId: number, now: Date): Promise<void> {
      await db
        .insertInto('community_network_members')
        .values({ space_id: spaceId, user_id: userId, joined_at: now })
        .onConflict((oc) => oc.columns(['space_id', 'user_id']).doNothing())
        .execute();
    },

    async leaveNetwork(trx: Executor, spaceId: number, userId: number): Promise<void> {
      await trx.deleteFrom('community_network_members').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
    },

    /** Takes the person with this email out of the network. */
    async leaveNetworkByEmail(trx: Executor, spaceId: number, email: string): Promise<void> {
      const userId = await accountIdByEmail(trx, email);
      if (userId === undefined) return;
      await trx.deleteFrom('community_network_members').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
    },

    /** A network's members, by name. */
    async networkMembers(spaceId: number) {
      return db
        .selectFrom('community_network_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id as user_id', 'u.name', 'u.email', 'm.joined_at'])
        .where('m.space_id', '=', spaceId)
        .orderBy('u.name')
        .execute();
    },

    /** The networks a person has joined. */
    async networksOf(userId: number) {
      return db
        .selectFrom('community_network_members as m')
        .innerJoin('community_spaces as s', 's.id', 'm.space_id')
        .select(SPACE_COLUMNS)
        .where('m.user_id', '=', userId)
        .orderBy('s.name')
        .execute();
    },

    /** Whether the email was removed from the Work Group's space (by the group's code), by whom and when. */
    async groupRemoval(code: string, email: string) {
      return db
        .selectFrom('community_removals as r')
        .innerJoin('community_spaces as s', 's.id', 'r.space_id')
        .innerJoin('work_groups as wg', 'wg.id', 's.work_group_id')
        .leftJoin('users as u', 'u.id', 'r.removed_by')
        .select(['r.email', 'r.removed_at', 'u.name as removed_by_name'])
        .where(sql`upper(wg.code)`, '=', code.toUpperCase())
        .where('r.email', '=', email.toLowerCase())
        .executeTakeFirst();
    },

    /** Whether the email was removed from the space, by whom and when. */
    async removal(spaceId: number, email: string) {
      return db
        .selectFrom('community_removals as r')
        .leftJoin('users as u', 'u.id', 'r.removed_by')
        .select(['r.email', 'r.removed_at', 'u.name as removed_by_name'])
        .where('r.space_id', '=', spaceId)
        .where('r.email', '=', email.toLowerCase())
        .executeTakeFirst();
    },

    async removals(spaceId: number) {
      return db
        .selectFrom('community_removals as r')
        .leftJoin('users as u', 'u.id', 'r.removed_by')
        .select(['r.email', 'r.removed_at', 'u.name as removed_by_name'])
        .where('r.space_id', '=', spaceId)
        .orderBy('r.removed_at', 'desc')
        .execute();
    },

    async remove(trx: Executor, spaceId: number, email: string, by: number, now: Date): Promise<boolean> {
      const row = await trx
        .insertInto('community_removals')
        .values({ space_id: spaceId, email: email.toLowerCase(), removed_by: by, removed_at: now })
        .onConflict((oc) => oc.columns(['space_id', 'email']).doNothing())
        .returning('email')
        .executeTakeFirst();
      return Boolean(row);
    },

    async restore(trx: Executor, spaceId: number, email: string): Promise<boolean> {
      const row = await trx.deleteFrom('community_removals').where('space_id', '=', spaceId).where('email', '=', email.toLowerCase()).returning('email').executeTakeFirst();
      return Boolean(row);
    },

    // ---- threads and posts --------------------------------------------------------------

    /** A page of the board: announcements first, then the most recently active threads. */
    async threads(spaceId: number, options: { withHidden: boolean; limit: number; offset: number }) {
      let query = db
        .selectFrom('community_threads as t')
        .leftJoin('users as u', 'u.id', 't.author_id')
        .select([
          't.id',
          't.title',
          't.announcement',
          't.created_at',
          't.last_posted_at',
          't.hidden_at',
          'u.name as author_name',
          options.withHidden ? sql<number>`t.post_count`.as('posts') : sql<number>`t.post_count - t.hidden_count`.as('posts'),
          // Replies that are there to read: not hidden (for members), not deleted, not the opening post.
          sql<number>`t.post_count - ${options.withHidden ? sql`0` : sql`t.hidden_count`} - t.deleted_count - CASE WHEN t.opening_deleted_at IS NULL THEN 1 ELSE 0 END`.as('replies'),
          sql<number>`count(*) OVER ()`.as('total'),
        ])
        .where('t.space_id', '=', spaceId);
      if (!options.withHidden) query = query.where('t.hidden_at', 'is', null);
      return query.orderBy('t.announcement', 'desc').orderBy('t.last_posted_at', 'desc').orderBy('t.id', 'desc').limit(options.limit).offset(options.offset).execute();
    },

    async thread(spaceId: number, threadId: number) {
      return db
        .selectFrom('community_threads as t')
        .leftJoin('users as u', 'u.id', 't.author_id')
        .select(['t.id', 't.title', 't.announcement', 't.created_at', 't.hidden_at', 't.post_count', 't.hidden_count', 'u.name as author_name'])
        .where('t.space_id', '=', spaceId)
        .where('t.id', '=', threadId)
        .executeTakeFirst();
    },

    /**
     * A page of a thread's posts, oldest first, with their authors and files, and on each row the
     * thread itself (one round trip for the page). No rows: no such thread in the space (or a
     * hidden one, unless asked), or a page past its end.
     */
    async threadPage(spaceId: number, threadId: number, options: { withHidden: boolean; limit: number; offset: number; htmlVersion: number }): Promise<PostRow[]> {
      // The page's posts first (by the index on thread and id), then their thread, authors and files.
      let page = db.selectFrom('community_posts').selectAll().where('thread_id', '=', threadId);
      if (!options.withHidden) page = page.where('hidden_at', 'is', null);
      let query = db
        .selectFrom(page.orderBy('id').limit(options.limit).offset(options.offset).as('p'))
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .leftJoin('users as ta', 'ta.id', 't.author_id')
        .leftJoin('users as u', 'u.id', 'p.author_id')
        .leftJoin('users as h', 'h.id', 'p.hidden_by')
        .select([
          'p.id',
          'p.thread_id',
          'p.opening',
          'p.author_id',
          'u.name as author_name',
          'p.author_is_lead',
          // The markdown only where the stored HTML is of older settings (it is made again).
          sql<string | null>`CASE WHEN p.html_version = ${options.htmlVersion} THEN NULL ELSE p.body END`.as('body'),
          'p.body_html',
          'p.html_version',
          'p.created_at',
          'p.hidden_at',
          'h.name as hidden_by_name',
          'p.edited_at',
          'p.deleted_at',
          postFiles(),
          't.title as thread_title',
          't.announcement as thread_announcement',
          't.created_at as thread_created_at',
          't.hidden_at as thread_hidden_at',
          't.post_count as thread_post_count',
          't.hidden_count as thread_hidden_count',
          'ta.name as thread_author_name',
        ])
        .where('t.space_id', '=', spaceId);
      if (!options.withHidden) query = query.where('t.hidden_at', 'is', null);
      return query.orderBy('p.id').execute();
    },

    /** Where a post is: its thread, and how many posts (hidden ones only if asked) come up to it. */
    async postPlace(spaceId: number, postId: number, withHidden: boolean) {
      return db
        .selectFrom('community_posts as p')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .select([
          'p.id',
          'p.thread_id',
          'p.hidden_at',
          't.hidden_at as thread_hidden_at',
          (eb) => {
            let before = eb
              .selectFrom('community_posts as q')
              .select(eb.fn.countAll<string>().as('n'))
              .whereRef('q.thread_id', '=', 'p.thread_id')
              .whereRef('q.id', '<=', 'p.id');
            if (!withHidden) before = before.where('q.hidden_at', 'is', null);
            return before.as('position');
          },
        ])
        .where('t.space_id', '=', spaceId)
        .where('p.id', '=', postId)
        .executeTakeFirst();
    },

    async createThread(trx: Executor, spaceId: number, title: string, announcement: boolean, authorId: number, now: Date): Promise<number> {
      const row = await trx
        .insertInto('community_threads')
        .values({ space_id: spaceId, title, announcement, author_id: authorId, created_at: now, last_posted_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * Adds a post to its thread (and counts it there). Undefined if the author already sent a
     * post with this submission key: the form was sent twice.
     */
    async addPost(trx: Executor, post: NewPost): Promise<{ id: number; postCount: number; hiddenCount: number } | undefined> {
      const row = await trx
        .insertInto('community_posts')
        .values({
          thread_id: post.threadId,
          opening: post.opening,
          author_id: post.authorId,
          author_is_lead: post.authorIsLead,
          body: post.body,
          body_html: post.bodyHtml,
          html_version: post.htmlVersion,
          submission_key: post.submissionKey,
          created_at: post.now,
        })
        .onConflict((oc) => oc.columns(['author_id', 'submission_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return undefined;
      const counts = await trx
        .updateTable('community_threads')
        .set((eb) => ({ post_count: eb('post_count', '+', 1), last_posted_at: post.now }))
        .where('id', '=', post.threadId)
        .returning(['post_count', 'hidden_count'])
        .executeTakeFirstOrThrow();
      return { id: row.id, postCount: counts.post_count, hiddenCount: counts.hidden_count };
    },

    /** The post an author already made with this submission key, with its thread. */
    async postBySubmission(spaceId: number, authorId: number, submissionKey: string) {
      return db
        .selectFrom('community_posts as p')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .select(['p.id', 'p.thread_id'])
        .where('t.space_id', '=', spaceId)
        .where('p.author_id', '=', authorId)
        .where('p.submission_key', '=', submissionKey)
        .executeTakeFirst();
    },

    async attach(trx: Executor, postId: number, fileIds: number[]): Promise<void> {
      if (!fileIds.length) return;
      await trx.insertInto('community_attachments').values(fileIds.map((file_id) => ({ post_id: postId, file_id }))).execute();
    },

    /** Hides or shows a post (kept either way); the opening post takes its thread with it. False if nothing changed. */
    async setHidden(trx: Executor, postId: number, hidden: { by: number; at: Date } | null): Promise<boolean> {
      const row = await trx
        .updateTable('community_posts')
        .set(hidden ? { hidden_at: hidden.at, hidden_by: hidden.by } : { hidden_at: null, hidden_by: null })
        .where('id', '=', postId)
        .where('hidden_at', hidden ? 'is' : 'is not', null)
        .where('deleted_at', 'is', null)
        .returning(['thread_id', 'opening'])
        .executeTakeFirst();
      if (!row) return false;
      await trx
        .updateTable('community_threads')
        .set((eb) => ({
          hidden_count: eb('hidden_count', hidden ? '+' : '-', 1),
          ...(row.opening ? { hidden_at: hidden ? hidden.at : null } : {}),
        }))
        .where('id', '=', row.thread_id)
        .execute();
      return true;
    },

    // ---- an author's edits and deletions -----------------------------------------------

    /** A post of the space, with its text, files and thread: for its author to change or delete, or a lead to hide or show. */
    async postInSpace(spaceId: number, postId: number) {
      return db
        .selectFrom('community_posts as p')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .leftJoin('users as h', 'h.id', 'p.hidden_by')
        .select([
          'p.id',
          'p.thread_id',
          'p.opening',
          'p.author_id',
          'p.body',
          'p.body_html',
          'p.html_version',
          'p.version',
          'p.created_at',
          'p.edited_at',
          'p.hidden_at',
          'h.name as hidden_by_name',
          'p.deleted_at',
          't.title',
          't.hidden_at as thread_hidden_at',
          't.post_count',
          't.deleted_count',
          postFiles(),
        ])
        .where('t.space_id', '=', spaceId)
        .where('p.id', '=', postId)
        .executeTakeFirst();
    },

    /** The post as it stands, locked until the transaction ends (then its thread, never the other way round). */
    async lockPost(trx: Executor, postId: number) {
      return trx
        .selectFrom('community_posts')
        .select(['id', 'thread_id', 'opening', 'body', 'body_html', 'html_version', 'version', 'edited_at', 'hidden_at', 'deleted_at'])
        .where('id', '=', postId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** The thread's title and counts, locked until the transaction ends. */
    async lockThread(trx: Executor, threadId: number) {
      return trx.selectFrom('community_threads').select(['id', 'title', 'post_count', 'deleted_count']).where('id', '=', threadId).forUpdate().executeTakeFirstOrThrow();
    },

    async attachments(trx: Executor, postId: number) {
      return trx
        .selectFrom('community_attachments as a')
        .innerJoin('files as f', 'f.id', 'a.file_id')
        .select(['f.id', 'f.name', 'f.size', 'f.sha256'])
        .where('a.post_id', '=', postId)
        .orderBy('f.id')
        .execute();
    },

    /** The author's new text for a locked post: one more version, edited now. */
    async updatePost(trx: Executor, postId: number, edit: { body: string; bodyHtml: string; htmlVersion: number; now: Date }): Promise<void> {
      await trx
        .updateTable('community_posts')
        .set({ body: edit.body, body_html: edit.bodyHtml, html_version: edit.htmlVersion, edited_at: edit.now, version: sql`version + 1` })
        .where('id', '=', postId)
        .execute();
    },

    async setThreadTitle(trx: Executor, threadId: number, title: string): Promise<void> {
      await trx.updateTable('community_threads').set({ title }).where('id', '=', threadId).execute();
    },

    /** Deletes the post's files with these ids (and their content); other ids are ignored. */
    async removeAttachments(trx: Executor, postId: number, fileIds: number[]): Promise<void> {
      if (!fileIds.length) return;
      await trx
        .deleteFrom('files')
        .where('id', 'in', trx.selectFrom('community_attachments').select('file_id').where('post_id', '=', postId).where('file_id', 'in', fileIds))
        .execute();
    },

    /**
     * Empties a locked post its author deleted, deletes its files, and counts it on its thread
     * (and, for the opening post, marks the thread): it keeps its place.
     */
    async markDeleted(trx: Executor, post: { id: number; thread_id: number; opening: boolean }, now: Date): Promise<void> {
      await trx.deleteFrom('files').where('id', 'in', trx.selectFrom('community_attachments').select('file_id').where('post_id', '=', post.id)).execute();
      await trx.updateTable('community_posts').set({ body: '', body_html: '', deleted_at: now }).where('id', '=', post.id).execute();
      await trx
        .updateTable('community_threads')
        .set((eb) => ({ deleted_count: eb('deleted_count', '+', 1), ...(post.opening ? { opening_deleted_at: now } : {}) }))
        .where('id', '=', post.thread_id)
        .execute();
    },

    /** Deletes a whole thread, its posts and their files. */
    async deleteThread(trx: Executor, threadId: number): Promise<void> {
      await trx
        .deleteFrom('files')
        .where(
          'id',
          'in',
          trx
            .selectFrom('community_attachments as a')
            .innerJoin('community_posts as p', 'p.id', 'a.post_id')
            .select('a.file_id')
            .where('p.thread_id', '=', threadId),
        )
        .execute();
      await trx.deleteFrom('community_threads').where('id', '=', threadId).execute();
    },

    // ---- files --------------------------------------------------------------------------

    /** The files posted in the space, newest first (those of hidden posts only if asked). */
    async files(spaceId: number, withHidden: boolean) {
      let query = db
        .selectFrom('community_attachments as a')
        .innerJoin('files as f', 'f.id', 'a.file_id')
        .innerJoin('community_posts as p', 'p.id', 'a.post_id')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .leftJoin('users as u', 'u.id', 'p.author_id')
        .select(['f.id', 'f.name', 'f.size', 'f.content_type', 'p.id as post_id', 'p.created_at', 'p.hidden_at', 't.id as thread_id', 't.title as thread_title', 'u.name as author_name'])
        .where('t.space_id', '=', spaceId);
      query = query.where('p.deleted_at', 'is', null);
      if (!withHidden) query = query.where('p.hidden_at', 'is', null).where('t.hidden_at', 'is', null);
      return query.orderBy('p.created_at', 'desc').orderBy('f.id', 'desc').execute();
    },

    /** A file posted in the space (not in a hidden post unless asked), with its content. */
    async fileInSpace(spaceId: number, fileId: number, withHidden: boolean) {
      let query = db
        .selectFrom('community_attachments as a')
        .innerJoin('files as f', 'f.id', 'a.file_id')
        .innerJoin('community_posts as p', 'p.id', 'a.post_id')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .select(['f.id', 'f.name', 'f.content_type', 'f.data'])
        .where('t.space_id', '=', spaceId)
        .where('f.id', '=', fileId)
        .where('p.deleted_at', 'is', null);
      if (!withHidden) query = query.where('p.hidden_at', 'is', null).where('t.hidden_at', 'is', null);
      return query.limit(1).executeTakeFirst();
    },

    // ---- emails -------------------------------------------------------------------------

    async modeOf(spaceId: number, userId: number): Promise<NotificationMode | undefined> {
      const row = await db.selectFrom('community_subscriptions').select('mode').where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
      return row?.mode;
    },

    async setMode(executor: Executor, spaceId: number, userId: number, mode: NotificationMode, now: Date): Promise<void> {
      await executor
        .insertInto('community_subscriptions')
        .values({ space_id: spaceId, user_id: userId, mode, updated_at: now })
        .onConflict((oc) => oc.columns(['space_id', 'user_id']).doUpdateSet({ mode, updated_at: now }))
        .execute();
    },

    /** Each chosen mode in the space, by user (no row: the daily digest). */
    async modes(executor: Executor, spaceId: number): Promise<Map<number, NotificationMode>> {
      const rows = await executor.selectFrom('community_subscriptions').select(['user_id', 'mode']).where('space_id', '=', spaceId).execute();
      return new Map(rows.map((r) => [r.user_id, r.mode]));
    },

    /** Whether anyone in the space asked for every post by email (most spaces: nobody). */
    async anyImmediate(executor: Executor, spaceId: number, exceptUserId: number): Promise<boolean> {
      const row = await executor
        .selectFrom('community_subscriptions')
        .select('user_id')
        .where('space_id', '=', spaceId)
        .where('mode', '=', 'immediately')
        .where('user_id', '<>', exceptUserId)
        .limit(1)
        .executeTakeFirst();
      return Boolean(row);
    },

    /** Keeps the hashes of new unsubscribe links (one statement per 1,000). */
    async addUnsubscribeLinks(trx: Executor, links: { tokenHash: string; spaceId: number; userId: number }[], now: Date): Promise<void> {
      for (let i = 0; i < links.length; i += 1000) {
        await trx
          .insertInto('community_unsubscribe_links')
          .values(links.slice(i, i + 1000).map((l) => ({ token_hash: l.tokenHash, space_id: l.spaceId, user_id: l.userId, created_at: now })))
          .execute();
      }
    },

    async unsubscribeLink(tokenHash: string) {
      return db
        .selectFrom('community_unsubscribe_links as l')
        .innerJoin('community_spaces as s', 's.id', 'l.space_id')
        .leftJoin('work_groups as wg', 'wg.id', 's.work_group_id')
        .innerJoin('users as u', 'u.id', 'l.user_id')
        .select(['l.space_id', 'l.user_id', 'u.email', 's.kind', 's.slug', 's.name', 'wg.code', 'wg.title as group_title'])
        .where('l.token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    async pruneUnsubscribeLinks(trx: Executor, before: Date): Promise<void> {
      await trx.deleteFrom('community_unsubscribe_links').where('created_at', '<', before).execute();
    },

    /** Removed emails of the space. */
    async removedEmails(spaceId: number): Promise<Set<string>> {
      const rows = await db.selectFrom('community_removals').select('email').where('space_id', '=', spaceId).execute();
      return new Set(rows.map((r) => r.email));
    },

    // ---- the daily digest ---------------------------------------------------------------

    /** Where the last digest run ended. */
    async lastDigestRun(executor: Executor): Promise<Date | undefined> {
      const row = await executor.selectFrom('community_digest_runs').select('covered_until').orderBy('covered_until', 'desc').limit(1).executeTakeFirst();
      return row?.covered_until;
    },

    /** Takes the digest's lock (one run at a time, until the transaction ends) and returns where the last run ended. */
    async lockDigest(trx: Executor): Promise<Date | undefined> {
      await sql`SELECT pg_advisory_xact_lock(hashtext('community_digest'))`.execute(trx);
      return this.lastDigestRun(trx);
    },

    /** Posts members can see (not hidden, not deleted), made in (from, until], with their space and thread. */
    async postsBetween(executor: Executor, from: Date, until: Date) {
      return executor
        .selectFrom('community_posts as p')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .innerJoin('community_spaces as s', 's.id', 't.space_id')
        .leftJoin('work_groups as wg', 'wg.id', 's.work_group_id')
        .leftJoin('users as u', 'u.id', 'p.author_id')
        .select([
          'p.id',
          'p.author_id',
          'p.created_at',
          'p.opening',
          'u.name as author_name',
          't.id as thread_id',
          't.title as thread_title',
          's.id as space_id',
          's.kind',
          's.slug',
          's.name',
          's.work_group_id',
          'wg.code',
          'wg.title as group_title',
        ])
        .where('p.created_at', '>', from)
        .where('p.created_at', '<=', until)
        .where('p.hidden_at', 'is', null)
        .where('p.deleted_at', 'is', null)
        .where('t.hidden_at', 'is', null)
        .orderBy('s.id')
        .orderBy('t.id')
        .orderBy('p.id')
        .execute();
    },

    async recordDigestRun(trx: Executor, from: Date, until: Date, emails: number): Promise<void> {
      await trx.insertInto('community_digest_runs').values({ covered_from: from, covered_until: until, emails }).execute();
    },

    // ---- home pages ---------------------------------------------------------------------

    /**
     * The threads with the newest posts the person may see (not hidden or deleted) in these groups'
     * spaces (unless their email was removed) and these networks: each thread once, with its newest post.
     */
    async recentPosts(groupIds: number[], networkIds: number[], email: string, limit: number) {
      if (!groupIds.length && !networkIds.length) return [];
      const newestOfEachThread = db
        .selectFrom('community_posts as p')
        .innerJoin('community_threads as t', 't.id', 'p.thread_id')
        .innerJoin('community_spaces as s', 's.id', 't.space_id')
        .leftJoin('work_groups as wg', 'wg.id', 's.work_group_id')
        .leftJoin('users as u', 'u.id', 'p.author_id')
        .select(['p.id', 'p.created_at', 'u.name as author_name', 't.id as thread_id', 't.title as thread_title', 's.kind', 's.slug', 's.name', 'wg.code', 'wg.title as group_title'])
        .where((eb) =>
          eb.or([
            ...(groupIds.length
              ? [
                  eb.and([
                    eb('s.work_group_id', 'in', groupIds),
                    eb.not(
                      eb.exists(
                        eb.selectFrom('community_removals as r').select('r.email').whereRef('r.space_id', '=', 's.id').where('r.email', '=', email.toLowerCase()),
                      ),
                    ),
                  ]),
                ]
              : []),
            ...(networkIds.length ? [eb('s.id', 'in', networkIds)] : []),
          ]),
        )
        .where('p.hidden_at', 'is', null)
        .where('p.deleted_at', 'is', null)
        .where('t.hidden_at', 'is', null)
        .distinctOn('p.thread_id')
        .orderBy('p.thread_id')
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc');
      return db.selectFrom(newestOfEachThread.as('n')).selectAll().orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
    },
  };
}

export type CommunityRepository = ReturnType<typeof createCommunityRepository>;
