// CSV files people open in Excel: a byte-order mark (so Excel reads UTF-8), Windows line
// ends, every cell quoted, and no cell Excel would run as a formula.
import { stringify } from 'csv-stringify/sync';

/** A cell Excel would run as a formula (=, +, -, @, tab, return) is written as text. */
function excelSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The file: a header row, then the rows, every cell made safe for Excel. */
export function excelCsv(header: string[], rows: string[][]): string {
  return stringify([header, ...rows.map((row) => row.map(excelSafe))], { bom: true, record_delimiter: 'windows', quoted: true });
}
