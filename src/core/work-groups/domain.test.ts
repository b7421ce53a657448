import assert from 'node:assert/strict';
import { test } from 'node:test';
import { academicYearFromSlug, publicStatus } from './domain.ts';

const open = {
  publication: 'published' as const,
  placesTotal: 14,
  placesTaken: 3,
  registrationOpensOn: '2026-09-01',
  registrationClosesOn: '2027-06-30',
};

test('a published group with places, inside its registration window, is open', () => {
  assert.equal(publicStatus(open, '2026-11-23'), 'open');
  assert.equal(publicStatus(open, '2026-09-01'), 'open');
  assert.equal(publicStatus(open, '2027-06-30'), 'open');
});

test('a group with every place taken is full, whatever the date', () => {
  assert.equal(publicStatus({ ...open, placesTaken: 14 }, '2026-11-23'), 'full');
  assert.equal(publicStatus({ ...open, placesTaken: 14 }, '2030-01-01'), 'full');
});

test('outside its registration window, or closed by the hub, a group is closed', () => {
  assert.equal(publicStatus(open, '2026-08-31'), 'closed');
  assert.equal(publicStatus(open, '2027-07-01'), 'closed');
  assert.equal(publicStatus({ ...open, publication: 'closed' }, '2026-11-23'), 'closed');
  assert.equal(publicStatus({ ...open, publication: 'draft' }, '2026-11-23'), 'closed');
});

test('a group with no registration window is open while it has places', () => {
  assert.equal(publicStatus({ ...open, registrationOpensOn: null, registrationClosesOn: null }, '2001-01-01'), 'open');
});

test('academic years in URLs must be consecutive years', () => {
  assert.equal(academicYearFromSlug('2022-23'), '2022/23');
  assert.equal(academicYearFromSlug('2099-00'), '2099/00');
  assert.equal(academicYearFromSlug('2022-24'), null);
  assert.equal(academicYearFromSlug('2022/23'), null);
  assert.equal(academicYearFromSlug("2022-23' OR 1=1"), null);
});
