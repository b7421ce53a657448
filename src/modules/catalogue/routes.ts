// The public catalogue (/work-groups) and a Work Group's own page (/work-groups/:code).
import type { FastifyInstance } from 'fastify';
import type { MembershipService } from '../../core/membership/service.ts';
import type { createWorkGroupService } from './service.ts';
import type { createHubService } from '../../core/hubs/service.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { academicYearSlug, MODE_SLUGS, MODES, PHASES, STRANDS, WORK_GROUP_CODE as CODE } from '../../core/work-groups/domain.ts';
import { catalogueQueryString, MAX_SEARCH_LENGTH, parseCatalogueQuery } from './validation.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { hubs: ReturnType<typeof createHubService>; membership: MembershipService; workGroups: ReturnType<typeof createWorkGroupService> };

export async function workGroupRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  app.get('/work-groups', async (request, reply) => {
    const [hubs, years] = await Promise.all([services.hubs.list(), services.workGroups.academicYears()]);
    const checked = parseCatalogueQuery(request.query, new Set(hubs.map((h) => h.slug)));
    if (!checked.ok) throw new BadRequestError(checked.problems);
    const { filters, page } = checked.value;

    const result = await services.workGroups.search(filters, page);
    if (page > result.pageCount) throw new NotFoundError('page of results');

    const link = (p: number) => `/work-groups${catalogueQueryString(filters, p)}`;
    const modeSlugOf = Object.fromEntries(Object.entries(MODE_SLUGS).map(([slug, mode]) => [mode, slug]));
    return reply.render(
      'catalogue/views/catalogue.njk',
      {
      pageTitle: page > 1 ? `Find a Work Group (page ${page} of ${result.pageCount})` : 'Find a Work Group',
      section: 'work-groups',
      filters,
      maxSearchLength: MAX_SEARCH_LENGTH,
      result,
      options: {
        hubs: [
          { value: '', text: 'All hubs' },
          { value: 'national', text: 'National programme (centrally led)', selected: filters.hub === 'national' },
          ...hubs.map((h) => ({ value: h.slug, text: h.name, selected: filters.hub === h.slug })),
        ],
        years: [
          { value: '', text: 'All years' },
          ...years.map((y) => ({ value: academicYearSlug(y), text: y, selected: filters.academicYear === y })),
        ],
        phases: Object.entries(PHASES).map(([value, text]) => ({
          value,
          text,
          checked: filters.phases.includes(value as never),
        })),
        strands: Object.entries(STRANDS).map(([value, text]) => ({
          value,
          text,
          checked: filters.strands.includes(value),
        })),
        modes: Object.entries(MODES).map(([mode, text]) => ({
          value: modeSlugOf[mode],
          text,
          checked: filters.modes.includes(mode as never),
        })),
      },
      pagination:
        result.pageCount > 1
          ? {
              previous: page > 1 ? { href: link(page - 1) } : undefined,
              next: page < result.pageCount ? { href: link(page + 1) } : undefined,
              items: pageItems(page, result.pageCount).map((n) =>
                n === null ? { ellipsis: true } : { number: n, href: link(n), current: n === page },
              ),
            }
          : undefined,
        hasFilters: catalogueQueryString(filters) !== '',
      },
      { memo: true },
    );
  });

  app.get<{ Params: { code: string } }>('/work-groups/:code', async (request, reply) => {
    const { code } = request.params;
    if (!CODE.test(code)) throw new NotFoundError('Work Group');
    const group = await services.workGroups.findByCode(code);
    if (!group) throw new NotFoundError('Work Group');
    if (group.code !== code) return reply.redirect(`/work-groups/${group.code}`, 301);
    // A member signed in sees the way to the group's own pages (anonymous pages stay memoised).
    const member = request.user ? await services.membership.require(request.user, group.code).catch(() => undefined) : undefined;
    return reply.render('catalogue/views/work-group.njk', { pageTitle: group.title, section: 'work-groups', group, member }, { memo: true });
  });
}

/** Page numbers to link to: first, last, and the current one's neighbours; null for a gap. */
export function pageItems(current: number, count: number): (number | null)[] {
  const wanted = new Set([1, count, current - 1, current, current + 1].filter((n) => n >= 1 && n <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: (number | null)[] = [];
  for (const n of sorted) {
    const last = items[items.length - 1];
    if (typeof last === 'number' && n - last > 1) items.push(null);
    items.push(n);
  }
  return items;
}
