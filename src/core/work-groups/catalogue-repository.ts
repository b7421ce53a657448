// All the SQL that reads published Work Groups for the public pages: the catalogue's search and
// filters, a hub's groups, and a group's whole page.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Db, Mode, Phase } from '../schema.ts';

export type CatalogueFilters = {
  q?: string;
  /** A hub's slug, or 'national' for centrally-led groups. */
  hub?: string;
  academicYear?: string;
  phases: Phase[];
  strands: string[];
  modes: Mode[];
  /** Only groups a school could register for today. */
  available: boolean;
};

type Source = SelectQueryBuilder<
  Database & { wg: Database['work_groups']; p: Database['projects']; h: Database['hubs'] },
  'wg' | 'p' | 'h',
  object
>;

const PUBLIC = ['published', 'closed'] as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function allGroups(db: Db): Source {
  return db
    .selectFrom('work_groups as wg')
    .innerJoin('projects as p', 'p.id', 'wg.project_id')
    .leftJoin('hubs as h', 'h.id', 'wg.hub_id') as unknown as Source;
}

function publicGroups(db: Db): Source {
  return allGroups(db).where('wg.publication', 'in', PUBLIC);
}

function summaryColumns(eb: ExpressionBuilder<Database & { wg: Database['work_groups'] }, 'wg'>) {
  return [
    eb
      .selectFrom('workshops as s')
      .select((e) => e.fn.min('s.starts_at').as('v'))
      .whereRef('s.work_group_id', '=', 'wg.id')
      .as('first_session_at'),
    eb
      .selectFrom('workshops as s')
      .select((e) => e.fn.countAll<string>().as('v'))
      .whereRef('s.work_group_id', '=', 'wg.id')
      .as('session_count'),
  ] as const;
}

