/**
 * CSV for exports that people open in a spreadsheet. RFC 4180 (CRLF rows, cells quoted when they
 * hold a comma, a quote or a line break), and safe against formula injection: a cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel or
 * LibreOffice, so it gets a leading `'` and is shown as the text it is (OWASP "CSV injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised when it could start a formula, quoted when it must be. null/undefined → empty. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row, ending in CRLF. */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
