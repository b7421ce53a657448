// A school registers through the question pages without a browser, for tests whose journey is
// something else (what hub staff or another school do next). The pages' own journey, with its
// checks, is in test/browser/registration.test.ts.
import type { AppDb as Db } from '../src/app/database.ts';
import { Agent, type Page } from './agent.ts';
import type { TestApp } from './harness.ts';

/**
 * Open schools that took part in Secondary Teaching for Mastery in 2025/26, so may join this
 * year's Embedding Year Support (WRK2627-EME11), in URN order.
 */
export async function schoolsForEmbeddingYear(db: Db): Promise<{ urn: number; name: string }[]> {
  return db
    .selectFrom('schools as s')
    .innerJoin('school_participations as sp', 'sp.school_urn', 's.urn')
    .select(['s.urn', 's.name'])
    .where('sp.academic_year', '=', '2025/26')
    .where('sp.strand', '=', 'teaching-for-mastery')
    .where('sp.phase', '=', 'secondary')
    .where('s.status', '=', 'Open')
    .orderBy('s.urn')
    .execute();
}

type Teacher = { name: string; email: string; role: string };

/**
 * An address at the domain of the school's website (the demo schools have one): one the school is
 * known by, so the headteacher's approval from it confirms the place at once.
 */
export async function headteacherOf(db: Db, urn: number, local = 'head'): Promise<string> {
  const { website } = await db.selectFrom('schools').select('website').where('urn', '=', urn).executeTakeFirstOrThrow();
  if (!website) throw new Error(`School ${urn} has no website`);
  return `${local}@${new URL(website).hostname.replace(/^www\./, '')}`;
}

/** Answers every question page for a school, up to the check page (returned, ready to submit). The first teacher registers it, unless `registrant` is given. */
export async function answerUpToCheck(
  agent: Agent,
  code: string,
  urn: number,
  teachers: Teacher | Teacher[],
  headteacher: { name: string; email: string },
  registrant?: { name: string; email: string },
): Promise<Page> {
  const base = `/work-groups/${code}/register`;
  await agent.submit(await agent.get(`${base}/school?q=${urn}`), { urn: String(urn) });
  const named: Record<string, string> = {};
  [teachers].flat().forEach((teacher, i) => {
    named[`participant-${i + 1}-name`] = teacher.name;
    named[`participant-${i + 1}-email`] = teacher.email;
    named[`participant-${i + 1}-roles`] = teacher.role;
  });
  await agent.submit(await agent.get(`${base}/participants`), named);
  const declarations = await agent.get(`${base}/declarations`);
  await agent.submit(declarations, { declarations: declarations.$('input[name="declarations"]').map((_, el) => declarations.$(el).attr('value')).get() });
  const first = [teachers].flat()[0]!;
  await agent.submit(await agent.get(`${base}/you`), registrant ?? { name: first.name, email: first.email });
  await agent.submit(await agent.get(`${base}/headteacher`), headteacher);
  return agent.get(`${base}/check`);
}

export async function registerThroughPages(
  agent: Agent,
  code: string,
  urn: number,
  teachers: Teacher | Teacher[],
  headteacher: { name: string; email: string },
): Promise<void> {
  const base = `/work-groups/${code}/register`;
  const done = await agent.submit(await answerUpToCheck(agent, code, urn, teachers, headteacher), {});
  if (done.location !== `${base}/confirmation`) throw new Error(`The registration did not go through: ${done.status} ${done.location ?? ''}`);
}

/**
 * Schools with confirmed places on a group: each registers through the pages (from its own
 * address), naming one teacher, and its headteacher approves from the emailed link (an address
 * at the school's website's domain, so the approval counts at once).
 */
export async function confirmPlaces(
  site: Pick<TestApp, 'app' | 'mailsTo' | 'db'>,
  code: string,
  places: { urn: number; teacher: Teacher }[],
): Promise<void> {
  for (const [i, place] of places.entries()) {
    const headEmail = await headteacherOf(site.db, place.urn);
    await registerThroughPages(new Agent(site.app, { ip: `192.0.2.${100 + i}` }), code, place.urn, place.teacher, { name: 'Head', email: headEmail });
    const link = /http:\/\/hubwork\.test(\/consent\/[A-Za-z0-9_-]+)/.exec((await site.mailsTo(headEmail))[0]?.text ?? '')?.[1];
    if (!link) throw new Error(`No consent link was emailed to ${headEmail}`);
    const head = new Agent(site.app);
    await head.submit(await head.get(link), { decision: 'approve' });
  }
}
