// Deterministic generated demo data: a register of ~3,000 fictional schools, fictional Work
// Group leads, and enough further Work Groups (2021/22 to 2026/27, every hub, phase, strand
// and mode) that every catalogue filter means something. A seeded PRNG makes every run give
// the same data; nothing here reads the clock or Math.random.
import type { Mode, OutcomeArea, Phase, Publication } from '../core/schema.ts';
import type { Strand } from '../core/work-groups/domain.ts';
import { HUBS, type HubSeed } from './hubs.ts';
import {
  bullets,
  CONTINUITY_PURPOSE,
  CORE_MATHS_EXPECTATIONS,
  CORE_MATHS_PURPOSE,
  CORE_MATHS_WHO_FOR,
  capitalise,
  EMBEDDING_BENEFITS,
  EMBEDDING_WIDER_CONTEXT,
  MASTERY_SPECIALIST_INVOLVES,
  MASTERY_SPECIALIST_PURPOSE,
  MAT_LEADS_PURPOSE,
  MAT_LEADS_WHO_FOR,
  SECONDARY_TFM_WORK_GROUP_EXPECTATIONS,
  SECONDARY_TFM_WORK_GROUP_INVOLVES,
  SECONDARY_TFM_WORK_GROUP_PURPOSE,
  SECONDARY_TFM_WORK_GROUP_WHO_FOR,
  SEED_PROJECTS,
  SEED_WORK_GROUPS,
  SKTM_ECT_INVOLVES,
  SKTM_ECT_THEMES,
  SKTM_NON_SPECIALIST_PURPOSE,
  SKTM_NON_SPECIALIST_WHO_FOR,
  SML_OUTCOMES,
  SSL_COMMUNITY_OUTCOMES,
  SUBJECT_LEADERSHIP_COMMUNITY_LEAD,
  session,
  sessionToBeConfirmed,
  themeFocus,
  type Weekday,
  WHAT_IS_A_WORK_GROUP,
} from './seed-groups.ts';
import type { OutcomeSeed, PersonSeed, ProjectSeed, SchoolSeed, SessionSeed, WorkGroupSeed } from './types.ts';

/** The seed every demo load uses. */
export const DEMO_SEED = 20_261_123;

// ---------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32)

