// The five real Work Group pages hubwork's demo data comes from (seed-pages/*.txt, copies of
// /work/shared/seeds), checked against the pages hubwork renders from it: every sentence of each
// seed is on its group's page, and each seed's facts (dates, times, venues, leaders, eligibility,
// commitment, the outcomes in their groups, places, status, linked projects) read from the
// rendered page, as a visitor sees it, on the demo's "today".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { type TestApp, testApp } from '../../test/harness.ts';

let t: TestApp;
before(async () => {
  t = await testApp({ now: new Date('2026-11-23T12:00:00Z') });
});
after(async () => {
  await t.close();
});

/** Text as a reader compares it: one kind of apostrophe, single spaces, no markdown. */
const plain = (text: string) =>
  text
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

type Rendered = { $: cheerio.CheerioAPI; text: string };

const pages = new Map<string, Rendered>();
async function page(code: string): Promise<Rendered> {
  const known = pages.get(code);
  if (known) return known;
  const response = await t.app.inject(`/work-groups/${code}`);
  assert.equal(response.statusCode, 200, code);
  // Block elements apart, as a reader sees them (cheerio's text() runs list items together).
  const $ = cheerio.load(response.body.replace(/<(\/?)(li|p|h[1-6]|td|th|dt|dd|div|ul|ol|tr|br)\b/gi, ' <$1$2'));
  const rendered = { $, text: plain($('main').text()) };
  pages.set(code, rendered);
  return rendered;
}

