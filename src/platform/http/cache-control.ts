// No page is kept by a browser or a proxy unless it says it may be: every response that has not
// set its own Cache-Control gets "no-store". Pages for a signed-in person, exports (CSV files,
// uploads, a participant's own calendar), and the pages a link's token opens (a headteacher's
// consent, a school's own registration) hold personal data, and a rule by route would miss the
// next one added. The few responses that may be kept say so themselves: static assets
// (@fastify/static, an hour), a Work Group's public calendar feed (five minutes) and the school
// search's suggestions (a minute, this browser only).
import type { FastifyInstance } from 'fastify';

export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
