// CSV files for Excel: a byte-order mark, Windows line ends, every cell quoted, and a cell that
// Excel would run as a formula (an absence reason typed as "=HYPERLINK(…)") kept as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excelCsv } from './csv.ts';

test('cells Excel would run as formulas are written as text; the rest as typed', () => {
  const csv = excelCsv(['Name', 'Reason'], [
    ['Amira Khan', '=HYPERLINK("http://evil.test","Click")'],
    ['+44 7700 900000', '-1'],
    ['@mention', 'Ofsted inspection, "all day"'],
  ]);
  assert.ok(csv.startsWith('\uFEFF"Name","Reason"\r\n'), 'byte-order mark, quoted header, Windows line end');
  assert.equal(
    csv.slice(1),
    [
      '"Name","Reason"',
      '"Amira Khan","\'=HYPERLINK(""http://evil.test"",""Click"")"',
      '"\'+44 7700 900000","\'-1"',
      '"\'@mention","Ofsted inspection, ""all day"""',
      '',
    ].join('\r\n'),
  );
});