/** The seed page's lines, as it was written. */
function seedLines(file: string): string[] {
  return readFileSync(path.join(import.meta.dirname, 'seed-pages', file), 'utf8')
    .split('\n')
    .map((line) => plain(line.replace(/^\s*(#+|•|-|✓|- ✓)\s*/, '').replace(/^✓\s*/, '')))
    .filter(Boolean);
}

/**
 * Every line of the seed is on one of its groups' pages, but those in `skip` (each with the
 * reason it is checked another way or not shown) and those the demo data words differently
 * (`reworded`: the seed's line → the page's).
 */
async function everyLineShown(file: string, codes: string[], skip: Record<string, string>, reworded: Record<string, string> = {}) {
  const texts = await Promise.all(codes.map(async (code) => (await page(code)).text));
  const missing: string[] = [];
  const unusedSkips = new Set(Object.keys(skip));
  for (const line of seedLines(file)) {
    const skipped = Object.keys(skip).find((s) => line === plain(s) || line.startsWith(plain(s)));
    if (skipped) {
      unusedSkips.delete(skipped);
      continue;
    }
    const shown = plain(reworded[line] ?? line);
    if (!texts.some((text) => text.includes(shown))) missing.push(line);
  }
  assert.deepEqual(missing, [], `${file}: lines not on the page`);
  assert.deepEqual([...unusedSkips], [], `${file}: skipped lines that are not in the seed`);
}

type Workshop = { workshop: string; date: string; time: string; how: string; venue: string };

async function workshops(code: string): Promise<Workshop[]> {
  const { $ } = await page(code);
  return $('[data-testid="schedule"] tbody tr')
    .map((_, row) => {
      const cells = $(row)
        .find('th, td')
        .map((__, cell) => plain($(cell).text()))
        .get();
      return { workshop: cells[0] ?? '', date: cells[1] ?? '', time: cells[2] ?? '', how: cells[3] ?? '', venue: cells[4] ?? '' };
    })
    .get();
}

/** "9:30am to 4pm" → hours (6.5). */
function hoursOf(range: string): number {
  const [from, to] = range.split(' to ').map((time) => {
    const match = /^(\d{1,2})(?::(\d\d))?(am|pm)$|^(midday)$/.exec(time.trim());
    assert.ok(match, `a time: ${time}`);
    if (match[4]) return 12;
    const hour = (Number(match[1]) % 12) + (match[3] === 'pm' ? 12 : 0);
    return hour + Number(match[2] ?? 0) / 60;
  }) as [number, number];
  return to - from;
}

/** A workshop of 5 hours or more is a day, a shorter one half a day. */
const daysOf = (list: Workshop[]) => list.reduce((days, w) => days + (hoursOf(w.time) >= 5 ? 1 : 0.5), 0);

async function summary(code: string): Promise<Record<string, string>> {
  const { $ } = await page(code);
  const rows: Record<string, string> = {};
  $('main .govuk-summary-list')
    .first()
    .find('.govuk-summary-list__row')
    .each((_, row) => {
      rows[plain($(row).find('dt').text())] = plain($(row).find('dd').text());
    });
  return rows;
}

/** The intended outcomes as the page groups them: heading, lead-in and items. */
async function outcomes(code: string): Promise<{ heading: string; leadIn: string; items: string[] }[]> {
  const { $ } = await page(code);
  const heading = $('h2').filter((_, h) => $(h).text().trim() === 'What are the intended outcomes?');
  return heading
    .nextUntil('h2', 'h3')
    .map((_, h3) => ({
      heading: plain($(h3).text()),
      leadIn: plain($(h3).nextUntil('h3, h2', 'p').first().text()),
      items: $(h3)
        .nextUntil('h3, h2', 'ul')
        .first()
        .find('li')
        .map((__, li) => plain($(li).text()))
        .get(),
    }))
    .get();
}

async function rules(code: string, kind: 'requirements' | 'recommendations'): Promise<string[]> {
  const { $ } = await page(code);
  return $(`[data-testid="${kind}"] li`)
    .map((_, li) => plain($(li).text()))
    .get();
}

const leaders = async (code: string) => {
  const { $ } = await page(code);
  return $('[data-testid="leader"] h3')
    .map((_, h) => plain($(h).text()))
    .get();
};

test('Secondary Maths Leadership 2022-23 (SHaW): its four workshops, venue, leaders, outcomes in four groups, and "Work group full"', async () => {
  const code = 'WRK2223-SHAW01';
  await everyLineShown('secondary-maths-leadership-2022-23.txt', [code], {
    Back: 'the page’s back link',
    'Monday 7 November, Friday 27 January, Tuesday 28 March, Thursday 15 June Blended face to face and online': 'the dates are the workshops below; the mode is in the summary',
    'Workshop 1 - Launch': 'the workshops are checked below, as a table',
    'Workshop 2 - ': 'the workshops are checked below',
    'Workshop 3 - ': 'the workshops are checked below',
    'Workshop 4 - ': 'the workshops are checked below',
    undefined: 'a stray word in the source page',
    'Joining details will be sent by email approximately ten days before the first workshop and will be noted in the Basecamp community for the participants of this Work Group.':
      'checked below: the days are a number on the page, and the Basecamp community has its own section',
    'Work group full': 'checked below, with the status',
  }, {
    // An obvious typo mended.
    'Local Work Group design will follow a workshop – school-based task cycle. This will consist of four online afternoon workshops suported in each case by school-based tasks in line with the priorities for participants.':
      'Local Work Group design will follow a workshop – school-based task cycle. This will consist of four online afternoon workshops supported in each case by school-based tasks in line with the priorities for participants.',
  });

  assert.deepEqual(await workshops(code), [
    { workshop: 'Workshop 1 – Launch', date: 'Monday 7 November 2022', time: '1pm to 3:30pm', how: 'Face to face', venue: 'AFC Telford' },
    { workshop: 'Workshop 2', date: 'Friday 27 January 2023', time: '1pm to 4pm', how: 'Online', venue: 'Online' },
    { workshop: 'Workshop 3', date: 'Tuesday 28 March 2023', time: '1pm to 4pm', how: 'Online', venue: 'Online' },
    { workshop: 'Workshop 4', date: 'Thursday 15 June 2023', time: '10am to 3pm', how: 'Online', venue: 'Online' },
  ]);
  const facts = await summary(code);
  assert.equal(facts.Status, 'Full');
  assert.equal(facts['How it meets'], 'Blended face to face and online');
  assert.equal(facts.Cost, 'Free');
  const { text } = await page(code);
  assert.match(text, /Work group full\. Every place has been taken\./);
  assert.match(text, /Joining details will be sent by email approximately 10 days before the first workshop/);
  assert.match(text, /Joining details will also be noted in the Basecamp community for the participants of this Work Group/);
  assert.deepEqual(await leaders(code), ['Dr Sally Bamber', 'Steve Waterhouse']);
  assert.deepEqual(await rules(code, 'requirements'), ['This group is for heads of department and subject leaders only']);
  assert.deepEqual(
    (await outcomes(code)).map((o) => [o.heading, o.leadIn, o.items.length]),
    [
      ['Pupil outcomes', 'In almost all teachers\' classes:', 4],
      ['Departmental policies and approaches', 'Subject leaders will:', 4],
      ['Practice development', 'Subject leaders will:', 4],
      ['Professional learning', 'Subject leaders will:', 4],
    ],
  );
});

test('Secondary Subject Leadership Community (Great North): its outcomes in their four groups, commitment, leaders, cost, and open', async () => {
  const code = 'WRK2627-GN01';
  await everyLineShown(
    'secondary-subject-leadership-community.txt',
    [code],
    { 'Subject leaders will:': 'each group’s lead-in, checked below with its group', 'Click Register to secure your place.': 'the page says how to register in its own words' },
    {
      // The page's obvious slips, mended: an apostrophe and a closing full stop.
      'Each community is led by a Secondary Assistant Maths Hub Lead together with a local leader of maths education whose expertise will support participating subject leads professional development alongside deepening their understanding of the current local and national maths educational landscape. Much of the work will support the subject leader to develop and implement their vision and teaching for mastery principles relevant to their context whilst drawing on the shared expertise of their local and national communities':
        "Each community is led by a Secondary Assistant Maths Hub Lead together with a local leader of maths education whose expertise will support participating subject leads' professional development alongside deepening their understanding of the current local and national maths educational landscape. Much of the work will support the subject leader to develop and implement their vision and teaching for mastery principles relevant to their context whilst drawing on the shared expertise of their local and national communities.",
    },
  );
  const groups = await outcomes(code);
  assert.deepEqual(
    groups.map((o) => [o.leadIn, o.items.length]),
    [
      ['Subject leaders will:', 3],
      ['Subject leaders will:', 5],
      ['Subject leaders will:', 4],
      ['Subject leaders will:', 1],
    ],
    'the page’s four groups, each under its own heading',
  );
  assert.equal(new Set(groups.map((o) => o.heading)).size, 4);
  assert.deepEqual(groups[3]?.items, ['have opportunities to work collaboratively with their peers, building an ongoing learning culture and fostering wider professional relationships.']);
  const facts = await summary(code);
  assert.equal(facts.Status, 'Open');
  assert.equal(facts.Commitment, 'The equivalent of 3 days across the year');
  assert.equal(facts.Cost, 'This project is fully funded by the Maths Hubs Programme so is free to participating schools.');
  assert.deepEqual(await rules(code, 'requirements'), ['This group is for heads of department and subject leaders only']);
  const { $ } = await page(code);
  assert.deepEqual(
    $('[data-testid="leader"] p.govuk-body-s').map((_, p) => plain($(p).text())).get(),
    ['Secondary Assistant Maths Hub Lead', 'Local leader of maths education (LLME)'],
    'led by a Secondary Assistant Maths Hub Lead with a local leader of maths education',
  );
});

test('Embedding Year Support (NCP21-13, East Midlands East): three days of face-to-face support, who may take part, and NCP21-14 linked to its group', async () => {
  const code = 'WRK2122-EME01';
  await everyLineShown(
    'tfm-embedding-year-support-ncp21-13.txt',
    [code],
    {
      'Maths Hubs Network Collaborative Projects 2021/22': 'the year and the NCP code are in the caption, checked below',
      'NCP21-13': 'checked below',
      Outline: 'the page’s own headings',
      Details: 'the page’s own headings',
      'What is involved?': 'the page’s own headings ("What will it involve?")',
      'Who can take part?': 'the page’s own headings ("Who is it for?")',
      'Covid-19 Recovery': 'the section is headed "Covid-19 recovery"',
      'About the Hub': 'the page’s own headings',
      'More information about the hub': 'the same paragraph as "What is a Work Group?", shown once',
      'Work Group Lead information': 'the page’s own headings ("Who will be leading the group?")',
    },
    {
      // The page's heading ends "…Specialist" with no full stop before the contact line.
      'Mastery Advocates will be supported by an experienced Secondary Teaching for Mastery Specialist':
        'Mastery Advocates will be supported by an experienced Secondary Teaching for Mastery Specialist.',
    },
  );
  const { $, text } = await page(code);
  assert.match(text, /East Midlands East Maths Hub · NCP21-13 · 2021\/22/);
  const days = await workshops(code);
  assert.equal(days.length, 3, 'three days of support');
  assert.ok(days.every((d) => d.how === 'Face to face' && hoursOf(d.time) >= 5), 'each a face-to-face day');
  assert.equal((await summary(code)).Commitment, 'The equivalent of 3 days across the year');
  assert.deepEqual(await rules(code, 'requirements'), ['Your school must have taken part in a Secondary Teaching for Mastery Work Group in 2020/21']);
  assert.deepEqual(await rules(code, 'recommendations'), ['Lead participants should ideally be Mastery Advocates']);
  // NCP21-14 is named twice: in the linked projects and in the expectations; both link to its group.
  const partner = $('[data-testid="requires"] a');
  assert.equal(partner.attr('href'), '/work-groups/WRK2122-EME02');
  assert.match(plain(partner.text()), /Secondary Teaching for Mastery – Embedding and Sustaining Work Group 2021-22/);
  const expectations = $('h2').filter((_, h) => $(h).text().trim() === 'Expectations of participants and their schools').next();
  assert.equal(expectations.find('a').attr('href'), '/work-groups/WRK2122-EME02', 'the expectations link NCP21-14 to its group');
  assert.ok($('a[href="mailto:enquiries@ememathshub.org"]').length);
});

test('Mastery Specialist programme and Teaching for Mastery Work Group (Cheshire and Wirral): five and a half central days, a pair from each school, three days', async () => {
  await everyLineShown(
    'mastery-specialist-and-tfm-work-group.txt',
    ['WRK2223-CW02', 'WRK2223-CW01'],
    {
      'Secondary Teaching for Mastery Work Group': 'the second group’s title, checked below',
      'A pair of participants from each school will join the Work Group and the pair will ideally comprise at least one Mastery Specialist or Mastery Advocate. Work Groups will meet for the equivalent of three days across the year; some of this might be online and some might be face-to-face.':
        'two sections of the page: who it is for, and the expectations (checked below)',
    },
  );
  const specialists = await workshops('WRK2223-CW02');
  assert.equal(daysOf(specialists), 5.5, `five and a half days at central events (${specialists.map((w) => w.time).join('; ')})`);
  assert.equal((await summary('WRK2223-CW02')).Commitment, 'The equivalent of 7.5 days across the year', '5.5 central days and 2 in school');
  assert.match((await page('WRK2223-CW02')).text, /This two-year programme/);

  const tfm = await page('WRK2223-CW01');
  assert.match(tfm.text, /Secondary Teaching for Mastery Work Group 2022-23/);
  assert.equal((await summary('WRK2223-CW01')).Places, '20 schools, 2 participants from each school', 'a pair from each school');
  assert.equal((await summary('WRK2223-CW01')).Commitment, 'The equivalent of 3 days across the year');
  assert.match(tfm.text, /A pair of participants from each school will join the Work Group and the pair will ideally comprise at least one Mastery Specialist or Mastery Advocate\./);
  assert.match(tfm.text, /Work Groups will meet for the equivalent of three days across the year; some of this might be online and some might be face-to-face\./);
  assert.deepEqual(await rules('WRK2223-CW01', 'recommendations'), ['At least one participant from each school should ideally be a Mastery Specialist or Mastery Advocate']);
  assert.ok((await workshops('WRK2223-CW01')).some((w) => /Collaborative lesson observation/.test(w.workshop)), 'an opportunity for collaborative lesson observation');
});

test('The 2021-22 programme page: each project’s group, with its rules (early-career teachers in their first or second year), themes, phase and commitment', async () => {
  const ect = ['WRK2122-GN01', 'WRK2122-SY01', 'WRK2122-CEN01', 'WRK2122-ANG01', 'WRK2122-SOL01', 'WRK2122-LT01'];
  await everyLineShown(
    'work-group-programme-2021-22.txt',
    ['WRK2122-BOOL01', ...ect, 'WRK2122-KM01', 'WRK2122-JUR01', 'WRK2122-NAT01', 'WRK2122-ORI01', 'WRK2122-CAM01'],
    {
      'Secondary Teaching for Mastery Work Group Programme 2021-22': 'titles, checked below',
      'SKTM for Secondary Early Career Teachers 2021-22': 'titles, checked below (each group adds its theme)',
      'SKTM for Secondary Non-Specialist Teachers 2021-22': 'titles, checked below',
      'Secondary Subject Leadership 2021-22': 'titles, checked below',
      'Secondary Maths MAT Leads 2021-22': 'titles, checked below',
      'Year 5-8 Continuity Work Group 2021-22': 'titles, checked below',
      'Developing Core Maths Pedagogy': 'titles, checked below',
      'More information about secondary teaching for mastery Work Groups is available on the NCETM website.': 'checked below, with its link',
      // The source runs the end of who it is for and the start of the expectations into one line.
      'Lead participants in these Work Groups will be experienced': 'two sections of the page, checked below',
    },
    // The last of the themes ends with a full stop in the source; in the page's list none does.
    { 'designing effective learning and teaching in maths (geometry).': 'designing effective learning and teaching in maths (geometry)' },
  );
  const titles = await Promise.all(
    ['WRK2122-BOOL01', 'WRK2122-KM01', 'WRK2122-JUR01', 'WRK2122-NAT01', 'WRK2122-ORI01', 'WRK2122-CAM01'].map(async (code) => plain((await page(code)).$('h1').text())),
  );
  assert.deepEqual(titles, [
    'Secondary Teaching for Mastery Work Group Programme 2021-22',
    'SKTM for Secondary Non-Specialist Teachers 2021-22',
    'Secondary Subject Leadership 2021-22',
    'Secondary Maths MAT Leads 2021-22',
    'Year 5-8 Continuity Work Group 2021-22',
    'Developing Core Maths Pedagogy 2021-22',
  ]);
  const bool = await page('WRK2122-BOOL01');
  assert.equal(bool.$('a:contains("NCETM website")').attr('href'), 'https://www.ncetm.org.uk/');

  // SKTM for early career teachers: one group per theme, four days, first or second year (the ECT induction was two years until 2025/26).
  const themes = await Promise.all(ect.map(async (code) => plain((await page(code)).$('.govuk-body-l').first().text())));
  assert.deepEqual(themes, [
    'Theme: Designing effective learning and teaching in maths (structure of the number system)',
    'Theme: Designing effective learning and teaching in maths (operating on number)',
    'Theme: Designing effective learning and teaching in maths (multiplicative reasoning)',
    'Theme: Designing effective learning and teaching in maths (sequences and graphs)',
    'Theme: Designing effective learning and teaching in maths (statistics and probability)',
    'Theme: Designing effective learning and teaching in maths (geometry)',
  ]);
  for (const code of ect) {
    assert.deepEqual(await rules(code, 'requirements'), ['Participants must be in their first or second year of teaching'], code);
    assert.equal((await summary(code)).Commitment, 'The equivalent of 4 days across the year', code);
  }

  assert.deepEqual(await rules('WRK2122-KM01', 'requirements'), [
    'Your school must be a state-funded school in England',
    'Participants must be non-specialist teachers of maths: teachers currently teaching some mathematics who have not undertaken initial teacher training (ITT) in mathematics',
  ]);
  assert.deepEqual(await rules('WRK2122-JUR01', 'requirements'), ['This group is for heads of department and subject leaders only']);
  assert.match((await page('WRK2122-NAT01')).text, /National programme · NCP21-18 · 2021\/22/, 'MAT Leads is led centrally');
  assert.equal((await summary('WRK2122-ORI01')).Phase, 'Cross-phase (primary and secondary)');
  assert.equal((await summary('WRK2122-CAM01')).Phase, 'Post-16');
  assert.match((await page('WRK2122-CAM01')).text, /Theme: Core Maths pedagogy to support Covid recovery/);
  assert.match(
    (await page('WRK2122-CAM01')).text,
    /These Work Groups give teachers opportunities, through collaboration and experimentation, to develop improved teaching approaches that support the open-ended problem-solving skills Core Maths students need to develop, and to share these with departmental colleagues\. Participant departments will support the role of Core Maths in promoting contextualised problem-solving and links to teaching in other subject areas\./,
  );
  assert.match((await page('WRK2122-CAM01')).text, /Lead participants will be expected, where appropriate, to work with colleagues in their own department\./);
  assert.deepEqual(await rules('WRK2122-CAM01', 'requirements'), ['Your school or college must be in at least its second year of teaching Core Maths']);
});
