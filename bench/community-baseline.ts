// The baseline's side of the community workloads (community.ts), for serve-baseline.ts: the
// same reads and writes as hubwork's, with node:http and a pg.Pool, and the SQL text hubwork's
// repositories send (recorded once with capture-sql.ts).
//   GET  /work-groups/:code/community/threads/:id[?page=n]   the session's person with their roles
//        (one query), the group and whether they were removed from its space (side by side, as
//        hubwork reads them), whether they take part in the group, then the thread's page
//        of 50 posts with their files and the thread (one query); a bare HTML page of the posts'
//        stored HTML.
//   POST /work-groups/:code/community/threads/:id/replies    the same checks, then one
//        transaction: the post (rendered as escaped text, where hubwork renders markdown and
//        sanitises it), the thread's count, and whether anyone asked for every post by email;
//        a 303 to the new post.
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type pg from 'pg';
import { createAuthRepository } from '../src/core/identity/repository.ts';
import { createCommunityRepository } from '../src/modules/community/repository.ts';
import { HTML_VERSION } from '../src/modules/community/markdown.ts';
import { POSTS_PER_PAGE } from '../src/modules/community/service.ts';
import { createMembershipRepository } from '../src/core/membership/repository.ts';
import { SESSION_COOKIE } from '../src/core/identity/session.ts';
import { recordQueries, withParameters } from './capture-sql.ts';

type Row = Record<string, unknown>;

const P = {
  tokenHash: '\u0000TOKEN_HASH',
  userId: -3_000_001,
  email: '\u0000email', // lower case, as the repositories send it
  code: '\u0000CODE',
  groupId: -3_000_002,
  spaceId: -3_000_003,
  threadId: -3_000_004,
  offset: -3_000_005,
  body: '\u0000BODY',
  html: '\u0000HTML',
  key: '\u0000KEY',
  now: new Date(0),
};

const auth = (db: Parameters<typeof createAuthRepository>[0]) => createAuthRepository(db);
const community = (db: Parameters<typeof createCommunityRepository>[0]) => createCommunityRepository(db);
const membership = (db: Parameters<typeof createMembershipRepository>[0]) => createMembershipRepository(db);

const [sessionQuery] = await recordQueries((db) => auth(db).sessionUser(P.tokenHash));
const [groupQuery] = await recordQueries((db) => membership(db).group(P.code));
const [participantQuery] = await recordQueries((db) => membership(db).isParticipant(P.groupId, { id: P.userId, email: P.email }));
const [spaceQuery] = await recordQueries((db) => community(db).groupSpaceId(P.groupId), [{ id: 1 }]);
const [removalQuery] = await recordQueries((db) => community(db).groupRemoval(P.code, P.email));
const [threadQuery] = await recordQueries((db) => community(db).thread(P.spaceId, P.threadId));
const [pageQuery] = await recordQueries((db) => community(db).threadPage(P.spaceId, P.threadId, { withHidden: false, limit: POSTS_PER_PAGE, offset: P.offset, htmlVersion: HTML_VERSION }));
const [insertQuery, countQuery] = await recordQueries(
  (db) =>
    community(db).addPost(db, {
      threadId: P.threadId,
      authorId: P.userId,
      authorIsLead: false,
      body: P.body,
      bodyHtml: P.html,
      htmlVersion: 1,
      submissionKey: P.key,
      opening: false,
      now: P.now,
    }),
  [{ id: 1, post_count: 1, hidden_count: 0 }],
);
const [immediateQuery] = await recordQueries((db) => community(db).anyImmediate(db, P.spaceId, P.userId));
for (const query of [sessionQuery, groupQuery, participantQuery, spaceQuery, removalQuery, threadQuery, pageQuery, insertQuery, countQuery, immediateQuery]) {
  if (!query) throw new Error('Could not record the community queries');
}

const THREAD_PATH = /^\/work-groups\/([A-Za-z0-9-]{1,30})\/community\/threads\/(\d{1,9})(\/replies)?$/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown) => (value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c));

