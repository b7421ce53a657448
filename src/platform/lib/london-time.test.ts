import assert from 'node:assert/strict';
import { test } from 'node:test';
import { londonDate, londonInstant, londonIsoDate, londonTime, londonTimeRange } from './london-time.ts';

test('a London wall-clock time in winter is the same instant in UTC', () => {
  const start = londonInstant('2022-11-07', '13:00');
  assert.equal(start.toISOString(), '2022-11-07T13:00:00.000Z');
  assert.equal(londonDate(start), 'Monday 7 November 2022');
});

test('a London wall-clock time in British Summer Time is an hour ahead of UTC', () => {
  const start = londonInstant('2023-06-15', '10:00');
  assert.equal(start.toISOString(), '2023-06-15T09:00:00.000Z');
  assert.equal(londonTime(start), '10am');
});

test('times are written the GOV.UK way', () => {
  assert.equal(londonTimeRange(londonInstant('2022-11-07', '13:00'), londonInstant('2022-11-07', '15:30')), '1pm to 3:30pm');
  assert.equal(londonTime(londonInstant('2023-01-27', '12:00')), 'midday');
  assert.equal(londonTime(londonInstant('2023-01-27', '00:00')), 'midnight');
  assert.equal(londonTime(londonInstant('2023-01-27', '09:05')), '9:05am');
});

test('the London date of an instant late in the evening UTC during summer is the next day', () => {
  assert.equal(londonIsoDate(new Date('2023-06-30T23:30:00Z')), '2023-07-01');
  assert.equal(londonIsoDate(new Date('2023-12-31T23:30:00Z')), '2023-12-31');
});

test('a time skipped when the clocks go forward moves on an hour', () => {
  const skipped = londonInstant('2023-03-26', '01:30');
  assert.equal(londonTime(skipped), '2:30am');
});
