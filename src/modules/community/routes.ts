// The community's pages. The same board (threads, a thread and its replies, files, members,
// email choices) serves a Work Group's space at /work-groups/:code/community… and each network
// at /community/networks/:slug…; an author edits or deletes their own post at …/posts/:post/edit
// and …/posts/:post/delete under either; /community lists the person's communities,
// /community/networks the networks to join (and, for the national administrator, /new and
// /:slug/edit to create and change national networks), and /community/unsubscribe/:token stops
// a space's emails without signing in. Every page and action checks, on the server, that the
// person may see or do it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommunityService } from './service.ts';
import { ForbiddenError, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { WITHOUT_CSRF } from '../../platform/http/csrf.ts';
import { requireSignIn, SIGNED_IN } from '../../core/identity/session.ts';
import { ACCEPTED_LIST, acceptUploads, fieldOf, filesOf, MAX_FILE_MB, type MultipartBody, sendFile } from '../files/index.ts';
import {
  type CurrentPost,
  MAX_ATTACHMENTS,
  MAX_BODY,
  MAX_NETWORK_DESCRIPTION,
  MAX_NETWORK_NAME,
  NOTIFICATION_MODES,
  readOnlyError,
  type Space,
  type SpaceAccess,
} from './service.ts';
import { idParam } from '../../platform/http/params.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { community: CommunityService };

type Request = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | undefined> }>;
type NotJoined = { join: boolean; space: Space; removed?: { removed_at: Date; removed_by_name: string | null } };
type Enter = (request: Request) => Promise<SpaceAccess | NotJoined>;

const ID = /^\d{1,9}$/;
const PAGE = /^\d{1,5}$/;

const pageOf = (text: string | undefined): number => (text && PAGE.test(text) && Number(text) >= 1 ? Number(text) : 1);

/** Every value of a field, from a multipart or urlencoded form (checkboxes send one per box). */
function allOf(body: unknown, name: string): string[] {
  const b = body as Partial<MultipartBody> & Record<string, unknown>;
  const values = b?.fields ? b.fields[name] : b?.[name];
  return (Array.isArray(values) ? values : [values]).filter((v): v is string => typeof v === 'string');
}

/** The file ids a form's checkboxes name (anything else is left out). */
const idsOf = (values: string[]): number[] => values.filter((v) => ID.test(v)).map(Number);

/** What the post forms say about files. */
const FILES_HINT = `Optional. Up to ${MAX_ATTACHMENTS} files, each smaller than ${MAX_FILE_MB} MB: ${ACCEPTED_LIST}.`;
const BODY_HINT = 'You can use simple formatting (see How to format your text, below). Mention someone with @ and their name, like @Priya Shah, to email them.';

