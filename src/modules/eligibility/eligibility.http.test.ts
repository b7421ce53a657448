// Eligibility rules through the forms: add a requirement and a recommendation, see them on the
// public page in plain English, remove one; bad input, the audit log, and another hub's group.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, type Page } from '../../../test/agent.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { type BuiltHub, type BuiltProject, type BuiltUser, type BuiltWorkGroup, factories, signInAs } from '../../../test/factories.ts';
import type { Rule } from './rules.ts';

const HEADS_OF_DEPARTMENT: Rule = { rule_type: 'job_role', kind: 'requirement', params: { roles: ['head_of_department', 'subject_leader'], applies_to: 'every' } };

let t: TestApp;
let admin: Agent;
let visitor: Agent;
/** This test's own: a hub with a 2022/23 group (heads of department only), projects of the years around it, and another hub's group. */
let hub: BuiltHub;
let otherHub: BuiltHub;
let otherGroup: BuiltWorkGroup;
let earlier: BuiltProject;
let sameYear: BuiltProject;
let laterProject: BuiltProject;
let hubAdmin: BuiltUser;
let CODE: string;
let BASE: string;

const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, ' ').trim();
const items = (page: Page, selector: string) => page.$(`${selector} li`).map((_, li) => page.$(li).text().trim()).get();

async function rulesOf(code: string) {
  return t.db
    .selectFrom('eligibility_rules as r')
    .innerJoin('work_groups as wg', 'wg.id', 'r.work_group_id')
    .select(['r.id', 'r.rule_type', 'r.kind', 'r.params'])
    .where('wg.code', '=', code)
    .orderBy('r.position')
    .execute();
}

async function auditOf(code: string) {
  return t.db
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('hubs as h', 'h.id', 'a.hub_id')
    .select(['a.action', 'a.subject_type', 'a.subject_id', 'a.changes', 'u.email', 'h.slug as hub'])
    .where('a.subject_id', '=', code)
    .where('a.action', 'like', 'eligibility.%')
    .orderBy('a.id')
    .execute();
}

before(async () => {
  t = await testApp({ now: new Date('2026-11-23T12:00:00Z') });
  const make = factories(t.db, new Date('2026-11-23T12:00:00Z'));
  hub = await make.hub();
  const group = await make.workGroup(hub, { project: await make.project({ academicYear: '2022/23' }), firstWorkshop: new Date('2022-11-07T13:00:00Z') });
  await make.eligibilityRule(group, HEADS_OF_DEPARTMENT);
  CODE = group.code;
  BASE = `/admin/work-groups/${CODE}/eligibility`;
  earlier = await make.project({ academicYear: '2021/22', title: 'Secondary Teaching for Mastery – Embedding Year Support' });
  sameYear = await make.project({ academicYear: '2022/23' });
  laterProject = await make.project({ academicYear: '2026/27' });
  otherHub = await make.hub({ name: 'Far North Maths Hub' });
  otherGroup = await make.workGroup(otherHub);
  await make.eligibilityRule(otherGroup, HEADS_OF_DEPARTMENT);
  hubAdmin = await make.user('hub_admin', { hub });
  admin = await signInAs(t.app, hubAdmin);
  visitor = new Agent(t.app);
});
after(async () => {
  await t.close();
});