export type Random = {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted() from an empty list');
      return last[0];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Schools

// Place names are compounds of uncommon plant and bird names with English endings
// ("Teaselcombe", "Curlewmere"), so that no generated school shares a real school's name.
const PLACE_STARTS = [
  'Fern', 'Kestrel', 'Heron', 'Otter', 'Badger', 'Linden', 'Clover', 'Bracken', 'Sorrel', 'Tansy', 'Teasel', 'Yarrow',
  'Campion', 'Sloe', 'Bryony', 'Medlar', 'Quince', 'Juniper', 'Sedge', 'Whin', 'Gorse', 'Furze', 'Thistle', 'Cowslip',
  'Foxglove', 'Burdock', 'Mallow', 'Harebell', 'Hornbeam', 'Lark', 'Wren', 'Bramble', 'Sallow', 'Vetch', 'Betony',
  'Spindle', 'Plover', 'Curlew', 'Dunlin', 'Lapwing', 'Nettle', 'Woad', 'Madder', 'Tormentil', 'Hellebore', 'Samphire',
  'Sweetbriar', 'Chervil',
] as const;
const PLACE_ENDS = [
  'brook', 'combe', 'mere', 'stead', 'wick', 'worth', 'dale', 'hurst', 'leigh', 'croft', 'thorpe', 'holme', 'garth',
  'wold', 'fold', 'ley', 'cote', 'bourne', 'well', 'haven',
] as const;
const SAINTS = ['Aldwyn', 'Eadric', 'Osgar', 'Brithwen', 'Aelfrun', 'Cynewold', 'Leofgar', 'Sigewin', 'Wulfhild', 'Eormen'] as const;
const TRUST_SUFFIXES = ['Learning Trust', 'Academy Trust', 'Education Trust', 'Schools Trust', 'Multi-Academy Trust'] as const;

export const SCHOOL_PHASES = ['Primary', 'Secondary', 'All-through', '16 plus', 'Middle deemed secondary'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export const SCHOOL_TYPES = [
  'Academy converter',
  'Academy sponsor led',
  'Community school',
  'Voluntary aided school',
  'Foundation school',
  'Free schools',
  'Independent school (not state-funded)',
  'Further education',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

const PHASE_WEIGHTS: readonly (readonly [SchoolPhase, number])[] = [
  ['Secondary', 52],
  ['Primary', 33],
  ['All-through', 5],
  ['16 plus', 6],
  ['Middle deemed secondary', 4],
];

const TYPE_WEIGHTS: Record<SchoolPhase, readonly (readonly [SchoolType, number])[]> = {
  Secondary: [
    ['Academy converter', 44],
    ['Academy sponsor led', 20],
    ['Community school', 9],
    ['Voluntary aided school', 8],
    ['Foundation school', 7],
    ['Free schools', 5],
    ['Independent school (not state-funded)', 7],
  ],
  Primary: [
    ['Community school', 34],
    ['Academy converter', 25],
    ['Academy sponsor led', 9],
    ['Voluntary aided school', 15],
    ['Foundation school', 5],
    ['Free schools', 3],
    ['Independent school (not state-funded)', 9],
  ],
  'All-through': [
    ['Academy converter', 40],
    ['Academy sponsor led', 15],
    ['Free schools', 25],
    ['Independent school (not state-funded)', 20],
  ],
  '16 plus': [
    ['Further education', 65],
    ['Academy converter', 12],
    ['Free schools', 10],
    ['Independent school (not state-funded)', 13],
  ],
  'Middle deemed secondary': [
    ['Community school', 35],
    ['Academy converter', 45],
    ['Foundation school', 20],
  ],
};

const ACADEMY_TYPES: ReadonlySet<SchoolType> = new Set(['Academy converter', 'Academy sponsor led', 'Free schools']);

/** Compounds that are real places (and so likely real schools' names): never used. */
const REAL_PLACES: ReadonlySet<string> = new Set([
  'Otterbourne', 'Fernhurst', 'Ferndale', 'Fernleigh', 'Fernley', 'Sedgebrook', 'Sedgeley', 'Nettlestead', 'Nettlecombe',
  'Wrenthorpe', 'Brackenhurst', 'Brackendale', 'Cloverdale', 'Larkhurst', 'Whinfold', 'Furzedale',
]);

function placeName(random: Random): string {
  for (;;) {
    const name = `${random.pick(PLACE_STARTS)}${random.pick(PLACE_ENDS)}`;
    if (!REAL_PLACES.has(name)) return name;
  }
}

function nameCandidates(place: string, saint: string, phase: SchoolPhase, type: SchoolType): string[] {
  if (type === 'Independent school (not state-funded)') {
    if (phase === 'Primary') return [`${place} Preparatory School`, `${place} House School`];
    if (phase === '16 plus') return [`${place} Tutorial College`, `${place} College`];
    return [`${place} School`, `${place} College`, `${place} House School`];
  }
  if (type === 'Further education') return [`${place} College`, `${place} College of Further Education`];
  if (phase === '16 plus') return [`${place} Sixth Form College`, `${place} Sixth Form`];
  if (phase === 'Middle deemed secondary') return [`${place} Middle School`];
  if (type === 'Voluntary aided school') {
    return phase === 'Primary'
      ? [`St ${saint}'s Church of England Primary School, ${place}`, `St ${saint}'s Catholic Primary School, ${place}`, `${place} Church of England Primary School`]
      : [`St ${saint}'s Church of England High School, ${place}`, `St ${saint}'s Catholic High School, ${place}`, `${place} Church of England Academy`];
  }
  const academy = ACADEMY_TYPES.has(type);
  if (phase === 'All-through') return academy ? [`${place} Academy`, `${place} All-through School`] : [`${place} School`];
  if (phase === 'Primary') {
    return academy
      ? [`${place} Primary Academy`, `${place} Primary School`]
      : [`${place} Primary School`, `${place} Community Primary School`, `${place} Junior School`, `${place} Infant School`];
  }
  if (type === 'Free schools') return [`${place} Free School`, `${place} Academy`];
  return academy
    ? [`${place} Academy`, `${place} High School`, `${place} School`]
    : [`${place} High School`, `${place} School`, `${place} Community College`, `${place} Secondary School`];
}

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function postcode(random: Random, area: string): string {
  const district = random.int(1, area.length === 1 ? 30 : 24);
  const letters = `${random.pick([...POSTCODE_LETTERS])}${random.pick([...POSTCODE_LETTERS])}`;
  return `${area}${district} ${random.int(0, 9)}${letters}`;
}

/** Shares of a total for each hub, weighted at random, each at least `minimum`; they sum to `total`. */
function allocate(random: Random, hubs: readonly HubSeed[], total: number, minimum: number): number[] {
  const weights = hubs.map((h) => (h.region === 'London' ? 0.8 : 0.7) + random.next() * 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - minimum * hubs.length;
  const exact = weights.map((w) => (w / sum) * spare);
  const counts = exact.map((x) => minimum + Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

/** ~3,000 fictional schools in the shape of the DfE register: deterministic for a given seed. */
/** A demo school's website, from its name (no randomness: the rest of the data stays as it was). */
export function demoWebsite(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `https://www.${slug}.sch.test/`;
}

export function generateSchools(options: { seed?: number; count?: number; hubs?: readonly HubSeed[] } = {}): SchoolSeed[] {
  const random = createRandom((options.seed ?? DEMO_SEED) ^ 0x5c4001);
  const hubs = options.hubs ?? HUBS;
  const count = options.count ?? 3000;
  const counts = allocate(random, hubs, count, 20);

  const usedUrns = new Set<number>();
  const usedNames = new Set<string>();
  const usedTrusts = new Set<string>();
  const schools: SchoolSeed[] = [];

  hubs.forEach((hub, hubIndex) => {
    const trusts: string[] = [];
    while (trusts.length < 6) {
      const name = `${placeName(random)} ${random.pick(TRUST_SUFFIXES)}`;
      if (usedTrusts.has(name)) continue;
      usedTrusts.add(name);
      trusts.push(name);
    }
    const areas = hub.postcode_areas.length ? hub.postcode_areas : ['ZZ'];
    for (let i = 0; i < (counts[hubIndex] ?? 0); i++) {
      let urn = random.int(100_000, 149_999);
      while (usedUrns.has(urn)) urn = urn === 149_999 ? 100_000 : urn + 1;
      usedUrns.add(urn);

      const localAuthority = random.pick(hub.local_authorities);
      const phase = random.weighted(PHASE_WEIGHTS);
      const type = random.weighted(TYPE_WEIGHTS[phase]);
      let name = '';
      for (let attempt = 0; attempt < 200 && (!name || usedNames.has(name)); attempt++) {
        name = random.pick(nameCandidates(placeName(random), random.pick(SAINTS), phase, type));
      }
      if (usedNames.has(name)) throw new Error(`Could not find a fresh school name after ${name}`);
      usedNames.add(name);

      schools.push({
        urn,
        name,
        phase,
        type,
        state_funded: type !== 'Independent school (not state-funded)',
        local_authority: localAuthority,
        postcode: postcode(random, areas[hub.local_authorities.indexOf(localAuthority) % areas.length] ?? random.pick(areas)),
        trust: ACADEMY_TYPES.has(type) && random.chance(0.5) ? random.pick(trusts) : null,
        hub_slug: hub.slug,
        website: demoWebsite(name),
      });
    }
  });
  return schools;
}

// ---------------------------------------------------------------------------------------
// Work Group leads (fictional)

const FIRST_NAMES = [
  'Amelia', 'Ben', 'Chloe', 'David', 'Eleanor', 'Farah', 'George', 'Hannah', 'Imran', 'Jess', 'Kieran', 'Laura',
  'Mohammed', 'Nadia', 'Owen', 'Priya', 'Rachel', 'Sam', 'Tom', 'Uma', 'Victoria', 'William', 'Yasmin', 'Zoe',
  'Aisha', 'Callum', 'Dev', 'Emma', 'Gareth', 'Hollie', 'Josh', 'Katie', 'Liam', 'Megan', 'Neil', 'Olivia', 'Paul',
  'Rebecca', 'Sunita', 'Tariq',
] as const;
const LAST_NAMES = [
  'Ainsworth', 'Bradshaw', 'Chaudhry', 'Dempsey', 'Ellison', 'Fairclough', 'Gallagher', 'Hargreaves', 'Iqbal', 'Jarvis',
  'Kowalski', 'Lindqvist', 'McAllister', 'Nwosu', "O'Donnell", 'Pemberton', 'Quigley', 'Rahman', 'Sutcliffe',
  'Thornton', 'Underwood', 'Varga', 'Whitfield', 'Yeung', 'Atherton', 'Bellamy', 'Crossley', 'Dunmore', 'Entwistle',
  'Forsyth', 'Greenhalgh', 'Holroyd', 'Kenyon', 'Lomax', 'Marsden', 'Oyelaran', 'Prendergast', 'Rothwell', 'Swales',
  'Tennant',
] as const;

/** Role titles, and how a sentence names them ("is a Secondary Mastery Specialist"). */
const LEAD_ROLES: readonly (readonly [string, string])[] = [
  ['Secondary Mastery Specialist', 'a Secondary Mastery Specialist'],
  ['Local leader of maths education (LLME)', 'a local leader of maths education'],
  ['Secondary Assistant Maths Hub Lead', 'the Secondary Assistant Maths Hub Lead'],
  ['Work Group Lead', 'a Work Group Lead'],
];

function leadBio(random: Random, name: string, rolePhrase: string, school: SchoolSeed | undefined, hub: HubSeed | null): string {
  const first = name.split(' ')[0] ?? name;
  const where = school ? ` at ${school.name}` : '';
  const forWhom = hub ? ` for the ${hub.name}` : ' for the national Maths Hubs Programme';
  const openings = [
    `${name} is ${rolePhrase}${forWhom} and teaches mathematics${where}.`,
    `${name} has taught secondary mathematics for ${random.int(8, 24)} years and is ${rolePhrase}${forWhom}.`,
  ];
  const middles = [
    `${first} is an NCETM accredited PD Lead and has led Work Groups since 2019.`,
    `${first} completed the Secondary Mastery Specialist programme and now supports departments across the hub area.`,
    `${first} leads professional development in their own department${where} and works with schools new to teaching for mastery.`,
    `Before joining the hub, ${first} was a head of mathematics for ${random.int(4, 11)} years.`,
  ];
  return `${random.pick(openings)} ${random.pick(middles)}`;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function generatePeople(random: Random, schools: readonly SchoolSeed[]): Map<string | null, PersonSeed[]> {
  const pools = new Map<string | null, PersonSeed[]>();
  const usedNames = new Set<string>(['Helen Ashworth', 'Daniel Okafor']);
  const owners: (HubSeed | null)[] = [...HUBS, null];
  for (const hub of owners) {
    const hubSchools = schools.filter((s) => hub && s.hub_slug === hub.slug && s.phase !== 'Primary');
    const pool: PersonSeed[] = [];
    const surnames = new Set<string>();
    for (let i = 0; i < (hub ? 4 : 3); i++) {
      let name = '';
      let surname = '';
      while (!name || usedNames.has(name) || surnames.has(surname)) {
        surname = random.pick(LAST_NAMES);
        name = `${random.pick(FIRST_NAMES)} ${surname}`;
      }
      surnames.add(surname);
      usedNames.add(name);
      const [role, phrase] = hub ? (LEAD_ROLES[i % LEAD_ROLES.length] ?? ['Work Group Lead', 'a Work Group Lead']) : ['National programme lead', 'a national programme lead'];
      const school = hubSchools.length ? random.pick(hubSchools) : undefined;
      pool.push({
        key: `demo-${slugify(name)}`,
        name,
        role_title: role,
        bio: leadBio(random, name, phrase, school, hub),
        email: `${slugify(name).replace(/-/g, '.')}@example.org`,
        hub_slug: hub?.slug ?? null,
      });
    }
    pools.set(hub?.slug ?? null, pool);
  }
  return pools;
}

// ---------------------------------------------------------------------------------------
// Kinds of project, and what a group of each kind says

type Content = Pick<
  WorkGroupSeed,
  | 'summary'
  | 'purpose'
  | 'who_for'
  | 'what_it_involves'
  | 'benefits'
  | 'wider_context'
  | 'expectations'
  | 'lead_information'
  | 'outcomes'
  | 'sections'
  | 'theme'
>;

type Template = {
  key: string;
  /** The nn of NCPyy-nn. */
  number: number;
  title: string;
  phase: Phase;
  strand: Strand;
  commitmentDays: number;
  description: string;
  themes: string[];
  national: boolean;
  participantsPerSchool: number;
  weight: number;
  content(random: Random, year: string): Content;
};

const PUPIL_OUTCOME = SML_OUTCOMES.find((o) => o.area === 'pupil') as OutcomeSeed;

function outcome(area: OutcomeArea, leadIn: string, items: string[]): OutcomeSeed {
  return { area, lead_in: leadIn, items };
}

const TFM_OUTCOMES: OutcomeSeed[] = [
  PUPIL_OUTCOME,
  outcome('departmental', 'Departments will:', [
    'develop a shared vision for teaching for mastery across the department',
    'review schemes of work so that they support a coherent and connected curriculum',
    'put in place structures for collaborative planning and professional development.',
  ]),
  outcome('practice', 'Teachers will:', [
    'plan and teach lessons in small, coherent steps, using representations and structure to expose mathematical connections',
    'use questioning and variation to develop deep and secure understanding',
    'take part in collaborative lesson observation and planning.',
  ]),
  outcome('professional', 'Teachers will:', [
    'have a deep understanding of the principles and pedagogies of teaching for mastery',
    'understand how to support colleagues to develop teaching for mastery approaches',
    'reflect on their practice through collaborative professional development.',
  ]),
];

const SKTM_OUTCOMES: OutcomeSeed[] = [
  PUPIL_OUTCOME,
  outcome('practice', 'Teachers will:', [
    'design lessons that build a connected understanding of the mathematics they teach',
    'anticipate and address common misconceptions',
    'use representations and models that expose mathematical structure.',
  ]),
  outcome('professional', 'Teachers will:', [
    'deepen their specialist knowledge for teaching mathematics',
    'develop confidence in lesson analysis and lesson design',
    'understand how pupils’ understanding develops across key stages 3 and 4.',
  ]),
];

const CONTINUITY_OUTCOMES: OutcomeSeed[] = [
  outcome('pupil', 'Pupils will:', [
    'experience a coherent maths curriculum across Years 5 to 8',
    'build on what they already know and can do when they move to secondary school.',
  ]),
  outcome('practice', 'Teachers will:', [
    'use multiplicative reasoning resources, and others, with a shared understanding across phases',
    'plan Year 7 teaching that builds on what pupils learnt in Years 5 and 6.',
  ]),
  outcome('professional', 'Teachers will:', [
    'understand the KS2/3 curriculum and how it is taught in the other phase',
    'communicate with colleagues across phases about maths knowledge and learning.',
  ]),
];

const CORE_MATHS_OUTCOMES: OutcomeSeed[] = [
  outcome('pupil', 'Students will:', [
    'develop confidence in tackling open-ended, contextualised problems',
    'see the value of mathematics in their other subjects and in their future study and work.',
  ]),
  outcome('departmental', 'Departments will:', [
    'support the role of Core Maths in promoting contextualised problem-solving',
    'make links to teaching in other subject areas.',
  ]),
  outcome('practice', 'Teachers will:', [
    'develop teaching approaches that support open-ended problem solving',
    'share these approaches with departmental colleagues.',
  ]),
  outcome('professional', 'Teachers will:', [
    'deepen their understanding of Core Maths pedagogy',
    'collaborate and experiment with teachers from other schools and colleges.',
  ]),
];

const MAT_OUTCOMES: OutcomeSeed[] = [
  outcome('departmental', 'MAT leads will:', [
    'develop a coherent vision for maths pedagogy across the trust’s schools',
    'support subject leaders to implement effective approaches in each school.',
  ]),
  outcome('practice', 'MAT leads will:', [
    'lead system change, curriculum change and teacher professional development across schools',
    'give consideration to transition and how the different phases relate to each other.',
  ]),
  outcome('professional', 'MAT leads will:', [
    'understand effective maths pedagogy approaches and how to develop them across multiple schools',
    'develop in their role as a leader of system change.',
  ]),
];

const MASTERY_SPECIALIST_OUTCOMES: OutcomeSeed[] = [
  outcome('departmental', 'Lead teachers will:', [
    'explore, develop and implement department-wide systems for teaching for mastery',
    'improve the knowledge and skills of all members of their department.',
  ]),
  outcome('practice', 'Lead teachers will:', [
    'develop their own classroom practice in teaching for mastery',
    'work effectively with other professionals within their own school and across a group of schools.',
  ]),
  outcome('professional', 'Lead teachers will:', [
    'develop their knowledge, understanding and skills of teaching for mastery',
    'develop as leaders of professional development.',
  ]),
];

const PRIMARY_TFM_OUTCOMES: OutcomeSeed[] = [
  PUPIL_OUTCOME,
  outcome('departmental', 'Schools will:', [
    'develop a whole-school approach to teaching for mastery in maths',
    'give teachers time to plan and reflect together.',
  ]),
  outcome('practice', 'Teachers will:', [
    'teach the whole class together, in small connected steps',
    'use concrete and pictorial representations to expose mathematical structure.',
  ]),
  outcome('professional', 'Teachers will:', [
    'understand the principles of teaching for mastery and the Five Big Ideas',
    'take part in collaborative planning and lesson observation.',
  ]),
];

const TEMPLATES: readonly Template[] = [
  {
    key: 'primary-tfm',
    number: 1,
    title: 'Primary Teaching for Mastery – Development Work Group',
    phase: 'primary',
    strand: 'teaching-for-mastery',
    commitmentDays: 3,
    description: 'Primary schools begin to develop teaching for mastery approaches in maths, supported by a local Primary Mastery Specialist.',
    themes: [],
    national: false,
    participantsPerSchool: 2,
    weight: 6,
    content: () => ({
      summary:
        'A teacher and a senior leader from each primary school begin to develop teaching for mastery in maths across the school, with a local Mastery Specialist.',
      purpose:
        'This Work Group supports primary schools to begin developing teaching for mastery approaches in maths, in classrooms and across the whole school.',
      who_for: 'Primary schools new to teaching for mastery. Each school is represented by a teacher and a senior leader.',
      what_it_involves:
        'Participants take part in Work Group workshops with lesson observation and discussion, and try out approaches in their own classrooms between workshops, supported by a Primary Mastery Specialist.',
      benefits: '',
      wider_context: '',
      expectations:
        'Schools commit to releasing both participants for every workshop and to sharing what they learn with colleagues in school.',
      lead_information: 'The Work Group is led by an experienced Primary Mastery Specialist.',
      outcomes: PRIMARY_TFM_OUTCOMES,
      sections: [{ heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP }],
      theme: null,
    }),
  },
  {
    key: 'tfm-development',
    number: 11,
    title: 'Secondary Teaching for Mastery – Development Work Group',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitmentDays: 3,
    description: SECONDARY_TFM_WORK_GROUP_PURPOSE.split('\n\n')[0] ?? '',
    themes: [],
    national: false,
    participantsPerSchool: 2,
    weight: 20,
    content: () => ({
      summary:
        'A pair of teachers from each school develop teaching for mastery across their maths department, with support from a local leader of maths education. Meets for the equivalent of three days.',
      purpose: SECONDARY_TFM_WORK_GROUP_PURPOSE,
      who_for: SECONDARY_TFM_WORK_GROUP_WHO_FOR,
      what_it_involves: SECONDARY_TFM_WORK_GROUP_INVOLVES,
      benefits: `Participants and their schools will:\n\n${bullets(EMBEDDING_BENEFITS)}`,
      wider_context: EMBEDDING_WIDER_CONTEXT,
      expectations: SECONDARY_TFM_WORK_GROUP_EXPECTATIONS,
      lead_information: 'The Work Group is led by an experienced Secondary Teaching for Mastery Specialist.',
      outcomes: TFM_OUTCOMES,
      sections: [{ heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP }],
      theme: null,
    }),
  },
  {
    key: 'mastery-specialists',
    number: 12,
    title: 'Secondary Mastery Specialist Programme',
    phase: 'secondary',
    strand: 'mastery-specialists',
    commitmentDays: 7.5,
    description: MASTERY_SPECIALIST_PURPOSE,
    themes: [],
    national: false,
    participantsPerSchool: 1,
    weight: 5,
    content: () => ({
      summary:
        'A two-year programme for secondary teachers with a passion for teaching for mastery: develop your own practice, then lead department-wide change.',
      purpose: MASTERY_SPECIALIST_PURPOSE,
      who_for:
        'Secondary teachers who have a passion and enthusiasm for teaching for mastery, and a successful track record of working effectively with other professionals within their own school or across a group of schools.',
      what_it_involves: MASTERY_SPECIALIST_INVOLVES,
      benefits: '',
      wider_context: EMBEDDING_WIDER_CONTEXT,
      expectations: 'Schools commit to releasing the lead teacher for the central events and to supporting their work with the department.',
      lead_information: 'The programme is led by the hub’s Secondary Mastery Specialist leads.',
      outcomes: MASTERY_SPECIALIST_OUTCOMES,
      sections: [],
      theme: null,
    }),
  },
  {
    key: 'tfm-embedding',
    number: 14,
    title: 'Secondary Teaching for Mastery – Embedding and Sustaining Work Group',
    phase: 'secondary',
    strand: 'teaching-for-mastery',
    commitmentDays: 3,
    description:
      'A Work Group for schools embedding and sustaining teaching for mastery across the whole maths department, working alongside other schools at the same stage of the Teaching for Mastery Programme.',
    themes: [],
    national: false,
    participantsPerSchool: 2,
    weight: 12,
    content: () => ({
      summary:
        'Departments that have completed a Development Work Group build teaching for mastery into a coherent, long-term departmental plan, with other schools at the same stage.',
      purpose:
        'This Work Group brings together schools at the embedding and sustaining stage of the Teaching for Mastery Programme, so that departments can build initial developments into a coherent and long-term departmental plan targeted on the needs of students and teachers.',
      who_for: 'Maths departments that have completed a Secondary Teaching for Mastery Development Work Group, represented by their Mastery Advocates.',
      what_it_involves:
        'Workshops across the year, some face to face and some online, with school-based tasks between them and an opportunity for collaborative lesson observation.',
      benefits: `Participants and their schools will:\n\n${bullets(EMBEDDING_BENEFITS)}`,
      wider_context: EMBEDDING_WIDER_CONTEXT,
      expectations:
        "Schools must be able to commit to the full academic year's programme, as well as classroom and school-based activity.",
      lead_information: 'The Work Group is led by an experienced Secondary Teaching for Mastery Specialist.',
      outcomes: TFM_OUTCOMES,
      sections: [{ heading: 'What is a Work Group?', body: WHAT_IS_A_WORK_GROUP }],
      theme: null,
    }),
  },
  {
    key: 'sktm-ect',
    number: 15,
    title: 'SKTM for Secondary Early Career Teachers',
    phase: 'secondary',
    strand: 'sktm',
    commitmentDays: 4,
    description: SKTM_ECT_INVOLVES,
    themes: [...SKTM_ECT_THEMES],
    national: false,
    participantsPerSchool: 2,
    weight: 12,
    content: (random) => {
      const theme = random.pick(SKTM_ECT_THEMES);
      const focus = themeFocus(theme);
      return {
        summary: `Early career teachers of secondary maths work deeply on ${focus}, through lesson analysis and lesson design, across the equivalent of four days.`,
        purpose: `At a local level, Work Groups explore one of six themes. This Work Group explores ${theme}.`,
        who_for: 'Secondary maths teachers in the early years of their career.',
        what_it_involves: SKTM_ECT_INVOLVES,
        benefits: '',
        wider_context: '',
        expectations: 'Participants attend every workshop and try out lesson designs in their own classrooms between workshops.',
        lead_information: 'The Work Group is led by a Secondary Mastery Specialist with experience of supporting early career teachers.',
        outcomes: SKTM_OUTCOMES,
        sections: [],
        theme: capitalise(theme),
      };
    },
  },
  {
    key: 'sktm-non-specialist',
    number: 16,
    title: 'SKTM for Secondary Non-Specialist Teachers',
    phase: 'secondary',
    strand: 'sktm',
    commitmentDays: 4,
    description: SKTM_NON_SPECIALIST_PURPOSE,
    themes: [],
    national: false,
    participantsPerSchool: 2,
    weight: 8,
    content: () => ({
      summary:
        'Support for teachers teaching maths in a secondary school who have not undertaken initial teacher training in mathematics, to develop specialist knowledge for teaching it.',
      purpose: SKTM_NON_SPECIALIST_PURPOSE,
      who_for: SKTM_NON_SPECIALIST_WHO_FOR,
      what_it_involves:
        'Workshops explore key areas of the secondary curriculum and the pedagogy associated with them, with tasks to try out in the classroom between workshops.',
      benefits: '',
      wider_context: '',
      expectations: 'Participants attend every workshop; their school supports them to try out approaches with their classes.',
      lead_information: 'The Work Group is led by an experienced teacher of secondary mathematics.',
      outcomes: SKTM_OUTCOMES,
      sections: [],
      theme: null,
    }),
  },
  {
    key: 'subject-leadership',
    number: 17,
    title: 'Secondary Maths Leadership',
    phase: 'secondary',
    strand: 'subject-leadership',
    commitmentDays: 3,
    description:
      'Focused support for secondary heads of department/subject leaders, to enable them to better understand and implement approaches across their department, and to develop in their role as leaders of both pupil learning and teacher professional development.',
    themes: [],
    national: false,
    participantsPerSchool: 1,
    weight: 12,
    content: (_random, year) => ({
      summary:
        'Focused support for secondary heads of department and subject leaders, to lead both pupil learning and teacher professional development in their department.',
      purpose: `The purpose of this project is to offer focused support to secondary heads of department/subject leaders, to enable them to better understand and implement approaches across their department, and to develop in their role as leaders of both pupil learning and teacher professional development.\n\nThe priorities for ${year.replace('/', '-')} will be curriculum coherence, teacher development and student progress, supported by a national network.`,
      who_for:
        'Secondary heads of department/subject leaders. The project is open to heads of department in schools already involved with Maths Hubs and to those who are not yet involved.',
      what_it_involves:
        'This will include hub-based meetings and workshops (which may be a mix of face-to-face and online), school-based tasks, and participation in an online community. It is expected that activity associated with this project is sustained over the school year, across two terms at least.',
      benefits: '',
      wider_context:
        'A key aim of the NCETM and Maths Hubs is to develop successful secondary mathematics departments that are well led and that provide ongoing subject professional development through collaborative working both within and between departments.',
      expectations:
        'Participants and their schools are expected to commit to the equivalent of 3 days of work including Maths Hub meetings and workshops, school-based tasks, and online community engagement.',
      lead_information: SUBJECT_LEADERSHIP_COMMUNITY_LEAD,
      outcomes: year >= '2025/26' ? [...SSL_COMMUNITY_OUTCOMES] : [...SML_OUTCOMES],
      sections: [],
      theme: null,
    }),
  },
  {
    key: 'mat-leads',
    number: 18,
    title: 'Secondary Maths MAT Leads',
    phase: 'secondary',
    strand: 'mat-leads',
    commitmentDays: 3,
    description: MAT_LEADS_PURPOSE,
    themes: [],
    national: true,
    participantsPerSchool: 1,
    weight: 3,
    content: () => ({
      summary:
        'A centrally-led national programme for those who lead mathematics across multiple schools within a MAT, focused on their work with secondary teachers.',
      purpose: MAT_LEADS_PURPOSE,
      who_for: MAT_LEADS_WHO_FOR,
      what_it_involves: 'Online national workshops, with tasks to carry out across the trust’s schools between workshops.',
      benefits: '',
      wider_context: '',
      expectations: 'Participants attend every workshop and lead work in their trust’s schools between workshops.',
      lead_information: 'This is a national programme, led centrally rather than by a single Maths Hub.',
      outcomes: MAT_OUTCOMES,
      sections: [],
      theme: null,
    }),
  },
  {
    key: 'continuity',
    number: 19,
    title: 'Year 5-8 Continuity Work Group',
    phase: 'cross-phase',
    strand: 'continuity',
    commitmentDays: 3,
    description: CONTINUITY_PURPOSE.split('\n\n')[0] ?? '',
    themes: [],
    national: false,
    participantsPerSchool: 2,
    weight: 8,
    content: () => ({
      summary:
        'Primary and secondary teachers work together on curriculum and pedagogical continuity over Years 5 to 8, to strengthen the transition from primary to secondary school.',
      purpose: CONTINUITY_PURPOSE,
      who_for: 'Teachers of Years 5 and 6 and of Years 7 and 8, ideally from primary and secondary schools that share pupils.',
      what_it_involves:
        'Cross-phase workshops with shared tasks: teachers observe and discuss lessons in the other phase and plan teaching that builds on what pupils already know.',
      benefits: '',
      wider_context: '',
      expectations: 'Schools release participants for every workshop and for a visit to a partner school in the other phase.',
      lead_information: 'The Work Group is led by a primary and a secondary Mastery Specialist together.',
      outcomes: CONTINUITY_OUTCOMES,
      sections: [],
      theme: null,
    }),
  },
  {
    key: 'core-maths',
    number: 20,
    title: 'Developing Core Maths Pedagogy',
    phase: 'post-16',
    strand: 'core-maths',
    commitmentDays: 3,
    description: CORE_MATHS_PURPOSE,
    themes: [],
    national: false,
    participantsPerSchool: 1,
    weight: 6,
    content: () => ({
      summary:
        'Teachers of Core Maths develop teaching approaches that support open-ended problem solving, and share them with departmental colleagues.',
      purpose: CORE_MATHS_PURPOSE,
      who_for: CORE_MATHS_WHO_FOR,
      what_it_involves: 'Workshops combine collaborative planning and experimentation, with approaches tried out in the classroom between workshops.',
      benefits: '',
      wider_context: '',
      expectations: CORE_MATHS_EXPECTATIONS,
      lead_information: 'The Work Group is led by an experienced teacher of Core Maths.',
      outcomes: CORE_MATHS_OUTCOMES,
      sections: [],
      theme: null,
    }),
  },
];

// ---------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

function isoToDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return dayToIso(isoToDay(iso) + days);
}

const WEEKDAY_NUMBERS: Record<Weekday, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5 };

/** The first date on or after `iso` that falls on `weekday`, moved out of the Christmas break. */
function onOrAfter(iso: string, weekday: Weekday): string {
  let day = isoToDay(iso);
  const shift = (WEEKDAY_NUMBERS[weekday] - new Date(day * DAY_MS).getUTCDay() + 7) % 7;
  day += shift;
  const date = dayToIso(day);
  const monthDay = date.slice(5);
  if (monthDay >= '12-19' || monthDay <= '01-04') {
    const year = Number(date.slice(0, 4)) + (monthDay >= '12-19' ? 1 : 0);
    return onOrAfter(`${year}-01-05`, weekday);
  }
  return date;
}

/** `count` dates on one weekday, the first between `from` and `to`, spread out before mid-July. */
function scheduleDates(random: Random, startYear: number, from: string, to: string, count: number, weekday: Weekday): string[] {
  const first = onOrAfter(addDays(from, random.int(0, Math.max(0, isoToDay(to) - isoToDay(from)))), weekday);
  const lastAllowed = isoToDay(`${startYear + 1}-07-10`);
  const room = Math.floor((lastAllowed - isoToDay(first)) / 7);
  const gapWeeks = Math.max(2, Math.min(random.int(4, 8), Math.floor(room / Math.max(1, count - 1))));
  const dates: string[] = [];
  let current = first;
  for (let i = 0; i < count; i++) {
    if (isoToDay(current) > lastAllowed) break;
    dates.push(current);
    current = onOrAfter(addDays(current, gapWeeks * 7), weekday);
  }
  return dates;
}

// ---------------------------------------------------------------------------------------
// Work Groups

export const ACADEMIC_YEARS = ['2021/22', '2022/23', '2023/24', '2024/25', '2025/26', '2026/27'] as const;
export const CURRENT_ACADEMIC_YEAR = '2026/27';

/** How many generated groups each year gets (the seed pages add 18 more). */
const GROUPS_PER_YEAR: Record<(typeof ACADEMIC_YEARS)[number], number> = {
  '2021/22': 8,
  '2022/23': 12,
  '2023/24': 14,
  '2024/25': 16,
  '2025/26': 20,
  '2026/27': 32,
};

/**
 * What a current-year group is, as a visitor on 23 November 2026 sees it: open for
 * registration, full, closed (window passed, or closed by the hub), not yet open, or a draft.
 */
type CurrentStatus = 'open' | 'full' | 'window-passed' | 'closed' | 'opens-later' | 'draft';
const CURRENT_STATUSES: readonly CurrentStatus[] = [
  ...Array<CurrentStatus>(12).fill('open'),
  ...Array<CurrentStatus>(7).fill('full'),
  ...Array<CurrentStatus>(5).fill('window-passed'),
  ...Array<CurrentStatus>(2).fill('closed'),
  ...Array<CurrentStatus>(2).fill('opens-later'),
  ...Array<CurrentStatus>(4).fill('draft'),
];

const FACE_TO_FACE_TIMES: readonly (readonly [string, string])[] = [
  ['09:30', '15:30'],
  ['13:00', '16:00'],
  ['09:00', '12:00'],
  ['10:00', '15:00'],
];
const ONLINE_TIMES: readonly (readonly [string, string])[] = [
  ['13:30', '16:00'],
  ['16:00', '17:30'],
  ['15:45', '17:15'],
];

function yearSlug(year: string): string {
  return year.replace('/', '-');
}

function yearDigits(year: string): string {
  return `${year.slice(2, 4)}${year.slice(5, 7)}`;
}

type GenerationPlan = { template: Template; hub: HubSeed | null };

/**
 * Further Work Groups beyond the seed pages, and the projects they belong to that the seed
 * pages do not already hold. Deterministic for a given seed and school list.
 */
export function generateWorkGroups(
  schools: readonly SchoolSeed[],
  options: { seed?: number } = {},
): { projects: ProjectSeed[]; workGroups: WorkGroupSeed[] } {
  const random = createRandom((options.seed ?? DEMO_SEED) ^ 0x9e3779b9);
  const people = generatePeople(random, schools);
  const schoolsByHub = new Map<string, SchoolSeed[]>();
  for (const school of schools) {
    if (school.phase === 'Primary') continue; // Work Groups meet in secondary schools and colleges
    schoolsByHub.set(school.hub_slug, [...(schoolsByHub.get(school.hub_slug) ?? []), school]);
  }

  const usedCodes = new Set(SEED_WORK_GROUPS.map((g) => g.code));
  const titleCounts = new Map<string, number>(SEED_WORK_GROUPS.map((g) => [g.title, 1]));
  const projects = new Map<string, ProjectSeed>(SEED_PROJECTS.map((p) => [p.ncp_code, p]));
  const newProjects: ProjectSeed[] = [];
  const workGroups: WorkGroupSeed[] = [];

  // Hubs take turns, in a shuffled order, so every hub gets groups across the years.
  let hubQueue: HubSeed[] = [];
  const nextHub = (): HubSeed => {
    if (!hubQueue.length) hubQueue = random.shuffle(HUBS);
    const hub = hubQueue.shift();
    if (!hub) throw new Error('No hubs');
    return hub;
  };

  for (const year of ACADEMIC_YEARS) {
    const startYear = Number(year.slice(0, 4));
    const current = year === CURRENT_ACADEMIC_YEAR;
    const count = GROUPS_PER_YEAR[year];
    const plans: GenerationPlan[] = [];
    // The current year offers every kind of project at least once.
    if (current) for (const template of TEMPLATES) plans.push({ template, hub: template.national ? null : nextHub() });
    while (plans.length < count) {
      const template = random.weighted(TEMPLATES.map((t) => [t, t.weight] as const));
      plans.push({ template, hub: template.national ? null : nextHub() });
    }
    const statuses = current ? random.shuffle(CURRENT_STATUSES) : [];
    if (current && statuses.length !== plans.length) throw new Error('One status per current-year group');

    plans.forEach(({ template, hub }, index) => {
      const yy = year.slice(2, 4);
      const ncp = `NCP${yy}-${String(template.number).padStart(2, '0')}`;
      let project = projects.get(ncp);
      if (!project) {
        project = {
          ncp_code: ncp,
          title: template.title,
          academic_year: year,
          phase: template.phase,
          strand: template.strand,
          commitment_days: template.commitmentDays,
          description: template.description,
          themes: template.themes,
          requires: [],
        };
        projects.set(ncp, project);
        newProjects.push(project);
      }

      // Code: WRK + the year's digits + the hub's short form + a running number.
      const prefix = `WRK${yearDigits(year)}-${hub ? hub.code : 'NAT'}`;
      let n = 1;
      while (usedCodes.has(`${prefix}${String(n).padStart(2, '0')}`)) n++;
      const code = `${prefix}${String(n).padStart(2, '0')}`;
      usedCodes.add(code);

      const status: CurrentStatus | 'past' = current ? (statuses[index] ?? 'open') : 'past';
      const content = template.content(random, year);

      // Mode: national groups meet online; a few current-year groups are still to be confirmed.
      let mode: Mode = template.national
        ? 'online'
        : random.weighted<Mode>([
            ['face_to_face', 30],
            ['online', 30],
            ['blended', 40],
          ]);
      if (current && !template.national && (status === 'draft' || status === 'opens-later' || status === 'open') && random.chance(0.15)) {
        mode = 'tbc';
      }

      // Dates: the window in which the first session falls depends on what the group is today.
      const y = startYear;
      const firstWindow: Record<CurrentStatus | 'past', [string, string]> = {
        past: [`${y}-09-20`, `${y}-11-27`],
        open: [`${y}-12-01`, `${y + 1}-02-19`],
        full: [`${y}-09-21`, `${y + 1}-01-29`],
        'window-passed': [`${y}-09-14`, `${y}-10-16`],
        closed: [`${y}-09-21`, `${y}-11-13`],
        'opens-later': [`${y + 1}-04-19`, `${y + 1}-05-07`],
        draft: [`${y + 1}-02-01`, `${y + 1}-04-30`],
      };
      const [from, to] = firstWindow[status];
      const weekday = random.weighted<Weekday>([
        ['Mon', 2],
        ['Tue', 4],
        ['Wed', 4],
        ['Thu', 4],
        ['Fri', 1],
      ]);
      const sessionCount = status === 'opens-later' ? 3 : random.int(3, 6);
      const dates = scheduleDates(random, startYear, from, to, sessionCount, weekday);
      const venue = hub ? random.pick(schoolsByHub.get(hub.slug) ?? schools.filter((s) => s.hub_slug === hub.slug)) : undefined;
      const f2fTimes = random.pick(FACE_TO_FACE_TIMES);
      const onlineTimes = random.pick(ONLINE_TIMES);
      const sessions: SessionSeed[] = dates.map((date, i) => {
        const number = i + 1;
        if (mode === 'tbc') return i === 0 ? session(number, date, f2fTimes[0], f2fTimes[1], 'tbc') : sessionToBeConfirmed(number);
        const sessionMode: Mode =
          mode === 'blended' ? (i === 0 || (i === dates.length - 1 && random.chance(0.5)) || random.chance(0.3) ? 'face_to_face' : 'online') : mode;
        const [start, end] = sessionMode === 'face_to_face' ? f2fTimes : onlineTimes;
        return session(number, date, start, end, sessionMode, {
          ...(i === 0 && random.chance(0.5) ? { title: 'Launch' } : {}),
          ...(sessionMode === 'face_to_face' && venue
            ? { venue: venue.name, address: `${venue.local_authority}, ${venue.postcode}` }
            : {}),
        });
      });
      const firstDate = dates[0] ?? `${y}-10-01`;

      // Registration and places.
      const placesTotal = template.national ? 60 : random.pick([12, 14, 16, 18, 20, 24, 30]);
      let placesTaken: number;
      let publication: Publication;
      let opensOn: string | null = addDays(`${y}-04-20`, random.int(0, 70));
      let closesOn: string | null = addDays(firstDate, -random.int(7, 14));
      switch (status) {
        case 'past':
          publication = random.weighted<Publication>([
            ['published', 80],
            ['closed', 16],
            ['archived', 4],
          ]);
          placesTaken = random.chance(0.45) ? placesTotal : random.int(Math.floor(placesTotal / 3), placesTotal - 1);
          break;
        case 'open':
          publication = 'published';
          placesTaken = random.int(0, placesTotal - 2);
          opensOn = addDays(`${y}-05-01`, random.int(0, 120));
          closesOn = addDays(firstDate, -7);
          break;
        case 'full':
          publication = 'published';
          placesTaken = placesTotal;
          break;
        case 'window-passed':
          publication = 'published';
          placesTaken = random.int(Math.floor(placesTotal / 2), placesTotal - 1);
          break;
        case 'closed':
          publication = 'closed';
          placesTaken = random.int(Math.floor(placesTotal / 2), placesTotal);
          break;
        case 'opens-later':
          publication = 'published';
          placesTaken = 0;
          opensOn = `${y + 1}-01-11`;
          closesOn = addDays(firstDate, -7);
          break;
        case 'draft':
          publication = 'draft';
          placesTaken = 0;
          opensOn = null;
          closesOn = null;
          break;
      }
      if (closesOn && opensOn && closesOn < opensOn) closesOn = opensOn;

      const pool = people.get(hub?.slug ?? null) ?? [];
      const leaders = random.shuffle(pool).slice(0, random.int(1, 2));
      const place = hub ? random.pick(hub.local_authorities) : null;
      const focus = content.theme ? `: ${themeFocus(content.theme.toLowerCase())}` : '';
      // Two groups of a kind in one place and year (two national MAT Leads groups, two in one
      // local authority) are told apart, as hubs number them: "… – group 2".
      const base = `${project.title} ${yearSlug(year)}${focus}${place ? ` – ${place}` : ''}`;
      const seen = (titleCounts.get(base) ?? 0) + 1;
      titleCounts.set(base, seen);
      const title = seen === 1 ? base : `${base} – group ${seen}`;

      workGroups.push({
        code,
        hub_slug: hub?.slug ?? null,
        project_code: project.ncp_code,
        title,
        theme: content.theme,
        summary: content.summary,
        mode,
        purpose: content.purpose,
        who_for: content.who_for,
        what_it_involves: content.what_it_involves,
        benefits: content.benefits,
        cost: 'Free',
        wider_context: content.wider_context,
        expectations: content.expectations,
        schedule_note:
          mode === 'tbc'
            ? 'The first workshop is booked; the remaining dates and whether workshops meet face to face or online will be released in due course.'
            : '',
        lead_information: content.lead_information,
        joining_details_days: 10,
        places_total: placesTotal,
        places_taken: placesTaken,
        participants_per_school: template.participantsPerSchool,
        publication,
        registration_opens_on: opensOn,
        registration_closes_on: closesOn,
        outcomes: content.outcomes.map((o) => ({ ...o, items: [...o.items] })),
        sections: content.sections.map((s) => ({ ...s })),
        leaders,
        sessions,
      });
    });
  }

  return { projects: newProjects, workGroups };
}
