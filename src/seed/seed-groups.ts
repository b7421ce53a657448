// The Work Groups of the five real Work Group pages in /work/shared/seeds, transcribed
// as the hubs wrote them (only obvious typos fixed, e.g. "suported"). Where a page gives
// no session dates (the 2021-22 programme page, the embedding support page) the dates are
// illustrative weekdays in the right academic year; every time is a London wall-clock time.
import type { Mode } from '../core/schema.ts';
import { londonInstant } from '../platform/lib/london-time.ts';
import type { OutcomeSeed, PersonSeed, ProjectSeed, SessionSeed, WorkGroupSeed } from './types.ts';

// ---------------------------------------------------------------------------------------
// Helpers

/** A session on a London date between two London wall-clock times ('13:00', '15:30'). */
export function session(
  workshopNumber: number,
  isoDate: string,
  start: string,
  end: string,
  mode: Mode,
  options: { title?: string; venue?: string; address?: string } = {},
): SessionSeed {
  return {
    workshop_number: workshopNumber,
    title: options.title ?? null,
    date_to_be_confirmed: false,
    starts_at: londonInstant(isoDate, start),
    ends_at: londonInstant(isoDate, end),
    mode,
    venue_name: options.venue ?? null,
    venue_address: options.address ?? null,
  };
}

/** A session whose date is still to be confirmed. */
export function sessionToBeConfirmed(workshopNumber: number, mode: Mode = 'tbc', title: string | null = null): SessionSeed {
  return {
    workshop_number: workshopNumber,
    title,
    date_to_be_confirmed: true,
    starts_at: null,
    ends_at: null,
    mode,
    venue_name: null,
    venue_address: null,
  };
}

const WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5 } as const;
export type Weekday = keyof typeof WEEKDAYS;

