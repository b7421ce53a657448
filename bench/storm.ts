// The registration storm: 2,000 schools registering at the same moment, 100 for each of 20
// Work Groups of 14 places, through the JSON API (POST /api/v1/work-groups/:code/registrations).
// This module sets the groups up in the benchmark's throwaway database, puts them back to no
// registrations between runs, sends the storm, and checks afterwards that no group was
// overbooked. bench/run.ts runs it on the app and on the baseline and prints the line.
//
// Every attempt has a connection of its own (one http.Agent with one socket each). The
// connections are opened before the storm, 100 at a time, and a few hundred registrations
// on a separate warm-up group follow on them: so the storm measures registrations, not TCP
// handshakes (2,000 at once would overflow the listen queue and wait for SYN retries) nor
// code that has not been compiled yet. Then every attempt is written to its connection in
// one synchronous loop, and each answer is timed from its own send.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { AppDb as Db } from '../src/app/database.ts';
import { percentile } from './load.ts';

export const STORM_GROUPS = 20;
export const STORM_PLACES = 14;
export const STORM_PER_GROUP = 100;
export const STORM_ATTEMPTS = STORM_GROUPS * STORM_PER_GROUP;
/** Registrations on the warm-up group before the storm (not counted), sent this many at a time. */
export const STORM_WARMUP = 400;
const WARMUP_WAVE = 200;
/** Connections opened at a time before the warm-up. */
const OPENING_BATCH = 100;
const TIMEOUT_MS = 120_000;

const CODE_PREFIX = 'WRK-STORM-';
const WARMUP_CODE = `${CODE_PREFIX}WARM`;

