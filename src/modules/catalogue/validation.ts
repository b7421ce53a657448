// The catalogue's query string: every filter, checked, with a plain-English reason for each refusal.
import { z } from 'zod';
import type { Mode, Phase } from '../../core/schema.ts';
import { academicYearFromSlug, MODE_SLUGS, PHASES, STRANDS, type Strand } from '../../core/work-groups/domain.ts';
import type { CatalogueFilters } from '../../core/work-groups/catalogue-repository.ts';

export const MAX_SEARCH_LENGTH = 100;
const MAX_PAGE = 10_000;

const single = (name: string) =>
  z.union([z.string(), z.array(z.string())]).refine((v) => typeof v === 'string', {
    message: `Choose one ${name} at a time`,
  }) as unknown as z.ZodType<string>;

const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).filter(Boolean));

const oneOf = <T extends string>(allowed: readonly string[], noun: string) =>
  many.superRefine((values, ctx) => {
    for (const value of values) {
      if (!allowed.includes(value)) ctx.addIssue({ code: 'custom', message: `"${value}" is not a ${noun} you can filter by` });
    }
  }) as unknown as z.ZodType<T[]>;

const schema = z.object({
  q: single('search').optional(),
  hub: single('hub').optional(),
  year: single('academic year').optional(),
  phase: oneOf<Phase>(Object.keys(PHASES), 'phase').optional(),
  strand: oneOf<Strand>(Object.keys(STRANDS), 'programme strand').optional(),
  mode: oneOf<string>(Object.keys(MODE_SLUGS), 'way of meeting').optional(),
  available: single('places option').optional(),
  page: single('page').optional(),
});

export type CatalogueQuery = { filters: CatalogueFilters; page: number; hubSlug?: string; yearSlug?: string };

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

// Control characters never mean anything in a search box.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function parseCatalogueQuery(raw: unknown, knownHubs: ReadonlySet<string>): Checked<CatalogueQuery> {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, problems: [...new Set(parsed.error.issues.map((i) => i.message))] };
  const input = parsed.data;
  const problems: string[] = [];

  const q = input.q?.replace(CONTROL, ' ').trim() || undefined;
  if (q && q.length > MAX_SEARCH_LENGTH) problems.push(`Search terms must be ${MAX_SEARCH_LENGTH} characters or fewer`);

  const hub = input.hub || undefined;
  if (hub && hub !== 'national' && !knownHubs.has(hub)) problems.push(`There is no Maths Hub called "${hub.slice(0, 60)}"`);

  const yearSlug = input.year || undefined;
  const academicYear = yearSlug ? academicYearFromSlug(yearSlug) : undefined;
  if (yearSlug && !academicYear) problems.push('Academic year must look like 2022-23');

  const available = input.available === 'yes';
  if (input.available && !available) problems.push('To show only Work Groups with places, use available=yes');

  let page = 1;
  if (input.page) {
    if (!/^\d{1,6}$/.test(input.page) || Number(input.page) < 1 || Number(input.page) > MAX_PAGE) {
      problems.push('Page must be a whole number, 1 or more');
    } else page = Number(input.page);
  }

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      filters: {
        q,
        hub,
        academicYear: academicYear ?? undefined,
        phases: [...new Set(input.phase ?? [])],
        strands: [...new Set(input.strand ?? [])],
        modes: [...new Set(input.mode ?? [])].map((m) => MODE_SLUGS[m] as Mode),
        available,
      },
      page,
      hubSlug: hub,
      yearSlug,
    },
  };
}

/** The query string for these filters (and page), as the catalogue's links write it. */
export function catalogueQueryString(filters: CatalogueFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.hub) params.set('hub', filters.hub);
  if (filters.academicYear) params.set('year', filters.academicYear.replace('/', '-'));
  for (const phase of filters.phases) params.append('phase', phase);
  for (const strand of filters.strands) params.append('strand', strand);
  const modeSlugs = Object.fromEntries(Object.entries(MODE_SLUGS).map(([slug, mode]) => [mode, slug]));
  for (const mode of filters.modes) params.append('mode', modeSlugs[mode] ?? mode);
  if (filters.available) params.set('available', 'yes');
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
