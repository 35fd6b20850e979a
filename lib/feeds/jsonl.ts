import { FieldNames, quote } from './fields';
import { recordFields } from './json-fields';
import { JsonSyntaxError, parseJsonValue } from './json-value';
import { LineSplitter } from './lines';
import { FeedError, type FormatParser, type RowSink } from './types';

/** JSON lines: one object per line, blank lines skipped; a bad line is a row issue named by its line number. */
export function createJsonLinesParser(options: { maxDepth: number; maxFieldChars: number }): FormatParser {
  const names = new FieldNames();
  const warned = new Set<string>();
  let records = 0;
  const lines = new LineSplitter(options.maxFieldChars, (line) => {
    throw new FeedError('too_large', `Line ${line} is longer than ${options.maxFieldChars.toLocaleString('en')} characters.`, { row: line });
  });

  const readLine = (out: RowSink) => (text: string, row: number) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    const first = records++ === 0;
    let value;
    try {
      value = parseJsonValue(trimmed, options.maxDepth);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const column = error.offset + 1 + (text.length - text.trimStart().length);
      if (first) throw firstLineError(trimmed, row, `${error.message} (column ${column})`);
      out.issue({ row, level: 'error', message: `Line ${row} is not valid JSON: ${error.message} (column ${column}); the row was rejected.` });
      return;
    }
    if (first && Array.isArray(value)) throw firstLineError('[', row, '');
    const { fields, issues } = recordFields(value, row, `Line ${row}`, warned);
    issues.forEach((issue) => out.issue(issue));
    if (!fields) return;
    Object.keys(fields).forEach((name) => names.add(name));
    out.row({ row, fields });
  };

  return {
    push: (text, out) => lines.push(text, readLine(out)),
    end(out) {
      lines.end(readLine(out));
      if (records === 0) throw new FeedError('empty', 'The file is empty.');
    },
    headers: () => names.list(),
    position: () => ({ row: lines.current, label: `line ${lines.current}` }),
  };
}

/** The first line decides whether this is JSON lines at all: a broken one most likely means another format. */
function firstLineError(line: string, row: number, detail: string): FeedError {
  if (line.startsWith('[')) {
    return new FeedError('malformed', `Line ${row} starts a JSON array: this looks like a JSON file, not JSON lines. Upload it as JSON.`, { row });
  }
  if (line === '{') {
    return new FeedError(
      'malformed',
      `Line ${row} holds only "{": this looks like pretty-printed JSON. JSON lines needs one whole object per line; upload an array of objects as JSON instead.`,
      { row },
    );
  }
  return new FeedError('malformed', `Line ${row} is not valid JSON (${detail}): ${quote(line)}. Is this really a JSON lines file?`, { row });
}
