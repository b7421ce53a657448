// The offer form's rules, without the app: London times across the clock change, the date in
// the future and within the group's year, the Five Big Ideas or another focus, the limit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { focusText, offerFormValues, paragraphsOf, parseNotes, parseOffer } from './form.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const SCHOOLS = [
  { urn: 100001, name: 'Alder School' },
  { urn: 100002, name: 'Birch Academy' },
];
const context = { now: NOW, lastDay: '2027-08-31', schools: SCHOOLS };
const good = {
  school: '100002',
  'date-day': '27',
  'date-month': '1',
  'date-year': '2027',
  starts: '9:15',
  ends: '10.15',
  class_name: 'Year 8, set 2',
  focus: 'variation',
  arrival: 'Main reception; ask for Ms Khan',
  observer_limit: '4',
};

describe('offering a lesson', () => {
  test('a good offer: the chosen school, London times (GMT in January, BST in June)', () => {
    const winter = parseOffer(good, context);
    assert.ok(winter.ok);
    assert.equal(winter.values.schoolUrn, 100002);
    assert.equal(winter.values.startsAt.toISOString(), '2027-01-27T09:15:00.000Z');
    assert.equal(winter.values.endsAt.toISOString(), '2027-01-27T10:15:00.000Z');
    assert.equal(winter.values.observerLimit, 4);
    assert.equal(winter.values.focusOther, null);
    const summer = parseOffer({ ...good, 'date-day': '10', 'date-month': '6' }, context);
    assert.ok(summer.ok);
    assert.equal(summer.values.startsAt.toISOString(), '2027-06-10T08:15:00.000Z');
  });

  test('one school of their own: no choice to make', () => {
    const result = parseOffer({ ...good, school: '' }, { ...context, schools: [SCHOOLS[0]!] });
    assert.ok(result.ok);
    assert.equal(result.values.schoolUrn, 100001);
  });

  test('each problem is named on its field', () => {
    const result = parseOffer(
      { ...good, school: '999999', 'date-day': '31', 'date-month': '2', starts: '25:00', ends: '', class_name: '', focus: 'other', focus_other: '', arrival: 'x'.repeat(501), observer_limit: '21' },
      context,
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, {
      school: 'Select the school where the lesson is',
      'date-day': 'Date must be a real date',
      starts: 'Start time must be a time, like 9:15 or 13:00',
      ends: 'Enter the time the lesson ends',
      class_name: 'Enter the class, like Year 8, set 2',
      focus_other: 'Enter the focus of the lesson, or select one of the Five Big Ideas',
      arrival: 'Where to report must be 500 characters or fewer',
      observer_limit: 'The number of observers must be a whole number from 1 to 20',
    });
  });

  test('a date in the past, a time already gone today, an end before the start, a date after the year ends', () => {
    const refused = (fields: Record<string, string>) => {
      const result = parseOffer({ ...good, ...fields }, context);
      assert.equal(result.ok, false);
      return !result.ok ? result.errors : {};
    };
    assert.equal(refused({ 'date-day': '22', 'date-month': '11', 'date-year': '2026' })['date-day'], 'The date of the lesson must be today or in the future');
    assert.equal(refused({ 'date-day': '23', 'date-month': '11', 'date-year': '2026', starts: '11:00', ends: '13:00' }).starts, 'The lesson must start later than now');
    assert.equal(refused({ starts: '10:15', ends: '9:15' }).ends, 'End time must be after the start time');
    assert.match(refused({ 'date-day': '1', 'date-month': '9', 'date-year': '2027' })['date-day'] ?? '', /on or before Tuesday 31 August 2027/);
    assert.equal(refused({ observer_limit: '0' }).observer_limit, 'The number of observers must be a whole number from 1 to 20');
    assert.equal(refused({ focus: 'joy' }).focus, 'Select the focus of the lesson');
  });

  test('another focus in the teacher’s words', () => {
    const result = parseOffer({ ...good, focus: 'other', focus_other: 'Questioning' }, context);
    assert.ok(result.ok);
    assert.equal(focusText({ focus: result.values.focus, focus_other: result.values.focusOther }), 'Questioning');
    assert.equal(focusText({ focus: 'representation_structure', focus_other: null }), 'Representation and Structure');
  });
});

describe('changing a lesson', () => {
  test('the limit cannot go below the people already signed up', () => {
    const limit = (observer_limit: string, signedUp: number) => {
      const result = parseOffer({ ...good, observer_limit }, { ...context, signedUp });
      return result.ok ? result.values.observerLimit : result.errors.observer_limit;
    };
    assert.equal(limit('2', 3), '3 people have already signed up to observe this lesson, so the number who can observe must be 3 or more');
    assert.equal(limit('0', 1), 'The number of observers must be a whole number from 1 to 20', 'the offer’s own rule first');
    assert.equal(limit('3', 3), 3);
    assert.equal(limit('1', 0), 1);
  });

  test('the form shows a saved lesson as it was typed, in London time', () => {
    const summer = { school_urn: 100002, starts_at: new Date('2027-06-10T08:15:00Z'), ends_at: new Date('2027-06-10T09:05:00Z'), class_name: 'Year 8', focus: 'other' as const, focus_other: 'Questioning', arrival: 'Reception', observer_limit: 4 };
    const values = offerFormValues(summer);
    assert.deepEqual(values, {
      school: '100002',
      'date-day': '10',
      'date-month': '6',
      'date-year': '2027',
      starts: '09:15',
      ends: '10:05',
      class_name: 'Year 8',
      focus: 'other',
      focus_other: 'Questioning',
      arrival: 'Reception',
      observer_limit: '4',
    });
    const again = parseOffer(values, context);
    assert.ok(again.ok);
    assert.equal(again.values.startsAt.toISOString(), summer.starts_at.toISOString(), 'read back to the same instant');
  });
});

describe('post-lesson notes', () => {
  test('required, at most 5,000 characters, with their line breaks kept', () => {
    assert.deepEqual(parseNotes('  \n '), { ok: false, error: 'Enter the notes of the post-lesson discussion' });
    assert.match((parseNotes('a'.repeat(5001)) as { error: string }).error, /5,000 characters or fewer: you have 5,001/);
    assert.deepEqual(parseNotes('a'.repeat(5000)), { ok: true, notes: 'a'.repeat(5000) });
    assert.deepEqual(paragraphsOf('What we saw:\r\n- bar models\n\n\nNext: try it in Year 7\n'), [['What we saw:', '- bar models'], ['Next: try it in Year 7']]);
  });
});