function send(res: http.ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The community's two requests on the baseline; false for any other request. */
export function communityBaseline(pool: pg.Pool) {
  const run = (query: { sql: string; parameters: unknown[] }, values: Map<unknown, unknown>, client: pg.Pool | pg.PoolClient = pool) =>
    client.query<Row>(query.sql, withParameters(query, values)).then((r) => r.rows);
  /** Work Group id → its space's id, as the app keeps it. */
  const spaces = new Map<number, number>();

  /** The person, the group and their access to its space, or the status to answer. */
  async function enter(req: http.IncomingMessage, code: string): Promise<Map<unknown, unknown> | number> {
    const token = cookieOf(req, SESSION_COOKIE);
    if (!token) return 303;
    const hash = createHash('sha256').update(token).digest('hex');
    const [user] = await run(sessionQuery!, new Map([[P.tokenHash, hash]]));
    if (!user) return 303;
    const values = new Map<unknown, unknown>([
      [P.userId, user.id],
      [P.email, String(user.email).toLowerCase()],
      [P.code, code.toUpperCase()],
    ]);
    const roles = user.roles as { role: string; work_group_id: number | null }[];
    const [[group], removed] = await Promise.all([run(groupQuery!, values), run(removalQuery!, values)]);
    if (!group) return 404;
    values.set(P.groupId, group.id);
    const leads = roles.some((r) => r.role === 'work_group_lead' && r.work_group_id === group.id);
    if (!leads && !(await run(participantQuery!, values)).length) return 403;
    let spaceId = spaces.get(group.id as number);
    if (spaceId === undefined) {
      spaceId = (await run(spaceQuery!, values))[0]?.id as number;
      spaces.set(group.id as number, spaceId);
    }
    values.set(P.spaceId, spaceId);
    if (!leads && removed.length) return 403;
    return values;
  }

  async function threadPage(res: http.ServerResponse, values: Map<unknown, unknown>, page: number): Promise<void> {
    values.set(P.offset, (page - 1) * POSTS_PER_PAGE);
    const posts = await run(pageQuery!, values);
    const thread = posts[0] ? { title: posts[0].thread_title } : undefined;
    if (!thread) return send(res, 404, '<h1>Not found</h1>');
    const items = posts
      .map((p) => {
        const files = (p.files as { id: number; name: string; size: number }[]).map((f) => `<li><a href="files/${f.id}">${esc(f.name)}</a> ${f.size}</li>`).join('');
        return `<li id="post-${p.id}"><h2>${esc(p.author_name)}</h2><p>${esc((p.created_at as Date).toISOString())}</p>${p.body_html}${files ? `<ul>${files}</ul>` : ''}</li>`;
      })
      .join('');
    send(res, 200, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(thread.title)}</title></head><body><h1>${esc(thread.title)}</h1><ol>${items}</ol></body></html>`);
  }

  async function replyTo(req: http.IncomingMessage, res: http.ServerResponse, values: Map<unknown, unknown>, path: string): Promise<void> {
    const text = await readBody(req, 1024 * 1024);
    if (text === undefined) return send(res, 413, '<h1>Too large</h1>');
    const form = parseQueryString(text);
    const body = typeof form.body === 'string' ? form.body.replace(/\r\n?/g, '\n').trim() : '';
    if (!body || body.length > 20_000) return send(res, 400, '<h1>Enter your reply</h1>');
    const [thread] = await run(threadQuery!, values);
    if (!thread || thread.hidden_at) return send(res, 404, '<h1>Not found</h1>');
    values.set(P.body, body);
    values.set(P.html, `<p>${esc(body)}</p>`);
    values.set(P.key, typeof form.submission === 'string' && /^[0-9a-f-]{36}$/.test(form.submission) ? form.submission : null);
    values.set(P.now, new Date());
    const client = await pool.connect();
    let location: string;
    try {
      await client.query('BEGIN');
      const [post] = await run(insertQuery!, values, client);
      if (!post) throw new Error('a duplicate submission');
      const [counts] = await run(countQuery!, values, client);
      await run(immediateQuery!, values, client);
      await client.query('COMMIT');
      const pageNumber = Math.max(1, Math.ceil((Number(counts?.post_count) - Number(counts?.hidden_count)) / POSTS_PER_PAGE));
      location = `${path.replace(/\/replies$/, '')}${pageNumber > 1 ? `?page=${pageNumber}` : ''}#post-${post.id}`;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    res.writeHead(303, { location, 'content-length': 0 });
    res.end();
  }

  return {
    async handle(req: http.IncomingMessage, res: http.ServerResponse, path: string, search: string): Promise<boolean> {
      const match = THREAD_PATH.exec(path);
      if (!match) return false;
      const [, code, threadId, replies] = match;
      if (replies ? req.method !== 'POST' : req.method !== 'GET') return false;
      const values = await enter(req, code!);
      if (typeof values === 'number') {
        send(res, values, '<h1>No</h1>', values === 303 ? { location: '/sign-in' } : {});
        return true;
      }
      values.set(P.threadId, Number(threadId));
      if (replies) await replyTo(req, res, values, path);
      else {
        const page = Number(/(?:^|&)page=(\d{1,5})(?:&|$)/.exec(search)?.[1] ?? 1) || 1;
        await threadPage(res, values, page);
      }
      return true;
    },
  };
}
