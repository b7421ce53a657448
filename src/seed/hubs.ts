// The 40 Maths Hubs of England, as the demo data loads them.
//
// Names are the hubs' own. Where a name could not be confirmed from a published source
// it is listed in UNCERTAIN_HUB_NAMES below, so that it can be checked before the data
// is shown to anyone outside the team. Enquiry addresses are placeholders in the hubs'
// own style, except East Midlands East, whose address appears on its Work Group pages.

export type Region =
  | 'North East'
  | 'North West'
  | 'Yorkshire and the Humber'
  | 'East Midlands'
  | 'West Midlands'
  | 'East of England'
  | 'London'
  | 'South East'
  | 'South West';

export type HubSeed = {
  slug: string;
  name: string;
  region: Region;
  /** The counties and local authorities the hub serves, as a sentence fragment. */
  area: string;
  enquiries_email: string;
  /** Upper-case short form used in Work Group codes, e.g. WRK2223-SHAW01. */
  code: string;
  /** Local authorities served: generated schools are placed in these. */
  local_authorities: string[];
  /** Postcode areas (the letters before the district number) used for generated schools. */
  postcode_areas: string[];
};

type HubInput = Omit<HubSeed, 'area' | 'enquiries_email'> & { enquiries_email?: string; area?: string };

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function hub(input: HubInput): HubSeed {
  return {
    ...input,
    area: input.area ?? listInWords(input.local_authorities),
    enquiries_email: input.enquiries_email ?? `enquiries@${input.slug.replaceAll('-', '')}mathshub.org.uk`,
  };
}

