// Who is signed in: the session cookie holds a random token; the database holds its hash.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from './service.ts';
import { TOKEN_PATTERN } from '../../platform/lib/tokens.ts';

export const SESSION_COOKIE = 'hubwork_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, with their roles; undefined for a visitor. */
    user: CurrentUser | undefined;
  }
}

export function sessionCookieOptions(secure: boolean, days: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: days * 24 * 60 * 60 };
}

/** Who each request is from, by its session cookie, answered by the identity service. */
export function registerSessions(app: FastifyInstance, identity: { userForSession(token: string): Promise<CurrentUser | undefined> }) {
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !TOKEN_PATTERN.test(token)) return;
    // Static files never need to know who is asking.
    if (request.url.startsWith('/public/')) return;
    request.user = await identity.userForSession(token);
  });
}

/** Signed-in users pass; visitors are sent to sign in and come back here afterwards. */
export function requireSignIn(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.user) return true;
  reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
  return false;
}

/**
 * A route's options for pages only a signed-in person may use: `app.get(url, SIGNED_IN, handler)`.
 * Checked as the route's preHandler, after the CSRF check, so the handler starts with a user.
 */
export const SIGNED_IN = {
  preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
    if (!requireSignIn(request, reply)) return reply;
  },
};
