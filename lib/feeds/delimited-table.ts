import { quote, setField } from './fields';
import { FeedError, type FeedIssue, type ParsePosition, type RawRow, type RowSink } from './types';

/** One record as cut by a CSV or TSV tokenizer. */
export type CutRecord = {
  cells: string[];
  /** 1-based line of the file where the record starts. */
  line: number;
  /** Set when the record is damaged (text after a closing quote): the row is rejected with this message. */
  problem?: { cell: number; message: string };
};

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** A title line: one value in the first cell, the rest empty ("version:v1.0", "This is a title row",,). */
const couldBeTitle = (cells: string[]) => (cells[0] ?? '').trim() !== '' && cells.slice(1).every((cell) => cell.trim() === '');

/** A header line: at least two names, none blank, no two alike. */
const looksLikeHeader = (cells: string[]) => {
  const names = cells.map((cell) => cell.trim());
  return names.length >= 2 && names.every((name) => name !== '') && new Set(names).size === names.length;
};

/**
 * Turns records into rows: settles the header (skipping a title line above it), names blank columns, refuses
 * duplicate names, reports rows with more values than the header, fills missing values with "".
 */
export class DelimitedTable {
  private header: string[] | null = null;
  private headerLine = 0;
  private candidate: CutRecord | null = null;
  private blanksAfterCandidate = 0;
  private dataRow = 0;
  private dataRows = 0;

  headers(): string[] {
    return this.header ? [...this.header] : [];
  }

  add(record: CutRecord, out: RowSink): void {
    if (this.header) return this.addData(record, out);
    if (this.candidate === null) {
      if (isBlank(record.cells)) return; // blank lines above the header
      if (couldBeTitle(record.cells)) this.candidate = record;
      else this.setHeader(record);
      return;
    }
    if (isBlank(record.cells)) {
      this.blanksAfterCandidate++;
      return;
    }
    const first = this.candidate;
    this.candidate = null;
    if (looksLikeHeader(record.cells)) {
      // Entra's bulk-create template starts with a mandatory "version:v1.0" line: expected, not worth a warning.
      if (!/^version:\s*v?[\d.]+$/i.test((first.cells[0] ?? '').trim())) this.warnTitle(first, record, out);
      this.setHeader(record);
      return;
    }
    this.setHeader(first);
    this.dataRow += this.blanksAfterCandidate;
    this.addData(record, out);
  }

  private warnTitle(first: CutRecord, header: CutRecord, out: RowSink): void {
    out.issue({
      row: null,
      level: 'warning',
      message: `Line ${first.line} (${quote((first.cells[0] ?? '').trim())}) was taken as a title and skipped; the header is line ${header.line}.`,
    });
  }

  finish(allowNoRows: boolean): void {
    if (this.candidate) {
      this.setHeader(this.candidate);
      this.candidate = null;
    }
    if (!this.header) throw new FeedError('empty', 'The file is empty.');
    if (this.dataRows === 0 && !allowNoRows) {
      throw new FeedError('empty', `The file has a header row (line ${this.headerLine}) but no data rows.`);
    }
  }

  /** The row a record that is being read now will get. */
  position(line: number): ParsePosition {
    if (!this.header) {
      return this.candidate ? { row: null, label: `line ${line}` } : { row: null, label: `the header row, line ${line}` };
    }
    const row = this.dataRow + 1;
    return { row, label: `row ${row}` };
  }

  private setHeader(record: CutRecord): void {
    const names = record.cells.map((cell, index) => cell.trim() || `column_${index + 1}`);
    const seen = new Map<string, number>();
    names.forEach((name, index) => {
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        throw new FeedError(
          'malformed',
          `Columns ${earlier + 1} and ${index + 1} of the header (line ${record.line}) are both named ${quote(name)}. Rename one of them.`,
          { field: name },
        );
      }
      seen.set(name, index);
    });
    this.header = names;
    this.headerLine = record.line;
  }

  private addData(record: CutRecord, out: RowSink): void {
    const header = this.header ?? [];
    const row = ++this.dataRow;
    if (isBlank(record.cells)) return;
    this.dataRows++;
    if (record.problem) {
      const field = header[record.problem.cell] ?? `column_${record.problem.cell + 1}`;
      out.issue(rowError(row, `Row ${row}: ${record.problem.message} in column ${quote(field)} (line ${record.line}).`, field));
      return;
    }
    const extra = record.cells.slice(header.length);
    const firstExtra = extra.find((cell) => cell.trim() !== '');
    if (firstExtra !== undefined) {
      out.issue(
        rowError(
          row,
          `Row ${row} has ${record.cells.length} values but the header has ${header.length} columns (extra value ${quote(firstExtra)}); the row was rejected.`,
        ),
      );
      return;
    }
    const fields: RawRow['fields'] = {};
    header.forEach((name, index) => setField(fields, name, record.cells[index] ?? ''));
    out.row({ row, fields });
  }
}

function rowError(row: number, message: string, field?: string): FeedIssue {
  return field === undefined ? { row, level: 'error', message } : { row, field, level: 'error', message };
}
