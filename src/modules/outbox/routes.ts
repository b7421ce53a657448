// /admin/emails: emails hubwork could not send, for the national administrator.
import type { FastifyInstance } from 'fastify';
import type { createOutboxService } from './service.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { SIGNED_IN } from '../../core/identity/session.ts';
import { isNationalAdmin } from '../../core/identity/policy.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { outbox: ReturnType<typeof createOutboxService> };

const JOB_ID = /^[1-9][0-9]{0,17}$/;

export async function outboxRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  app.get<{ Querystring: { retried?: string; gone?: string } }>('/admin/emails', SIGNED_IN, async (request, reply) => {
    if (!isNationalAdmin(request.user)) throw new ForbiddenError();
    const { mails, failed, retrying } = await services.outbox.list();
    return reply.renderForm('outbox/views/emails.njk', {
      pageTitle: 'Emails that could not be sent',
      section: 'admin',
      mails,
      failed,
      retrying,
      retried: request.query.retried === '1',
      gone: request.query.gone === '1',
    });
  });

  app.post<{ Params: { id: string } }>('/admin/emails/:id/retry', SIGNED_IN, async (request, reply) => {
    const user = request.user;
    if (!user || !isNationalAdmin(user)) throw new ForbiddenError();
    if (!JOB_ID.test(request.params.id)) throw new NotFoundError('email');
    const retried = await services.outbox.retry(request.params.id, user.id);
    return reply.redirect(retried ? '/admin/emails?retried=1' : '/admin/emails?gone=1', 303);
  });
}