export type StormSetup = {
  token: string;
  /** The 20 groups' codes, and their ids (for the checks). */
  codes: string[];
  groupIds: number[];
  warmupCode: string;
  warmupGroupId: number;
  /** 2,000 distinct schools: attempt i registers urns[i] for codes[i % 20]. */
  urns: number[];
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A user (the national administrator) with an API token, and 21 new Work Groups (20 for the storm, one for the warm-up):
 * published, taking registrations today, 14 places, one participant a school, no eligibility
 * rules, one workshop ahead. Every other column is copied from a published demo group.
 */
export async function setUpStorm(db: Db, log: (message: string) => void): Promise<StormSetup> {
  const user = await db
    .insertInto('users')
    .values({ email: 'registration-storm@bench.hubwork.test', name: 'Registration storm' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The national administrator's: hub staff have no limit on registrations an hour through the API (modules/registrations).
  await db.insertInto('role_assignments').values({ user_id: user.id, role: 'national_admin', hub_id: null, work_group_id: null, school_urn: null, created_by: null }).execute();
  const token = `hw_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_tokens').values({ user_id: user.id, name: 'Registration storm', token_hash: sha256(token) }).execute();

  const template = await db
    .selectFrom('work_groups as wg')
    .innerJoin('projects as p', 'p.id', 'wg.project_id')
    .select(['wg.id', 'wg.code'])
    .where('wg.publication', '=', 'published')
    .where('wg.hub_id', 'is not', null)
    .orderBy('p.academic_year', 'desc')
    .orderBy('wg.id')
    .executeTakeFirst();
  if (!template) throw new Error('The demo data has no published Work Group with a hub to copy');
  // Every column the table has now (others may add some), except the key and generated ones.
  const { rows: columns } = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'work_groups' AND is_generated = 'NEVER' AND column_name <> 'id'
    ORDER BY ordinal_position
  `.execute(db);
  const names = columns.map((c) => c.name);

  const create = async (code: string, title: string): Promise<number> => {
    const overrides: Record<string, ReturnType<typeof sql>> = {
      code: sql`${code}`,
      title: sql`${title}`,
      places_total: sql`${STORM_PLACES}`,
      places_taken: sql`0`,
      participants_per_school: sql`1`,
      publication: sql`'published'`,
      registration_opens_on: sql`current_date - 7`,
      registration_closes_on: sql`current_date + 60`,
      created_at: sql`now()`,
      updated_at: sql`now()`,
    };
    const missing = Object.keys(overrides).filter((name) => !names.includes(name));
    if (missing.length) throw new Error(`work_groups has no column ${missing.join(', ')}`);
    const { rows } = await sql<{ id: number }>`
      INSERT INTO work_groups (${sql.join(names.map((name) => sql.ref(name)))})
      SELECT ${sql.join(names.map((name) => overrides[name] ?? sql.ref(name)))} FROM work_groups WHERE id = ${template.id}
      RETURNING id
    `.execute(db);
    const id = rows[0]?.id;
    if (!id) throw new Error(`Could not create ${code}`);
    await db
      .insertInto('workshops')
      .values({
        work_group_id: id,
        workshop_number: 1,
        title: 'Workshop 1',
        starts_at: sql<Date>`date_trunc('day', now()) + interval '60 days 13 hours'`,
        ends_at: sql<Date>`date_trunc('day', now()) + interval '60 days 16 hours'`,
        mode: 'online',
      })
      .execute();
    return id;
  };

  const codes = Array.from({ length: STORM_GROUPS }, (_, i) => `${CODE_PREFIX}${String(i + 1).padStart(2, '0')}`);
  const groupIds: number[] = [];
  for (const [i, code] of codes.entries()) groupIds.push(await create(code, `Registration storm ${i + 1}`));
  const warmupGroupId = await create(WARMUP_CODE, 'Registration storm warm-up');
  const rules = await db.selectFrom('eligibility_rules').select('id').where('work_group_id', 'in', [...groupIds, warmupGroupId]).execute();
  if (rules.length) throw new Error('The storm groups have eligibility rules');

  // Secondary schools first; the demo data has about 3,000 schools of every phase.
  const schools = await db
    .selectFrom('schools')
    .select(['urn', 'phase'])
    .orderBy(sql`phase = 'Secondary'`, 'desc')
    .orderBy('urn')
    .limit(STORM_ATTEMPTS)
    .execute();
  if (schools.length < STORM_ATTEMPTS) throw new Error(`The storm needs ${STORM_ATTEMPTS} schools; the demo data has ${schools.length}`);
  const secondary = schools.filter((s) => s.phase === 'Secondary').length;
  log(
    `Registration storm: ${STORM_GROUPS} groups of ${STORM_PLACES} places copied from ${template.code}, ${STORM_ATTEMPTS} schools (${secondary} secondary), a warm-up group, and an API token`,
  );
  return { token, codes, groupIds, warmupCode: WARMUP_CODE, warmupGroupId, urns: schools.map((s) => s.urn) };
}

/**
 * No registrations on the storm's groups (warm-up group included), every place free, no jobs
 * queued, and the tables vacuumed: the same start for each server.
 */
export async function resetStorm(db: Db, setup: StormSetup): Promise<void> {
  const ids = [...setup.groupIds, setup.warmupGroupId];
  // Participants go with their registration (ON DELETE CASCADE).
  await db.deleteFrom('registrations').where('work_group_id', 'in', ids).execute();
  await db.updateTable('work_groups').set({ places_taken: 0 }).where('id', 'in', ids).execute();
  // The benchmark runs no worker, so the jobs the runs queued are all still waiting.
  await sql`SELECT count(*) FROM graphile_worker.complete_jobs(ARRAY(SELECT id FROM graphile_worker.jobs))`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
  // Dirty pages written now rather than by a checkpoint during the next run (needs a superuser).
  await sql`CHECKPOINT`.execute(db).catch(() => undefined);
}

export async function queuedJobCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs`.execute(db);
  return rows[0]?.n ?? 0;
}

export type StormCheck = {
  /** Places held beyond a group's capacity, summed over the 20 groups: must be 0. */
  overbooked: number;
  /** Registrations holding a place (pending_consent or confirmed) and on the waiting list. */
  held: number;
  waiting: number;
  /** Groups whose places_taken is not the number of registrations holding a place. */
  miscounted: number;
  /** Registrations without exactly one participant row. */
  participantMismatches: number;
};

/** What the database says about the 20 groups after a storm. */
export async function checkStorm(db: Db, setup: StormSetup): Promise<StormCheck> {
  const rows = await db
    .selectFrom('work_groups as wg')
    .leftJoin('registrations as r', 'r.work_group_id', 'wg.id')
    .select((eb) => [
      'wg.id',
      'wg.places_total',
      'wg.places_taken',
      sql<number>`count(r.id) FILTER (WHERE r.status IN ('pending_consent', 'confirmed'))::int`.as('holding'),
      sql<number>`count(r.id) FILTER (WHERE r.status = 'waitlisted')::int`.as('waiting'),
      sql<number>`count(r.id) FILTER (WHERE (SELECT count(*) FROM registration_participants p WHERE p.registration_id = r.id) <> 1)::int`.as(
        'participant_mismatches',
      ),
      eb.fn.countAll<number>().as('rows'),
    ])
    .where('wg.id', 'in', setup.groupIds)
    .groupBy('wg.id')
    .execute();
  const check: StormCheck = { overbooked: 0, held: 0, waiting: 0, miscounted: 0, participantMismatches: 0 };
  for (const row of rows) {
    check.overbooked += Math.max(0, row.holding - row.places_total);
    check.held += row.holding;
    check.waiting += row.waiting;
    if (row.holding !== row.places_taken) check.miscounted++;
    check.participantMismatches += row.participant_mismatches;
  }
  if (rows.length !== setup.groupIds.length) throw new Error(`Found ${rows.length} of the ${setup.groupIds.length} storm groups`);
  return check;
}

// ---- sending ---------------------------------------------------------------------------

type Answer = { status: number; body: string; ms: number; end: number; reused: boolean; error?: string };

export type StormRun = {
  attempts: number;
  /** From the first attempt sent to the last answer received. */
  wallMs: number;
  rps: number;
  p50: number;
  p99: number;
  /** 201 answers, by the status they report. */
  held: number;
  waiting: number;
  /** Answers other than 201, and requests that got no answer (connection errors, timeouts). */
  non201: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Storm attempts that could not reuse their opened connection (should be 0). */
  newConnections: number;
  /** Unexpected answers while opening connections and warming up. */
  warmupFailed: number;
  firstProblem?: string;
};

let current: { stopped: boolean; agents: http.Agent[] } | undefined;

/** Stops the storm in progress, if any (for an interrupted benchmark). */
export function stopStorm(): void {
  if (!current) return;
  current.stopped = true;
  for (const agent of current.agents) agent.destroy();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function registrationBody(urn: number): string {
  return JSON.stringify({
    urn,
    participants: [{ name: `Teacher ${urn}`, email: `maths.${urn}@school.test`, roles: ['head_of_department'] }],
    acceptDeclarations: true,
    headteacher: { name: `Headteacher ${urn}`, email: `head.${urn}@school.test` },
  });
}

export async function runStorm(
  baseUrl: string,
  setup: StormSetup,
  options: {
    log: (message: string) => void;
    /** Awaited after the warm-up, just before the storm is sent (e.g. to start CPU meters). */
    beforeStorm?: () => Promise<void> | void;
  },
): Promise<StormRun> {
  const { hostname, port } = new URL(baseUrl);
  const agents = setup.urns.map(() => new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 }));
  const run = { stopped: false, agents };
  current = run;

  function send(agent: http.Agent, method: string, path: string, headers: http.OutgoingHttpHeaders, body?: string): Promise<Answer> {
    return new Promise((resolve) => {
      const started = performance.now();
      const request = http.request({ hostname, port, method, path, headers, agent });
      const fail = (error: Error) => {
        const end = performance.now();
        resolve({ status: 0, body: '', ms: end - started, end, reused: request.reusedSocket, error: error.message });
      };
      request.setTimeout(TIMEOUT_MS, () => request.destroy(new Error(`timed out after ${TIMEOUT_MS / 1000} s`)));
      request.on('error', fail);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const end = performance.now();
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: end - started, end, reused: request.reusedSocket });
        });
      });
      request.end(body);
    });
  }

  const post = (body: string): http.OutgoingHttpHeaders => ({
    authorization: `Bearer ${setup.token}`,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  let warmupFailed = 0;
  let firstProblem: string | undefined;
  const note = (what: string, answer: Answer) => {
    firstProblem ??= `${what}: ${answer.error ?? `${answer.status} ${answer.body.slice(0, 300)}`}`;
  };

  try {
    // 1. One connection per attempt, opened a batch at a time by a request without a token,
    //    which both servers refuse (401) before any database work.
    for (let i = 0; i < agents.length && !run.stopped; i += OPENING_BATCH) {
      const answers = await Promise.all(agents.slice(i, i + OPENING_BATCH).map((agent) => send(agent, 'GET', `/api/v1/work-groups/${setup.warmupCode}`, {})));
      for (const answer of answers) {
        if (answer.status !== 401) {
          warmupFailed++;
          note('opening a connection', answer);
        }
      }
    }
    // 2. Registrations on the warm-up group, in waves: the same code paths, held and waiting.
    for (let i = 0; i < STORM_WARMUP && !run.stopped; i += WARMUP_WAVE) {
      const wave = Array.from({ length: Math.min(WARMUP_WAVE, STORM_WARMUP - i) }, (_, k) => i + k);
      const answers = await Promise.all(
        wave.map((n) => {
          const body = registrationBody(setup.urns[n]!);
          return send(agents[n]!, 'POST', `/api/v1/work-groups/${setup.warmupCode}/registrations`, post(body), body);
        }),
      );
      for (const answer of answers) {
        if (answer.status !== 201) {
          warmupFailed++;
          note('warm-up registration', answer);
        }
      }
    }
    await sleep(500);
    await options.beforeStorm?.();
    if (run.stopped) throw new Error('stopped');

    // 3. The storm: every attempt written to its connection at once.
    const bodies = setup.urns.map((urn) => registrationBody(urn));
    const paths = setup.urns.map((_, i) => `/api/v1/work-groups/${setup.codes[i % setup.codes.length]}/registrations`);
    const headers = bodies.map((body) => post(body));
    const started = performance.now();
    const pending: Promise<Answer>[] = [];
    for (let i = 0; i < agents.length; i++) pending.push(send(agents[i]!, 'POST', paths[i]!, headers[i]!, bodies[i]));
    const answers = await Promise.all(pending);
    const wallMs = Math.max(...answers.map((a) => a.end)) - started;

    const result: StormRun = {
      attempts: answers.length,
      wallMs,
      rps: answers.length / (wallMs / 1000),
      p50: 0,
      p99: 0,
      held: 0,
      waiting: 0,
      non201: 0,
      errors: 0,
      statusCodes: {},
      newConnections: answers.filter((a) => !a.reused).length,
      warmupFailed,
    };
    for (const answer of answers) {
      if (answer.error) {
        result.errors++;
        note('storm', answer);
        continue;
      }
      result.statusCodes[answer.status] = (result.statusCodes[answer.status] ?? 0) + 1;
      if (answer.status !== 201) {
        result.non201++;
        note('storm', answer);
        continue;
      }
      const status = (JSON.parse(answer.body) as { status?: string }).status;
      if (status === 'held') result.held++;
      else if (status === 'waiting_list') result.waiting++;
      else note('storm answer without a status', answer);
    }
    const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
    result.p50 = percentile(latencies, 0.5);
    result.p99 = percentile(latencies, 0.99);
    result.firstProblem = firstProblem;
    return result;
  } finally {
    for (const agent of agents) agent.destroy();
    if (current === run) current = undefined;
  }
}
