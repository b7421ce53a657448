// The one form reader and the GOV.UK date and time inputs, as every page and the API use them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { many, one, parseDateInput, parseTime, rawForm, readForm } from './forms.ts';

test('a form is read as strings and lists of strings, trimmed, line ends as \\n; anything else is dropped', () => {
  const body = { name: '  Ada  ', notes: 'one\r\ntwo ', roles: [' lead ', 'participant', 7], nested: { a: 1 }, count: 3, nothing: null };
  assert.deepEqual(readForm(body), { name: 'Ada', notes: 'one\ntwo', roles: ['lead', 'participant'] });
  assert.deepEqual(rawForm(body), { name: 'Ada', notes: 'one\ntwo' }, 'the single values only');
  assert.deepEqual(readForm('a string'), {});
  assert.deepEqual(readForm(null), {});
  const form = readForm(body);
  assert.equal(one(form, 'roles'), 'lead', 'the first of a list');
  assert.equal(one(form, 'missing'), '');
  assert.deepEqual(many(form, 'name'), ['Ada'], 'a field sent once is a list of one');
  assert.deepEqual(many(form, 'missing'), []);
});

test('a GOV.UK date input: a real date, or a message saying what is wrong', () => {
  const date = (day: string, month: string, year: string) => ({ 'd-day': day, 'd-month': month, 'd-year': year });
  assert.deepEqual(parseDateInput(date('7', '12', '2026'), 'd', 'Date', false), { value: '2026-12-07' });
  assert.deepEqual(parseDateInput(date('', '', ''), 'd', 'Date', true), { value: null });
  assert.deepEqual(parseDateInput(date('', '', ''), 'd', 'Date', false, 'Enter the date of the workshop'), { error: 'Enter the date of the workshop' });
  assert.deepEqual(parseDateInput(date('7', '', ''), 'd', 'Date', false), { error: 'Date must include a month and a year' });
  assert.deepEqual(parseDateInput(date('31', '2', '2027'), 'd', 'Date', false), { error: 'Date must be a real date' });
  assert.deepEqual(parseDateInput(date('1', '1', '1999'), 'd', 'Date', false), { error: 'Date must be a year between 2000 and 2100, like 2027' });
  assert.deepEqual(parseDateInput(date('x', '1', '2027'), 'd', 'Date', false), { error: 'Date must be a real date' });
});

test('a time as people type it', () => {
  assert.equal(parseTime('13:00'), '13:00');
  assert.equal(parseTime('1300'), '13:00');
  assert.equal(parseTime('9.30'), '09:30');
  assert.equal(parseTime(' 9 : 30 '), '09:30');
  assert.equal(parseTime('24:00'), undefined);
  assert.equal(parseTime('noon'), undefined);
});
