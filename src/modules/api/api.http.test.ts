// The JSON API through the real app: tokens made and revoked on the account page, the same
// rules and messages as the pages, and no way in without a live token (cookies do not count).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { Agent } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { tokenHash } from '../../platform/lib/tokens.ts';
import { accountWithRole, type BuiltHub, factories, signInAs } from '../../../test/factories.ts';
import type { Role } from '../../core/schema.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
let t: TestApp;
/** This test's own hub and open group: one participant a school, heads of department and subject leaders only. */
let hub: BuiltHub;
let GROUP: string;
before(async () => {
  t = await testApp({ now: NOW });
  const make = factories(t.db, NOW);
  hub = await make.hub();
  const group = await make.workGroup(hub, { participantsPerSchool: 1, placesTotal: 40 });
  await make.eligibilityRule(group, { rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department', 'subject_leader'], applies_to: 'every' } });
  GROUP = group.code;
});
after(async () => {
  await t.close();
});

/** Signed in as a new account of this test's own with the role (its id kept on the agent). */
const signedIn = async (role: Role) => {
  const account = await accountWithRole(factories(t.db, NOW), role);
  return Object.assign(await signInAs(t.app, account), { userId: account.id });
};

async function newToken(agent: Agent, name = 'Load test'): Promise<string> {
  const page = await agent.get('/account/api-tokens');
  const created = await agent.submit(page, { name }, '/account/api-tokens');
  const token = created.$('[data-testid="token"]').text().trim();
  assert.match(token, /^hw_[A-Za-z0-9_-]{43}$/);
  return token;
}

function api(token: string | undefined, method: 'GET' | 'POST', url: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A new state-funded secondary school of the group's hub. */
async function school(): Promise<number> {
  return (await factories(t.db, NOW).school(hub)).urn;
}

const registration = (urn: number, overrides: Record<string, unknown> = {}) => ({
  urn,
  participants: [{ name: 'Priya Shah', email: `priya.${urn}@school.test`, roles: ['head_of_department'] }],
  acceptDeclarations: true,
  headteacher: { name: 'Helen Marsh', email: `head.${urn}@heads.test` },
  ...overrides,
});

describe('tokens', () => {
  test('no token, a made-up token, a session cookie or a revoked token: 401 and nothing done', async () => {
    const none = await api(undefined, 'GET', `/api/v1/work-groups/${GROUP}`);
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error, 'unauthorised');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assert.equal((await api(`hw_${'x'.repeat(43)}`, 'GET', `/api/v1/work-groups/${GROUP}`)).statusCode, 401);

    const agent = await signedIn('participant');
    // A signed-in browser's cookie is not an API credential (and so needs no CSRF token here).
    const withCookie = await agent.request('POST', `/api/v1/work-groups/${GROUP}/registrations`, {});
    assert.equal(withCookie.status, 401);

    const token = await newToken(agent, 'Short-lived');
    assert.equal((await api(token, 'GET', `/api/v1/work-groups/${GROUP}`)).statusCode, 200);
    const list = await agent.get('/account/api-tokens');
    assert.match(list.$('[data-testid="tokens"]').text(), /Short-lived/);
    assert.doesNotMatch(list.body, new RegExp(token), 'the token is shown once only');
    const revokeAction = list.$('form[action$="/revoke"]').attr('action')!;
    await agent.submit(list, {}, revokeAction);
    assert.equal((await api(token, 'GET', `/api/v1/work-groups/${GROUP}`)).statusCode, 401);
    const empty = await agent.submit(await agent.get('/account/api-tokens'), { name: '' }, '/account/api-tokens');
    assert.equal(empty.status, 400);
    assert.match(empty.$('#name-error').text(), /Enter a name/);
    // Someone else's token cannot be revoked by guessing its id.
    const other = await signedIn('hub_admin');
    const otherToken = await newToken(other);
    const id = (await t.db.selectFrom('api_tokens').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const csrf = String((await agent.get('/account/api-tokens')).$('input[name="_csrf"]').first().val());
    const stolen = await agent.request('POST', `/account/api-tokens/${id}/revoke`, { _csrf: csrf });
    assert.equal(stolen.status, 404);
    assert.equal((await api(otherToken, 'GET', `/api/v1/work-groups/${GROUP}`)).statusCode, 200);
  });
});

describe('token expiry, last use, and who may have tokens', () => {
  test('a token expires when its owner chose (90 days unless they choose otherwise); an expired token gets 401', async () => {
    const agent = await signedIn('hub_admin');
    const page = await agent.get('/account/api-tokens');
    assert.equal(page.$('input[name="expires"][value="90"]').attr('checked'), 'checked', '90 days unless chosen otherwise');
    const token = await newToken(agent, 'Default expiry');
    const days = async (name: string) => {
      const row = await t.db.selectFrom('api_tokens').select(sql<number>`round(extract(epoch FROM expires_at - created_at) / 86400)::int`.as('days')).where('name', '=', name).executeTakeFirstOrThrow();
      return row.days;
    };
    assert.equal(await days('Default expiry'), 90);
    await agent.submit(await agent.get('/account/api-tokens'), { name: 'A month', expires: '30' }, '/account/api-tokens');
    assert.equal(await days('A month'), 30);
    const bad = await agent.submit(await agent.get('/account/api-tokens'), { name: 'Forever', expires: '100000' }, '/account/api-tokens');
    assert.equal(bad.status, 400);
    assert.match(bad.$('#expires-error').text(), /Choose when the token stops working/);

    // The list shows when each expires and when it was last used.
    let list = await agent.get('/account/api-tokens');
    assert.match(list.$('[data-testid="tokens"] thead').text(), /Expires/);
    assert.match(list.$('[data-testid="tokens"] tr:contains("Default expiry")').text(), /Never/);
    assert.equal((await api(token, 'GET', `/api/v1/work-groups/${GROUP}`)).statusCode, 200);
    list = await agent.get('/account/api-tokens');
    assert.doesNotMatch(list.$('[data-testid="tokens"] tr:contains("Default expiry")').text(), /Never/, 'last used: today');

    await t.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('name', '=', 'Default expiry').execute();
    const expired = await api(token, 'GET', `/api/v1/work-groups/${GROUP}`);
    assert.equal(expired.statusCode, 401);
    assert.match((await agent.get('/account/api-tokens')).$('[data-testid="tokens"] tr:contains("Default expiry")').text(), /Expired/);
  });

  test('the API tokens link and pages are for those who may use the API: not a headteacher', async () => {
    const head = await signedIn('headteacher');
    assert.equal((await head.get('/account')).$('a[href="/account/api-tokens"]').length, 0);
    assert.equal((await head.get('/account/api-tokens')).status, 403);
    const csrf = String((await head.get('/account')).$('input[name="_csrf"]').first().val());
    assert.equal((await head.request('POST', '/account/api-tokens', { _csrf: csrf, name: 'Mine', expires: '90' })).status, 403);
    assert.equal(await t.db.selectFrom('api_tokens').select('id').where('name', '=', 'Mine').executeTakeFirst(), undefined);
    // A token made before (by hand here) is refused by the API too.
    const headId = head.userId;
    const old = `hw_${'h'.repeat(43)}`;
    await t.db.insertInto('api_tokens').values({ user_id: headId, name: 'From before', token_hash: tokenHash(old) }).execute();
    const refused = await api(old, 'GET', `/api/v1/work-groups/${GROUP}`);
    assert.equal(refused.statusCode, 403, refused.body);
    for (const role of ['hub_admin', 'participant'] as const) {
      assert.equal((await (await signedIn(role)).get('/account')).$('a[href="/account/api-tokens"]').length, 1, role);
    }
  });
});

describe('registering through the API', () => {
  test('the same operations and rules as the pages', async () => {
    const token = await newToken(await signedIn('participant'));
    const group = (await api(token, 'GET', `/api/v1/work-groups/${GROUP}`)).json();
    assert.equal(group.participantsPerSchool, 1);
    assert.equal(group.registering, true);
    assert.ok(group.declarations.length >= 3);

    const urn = await school();
    const check = (await api(token, 'POST', `/api/v1/work-groups/${GROUP}/eligibility`, { urn })).json();
    assert.equal(check.eligible, true);

    const created = await api(token, 'POST', `/api/v1/work-groups/${GROUP}/registrations`, registration(urn));
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.match(body.reference, /^HW-/);
    assert.equal(body.status, 'held');
    assert.equal(created.headers.location, `/api/v1/registrations/${body.reference}`);
    const consent = await t.mailsTo(`head.${urn}@heads.test`);
    assert.match(consent[0]?.text ?? '', /\/consent\//, 'the headteacher is asked, as from the pages');

    const again = await api(token, 'POST', `/api/v1/work-groups/${GROUP}/registrations`, registration(urn));
    assert.equal(again.statusCode, 409);
    assert.deepEqual([again.json().error, again.json().reference], ['already_registered', body.reference]);

    const teacher = await api(token, 'POST', `/api/v1/work-groups/${GROUP}/registrations`, registration(await school(), {
      participants: [{ name: 'Tom Reed', email: 'tom@school.test', roles: ['teacher'] }],
    }));
    assert.equal(teacher.statusCode, 403);
    assert.equal(teacher.json().error, 'not_eligible');
    assert.match(teacher.json().reasons[0], /heads of department or subject leaders only/);
  });

  test('bad input: field errors in the pages’ words, never a 500', async () => {
    const token = await newToken(await signedIn('participant'));
    const url = `/api/v1/work-groups/${GROUP}/registrations`;
    const urn = await school();
    const duplicate = await api(token, 'POST', url, registration(urn, {
      participants: [{ name: '', email: 'not-an-email', roles: ['wizard'] }],
      headteacher: { name: 'H', email: '' },
    }));
    assert.equal(duplicate.statusCode, 422);
    const fields = Object.fromEntries(duplicate.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    assert.match(fields['participant-1-name'], /Enter the participant’s full name/);
    assert.match(fields['participant-1-email'], /correct format/);
    assert.match(fields['participant-1-roles'], /Select the participant’s role|Choose/);
    assert.match(fields['headteacher.email'], /Enter your headteacher’s email address/);
    for (const bad of ['{not json', '[]', '"x"', JSON.stringify({ ...registration(urn), acceptDeclarations: false }), JSON.stringify({ ...registration(urn), extra: 1 }), JSON.stringify(registration(999_999_999)), JSON.stringify(registration(9_999_999_999))]) {
      const response = await api(token, 'POST', url, bad);
      assert.ok([400, 422].includes(response.statusCode), `${bad.slice(0, 40)} → ${response.statusCode} ${response.body}`);
      assert.ok(response.json().error);
    }
    // A URN too large for the database's integer is refused as a URN, not a 500.
    const tooLarge = await api(token, 'POST', `/api/v1/work-groups/${GROUP}/eligibility`, { urn: 9_999_999_999 });
    assert.equal(tooLarge.statusCode, 422, tooLarge.body);
    assert.equal(tooLarge.json().errors[0].field, 'urn');
    const huge = await api(token, 'POST', url, JSON.stringify({ ...registration(urn), padding: 'x'.repeat(100_000) }));
    assert.equal(huge.statusCode, 413);
    assert.equal((await api(token, 'GET', '/api/v1/work-groups/WRK-NOPE')).statusCode, 404);
    assert.equal((await api(token, 'GET', '/api/v1/no/such/thing')).statusCode, 404);
  });

  test('hub staff read and cancel; other people may not', async () => {
    const participantToken = await newToken(await signedIn('participant'));
    const urn = await school();
    const { reference } = (await api(participantToken, 'POST', `/api/v1/work-groups/${GROUP}/registrations`, registration(urn))).json();
    assert.equal((await api(participantToken, 'GET', `/api/v1/registrations/${reference}`)).statusCode, 403);
    const adminToken = await newToken(await signedIn('national_admin'));
    const read = await api(adminToken, 'GET', `/api/v1/registrations/${reference}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().school.urn, urn);
    const list = (await api(adminToken, 'GET', `/api/v1/work-groups/${GROUP}/registrations`)).json();
    assert.ok(list.registrations.some((r: { reference: string }) => r.reference === reference));
    assert.equal((await api(adminToken, 'POST', `/api/v1/registrations/${reference}/cancel`, {})).statusCode, 422);
    const cancelled = await api(adminToken, 'POST', `/api/v1/registrations/${reference}/cancel`, { reason: 'Duplicate sent by the MIS' });
    assert.equal(cancelled.statusCode, 200);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal((await api(adminToken, 'POST', `/api/v1/registrations/${reference}/cancel`, { reason: 'again' })).statusCode, 409);
  });

  test('hub staff move a registration to another group of its project; a linked registration is reported with the one it came with', async () => {
    // A project whose schools must also join another (linked projects), each with a group in the
    // hub; the second project has a second group with one place.
    const make = factories(t.db, NOW);
    const [support, sustaining] = [await make.project(), await make.project()];
    await make.projectLink(support, sustaining);
    const supportGroup = await make.workGroup(hub, { project: support, participantsPerSchool: 2 });
    await make.eligibilityRule(supportGroup, {
      rule_type: 'prior_participation',
      kind: 'requirement',
      params: { by: 'strand', strand: 'teaching-for-mastery', phase: 'secondary', outcome: 'took_part', academic_year: '2025/26' },
    });
    const sustainingGroup = await make.workGroup(hub, { project: sustaining, participantsPerSchool: 2 });
    const nearer = await make.workGroup(hub, { project: sustaining, participantsPerSchool: 2, placesTotal: 1 });
    const adminToken = await newToken(await signedIn('national_admin'));
    const pair = (urn: number) =>
      registration(urn, {
        participants: [
          { name: 'Ada Lane', email: `ada.${urn}@school.test`, roles: ['mastery_advocate'] },
          { name: 'Ben Lane', email: `ben.${urn}@school.test`, roles: ['teacher'] },
        ],
      });
    const first = (await api(adminToken, 'POST', `/api/v1/work-groups/${sustainingGroup.code}/registrations`, pair(await school()))).json();
    const second = (await api(adminToken, 'POST', `/api/v1/work-groups/${sustainingGroup.code}/registrations`, pair(await school()))).json();
    assert.equal(first.status, 'held');

    const move = (reference: string, body: unknown) => api(adminToken, 'POST', `/api/v1/registrations/${reference}/move`, body);
    assert.equal((await move(first.reference, { workGroup: nearer.code })).statusCode, 422, 'a reason is required');
    assert.equal((await move(first.reference, { workGroup: GROUP, reason: 'x' })).statusCode, 422, 'only a group of its project');
    const moved = await move(first.reference, { workGroup: nearer.code.toLowerCase(), reason: 'Nearer' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().workGroup, nearer.code);
    assert.equal(moved.json().status, 'pending_consent');
    const full = await move(second.reference, { workGroup: nearer.code, reason: 'Nearer' });
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().error, 'group_full');

    // Linked projects: registering for the first project reports the registration for the second made with it.
    const eligible = await school();
    await make.participation({ urn: eligible }, { academicYear: '2025/26', strand: 'teaching-for-mastery' });
    const check = (await api(adminToken, 'POST', `/api/v1/work-groups/${supportGroup.code}/eligibility`, { urn: eligible })).json();
    assert.equal(check.eligible, true);
    assert.deepEqual(check.alsoRegistersFor.map((g: { code: string }) => g.code), [sustainingGroup.code]);
    const linked = await api(adminToken, 'POST', `/api/v1/work-groups/${supportGroup.code}/registrations`, pair(eligible));
    assert.equal(linked.statusCode, 201, linked.body);
    assert.deepEqual(linked.json().linked.map((l: { code: string }) => l.code), [sustainingGroup.code]);
    const partner = (await api(adminToken, 'GET', `/api/v1/registrations/${linked.json().linked[0].reference}`)).json();
    assert.deepEqual(partner.linked.map((l: { reference: string }) => l.reference), [linked.json().reference]);
    // And a school that never took part is refused, with the reason.
    const newcomer = (await api(adminToken, 'POST', `/api/v1/work-groups/${supportGroup.code}/eligibility`, { urn: await school() })).json();
    assert.equal(newcomer.eligible, false);
  });

  test('ten registrations an hour per token and per person, as from the pages: sent at once, the rest get a 429 with Retry-After', async () => {
    const lead = await signedIn('work_group_lead');
    const token = await newToken(lead, 'MIS');
    const urns = await Promise.all(Array.from({ length: 15 }, () => school()));
    const url = `/api/v1/work-groups/${GROUP}/registrations`;
    const answers = await Promise.all(urns.map((urn) => api(token, 'POST', url, registration(urn))));
    const codes = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(codes, [...Array(10).fill(201), ...Array(5).fill(429)], answers.map((a) => a.body.slice(0, 80)).join('\n'));
    for (const refused of answers.filter((a) => a.statusCode === 429)) {
      assert.equal(refused.json().error, 'too_many');
      const wait = Number(refused.headers['retry-after']);
      assert.ok(Number.isInteger(wait) && wait > 3500 && wait <= 3600, `Retry-After ${refused.headers['retry-after']}`);
    }
    assert.equal((await t.db.selectFrom('registrations').select('id').where('school_urn', 'in', urns).execute()).length, 10, 'nothing made by a refused request');
    // A second token of the same person is the same person.
    const second = await newToken(lead, 'Another MIS');
    assert.equal((await api(second, 'POST', url, registration(await school()))).statusCode, 429);
    // Someone else is not limited by them.
    const other = await newToken(await signedIn('participant'));
    assert.equal((await api(other, 'POST', url, registration(await school()))).statusCode, 201);
  });

  test('the description is public OpenAPI, and /api documents it', async () => {
    const doc = (await api(undefined, 'GET', '/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/work-groups/{code}/registrations'].post);
    const page = await new Agent(t.app).get('/api');
    assert.equal(page.status, 200);
    assert.match(page.$('main').text(), /POST \/api\/v1\/work-groups\/\{code\}\/registrations/);
    // The description's markdown is formatted, not shown as backticks.
    assert.doesNotMatch(page.$('main').text(), /`/);
    assert.ok(page.$('main p code').filter((_, code) => page.$(code).text() === 'Authorization: Bearer hw_…').length, 'the header as code');
  });
});
