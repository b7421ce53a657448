// Sign in (password or emailed link), sign out, password reset, and the account page.
import { TOKEN_PATTERN } from '../../platform/lib/tokens.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createAuthService } from '../../core/identity/service.ts';
import type { MembershipService } from '../../core/membership/service.ts';
import type { createApiTokenRepository } from '../api/index.ts';
import { errorList, type FieldErrors, fieldErrors } from '../../platform/http/forms.ts';
import { renewCsrfSecret } from '../../platform/http/csrf.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../core/identity/session.ts';
import { policy } from '../../core/identity/policy.ts';
import { SESSION_DAYS } from '../../platform/config.ts';
import { emailForm, MIN_PASSWORD_LENGTH, newPasswordForm, signInForm } from './validation.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { apiTokens: ReturnType<typeof createApiTokenRepository>; auth: ReturnType<typeof createAuthService>; membership: MembershipService };

type Body = Record<string, unknown> | undefined;

/** Where signing in lands: the person's Work Groups (the account page only describes the account). */
const HOME = '/home';

/** Only local paths: never send someone to another site after signing in. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) && value.length < 500 ? value : HOME;
}

/** What someone held back by the password throttle reads, and what they can do now. */
function throttledMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `A wrong password has been entered too many times. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, or sign in with a link sent by email: it still works.`;
}