/** The nth (1-based) given weekday of a month, as 'YYYY-MM-DD': nth(2021, 10, 'Tue', 2). */
export function nth(year: number, month: number, weekday: Weekday, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((WEEKDAYS[weekday] - first + 7) % 7) + (n - 1) * 7;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type GroupInput = Pick<
  WorkGroupSeed,
  'code' | 'hub_slug' | 'project_code' | 'title' | 'summary' | 'mode' | 'places_total' | 'publication'
> &
  Partial<WorkGroupSeed>;

function group(input: GroupInput): WorkGroupSeed {
  return {
    theme: null,
    purpose: '',
    who_for: '',
    what_it_involves: '',
    benefits: '',
    cost: 'Free',
    wider_context: '',
    expectations: '',
    schedule_note: '',
    lead_information: '',
    joining_details_days: 10,
    places_taken: 0,
    participants_per_school: 2,
    registration_opens_on: null,
    registration_closes_on: null,
    outcomes: [],
    sections: [],
    leaders: [],
    sessions: [],
    ...input,
  };
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

// ---------------------------------------------------------------------------------------
// Shared text

/** The six local themes of SKTM for Secondary Early Career Teachers 2021-22. */
export const SKTM_ECT_THEMES = [
  'designing effective learning and teaching in maths (structure of the number system)',
  'designing effective learning and teaching in maths (operating on number)',
  'designing effective learning and teaching in maths (multiplicative reasoning)',
  'designing effective learning and teaching in maths (sequences and graphs)',
  'designing effective learning and teaching in maths (statistics and probability)',
  'designing effective learning and teaching in maths (geometry)',
] as const;

/** "designing effective … (operating on number)" → "operating on number" */
export function themeFocus(theme: string): string {
  return /\(([^)]+)\)/.exec(theme)?.[1] ?? theme;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The intended outcomes of Secondary Maths Leadership 2022-23, in its four groups. */
export const SML_OUTCOMES: readonly OutcomeSeed[] = [
  {
    area: 'pupil',
    lead_in: 'In almost all teachers’ classes:',
    items: [
      'pupils develop a deep, secure and connected understanding of the maths they are learning',
      'pupils achieve both conceptual understanding and procedural fluency',
      'pupils reach high levels of attainment in maths',
      'pupils enjoy maths lessons and have a positive attitude to learning the subject.',
    ],
  },
  {
    area: 'departmental',
    lead_in: 'Subject leaders will:',
    items: [
      'promote and develop a shared vision for teaching and learning in maths',
      'ensure that schemes of work are well established and provide support for pupils to develop a deep, secure and connected understanding across the department',
      'develop a coherent and ambitious action plan focused on improving outcomes for pupils and the needs of teachers',
      'ensure that there are approaches in place to support the work of all members of the department through continuing professional development and collaborative working.',
    ],
  },
  {
    area: 'practice',
    lead_in: 'Subject leaders will:',
    items: [
      'lead and manage the department effectively in order to promote and develop approaches for deep, secure and connected understanding within their own departments',
      'develop a coherent and connected curriculum which promotes these principles',
      'develop collaborative ways of working within the department (and across schools) to support ongoing developments',
      'develop in their ability to lead change.',
    ],
  },
  {
    area: 'professional',
    lead_in: 'Subject leaders will:',
    items: [
      'have a deep understanding of the vision, principles and pedagogies associated with deep, secure and connected understanding',
      'have a clear understanding of the leadership and management skills required to enable them to effectively promote and develop approaches for deep, secure and connected understanding within their own departments',
      'understand the principles and practices behind the creation of a coherent and connected curriculum which promotes deep, secure and connected understanding',
      'understand the benefits of collaborative professional development for sustained development of professional knowledge and practice within a department.',
    ],
  },
];

/**
 * The intended outcomes of the Secondary Subject Leadership Community. The page has four
 * lists, all headed "Subject leaders will:" and none named; hubwork names them as the Maths
 * Hubs' outcome areas do, the fourth (working with peers) as Working with peers.
 */
export const SSL_COMMUNITY_OUTCOMES: readonly OutcomeSeed[] = [
  {
    area: 'departmental',
    lead_in: 'Subject leaders will:',
    items: [
      'promote and develop a shared vision, culture and set of principles for teaching and learning in maths.',
      'ensure coherence in the curriculum and provide support for teaching for mastery across the department.',
      'ensure that there are structures in place which support the work of all members of the department and allow dedicated time for collaboration and development with shared responsibility for developing pedagogy.',
    ],
  },
  {
    area: 'practice',
    lead_in: 'Subject leaders will:',
    items: [
      'lead and manage the department effectively in order to promote and develop teaching for mastery approaches within their own departments.',
      'develop a coherent and connected curriculum which promotes teaching for deep and sustainable understanding.',
      'develop collaborative ways of working within the department to support ongoing developments.',
      'develop in their ability to identify areas for development and lead change towards these.',
      'develop their own expertise in planning and leading effective professional development with their department.',
    ],
  },
  {
    area: 'professional',
    lead_in: 'Subject leaders will:',
    items: [
      'have a deep understanding of the practices aligned to those in the NCETM’s Essence of Mathematics Teaching for Mastery.',
      'understand their role in developing and leading change in their department in line with the local and national maths education landscape.',
      'understand the principles and practices behind the creation of a coherent and connected curriculum which promotes teaching for deep understanding.',
      'understand the benefits of collaborative professional development for sustained development of professional knowledge and practice within a department.',
    ],
  },
  {
    area: 'collaboration',
    lead_in: 'Subject leaders will:',
    items: ['have opportunities to work collaboratively with their peers, building an ongoing learning culture and fostering wider professional relationships.'],
  },
];

export const WHAT_IS_A_WORK_GROUP =
  'Work Groups comprise of a group of schools who work on something together over the course of an academic year. Participating teachers will be guided by an experienced Work Group Lead, and will engage in intersessional tasks, trying things out in their classrooms, and feeding back to the group.';

export const EMBEDDING_BENEFITS = [
  'cultivate a deep understanding of the principles and pedagogies of mastery',
  'understand the leadership and management skills required to promote and develop a teaching for mastery approach',
  'understand how to develop a coherent and connected curriculum which promotes teaching for mastery',
  'produce a development plan and professional development programme for the department',
  'develop support for the department through CPD and collaborative working practices.',
];

export const EMBEDDING_WIDER_CONTEXT =
  'This Work Group forms part of an overall Teaching for Mastery Programme designed to develop secondary maths departments that are well-led, high-performing and provide high quality professional development through collaborative working. A key part of the Secondary Strategic Goal is to support teachers and leaders in secondary schools to establish teaching for mastery approaches. The national target is for half of the secondary schools in England to engage with teaching for mastery. This enhanced support forms part of the national strategy to achieve this. To meet this target it is vital not only that individual teachers develop teaching for mastery approaches, but also that the department as a whole has systems, policies and ways of working which are compatible with teaching for mastery and allow for the collaborative professional development structures which are needed in order to develop and embed these approaches and to sustain them in the long term. The focus of this enhanced support is to build initial developments into a coherent and long-term departmental plan targeted on the needs of students and teachers.';

const COVID_RECOVERY_2021 =
  'Many positive lessons were learnt from online collaboration during Maths Hubs activity in 2020/21. These will be built upon in 2021/22.\n\nAs the impact of the pandemic hopefully recedes, the result for Maths Hubs work will be a blend of face-to-face activities and frequent online collaboration.';

const TFM_PROGRAMME_2021 =
  'In 2021/22, all Maths Hubs are participating in a Network Collaborative Project addressing secondary mathematics teaching for mastery. As part of this project, Secondary Mastery Specialists in each hub area will be offering support to schools interested in developing teaching for mastery approaches in their maths departments. Each specialist who has completed the second year of their support and development programme will work with two departments. Maths Hubs are therefore now looking to recruit schools and their maths departments to participate in this exciting and innovative project as members of these Work Groups.';

const SECONDARY_TFM_WORK_GROUP_WAYS = [
  'collaboration with colleagues within departments, within Trusts or from other local schools to share best practice.',
  'individual school or Trust support and guidance from a local leader of maths education (LLME)',
  'bespoke support from Maths Hub Leadership for school or department priorities where appropriate',
  'focus on embedding teaching for mastery ideas in the classroom and department',
];

export const SECONDARY_TFM_WORK_GROUP_PURPOSE = `This Work Group provides high quality, professional development through collaborative working and bespoke support for individual departments or Trusts. This is achieved by:\n\n${bullets(SECONDARY_TFM_WORK_GROUP_WAYS)}`;

export const SECONDARY_TFM_WORK_GROUP_INVOLVES =
  'The intention of this Work Group is for teaching for mastery to be developed across the entire department. Consequently, all Work Groups should include a continual thread of implementation, supporting participants to work effectively with other members of their department. Within each Work Group, participants will also have an opportunity for collaborative lesson observation.';

export const SECONDARY_TFM_WORK_GROUP_WHO_FOR =
  'A pair of participants from each school will join the Work Group and the pair will ideally comprise at least one Mastery Specialist or Mastery Advocate.';

export const SECONDARY_TFM_WORK_GROUP_EXPECTATIONS =
  'Work Groups will meet for the equivalent of three days across the year; some of this might be online and some might be face-to-face.';

export const MASTERY_SPECIALIST_PURPOSE =
  'This two-year programme is for secondary teachers who have a passion and enthusiasm for teaching for mastery, and a successful track record of working effectively with other professionals within their own school or across a group of schools.';

export const MASTERY_SPECIALIST_INVOLVES =
  'In the first year, nominated lead teachers will develop their knowledge, understanding and skills of teaching for mastery, with five and a half days at central events, and two days of personal development in their own school.\n\nLead teachers will continue to develop their own classroom practices during the second year, but will also focus on improving the knowledge and skills of all members of their department in order to explore, develop and implement department-wide systems for teaching for mastery.';

export const SKTM_NON_SPECIALIST_PURPOSE =
  'This project is designed to support non-specialist teachers teaching maths in a secondary school in developing specialist knowledge for teaching mathematics, thus enabling them to understand, teach and support students in maths in the classroom.';

export const SKTM_NON_SPECIALIST_WHO_FOR =
  'This programme is for non-specialist teachers of maths in state-funded schools who fit the following definition:\n\nA non-specialist teacher of mathematics is ‘a teacher that is currently teaching some mathematics who has not undertaken initial teacher training (ITT) in mathematics’.';

export const SKTM_ECT_INVOLVES =
  'Participants will work deeply on one area of maths, drawing in the associated pedagogy, and activities will include lesson analysis and lesson design. This programme will take place across the equivalent of four days.';

export const SUBJECT_LEADERSHIP_2021_PURPOSE =
  'This new project offers focused support to secondary heads of department/subject leaders, to enable them to better understand and implement teaching for mastery approaches across their department, and to develop in their role as leaders of both student learning and teacher professional development.\n\nIt provides an opportunity for participants to deepen their understanding of teaching for mastery approaches, of their wider roles, and of their capacity with their colleagues to transform secondary maths learning.';

export const MAT_LEADS_PURPOSE =
  'This project offers focused support to those who lead mathematics across multiple schools within a MAT, to enable them to better understand and develop effective maths pedagogy approaches across those schools. It will also support participants to develop their role as a leader of system change, curriculum change, and teacher professional development.';

export const MAT_LEADS_WHO_FOR =
  'Whilst those who lead maths across a MAT are often the subject lead for both primary and secondary, the key focus for this programme is their work with secondary teachers, although consideration will be given to transition and how the different phases relate to each other. Additionally, focusing on developing skills with one phase is likely to impact positively on work with other phases. Participants will engage with a centrally-led programme offered nationally, with the potential for regional provision dependent on numbers.';

export const CONTINUITY_PURPOSE =
  'Work Groups in this project aim to strengthen the transition from primary to secondary school by focusing on curriculum and pedagogical continuity over Years 5 to 8.\n\nCentral to the Work Group is the promotion of cross phase communication between teachers to address issues of maths knowledge and learning transition as distinct from pastoral considerations. Whilst many Work Groups will focus on using multiplicative reasoning resources, Work Groups can explore any aspect of the KS2/3 curriculum.';

export const CORE_MATHS_PURPOSE =
  'These Work Groups give teachers opportunities, through collaboration and experimentation, to develop improved teaching approaches that support the open-ended problem-solving skills Core Maths students need to develop, and to share these with departmental colleagues. Participant departments will support the role of Core Maths in promoting contextualised problem-solving and links to teaching in other subject areas.';

export const CORE_MATHS_WHO_FOR =
  'Lead participants in these Work Groups will be experienced and developing teachers of Core Maths. These may be teachers in post-16 settings whose main subject is maths or whose main subject is not maths. This Work Group is for schools and colleges in at least their second year of teaching Core Maths.';

export const CORE_MATHS_EXPECTATIONS =
  'Lead participants will be expected, where appropriate, to work with colleagues in their own department.';

export const SUBJECT_LEADERSHIP_COMMUNITY_LEAD =
  'Each community is led by a Secondary Assistant Maths Hub Lead together with a local leader of maths education whose expertise will support participating subject leads’ professional development alongside deepening their understanding of the current local and national maths educational landscape. Much of the work will support the subject leader to develop and implement their vision and teaching for mastery principles relevant to their context whilst drawing on the shared expertise of their local and national communities.';

// ---------------------------------------------------------------------------------------
// Projects (NCP). NCP21-13 and NCP21-14 are the real codes; the others follow the same
// numbering (NCPyy-nn, one number per kind of project) and are illustrative.

export const SEED_PROJECTS: readonly ProjectSeed[] = [
  {
    ncp_code: 'NCP21-11',
    title: 'Secondary Teaching for Mastery Work Group Programme',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitment_days: 3,
    description: TFM_PROGRAMME_2021,
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP21-13',
    title: 'Secondary Teaching for Mastery – Embedding Year Support',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitment_days: 3,
    description:
      "Secondary Teaching for Mastery Embedding Year Support is available for those departments who participated in the previous year's Secondary Teaching for Mastery Development Work Group, and who are beginning to embed their work on teaching for mastery.",
    themes: [],
    requires: ['NCP21-14'],
  },
  {
    ncp_code: 'NCP21-14',
    title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitment_days: 3,
    description:
      'A Work Group for schools embedding and sustaining teaching for mastery across the whole maths department, working alongside other schools at the same stage of the Teaching for Mastery Programme.',
    themes: [],
    requires: [],
  },
  // This year's pair, so that "both or neither" can be tried in the demo (see WRK2627-EME11).
  {
    ncp_code: 'NCP26-13',
    title: 'Secondary Teaching for Mastery – Embedding Year Support',
    academic_year: '2026/27',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitment_days: 3,
    description:
      "Secondary Teaching for Mastery Embedding Year Support is available for those departments who participated in the previous year's Secondary Teaching for Mastery Development Work Group, and who are beginning to embed their work on teaching for mastery.",
    themes: [],
    requires: ['NCP26-14'],
  },
  {
    ncp_code: 'NCP26-14',
    title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group',
    academic_year: '2026/27',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitment_days: 3,
    description:
      'A Work Group for schools embedding and sustaining teaching for mastery across the whole maths department, working alongside other schools at the same stage of the Teaching for Mastery Programme.',
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP21-15',
    title: 'SKTM for Secondary Early Career Teachers',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'sktm',
    commitment_days: 4,
    description: SKTM_ECT_INVOLVES,
    themes: [...SKTM_ECT_THEMES],
    requires: [],
  },
  {
    ncp_code: 'NCP21-16',
    title: 'SKTM for Secondary Non-Specialist Teachers',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'sktm',
    commitment_days: 4,
    description: SKTM_NON_SPECIALIST_PURPOSE,
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP21-17',
    title: 'Secondary Subject Leadership',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'subject-leadership',
    commitment_days: 3,
    description: SUBJECT_LEADERSHIP_2021_PURPOSE.split('\n\n')[0] ?? '',
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP21-18',
    title: 'Secondary Maths MAT Leads',
    academic_year: '2021/22',
    phase: 'secondary',
    strand: 'mat-leads',
    commitment_days: 3,
    description: MAT_LEADS_PURPOSE,
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP21-19',
    title: 'Year 5-8 Continuity Work Group',
    academic_year: '2021/22',
    phase: 'cross-phase',
    strand: 'continuity',
    commitment_days: 3,
    description: CONTINUITY_PURPOSE.split('\n\n')[0] ?? '',
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP21-20',
    title: 'Developing Core Maths Pedagogy',
    academic_year: '2021/22',
    phase: 'post-16',
    strand: 'core-maths',
    commitment_days: 3,
    description: 'The focus for 2021/22: Core Maths pedagogy to support Covid recovery',
    themes: ['Core Maths pedagogy to support Covid recovery'],
    requires: [],
  },
  {
    ncp_code: 'NCP22-11',
    title: 'Secondary Teaching for Mastery Work Group',
    academic_year: '2022/23',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitment_days: 3,
    description: SECONDARY_TFM_WORK_GROUP_PURPOSE.split('\n\n')[0] ?? '',
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP22-12',
    title: 'Secondary Mastery Specialist Programme',
    academic_year: '2022/23',
    phase: 'secondary',
    strand: 'mastery-specialists',
    commitment_days: 7.5,
    description: MASTERY_SPECIALIST_PURPOSE,
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP22-17',
    title: 'Secondary Maths Leadership',
    academic_year: '2022/23',
    phase: 'secondary',
    strand: 'subject-leadership',
    commitment_days: 3,
    description:
      'Focused support for secondary heads of department/subject leaders, to enable them to better understand and implement approaches across their department, and to develop in their role as leaders of both pupil learning and teacher professional development.',
    themes: [],
    requires: [],
  },
  {
    ncp_code: 'NCP26-17',
    title: 'Secondary Subject Leadership Community',
    academic_year: '2026/27',
    phase: 'secondary',
    strand: 'subject-leadership',
    commitment_days: 3,
    description:
      'Communities for existing secondary heads of department/subject leaders, to support the implementation of Teaching for Mastery across entire departments.',
    themes: [],
    requires: [],
  },
];

// ---------------------------------------------------------------------------------------
// People named on the pages

const SALLY_BAMBER: PersonSeed = {
  key: 'sally-bamber',
  name: 'Dr Sally Bamber',
  role_title: 'Lead for the Secondary Mathematics PGCE, University of Chester',
  bio: 'Dr Sally Bamber is the lead for the Secondary Mathematics PGCE at the University of Chester. She moved into teacher education in 2007 following 15 years mathematics teaching experience in four diverse schools. Sally is part of a pilot project accrediting the NCETM PD Lead to post-graduate credits. She is an active member of the British Society for Research into Learning Mathematics and the Association of Mathematics Education Teachers. Half of Sally’s University role is the design and implementation of classroom based research projects involving collaborative lesson design intended to raise attainment in GCSE mathematics for middle to lower attainers. Sally is a member of the SHaW Maths Hub Strategic Board and chair of the Cheshire and Wirral Maths Hub Strategic Board.',
  email: null,
  hub_slug: 'shaw',
};

const STEVE_WATERHOUSE: PersonSeed = {
  key: 'steve-waterhouse',
  name: 'Steve Waterhouse',
  role_title: 'Secondary Maths Leader',
  bio: 'Steve Waterhouse is a Secondary Maths Leader and NCETM Accredited Teaching for Mastery Secondary Specialist Teacher, with PD Lead Accreditation. Steve is also an NCETM accredited SLE.',
  email: null,
  hub_slug: 'shaw',
};

// The community page names the roles, not the people: these two are fictional.
const COMMUNITY_HUB_LEAD: PersonSeed = {
  key: 'demo-gn-assistant-hub-lead',
  name: 'Helen Ashworth',
  role_title: 'Secondary Assistant Maths Hub Lead',
  bio: 'Helen Ashworth (a fictional demo person) is Secondary Assistant Maths Hub Lead for the Great North Maths Hub and a former head of mathematics. She is an NCETM accredited PD Lead and a Secondary Mastery Specialist.',
  email: 'helen.ashworth@example.org',
  hub_slug: 'great-north',
};

const COMMUNITY_LLME: PersonSeed = {
  key: 'demo-gn-llme',
  name: 'Daniel Okafor',
  role_title: 'Local leader of maths education (LLME)',
  bio: 'Daniel Okafor (a fictional demo person) is a local leader of maths education and head of mathematics in a Northumberland secondary school, where his department has worked with the hub on teaching for mastery since 2021.',
  email: 'daniel.okafor@example.org',
  hub_slug: 'great-north',
};

// ---------------------------------------------------------------------------------------
// The Work Groups

/** Secondary Maths Leadership 2022-23 (SHaW Maths Hub): the page that is "Work group full". */
const SECONDARY_MATHS_LEADERSHIP_2022_23 = group({
  code: 'WRK2223-SHAW01',
  hub_slug: 'shaw',
  project_code: 'NCP22-17',
  title: 'Secondary Maths Leadership 2022-23',
  summary:
    'Focused support for secondary heads of department and subject leaders, to lead both pupil learning and teacher professional development. Launches in person in Telford with a keynote from Ofsted’s secondary subject lead for mathematics.',
  mode: 'blended',
  purpose:
    'The purpose of this project is to offer focused support to secondary heads of department/subject leaders, to enable them to better understand and implement approaches across their department, and to develop in their role as leaders of both pupil learning and teacher professional development.\n\nThe priorities for 2022-23 will be curriculum coherence, recovery planning, teacher development and student progress, supported by a national network.',
  wider_context: [
    'A key aim of the NCETM and Maths Hubs is to develop successful secondary mathematics departments that are well led and that provide ongoing subject professional development through collaborative working both within and between departments.',
    'To achieve this, it is vital that the department as a whole has systems, policies and ways of working which are compatible to allow collaborative professional development structures to sustain improvements in the long term.',
    bullets([
      'External provision for secondary subject leaders tends to emphasise general leadership and management development, often in a generic context.',
      'Secondary subject leaders often do not see themselves as leaders of staff professional development.',
      'Subject leaders are often drawn into whole school drives for short term improvements (such as GCSE outcomes) rather than focusing on long term sustainable improvements such as strengthening the quality of teaching and learning in KS3/4',
    ]),
    'This project provides an opportunity for participants to deepen their understanding of wider roles, and of their capacity with their colleagues to transform secondary maths learning.',
  ].join('\n\n'),
  who_for:
    'Secondary heads of department/subject leaders. The project is open to heads of department in schools already involved with Maths Hubs and to those who are not yet involved.',
  what_it_involves: [
    'Local Work Group design will follow a workshop – school-based task cycle. This will consist of four online afternoon workshops supported in each case by school-based tasks in line with the priorities for participants.',
    'The online professional learning community will provide a focal point for subject leaders to support each other through sharing of strategies and practice.',
    'Much of the work will involve each individual department working on elements of their action plan and developing collaborative ways of working which support their continuing professional development. In addition, it will be important for all Work Group participants to benefit from the expertise and experiences of the group of departments represented.',
  ].join('\n\n'),
  cost: 'Free',
  schedule_note:
    "This Work Group will launch in person in Telford on 7th November, and will include a keynote from Steve Wren, Ofsted's secondary subject lead for mathematics. The remaining dates will be released in due course.",
  lead_information: 'Sally Bamber and Steve Waterhouse',
  places_total: 24,
  places_taken: 24,
  participants_per_school: 1,
  publication: 'published',
  registration_opens_on: '2022-06-06',
  registration_closes_on: '2022-10-21',
  outcomes: [...SML_OUTCOMES],
  sections: [
    {
      // The page says joining details "will be sent by email approximately ten days before the first
      // workshop" (joining_details_days, which the page template states) "and will be noted in the
      // Basecamp community for the participants of this Work Group".
      heading: 'The Basecamp community',
      body: 'Joining details will also be noted in the Basecamp community for the participants of this Work Group.',
    },
  ],
  leaders: [SALLY_BAMBER, STEVE_WATERHOUSE],
  sessions: [
    session(1, '2022-11-07', '13:00', '15:30', 'face_to_face', { title: 'Launch', venue: 'AFC Telford' }),
    session(2, '2023-01-27', '13:00', '16:00', 'online'),
    session(3, '2023-03-28', '13:00', '16:00', 'online'),
    session(4, '2023-06-15', '10:00', '15:00', 'online'),
  ],
});

/** Secondary Teaching for Mastery – Embedding Year Support (NCP21-13), East Midlands East. */
const EMBEDDING_YEAR_SUPPORT = group({
  code: 'WRK2122-EME01',
  hub_slug: 'east-midlands-east',
  project_code: 'NCP21-13',
  title: 'Secondary Teaching for Mastery – Embedding Year Support',
  summary:
    'Three days of bespoke support for maths departments that took part in a Secondary Teaching for Mastery Development Work Group in 2020/21, helping their Mastery Advocates embed teaching for mastery across the whole department.',
  mode: 'face_to_face',
  purpose: [
    "Secondary Teaching for Mastery Embedding Year Support is available for those departments who participated in the previous year's Secondary Teaching for Mastery Development Work Group, and who are beginning to embed their work on teaching for mastery. Mastery Advocates (designated previously in the Development Work Group) will work closely with an assigned Mastery Specialist to help them embed teaching for mastery approaches across the whole department.",
    'The focus will be on constructing or refining a coherent development plan and supporting and leading the whole department in realising the aims of that development plan. The school will also be part of a Secondary Teaching for Mastery Embedding and Sustaining Work Group with other schools.',
  ].join('\n\n'),
  what_it_involves: [
    'This is a bespoke programme of support with the key aim of working with the Advocates to support them in drawing up a coherent and long-term departmental action plan targeted on the needs of students and teachers, and to work together in enacting the elements of the plan.',
    'There will be three days of support for each school. These could include:',
    bullets([
      'Mastery Specialists supporting the Advocates to draw up and/or refine a departmental action which is based on the needs of teachers and students',
      'Mastery Specialists supporting the Advocates to enable them to run professional development sessions for their departmental colleagues related to aspects of the development plan',
      'joint planning of individual lessons, sequences of lessons or longer units of work',
      'Mastery Specialists helping Advocates to support other departmental members as appropriate',
    ]),
    'Mastery Specialists working alongside Advocates to develop schemes of work and other departmental systems and structures to allow for a full teaching for mastery approach.',
  ].join('\n\n'),
  who_for:
    'Participation in the Work Groups is for maths departments in schools that have participated in a Secondary Teaching for Mastery Development Work Group in 2020/21. Lead participants will ideally be the Mastery Advocates who participated in 2020/21 Secondary Teaching for Mastery Development Work Groups.',
  benefits: `Participants and their schools will:\n\n${bullets(EMBEDDING_BENEFITS)}`,
  cost: 'The Secondary Teaching for Mastery – Embedding Year Support project is fully funded by the Maths Hubs Programme so is free to participating schools.',
  wider_context: EMBEDDING_WIDER_CONTEXT,
  expectations:
    "Schools must be able to commit to the full academic year's programme. This involves three days of face-to-face support across the academic year, as well as classroom and school-based activity. Schools at this stage of the Teaching for Mastery Programme who are eligible for bespoke specialist support must also join the [Embedding and Sustaining Work Group (NCP21-14)](/work-groups/WRK2122-EME02).",
  lead_information:
    'Mastery Advocates will be supported by an experienced Secondary Teaching for Mastery Specialist.\n\nIf you have any queries contact [enquiries@ememathshub.org](mailto:enquiries@ememathshub.org)',
  places_total: 12,
  places_taken: 9,
  participants_per_school: 2,
  publication: 'closed',
  registration_opens_on: '2021-05-04',
  registration_closes_on: '2021-09-24',
  outcomes: [],
  sections: [
    { heading: 'Covid-19 recovery', body: COVID_RECOVERY_2021 },
    { heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP },
  ],
  sessions: [
    session(1, nth(2021, 11, 'Wed', 2), '09:00', '15:30', 'face_to_face', { title: 'Support day 1: the departmental development plan', venue: 'In the participating school' }),
    session(2, nth(2022, 2, 'Wed', 2), '09:00', '15:30', 'face_to_face', { title: 'Support day 2: leading departmental professional development', venue: 'In the participating school' }),
    session(3, nth(2022, 5, 'Wed', 2), '09:00', '15:30', 'face_to_face', { title: 'Support day 3: schemes of work and review', venue: 'In the participating school' }),
  ],
});

/** The NCP21-14 Work Group that NCP21-13 schools must also join. */
const EMBEDDING_AND_SUSTAINING = group({
  code: 'WRK2122-EME02',
  hub_slug: 'east-midlands-east',
  project_code: 'NCP21-14',
  title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group 2021-22',
  summary:
    'Schools embedding teaching for mastery work together across the year to build initial developments into a coherent, long-term departmental plan and sustain them.',
  mode: 'blended',
  purpose:
    'This Work Group brings together schools at the embedding and sustaining stage of the Teaching for Mastery Programme, so that departments can build initial developments into a coherent and long-term departmental plan targeted on the needs of students and teachers.',
  who_for:
    'Maths departments that have completed a Secondary Teaching for Mastery Development Work Group. Schools receiving Embedding Year Support (NCP21-13) must also join this Work Group.',
  what_it_involves:
    'Four half-day workshops across the year, some face to face and some online, with school-based tasks between them. Each school is represented by its Mastery Advocates.',
  benefits: `Participants and their schools will:\n\n${bullets(EMBEDDING_BENEFITS)}`,
  wider_context: EMBEDDING_WIDER_CONTEXT,
  expectations:
    "Schools must be able to commit to the full academic year's programme, as well as classroom and school-based activity.",
  lead_information: 'The Work Group is led by an experienced Secondary Teaching for Mastery Specialist.',
  places_total: 16,
  places_taken: 13,
  participants_per_school: 2,
  publication: 'closed',
  registration_opens_on: '2021-05-04',
  registration_closes_on: '2021-09-24',
  sections: [
    { heading: 'Covid-19 recovery', body: COVID_RECOVERY_2021 },
    { heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP },
  ],
  sessions: [
    session(1, nth(2021, 10, 'Thu', 2), '13:00', '16:00', 'face_to_face', { venue: 'Nottingham Conference Centre' }),
    session(2, nth(2022, 1, 'Thu', 3), '13:30', '16:00', 'online'),
    session(3, nth(2022, 3, 'Thu', 4), '13:00', '16:00', 'face_to_face', { venue: 'Nottingham Conference Centre' }),
    session(4, nth(2022, 6, 'Thu', 3), '13:30', '16:00', 'online'),
  ],
});

/**
 * This year's Embedding Year Support (NCP26-13) and the Embedding and Sustaining group its
 * schools must also join (NCP26-14), both open in East Midlands East: registering for the
 * first registers the school for both, or neither.
 */
const EMBEDDING_YEAR_SUPPORT_2026 = group({
  ...EMBEDDING_YEAR_SUPPORT,
  code: 'WRK2627-EME11',
  project_code: 'NCP26-13',
  title: 'Secondary Teaching for Mastery – Embedding Year Support 2026-27',
  summary:
    'Three days of bespoke support for maths departments that took part in a Secondary Teaching for Mastery Development Work Group in 2025/26, helping their Mastery Advocates embed teaching for mastery across the whole department.',
  who_for:
    'Participation in the Work Groups is for maths departments in schools that have participated in a Secondary Teaching for Mastery Development Work Group in 2025/26. Lead participants will ideally be the Mastery Advocates who participated in 2025/26 Secondary Teaching for Mastery Development Work Groups.',
  expectations:
    "Schools must be able to commit to the full academic year's programme. This involves three days of face-to-face support across the academic year, as well as classroom and school-based activity. Schools at this stage of the Teaching for Mastery Programme who are eligible for bespoke specialist support must also join the [Embedding and Sustaining Work Group (NCP26-14)](/work-groups/WRK2627-EME12).",
  places_total: 12,
  places_taken: 4,
  publication: 'published',
  registration_opens_on: '2026-09-01',
  registration_closes_on: '2027-01-31',
  sections: [{ heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP }],
  sessions: [
    session(1, '2027-01-20', '09:00', '15:30', 'face_to_face', { title: 'Support day 1: the departmental development plan', venue: 'In the participating school' }),
    session(2, '2027-03-10', '09:00', '15:30', 'face_to_face', { title: 'Support day 2: leading departmental professional development', venue: 'In the participating school' }),
    session(3, '2027-05-12', '09:00', '15:30', 'face_to_face', { title: 'Support day 3: schemes of work and review', venue: 'In the participating school' }),
  ],
});

const EMBEDDING_AND_SUSTAINING_2026 = group({
  ...EMBEDDING_AND_SUSTAINING,
  code: 'WRK2627-EME12',
  project_code: 'NCP26-14',
  title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group 2026-27',
  who_for:
    'Maths departments that have completed a Secondary Teaching for Mastery Development Work Group. Schools receiving Embedding Year Support (NCP26-13) must also join this Work Group.',
  places_total: 16,
  places_taken: 6,
  publication: 'published',
  registration_opens_on: '2026-09-01',
  registration_closes_on: '2027-01-31',
  sections: [{ heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP }],
  sessions: [
    session(1, '2027-01-14', '13:00', '16:00', 'face_to_face', { venue: 'Nottingham Conference Centre' }),
    session(2, '2027-03-04', '13:30', '16:00', 'online'),
    session(3, '2027-04-29', '13:00', '16:00', 'face_to_face', { venue: 'Nottingham Conference Centre' }),
    session(4, '2027-06-17', '13:30', '16:00', 'online'),
  ],
});

/** Secondary Subject Leadership Community (2026/27): open, "Register to secure your place" (the page said "Click Register": not GOV.UK style). */
const SUBJECT_LEADERSHIP_COMMUNITY = group({
  code: 'WRK2627-GN01',
  hub_slug: 'great-north',
  project_code: 'NCP26-17',
  title: 'Secondary Subject Leadership Community',
  summary:
    'A community for secondary heads of department and subject leaders to develop and implement teaching for mastery across their whole department, through hub meetings, school-based tasks and an online community.',
  mode: 'blended',
  who_for:
    'The project is for existing secondary heads of department/subject leaders. To support the implementation of Teaching for Mastery across entire departments more effectively, all schools involved in secondary teaching for mastery Work Groups and Programmes should also participate in these communities. The community is also open to subject leaders whose schools are not yet involved.',
  what_it_involves:
    'This will include hub-based meetings and workshops (which may be a mix of face-to-face and online), school-based tasks, and participation in an online community. It is expected that activity associated with this project is sustained over the school year, across two terms at least.\n\nParticipants and their schools are expected to commit to the equivalence of three days of workshops plus additional work in school.',
  cost: 'This project is fully funded by the Maths Hubs Programme so is free to participating schools.',
  expectations:
    'Participants and their schools are expected to commit to the equivalent of 3 days of work including Maths Hub meetings and workshops, school-based tasks, and online community engagement.',
  schedule_note: 'The date of the third workshop is to be confirmed. Register to secure your place.',
  lead_information: SUBJECT_LEADERSHIP_COMMUNITY_LEAD,
  places_total: 24,
  places_taken: 11,
  participants_per_school: 1,
  publication: 'published',
  registration_opens_on: '2026-09-01',
  registration_closes_on: '2027-06-30',
  outcomes: [...SSL_COMMUNITY_OUTCOMES],
  leaders: [COMMUNITY_HUB_LEAD, COMMUNITY_LLME],
  sessions: [
    session(1, '2027-01-14', '13:00', '16:00', 'face_to_face', { title: 'Launch: vision and principles', venue: 'Newcastle Civic Centre' }),
    session(2, '2027-03-10', '13:30', '16:00', 'online', { title: 'Curriculum coherence' }),
    sessionToBeConfirmed(3, 'tbc', 'Leading professional development in the department'),
  ],
});

/** "Mastery Specialist and TfM Work Group" page: the Secondary Teaching for Mastery Work Group. */
const SECONDARY_TFM_WORK_GROUP = group({
  code: 'WRK2223-CW01',
  hub_slug: 'cheshire-and-wirral',
  project_code: 'NCP22-11',
  title: 'Secondary Teaching for Mastery Work Group 2022-23',
  summary:
    'Collaborative professional development and bespoke support to develop teaching for mastery across the whole maths department, for a pair of teachers from each school.',
  mode: 'blended',
  purpose: SECONDARY_TFM_WORK_GROUP_PURPOSE,
  what_it_involves: SECONDARY_TFM_WORK_GROUP_INVOLVES,
  who_for: SECONDARY_TFM_WORK_GROUP_WHO_FOR,
  expectations: SECONDARY_TFM_WORK_GROUP_EXPECTATIONS,
  places_total: 20,
  places_taken: 16,
  participants_per_school: 2,
  publication: 'published',
  registration_opens_on: '2022-05-03',
  registration_closes_on: '2022-09-30',
  sections: [{ heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP }],
  sessions: [
    session(1, nth(2022, 10, 'Tue', 2), '09:30', '15:30', 'face_to_face', { venue: 'University of Chester, Riverside Campus' }),
    session(2, nth(2022, 12, 'Tue', 1), '13:30', '16:00', 'online'),
    session(3, nth(2023, 2, 'Tue', 1), '09:30', '15:30', 'face_to_face', { title: 'Collaborative lesson observation', venue: 'University of Chester, Riverside Campus' }),
    session(4, nth(2023, 5, 'Tue', 2), '13:30', '16:00', 'online'),
  ],
});

/**
 * The same page's two-year Mastery Specialist programme, as a group of its own: its first year's
 * "five and a half days at central events" (a two-day residential, three central days and a
 * half day online; the two days in school are the participant's own).
 */
const SECONDARY_MASTERY_SPECIALISTS = group({
  code: 'WRK2223-CW02',
  hub_slug: 'cheshire-and-wirral',
  project_code: 'NCP22-12',
  title: 'Secondary Mastery Specialist Programme 2022-23',
  summary:
    'A two-year programme for secondary teachers with a passion for teaching for mastery: develop your own practice, then lead department-wide change.',
  mode: 'blended',
  purpose: MASTERY_SPECIALIST_PURPOSE,
  who_for:
    'Secondary teachers who have a passion and enthusiasm for teaching for mastery, and a successful track record of working effectively with other professionals within their own school or across a group of schools.',
  what_it_involves: MASTERY_SPECIALIST_INVOLVES,
  places_total: 8,
  places_taken: 8,
  participants_per_school: 1,
  publication: 'published',
  registration_opens_on: '2022-03-01',
  registration_closes_on: '2022-06-30',
  sessions: [
    session(1, nth(2022, 10, 'Thu', 2), '09:30', '16:00', 'face_to_face', { title: 'Residential 1 (day 1)', venue: 'Hinckley Island Hotel' }),
    session(2, nth(2022, 10, 'Fri', 2), '09:00', '15:30', 'face_to_face', { title: 'Residential 1 (day 2)', venue: 'Hinckley Island Hotel' }),
    session(3, nth(2023, 1, 'Thu', 3), '09:30', '16:00', 'face_to_face', { title: 'Central event 2', venue: 'Hinckley Island Hotel' }),
    session(4, nth(2023, 3, 'Thu', 3), '09:30', '12:30', 'online', { title: 'Central event 3 (half day)' }),
    session(5, nth(2023, 4, 'Thu', 4), '09:30', '16:00', 'face_to_face', { title: 'Central event 4', venue: 'Hinckley Island Hotel' }),
    session(6, nth(2023, 6, 'Thu', 2), '09:30', '16:00', 'face_to_face', { title: 'Central event 5', venue: 'Hinckley Island Hotel' }),
  ],
});

/** Secondary Teaching for Mastery Work Group Programme 2021-22 (programme page). */
const TFM_PROGRAMME = group({
  code: 'WRK2122-BOOL01',
  hub_slug: 'boolean',
  project_code: 'NCP21-11',
  title: 'Secondary Teaching for Mastery Work Group Programme 2021-22',
  summary:
    'Secondary Mastery Specialists work with two maths departments each to develop teaching for mastery approaches, as part of the 2021/22 Network Collaborative Project.',
  mode: 'blended',
  purpose: `${TFM_PROGRAMME_2021}\n\nMore information about secondary teaching for mastery Work Groups is available on the [NCETM website](https://www.ncetm.org.uk/).`,
  who_for:
    'Schools interested in developing teaching for mastery approaches in their maths departments, represented by a pair of teachers.',
  places_total: 10,
  places_taken: 10,
  participants_per_school: 2,
  publication: 'published',
  registration_opens_on: '2021-04-26',
  registration_closes_on: '2021-09-17',
  sections: [{ heading: 'Covid-19 recovery', body: COVID_RECOVERY_2021 }],
  sessions: [
    session(1, '2021-10-05', '09:30', '15:30', 'face_to_face', { venue: 'Engine Shed, Bristol' }),
    session(2, '2021-12-01', '13:30', '16:00', 'online'),
    session(3, '2022-02-08', '09:30', '15:30', 'face_to_face', { venue: 'Engine Shed, Bristol' }),
    session(4, '2022-04-27', '13:30', '16:00', 'online'),
    session(5, '2022-06-21', '09:30', '15:30', 'face_to_face', { venue: 'Engine Shed, Bristol' }),
  ],
});

/** SKTM for Secondary Early Career Teachers 2021-22: one group per theme, each in a different hub. */
const ECT_HUBS: readonly { hub: string; code: string; weekday: Weekday; venue: string; mode: Mode }[] = [
  { hub: 'great-north', code: 'WRK2122-GN01', weekday: 'Tue', venue: 'Gateshead International Stadium', mode: 'blended' },
  { hub: 'south-yorkshire', code: 'WRK2122-SY01', weekday: 'Wed', venue: 'Sheffield Hallam University, City Campus', mode: 'face_to_face' },
  { hub: 'central', code: 'WRK2122-CEN01', weekday: 'Thu', venue: '', mode: 'online' },
  { hub: 'angles', code: 'WRK2122-ANG01', weekday: 'Tue', venue: 'The Forum, Norwich', mode: 'blended' },
  { hub: 'solent', code: 'WRK2122-SOL01', weekday: 'Wed', venue: 'Solent University, Southampton', mode: 'face_to_face' },
  { hub: 'london-thames', code: 'WRK2122-LT01', weekday: 'Thu', venue: '', mode: 'online' },
];

const SKTM_ECT_GROUPS: WorkGroupSeed[] = SKTM_ECT_THEMES.map((theme, index) => {
  const at = ECT_HUBS[index];
  if (!at) throw new Error('Every SKTM theme needs a hub');
  const focus = themeFocus(theme);
  const f2f = (n: number) => at.mode === 'face_to_face' || (at.mode === 'blended' && n % 2 === 1);
  const months: readonly [number, number][] = [
    [2021, 10],
    [2021, 12],
    [2022, 2],
    [2022, 5],
  ];
  return group({
    code: at.code,
    hub_slug: at.hub,
    project_code: 'NCP21-15',
    title: `SKTM for Secondary Early Career Teachers 2021-22: ${focus}`,
    theme: capitalise(theme),
    summary: `Early career teachers of secondary maths work deeply on ${focus}, drawing in the associated pedagogy through lesson analysis and lesson design, across the equivalent of four days.`,
    mode: at.mode,
    purpose: `At a local level, Work Groups will explore one of the following themes:\n\n${bullets(SKTM_ECT_THEMES)}\n\nThis Work Group explores ${focus}.`,
    who_for: 'Secondary maths teachers in the early years of their career.',
    what_it_involves: SKTM_ECT_INVOLVES,
    places_total: 20,
    places_taken: index % 3 === 0 ? 20 : 12 + index,
    participants_per_school: 2,
    publication: 'published',
    registration_opens_on: '2021-05-10',
    registration_closes_on: '2021-09-30',
    sessions: months.map(([year, month], i) => {
      const n = i + 1;
      const mode: Mode = f2f(n) ? 'face_to_face' : 'online';
      return session(n, nth(year, month, at.weekday, 2), mode === 'online' ? '13:30' : '09:30', mode === 'online' ? '16:00' : '15:30', mode, {
        ...(mode === 'face_to_face' ? { venue: at.venue } : {}),
      });
    }),
  });
});

const SKTM_NON_SPECIALISTS = group({
  code: 'WRK2122-KM01',
  hub_slug: 'kent-and-medway',
  project_code: 'NCP21-16',
  title: 'SKTM for Secondary Non-Specialist Teachers 2021-22',
  summary:
    'Support for teachers teaching maths in a secondary school who have not undertaken initial teacher training in mathematics, to develop specialist knowledge for teaching it.',
  mode: 'online',
  purpose: SKTM_NON_SPECIALIST_PURPOSE,
  who_for: SKTM_NON_SPECIALIST_WHO_FOR,
  places_total: 24,
  places_taken: 17,
  participants_per_school: 2,
  publication: 'published',
  registration_opens_on: '2021-05-10',
  registration_closes_on: '2021-10-08',
  sessions: [
    session(1, nth(2021, 10, 'Wed', 3), '15:45', '17:30', 'online'),
    session(2, nth(2021, 12, 'Wed', 1), '15:45', '17:30', 'online'),
    session(3, nth(2022, 2, 'Wed', 2), '15:45', '17:30', 'online'),
    session(4, nth(2022, 3, 'Wed', 3), '15:45', '17:30', 'online'),
    session(5, nth(2022, 5, 'Wed', 2), '15:45', '17:30', 'online'),
    session(6, nth(2022, 6, 'Wed', 4), '15:45', '17:30', 'online'),
  ],
});

const SUBJECT_LEADERSHIP_2021 = group({
  code: 'WRK2122-JUR01',
  hub_slug: 'jurassic',
  project_code: 'NCP21-17',
  title: 'Secondary Subject Leadership 2021-22',
  summary:
    'A new project of focused support for secondary heads of department and subject leaders, to implement teaching for mastery approaches across their department.',
  mode: 'blended',
  purpose: SUBJECT_LEADERSHIP_2021_PURPOSE,
  who_for: 'Secondary heads of department/subject leaders.',
  places_total: 18,
  places_taken: 14,
  participants_per_school: 1,
  publication: 'published',
  registration_opens_on: '2021-05-10',
  registration_closes_on: '2021-10-01',
  sessions: [
    session(1, nth(2021, 10, 'Thu', 3), '13:00', '16:00', 'face_to_face', { venue: 'Exeter Racecourse Conference Centre' }),
    session(2, nth(2022, 1, 'Thu', 4), '13:30', '16:00', 'online'),
    session(3, nth(2022, 3, 'Thu', 3), '13:30', '16:00', 'online'),
    session(4, nth(2022, 6, 'Thu', 2), '13:00', '16:00', 'face_to_face', { venue: 'Exeter Racecourse Conference Centre' }),
  ],
});

const MAT_LEADS_2021 = group({
  code: 'WRK2122-NAT01',
  hub_slug: null,
  project_code: 'NCP21-18',
  title: 'Secondary Maths MAT Leads 2021-22',
  summary:
    'A centrally-led national programme for those who lead mathematics across multiple schools within a MAT, focused on their work with secondary teachers.',
  mode: 'online',
  purpose: MAT_LEADS_PURPOSE,
  who_for: MAT_LEADS_WHO_FOR,
  lead_information: 'This is a national programme, led centrally rather than by a single Maths Hub.',
  places_total: 60,
  places_taken: 47,
  participants_per_school: 1,
  publication: 'published',
  registration_opens_on: '2021-05-10',
  registration_closes_on: '2021-10-15',
  sessions: [
    session(1, nth(2021, 11, 'Tue', 2), '10:00', '12:30', 'online'),
    session(2, nth(2022, 1, 'Tue', 3), '10:00', '12:30', 'online'),
    session(3, nth(2022, 3, 'Tue', 2), '10:00', '12:30', 'online'),
    session(4, nth(2022, 6, 'Tue', 2), '10:00', '12:30', 'online'),
  ],
});

const CONTINUITY_2021 = group({
  code: 'WRK2122-ORI01',
  hub_slug: 'origin',
  project_code: 'NCP21-19',
  title: 'Year 5-8 Continuity Work Group 2021-22',
  summary:
    'Primary and secondary teachers work together on curriculum and pedagogical continuity over Years 5 to 8, to strengthen the transition from primary to secondary school.',
  mode: 'blended',
  purpose: CONTINUITY_PURPOSE,
  who_for: 'Teachers of Years 5 and 6 and of Years 7 and 8, ideally from primary and secondary schools that share pupils.',
  places_total: 16,
  places_taken: 9,
  participants_per_school: 2,
  publication: 'published',
  registration_opens_on: '2021-05-10',
  registration_closes_on: '2021-10-08',
  sessions: [
    session(1, nth(2021, 11, 'Wed', 3), '13:00', '16:00', 'face_to_face', { venue: 'Staffordshire University, Stoke-on-Trent' }),
    session(2, nth(2022, 2, 'Wed', 1), '15:45', '17:30', 'online'),
    session(3, nth(2022, 4, 'Wed', 4), '13:00', '16:00', 'face_to_face', { venue: 'Staffordshire University, Stoke-on-Trent' }),
  ],
});

const CORE_MATHS_2021 = group({
  code: 'WRK2122-CAM01',
  hub_slug: 'cambridge',
  project_code: 'NCP21-20',
  title: 'Developing Core Maths Pedagogy 2021-22',
  theme: 'Core Maths pedagogy to support Covid recovery',
  summary:
    'Teachers of Core Maths develop teaching approaches that support open-ended problem solving, and share them with departmental colleagues. The focus for 2021/22 is Core Maths pedagogy to support Covid recovery.',
  mode: 'online',
  purpose: `The focus for 2021/22: Core Maths pedagogy to support Covid recovery\n\n${CORE_MATHS_PURPOSE}`,
  who_for: CORE_MATHS_WHO_FOR,
  expectations: CORE_MATHS_EXPECTATIONS,
  places_total: 14,
  places_taken: 8,
  participants_per_school: 1,
  publication: 'published',
  registration_opens_on: '2021-05-10',
  registration_closes_on: '2021-10-15',
  sessions: [
    session(1, nth(2021, 11, 'Mon', 3), '14:00', '16:30', 'online'),
    session(2, nth(2022, 1, 'Mon', 4), '14:00', '16:30', 'online'),
    session(3, nth(2022, 3, 'Mon', 4), '14:00', '16:30', 'online'),
    session(4, nth(2022, 6, 'Mon', 3), '14:00', '16:30', 'online'),
  ],
});

export const SEED_WORK_GROUPS: readonly WorkGroupSeed[] = [
  SECONDARY_MATHS_LEADERSHIP_2022_23,
  EMBEDDING_YEAR_SUPPORT,
  EMBEDDING_AND_SUSTAINING,
  EMBEDDING_YEAR_SUPPORT_2026,
  EMBEDDING_AND_SUSTAINING_2026,
  SUBJECT_LEADERSHIP_COMMUNITY,
  SECONDARY_TFM_WORK_GROUP,
  SECONDARY_MASTERY_SPECIALISTS,
  TFM_PROGRAMME,
  ...SKTM_ECT_GROUPS,
  SKTM_NON_SPECIALISTS,
  SUBJECT_LEADERSHIP_2021,
  MAT_LEADS_2021,
  CONTINUITY_2021,
  CORE_MATHS_2021,
];
