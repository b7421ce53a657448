// The web application: security headers, static files, views, every feature's routes,
// and the one error handler. Built from services, so a test can give it any it likes.
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Config, DEFAULT_CONTACT } from '../platform/config.ts';
import { aboutRoutes } from '../modules/about/index.ts';
import { policy } from '../core/identity/policy.ts';
import { authRoutes } from '../modules/auth/index.ts';
import { apiRoutes } from '../modules/api/index.ts';
import { calendarRoutes } from '../modules/calendars/index.ts';
import { eligibilityRoutes } from '../modules/eligibility/index.ts';
import { hubAdminRoutes } from '../modules/hub-admin/index.ts';
import { homeRoutes } from '../modules/home/index.ts';
import { peopleRoutes } from '../modules/people/index.ts';
import { projectRoutes } from '../modules/projects/index.ts';
import { registrationRoutes, registrationStaffRoutes } from '../modules/registrations/index.ts';
import { registerRoutes } from '../modules/attendance/index.ts';
import { taskRoutes } from '../modules/tasks/index.ts';
import { communityRoutes } from '../modules/community/index.ts';
import { observationRoutes } from '../modules/observations/index.ts';
import { dashboardRoutes } from '../modules/dashboard/index.ts';
import { schoolsRoutes } from '../modules/schools/index.ts';
import { outboxRoutes } from '../modules/outbox/index.ts';
import { hubRoutes } from '../modules/hubs/index.ts';
import { workGroupRoutes } from '../modules/catalogue/index.ts';
import type { Services } from './compose.ts';
import { isDatabaseUnavailable } from '../platform/db/database.ts';
import { BadRequestError, HttpError, httpErrorOf, NotFoundError, RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../platform/http/errors.ts';
import { DomainError } from '../platform/errors.ts';
import { govukInlineScriptHashes } from '../platform/http/csp.ts';
import { CSRF_COOKIE, checkCsrf, csrfCookieOptions, oneCsrfSecretPerResponse } from '../platform/http/csrf.ts';
import { createViews, projectRoot } from '../platform/views/nunjucks.ts';
import { createPageMemo } from '../platform/http/page-memo.ts';
import { registerInputCleaning } from '../platform/http/input.ts';
import { registerNoStore } from '../platform/http/cache-control.ts';
import { registerSessions } from '../core/identity/session.ts';

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Renders a Nunjucks view inside the layout. With `memo`, a page an anonymous visitor
     * sees is kept and served again for the same template and context (page-memo.ts); only
     * for plain-data contexts of public pages.
     */
    render(template: string, context?: Record<string, unknown>, options?: { memo?: boolean }): FastifyReply;
    /** The same, for a page with a form: its context gets the form's CSRF token (`csrfToken`). */
    renderForm(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

/** About 100 public pages' worth of rendered HTML. */
const PAGE_MEMO_BYTES = 8 * 1024 * 1024;

export type AppOptions = {
  config: Pick<Config, 'env' | 'logLevel'> & Partial<Pick<Config, 'secureCookies' | 'trustProxy' | 'contact'>>;
  services: Services;
  /** Keep public pages' rendered HTML (page-memo.ts); on unless switched off (the benchmark measures both). */
  pageMemo?: boolean;
};

export async function createApp({ config, services, pageMemo = true }: AppOptions): Promise<FastifyInstance> {
  const views = createViews();
  const memo = createPageMemo({ maxBytes: PAGE_MEMO_BYTES });

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Personal data and secrets never reach the log.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.body', 'res.headers["set-cookie"]'],
    },
    logController: new LogController({ disableRequestLogging: true }),
    // Path parameters longer than this are refused before any handler runs.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Only behind a proxy that sets X-Forwarded-For; otherwise a client could pick its own address.
    trustProxy: config.trustProxy ?? false,
    frameworkErrors: (error, _request, reply) => {
      // A path segment too long to be any code or slug names no page at all.
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return renderError(reply, new NotFoundError());
      renderError(reply, new BadRequestError([plainFrameworkError(error.code)]));
    },
  });

  function renderPage(
    reply: FastifyReply,
    template: string,
    context: Record<string, unknown> = {},
    options: { memo?: boolean } = {},
  ): string {
    const user = reply.request.user;
    const page = {
      ...context,
      currentUser: user,
      canAdminister: policy.useAdministration(user),
      // Every page a signed-in person sees has the sign-out button, which needs a CSRF token.
      signOutToken: user && typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : undefined,
    };
    if (pageMemo && options.memo && !user) return memo.render(template, page, () => views.render(template, page));
    return views.render(template, page);
  }

  function renderError(reply: FastifyReply, error: HttpError) {
    reply
      .code(error.statusCode)
      .type('text/html; charset=utf-8')
      .send(
        renderPage(reply, 'errors/error.njk', {
          pageTitle: error.title,
          paragraphs: error.paragraphs,
          problems: error.problems,
        }),
      );
  }

  // PostgreSQL is away (stopped, restarting, frozen): nothing was changed, and the same request
  // will work once it is back. GOV.UK's "service unavailable" page, with a time to come back.
  function renderUnavailable(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    request.log.warn({ error: error instanceof Error ? error.message : String(error), url: request.url }, 'database unavailable: answered 503');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return renderError(reply, new ServiceUnavailableError());
  }

  app.decorateReply(
    'render',
    function render(this: FastifyReply, template: string, context?: Record<string, unknown>, options?: { memo?: boolean }) {
      return this.type('text/html; charset=utf-8').send(renderPage(this, template, context, options));
    },
  );
  app.decorateReply('renderForm', function renderForm(this: FastifyReply, template: string, context?: Record<string, unknown>) {
    return this.render(template, { ...context, csrfToken: this.generateCsrf() });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...govukInlineScriptHashes(projectRoot)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Browsers keep to HTTPS for a year once they have seen it (BASE_URL https); never on plain HTTP.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });

  const secureCookies = config.secureCookies ?? false;
  await app.register(fastifyCookie);
  await app.register(formBody, { bodyLimit: 1024 * 1024 });
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieKey: CSRF_COOKIE, cookieOpts: csrfCookieOptions(secureCookies) });
  oneCsrfSecretPerResponse(app, { secure: secureCookies });
  registerSessions(app, services.auth);
  registerInputCleaning(app);
  registerNoStore(app);
  // Every state-changing request carries the form's CSRF token, but for the routes that say otherwise.
  checkCsrf(app);

  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'public'),
    prefix: '/public/',
    maxAge: '1h',
    index: false,
    wildcard: false,
  });

  // Set before the routes are registered: each plugin keeps the handlers it was given.
  app.setNotFoundHandler((_request, reply) => renderError(reply, new NotFoundError()));

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpError) return renderError(reply, error);
    // A service's refusal: the page it calls for (404, 403).
    if (error instanceof DomainError) return renderError(reply, httpErrorOf(error));
    const status = (error as { statusCode?: number }).statusCode;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('FST_CSRF_')) {
      return renderError(
        reply,
        new HttpError(403, 'This form has expired', [
          'For your security, forms stop working after a while or when opened in another browser. Nothing has been changed.',
          'Go back, reload the page and try again.',
        ]),
      );
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own refusals (a body too large, a bad content type): plain words, no internals.
      return renderError(reply, new HttpError(status, 'Sorry, we could not handle that request', ['Check the address or the form and try again.']));
    }
    if (isDatabaseUnavailable(error)) return renderUnavailable(request, reply, error);
    request.log.error({ err: error, url: request.url }, 'unhandled error');
    return renderError(
      reply,
      new HttpError(500, 'Sorry, there is a problem with the service', [
        'Try again later.',
        'Anything you had already saved has been kept.',
      ]),
    );
  });

  await app.register(homeRoutes, { services });
  await app.register(aboutRoutes, { contact: config.contact ?? DEFAULT_CONTACT });
  await app.register(workGroupRoutes, { services });
  await app.register(hubRoutes, { services });
  await app.register(registrationRoutes, { services, secureCookies });
  await app.register(registrationStaffRoutes, { services });
  await app.register(registerRoutes, { services });
  await app.register(taskRoutes, { services });
  await app.register(communityRoutes, { services });
  await app.register(observationRoutes, { services });
  await app.register(dashboardRoutes, { services });
  await app.register(calendarRoutes, { services });
  await app.register(apiRoutes, { services });
  await app.register(authRoutes, { services, secureCookies });
  await app.register(peopleRoutes, { services });
  await app.register(projectRoutes, { services });
  await app.register(schoolsRoutes, { services });
  await app.register(outboxRoutes, { services });
  await app.register(eligibilityRoutes, { services });
  await app.register(hubAdminRoutes, { services, repository: services.hubAdmin, commands: services.hubAdminCommands });

  return app;
}

function plainFrameworkError(code: string): string {
  switch (code) {
    case 'FST_ERR_BAD_URL':
      return 'The web address has characters that are not allowed or is not encoded correctly';
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return 'The request could not be matched to a page';
    default:
      return 'The request could not be understood';
  }
}