export const HUBS: readonly HubSeed[] = [
  // North East
  hub({
    slug: 'great-north',
    name: 'Great North Maths Hub',
    region: 'North East',
    code: 'GN',
    local_authorities: ['Northumberland', 'Newcastle upon Tyne', 'North Tyneside', 'South Tyneside', 'Gateshead', 'Sunderland'],
    postcode_areas: ['NE', 'SR'],
  }),
  hub({
    slug: 'archimedes-ne',
    name: 'Archimedes NE Maths Hub',
    region: 'North East',
    code: 'ANE',
    area: 'County Durham and the Tees Valley: Darlington, Hartlepool, Middlesbrough, Redcar and Cleveland, and Stockton-on-Tees',
    local_authorities: ['County Durham', 'Darlington', 'Hartlepool', 'Middlesbrough', 'Redcar and Cleveland', 'Stockton-on-Tees'],
    postcode_areas: ['DH', 'DL', 'TS'],
  }),

  // North West
  hub({
    slug: 'abacus-nw',
    name: 'Abacus NW Maths Hub',
    region: 'North West',
    code: 'ABNW',
    area: 'Central and east Lancashire, Blackburn with Darwen and Blackpool',
    local_authorities: ['Lancashire', 'Blackburn with Darwen', 'Blackpool'],
    postcode_areas: ['PR', 'BB', 'FY'],
  }),
  hub({
    slug: 'cheshire-and-wirral',
    name: 'Cheshire and Wirral Maths Hub',
    region: 'North West',
    code: 'CW',
    local_authorities: ['Cheshire East', 'Cheshire West and Chester', 'Halton', 'Wirral'],
    postcode_areas: ['CW', 'CH', 'WA'],
  }),
  hub({
    slug: 'greater-manchester',
    name: 'Greater Manchester Maths Hub',
    region: 'North West',
    code: 'GM',
    local_authorities: ['Manchester', 'Stockport', 'Tameside', 'Oldham', 'Rochdale', 'Bury', 'Bolton'],
    postcode_areas: ['M', 'SK', 'OL', 'BL'],
  }),
  hub({
    slug: 'turing-nw',
    name: 'Turing NW Maths Hub',
    region: 'North West',
    code: 'TNW',
    local_authorities: ['Trafford', 'Salford', 'Wigan', 'Warrington'],
    postcode_areas: ['M', 'WN', 'WA'],
  }),
  hub({
    slug: 'north-west-three',
    name: 'North West Three Maths Hub',
    region: 'North West',
    code: 'NW3',
    local_authorities: ['Liverpool', 'Knowsley', 'St Helens', 'Sefton'],
    postcode_areas: ['L', 'WA', 'PR'],
  }),
  hub({
    slug: 'lancashire-and-cumbria',
    name: 'Lancashire and Cumbria Maths Hub',
    region: 'North West',
    code: 'LC',
    area: 'Cumbria (Cumberland, and Westmorland and Furness) and north Lancashire',
    local_authorities: ['Cumberland', 'Westmorland and Furness', 'Lancashire'],
    postcode_areas: ['CA', 'LA'],
  }),

  // Yorkshire and the Humber
  hub({
    slug: 'south-yorkshire',
    name: 'South Yorkshire Maths Hub',
    region: 'Yorkshire and the Humber',
    code: 'SY',
    local_authorities: ['Sheffield', 'Rotherham', 'Barnsley', 'Doncaster'],
    postcode_areas: ['S', 'DN'],
  }),
  hub({
    slug: 'yorkshire-ridings',
    name: 'Yorkshire Ridings Maths Hub',
    region: 'Yorkshire and the Humber',
    code: 'YR',
    local_authorities: [
      'Kingston upon Hull, City of',
      'East Riding of Yorkshire',
      'North Yorkshire',
      'York',
      'North Lincolnshire',
      'North East Lincolnshire',
    ],
    area: 'Hull, the East Riding of Yorkshire, North Yorkshire, York, North Lincolnshire and North East Lincolnshire',
    postcode_areas: ['HU', 'YO', 'DN'],
  }),
  hub({
    slug: 'yorkshire-and-the-humber',
    name: 'Yorkshire and the Humber Maths Hub',
    region: 'Yorkshire and the Humber',
    code: 'YH',
    local_authorities: ['Leeds', 'Wakefield'],
    postcode_areas: ['LS', 'WF'],
  }),
  hub({
    slug: 'white-rose',
    name: 'White Rose Maths Hub',
    region: 'Yorkshire and the Humber',
    code: 'WR',
    local_authorities: ['Calderdale', 'Kirklees', 'Bradford'],
    postcode_areas: ['HX', 'HD', 'BD'],
  }),

  // East Midlands
  hub({
    slug: 'east-midlands-east',
    name: 'East Midlands East Maths Hub',
    region: 'East Midlands',
    code: 'EME',
    enquiries_email: 'enquiries@ememathshub.org',
    local_authorities: ['Nottingham', 'Nottinghamshire', 'Lincolnshire'],
    postcode_areas: ['NG', 'LN', 'PE'],
  }),
  hub({
    slug: 'east-midlands-south',
    name: 'East Midlands South Maths Hub',
    region: 'East Midlands',
    code: 'EMS',
    local_authorities: ['Leicester', 'Leicestershire', 'Rutland', 'North Northamptonshire', 'West Northamptonshire'],
    postcode_areas: ['LE', 'NN'],
  }),
  hub({
    slug: 'east-midlands-west',
    name: 'East Midlands West Maths Hub',
    region: 'East Midlands',
    code: 'EMW',
    local_authorities: ['Derby', 'Derbyshire'],
    postcode_areas: ['DE', 'S', 'SK'],
  }),

  // West Midlands
  hub({
    slug: 'shaw',
    name: 'SHaW Maths Hub',
    region: 'West Midlands',
    code: 'SHAW',
    local_authorities: ['Shropshire', 'Telford and Wrekin', 'Herefordshire', 'Worcestershire'],
    postcode_areas: ['SY', 'TF', 'HR', 'WR'],
  }),
  hub({
    slug: 'central',
    name: 'Central Maths Hub',
    region: 'West Midlands',
    code: 'CEN',
    local_authorities: ['Birmingham', 'Sandwell', 'Dudley', 'Walsall', 'Wolverhampton'],
    postcode_areas: ['B', 'DY', 'WS', 'WV'],
  }),
  hub({
    slug: 'origin',
    name: 'Origin Maths Hub',
    region: 'West Midlands',
    code: 'ORI',
    local_authorities: ['Staffordshire', 'Stoke-on-Trent'],
    postcode_areas: ['ST', 'WS', 'DE'],
  }),
  hub({
    slug: 'warwickshire-solihull-and-coventry',
    name: 'Warwickshire, Solihull and Coventry Maths Hub',
    region: 'West Midlands',
    code: 'WSC',
    local_authorities: ['Warwickshire', 'Solihull', 'Coventry'],
    postcode_areas: ['CV', 'B'],
  }),

  // East of England
  hub({
    slug: 'angles',
    name: 'Angles Maths Hub',
    region: 'East of England',
    code: 'ANG',
    local_authorities: ['Norfolk', 'Suffolk'],
    postcode_areas: ['NR', 'IP'],
  }),
  hub({
    slug: 'cambridge',
    name: 'Cambridge Maths Hub',
    region: 'East of England',
    code: 'CAM',
    local_authorities: ['Cambridgeshire', 'Peterborough'],
    postcode_areas: ['CB', 'PE'],
  }),
  hub({
    slug: 'matrix',
    name: 'Matrix Maths Hub',
    region: 'East of England',
    code: 'MTX',
    local_authorities: ['Essex', 'Southend-on-Sea', 'Thurrock'],
    postcode_areas: ['CM', 'CO', 'SS', 'RM'],
  }),
  hub({
    slug: 'alban',
    name: 'Alban Maths Hub',
    region: 'East of England',
    code: 'ALB',
    local_authorities: ['Hertfordshire'],
    postcode_areas: ['AL', 'SG', 'WD', 'HP', 'EN'],
  }),
  hub({
    slug: 'enigma',
    name: 'Enigma Maths Hub',
    region: 'East of England',
    code: 'ENI',
    local_authorities: ['Bedford', 'Central Bedfordshire', 'Luton', 'Milton Keynes'],
    postcode_areas: ['MK', 'LU', 'SG'],
  }),

  // South East
  hub({
    slug: 'bucks-berks-and-oxon',
    name: 'Bucks, Berks and Oxon Maths Hub',
    region: 'South East',
    code: 'BBO',
    local_authorities: ['Buckinghamshire', 'Oxfordshire', 'Slough', 'Windsor and Maidenhead'],
    postcode_areas: ['HP', 'OX', 'SL'],
  }),
  hub({
    slug: 'kent-and-medway',
    name: 'Kent and Medway Maths Hub',
    region: 'South East',
    code: 'KM',
    local_authorities: ['Kent', 'Medway'],
    postcode_areas: ['ME', 'CT', 'TN', 'DA'],
  }),
  hub({
    slug: 'solent',
    name: 'Solent Maths Hub',
    region: 'South East',
    code: 'SOL',
    local_authorities: ['Hampshire', 'Southampton', 'Portsmouth', 'Isle of Wight'],
    postcode_areas: ['SO', 'PO', 'GU'],
  }),
  hub({
    slug: 'sussex',
    name: 'Sussex Maths Hub',
    region: 'South East',
    code: 'SUS',
    local_authorities: ['East Sussex', 'West Sussex', 'Brighton and Hove'],
    postcode_areas: ['BN', 'RH', 'TN', 'PO'],
  }),
  hub({
    slug: 'surrey-plus',
    name: 'Surrey Plus Maths Hub',
    region: 'South East',
    code: 'SURR',
    local_authorities: ['Surrey'],
    postcode_areas: ['GU', 'KT', 'RH'],
  }),

  // South West
  hub({
    slug: 'boolean',
    name: 'Boolean Maths Hub',
    region: 'South West',
    code: 'BOOL',
    local_authorities: ['Bath and North East Somerset', 'Bristol, City of', 'North Somerset', 'Somerset', 'South Gloucestershire'],
    area: 'Bath and North East Somerset, Bristol, North Somerset, Somerset and South Gloucestershire',
    postcode_areas: ['BS', 'BA', 'TA'],
  }),
  hub({
    slug: 'jurassic',
    name: 'Jurassic Maths Hub',
    region: 'South West',
    code: 'JUR',
    local_authorities: ['Dorset', 'Bournemouth, Christchurch and Poole', 'Devon', 'Torbay'],
    area: 'Dorset, Bournemouth, Christchurch and Poole, east Devon and Torbay',
    postcode_areas: ['DT', 'BH', 'EX', 'TQ'],
  }),
  hub({
    slug: 'cornwall-and-west-devon',
    name: 'Cornwall and West Devon Maths Hub',
    region: 'South West',
    code: 'CWD',
    local_authorities: ['Cornwall', 'Plymouth', 'Devon', 'Isles of Scilly'],
    area: 'Cornwall, the Isles of Scilly, Plymouth and west Devon',
    postcode_areas: ['TR', 'PL'],
  }),
  hub({
    slug: 'glow',
    name: 'GLOW Maths Hub',
    region: 'South West',
    code: 'GLOW',
    local_authorities: ['Gloucestershire'],
    postcode_areas: ['GL'],
  }),
  hub({
    slug: 'mobius',
    name: 'Mobius Maths Hub',
    region: 'South West',
    code: 'MOB',
    local_authorities: ['Wiltshire', 'Swindon', 'West Berkshire', 'Reading', 'Wokingham', 'Bracknell Forest'],
    postcode_areas: ['SN', 'RG', 'BA'],
  }),

  // London
  hub({
    slug: 'london-central-and-west',
    name: 'London Central and West Maths Hub',
    region: 'London',
    code: 'LCW',
    local_authorities: ['Westminster', 'Kensington and Chelsea', 'Hammersmith and Fulham', 'Ealing', 'Hounslow', 'Hillingdon'],
    postcode_areas: ['W', 'SW', 'UB', 'TW'],
  }),
  hub({
    slug: 'london-central-and-north-west',
    name: 'London Central and North West Maths Hub',
    region: 'London',
    code: 'LCNW',
    local_authorities: ['Camden', 'Islington', 'Brent', 'Barnet', 'Harrow'],
    postcode_areas: ['NW', 'N', 'HA'],
  }),
  hub({
    slug: 'london-north-east',
    name: 'London North East Maths Hub',
    region: 'London',
    code: 'LNE',
    local_authorities: ['Hackney', 'Haringey', 'Waltham Forest', 'Enfield', 'City of London'],
    postcode_areas: ['E', 'N', 'EN'],
  }),
  hub({
    slug: 'london-south-east',
    name: 'London South East Maths Hub',
    region: 'London',
    code: 'LSE',
    local_authorities: ['Southwark', 'Lewisham', 'Greenwich', 'Bexley', 'Bromley'],
    postcode_areas: ['SE', 'DA', 'BR'],
  }),
  hub({
    slug: 'london-south-west',
    name: 'London South West Maths Hub',
    region: 'London',
    code: 'LSW',
    local_authorities: ['Lambeth', 'Wandsworth', 'Merton', 'Sutton', 'Croydon', 'Kingston upon Thames', 'Richmond upon Thames'],
    postcode_areas: ['SW', 'SM', 'KT', 'CR'],
  }),
  hub({
    slug: 'london-thames',
    name: 'London Thames Maths Hub',
    region: 'London',
    code: 'LT',
    local_authorities: ['Newham', 'Tower Hamlets', 'Barking and Dagenham', 'Havering', 'Redbridge'],
    postcode_areas: ['E', 'RM', 'IG'],
  }),
];

/**
 * Hub names that could not be confirmed from a published source while this data was written
 * (the programme's hub map was not reachable). Check these against the NCETM's
 * "Find your Maths Hub" page before showing the demo outside the team.
 */
export const UNCERTAIN_HUB_NAMES: readonly string[] = [
  'Greater Manchester Maths Hub',
  'North West Three Maths Hub',
  'Lancashire and Cumbria Maths Hub',
  'Yorkshire and the Humber Maths Hub',
  'White Rose Maths Hub',
  'Central Maths Hub',
  'Origin Maths Hub',
  'Warwickshire, Solihull and Coventry Maths Hub',
  'Matrix Maths Hub',
  'Alban Maths Hub',
  'London Central and North West Maths Hub',
];

export function hubBySlug(slug: string): HubSeed {
  const found = HUBS.find((h) => h.slug === slug);
  if (!found) throw new Error(`No demo hub with slug ${slug}`);
  return found;
}