export function createWorkGroupRepository(db: Db) {
  function filtered(filters: CatalogueFilters, today: string): Source {
    let query = publicGroups(db);
    if (filters.q) {
      const like = `%${escapeLike(filters.q)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql`wg.search_vector`, '@@', sql`websearch_to_tsquery('english', ${filters.q})`),
          eb('wg.title', 'ilike', like),
          eb('wg.code', 'ilike', like),
          eb('p.ncp_code', 'ilike', like),
          eb('p.title', 'ilike', like),
          eb('h.name', 'ilike', like),
        ]),
      );
    }
    if (filters.hub === 'national') query = query.where('wg.hub_id', 'is', null);
    else if (filters.hub) query = query.where('h.slug', '=', filters.hub);
    if (filters.academicYear) query = query.where('p.academic_year', '=', filters.academicYear);
    if (filters.phases.length) query = query.where('p.phase', 'in', filters.phases);
    if (filters.strands.length) query = query.where('p.strand', 'in', filters.strands);
    if (filters.modes.length) query = query.where('wg.mode', 'in', filters.modes);
    if (filters.available) {
      // The same rule as publicStatus() in domain.ts: published, a place left, window open today.
      query = query
        .where('wg.publication', '=', 'published')
        .whereRef('wg.places_taken', '<', 'wg.places_total')
        .where((eb) => eb.or([eb('wg.registration_opens_on', 'is', null), eb('wg.registration_opens_on', '<=', today)]))
        .where((eb) => eb.or([eb('wg.registration_closes_on', 'is', null), eb('wg.registration_closes_on', '>=', today)]));
    }
    return query;
  }

  return {
    async search(filters: CatalogueFilters, today: string, page: { limit: number; offset: number }) {
      let query = filtered(filters, today)
        .select((eb) => [
          'wg.id',
          'wg.code',
          'wg.title',
          'wg.theme',
          'wg.summary',
          'wg.mode',
          'wg.publication',
          'wg.places_total',
          'wg.places_taken',
          'wg.registration_opens_on',
          'wg.registration_closes_on',
          'p.ncp_code',
          'p.academic_year',
          'p.phase',
          'p.strand',
          'p.commitment_days',
          'h.name as hub_name',
          'h.slug as hub_slug',
          ...summaryColumns(eb as never),
          sql<string>`count(*) over ()`.as('total'),
        ])
        .limit(page.limit)
        .offset(page.offset);
      if (filters.q) {
        query = query.orderBy(sql`ts_rank(wg.search_vector, websearch_to_tsquery('english', ${filters.q}))`, 'desc');
      }
      return query.orderBy('p.academic_year', 'desc').orderBy('wg.title').orderBy('wg.code').execute();
    },

    /** A public group by code; with `unpublished`, drafts and archived groups too (for previews). */
    async findByCode(code: string, options: { unpublished?: boolean } = {}) {
      return (options.unpublished ? allGroups(db) : publicGroups(db))
        .where(sql`upper(wg.code)`, '=', code.toUpperCase())
        .select((eb) => [
          'wg.id',
          'wg.code',
          'wg.title',
          'wg.theme',
          'wg.summary',
          'wg.mode',
          'wg.publication',
          'wg.places_total',
          'wg.places_taken',
          'wg.participants_per_school',
          'wg.registration_opens_on',
          'wg.registration_closes_on',
          'wg.purpose',
          'wg.who_for',
          'wg.what_it_involves',
          'wg.benefits',
          'wg.cost',
          'wg.wider_context',
          'wg.expectations',
          'wg.schedule_note',
          'wg.lead_information',
          'wg.joining_details_days',
          'wg.project_id',
          'p.ncp_code',
          'p.title as project_title',
          'p.academic_year',
          'p.phase',
          'p.strand',
          'p.commitment_days',
          'h.name as hub_name',
          'h.slug as hub_slug',
          'h.enquiries_email as hub_enquiries_email',
          ...summaryColumns(eb as never),
        ])
        .executeTakeFirst();
    },

    /**
     * Everything else the page shows, in one round trip (JSON arrays built by PostgreSQL). A
     * project the group's requires comes with its public groups in the same hub (`hubSlug`; null:
     * the national programme's), so the page can link to them.
     */
    async detailsOf(workGroupId: number, projectId: number, hubSlug: string | null = null) {
      const row = await db
        .selectNoFrom((eb) => [
          jsonArrayFrom(
            eb.selectFrom('workshops').selectAll().where('work_group_id', '=', workGroupId).orderBy('workshop_number'),
          ).as('sessions'),
          jsonArrayFrom(eb.selectFrom('work_group_outcomes').selectAll().where('work_group_id', '=', workGroupId)).as('outcomes'),
          jsonArrayFrom(
            eb.selectFrom('work_group_sections').select(['heading', 'body']).where('work_group_id', '=', workGroupId).orderBy('position'),
          ).as('sections'),
          jsonArrayFrom(
            eb
              .selectFrom('work_group_leaders as l')
              .innerJoin('people as pe', 'pe.id', 'l.person_id')
              .select(['pe.name', 'pe.role_title', 'pe.bio'])
              .where('l.work_group_id', '=', workGroupId)
              .orderBy('l.position'),
          ).as('leaders'),
          jsonArrayFrom(
            eb
              .selectFrom('project_links as pl')
              .innerJoin('projects as rp', 'rp.id', 'pl.requires_project_id')
              .select((e) => [
                'rp.ncp_code',
                'rp.title',
                jsonArrayFrom(
                  e
                    .selectFrom('work_groups as g')
                    .leftJoin('hubs as gh', 'gh.id', 'g.hub_id')
                    .select(['g.code', 'g.title'])
                    .whereRef('g.project_id', '=', 'rp.id')
                    .where('g.publication', 'in', ['published', 'closed'])
                    .where((w) => (hubSlug === null ? w('g.hub_id', 'is', null) : w('gh.slug', '=', hubSlug)))
                    .orderBy('g.code'),
                ).as('groups'),
              ])
              .where('pl.project_id', '=', projectId)
              .orderBy('rp.ncp_code'),
          ).as('requires'),
        ])
        .executeTakeFirstOrThrow();
      // JSON carries timestamps as text.
      const sessions = row.sessions.map((s) => ({
        ...s,
        starts_at: s.starts_at ? new Date(s.starts_at) : null,
        ends_at: s.ends_at ? new Date(s.ends_at) : null,
      }));
      return { sessions, outcomes: row.outcomes, sections: row.sections, leaders: row.leaders, requires: row.requires };
    },

    /** What the filters can offer: every academic year that has a public group. */
    async academicYears(): Promise<string[]> {
      const rows = await publicGroups(db).select('p.academic_year').distinct().orderBy('p.academic_year', 'desc').execute();
      return rows.map((r) => r.academic_year);
    },
  };
}

export type WorkGroupRepository = ReturnType<typeof createWorkGroupRepository>;
