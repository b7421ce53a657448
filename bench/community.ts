// The community's two workloads (modules/community), for run.ts:
//   community-thread  a thread of 500 posts, read by a participant: its pages 1, 5 and 10 (50 posts each)
//   community-post    replies posted by a participant through the thread's form, to 10 threads in turn
// Both sign in as the demo participant (Priya Shah) of the demo lead's 2026/27 group, whose
// space the setup fills through the real community service: one thread of 500 posts (varied
// markdown, as people write it) and 10 threads to reply to. The session cookie and a CSRF token
// (from one request to an app in this process) go with every request; the baseline
// (community-baseline.ts) reads the same cookie and ignores the token.
import { randomUUID } from 'node:crypto';
import type { Request } from 'autocannon';
import { sql } from 'kysely';
import type { AppDb as Db } from '../src/app/database.ts';
import { DEMO_ACCOUNTS, DEMO_THIS_YEAR } from '../src/seed/accounts.ts';
import { SESSION_COOKIE } from '../src/core/identity/session.ts';
import { createApp } from '../src/app/server.ts';
import type { Server } from './processes.ts';
import type { Paced } from './load.ts';
import { benchServices } from './services.ts';

export const COMMUNITY_THREAD = 'community-thread';
export const COMMUNITY_POST = 'community-post';
export const THREAD_POSTS = 500;
export const REPLY_THREADS = 10;
const THREAD_TITLE = 'Bar models from Year 5 to Year 8: what works?';

/** What run.ts needs of a workload that sends its own requests. */
export type CommunityWorkload = {
  name: string;
  paths: string[];
  requests: Request[];
  ok(status: number): boolean;
  check(server: Server, path: string, html: string): string | undefined;
  checkServe(server: Server): Promise<void>;
  paced?: Paced;
};

const SENTENCES = [
  'We tried the **bar model** with Year 7 this week, starting from the fractions unit.',
  'Pupils who struggled last term explained their thinking far more clearly.',
  'Has anyone used it for ratio problems in Year 8? Our scheme jumps straight to the algebra.',
  'See the NCETM materials: [Checkpoints](https://www.ncetm.org.uk/classroom-resources/checkpoints/).',
  'Our department meeting agreed to keep a shared set of worked examples.',
  'I would add a *non-example* every time, so pupils see what the model is not.',
];

/** A post's markdown, varied as people write: paragraphs, a list now and then, a link. */
function postBody(i: number, mentions = true): string {
  const first = SENTENCES[i % SENTENCES.length]!;
  const second = SENTENCES[(i * 7 + 3) % SENTENCES.length]!;
  if (i % 5 === 0) return `${first}\n\n- Year 7: part–whole\n- Year 8: ratio\n- Year 9: equations\n\n${second}`;
  if (i % 3 === 0 && mentions) return `${first} ${second}\n\nThanks, @Steve Waterhouse.`;
  return `${first}\n\n${second}`;
}