export async function authRoutes(app: FastifyInstance, { services, secureCookies }: { services: RouteServices; secureCookies: boolean }) {
  const cookie = sessionCookieOptions(secureCookies, SESSION_DAYS);

  /** The session cookie, and a CSRF secret kept as long (platform/http/csrf.ts). */
  function setSession(reply: FastifyReply, token: string) {
    renewCsrfSecret(reply, secureCookies);
    return reply.setCookie(SESSION_COOKIE, token, cookie);
  }

  function startSession(reply: FastifyReply, token: string, to: string) {
    return setSession(reply, token).redirect(safeReturnPath(to), 303);
  }

  function renderSignIn(request: FastifyRequest, reply: FastifyReply, values: { email?: string; returnTo?: string }, errors: FieldErrors = {}, status = 200) {
    return reply.code(status).renderForm('auth/views/sign-in.njk', {
      pageTitle: 'Sign in',
      values,
      errors,
      errorList: errorList(errors),
      returnTo: safeReturnPath(values.returnTo ?? (request.query as { returnTo?: string }).returnTo),
    });
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.user) return reply.redirect(HOME, 303);
    return renderSignIn(request, reply, {});
  });

  app.post('/sign-in', async (request, reply) => {
    const body = request.body as Body;
    const returnTo = safeReturnPath(body?.returnTo);
    const parsed = signInForm.safeParse(body ?? {});
    const email = typeof body?.email === 'string' ? body.email.slice(0, 254) : '';
    if (!parsed.success) return renderSignIn(request, reply, { email, returnTo }, fieldErrors(parsed.error), 400);
    const result = await services.auth.signInWithPassword(parsed.data.email, parsed.data.password, request.ip);
    if (!result.ok) {
      const message = result.reason === 'throttled' ? throttledMessage(result.retryInSeconds) : 'Enter a correct email address and password';
      return renderSignIn(request, reply, { email, returnTo }, { email: message }, result.reason === 'throttled' ? 429 : 401);
    }
    return startSession(reply, result.sessionToken, returnTo);
  });

  // Two one-field forms that email a link: sign in without a password, and reset a password.
  const emailedLinks = [
    {
      path: '/sign-in/link',
      pageTitle: 'Sign in with a link sent by email',
      intro: 'We will email you a link that signs you in. It works once, within 15 minutes.',
      what: 'a link to sign in. It works once, within 15 minutes',
      send: (email: string) => services.auth.sendSignInLink(email),
    },
    {
      path: '/password-reset',
      pageTitle: 'Reset your password',
      intro: 'We will email you a link to choose a new password. It works once, within an hour.',
      what: 'a link to reset your password. It works once, within an hour',
      send: (email: string) => services.auth.sendPasswordReset(email),
    },
  ];

  for (const link of emailedLinks) {
    const render = (reply: FastifyReply, email: string, errors: FieldErrors = {}, status = 200) =>
      reply.code(status).renderForm('auth/views/email-form.njk', {
        pageTitle: link.pageTitle,
        intro: link.intro,
        action: link.path,
        button: 'Send the link',
        values: { email },
        errors,
        errorList: errorList(errors),
      });

    app.get(link.path, async (_request, reply) => render(reply, ''));

    app.post(link.path, async (request, reply) => {
      const parsed = emailForm.safeParse(request.body ?? {});
      if (!parsed.success) return render(reply, String((request.body as Body)?.email ?? '').slice(0, 254), fieldErrors(parsed.error), 400);
      // The same answer whether or not the address has an account.
      await link.send(parsed.data.email);
      return reply.render('auth/views/check-email.njk', { pageTitle: 'Check your email', email: parsed.data.email, what: link.what });
    });
  }

  // The emailed link opens a page with a button, so that mail scanners which follow links
  // cannot use the link up before the person does.
  app.get<{ Params: { token: string } }>('/sign-in/link/:token', async (request, reply) => {
    const { token } = request.params;
    const holder = TOKEN_PATTERN.test(token) ? await services.auth.signInLinkHolder(token) : undefined;
    if (!holder) return reply.code(410).render('auth/views/link-expired.njk', { pageTitle: 'This sign-in link has expired', again: '/sign-in/link' });
    return reply.renderForm('auth/views/confirm-link.njk', {
      pageTitle: 'Sign in to hubwork',
      email: holder.email,
      token,
    });
  });

  app.post<{ Params: { token: string } }>('/sign-in/link/:token', async (request, reply) => {
    const { token } = request.params;
    const session = TOKEN_PATTERN.test(token) ? await services.auth.signInWithLink(token) : undefined;
    if (!session) return reply.code(410).render('auth/views/link-expired.njk', { pageTitle: 'This sign-in link has expired', again: '/sign-in/link' });
    return startSession(reply, session, HOME);
  });

  app.post('/sign-out', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await services.auth.signOut(token);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (_request, reply) => reply.render('auth/views/signed-out.njk', { pageTitle: 'You have signed out' }));

  // A password chosen through an emailed link: a reset, or an invitation to a new account.
  const passwordLinks = [
    { path: '/password-reset', purpose: 'password-reset', expired: 'This password reset link has expired', again: '/password-reset' },
    { path: '/invitation', purpose: 'invitation', expired: 'This invitation has expired', again: '/sign-in/link' },
  ] as const;

  for (const link of passwordLinks) {
    const render = (reply: FastifyReply, token: string, email: string, errors: FieldErrors = {}, status = 200) =>
      reply.code(status).renderForm('auth/views/new-password.njk', {
        pageTitle: link.purpose === 'invitation' ? 'Choose a password for your account' : 'Choose a new password',
        email,
        action: `${link.path}/${token}`,
        minLength: MIN_PASSWORD_LENGTH,
        errors,
        errorList: errorList(errors),
      });
    const expired = (reply: FastifyReply) =>
      reply.code(410).render('auth/views/link-expired.njk', { pageTitle: link.expired, again: link.again });

    app.get<{ Params: { token: string } }>(`${link.path}/:token`, async (request, reply) => {
      const { token } = request.params;
      const holder = TOKEN_PATTERN.test(token) ? await services.auth.passwordTokenHolder(token, link.purpose) : undefined;
      return holder ? render(reply, token, holder.email) : expired(reply);
    });

    app.post<{ Params: { token: string } }>(`${link.path}/:token`, async (request, reply) => {
      const { token } = request.params;
      const holder = TOKEN_PATTERN.test(token) ? await services.auth.passwordTokenHolder(token, link.purpose) : undefined;
      if (!holder) return expired(reply);
      const parsed = newPasswordForm.safeParse(request.body ?? {});
      if (!parsed.success) return render(reply, token, holder.email, fieldErrors(parsed.error), 400);
      const sessionToken = request.cookies[SESSION_COOKIE];
      const current = request.user && sessionToken ? { sessionToken, userId: request.user.id } : undefined;
      const chosen = await services.auth.choosePassword(token, parsed.data.password, link.purpose, current);
      if (!chosen) return expired(reply);
      if (chosen.newSession) setSession(reply, chosen.sessionToken);
      if (link.purpose === 'invitation') return reply.redirect('/account', 303);
      // Shown in answer to the form (not a page of its own that anyone could open): what the reset
      // ended, and the API tokens it did not, with a button to revoke them.
      request.user = await services.auth.userById(chosen.userId);
      return reply.renderForm('auth/views/password-changed.njk', {
        pageTitle: 'Your password has been changed',
        liveApiTokens: await services.apiTokens.liveCount(chosen.userId),
      });
    });
  }

  app.get('/account', async (request, reply) => {
    if (!request.user) return reply.redirect(`/sign-in?returnTo=${encodeURIComponent('/account')}`, 303);
    const user = request.user;
    // Work Groups (led, or taken part in by a role or by the school's confirmed registration) are
    // listed with the groups; the other roles (hub, national, headteacher) under "Your roles".
    const workGroups = await services.membership.groupsOf(user);
    const roles = user.roles.filter((r) => r.role !== 'participant' && r.role !== 'work_group_lead');
    return reply.render('auth/views/account.njk', { pageTitle: 'Your account', section: 'account', workGroups, roles, canUseApi: policy.useApi(user) });
  });
}
