import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../schema.ts';
import { policy } from './policy.ts';
import type { CurrentUser, RoleAssignment } from './service.ts';

const SHAW = 16;
const OTHER_HUB = 3;

function user(...roles: Partial<RoleAssignment>[]): CurrentUser {
  return {
    id: 1,
    email: 'a@b.test',
    name: 'A',
    schoolUrn: null,
    roles: roles.map((r) => ({
      role: 'participant' as Role,
      hubId: null,
      hubName: null,
      hubSlug: null,
      workGroupId: null,
      workGroupCode: null,
      workGroupTitle: null,
      workGroupHubId: null,
      schoolUrn: null,
      schoolName: null,
      ...r,
    })),
  };
}

const national = user({ role: 'national_admin' });
const hubLead = user({ role: 'hub_lead', hubId: SHAW });
const assistant = user({ role: 'assistant_hub_lead', hubId: SHAW });
const hubAdmin = user({ role: 'hub_admin', hubId: SHAW });
const groupLead = user({ role: 'work_group_lead', workGroupId: 7 });
const participant = user({ role: 'participant', workGroupId: 7 });
const headteacher = user({ role: 'headteacher', schoolUrn: 100001 });

test("a hub's staff manage only their own hub's programme; the national administrator manages every hub and the national programme", () => {
  for (const staff of [hubLead, assistant, hubAdmin]) {
    assert.equal(policy.manageHubProgramme(staff, SHAW), true);
    assert.equal(policy.manageHubProgramme(staff, OTHER_HUB), false);
    assert.equal(policy.manageHubProgramme(staff, null), false, 'centrally-led groups belong to the national programme');
  }
  assert.equal(policy.manageHubProgramme(national, OTHER_HUB), true);
  assert.equal(policy.manageHubProgramme(national, null), true);
  for (const other of [groupLead, participant, headteacher, undefined]) assert.equal(policy.manageHubProgramme(other, SHAW), false);
});

test('hub leads read their audit log and manage people; hub administrators do not', () => {
  assert.equal(policy.readHubAuditLog(hubLead, SHAW), true);
  assert.equal(policy.readHubAuditLog(assistant, SHAW), true);
  assert.equal(policy.readHubAuditLog(hubAdmin, SHAW), false);
  assert.equal(policy.readHubAuditLog(hubLead, OTHER_HUB), false);
  assert.equal(policy.manageHubPeople(hubLead, SHAW), true);
  assert.equal(policy.manageHubPeople(hubAdmin, SHAW), false);
  assert.equal(policy.readHubAuditLog(national, OTHER_HUB), true);
});

test('a Work Group lead runs their own group only; participants and headteachers run none', () => {
  assert.equal(policy.leadWorkGroup(groupLead, { id: 7, hubId: OTHER_HUB }), true, 'a lead may come from another hub');
  assert.equal(policy.leadWorkGroup(groupLead, { id: 8, hubId: OTHER_HUB }), false);
  assert.equal(policy.leadWorkGroup(participant, { id: 7, hubId: SHAW }), false);
  assert.equal(policy.leadWorkGroup(headteacher, { id: 7, hubId: SHAW }), false);
  assert.equal(policy.leadWorkGroup(hubAdmin, { id: 7, hubId: SHAW }), true);
});

test('only the national administrator imports the schools register', () => {
  assert.deepEqual(
    [national, hubLead, assistant, hubAdmin, groupLead, participant, headteacher, undefined].map((u) => policy.importSchools(u)),
    [true, false, false, false, false, false, false, false],
  );
});

test('the API is for hub staff, the national administrator, Work Group leads and participants; not a headteacher, an account with no role, or a visitor', () => {
  for (const who of [national, hubLead, assistant, hubAdmin, groupLead, participant]) assert.equal(policy.useApi(who), true);
  assert.equal(policy.useApi(headteacher), false);
  assert.equal(policy.useApi(user()), false);
  assert.equal(policy.useApi(undefined), false);
  assert.equal(policy.useApi(user({ role: 'headteacher', schoolUrn: 100001 }, { role: 'participant', workGroupId: 7 })), true, 'a headteacher who also takes part');
});