describe('the rules of a Work Group', () => {
  test('the group page links to them; the seeded rule is listed with a Remove button', async () => {
    const group = await admin.get(`/admin/work-groups/${CODE}`);
    assert.equal(group.$(`a[href="${BASE}"]`).text(), 'Who can take part (eligibility rules)');
    const page = await admin.get(BASE);
    assert.equal(page.status, 200);
    assert.match(text(page, '[data-testid="eligibility-rules"]'), /This group is for heads of department and subject leaders only/);
    const remove = page.$('[data-testid="eligibility-rules"] form');
    assert.equal(remove.length, 1);
    assert.match(remove.attr('action') ?? '', new RegExp(`^${BASE}/\\d+/remove$`));
    assert.ok(remove.find('input[name="_csrf"]').attr('value'));
  });

  test('choosing no kind of rule is refused with a message by the radios', async () => {
    const choose = await admin.get(`${BASE}/new`);
    assert.equal(choose.$('input[name="rule_type"]').length, 9);
    const refused = await admin.submit(choose, {});
    assert.equal(refused.status, 400);
    assert.match(text(refused, '.govuk-error-summary'), /Select the kind of rule/);
    assert.equal(refused.$('.govuk-error-summary a[href="#rule_type"]').length, 1);
    assert.match(text(refused, '#rule_type-error'), /Select the kind of rule/);
    assert.equal(refused.$('#rule_type').length, 1, 'the summary links to the first radio');

    const chosen = await admin.submit(choose, { rule_type: 'early-career' });
    assert.equal(chosen.status, 303);
    assert.equal(chosen.location, `${BASE}/new/early-career`);
  });

  test('bad input is shown by each field, nothing typed is lost, nothing is stored', async () => {
    const before = await rulesOf(CODE);
    const form = await admin.get(`${BASE}/new/early-career`);
    const page = await admin.submit(form, { from_year: '3', to_year: '1' });
    assert.equal(page.status, 400);
    assert.match(page.$('title').text(), /^Error:/);
    assert.match(text(page, '#to_year-error'), /The last year must be the same as or after the first year/);
    assert.match(text(page, '#kind-error'), /Select whether this is a requirement or a recommendation/);
    assert.deepEqual(
      page.$('.govuk-error-summary a').map((_, a) => page.$(a).attr('href')).get(),
      ['#to_year', '#kind'],
    );
    assert.equal(page.$('#from_year').attr('value'), '3');
    assert.equal(page.$('#to_year').attr('value'), '1');

    const words = await admin.submit(form, { from_year: 'one', to_year: '', kind: 'recommendation' });
    assert.equal(words.status, 400);
    assert.match(text(words, '#from_year-error'), /must be a whole number/);
    assert.match(text(words, '#to_year-error'), /Enter the last year/);
    assert.equal(words.$('input[name="kind"][value="recommendation"]').attr('checked'), 'checked');

    // Oddities never reach a 500: a list for a single answer, unknown values, unknown types.
    const odd = await admin.request('POST', `${BASE}/new/job-role`, {
      _csrf: form.$('input[name="_csrf"]').attr('value') ?? '',
      kind: ['requirement', 'recommendation'],
      roles: ['__proto__', 'constructor'],
      applies_to: 'toString',
    });
    assert.equal(odd.status, 400);
    assert.match(text(odd, '#roles-error'), /Select job roles from the list/);
    assert.match(text(odd, '#applies_to-error'), /Select who the rule is about/);
    assert.equal((await admin.get(`${BASE}/new/dinner-money`)).status, 404);
    assert.deepEqual(await rulesOf(CODE), before);
  });

  test('a requirement and a recommendation are added, audited, and shown on the public page in plain English', async () => {
    const ect = await admin.submit(await admin.get(`${BASE}/new/early-career`), { from_year: '1', to_year: '3', kind: 'requirement' });
    assert.equal(ect.status, 303);
    assert.equal(ect.location, `${BASE}?done=added`);

    const roles = await admin.get(`${BASE}/new/job-role`);
    const recommended = await admin.submit(roles, {
      roles: ['mastery_specialist', 'mastery_advocate'],
      applies_to: 'at_least_one',
      kind: 'recommendation',
    });
    assert.equal(recommended.status, 303);

    const prior = await admin.get(`${BASE}/new/prior-project`);
    const options = prior.$('#ncp_code option').map((_, o) => prior.$(o).attr('value')).get();
    assert.ok(options.includes(earlier.ncpCode), 'a 2021/22 project is offered for a 2022/23 group');
    assert.ok(!options.includes(sameYear.ncpCode), 'its own year’s projects are not');
    const later = await admin.submit(prior, { by: 'project', ncp_code: laterProject.ncpCode, outcome: 'took_part', kind: 'requirement' });
    assert.equal(later.status, 400);
    assert.match(text(later, '#ncp_code-error'), /from a year before this Work Group’s \(2022\/23\)/);
    assert.equal(later.$('input[name="outcome"][value="took_part"]').attr('checked'), 'checked', 'the answers are kept');
    assert.equal((await admin.submit(prior, { by: 'project', ncp_code: earlier.ncpCode, outcome: 'completed', kind: 'requirement' })).status, 303);

    const list = await admin.get(`${BASE}?done=added`);
    assert.match(text(list, '.govuk-notification-banner'), /Rule added/);
    const rows = list.$('[data-testid="eligibility-rules"] tbody tr').map((_, r) => list.$(r).text().replace(/\s+/g, ' ')).get();
    assert.equal(rows.length, 4);
    assert.match(rows[1] ?? '', /Participants must be in their first to third year of teaching.*Requirement/);
    assert.match(rows[2] ?? '', /At least one participant from each school should ideally be a Mastery Specialist or Mastery Advocate.*Recommendation/);
    assert.match(rows[3] ?? '', new RegExp(`Your school must have completed Secondary Teaching for Mastery – Embedding Year Support \\(${earlier.ncpCode}\\) in 2021/22`));

    const stored = await rulesOf(CODE);
    assert.deepEqual(
      stored.map((r) => [r.rule_type, r.kind, r.params]),
      [
        ['job_role', 'requirement', { roles: ['head_of_department', 'subject_leader'], applies_to: 'every' }],
        ['early_career', 'requirement', { from_year: 1, to_year: 3 }],
        ['job_role', 'recommendation', { roles: ['mastery_specialist', 'mastery_advocate'], applies_to: 'at_least_one' }],
        ['prior_participation', 'requirement', { by: 'project', ncp_code: earlier.ncpCode, outcome: 'completed' }],
      ],
    );

    const audit = await auditOf(CODE);
    assert.deepEqual(
      audit.map((a) => [a.action, a.subject_type, a.subject_id, a.email, a.hub]),
      [
        ['eligibility.added', 'work_group', CODE, hubAdmin.email, hub.slug],
        ['eligibility.added', 'work_group', CODE, hubAdmin.email, hub.slug],
        ['eligibility.added', 'work_group', CODE, hubAdmin.email, hub.slug],
      ],
    );
    assert.equal((audit[0]!.changes as { text: string }).text, 'Participants must be in their first to third year of teaching');

    const pub = await visitor.get(`/work-groups/${CODE}`);
    assert.equal(pub.status, 200);
    assert.deepEqual(items(pub, '[data-testid="requirements"]'), [
      'This group is for heads of department and subject leaders only',
      'Participants must be in their first to third year of teaching',
      `Your school must have completed Secondary Teaching for Mastery – Embedding Year Support (${earlier.ncpCode}) in 2021/22`,
    ]);
    assert.deepEqual(items(pub, '[data-testid="recommendations"]'), [
      'At least one participant from each school should ideally be a Mastery Specialist or Mastery Advocate',
    ]);
    // Under "Who is it for?", after the hub's own words.
    const heading = pub.$('h2').filter((_, h) => pub.$(h).text() === 'Who is it for?');
    assert.equal(heading.length, 1);
    assert.ok(heading.nextAll('[data-testid="eligibility"]').length, 'the rules follow the heading');
  });

  test('a rule is removed, audited, and gone from the public page; removing it again is a 404', async () => {
    const page = await admin.get(BASE);
    const forms = page.$('[data-testid="eligibility-rules"] form');
    const action = forms.eq(1).attr('action')!;
    const removed = await admin.submit(page, {}, action);
    assert.equal(removed.status, 303);
    assert.equal(removed.location, `${BASE}?done=removed`);
    assert.deepEqual(
      (await rulesOf(CODE)).map((r) => r.rule_type),
      ['job_role', 'job_role', 'prior_participation'],
    );
    const audit = await auditOf(CODE);
    const last = audit.at(-1)!;
    assert.equal(last.action, 'eligibility.removed');
    assert.equal(last.hub, hub.slug);
    assert.equal((last.changes as { text: string }).text, 'Participants must be in their first to third year of teaching');

    const pub = await visitor.get(`/work-groups/${CODE}`);
    assert.ok(!pub.body.includes('first to third year'));

    assert.equal((await admin.submit(page, {}, action)).status, 404);
    const token = page.$('input[name="_csrf"]').first().attr('value') ?? '';
    assert.equal((await admin.request('POST', `${BASE}/abc/remove`, { _csrf: token })).status, 404);
    assert.equal((await admin.request('POST', `${BASE}/99999999999999/remove`, { _csrf: token })).status, 404);
  });

  test('a group with no "Who is it for?" text shows its rules under "Who can take part?"', async () => {
    await t.db.updateTable('work_groups').set({ who_for: '' }).where('code', '=', CODE).execute();
    const pub = await visitor.get(`/work-groups/${CODE}`);
    assert.equal(pub.$('h2').filter((_, h) => pub.$(h).text() === 'Who can take part?').length, 1);
    assert.equal(pub.$('h2').filter((_, h) => pub.$(h).text() === 'Who is it for?').length, 0);
    assert.equal(items(pub, '[data-testid="requirements"]').length, 2);
  });
});