export async function communityRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const community = services.community;
  // Up to 10 file parts are read (more is refused as an unreadable upload); a post keeps 5, and a
  // request may send no more than 5 files' worth.
  const readMultipart = await acceptUploads(app, { files: 10, keep: MAX_ATTACHMENTS });

  function joined(result: SpaceAccess | NotJoined): SpaceAccess {
    if ('role' in result) return result;
    throw new HttpError(403, 'You are not a member of this network', [
      result.removed ? 'A lead removed you from this network.' : `Join ${result.space.name} to read and post in it.`,
    ]);
  }

  /** What every page of a space shows around its content. */
  function spaceContext(access: SpaceAccess, current: string) {
    const { space } = access;
    return {
      space,
      lead: access.role === 'lead',
      archived: access.archived,
      current,
      breadcrumbs:
        space.kind === 'group'
          ? [{ text: space.name, href: `/work-groups/${space.groupCode}` }, { text: 'Community', href: space.path }]
          : [{ text: 'Networks', href: '/community/networks' }, { text: space.name, href: space.path }],
    };
  }

  /** Registers the board's pages under a prefix, for spaces found by `enter`. */
  function board(prefix: string, enter: Enter, options: { notJoined?: (request: Request, reply: FastifyReply, result: NotJoined) => FastifyReply } = {}) {
    const space = async (request: Request) => joined(await enter(request));
    /**
     * The hooks of a form that sends files: a visitor is sent to sign in and a non-member refused
     * before any of the body is read; then the body, its CSRF token first (files/http.ts).
     */
    const upload = {
      onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
        if (!requireSignIn(request, reply)) return reply;
        await space(request as Request);
      },
      preValidation: readMultipart,
    };

    // ---- the board -------------------------------------------------------------------------
    app.get(prefix, SIGNED_IN, async (request: Request, reply) => {
      const result = await enter(request);
      if (!('role' in result)) {
        if (options.notJoined) return options.notJoined(request, reply, result);
        return joined(result);
      }
      const page = pageOf(request.query.page);
      const listing = await community.board(result, page);
      if (page > listing.pages) throw new NotFoundError('page of threads');
      return reply.render('community/views/board.njk', {
        pageTitle: page > 1 ? `Community (page ${page} of ${listing.pages}): ${result.space.name}` : `Community: ${result.space.name}`,
        ...spaceContext(result, 'board'),
        ...listing,
        modeLabel: NOTIFICATION_MODES[listing.mode].label,
        notice: noticeOf(request.query.done),
        pagination: pagination(result.space.path, listing.page, listing.pages),
      });
    });

    // ---- a new thread ----------------------------------------------------------------------
    function newThreadPage(reply: FastifyReply, access: SpaceAccess, values: Record<string, string>, errors: FieldErrors = {}, status = 200) {
      return reply.code(status).renderForm('community/views/new-thread.njk', {
        pageTitle: access.role === 'lead' ? 'Start a thread or make an announcement' : 'Start a thread',
        titleContext: access.space.name,
        ...spaceContext(access, 'new'),
        values,
        errors,
        errorList: errorList(errors),
        filesHint: FILES_HINT,
        bodyHint: BODY_HINT,
        maxBody: MAX_BODY,
      });
    }

    app.get(`${prefix}/new`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      if (access.archived) throw readOnlyError(access.space);
      return newThreadPage(reply, access, { submission: community.submissionKey() });
    });

    app.post(`${prefix}/new`, upload, async (request: Request, reply) => {
      const access = await space(request);
      const values = {
        title: fieldOf(request.body, 'title'),
        body: fieldOf(request.body, 'body'),
        announcement: fieldOf(request.body, 'announcement'),
        submission: fieldOf(request.body, 'submission'),
      };
      const result = await community.startThread(access, {
        title: values.title,
        body: values.body,
        announcement: values.announcement === 'yes',
        uploads: filesOf(request.body, 'attachments'),
        submissionKey: values.submission,
      });
      if (!result.ok) return newThreadPage(reply, access, values, result.errors, 400);
      return reply.redirect(`${access.space.path}/threads/${result.threadId}`, 303);
    });

    // ---- a thread and its replies -------------------------------------------------------------
    async function threadPage(
      reply: FastifyReply,
      access: SpaceAccess,
      threadId: number,
      page: number,
      form: { values: Record<string, string>; errors: FieldErrors } | undefined,
      status = 200,
      notice?: string,
    ) {
      let shown = await community.threadPage(access, threadId, page);
      if (!shown) throw new NotFoundError('thread');
      if (page > shown.pages) {
        // A reply with a problem goes back to the thread's last page; an address past it names no page.
        if (!form) throw new NotFoundError('page of this thread');
        page = shown.pages;
        shown = await community.threadPage(access, threadId, page);
        if (!shown) throw new NotFoundError('thread');
      }
      const errors = form?.errors ?? {};
      return reply.code(status).renderForm('community/views/thread.njk', {
        pageTitle: `${shown.thread.title}${shown.pages > 1 ? ` (page ${page} of ${shown.pages})` : ''}`,
        ...spaceContext(access, 'board'),
        ...shown,
        values: form?.values ?? { submission: community.submissionKey() },
        errors,
        errorList: errorList(errors),
        filesHint: FILES_HINT,
        bodyHint: BODY_HINT,
        pagination: pagination(`${access.space.path}/threads/${threadId}`, page, shown.pages),
        notice: form ? undefined : notice,
      });
    }

    app.get(`${prefix}/threads/:thread`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      return threadPage(reply, access, idParam(request.params.thread, 'thread'), pageOf(request.query.page), undefined, 200, noticeOf(request.query.done));
    });

    app.post(`${prefix}/threads/:thread/replies`, upload, async (request: Request, reply) => {
      const access = await space(request);
      const threadId = idParam(request.params.thread, 'thread');
      const values = { body: fieldOf(request.body, 'body'), submission: fieldOf(request.body, 'submission') };
      const result = await community.reply(access, threadId, { body: values.body, uploads: filesOf(request.body, 'attachments'), submissionKey: values.submission });
      if (!result) throw new NotFoundError('thread');
      if (!result.ok) {
        return threadPage(reply, access, threadId, pageOf(fieldOf(request.body, 'page')), { values, errors: result.errors }, 400);
      }
      return reply.redirect(result.href, 303);
    });

    /** A post's place in its thread (links in emails and home pages). */
    app.get(`${prefix}/posts/:post`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      const href = await community.postHref(access, idParam(request.params.post, 'post'));
      if (!href) throw new NotFoundError('post');
      return reply.redirect(href, 303);
    });

    for (const [action, hidden] of [['hide', true], ['show', false]] as const) {
      app.post(`${prefix}/posts/:post/${action}`, SIGNED_IN, async (request: Request, reply) => {
        const access = await space(request);
        const postId = idParam(request.params.post, 'post');
        const done = await community.setHidden(access, postId, hidden);
        if (!done) throw new NotFoundError('post');
        const href = await community.postHref(access, postId);
        return reply.redirect(href ?? `${access.space.path}/threads/${done.threadId}`, 303);
      });
    }

    // ---- the author's own post: edit, delete ------------------------------------------------------
    async function editPage(
      reply: FastifyReply,
      access: SpaceAccess,
      postId: number,
      form: { values?: { title: string; body: string }; errors?: FieldErrors; removeFileIds?: number[]; current?: CurrentPost; version?: number } = {},
      status = 200,
    ) {
      const post = await community.ownPost(access, postId);
      const errors = form.errors ?? {};
      return reply.code(status).renderForm('community/views/edit-post.njk', {
        pageTitle: post.opening ? 'Change your thread' : 'Change your reply',
        titleContext: access.space.name,
        ...spaceContext(access, 'board'),
        post,
        values: form.values ?? { title: post.title, body: post.body },
        version: form.current?.version ?? form.version ?? post.version,
        remove: (form.removeFileIds ?? []).map(String),
        current: form.current,
        errors,
        errorList: errorList(errors),
        filesHint: `Optional. A post can have up to ${MAX_ATTACHMENTS} files, each smaller than ${MAX_FILE_MB} MB: ${ACCEPTED_LIST}.`,
        bodyHint: BODY_HINT,
      });
    }

    app.get(`${prefix}/posts/:post/edit`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      return editPage(reply, access, idParam(request.params.post, 'post'));
    });

    app.post(`${prefix}/posts/:post/edit`, upload, async (request: Request, reply) => {
      const access = await space(request);
      const postId = idParam(request.params.post, 'post');
      // The version the form was opened on; none (a form sent by hand) matches no version.
      const sent = fieldOf(request.body, 'version');
      const version = ID.test(sent) ? Number(sent) : undefined;
      const result = await community.editPost(access, postId, {
        title: fieldOf(request.body, 'title'),
        body: fieldOf(request.body, 'body'),
        version: version ?? -1,
        uploads: filesOf(request.body, 'attachments'),
        removeFileIds: idsOf(allOf(request.body, 'remove')),
      });
      if (result.ok) return reply.redirect(result.href, 303);
      return editPage(
        reply,
        access,
        postId,
        { values: result.values, errors: result.errors, removeFileIds: result.removeFileIds, current: result.current, version },
        result.current ? 409 : 400,
      );
    });

    app.get(`${prefix}/posts/:post/delete`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      const post = await community.ownPost(access, idParam(request.params.post, 'post'));
      return reply.renderForm('community/views/delete-post.njk', {
        pageTitle: post.removesThread ? 'Delete your thread?' : 'Delete your post?',
        titleContext: access.space.name,
        ...spaceContext(access, 'board'),
        post,
      });
    });

    app.post(`${prefix}/posts/:post/delete`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      const done = await community.deletePost(access, idParam(request.params.post, 'post'));
      return reply.redirect(done.href, 303);
    });

    // ---- files ---------------------------------------------------------------------------------
    app.get(`${prefix}/files`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      return reply.render('community/views/files.njk', {
        pageTitle: `Files: ${access.space.name}`,
        ...spaceContext(access, 'files'),
        files: await community.files(access),
      });
    });

    app.get(`${prefix}/files/:file`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      const file = await community.file(access, idParam(request.params.file, 'file'));
      if (!file) throw new NotFoundError('file');
      return sendFile(reply, file);
    });

    // ---- members -------------------------------------------------------------------------------
    async function membersPage(reply: FastifyReply, access: SpaceAccess, notice?: string, errors: FieldErrors = {}, status = 200) {
      return reply.code(status).renderForm('community/views/members.njk', {
        pageTitle: `Members: ${access.space.name}`,
        ...spaceContext(access, 'members'),
        ...(await community.members(access)),
        notice,
        errors,
        errorList: errorList(errors),
      });
    }

    app.get(`${prefix}/members`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      return membersPage(reply, access, noticeOf(request.query.done));
    });

    app.post(`${prefix}/members/remove`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      const result = await community.removeMember(access, fieldOf(request.body, 'email'));
      if (!result.ok) return membersPage(reply, access, undefined, { members: result.message }, 400);
      return reply.redirect(`${access.space.path}/members?done=removed`, 303);
    });

    app.post(`${prefix}/members/restore`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      if (!(await community.restoreMember(access, fieldOf(request.body, 'email')))) {
        return membersPage(reply, access, undefined, { members: 'Choose a removed member to let back in' }, 400);
      }
      return reply.redirect(`${access.space.path}/members?done=restored`, 303);
    });

    // ---- email choices ---------------------------------------------------------------------------
    async function notificationsPage(reply: FastifyReply, access: SpaceAccess, value: string, errors: FieldErrors = {}, status = 200) {
      return reply.code(status).renderForm('community/views/notifications.njk', {
        pageTitle: `Emails from ${access.space.name}`,
        ...spaceContext(access, 'notifications'),
        modes: NOTIFICATION_MODES,
        value,
        errors,
        errorList: errorList(errors),
      });
    }

    app.get(`${prefix}/notifications`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      return notificationsPage(reply, access, await community.mode(access));
    });

    app.post(`${prefix}/notifications`, SIGNED_IN, async (request: Request, reply) => {
      const access = await space(request);
      const mode = fieldOf(request.body, 'mode');
      if (!(await community.setMode(access, mode))) {
        return notificationsPage(reply, access, '', { mode: 'Select how often you want emails from this community' }, 400);
      }
      return reply.redirect(`${access.space.path}?done=emails`, 303);
    });
  }

  // ---- a Work Group's space ------------------------------------------------------------------
  board('/work-groups/:code/community', (request) => community.groupSpace(request.user, request.params.code ?? ''));

  // ---- networks --------------------------------------------------------------------------------
  board('/community/networks/:slug', (request) => community.networkSpace(request.user!, request.params.slug ?? ''), {
    notJoined: (request, reply, result) =>
      reply.renderForm('community/views/network-join.njk', {
        pageTitle: result.space.name,
        space: result.space,
        mayJoin: result.join,
        removed: result.removed,
        error: noticeOf(request.query.error),
      }),
  });

  // ---- national networks, made and changed by the national administrator ---------------------------
  function networkFormPage(reply: FastifyReply, context: { space?: Space; values: { name: string; description: string }; errors?: FieldErrors }, status = 200) {
    const errors = context.errors ?? {};
    return reply.code(status).renderForm('community/views/network-form.njk', {
      pageTitle: context.space ? `Change ${context.space.name}` : 'Create a national network',
      space: context.space,
      values: context.values,
      maxName: MAX_NETWORK_NAME,
      maxDescription: MAX_NETWORK_DESCRIPTION,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/community/networks/new', SIGNED_IN, async (request: Request, reply) => {
    if (!community.mayAdministerNetworks(request.user!)) throw new ForbiddenError();
    return networkFormPage(reply, { values: { name: '', description: '' } });
  });

  app.post('/community/networks/new', SIGNED_IN, async (request: Request, reply) => {
    const values = { name: fieldOf(request.body, 'name'), description: fieldOf(request.body, 'description') };
    const result = await community.createNetwork(request.user!, values);
    if (!result.ok) return networkFormPage(reply, { values, errors: result.errors }, 400);
    return reply.redirect(`${result.space.path}?done=network-created`, 303);
  });

  app.get('/community/networks/:slug/edit', SIGNED_IN, async (request: Request, reply) => {
    const network = await community.networkForEdit(request.user!, request.params.slug ?? '');
    return networkFormPage(reply, { space: network.space, values: { name: network.name, description: network.description } });
  });

  app.post('/community/networks/:slug/edit', SIGNED_IN, async (request: Request, reply) => {
    const values = { name: fieldOf(request.body, 'name'), description: fieldOf(request.body, 'description') };
    const result = await community.updateNetwork(request.user!, request.params.slug ?? '', values);
    if (!result.ok) return networkFormPage(reply, { space: result.space, values, errors: result.errors }, 400);
    return reply.redirect('/community/networks?done=network-changed', 303);
  });

  app.get('/community/networks', SIGNED_IN, async (request: Request, reply) => {
    return reply.renderForm('community/views/networks.njk', {
      pageTitle: 'Networks',
      networks: await community.networks(request.user!),
      administer: community.mayAdministerNetworks(request.user!),
      notice: noticeOf(request.query.done),
    });
  });

  app.post('/community/networks/:slug/join', SIGNED_IN, async (request: Request, reply) => {
    const result = await community.join(request.user!, request.params.slug ?? '');
    if (!result.ok) {
      return reply.code(403).renderForm('community/views/networks.njk', {
        pageTitle: 'Networks',
        networks: await community.networks(request.user!),
        administer: community.mayAdministerNetworks(request.user!),
        errorList: [{ text: result.message, href: '#networks' }],
      });
    }
    return reply.redirect(`${result.space.path}?done=joined`, 303);
  });

  app.post('/community/networks/:slug/leave', SIGNED_IN, async (request: Request, reply) => {
    await community.leave(request.user!, request.params.slug ?? '');
    return reply.redirect('/community/networks?done=left', 303);
  });

  // ---- the person's communities ------------------------------------------------------------------
  app.get('/community', SIGNED_IN, async (request: Request, reply) => {
    const user = request.user!;
    const [mine, recent] = await Promise.all([community.communitiesOf(user), community.recentFor(user, 10)]);
    return reply.render('community/views/index.njk', { pageTitle: 'Your communities', ...mine, recent });
  });

  // ---- unsubscribe, without signing in -----------------------------------------------------------
  app.get('/community/unsubscribe/:token', async (request: Request, reply) => {
    const link = await community.unsubscribeLink(request.params.token ?? '');
    if (!link) return reply.code(404).render('community/views/unsubscribe-unknown.njk', { pageTitle: 'This unsubscribe link does not work' });
    return reply.renderForm('community/views/unsubscribe.njk', { pageTitle: `Stop emails from ${link.spaceName}`, link, token: request.params.token });
  });

  // One-click unsubscribe (RFC 8058): a mail program posts to the emailed link, which holds its
  // own unguessable token and only ever stops emails, so it needs no form's CSRF token.
  app.post('/community/unsubscribe/:token', WITHOUT_CSRF, async (request: Request, reply) => {
    const token = request.params.token ?? '';
    const link = await community.unsubscribeLink(token);
    if (!link || !(await community.unsubscribe(token))) {
      return reply.code(404).render('community/views/unsubscribe-unknown.njk', { pageTitle: 'This unsubscribe link does not work' });
    }
    return reply.render('community/views/unsubscribed.njk', { pageTitle: 'You will get no more emails from this community', link });
  });
}

/** The success messages a redirect asks for, by a fixed word (never text from the address). */
function noticeOf(done: string | undefined): string | undefined {
  switch (done) {
    case 'emails':
      return 'Your email choice is saved';
    case 'joined':
      return 'You have joined this network';
    case 'left':
      return 'You have left the network';
    case 'removed':
      return 'The member has been removed: they can no longer open this community';
    case 'restored':
      return 'The member can open this community again';
    case 'edited':
      return 'Your changes are saved';
    case 'deleted':
      return 'Your post is deleted';
    case 'thread-deleted':
      return 'Your thread is deleted';
    case 'network-created':
      return 'The network is created: people who take part in or lead a Work Group can now join it';
    case 'network-changed':
      return 'The network’s name and description are saved';
    default:
      return undefined;
  }
}

/** govukPagination's items for a paged list. */
function pagination(path: string, page: number, pages: number) {
  if (pages <= 1) return undefined;
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) items.push({ number: n, href: href(n), current: n === page });
    else if (!('ellipsis' in (items[items.length - 1] ?? {}))) items.push({ ellipsis: true });
  }
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  };
}
