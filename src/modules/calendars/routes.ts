// Calendar feeds a calendar app can subscribe to: a Work Group's workshops (public, no joining
// links) at /work-groups/:code/calendar.ics, and a participant's own at /calendar/:token.ics
// (with the online joining links; the link comes in their "place confirmed" email).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { TOKEN_PATTERN, tokenHash } from '../../platform/lib/tokens.ts';
import type { createCalendarRepository } from './repository.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { buildCalendar, CALENDAR_CONTENT_TYPE } from './ics.ts';
import { WORK_GROUP_CODE as CODE } from '../../core/work-groups/domain.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { calendarFeeds: { calendars: ReturnType<typeof createCalendarRepository>; baseUrl: string } };

function sendCalendar(reply: FastifyReply, ics: string, filename: string, cache: 'public' | 'private') {
  return reply
    .type(CALENDAR_CONTENT_TYPE)
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', cache === 'public' ? 'public, max-age=300' : 'private, no-store')
    .send(ics);
}

export async function calendarRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  const { calendars, baseUrl } = services.calendarFeeds;
  const domain = new URL(baseUrl).hostname;

  app.get<{ Params: { code: string } }>('/work-groups/:code/calendar.ics', async (request, reply) => {
    const code = request.params.code.toUpperCase();
    if (!CODE.test(code)) throw new NotFoundError('Work Group');
    const group = await calendars.publicGroup(code);
    if (!group) throw new NotFoundError('Work Group');
    return sendCalendar(reply, buildCalendar(group.title, group.sessions, { baseUrl, domain }), `${code}.ics`, 'public');
  });

  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -'.ics'.length) : '';
    const feed = TOKEN_PATTERN.test(token) ? await calendars.participantFeed(tokenHash(token)) : undefined;
    if (!feed) throw new NotFoundError('calendar');
    return sendCalendar(reply, buildCalendar(`Work Groups: ${feed.name}`, feed.sessions, { baseUrl, domain }), 'work-groups.ics', 'private');
  });
}
