// The end of a group's year, in the browser: the lead sets the completion rule (first with a
// number the group cannot have), then records each school's completion once the last workshop
// is over, and the school's record says so; the attendance sheet downloads for a spreadsheet.
// axe-core checks each page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { confirmPlaces } from '../registration-steps.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const suite = browserSuite({ now: NOW });
const CODE = 'WRK2627-GN01';

test('the lead sets the completion rule and records each school’s completion at the end of the year', async () => {
  const db = suite.site.db;
  const [school] = await db.selectFrom('schools').select(['urn', 'name']).where('phase', '=', 'Secondary').where('state_funded', '=', true).orderBy('urn').limit(1).execute();
  await confirmPlaces(suite.site, CODE, [{ urn: school!.urn, teacher: { name: 'Amira Khan', email: 'amira.khan@school.test', role: 'head_of_department' } }]);

  const lead = await (await suite.browser.newContext()).newPage();
  await signInWithPassword(lead, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);
  await lead.goto(`${suite.site.baseUrl}/work-groups/${CODE}/registers`);
  await lead.getByRole('heading', { name: 'Registers', exact: true }).waitFor();

  // Recording before the year is over is refused, with the reason.
  await lead.getByRole('button', { name: 'Record each school’s completion' }).click();
  await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await lead.locator('.govuk-error-summary').innerText(), /once every workshop has a date and the last one has ended/);
  await expectAccessible(lead, 'registers, completion refused');

  // The rule: a number the group cannot have, then one workshop.
  await lead.getByLabel('Workshops a school must attend to complete').fill('7');
  await lead.getByRole('button', { name: 'Save the rule' }).click();
  await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await lead.locator('#min-sessions-error').innerText(), /Enter a number of workshops from 1 to/);
  await expectAccessible(lead, 'registers, rule with an error');
  await lead.getByLabel('Workshops a school must attend to complete').fill('1');
  await lead.getByRole('button', { name: 'Save the rule' }).click();
  await lead.getByText('Completion rule saved').waitFor();
  assert.match(await lead.locator('main').innerText(), /attending at least 1 of the/);

  // The year goes by: every workshop dated and over, nobody from the school came.
  const group = await db.selectFrom('work_groups').select('id').where('code', '=', CODE).executeTakeFirstOrThrow();
  const sessions = await db.selectFrom('workshops').select(['id', 'workshop_number']).where('work_group_id', '=', group.id).execute();
  for (const s of sessions) {
    const start = new Date(NOW.getTime() - (10 - s.workshop_number) * 86_400_000);
    await db.updateTable('workshops').set({ starts_at: start, ends_at: new Date(start.getTime() + 3_600_000), date_to_be_confirmed: false }).where('id', '=', s.id).execute();
  }
  await lead.reload();
  assert.match(await lead.getByTestId('progress').innerText(), new RegExp(`${school!.name}[\\s\\S]*0 of 1[\\s\\S]*Not completed`));
  await lead.getByRole('button', { name: 'Record each school’s completion' }).click();
  await lead.getByText('Each school’s completion is recorded').waitFor();
  assert.match(await lead.locator('main').innerText(), /Last recorded on/);
  await expectAccessible(lead, 'registers, completion recorded');

  // The attendance sheet for the hub's records: a spreadsheet of the year.
  const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByRole('link', { name: 'Download the attendance sheet (CSV)' }).click()]);
  assert.equal(download.suggestedFilename(), `${CODE}-attendance.csv`);
  const sheet = await readFile((await download.path())!, 'utf8');
  assert.match(sheet, new RegExp(`"${school!.urn}","${school!.name}","Amira Khan","amira.khan@school.test"`));
  assert.match(sheet, /"0","Not completed"\r\n$/);
  const record = await db.selectFrom('school_participations').select(['outcome', 'ncp_code']).where('school_urn', '=', school!.urn).where('source', '=', 'hubwork').execute();
  assert.deepEqual(record, [{ outcome: 'took_part', ncp_code: 'NCP26-17' }]);
});
