// The baseline: what the two benchmarked pages cost with nothing but node:http and a
// pg.Pool. It sends the very SQL text hubwork's repository sends (recorded once per
// distinct URL, see capture-sql.ts) and writes the rows as a bare HTML page.
//   node --import tsx bench/serve-baseline.ts <database url> <port, 0 for any> <pool size>
import http from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import pg from 'pg';
import { createEligibilityRepository } from '../src/features/eligibility/repository.ts';
import { createWorkGroupRepository } from '../src/features/work-groups/repository.ts';
import { PAGE_SIZE } from '../src/features/work-groups/service.ts';
import { parseCatalogueQuery } from '../src/features/work-groups/validation.ts';
import { londonIsoDate } from '../src/lib/london-time.ts';
import { type RecordedQuery, recordQueries, withParameters } from './capture-sql.ts';
import { exitWithParent } from './child-lifecycle.ts';

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

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  const search = mark < 0 ? '' : target.slice(mark + 1);
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
server.keepAliveTimeout = 10_000;

exitWithParent(async () => {
  stopping = true;
  server.close();
  await pool.end();
});

server.listen(Number(portArg), '127.0.0.1', () => {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);
});
