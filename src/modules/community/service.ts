// The community's rules. Who may enter a space: a Work Group's space is its members' (its
// participants and leads, services.membership) less anyone a lead removed; a network is the
// people who joined it (anyone who takes part in or leads a Work Group, of that hub for a hub's
// network), with the national administrator (and a hub's staff, for its network) as its leads.
// What a post may be (markdown, sanitised once, with checked files), what leads may do (announce,
// hide and show posts, remove and restore members), what an author may do to their own post (edit
// it, its files and, for an opening post, its thread's title; delete it), who may create and
// rename national networks (the national administrator), and who is emailed about what: a
// mentioned member, every member for an announcement, and those who asked for every post, at
// once; the rest in the daily digest (send_community_digests), unless they turned a space's
// emails off. An edit or a deletion emails nobody.
import { createHash, randomUUID } from 'node:crypto';
import { enqueueMails } from '../../platform/jobs/queue.ts';
import { londonDate, londonShortDate, londonTime } from '../../platform/lib/london-time.ts';
import { newToken, TOKEN_PATTERN, tokenHash } from '../../platform/lib/tokens.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import type { ModuleDeps } from '../../core/module-deps.ts';
import { type DomainError, Forbidden, Gone, NotFound, Refused } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { writeAudit } from '../../core/audit/repository.ts';
import type { CurrentUser } from '../../core/identity/service.ts';
import { isNationalAdmin, policy, staffHubIds } from '../../core/identity/policy.ts';
import { type CheckedFile, checkUpload, saveFile, type Upload } from '../files/index.ts';
import { yearEnds } from '../../core/membership/service.ts';
import * as emails from './emails.ts';
import { HTML_VERSION, renderPost } from './markdown.ts';
import { mentionsIn } from './mentions.ts';
import type { CommunityRepository, Executor, SpaceRow } from './repository.ts';
import type { NotificationMode, SpaceKind } from './tables.ts';

const THREADS_PER_PAGE = 25;
export const POSTS_PER_PAGE = 50;
export const MAX_TITLE = 150;
export const MAX_BODY = 20_000;
export const MAX_ATTACHMENTS = 5;
export const MAX_NETWORK_NAME = 150;
export const MAX_NETWORK_DESCRIPTION = 500;
/** Unsubscribe links work this long after their email was sent. */
const UNSUBSCRIBE_LINK_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

export const NOTIFICATION_MODES: Record<NotificationMode, { label: string; hint: string }> = {
  immediately: { label: 'Every post, as it is made', hint: 'An email for each new thread and reply.' },
  daily: { label: 'A daily digest', hint: 'One email a morning listing the day’s new posts, when there are any.' },
  off: { label: 'No emails', hint: 'You still get announcements and mentions on the board, but no emails at all.' },
};
/** Without a choice, a member gets the daily digest. */
const DEFAULT_MODE: NotificationMode = 'daily';

export type Space = {
  id: number;
  kind: SpaceKind;
  /** The Work Group's title, or the network's name. */
  name: string;
  description: string | null;
  /** Where its pages are: /work-groups/<code>/community or /community/networks/<slug>. */
  path: string;
  groupCode: string | null;
  workGroupId: number | null;
  hubId: number | null;
  /** The day a Work Group's space became read-only (the end of its academic year). */
  yearEnds: string | null;
};

/** The signed-in person in a space: its lead or a member; archived spaces are read-only. */
export type SpaceAccess = { space: Space; role: 'lead' | 'member'; archived: boolean; user: CurrentUser };

export type PostInput = { title?: string; body: string; announcement?: boolean; uploads: Upload[]; submissionKey: string };

/** An author's change to their post: `version` is the one their form showed; `removeFileIds` the files to take off it. */
export type EditInput = { title?: string; body: string; version: number; uploads: Upload[]; removeFileIds: number[] };

/** The text of a post as it is now, shown beside the author's when their form was opened on an older version. */
export type CurrentPost = { title: string | null; html: string; editedAt: Date | null; version: number; files: { id: number; name: string; size: number }[] };

export type Edited =
  | { ok: true; href: string }
  | { ok: false; errors: FieldErrors; values: { title: string; body: string }; removeFileIds: number[]; current?: CurrentPost };

export type NetworkInput = { name: string; description: string };

/** A post saved: its thread, and where it is shown. */
type Posted = { ok: true; threadId: number; postId: number; href: string } | { ok: false; errors: FieldErrors };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*$/;
/** Addresses a network's slug may not take: the pages beside the networks' own. */
const RESERVED_SLUGS = new Set(['new']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** The same less tab and new line, which a post's body keeps. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const BODY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

class DuplicateSubmission extends Error {}

/** "23 November 2026 at 3:05pm", kept for the times of recent posts: a busy thread shows the same ones again and again. */
const whenCache = new Map<number, string>();
function postedWhen(date: Date): string {
  const key = date.getTime();
  let text = whenCache.get(key);
  if (text === undefined) {
    text = `${londonShortDate(date)} at ${londonTime(date)}`;
    if (whenCache.size >= 20_000) whenCache.clear();
    whenCache.set(key, text);
  }
  return text;
}

/** Map.groupBy, which Node 20 does not have. */
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The space's people with accounts, who can be mentioned and emailed. */
type Member = { userId: number; name: string; email: string };

function networkPath(slug: string) {
  return `/community/networks/${slug}`;
}

/** What a change to an archived space gets. */
export function readOnlyError(space: Space): DomainError {
  return new Refused('This community is read-only', [
    `${space.name} ended with its academic year on ${londonDate(new Date(`${space.yearEnds}T12:00:00Z`))}, so nothing more can be posted or changed in its community.`,
    'You can still read its threads and download its files.',
  ]);
}

function removedError(space: Space, removal: { removed_at: Date; removed_by_name: string | null }): DomainError {
  return new Refused('You have been removed from this community', [
    `${removal.removed_by_name ?? 'A lead'} removed you from ${space.name}’s community on ${londonDate(removal.removed_at)}.`,
    'If you think this is a mistake, ask the Work Group’s lead.',
  ]);
}

function deletedError(deletedAt: Date): DomainError {
  return new Gone('This post was deleted', [`Its author deleted it on ${londonDate(deletedAt)} at ${londonTime(deletedAt)}, so it can no longer be changed.`]);
}

function hiddenError(hidden: { hidden_at: Date; hidden_by_name: string | null }): DomainError {
  return new Refused('This post is hidden', [
    `${hidden.hidden_by_name ?? 'A lead'} hid it on ${londonDate(hidden.hidden_at)}, so it cannot be changed or deleted.`,
    'If you think this is a mistake, ask the community’s lead.',
  ]);
}

const notYoursError = () => new Refused('You can only change your own posts', ['Only the person who wrote a post can change or delete it.']);

/**
 * A national network's address from its name: lower-case words joined by hyphens, accents
 * dropped, up to 60 characters; never one of a hub network's (`hub-…`) or a reserved page's.
 */
export function slugOf(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 60) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, 60);
  if (!slug) return '';
  if (slug === 'hub' || slug.startsWith('hub-')) slug = `national-${slug}`;
  if (RESERVED_SLUGS.has(slug)) slug = `${slug}-network`;
  return slug;
}

