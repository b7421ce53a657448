// The demo schools' history with the Maths Hubs, as the national records would give it: for
// each Work Group of an earlier year, as many of its hub's secondary schools as it had places
// taken, four in five of them completing; and, for the Embedding Year Support group's rule,
// a Secondary Teaching for Mastery Development Work Group in 2020/21 for a third of the
// secondary schools in the East Midlands East hub (and in 2025/26, for this year's, another third). Deterministic: the same every load.
import type { Row } from './repository.ts';
import type { ProjectSeed, SchoolSeed, WorkGroupSeed } from './types.ts';

export function generateParticipations(data: {
  schools: readonly SchoolSeed[];
  projects: readonly ProjectSeed[];
  workGroups: readonly WorkGroupSeed[];
  currentYear: string;
}): Row<'school_participations'>[] {
  const projects = new Map(data.projects.map((p) => [p.ncp_code, p]));
  const secondary = (hub: string | null) =>
    data.schools.filter((s) => (hub === null || s.hub_slug === hub) && s.state_funded && ['Secondary', 'All-through', 'Middle deemed secondary'].includes(s.phase));
  const rows: Row<'school_participations'>[] = [];
  const seen = new Set<string>();
  let turn = 0;
  for (const group of data.workGroups) {
    const project = projects.get(group.project_code);
    if (!project || project.academic_year >= data.currentYear || group.publication === 'draft') continue;
    const pool = secondary(group.hub_slug);
    for (let i = 0; i < Math.min(group.places_taken, pool.length); i++) {
      const school = pool[(i * 7 + turn * 13) % pool.length]!;
      const key = `${school.urn}:${project.ncp_code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        school_urn: school.urn,
        academic_year: project.academic_year,
        ncp_code: project.ncp_code,
        title: project.title,
        strand: project.strand,
        phase: project.phase,
        outcome: (i + turn) % 5 === 0 ? 'took_part' : 'completed',
        source: 'records',
      });
    }
    turn += 1;
  }
  const eme = secondary('east-midlands-east');
  eme.forEach((school, i) => {
    if (i % 3 === 2) return;
    rows.push({
      school_urn: school.urn,
      // A third of them in 2020/21 (for WRK2122-EME01), another third in 2025/26 (for this year's WRK2627-EME11).
      academic_year: i % 3 === 0 ? '2020/21' : '2025/26',
      ncp_code: null,
      title: 'Secondary Teaching for Mastery Development',
      strand: 'teaching-for-mastery',
      phase: 'secondary',
      outcome: 'completed',
      source: 'records',
    });
  });
  return rows;
}
