// The CSRF check's cookie (@fastify/csrf-protection, double-submit: the form's token must match
// the secret in the _csrf cookie). Two things the plugin does not do on its own:
// - One secret per response. Without a cookie, each reply.generateCsrf() made a new secret and
//   set the cookie again, so a signed-in page (its form's token and the sign-out button's) sent a
//   cookie that matched only the last: the first form after a browser restart had "expired".
// - A cookie as long-lived as the sign-in. A browser-session cookie is dropped when the browser
//   closes while the 14-day session cookie stays, so a page reopened from before failed. For a
//   signed-in person the secret lives 14 days; at sign-in it is replaced (renewCsrfSecret).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_DAYS } from '../config.ts';

export const CSRF_COOKIE = '_csrf';

/** The cookie's settings (as the plugin is given them in app.ts), kept `persistent` for a sign-in. */
export function csrfCookieOptions(secure: boolean, persistent = false) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(persistent ? { maxAge: SESSION_DAYS * 24 * 60 * 60 } : {}) };
}

/** Gives the response a new secret (as @fastify/csrf makes them: 18 random bytes), used by every form it renders. */
function setSecret(reply: FastifyReply, secure: boolean, persistent: boolean): void {
  const secret = randomBytes(18).toString('base64url');
  // generateCsrf reads the secret from the request's cookies: from now on, this one.
  reply.request.cookies[CSRF_COOKIE] = secret;
  reply.setCookie(CSRF_COOKIE, secret, csrfCookieOptions(secure, persistent));
}

/** At sign-in: a new secret, kept as long as the session (a secret from before the sign-in is not carried into it). */
export function renewCsrfSecret(reply: FastifyReply, secure: boolean): void {
  setSecret(reply, secure, true);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `false` for a route that is not reached from our own forms and proves itself otherwise (a
     * bearer token, an unguessable link): the CSRF check leaves it alone. Every other route
     * that changes state is checked.
     */
    csrf?: false;
  }
}

/** A route's config that opts it out of the CSRF check (see FastifyContextConfig.csrf). */
export const WITHOUT_CSRF = { config: { csrf: false as const } };

/**
 * Every state-changing request carries its form's CSRF token, checked as a preHandler (after
 * the body is parsed), unless its route says `csrf: false`. Registered after the plugin.
 */
export function checkCsrf(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    if (request.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });
}

/** Registers, after the plugin: every generateCsrf() of a response uses one secret. */
export function oneCsrfSecretPerResponse(app: FastifyInstance, { secure }: { secure: boolean }): void {
  app.addHook('onRequest', async (_request, reply) => {
    const generate = reply.generateCsrf;
    reply.generateCsrf = function generateCsrf(this: FastifyReply, options) {
      if (!this.request.cookies[CSRF_COOKIE]) setSecret(this, secure, Boolean(this.request.user));
      return generate.call(this, options);
    };
  });
}