export async function communityWorkloads(db: Db, log: (message: string) => void): Promise<CommunityWorkload[]> {
  const services = benchServices(db);
  const priya = DEMO_ACCOUNTS.find((a) => a.role === 'participant')!;
  const signedIn = await services.auth.signInWithPassword(priya.email, priya.password, '127.0.0.1');
  if (!signedIn.ok) throw new Error(`Could not sign in as ${priya.email} (${signedIn.reason})`);
  const access = await services.community.groupSpace(signedIn.user, DEMO_THIS_YEAR.workGroup);
  if (access.archived) throw new Error(`${DEMO_THIS_YEAR.workGroup}'s academic year has ended: its community is read-only`);

  // The thread of 500 posts, and the threads to reply to, through the service.
  const started = Date.now();
  const post = (body: string, i: number) => ({ body, uploads: [], submissionKey: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
  const thread = await services.community.startThread(access, { title: THREAD_TITLE, ...post(postBody(0), 0) });
  if (!thread.ok) throw new Error(`Could not start the thread: ${JSON.stringify(thread.errors)}`);
  for (let i = 1; i < THREAD_POSTS; i++) {
    const replied = await services.community.reply(access, thread.threadId, post(postBody(i), i));
    if (!replied?.ok) throw new Error(`Could not reply: ${JSON.stringify(replied)}`);
  }
  const replyThreads: number[] = [];
  for (let i = 0; i < REPLY_THREADS; i++) {
    const made = await services.community.startThread(access, { title: `Posting, thread ${i + 1}`, ...post(postBody(i), THREAD_POSTS + i) });
    if (!made.ok) throw new Error('Could not start a thread to reply to');
    replyThreads.push(made.threadId);
  }
  // Planner statistics for the new rows, as the rest of the data has them.
  await sql`ANALYZE community_spaces, community_threads, community_posts`.execute(db);
  log(`Community: a thread of ${THREAD_POSTS} posts and ${REPLY_THREADS} threads to reply to in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A CSRF token and its cookie, from the thread's page on an app in this process.
  const app = await createApp({ config: { env: 'production', logLevel: 'warn' }, services });
  const threadPath = `${access.space.path}/threads/${thread.threadId}`;
  const sessionCookie = `${SESSION_COOKIE}=${signedIn.sessionToken}`;
  let cookie: string;
  let csrf: string;
  try {
    const page = await app.inject({ method: 'GET', url: threadPath, headers: { cookie: sessionCookie } });
    const setCookie = [page.headers['set-cookie'] ?? []].flat();
    const csrfCookie = setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('_csrf='));
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (page.statusCode !== 200 || !csrfCookie || !token) throw new Error(`The thread's page answered ${page.statusCode} without a form token`);
    cookie = `${sessionCookie}; ${csrfCookie}`;
    csrf = token;
  } finally {
    await app.close();
  }

  const pagePaths = [threadPath, `${threadPath}?page=5`, `${threadPath}?page=10`];
  const readHeaders = { cookie };
  const replyPaths = replyThreads.map((id) => `${access.space.path}/threads/${id}/replies`);
  // No @mentions in the replies posted under load: the baseline does not read the roster or queue emails.
  const replyBody = (n: number) => new URLSearchParams({ _csrf: csrf, body: postBody(n, false), submission: randomUUID() }).toString();
  const postHeaders = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
  let sent = 0;

  const threadPage: CommunityWorkload = {
    name: COMMUNITY_THREAD,
    paths: pagePaths,
    requests: pagePaths.map((path) => ({ method: 'GET', path, headers: readHeaders })),
    ok: (status) => status >= 200 && status < 300,
    // The goal, p99 < 30 ms, at 100 pages a second: far more than every Work Group's
    // members together read on a busy evening, and under half what the app serves flat out.
    paced: { rps: 100, connections: 10, goalP99Ms: 30 },
    check(server, path, html) {
      const posts = html.match(/id="post-\d+"/g)?.length ?? 0;
      if (!html.includes('Bar models from Year 5 to Year 8: what works?')) return `${server.name} ${path} does not show the thread's title`;
      if (posts !== 50) return `${server.name} ${path} shows ${posts} posts, not 50`;
      return undefined;
    },
    async checkServe(server) {
      for (const path of pagePaths) {
        const response = await fetch(`${server.url}${path}`, { headers: readHeaders, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
        const html = await response.text();
        if (response.status !== 200) throw new Error(`${server.name} answered ${response.status} to ${path}`);
        const problem = threadPage.check(server, path, html);
        if (problem) throw new Error(problem);
      }
    },
  };

  const posting: CommunityWorkload = {
    name: COMMUNITY_POST,
    paths: replyPaths,
    requests: replyPaths.map((path) => ({
      method: 'POST',
      path,
      headers: postHeaders,
      // A new submission key for each: the same key twice would be one post.
      setupRequest: (request: Request) => ({ ...request, body: replyBody(sent++) }),
    })),
    // The form's answer: 303 to the new post.
    ok: (status) => status === 303,
    check: () => undefined,
    async checkServe(server) {
      const path = replyPaths[0]!;
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: postHeaders, body: replyBody(sent++), redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      await response.text();
      const location = response.headers.get('location') ?? '';
      const thread = path.replace(/\/replies$/, '');
      if (response.status !== 303 || !location.startsWith(thread) || !/#post-\d+$/.test(location)) {
        throw new Error(`${server.name} answered ${response.status} (${location}) to a reply, not 303 to the post`);
      }
    },
  };
  return [threadPage, posting];
}