describe('another hub’s Work Group', () => {
  test('the hub’s administrator is refused with a 403 and nothing changes', async () => {
    const other = otherGroup.code;
    const before = await rulesOf(other);
    assert.equal(before.length, 1, 'the other hub’s group has its rule');
    const base = `/admin/work-groups/${other}/eligibility`;
    for (const path of [base, `${base}/new`, `${base}/new/state-funded`]) {
      const page = await admin.get(path);
      assert.equal(page.status, 403, path);
      assert.ok(!page.body.includes('heads of department'), `${path} shows no rules`);
    }
    const token = (await admin.get(BASE)).$('input[name="_csrf"]').first().attr('value') ?? '';
    for (const path of [`${base}/new`, `${base}/new/state-funded`, `${base}/${before[0]!.id}/remove`]) {
      const page = await admin.request('POST', path, { _csrf: token, rule_type: 'state_funded', kind: 'requirement' });
      assert.equal(page.status, 403, path);
    }
    assert.deepEqual(await rulesOf(other), before);
    assert.deepEqual(await auditOf(other), []);
  });

  test('a rule id from another group cannot be removed through this group', async () => {
    const other = (await rulesOf(otherGroup.code))[0]!;
    const token = (await admin.get(BASE)).$('input[name="_csrf"]').first().attr('value') ?? '';
    assert.equal((await admin.request('POST', `${BASE}/${other.id}/remove`, { _csrf: token })).status, 404);
    assert.equal((await rulesOf(otherGroup.code)).length, 1);
  });

  test('the national administrator may edit any hub’s rules; a visitor is sent to sign in', async () => {
    const nationalAdmin = await factories(t.db).user('national_admin');
    const national = await signInAs(t.app, nationalAdmin);
    const page = await national.get(`/admin/work-groups/${otherGroup.code}/eligibility`);
    assert.equal(page.status, 200);
    const form = await national.get(`/admin/work-groups/${otherGroup.code}/eligibility/new/hub-area`);
    assert.equal(form.$('#hub option[selected]').attr('value'), otherHub.slug, 'the group’s own hub is chosen to begin with');
    const added = await national.submit(form, { hub: otherHub.slug, kind: 'recommendation' });
    assert.equal(added.status, 303);
    const pub = await visitor.get(`/work-groups/${otherGroup.code}`);
    assert.deepEqual(items(pub, '[data-testid="recommendations"]'), ['Your school should ideally be in the Far North Maths Hub area']);
    const audit = await auditOf(otherGroup.code);
    assert.deepEqual(audit.map((a) => [a.action, a.email, a.hub]), [['eligibility.added', nationalAdmin.email, otherHub.slug]]);

    const away = await visitor.get(BASE);
    assert.equal(away.status, 303);
    assert.equal(away.location, `/sign-in?returnTo=${encodeURIComponent(BASE)}`);
  });
});