export function createCommunityService(deps: ModuleDeps & { repository: CommunityRepository }) {
  const repo = deps.repository;
  const { membership } = deps;
  const now = () => deps.clock();
  const url = (path: string) => `${deps.baseUrl}${path}`;
  /** Work Group id → its space's id: spaces are never removed while their group stands. */
  const groupSpaces = new Map<number, number>();

  async function groupSpaceId(workGroupId: number): Promise<number> {
    const known = groupSpaces.get(workGroupId);
    if (known !== undefined) return known;
    const id = await repo.groupSpaceId(workGroupId);
    if (groupSpaces.size > 50_000) groupSpaces.clear();
    groupSpaces.set(workGroupId, id);
    return id;
  }

  function networkSpace(row: SpaceRow): Space {
    return {
      id: row.id,
      kind: row.kind,
      name: row.name ?? '',
      description: row.description,
      path: networkPath(row.slug ?? ''),
      groupCode: null,
      workGroupId: null,
      hubId: row.hub_id,
      yearEnds: null,
    };
  }

  /** Leads of a network: the national administrator, and a hub's staff for their hub's network. */
  const leadsNetwork = (user: CurrentUser, row: SpaceRow) => isNationalAdmin(user) || (row.kind === 'hub' && policy.manageHubProgramme(user, row.hub_id));

  /** Whether the person may join the network: they take part in or lead a Work Group (of the hub, for a hub's network). */
  async function mayJoin(user: CurrentUser, row: SpaceRow): Promise<boolean> {
    if (leadsNetwork(user, row)) return true;
    if (row.kind === 'national' && staffHubIds(user).length) return true;
    const groups = await membership.groupsOf(user);
    return row.kind === 'national' ? groups.length > 0 : groups.some((g) => g.hub_id === row.hub_id);
  }

  function mustWrite(access: SpaceAccess) {
    if (access.archived) throw readOnlyError(access.space);
  }

  function mustLead(access: SpaceAccess) {
    if (access.role !== 'lead') throw new Forbidden();
  }

  /** The space's members with accounts (less anyone removed), for mentions and emails. */
  async function membersOf(space: Space): Promise<Member[]> {
    const byId = new Map<number, Member>();
    if (space.workGroupId !== null) {
      const [{ participants, leads }, removed] = await Promise.all([
        membership.members(space.workGroupId),
        repo.removedEmails(space.id),
      ]);
      for (const lead of leads) byId.set(lead.user_id, { userId: lead.user_id, name: lead.name, email: lead.email });
      for (const p of participants) {
        if (p.user_id === null || removed.has(p.email.toLowerCase()) || byId.has(p.user_id)) continue;
        byId.set(p.user_id, { userId: p.user_id, name: p.name, email: p.email.toLowerCase() });
      }
    } else {
      for (const m of await repo.networkMembers(space.id)) byId.set(m.user_id, { userId: m.user_id, name: m.name, email: m.email });
    }
    return [...byId.values()];
  }

  /** New unsubscribe links, one for each member and space (only their hashes are kept), in one go. */
  async function unsubscribeUrls(trx: Executor, links: { spaceId: number; userId: number }[]): Promise<string[]> {
    const tokens = links.map(() => newToken());
    await repo.addUnsubscribeLinks(trx, links.map((link, i) => ({ ...link, tokenHash: tokenHash(tokens[i]!) })), now());
    return tokens.map((token) => url(`/community/unsubscribe/${token}`));
  }

  type Letter = { member: Member; message: (to: string, s: emails.MailSpace, p: emails.MailPost, u: string) => Message };

  /**
   * Who is emailed about a new post, and which email: a mentioned member, every member for an
   * announcement, and those who asked for every post; nobody who turned the space's emails off.
   * Read before the post's transaction (the roster is read on the pool, and a transaction must
   * not wait for a second connection while it holds one).
   */
  async function recipients(access: SpaceAccess, body: string, announcement: boolean): Promise<Letter[]> {
    const { space, user } = access;
    const mayMention = body.includes('@');
    if (!announcement && !mayMention && !(await repo.anyImmediate(deps.db, space.id, user.id))) return [];
    const members = (await membersOf(space)).filter((m) => m.userId !== user.id);
    if (!members.length) return [];
    const mentioned = mayMention ? mentionsIn(body, members) : new Set<number>();
    const modes = await repo.modes(deps.db, space.id);
    const letters: Letter[] = [];
    for (const member of members) {
      const mode = modes.get(member.userId) ?? DEFAULT_MODE;
      if (mode === 'off') continue;
      if (mentioned.has(member.userId)) letters.push({ member, message: emails.mention });
      else if (announcement) letters.push({ member, message: emails.announcement });
      else if (mode === 'immediately') letters.push({ member, message: emails.newPost });
    }
    return letters;
  }

  /**
   * Queues the emails about a new post, in its transaction, each with its own unsubscribe link:
   * the links and the emails each in one statement (per 1,000 and 500), so that an announcement
   * to a national network's thousands of members is a few statements, not a round trip each.
   */
  async function notify(trx: Executor, access: SpaceAccess, letters: Letter[], post: { id: number; threadTitle: string; body: string; postedAt: Date }): Promise<void> {
    if (!letters.length) return;
    const { space, user } = access;
    const mailSpace = { name: space.name, url: url(space.path) };
    const mailPost = { author: user.name, threadTitle: post.threadTitle, body: post.body, url: url(`${space.path}/posts/${post.id}`), postedAt: post.postedAt };
    const links = await unsubscribeUrls(trx, letters.map(({ member }) => ({ spaceId: space.id, userId: member.userId })));
    await enqueueMails(trx, letters.map(({ member, message }, i) => message(member.email, mailSpace, mailPost, links[i]!)));
  }

  /** The address of a post: its thread's page (by its place among the posts the person sees) and its anchor. */
  function postPath(access: SpaceAccess, threadId: number, postId: number, position: number): string {
    const page = Math.max(1, Math.ceil(position / POSTS_PER_PAGE));
    return `${access.space.path}/threads/${threadId}${page > 1 ? `?page=${page}` : ''}#post-${postId}`;
  }

  async function findPost(access: SpaceAccess, postId: number): Promise<string | undefined> {
    const withHidden = access.role === 'lead';
    const place = await repo.postPlace(access.space.id, postId, withHidden);
    if (!place || (!withHidden && (place.hidden_at || place.thread_hidden_at))) return undefined;
    return postPath(access, place.thread_id, place.id, Number(place.position));
  }

  /** The post's text and files, checked: a message for each field that is wrong. */
  function checkPost(access: SpaceAccess, input: PostInput, withTitle: boolean): { errors: FieldErrors; files: CheckedFile[]; title: string; body: string } {
    const errors: FieldErrors = {};
    // Control characters are dropped (PostgreSQL cannot store a NUL in text); tabs and new lines stay in the body.
    const title = (input.title ?? '').replace(CONTROL, ' ').trim().replace(/\s+/g, ' ');
    const body = input.body.replace(/\r\n?/g, '\n').replace(BODY_CONTROL, '').trim();
    if (withTitle) {
      if (!title) errors.title = 'Enter a title for the thread';
      else if (title.length > MAX_TITLE) errors.title = `The title must be ${MAX_TITLE} characters or fewer`;
    }
    if (!body) errors.body = withTitle ? 'Enter your message' : 'Enter your reply';
    else if (body.length > MAX_BODY) errors.body = `Your message must be ${MAX_BODY.toLocaleString('en-GB')} characters or fewer (it has ${body.length.toLocaleString('en-GB')})`;
    if (input.announcement && access.role !== 'lead') errors.announcement = 'Only the group’s leads can post announcements';
    const files: CheckedFile[] = [];
    if (input.uploads.length > MAX_ATTACHMENTS) errors.attachments = `Choose ${MAX_ATTACHMENTS} files or fewer`;
    else {
      const problems: string[] = [];
      for (const upload of input.uploads) {
        const checked = checkUpload(upload);
        if (checked.ok) files.push(checked.file);
        else problems.push(input.uploads.length > 1 ? `${upload.fileName || 'A file'}: ${checked.message}` : checked.message);
      }
      if (problems.length) errors.attachments = problems.join('. ');
    }
    return { errors, files, title, body };
  }

  /** Saves a post and its files, and queues its emails, in one transaction; one post per submission key. */
  async function savePost(
    access: SpaceAccess,
    input: PostInput,
    target: { threadId: number; title: string; announcement: boolean } | { newThread: { title: string; announcement: boolean } },
    body: string,
    files: CheckedFile[],
  ): Promise<{ threadId: number; postId: number; href: string }> {
    const submissionKey = UUID.test(input.submissionKey) ? input.submissionKey : null;
    const at = now();
    const meta = 'threadId' in target ? target : target.newThread;
    const letters = await recipients(access, body, meta.announcement && !('threadId' in target));
    try {
      return await repo.transaction(async (trx) => {
        const threadId = 'threadId' in target ? target.threadId : await repo.createThread(trx, access.space.id, target.newThread.title, target.newThread.announcement, access.user.id, at);
        const added = await repo.addPost(trx, {
          threadId,
          authorId: access.user.id,
          authorIsLead: access.role === 'lead',
          body,
          bodyHtml: renderPost(body),
          htmlVersion: HTML_VERSION,
          submissionKey,
          opening: !('threadId' in target),
          now: at,
        });
        if (!added) throw new DuplicateSubmission();
        const postId = added.id;
        const fileIds: number[] = [];
        for (const file of files) fileIds.push(await saveFile(trx, file, access.user.id));
        await repo.attach(trx, postId, fileIds);
        await notify(trx, access, letters, { id: postId, threadTitle: meta.title, body, postedAt: at });
        // The newest post of its thread: its place is the thread's count (hidden posts aside, for members).
        const position = access.role === 'lead' ? added.postCount : added.postCount - added.hiddenCount;
        return { threadId, postId, href: postPath(access, threadId, postId, position) };
      });
    } catch (error) {
      // The thread's only post was deleted by its author while this reply was on its way.
      if ((error as { code?: string }).code === '23503' && 'threadId' in target) throw new NotFound('thread');
      if (!(error instanceof DuplicateSubmission) || !submissionKey) throw error;
      // The same form again (a double click, a resend): the post it made the first time.
      const first = await repo.postBySubmission(access.space.id, access.user.id, submissionKey);
      if (!first) throw error;
      const href = (await findPost(access, first.id)) ?? `${access.space.path}/threads/${first.thread_id}`;
      return { threadId: first.thread_id, postId: first.id, href };
    }
  }

  /**
   * The person's own post, for them to change or delete: refused in an archived space, for
   * someone else's post, and for a deleted or hidden one, each with a page saying why (a post
   * they cannot see at all is not found).
   */
  async function ownPost(access: SpaceAccess, postId: number) {
    mustWrite(access);
    const post = await repo.postInSpace(access.space.id, postId);
    const seen = post && (access.role === 'lead' || (!post.thread_hidden_at && (!post.hidden_at || post.author_id === access.user.id)));
    if (!post || !seen) throw new NotFound('post');
    if (post.author_id !== access.user.id) throw notYoursError();
    if (post.deleted_at) throw deletedError(post.deleted_at);
    if (post.hidden_at) throw hiddenError({ hidden_at: post.hidden_at, hidden_by_name: post.hidden_by_name });
    return post;
  }

  /** A notice word added to a post's address (before its anchor). */
  function withDone(href: string, done: string): string {
    const [path = '', anchor] = href.split('#');
    return `${path}${path.includes('?') ? '&' : '?'}done=${done}${anchor ? `#${anchor}` : ''}`;
  }

  /** A network's name and description, tidied and checked. */
  function checkNetwork(input: NetworkInput): { errors: FieldErrors; name: string; description: string; slug: string } {
    const errors: FieldErrors = {};
    const name = input.name.replace(CONTROL, ' ').trim().replace(/\s+/g, ' ');
    const description = input.description.replace(CONTROL, ' ').trim().replace(/\s+/g, ' ');
    const slug = slugOf(name);
    if (!name) errors.name = 'Enter a name for the network';
    else if (name.length > MAX_NETWORK_NAME) errors.name = `The name must be ${MAX_NETWORK_NAME} characters or fewer`;
    else if (!slug) errors.name = 'Enter a name with letters or numbers in it';
    if (!description) errors.description = 'Enter a short description of who the network is for';
    else if (description.length > MAX_NETWORK_DESCRIPTION) errors.description = `The description must be ${MAX_NETWORK_DESCRIPTION} characters or fewer (it has ${description.length})`;
    return { errors, name, description, slug };
  }

  /** A message for the name if another network has it (or the address made from it). */
  async function nameClash(name: string, slug: string, exceptId: number | null): Promise<string | undefined> {
    const clashes = await repo.networkClashes(name, slug, exceptId);
    const same = clashes.find((c) => (c.name ?? '').toLowerCase() === name.toLowerCase());
    if (same) return `There is already a network called ${same.name}: choose a different name`;
    // Only a new network takes an address from its name; a renamed one keeps its own.
    const alike = exceptId === null ? clashes.find((c) => c.slug === slug) : undefined;
    if (alike) return `The name is too like that of ${alike.name} (its address would be the same): choose a different name`;
    return undefined;
  }

  function mustAdministerNetworks(user: CurrentUser) {
    if (!isNationalAdmin(user)) throw new Forbidden();
  }

  /** A national network, for the national administrator to change. */
  async function nationalNetwork(user: CurrentUser, slug: string): Promise<SpaceRow> {
    mustAdministerNetworks(user);
    const row = SLUG.test(slug) ? await repo.networkBySlug(slug) : undefined;
    if (row?.kind !== 'national') throw new NotFound('national network');
    return row;
  }

  return {
    /** A fresh key for a post form: the same form sent twice makes one post. */
    submissionKey: () => randomUUID(),

    // ---- entering a space -----------------------------------------------------------------

    /** The Work Group's space for the signed-in person (NotFound, Forbidden, or removed). */
    async groupSpace(user: CurrentUser | undefined, code: string): Promise<SpaceAccess> {
      // Whether they were removed is read beside their membership (one round trip, not two).
      const [access, removal] = await Promise.all([
        membership.require(user, code),
        user && /^[A-Za-z0-9-]{1,30}$/.test(code) ? repo.groupRemoval(code, user.email) : undefined,
      ]);
      const { group } = access;
      const space: Space = {
        id: await groupSpaceId(group.id),
        kind: 'group',
        name: group.title,
        description: null,
        path: `/work-groups/${group.code}/community`,
        groupCode: group.code,
        workGroupId: group.id,
        hubId: group.hub_id,
        yearEnds: yearEnds(group.academic_year),
      };
      if (access.role === 'participant' && removal) throw removedError(space, removal);
      return { space, role: access.role === 'lead' ? 'lead' : 'member', archived: access.archived, user: user! };
    },

    /**
     * A network's board for the signed-in person: its leads and members. Someone who has not
     * joined gets `join` (whether they may) instead of access.
     */
    async networkSpace(user: CurrentUser, slug: string): Promise<SpaceAccess | { join: boolean; space: Space; removed?: { removed_at: Date; removed_by_name: string | null } }> {
      const row = SLUG.test(slug) ? await repo.networkBySlug(slug) : undefined;
      if (!row) throw new NotFound('network');
      const space = networkSpace(row);
      if (leadsNetwork(user, row)) return { space, role: 'lead', archived: false, user };
      const removed = await repo.removal(space.id, user.email);
      if (removed) return { join: false, space, removed };
      if (await repo.isNetworkMember(space.id, user.id)) return { space, role: 'member', archived: false, user };
      return { join: await mayJoin(user, row), space };
    },

    // ---- the board ------------------------------------------------------------------------

    /** A page of the board's threads, announcements first, with the member's email choice. */
    async board(access: SpaceAccess, page: number) {
      const withHidden = access.role === 'lead';
      const [threads, mode] = await Promise.all([
        repo.threads(access.space.id, { withHidden, limit: THREADS_PER_PAGE, offset: (page - 1) * THREADS_PER_PAGE }),
        repo.modeOf(access.space.id, access.user.id),
      ]);
      const total = Number(threads[0]?.total ?? 0);
      return {
        threads: threads.map((t) => ({ ...t, posts: Number(t.posts), replies: Math.max(Number(t.replies), 0) })),
        page,
        pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
        total,
        mode: mode ?? DEFAULT_MODE,
      };
    },

    /** A page of a thread: its posts in order (hidden ones for leads only). Undefined if there is no such thread for them. */
    async threadPage(access: SpaceAccess, threadId: number, page: number) {
      const withHidden = access.role === 'lead';
      const rows = await repo.threadPage(access.space.id, threadId, { withHidden, limit: POSTS_PER_PAGE, offset: (page - 1) * POSTS_PER_PAGE, htmlVersion: HTML_VERSION });
      const first = rows[0];
      let thread: { id: number; title: string; announcement: boolean; created_at: Date; hidden_at: Date | null; author_name: string | null; post_count: number; hidden_count: number };
      if (first) {
        thread = {
          id: threadId,
          title: first.thread_title,
          announcement: first.thread_announcement,
          created_at: first.thread_created_at,
          hidden_at: first.thread_hidden_at,
          author_name: first.thread_author_name,
          post_count: first.thread_post_count,
          hidden_count: first.thread_hidden_count,
        };
      } else {
        // No posts on this page: is there such a thread at all (then the page is past its end)?
        const found = await repo.thread(access.space.id, threadId);
        if (!found || (found.hidden_at && !withHidden)) return undefined;
        thread = found;
      }
      const total = withHidden ? thread.post_count : thread.post_count - thread.hidden_count;
      return {
        thread,
        posts: rows.map((p) => ({
          id: p.id,
          author_name: p.author_name,
          author_is_lead: p.author_is_lead,
          created_at: p.created_at,
          hidden_at: p.hidden_at,
          hidden_by_name: p.hidden_by_name,
          edited_at: p.edited_at,
          editedWhen: p.edited_at ? postedWhen(p.edited_at) : null,
          deleted_at: p.deleted_at,
          // The author may change or delete it while it is neither hidden nor deleted.
          mine: p.author_id === access.user.id && !p.hidden_at && !p.deleted_at,
          // A deleted post keeps its place, with nothing of what it said.
          files: p.deleted_at ? [] : p.files,
          // The stored HTML, unless older sanitiser settings made it (then the markdown comes too).
          html: p.deleted_at ? '' : p.html_version === HTML_VERSION || p.body === null ? p.body_html : renderPost(p.body),
          when: postedWhen(p.created_at),
        })),
        page,
        pages: Math.max(1, Math.ceil(total / POSTS_PER_PAGE)),
        total,
      };
    },

    /** Where a post is shown (its thread's page and anchor), or undefined if the person cannot see it. */
    postHref: findPost,

    /** Starts a thread with its first post (an announcement, from a lead). */
    async startThread(access: SpaceAccess, input: PostInput): Promise<Posted> {
      mustWrite(access);
      const checked = checkPost(access, input, true);
      if (Object.keys(checked.errors).length) return { ok: false, errors: checked.errors };
      const announcement = Boolean(input.announcement) && access.role === 'lead';
      const saved = await savePost(access, input, { newThread: { title: checked.title, announcement } }, checked.body, checked.files);
      return { ok: true, ...saved };
    },

    /** Replies to a thread the person can see. */
    async reply(access: SpaceAccess, threadId: number, input: PostInput): Promise<Posted | undefined> {
      mustWrite(access);
      const thread = await repo.thread(access.space.id, threadId);
      if (!thread || (thread.hidden_at && access.role !== 'lead')) return undefined;
      const checked = checkPost(access, input, false);
      if (Object.keys(checked.errors).length) return { ok: false, errors: checked.errors };
      const saved = await savePost(access, input, { threadId, title: thread.title, announcement: false }, checked.body, checked.files);
      return { ok: true, ...saved };
    },

    /** A lead hides a post (kept, and shown to leads as hidden) or shows it again. */
    async setHidden(access: SpaceAccess, postId: number, hidden: boolean): Promise<{ threadId: number } | undefined> {
      mustLead(access);
      mustWrite(access);
      const post = await repo.postInSpace(access.space.id, postId);
      if (!post) return undefined;
      await repo.transaction(async (trx) => {
        const changed = await repo.setHidden(trx, postId, hidden ? { by: access.user.id, at: now() } : null);
        if (changed) {
          await writeAudit(trx, {
            actorUserId: access.user.id,
            action: hidden ? 'community.post.hide' : 'community.post.show',
            subjectType: 'community_post',
            subjectId: String(postId),
            hubId: access.space.hubId,
            changes: { space: access.space.name, thread: post.title, opening: post.opening },
          });
        }
      });
      return { threadId: post.thread_id };
    },

    // ---- an author's own post ---------------------------------------------------------------

    /** The author's post as its edit and delete pages show it (refused as ownPost says). */
    async ownPost(access: SpaceAccess, postId: number) {
      const post = await ownPost(access, postId);
      return {
        id: post.id,
        threadId: post.thread_id,
        opening: post.opening,
        title: post.title,
        body: post.body,
        html: post.html_version === HTML_VERSION ? post.body_html : renderPost(post.body),
        version: post.version,
        files: post.files,
        when: postedWhen(post.created_at),
        editedWhen: post.edited_at ? postedWhen(post.edited_at) : null,
        // Deleting the opening post of a thread nobody else has posted in (deleted posts aside) removes the thread.
        removesThread: post.opening && post.post_count - post.deleted_count <= 1,
        href: (await findPost(access, post.id)) ?? `${access.space.path}/threads/${post.thread_id}`,
      };
    },

    /**
     * The author changes their post: its text (checked as when it was posted, and rendered and
     * sanitised again), for an opening post its thread's title, and its files (some removed, some
     * added, up to the same limit). If the post changed since their form was opened (another tab),
     * nothing is saved and both versions come back; the same change sent twice is saved once.
     * Nobody is emailed.
     */
    async editPost(access: SpaceAccess, postId: number, input: EditInput): Promise<Edited> {
      const post = await ownPost(access, postId);
      const checked = checkPost(access, { title: input.title, body: input.body, uploads: input.uploads, submissionKey: '' }, post.opening);
      const { errors, files, body } = checked;
      const title = post.opening ? checked.title : post.title;
      const values = { title: post.opening ? (input.title ?? '') : '', body: input.body };
      const at = now();
      const result = await repo.transaction(async (trx): Promise<Edited> => {
        const current = await repo.lockPost(trx, postId);
        if (!current || current.deleted_at) throw deletedError(current?.deleted_at ?? at);
        if (current.hidden_at) throw hiddenError({ hidden_at: current.hidden_at, hidden_by_name: null });
        const thread = await repo.lockThread(trx, current.thread_id);
        const attached = await repo.attachments(trx, postId);
        const removeFileIds = input.removeFileIds.filter((id) => attached.some((f) => f.id === id));
        const total = attached.length - removeFileIds.length + files.length;
        if (!errors.attachments && total > MAX_ATTACHMENTS) {
          errors.attachments = `A post can have up to ${MAX_ATTACHMENTS} files: remove ${total - MAX_ATTACHMENTS} more or choose fewer`;
        }
        const sameTitle = !post.opening || thread.title === title;
        if (current.version !== input.version) {
          // The same change sent again (a double click, a resent form): it is saved already.
          const sameFiles = files.every((f) => attached.some((a) => a.sha256 === createHash('sha256').update(f.bytes).digest('hex')));
          const same = current.body === body && sameTitle && removeFileIds.length === 0 && sameFiles;
          if (same && !Object.keys(errors).length) return { ok: true, href: '' };
          errors.body = 'This post was changed since you opened it, so your changes have not been saved. It is shown as it is now above your text, which is kept: check both, then save again';
          return {
            ok: false,
            errors,
            values,
            removeFileIds: [],
            current: { title: post.opening ? thread.title : null, html: current.html_version === HTML_VERSION ? current.body_html : renderPost(current.body), editedAt: current.edited_at, version: current.version, files: attached.map(({ id, name, size }) => ({ id, name, size })) },
          };
        }
        if (Object.keys(errors).length) return { ok: false, errors, values, removeFileIds };
        // Nothing changed: nothing to save, and the post is not marked edited.
        if (current.body === body && sameTitle && !removeFileIds.length && !files.length) return { ok: true, href: '' };
        await repo.updatePost(trx, postId, { body, bodyHtml: renderPost(body), htmlVersion: HTML_VERSION, now: at });
        if (!sameTitle) await repo.setThreadTitle(trx, thread.id, title);
        await repo.removeAttachments(trx, postId, removeFileIds);
        const fileIds: number[] = [];
        for (const file of files) fileIds.push(await saveFile(trx, file, access.user.id));
        await repo.attach(trx, postId, fileIds);
        return { ok: true, href: '' };
      });
      if (!result.ok) return result;
      const href = (await findPost(access, postId)) ?? `${access.space.path}/threads/${post.thread_id}`;
      return { ok: true, href: withDone(href, 'edited') };
    },

    /**
     * The author deletes their post: it keeps its place in the thread, emptied, its files deleted
     * (audited, as hiding is). The opening post of a thread with nothing else in it (other posts
     * deleted aside) takes the thread with it. Where to go next.
     */
    async deletePost(access: SpaceAccess, postId: number): Promise<{ threadRemoved: boolean; href: string }> {
      const post = await ownPost(access, postId);
      const at = now();
      const threadRemoved = await repo.transaction(async (trx) => {
        const current = await repo.lockPost(trx, postId);
        if (!current || current.deleted_at) throw deletedError(current?.deleted_at ?? at);
        if (current.hidden_at) throw hiddenError({ hidden_at: current.hidden_at, hidden_by_name: null });
        const thread = await repo.lockThread(trx, current.thread_id);
        const removeThread = current.opening && thread.post_count - thread.deleted_count <= 1;
        if (removeThread) await repo.deleteThread(trx, thread.id);
        else await repo.markDeleted(trx, current, at);
        await writeAudit(trx, {
          actorUserId: access.user.id,
          action: removeThread ? 'community.thread.delete' : 'community.post.delete',
          subjectType: removeThread ? 'community_thread' : 'community_post',
          subjectId: String(removeThread ? thread.id : postId),
          hubId: access.space.hubId,
          changes: { space: access.space.name, thread: thread.title, opening: current.opening, by: 'author' },
        });
        return removeThread;
      });
      if (threadRemoved) return { threadRemoved, href: `${access.space.path}?done=thread-deleted` };
      const href = (await findPost(access, postId)) ?? `${access.space.path}/threads/${post.thread_id}`;
      return { threadRemoved, href: withDone(href, 'deleted') };
    },

    // ---- files ----------------------------------------------------------------------------

    files: (access: SpaceAccess) => repo.files(access.space.id, access.role === 'lead'),

    /** A file of a post the person can see in this space, or undefined (however its id was found). */
    file: (access: SpaceAccess, fileId: number) => repo.fileInSpace(access.space.id, fileId, access.role === 'lead'),

    // ---- members ----------------------------------------------------------------------------

    /** Who is in the space, and (for leads) who was removed, by whom and when. */
    async members(access: SpaceAccess) {
      const { space } = access;
      const removals = await repo.removals(space.id);
      const removed = new Set(removals.map((r) => r.email));
      if (space.workGroupId !== null) {
        const { participants, leads } = await membership.members(space.workGroupId);
        return {
          leads: leads.map((l) => ({ name: l.name })),
          members: participants
            .filter((p) => !removed.has(p.email.toLowerCase()))
            .map((p) => ({ name: p.name, email: p.email.toLowerCase(), detail: p.school_name, removable: true })),
          removals,
        };
      }
      const members = await repo.networkMembers(space.id);
      return {
        leads: [],
        members: members.map((m) => ({ name: m.name, email: m.email, detail: `Joined ${londonDate(m.joined_at)}`, removable: true })),
        removals,
      };
    },

    /** A lead removes a member: their registration stands, their access to the space does not. */
    async removeMember(access: SpaceAccess, email: string): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
      mustLead(access);
      mustWrite(access);
      const { members } = await this.members(access);
      const member = members.find((m) => m.email === email.trim().toLowerCase());
      if (!member) return { ok: false, message: 'Choose a member of this community to remove' };
      await repo.transaction(async (trx) => {
        if (!(await repo.remove(trx, access.space.id, member.email, access.user.id, now()))) return;
        if (access.space.workGroupId === null) await repo.leaveNetworkByEmail(trx, access.space.id, member.email);
        await writeAudit(trx, {
          actorUserId: access.user.id,
          action: 'community.member.remove',
          subjectType: 'community_space',
          subjectId: String(access.space.id),
          hubId: access.space.hubId,
          changes: { space: access.space.name, member: member.name, email: member.email },
        });
      });
      return { ok: true, name: member.name };
    },

    /** A lead gives a removed member their access back (a network's member joins again themselves). */
    async restoreMember(access: SpaceAccess, email: string): Promise<boolean> {
      mustLead(access);
      mustWrite(access);
      email = email.trim().toLowerCase();
      // No removed member's address has a control character (PostgreSQL refuses a NUL) or is that long.
      if (!email || email.length > 320 || email.replace(CONTROL, '') !== email) return false;
      return repo.transaction(async (trx) => {
        const restored = await repo.restore(trx, access.space.id, email);
        if (restored) {
          await writeAudit(trx, {
            actorUserId: access.user.id,
            action: 'community.member.restore',
            subjectType: 'community_space',
            subjectId: String(access.space.id),
            hubId: access.space.hubId,
            changes: { space: access.space.name, email },
          });
        }
        return restored;
      });
    },

    // ---- email choices ------------------------------------------------------------------------

    async mode(access: SpaceAccess): Promise<NotificationMode> {
      return (await repo.modeOf(access.space.id, access.user.id)) ?? DEFAULT_MODE;
    },

    async setMode(access: SpaceAccess, mode: string): Promise<boolean> {
      if (!Object.hasOwn(NOTIFICATION_MODES, mode)) return false;
      await repo.transaction((trx) => repo.setMode(trx, access.space.id, access.user.id, mode as NotificationMode, now()));
      return true;
    },

    /** What an unsubscribe link is for, or undefined if it is not one (or too old). */
    async unsubscribeLink(token: string) {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const link = await repo.unsubscribeLink(tokenHash(token));
      if (!link) return undefined;
      const mode = (await repo.modeOf(link.space_id, link.user_id)) ?? DEFAULT_MODE;
      const name = link.kind === 'group' ? (link.group_title ?? '') : (link.name ?? '');
      const path = link.kind === 'group' ? `/work-groups/${link.code}/community` : networkPath(link.slug ?? '');
      return { spaceName: name, path, email: link.email, mode };
    },

    /** Turns the link's space's emails off for its member; false if the link is not one. */
    async unsubscribe(token: string): Promise<boolean> {
      if (!TOKEN_PATTERN.test(token)) return false;
      const link = await repo.unsubscribeLink(tokenHash(token));
      if (!link) return false;
      await repo.transaction((trx) => repo.setMode(trx, link.space_id, link.user_id, 'off', now()));
      return true;
    },

    // ---- networks ---------------------------------------------------------------------------

    /** The networks a person may see: the national ones and their hubs' ones, with whether they joined or may join. */
    async networks(user: CurrentUser) {
      const groups = await membership.groupsOf(user);
      const hubIds = [...new Set([...groups.map((g) => g.hub_id).filter((id): id is number => id !== null), ...staffHubIds(user)])];
      const rows = await repo.networks(hubIds, user.id);
      const takesPart = groups.length > 0 || staffHubIds(user).length > 0 || isNationalAdmin(user);
      return rows.map((row) => ({
        name: row.name ?? '',
        description: row.description,
        slug: row.slug ?? '',
        kind: row.kind,
        path: networkPath(row.slug ?? ''),
        members: Number(row.members ?? 0),
        joined: Boolean(row.joined),
        leads: leadsNetwork(user, row),
        editable: row.kind === 'national' && isNationalAdmin(user),
        mayJoin: row.kind === 'national' ? takesPart : leadsNetwork(user, row) || groups.some((g) => g.hub_id === row.hub_id),
      }));
    },

    /** Whether the person may create national networks and change them (the national administrator). */
    mayAdministerNetworks: (user: CurrentUser) => isNationalAdmin(user),

    /** The national administrator creates a national network; its address is made from its name. */
    async createNetwork(user: CurrentUser, input: NetworkInput): Promise<{ ok: true; space: Space } | { ok: false; errors: FieldErrors }> {
      mustAdministerNetworks(user);
      const { errors, name, description, slug } = checkNetwork(input);
      if (!errors.name) {
        const clash = await nameClash(name, slug, null);
        if (clash) errors.name = clash;
      }
      if (Object.keys(errors).length) return { ok: false, errors };
      const id = await repo.transaction(async (trx) => {
        const created = await repo.createNetwork(trx, { slug, name, description });
        if (created === undefined) return undefined;
        await writeAudit(trx, {
          actorUserId: user.id,
          action: 'community.network.create',
          subjectType: 'community_space',
          subjectId: String(created),
          hubId: null,
          changes: { name, description, slug },
        });
        return created;
      });
      // Another network took the address meanwhile.
      if (id === undefined) return { ok: false, errors: { name: (await nameClash(name, slug, null)) ?? 'There is already a network with this name: choose a different name' } };
      return { ok: true, space: networkSpace({ id, kind: 'national', work_group_id: null, hub_id: null, slug, name, description }) };
    },

    /** A national network's name and description, for the national administrator to change. */
    async networkForEdit(user: CurrentUser, slug: string) {
      const row = await nationalNetwork(user, slug);
      return { space: networkSpace(row), name: row.name ?? '', description: row.description ?? '' };
    },

    /** The national administrator renames a national network or changes its description (its address stays). */
    async updateNetwork(user: CurrentUser, slug: string, input: NetworkInput): Promise<{ ok: true; space: Space } | { ok: false; errors: FieldErrors; space: Space }> {
      const row = await nationalNetwork(user, slug);
      const space = networkSpace(row);
      const { errors, name, description } = checkNetwork(input);
      if (!errors.name) {
        const clash = await nameClash(name, row.slug ?? '', row.id);
        if (clash) errors.name = clash;
      }
      if (Object.keys(errors).length) return { ok: false, errors, space };
      if (name !== row.name || description !== row.description) {
        await repo.transaction(async (trx) => {
          await repo.updateNetwork(trx, row.id, { name, description });
          await writeAudit(trx, {
            actorUserId: user.id,
            action: 'community.network.update',
            subjectType: 'community_space',
            subjectId: String(row.id),
            hubId: null,
            changes: {
              ...(name !== row.name ? { name: { from: row.name, to: name } } : {}),
              ...(description !== row.description ? { description: { from: row.description, to: description } } : {}),
            },
          });
        });
      }
      return { ok: true, space: { ...space, name, description } };
    },

    /** Joins a network the person may join; a message if they may not. */
    async join(user: CurrentUser, slug: string): Promise<{ ok: true; space: Space } | { ok: false; message: string }> {
      const row = SLUG.test(slug) ? await repo.networkBySlug(slug) : undefined;
      if (!row) throw new NotFound('network');
      const space = networkSpace(row);
      const removed = await repo.removal(space.id, user.email);
      if (removed) return { ok: false, message: `${removed.removed_by_name ?? 'A lead'} removed you from ${space.name} on ${londonDate(removed.removed_at)}, so you cannot join it again` };
      if (!(await mayJoin(user, row))) {
        return { ok: false, message: row.kind === 'hub' ? `Only people who take part in or lead one of the hub’s Work Groups can join ${space.name}` : `Only people who take part in or lead a Work Group can join ${space.name}` };
      }
      await repo.joinNetwork(space.id, user.id, now());
      return { ok: true, space };
    },

    async leave(user: CurrentUser, slug: string): Promise<Space> {
      const row = SLUG.test(slug) ? await repo.networkBySlug(slug) : undefined;
      if (!row) throw new NotFound('network');
      await repo.transaction((trx) => repo.leaveNetwork(trx, row.id, user.id));
      return networkSpace(row);
    },

    // ---- for the person's pages -------------------------------------------------------------------

    /** The person's communities: their Work Groups' spaces (newest year first) and the networks they joined. */
    async communitiesOf(user: CurrentUser) {
      const [groups, networks] = await Promise.all([membership.groupsOf(user), repo.networksOf(user.id)]);
      return {
        groups: groups.map((g) => ({ name: g.title, code: g.code, path: `/work-groups/${g.code}/community`, archived: g.archived, role: g.role })),
        networks: networks.map((n) => ({ name: n.name ?? '', path: networkPath(n.slug ?? '') })),
      };
    },

    /** The newest posts the person can see in the spaces and networks they belong to (for their home page). */
    async recentFor(user: CurrentUser, limit = 5): Promise<{ space: string; groupCode: string | null; threadTitle: string; author: string; postedAt: Date; href: string }[]> {
      const [groups, networks] = await Promise.all([membership.groupsOf(user), repo.networksOf(user.id)]);
      const rows = await repo.recentPosts(
        groups.map((g) => g.id),
        networks.map((n) => n.id),
        user.email,
        Math.min(Math.max(Math.trunc(limit), 1), 50),
      );
      return rows.map((r) => {
        const path = r.kind === 'group' ? `/work-groups/${r.code}/community` : networkPath(r.slug ?? '');
        return {
          space: r.kind === 'group' ? (r.group_title ?? '') : (r.name ?? ''),
          groupCode: r.kind === 'group' ? r.code : null,
          threadTitle: r.thread_title,
          author: r.author_name ?? 'Someone who has left',
          postedAt: r.created_at,
          href: `${path}/posts/${r.id}`,
        };
      });
    },

    // ---- the daily digest ----------------------------------------------------------------------

    /**
     * Emails each member who chose the daily digest (the default) what was posted in their
     * spaces since the last run, their own posts aside: one email each, all spaces in it. Safe to
     * run twice or beside another worker: a run within 12 hours of the last does nothing, and the
     * emails are queued in the transaction that records the run, under a lock, only if no other
     * run was recorded meanwhile. (Who gets what is read first, outside that transaction.)
     */
    async sendDigests(): Promise<{ emails: number; posts: number } | { skipped: true }> {
      const until = now();
      const last = await repo.lastDigestRun(deps.db);
      if (last && until.getTime() - last.getTime() < 12 * 60 * 60 * 1000) return { skipped: true };
      const from = last ?? new Date(until.getTime() - DAY_MS);
      const posts = await repo.postsBetween(deps.db, from, until);
      // Each space's posts, and who gets its digest.
      const perUser = new Map<number, { member: Member; spaces: (Omit<emails.DigestSpace, 'unsubscribeUrl'> & { id: number })[] }>();
      for (const [spaceId, spacePosts] of groupBy(posts, (p) => p.space_id)) {
        const first = spacePosts[0]!;
        const space: Space =
          first.kind === 'group'
            ? { id: spaceId, kind: 'group', name: first.group_title ?? '', description: null, path: `/work-groups/${first.code}/community`, groupCode: first.code, workGroupId: first.work_group_id, hubId: null, yearEnds: null }
            : { id: spaceId, kind: first.kind, name: first.name ?? '', description: null, path: networkPath(first.slug ?? ''), groupCode: null, workGroupId: null, hubId: null, yearEnds: null };
        const [members, modes] = await Promise.all([membersOf(space), repo.modes(deps.db, spaceId)]);
        for (const member of members) {
          if ((modes.get(member.userId) ?? DEFAULT_MODE) !== 'daily') continue;
          const theirs = spacePosts.filter((p) => p.author_id !== member.userId);
          if (!theirs.length) continue;
          const threads = [...groupBy(theirs, (p) => p.thread_id).values()].map((list) => ({
            title: list[0]!.thread_title,
            url: url(`${space.path}/posts/${list[0]!.id}`),
            posts: list.length,
            authors: [...new Set(list.map((p) => p.author_name ?? 'Someone who has left'))],
            isNew: list.some((p) => p.opening),
          }));
          const entry = perUser.get(member.userId) ?? { member, spaces: [] };
          entry.spaces.push({ id: spaceId, name: space.name, url: url(space.path), threads });
          perUser.set(member.userId, entry);
        }
      }
      return repo.transaction(async (trx) => {
        const latest = await repo.lockDigest(trx);
        if (latest?.getTime() !== last?.getTime()) return { skipped: true as const };
        const recipients = [...perUser.values()];
        const links = await unsubscribeUrls(trx, recipients.flatMap(({ member, spaces }) => spaces.map((space) => ({ spaceId: space.id, userId: member.userId }))));
        let next = 0;
        await enqueueMails(
          trx,
          recipients.map(({ member, spaces }) => emails.digest(member.email, member.name, spaces.map((space) => ({ ...space, unsubscribeUrl: links[next++]! })), until)),
        );
        await repo.pruneUnsubscribeLinks(trx, new Date(until.getTime() - UNSUBSCRIBE_LINK_DAYS * DAY_MS));
        await repo.recordDigestRun(trx, from, until, perUser.size);
        return { emails: perUser.size, posts: posts.length };
      });
    },
  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
