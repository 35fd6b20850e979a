import { DelimitedTable } from './delimited-table';
import { LineSplitter } from './lines';
import { FeedError, type FormatParser } from './types';

const escapes: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };

/** Undoes the escapes a TSV writer may use for characters a field cannot hold: \t, \n, \r and \\. */
export function unescapeTsv(value: string): string {
  return value.includes('\\') ? value.replace(/\\([tnr\\])/g, (_, c: string) => escapes[c] ?? c) : value;
}

/** TSV with a name row, per the IANA definition: one record per line, fields split on tabs, no quoting. */
export function createTsvParser(options: { maxFieldChars: number; allowNoRows: boolean }): FormatParser {
  const table = new DelimitedTable();
  const lines = new LineSplitter(options.maxFieldChars, (line) => {
    const where = table.position(line);
    throw new FeedError(
      'too_large',
      `${where.row === null ? `In ${where.label}` : `Row ${where.row}`}: line ${line} is longer than ${options.maxFieldChars.toLocaleString('en')} characters.`,
      where.row === null ? {} : { row: where.row },
    );
  });

  return {
    push(text, out) {
      lines.push(text, (line, lineNumber) => table.add({ cells: line.split('\t').map(unescapeTsv), line: lineNumber }, out));
    },
    end(out) {
      lines.end((line, lineNumber) => table.add({ cells: line.split('\t').map(unescapeTsv), line: lineNumber }, out));
      table.finish(options.allowNoRows);
    },
    headers: () => table.headers(),
    position: () => table.position(lines.current),
  };
}
