// Unit: the demo data as plain values (no database): the hubs, the facts of the five seed
// pages, the codes the database CHECKs, and the generated data's determinism.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { londonDate, londonIsoDate, londonTime } from '../platform/lib/london-time.ts';
import { PHASES, publicStatus, STRANDS } from '../core/work-groups/domain.ts';
import { generateSchools, SCHOOL_PHASES, SCHOOL_TYPES } from './generated.ts';
import { HUBS } from './hubs.ts';
import { buildDemoData } from './seed.ts';
import { SEED_WORK_GROUPS, SKTM_ECT_THEMES } from './seed-groups.ts';
import type { ProjectSeed, WorkGroupSeed } from './types.ts';

const TODAY = '2026-11-23';
const data = buildDemoData();
const projects = new Map(data.projects.map((p) => [p.ncp_code, p]));

function projectOf(group: WorkGroupSeed): ProjectSeed {
  const project = projects.get(group.project_code);
  assert.ok(project, `${group.code} refers to ${group.project_code}`);
  return project;
}

function byTitle(title: string): WorkGroupSeed {
  const found = data.workGroups.filter((g) => g.title === title);
  assert.equal(found.length, 1, `exactly one group titled ${title}`);
  return found[0] as WorkGroupSeed;
}

function statusOf(g: WorkGroupSeed) {
  return publicStatus(
    {
      publication: g.publication,
      placesTotal: g.places_total,
      placesTaken: g.places_taken,
      registrationOpensOn: g.registration_opens_on,
      registrationClosesOn: g.registration_closes_on,
    },
    TODAY,
  );
}

function groupsOf(ncp: string): WorkGroupSeed[] {
  return data.workGroups.filter((g) => g.project_code === ncp);
}

test('the 40 Maths Hubs: unique names and slugs, a region, an area and an enquiries address each', () => {
  assert.equal(HUBS.length, 40);
  assert.equal(new Set(HUBS.map((h) => h.slug)).size, 40);
  assert.equal(new Set(HUBS.map((h) => h.name)).size, 40);
  assert.equal(new Set(HUBS.map((h) => h.code)).size, 40);
  const regions = new Set([
    'North East',
    'North West',
    'Yorkshire and the Humber',
    'East Midlands',
    'West Midlands',
    'East of England',
    'London',
    'South East',
    'South West',
  ]);
  for (const hub of HUBS) {
    assert.match(hub.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/, hub.slug);
    assert.match(hub.name, / Maths Hub$/, hub.name);
    assert.ok(regions.has(hub.region), `${hub.name}: ${hub.region}`);
    assert.ok(hub.area.length > 3, hub.name);
    assert.match(hub.enquiries_email, /^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/, hub.name);
    assert.match(hub.code, /^[0-9A-Z]{2,6}$/, hub.name);
    assert.ok(hub.local_authorities.length > 0 && hub.postcode_areas.length > 0, hub.name);
  }
  for (const region of regions) assert.ok(HUBS.some((h) => h.region === region), region);
  for (const name of ['Great North Maths Hub', 'Cheshire and Wirral Maths Hub', 'East Midlands East Maths Hub', 'Boolean Maths Hub', 'Jurassic Maths Hub', 'London Central and West Maths Hub', 'SHaW Maths Hub']) {
    assert.ok(HUBS.some((h) => h.name === name), name);
  }
  assert.equal(HUBS.find((h) => h.slug === 'east-midlands-east')?.enquiries_email, 'enquiries@ememathshub.org');
});

