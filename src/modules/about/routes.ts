// The pages a public service publishes about itself, linked from every page's footer: the
// accessibility statement, the privacy notice, the cookies page, and how to get help or give
// feedback (the phase banner's link). Their text names the organisation running this copy and
// its contact address, from the settings (SUPPORT_EMAIL, OPERATOR_NAME).
import type { FastifyInstance } from 'fastify';
import type { Contact } from '../../platform/config.ts';
import { SENT_EMAIL_RECORD_DAYS } from '../../platform/jobs/queue.ts';
import { RETENTION } from '../../core/identity/service.ts';
import { SESSION_DAYS } from '../../platform/config.ts';
import { CHECK_IN_THROTTLE } from '../attendance/index.ts';

/** When these pages' words last changed, as each says at its foot. */
export const LAST_UPDATED = '7 December 2026';

export async function aboutRoutes(app: FastifyInstance, { contact }: { contact: Contact }) {
  const page = {
    contact,
    // The operator's name opens some sentences.
    Operator: contact.operator.charAt(0).toUpperCase() + contact.operator.slice(1),
    lastUpdated: LAST_UPDATED,
    sessionDays: SESSION_DAYS,
    // The clean-ups' own periods, so the notice cannot drift from what is deleted.
    kept: { ...RETENTION, checkInMinutes: CHECK_IN_THROTTLE.windowMinutes, sentEmailDays: SENT_EMAIL_RECORD_DAYS },
  };
  app.get('/accessibility', async (_request, reply) =>
    reply.render('about/views/accessibility.njk', { ...page, pageTitle: 'Accessibility statement' }, { memo: true }),
  );
  app.get('/privacy', async (_request, reply) => reply.render('about/views/privacy.njk', { ...page, pageTitle: 'Privacy notice' }, { memo: true }));
  app.get('/cookies', async (_request, reply) => reply.render('about/views/cookies.njk', { ...page, pageTitle: 'Cookies' }, { memo: true }));
  app.get('/contact', async (_request, reply) => reply.render('about/views/contact.njk', { ...page, pageTitle: 'Get help or give feedback' }, { memo: true }));
}
