// The baseline: what the benchmarked requests cost with nothing but node:http and a
// pg.Pool. For the two pages, it sends the very SQL text hubwork's repository sends
// (recorded once per distinct URL, see capture-sql.ts) and writes the rows as a bare HTML
// page. For the registration storm, it registers a school through the API's URL with the
// writes hubwork's register() makes, in one transaction (see `register` below).
//   node --import tsx bench/serve-baseline.ts <database url> <port, 0 for any> <pool size>
import { createHash, randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import pg from 'pg';
import { createApiTokenRepository } from '../src/modules/api/repository.ts';
import { PARTICIPANT_ROLES } from '../src/modules/eligibility/evaluate.ts';
import { createEligibilityRepository } from '../src/modules/eligibility/repository.ts';
import * as emails from '../src/modules/registrations/emails.ts';
import { createRegistrationRepository, type RegistrationWriter } from '../src/modules/registrations/repository.ts';
import { createWorkGroupRepository } from '../src/core/work-groups/catalogue-repository.ts';
import { PAGE_SIZE } from '../src/modules/catalogue/service.ts';
import { parseCatalogueQuery } from '../src/modules/catalogue/validation.ts';
import { enqueueJob, enqueueMail } from '../src/platform/jobs/queue.ts';
import { londonIsoDate } from '../src/platform/lib/london-time.ts';
import type { Message } from '../src/platform/mail/mailer.ts';
import { type RecordedQuery, recordQueries, withParameters } from './capture-sql.ts';
import { exitWithParent } from './child-lifecycle.ts';
import { communityBaseline } from './community-baseline.ts';

const [url, portArg = '0', poolArg = '10'] = process.argv.slice(2);
if (!url) throw new Error('usage: serve-baseline.ts <database url> <port> <pool size>');

// The app's pool reads DATE columns as strings; so does this one.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
const pool = new pg.Pool({ connectionString: url, max: Number(poolArg), application_name: 'hubwork-bench-baseline' });
// A connection dropped by the server (at shutdown, say) fails its query; it must not crash the process.
pool.on('error', () => {});
pool.on('connect', (client) => client.on('error', () => {}));

const CODE = /^[A-Za-z0-9-]{1,30}$/;
const CODE_PLACEHOLDER = '\u0000CODE';
const GROUP_ID_PLACEHOLDER = -1_000_001;
const PROJECT_ID_PLACEHOLDER = -1_000_002;

const community = communityBaseline(pool);

const hubSlugs = new Set((await pool.query<{ slug: string }>('SELECT slug FROM hubs')).rows.map((r) => r.slug));

// The Work Group page: findByCode, then detailsOf's one query (JSON arrays) beside the
// eligibility rules' query, in parallel as the service runs them.
const [findByCode] = await recordQueries((db) => createWorkGroupRepository(db).findByCode(CODE_PLACEHOLDER));
const details = await recordQueries(async (db) => {
  // The recording driver answers with no row, which detailsOf reports by throwing: the query is recorded all the same.
  await createWorkGroupRepository(db)
    .detailsOf(GROUP_ID_PLACEHOLDER, PROJECT_ID_PLACEHOLDER)
    .catch(() => undefined);
});
const rules = await recordQueries((db) => createEligibilityRepository(db).rulesOf(GROUP_ID_PLACEHOLDER));
if (!findByCode || details.length !== 1 || rules.length !== 1) throw new Error('Could not record the Work Group page queries');

// The catalogue: one recorded search query per distinct query string, made on first sight.
type CatalogueQuery = { ok: true; query: RecordedQuery } | { ok: false; problems: string[] };
const catalogueQueries = new Map<string, CatalogueQuery>();

async function catalogueQuery(search: string): Promise<CatalogueQuery> {
  const known = catalogueQueries.get(search);
  if (known) return known;
  const checked = parseCatalogueQuery(parseQueryString(search), hubSlugs);
  let entry: CatalogueQuery;
  if (!checked.ok) entry = { ok: false, problems: checked.problems };
  else {
    const { filters, page } = checked.value;
    const [query] = await recordQueries((db) =>
      createWorkGroupRepository(db).search(filters, londonIsoDate(new Date()), {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    );
    if (!query) throw new Error('Could not record the search query');
    entry = { ok: true, query };
  }
  catalogueQueries.set(search, entry);
  return entry;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function esc(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function send(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

type Row = Record<string, unknown>;

async function catalogue(res: http.ServerResponse, search: string): Promise<void> {
  const entry = await catalogueQuery(search);
  if (!entry.ok) return send(res, 400, page('Bad request', `<ul>${entry.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`));
  const { rows } = await pool.query<Row>(entry.query.sql, entry.query.parameters);
  const total = rows[0]?.total ?? 0;
  const items = rows
    .map(
      (r) =>
        `<li><a href="/work-groups/${esc(r.code)}">${esc(r.title)}</a> ${esc(r.hub_name ?? 'National programme')} · ${esc(r.academic_year)} · ${esc(r.ncp_code)}<p>${esc(r.summary)}</p><p>${esc(r.mode)} · ${esc(r.commitment_days)} days · ${esc(r.places_total)} places · ${esc(r.first_session_at instanceof Date ? r.first_session_at.toISOString() : r.first_session_at)} · ${esc(r.session_count)} sessions</p></li>`,
    )
    .join('');
  send(res, 200, page('Find a Work Group', `<h2>${esc(total)} Work Groups</h2><ul>${items}</ul>`));
}

async function workGroup(res: http.ServerResponse, code: string): Promise<void> {
  if (!CODE.test(code)) return send(res, 404, page('Page not found', ''));
  const found = await pool.query<Row>(findByCode!.sql, withParameters(findByCode!, new Map([[CODE_PLACEHOLDER.toUpperCase(), code.toUpperCase()]])));
  const group = found.rows[0];
  if (!group) return send(res, 404, page('Page not found', ''));
  if (group.code !== code) {
    res.writeHead(301, { location: `/work-groups/${encodeURIComponent(String(group.code))}` });
    res.end();
    return;
  }
  const ids = new Map<unknown, unknown>([
    [GROUP_ID_PLACEHOLDER, group.id],
    [PROJECT_ID_PLACEHOLDER, group.project_id],
  ]);
  const [detailRows, ruleRows] = await Promise.all(
    [...details, ...rules].map((q) => pool.query<Row>(q.sql, withParameters(q, ids)).then((r) => r.rows)),
  );
  const detail = (detailRows?.[0] ?? {}) as Record<string, Row[] | undefined>;
  const { sessions, outcomes, sections, leaders, requires } = detail;
  const list = (rows: Row[] | undefined, item: (r: Row) => string) => `<ul>${(rows ?? []).map((r) => `<li>${item(r)}</li>`).join('')}</ul>`;
  const text = ['summary', 'purpose', 'who_for', 'what_it_involves', 'benefits', 'cost', 'wider_context', 'expectations', 'schedule_note', 'lead_information']
    .map((column) => `<div>${esc(group[column])}</div>`)
    .join('');
  const body = [
    `<p>${esc(group.hub_name ?? 'National programme')} · ${esc(group.ncp_code)} · ${esc(group.academic_year)} · ${esc(group.project_title)}</p>`,
    `<p>${esc(group.places_total)} places, ${esc(group.places_taken)} taken, closes ${esc(group.registration_closes_on)} · ${esc(group.hub_enquiries_email)}</p>`,
    text,
    list(sessions, (s) => `${esc(s.workshop_number)} ${esc(s.title)} ${esc(s.starts_at instanceof Date ? s.starts_at.toISOString() : s.starts_at)} ${esc(s.mode)} ${esc(s.venue_name)} ${esc(s.venue_address)}`),
    list(outcomes, (o) => `${esc(o.area)}: ${esc(o.lead_in)}<ul>${(Array.isArray(o.items) ? o.items : []).map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`),
    (sections ?? []).map((s) => `<h2>${esc(s.heading)}</h2><div>${esc(s.body)}</div>`).join(''),
    list(leaders, (l) => `${esc(l.name)}, ${esc(l.role_title)}<p>${esc(l.bio)}</p>`),
    list(requires, (r) => `${esc(r.ncp_code)} ${esc(r.title)}`),
    list(ruleRows, (r) => `${esc(r.kind)} ${esc(r.rule_type)} ${esc(JSON.stringify(r.params))}`),
  ].join('');
  send(res, 200, page(String(group.title), body));
}

// ---- the registration storm: POST /api/v1/work-groups/:code/registrations ------------------
//
// What the API's registration costs without fastify, zod, Kysely or the service layer: the
// token looked up by its hash (hubwork's own query), the group and the school read in one
// round trip each (the emails need their names), and one transaction with the writes that
// hubwork's register() makes, as the SQL text its repository and job queue send (recorded
// below): the place taken with UPDATE … places_taken < places_total RETURNING, the
// registration (reference, consent and manage token hashes) and its participants inserted,
// and the same emails queued with graphile_worker.add_job. A held place queues the
// headteacher's consent request, each participant's "registration received" and the hold's
// expiry job; a place on the waiting list counts its position and queues each participant's
// "waiting list" email. The email texts are hubwork's own (modules/registrations/emails.ts).
// hubwork also writes the consent token's hash a second time (hold() replaces the one the
// INSERT wrote) and reads the registration back; those are hubwork's costs, not the data's.

/** As bench/services.ts gives the app, for the links in the emails. */
const BASE_URL = 'http://127.0.0.1';
const DAY_MS = 24 * 60 * 60 * 1000;
const BEARER = /^Bearer (hw_[A-Za-z0-9_-]{43})$/;
const REGISTRATIONS_PATH = /^\/api\/v1\/work-groups\/([^/]+)\/registrations$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** An unguessable token for a link and the hash the database keeps (as the service makes them). */
function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function newReference(): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `HW-${part()}-${part()}`;
}

/** What the school declares: the service's declarationsFor, for a group without eligibility rules. */
function declarationsFor(days: number): string[] {
  return [
    `Our participants and our school commit to the equivalent of ${days} ${days === 1 ? 'day' : 'days'} of workshops, plus school-based tasks and the group’s online community, across the academic year.`,
    'Our school can commit to the full academic year’s programme.',
    'Our headteacher knows about this registration, and will be asked to release the named teachers for every session.',
  ];
}

// Placeholders in the recorded queries, swapped for each registration's values.
const R = {
  tokenHash: '\u0000TOKEN_HASH',
  workGroupId: -2_000_001,
  id: -2_000_002,
  urn: -2_000_003,
  reference: '\u0000REFERENCE',
  headteacherName: '\u0000HEADTEACHER_NAME',
  headteacherEmail: '\u0000HEADTEACHER_EMAIL',
  declarations: ['\u0000DECLARATIONS'],
  consentTokenHash: '\u0000CONSENT_TOKEN_HASH',
  manageTokenHash: '\u0000MANAGE_TOKEN_HASH',
  now: new Date(0),
  holdExpiresAt: new Date(1),
  mail: { to: '\u0000TO', subject: '\u0000SUBJECT', text: '\u0000TEXT' } satisfies Message,
  expiryKey: '\u0000EXPIRY_KEY',
};
const MAIL_PAYLOAD = JSON.stringify(R.mail);
const EXPIRY_PAYLOAD = JSON.stringify({ registrationId: R.id });

/** The queries `work` sends through a registration writer, each answered with a row { id }. */
const inWriter = (work: (w: RegistrationWriter) => Promise<unknown>) =>
  recordQueries((db) => createRegistrationRepository(db).inTransaction(work), [{ id: R.id }]);

const [tokenQuery] = await recordQueries((db) => createApiTokenRepository(db).use(R.tokenHash, new Date()));
const [takePlaceQuery] = await inWriter((w) => w.takePlace(R.workGroupId));
const [positionQuery] = await inWriter((w) => w.waitingPosition(R.id));
const [mailJobQuery] = await recordQueries((db) => enqueueMail(db, R.mail), [{ id: '1' }]);
const [expiryJobQuery] = await recordQueries(
  // As app/compose.ts's outbox queues it: one job per hold, keyed by the registration.
  (db) => enqueueJob(db, 'expire_registration_hold', { registrationId: R.id }, { runAt: R.holdExpiresAt, jobKey: R.expiryKey }),
  [{ id: '1' }],
);
if (!tokenQuery || !takePlaceQuery || !positionQuery || !mailJobQuery || !expiryJobQuery) throw new Error('Could not record the registration queries');

type Person = { name: string; email: string; roles: string[] };
type InsertQueries = { registration: RecordedQuery; participants: RecordedQuery; people: Person[] };
/** The registration's two INSERTs, per status and number of participants (recorded on first use). */
const insertQueries = new Map<string, Promise<InsertQueries>>();
function insertQueriesFor(status: 'pending_consent' | 'waitlisted', count: number): Promise<InsertQueries> {
  const key = `${status}:${count}`;
  let entry = insertQueries.get(key);
  if (!entry) {
    const people = Array.from({ length: count }, (_, i) => ({ name: `\u0000NAME${i}`, email: `\u0000EMAIL${i}`, roles: [`\u0000ROLES${i}`] }));
    entry = inWriter((w) =>
      w.insert(
        {
          reference: R.reference,
          workGroupId: R.workGroupId,
          urn: R.urn,
          headteacherName: R.headteacherName,
          headteacherEmail: R.headteacherEmail,
          declarations: R.declarations,
          submittedFrom: null,
          coreMathsYear: null,
          warnings: [],
          participants: people.map((p) => ({ ...p, teachingYear: null, mathsItt: null })),
          consentTokenHash: R.consentTokenHash,
          manageTokenHash: R.manageTokenHash,
          now: R.now,
        },
        status,
        status === 'pending_consent' ? R.holdExpiresAt : null,
      ),
    ).then(([registration, participants]) => {
      if (!registration || !participants) throw new Error('Could not record the registration INSERTs');
      return { registration, participants, people };
    });
    insertQueries.set(key, entry);
  }
  return entry;
}

// The least the answer needs to know about the group: hubwork's group(), plus whether it
// takes registrations today (published, within its registration dates: full groups take
// them onto the waiting list) and the names its emails use.
const GROUP_SQL = `
  SELECT wg.id, wg.code, wg.title, wg.consent_hold_days, wg.participants_per_school, p.commitment_days,
    h.name AS hub_name, h.enquiries_email,
    wg.publication = 'published'
      AND (wg.registration_opens_on IS NULL OR wg.registration_opens_on <= $2::date)
      AND (wg.registration_closes_on IS NULL OR wg.registration_closes_on >= $2::date) AS open
  FROM work_groups wg
  JOIN projects p ON p.id = wg.project_id
  LEFT JOIN hubs h ON h.id = wg.hub_id
  WHERE upper(wg.code) = $1 AND wg.publication IN ('published', 'closed')`;
const SCHOOL_SQL = 'SELECT name FROM schools WHERE urn = $1';

function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
const problem = (res: http.ServerResponse, status: number, error: string, message: string) => sendJson(res, status, { error, message });

/** The request's body as text, or undefined past `limit` bytes. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

type RegistrationBody = { urn: number; participants: Person[]; headteacher: { name: string; email: string } };

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
const isEmail = (value: unknown): value is string => isText(value, 254) && /^[^\s@]+@[^\s@]+$/.test(value.trim());

/** The body, checked by hand: a problem to report, or the registration. */
function readRegistration(value: unknown): RegistrationBody | string {
  if (!value || typeof value !== 'object') return 'Send a JSON object';
  const body = value as Record<string, unknown>;
  if (!Number.isSafeInteger(body.urn) || (body.urn as number) <= 0) return 'urn must be the school’s URN, a number';
  if (body.acceptDeclarations !== true) return 'acceptDeclarations must be true';
  if (!Array.isArray(body.participants) || body.participants.length > 20) return 'participants must be a list';
  const participants: Person[] = [];
  for (const p of body.participants as Record<string, unknown>[]) {
    if (!p || !isText(p.name, 200) || !isEmail(p.email)) return 'Each participant needs a name and an email address';
    const roles = Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [];
    if (!roles.length || roles.length > 10 || !roles.every((r) => Object.hasOwn(PARTICIPANT_ROLES, r))) return 'Each participant needs a role from the list';
    participants.push({ name: p.name.trim(), email: p.email.trim().toLowerCase(), roles: [...new Set(roles)] });
  }
  if (new Set(participants.map((p) => p.email)).size !== participants.length) return 'Each participant needs their own email address';
  const head = body.headteacher as Record<string, unknown> | undefined;
  if (!head || !isText(head.name, 200) || !isEmail(head.email)) return 'The headteacher needs a name and an email address';
  return { urn: body.urn as number, participants, headteacher: { name: head.name.trim(), email: head.email.trim().toLowerCase() } };
}

async function api(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  const bearer = BEARER.exec(req.headers.authorization ?? '');
  const owner = bearer
    ? (await pool.query<Row>(tokenQuery!.sql, withParameters(tokenQuery!, new Map([[R.tokenHash, sha256(bearer[1]!)]])))).rows[0]
    : undefined;
  if (!owner) {
    res.setHeader('www-authenticate', 'Bearer realm="hubwork"');
    return problem(res, 401, 'unauthorised', 'Send a live personal API token: Authorization: Bearer hw_…');
  }
  const match = REGISTRATIONS_PATH.exec(path);
  if (!match || req.method !== 'POST') return problem(res, 404, 'not_found', 'No such API endpoint');
  return register(req, res, decodeURIComponent(match[1]!));
}

async function register(req: http.IncomingMessage, res: http.ServerResponse, code: string): Promise<void> {
  const text = await readBody(req, 64 * 1024);
  if (text === undefined) return problem(res, 413, 'bad_request', 'The request body is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return problem(res, 400, 'bad_request', 'The request could not be read as JSON');
  }
  const body = readRegistration(parsed);
  if (typeof body === 'string') return problem(res, 422, 'invalid', body);
  if (!CODE.test(code)) return problem(res, 404, 'not_found', 'Work Group not found');
  const [groups, schools] = await Promise.all([
    pool.query<Row>(GROUP_SQL, [code.toUpperCase(), londonIsoDate(new Date())]),
    pool.query<Row>(SCHOOL_SQL, [body.urn]),
  ]);
  const group = groups.rows[0];
  if (!group) return problem(res, 404, 'not_found', 'Work Group not found');
  if (!group.open) return problem(res, 409, 'closed', 'This Work Group is not taking registrations');
  const school = schools.rows[0];
  if (!school) return problem(res, 422, 'invalid', 'No school has that URN');
  if (body.participants.length !== group.participants_per_school) return problem(res, 422, 'invalid', `Name ${group.participants_per_school} participants`);

  const now = new Date();
  const reference = newReference();
  const manage = newToken();
  const manageLink = `${BASE_URL}/registrations/${manage.token}`;
  const client = await pool.connect();
  let answer: { status: 'held' | 'waiting_list'; holdExpiresAt: string | null; waitingListPosition: number | null };
  try {
    await client.query('BEGIN');
    const placed = (await client.query(takePlaceQuery!.sql, withParameters(takePlaceQuery!, new Map([[R.workGroupId, group.id]])))).rows.length > 0;
    const until = placed ? new Date(now.getTime() + Number(group.consent_hold_days) * DAY_MS) : null;
    const consent = placed ? newToken() : undefined;
    const inserts = await insertQueriesFor(placed ? 'pending_consent' : 'waitlisted', body.participants.length);
    const values = new Map<unknown, unknown>([
      [R.workGroupId, group.id],
      [R.urn, body.urn],
      [R.reference, reference],
      [R.headteacherName, body.headteacher.name],
      [R.headteacherEmail, body.headteacher.email],
      [R.declarations, declarationsFor(Number(group.commitment_days))],
      [R.consentTokenHash, consent?.hash ?? null],
      [R.manageTokenHash, manage.hash],
      [R.now, now],
      [R.holdExpiresAt, until],
    ]);
    inserts.people.forEach((placeholder, i) => {
      const person = body.participants[i]!;
      values.set(placeholder.name, person.name);
      values.set(placeholder.email, person.email);
      values.set(placeholder.roles, person.roles);
    });
    const inserted = (await client.query<Row>(inserts.registration.sql, withParameters(inserts.registration, values))).rows[0];
    const id = inserted?.id as number;
    values.set(R.id, id);
    await client.query(inserts.participants.sql, withParameters(inserts.participants, values));

    const context: emails.MailContext = {
      reference,
      groupTitle: String(group.title),
      groupUrl: `${BASE_URL}/work-groups/${group.code}`,
      hubName: (group.hub_name as string | null) ?? null,
      enquiriesEmail: (group.enquiries_email as string | null) ?? null,
      schoolName: String(school.name),
      participants: body.participants.map((p) => ({ name: p.name, email: p.email })),
      headteacherName: body.headteacher.name,
      headteacherEmail: body.headteacher.email,
    };
    let messages: Message[];
    let position: number | null = null;
    if (until && consent) {
      messages = [emails.consentRequested(context, `${BASE_URL}/consent/${consent.token}`, until), ...emails.registrationReceived(context, until, manageLink)];
    } else {
      const counted = (await client.query<Row>(positionQuery!.sql, withParameters(positionQuery!, values))).rows[0];
      position = Number(counted?.n ?? 0) || 1;
      messages = emails.waitlisted(context, position, manageLink);
    }
    for (const message of messages) {
      await client.query(mailJobQuery!.sql, withParameters(mailJobQuery!, new Map([[MAIL_PAYLOAD, JSON.stringify(message)]])));
    }
    if (until) {
      const expiry = new Map<unknown, unknown>([
        [EXPIRY_PAYLOAD, JSON.stringify({ registrationId: id })],
        [R.holdExpiresAt, until],
        [R.expiryKey, `registration-hold:${id}`],
      ]);
      await client.query(expiryJobQuery!.sql, withParameters(expiryJobQuery!, expiry));
    }
    await client.query('COMMIT');
    answer = { status: until ? 'held' : 'waiting_list', holdExpiresAt: until?.toISOString() ?? null, waitingListPosition: position };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // The unique index on live registrations: the school is registered already.
    if ((error as { code?: string }).code === '23505') return problem(res, 409, 'already_registered', 'The school is already registered for this Work Group');
    throw error;
  } finally {
    client.release();
  }
  sendJson(res, 201, { reference, ...answer, warnings: [] }, { location: `/api/v1/registrations/${reference}` });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  const search = mark < 0 ? '' : target.slice(mark + 1);
  if (path.startsWith('/api/v1/')) return api(req, res, path);
  // The community's thread page and replies (community-baseline.ts).
  if (await community.handle(req, res, path, search)) return;
  if (req.method !== 'GET') return send(res, 405, page('Method not allowed', ''));
  if (path === '/work-groups') return catalogue(res, search);
  if (path.startsWith('/work-groups/')) return workGroup(res, decodeURIComponent(path.slice('/work-groups/'.length)));
  return send(res, 404, page('Page not found', ''));
}

let stopping = false;
const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    // Requests the load generator abandoned at the end of a run may still be in flight.
    if (!stopping) process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!res.headersSent) send(res, 500, page('Error', ''));
    else res.destroy();
  });
});
// As long as fastify's default (72 s): the registration storm opens its connections first.
server.keepAliveTimeout = 75_000;

exitWithParent(async () => {
  stopping = true;
  server.close();
  await pool.end();
});

// A backlog for the registration storm's 2,000 connections (node's default is 511).
server.listen(Number(portArg), '127.0.0.1', 2048, () => {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);
});