test('Secondary Maths Leadership 2022-23: four workshops at the right London times, launch at AFC Telford, full', () => {
  const sml = byTitle('Secondary Maths Leadership 2022-23');
  assert.equal(sml.hub_slug, 'shaw');
  assert.match(sml.code, /^WRK2223-/);
  const project = projectOf(sml);
  assert.equal(project.academic_year, '2022/23');
  assert.equal(project.strand, 'subject-leadership');
  assert.equal(project.phase, 'secondary');
  assert.equal(sml.mode, 'blended');
  assert.equal(sml.cost, 'Free');
  assert.equal(sml.publication, 'published');
  assert.equal(sml.places_taken, sml.places_total, 'Work group full');
  assert.equal(statusOf(sml), 'full');

  const rows = sml.sessions.map((s) => {
    assert.ok(s.starts_at && s.ends_at);
    return [s.workshop_number, s.title, londonDate(s.starts_at), londonTime(s.starts_at), londonTime(s.ends_at), s.mode, s.venue_name];
  });
  assert.deepEqual(rows, [
    [1, 'Launch', 'Monday 7 November 2022', '1pm', '3:30pm', 'face_to_face', 'AFC Telford'],
    [2, null, 'Friday 27 January 2023', '1pm', '4pm', 'online', null],
    [3, null, 'Tuesday 28 March 2023', '1pm', '4pm', 'online', null],
    [4, null, 'Thursday 15 June 2023', '10am', '3pm', 'online', null],
  ]);
  // 1pm in November is 13:00 UTC; 10am in June is 09:00 UTC (British Summer Time).
  assert.equal(sml.sessions[0]?.starts_at?.toISOString(), '2022-11-07T13:00:00.000Z');
  assert.equal(sml.sessions[3]?.starts_at?.toISOString(), '2023-06-15T09:00:00.000Z');

  assert.match(sml.schedule_note, /launch in person in Telford on 7th November/);
  assert.match(sml.schedule_note, /keynote from Steve Wren, Ofsted's secondary subject lead for mathematics/);
  assert.match(sml.schedule_note, /The remaining dates will be released in due course\.$/);
  assert.deepEqual(
    sml.leaders.map((l) => l.name),
    ['Dr Sally Bamber', 'Steve Waterhouse'],
  );
  assert.match(sml.leaders[0]?.bio ?? '', /Secondary Mathematics PGCE at the University of Chester/);
  assert.match(sml.leaders[0]?.bio ?? '', /chair of the Cheshire and Wirral Maths Hub Strategic Board\.$/);
  assert.match(sml.leaders[1]?.bio ?? '', /NCETM accredited SLE/);
  assert.deepEqual(
    sml.outcomes.map((o) => o.area),
    ['pupil', 'departmental', 'practice', 'professional'],
  );
  assert.equal(sml.outcomes[0]?.lead_in, 'In almost all teachers’ classes:');
  assert.ok(sml.outcomes.every((o) => o.items.length === 4));
  assert.match(sml.what_it_involves, /supported in each case by school-based tasks/, 'typo "suported" fixed');
  assert.match(sml.who_for, /^Secondary heads of department\/subject leaders\./);
  assert.equal(sml.joining_details_days, 10);
});

test('Embedding Year Support (NCP21-13, East Midlands East) requires NCP21-14, which has a group', () => {
  const eys = byTitle('Secondary Teaching for Mastery – Embedding Year Support');
  assert.equal(eys.project_code, 'NCP21-13');
  assert.equal(eys.hub_slug, 'east-midlands-east');
  const project = projectOf(eys);
  assert.equal(project.academic_year, '2021/22');
  assert.equal(project.strand, 'teaching-for-mastery');
  assert.equal(project.commitment_days, 3);
  assert.deepEqual(project.requires, ['NCP21-14']);
  const required = projects.get('NCP21-14');
  assert.equal(required?.title, 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group');
  assert.ok(groupsOf('NCP21-14').length >= 1);

  assert.match(eys.who_for, /participated in a Secondary Teaching for Mastery Development Work Group in 2020\/21/);
  assert.match(eys.what_it_involves, /There will be three days of support for each school/);
  assert.match(eys.benefits, /produce a development plan and professional development programme for the department/);
  assert.match(eys.wider_context, /half of the secondary schools in England/);
  assert.match(eys.expectations, /must also join the \[Embedding and Sustaining Work Group \(NCP21-14\)\]\(\/work-groups\/WRK2122-EME02\)/);
  assert.match(eys.lead_information, /Mastery Advocates will be supported by an experienced Secondary Teaching for Mastery Specialist/);
  assert.match(eys.lead_information, /enquiries@ememathshub\.org/);
  assert.match(eys.cost, /fully funded by the Maths Hubs Programme/);
  const headings = eys.sections.map((s) => s.heading);
  assert.ok(headings.includes('Covid-19 recovery'));
  assert.ok(headings.includes('What is a Work Group?'));
});

test('Secondary Subject Leadership Community is open on 23 November 2026, with a date to be confirmed', () => {
  const ssl = byTitle('Secondary Subject Leadership Community');
  assert.equal(projectOf(ssl).academic_year, '2026/27');
  assert.equal(projectOf(ssl).strand, 'subject-leadership');
  assert.equal(ssl.publication, 'published');
  assert.ok(ssl.places_taken < ssl.places_total);
  assert.ok((ssl.registration_opens_on ?? '') <= TODAY && TODAY <= (ssl.registration_closes_on ?? ''));
  assert.equal(ssl.registration_closes_on, '2027-06-30');
  assert.equal(statusOf(ssl), 'open');
  const tbc = ssl.sessions.filter((s) => s.date_to_be_confirmed);
  assert.equal(tbc.length, 1);
  assert.equal(tbc[0]?.starts_at, null);
  assert.equal(tbc[0]?.mode, 'tbc');
  assert.match(ssl.schedule_note, /Register to secure your place\./);
  assert.doesNotMatch(ssl.schedule_note, /Click/, 'not device-specific (GOV.UK style)');
  assert.match(ssl.expectations, /equivalent of 3 days of work/);
  assert.deepEqual(ssl.outcomes.map((o) => o.area), ['departmental', 'practice', 'professional', 'collaboration'], 'the page’s four groups');
});

test('the Mastery Specialist and TfM Work Group page: a pair per school, three days', () => {
  const tfm = data.workGroups.find((g) => g.code === 'WRK2223-CW01');
  assert.ok(tfm);
  assert.match(tfm.who_for, /ideally comprise at least one Mastery Specialist or Mastery Advocate/);
  assert.equal(tfm.participants_per_school, 2);
  assert.equal(projectOf(tfm).commitment_days, 3);
  assert.match(tfm.expectations, /equivalent of three days across the year/);
  assert.match(tfm.purpose, /local leader of maths education \(LLME\)/);
  const ms = data.workGroups.find((g) => g.code === 'WRK2223-CW02');
  assert.ok(ms);
  assert.equal(projectOf(ms).strand, 'mastery-specialists');
  assert.match(ms.what_it_involves, /five and a half days at central events/);
});

test('every project of the 2021-22 programme page has a Work Group with its real text', () => {
  const expected: [string, string, RegExp][] = [
    ['Secondary Teaching for Mastery Work Group Programme', 'teaching-for-mastery', /Each specialist who has completed the second year/],
    ['SKTM for Secondary Early Career Teachers', 'sktm', /lesson analysis and lesson design/],
    ['SKTM for Secondary Non-Specialist Teachers', 'sktm', /specialist knowledge for teaching mathematics/],
    ['Secondary Subject Leadership', 'subject-leadership', /This new project offers focused support/],
    ['Secondary Maths MAT Leads', 'mat-leads', /lead mathematics across multiple schools within a MAT/],
    ['Year 5-8 Continuity Work Group', 'continuity', /curriculum and pedagogical continuity over Years 5 to 8/],
    ['Developing Core Maths Pedagogy', 'core-maths', /open-ended problem-solving skills/],
  ];
  for (const [title, strand, text] of expected) {
    const project = data.projects.find((p) => p.title === title && p.academic_year === '2021/22');
    assert.ok(project, title);
    assert.equal(project.strand, strand, title);
    const seeds = SEED_WORK_GROUPS.filter((g) => g.project_code === project.ncp_code);
    assert.ok(seeds.length >= 1, title);
    assert.ok(
      seeds.some((g) => text.test(`${g.purpose}\n${g.what_it_involves}`)),
      `${title} carries its text`,
    );
  }

  const ect = SEED_WORK_GROUPS.filter((g) => projectOf(g).title === 'SKTM for Secondary Early Career Teachers');
  assert.equal(ect.length, 6);
  assert.equal(new Set(ect.map((g) => g.hub_slug)).size, 6, 'one hub per theme');
  assert.deepEqual(
    ect.map((g) => g.theme?.toLowerCase()),
    [...SKTM_ECT_THEMES],
  );
  assert.deepEqual(projects.get(ect[0]?.project_code ?? '')?.themes, [...SKTM_ECT_THEMES]);
  assert.equal(projects.get(ect[0]?.project_code ?? '')?.commitment_days, 4);

  const nonSpecialist = SEED_WORK_GROUPS.find((g) => g.title === 'SKTM for Secondary Non-Specialist Teachers 2021-22');
  assert.match(nonSpecialist?.who_for ?? '', /has not undertaken initial teacher training \(ITT\) in mathematics/);
  const mat = SEED_WORK_GROUPS.find((g) => g.title === 'Secondary Maths MAT Leads 2021-22');
  assert.equal(mat?.hub_slug, null, 'centrally led');
  assert.match(mat?.who_for ?? '', /centrally-led programme offered nationally/);
  const continuity = SEED_WORK_GROUPS.find((g) => g.title === 'Year 5-8 Continuity Work Group 2021-22');
  assert.equal(continuity && projectOf(continuity).phase, 'cross-phase');
  const core = SEED_WORK_GROUPS.find((g) => g.title === 'Developing Core Maths Pedagogy 2021-22');
  assert.equal(core && projectOf(core).phase, 'post-16');
  assert.match(core?.who_for ?? '', /at least their second year of teaching Core Maths/);
});

test('every code is unique and matches the database CHECKs; every reference resolves', () => {
  const codes = data.workGroups.map((g) => g.code);
  assert.equal(new Set(codes).size, codes.length, 'Work Group codes are unique');
  for (const code of codes) assert.match(code, /^WRK[0-9A-Z-]{3,20}$/);
  const ncps = data.projects.map((p) => p.ncp_code);
  assert.equal(new Set(ncps).size, ncps.length, 'NCP codes are unique');
  const slugs = new Set(HUBS.map((h) => h.slug));
  for (const p of data.projects) {
    assert.match(p.ncp_code, /^NCP[0-9]{2}-[0-9]{2}$/);
    assert.match(p.academic_year, /^[0-9]{4}\/[0-9]{2}$/);
    assert.equal(p.ncp_code.slice(3, 5), p.academic_year.slice(2, 4), `${p.ncp_code} is of ${p.academic_year}`);
    assert.ok(p.phase in PHASES, p.ncp_code);
    assert.ok(p.strand in STRANDS, p.ncp_code);
    assert.ok(p.commitment_days > 0 && p.commitment_days < 1000);
    for (const r of p.requires) assert.ok(projects.has(r) && r !== p.ncp_code, `${p.ncp_code} requires ${r}`);
  }
  for (const g of data.workGroups) {
    assert.ok(projects.has(g.project_code), g.code);
    assert.ok(g.hub_slug === null || slugs.has(g.hub_slug), g.code);
    assert.ok(g.title.length >= 3 && g.title.length <= 200, g.code);
    assert.ok(g.summary.length > 20 && !g.summary.includes('\n'), `${g.code} has a one-paragraph summary`);
    assert.ok(g.places_total > 0 && g.places_taken >= 0 && g.places_taken <= g.places_total, g.code);
    assert.ok(g.participants_per_school >= 1 && g.participants_per_school <= 20, g.code);
    assert.ok(g.joining_details_days >= 0 && g.joining_details_days <= 60, g.code);
    if (g.registration_opens_on && g.registration_closes_on) assert.ok(g.registration_closes_on >= g.registration_opens_on, g.code);
    for (const d of [g.registration_opens_on, g.registration_closes_on]) if (d) assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(new Set(g.outcomes.map((o) => o.area)).size, g.outcomes.length, `${g.code}: one outcome list per area`);
    assert.ok(g.sessions.length >= 3 && g.sessions.length <= 6, `${g.code} has ${g.sessions.length} sessions`);
    assert.equal(new Set(g.sessions.map((s) => s.workshop_number)).size, g.sessions.length, g.code);
    const academicYear = projectOf(g).academic_year;
    const start = Number(academicYear.slice(0, 4));
    for (const s of g.sessions) {
      if (s.date_to_be_confirmed) {
        assert.equal(s.starts_at, null);
        assert.equal(s.ends_at, null);
        continue;
      }
      assert.ok(s.starts_at && s.ends_at && s.ends_at > s.starts_at, `${g.code} workshop ${s.workshop_number}`);
      const day = londonIsoDate(s.starts_at);
      assert.ok(day >= `${start}-09-01` && day <= `${start + 1}-07-31`, `${g.code}: ${day} is in ${academicYear}`);
      assert.ok(![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay()), `${g.code}: ${day} is a weekday`);
      if (s.mode === 'face_to_face') assert.ok(s.venue_name, `${g.code} workshop ${s.workshop_number} has a venue`);
    }
  }
  // People: one record per key, and names and e-mail addresses unique (the loader maps ids by name).
  assert.equal(new Set(data.people.map((p) => p.name)).size, data.people.length);
  const emails = data.people.flatMap((p) => (p.email ? [p.email] : []));
  assert.equal(new Set(emails).size, emails.length);
});

test('the catalogue has something behind every filter, and some current groups are open', () => {
  assert.ok(data.workGroups.length >= 100 && data.workGroups.length <= 140, `${data.workGroups.length} groups`);
  const publicGroups = data.workGroups.filter((g) => g.publication === 'published' || g.publication === 'closed');
  for (const phase of Object.keys(PHASES)) assert.ok(publicGroups.some((g) => projectOf(g).phase === phase), phase);
  for (const strand of Object.keys(STRANDS)) assert.ok(publicGroups.some((g) => projectOf(g).strand === strand), strand);
  for (const mode of ['face_to_face', 'online', 'blended', 'tbc']) assert.ok(publicGroups.some((g) => g.mode === mode), mode);
  for (const year of ['2021/22', '2022/23', '2023/24', '2024/25', '2025/26', '2026/27']) {
    assert.ok(publicGroups.some((g) => projectOf(g).academic_year === year), year);
  }
  for (const hub of HUBS) assert.ok(data.workGroups.some((g) => g.hub_slug === hub.slug), `${hub.name} has groups`);
  assert.ok(publicGroups.some((g) => g.hub_slug === null), 'a national group');
  assert.ok(data.workGroups.some((g) => g.publication === 'draft'), 'drafts to hide');
  const open = data.workGroups.filter((g) => statusOf(g) === 'open');
  assert.ok(open.length >= 5, `${open.length} open groups`);
  assert.ok(open.length < 20, 'all the open groups fit on the first page of "places available"');
  for (const g of open) assert.equal(projectOf(g).academic_year, '2026/27');
  assert.ok(data.workGroups.some((g) => statusOf(g) === 'full' && projectOf(g).academic_year === '2026/27'));
  assert.ok(data.workGroups.some((g) => statusOf(g) === 'closed' && g.publication === 'published' && projectOf(g).academic_year === '2026/27'));
});

test('generated schools: the register’s shape, unique URNs, and the same every time', () => {
  const schools = data.schools;
  assert.equal(schools.length, 3000);
  const urns = schools.map((s) => s.urn);
  assert.equal(new Set(urns).size, urns.length, 'URNs are unique');
  for (const s of schools) {
    assert.ok(Number.isInteger(s.urn) && s.urn >= 100_000 && s.urn <= 149_999, String(s.urn));
    assert.ok((SCHOOL_PHASES as readonly string[]).includes(s.phase), s.phase);
    assert.ok((SCHOOL_TYPES as readonly string[]).includes(s.type), s.type);
    assert.equal(s.state_funded, s.type !== 'Independent school (not state-funded)', s.name);
    assert.match(s.postcode, /^[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}$/, s.postcode);
    const hub = HUBS.find((h) => h.slug === s.hub_slug);
    assert.ok(hub?.local_authorities.includes(s.local_authority), `${s.name}: ${s.local_authority}`);
    if (s.trust) assert.match(s.type, /Academy|Free schools/, `${s.name} is in a trust`);
  }
  assert.equal(new Set(schools.map((s) => s.name)).size, schools.length, 'names are unique');
  for (const hub of HUBS) assert.ok(schools.filter((s) => s.hub_slug === hub.slug).length >= 20, hub.name);
  const academies = schools.filter((s) => /Academy|Free schools/.test(s.type));
  const inTrust = academies.filter((s) => s.trust).length / academies.length;
  assert.ok(inTrust > 0.35 && inTrust < 0.65, `${inTrust} of academies in a trust`);
  for (const phase of SCHOOL_PHASES) assert.ok(schools.some((s) => s.phase === phase), phase);
  for (const type of SCHOOL_TYPES) assert.ok(schools.some((s) => s.type === type), type);

  assert.deepEqual(generateSchools(), schools, 'deterministic');
  assert.deepEqual(buildDemoData(), data, 'the whole data set is deterministic');
  assert.notDeepEqual(generateSchools({ seed: 7 }), schools, 'the seed matters');
});

test('the generated data never uses Math.random', () => {
  const original = Math.random;
  Math.random = () => {
    throw new Error('Math.random was called');
  };
  try {
    buildDemoData();
  } finally {
    Math.random = original;
  }
});

test('no two Work Groups share a title (two national MAT Leads groups of 2026/27 did)', () => {
  const titles = new Map<string, string[]>();
  for (const g of data.workGroups) titles.set(g.title, [...(titles.get(g.title) ?? []), g.code]);
  assert.deepEqual([...titles].filter(([, codes]) => codes.length > 1), []);
});
