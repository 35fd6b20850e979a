import { DelimitedTable, type CutRecord } from './delimited-table';
import { sniffDelimiter, type CsvDelimiter } from './csv-sniff';
import { quote } from './fields';
import { FeedError, type FormatParser, type RowSink } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // a quote inside a quoted field: either the closing quote or the first half of ""

/** A record the tokenizer cannot finish: a quote never closed, or a value past the size limit. */
export class CsvCutError extends Error {
  constructor(
    readonly kind: 'unterminated' | 'too_long',
    readonly cell: number,
    readonly line: number,
    readonly quoted: boolean,
  ) {
    super(kind);
    this.name = 'CsvCutError';
  }
}

/**
 * RFC 4180 tokenizer over text pieces: quoted fields with delimiters, "" and line breaks; CRLF, LF and lone CR
 * line endings. A quote inside an unquoted value is kept as text. Text after a closing quote marks the record as
 * damaged (the caller rejects that row) and the value goes on as plain text.
 */
export class CsvTokenizer {
  /** 1-based line of the file the tokenizer is on. */
  line = 1;
  private state = FIELD_START;
  private cells: string[] = [];
  private field = '';
  private recordLine = 1;
  private quoteLine = 0;
  private problem: CutRecord['problem'];
  private previous = 0;

  constructor(
    private readonly delimiter: number,
    private readonly maxFieldChars: number,
    firstLine = 1,
  ) {
    this.line = firstLine;
    this.recordLine = firstLine;
  }

  /** The cell being read now (for messages). */
  get cell(): number {
    return this.cells.length;
  }

  push(text: string, emit: (record: CutRecord) => void): void {
    const delimiter = this.delimiter;
    let state = this.state;
    let segment = 0;
    let previous = this.previous;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === QUOTED) {
        if (c === QUOTE) {
          this.field += text.slice(segment, i);
          state = QUOTE_IN_QUOTED;
        } else if (c === CR || (c === LF && previous !== CR)) this.line++;
      } else if (state === UNQUOTED) {
        if (c === delimiter) {
          this.cells.push(this.field + text.slice(segment, i));
          this.field = '';
          state = FIELD_START;
        } else if (c === LF || c === CR) {
          this.cells.push(this.field + text.slice(segment, i));
          this.field = '';
          state = FIELD_START;
          this.endRecord(emit);
        }
      } else if (state === FIELD_START) {
        if (c === QUOTE) {
          state = QUOTED;
          segment = i + 1;
          this.quoteLine = this.line;
        } else if (c === delimiter) this.cells.push('');
        else if (c === LF && previous === CR) {
          // the LF of a CRLF that already ended the record
        } else if (c === LF || c === CR) {
          this.cells.push('');
          this.endRecord(emit);
        } else {
          state = UNQUOTED;
          segment = i;
        }
      } else if (c === QUOTE) {
        this.field += '"';
        segment = i + 1;
        state = QUOTED;
      } else if (c === delimiter || c === LF || c === CR) {
        this.cells.push(this.field);
        this.field = '';
        state = FIELD_START;
        if (c !== delimiter) this.endRecord(emit);
      } else {
        this.problem ??= { cell: this.cells.length, message: 'text follows the closing quote of a quoted value' };
        state = UNQUOTED;
        segment = i;
      }
      previous = c;
    }
    if (state === QUOTED || state === UNQUOTED) this.field += text.slice(segment);
    this.state = state;
    this.previous = previous;
    if (this.field.length > this.maxFieldChars) {
      throw new CsvCutError('too_long', this.cells.length, state === QUOTED ? this.quoteLine : this.recordLine, state === QUOTED);
    }
  }

  end(emit: (record: CutRecord) => void): void {
    if (this.state === QUOTED) throw new CsvCutError('unterminated', this.cells.length, this.quoteLine, true);
    if (this.state !== FIELD_START || this.cells.length > 0) {
      this.cells.push(this.field);
      this.field = '';
      this.endRecord(emit);
    }
    this.state = FIELD_START;
  }

  private endRecord(emit: (record: CutRecord) => void): void {
    const record: CutRecord = { cells: this.cells, line: this.recordLine };
    if (this.problem) record.problem = this.problem;
    this.cells = [];
    this.problem = undefined;
    this.line++;
    this.recordLine = this.line;
    emit(record);
  }
}

const SNIFF_CHARS = 64 * 1024;

function lineBreaks(text: string, atLeast: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === LF || c === CR) && ++n >= atLeast) return true;
  }
  return false;
}

/** CSV with the delimiter (comma, semicolon or tab) sniffed from the first lines. */
export function createCsvParser(options: { maxFieldChars: number; allowNoRows: boolean; delimiter?: CsvDelimiter }): FormatParser {
  const table = new DelimitedTable();
  let tokenizer: CsvTokenizer | null = null;
  let sample = '';

  const emitTo = (out: RowSink) => (record: CutRecord) => table.add(record, out);

  const cutError = (error: unknown): unknown => {
    if (!(error instanceof CsvCutError)) return error;
    const where = table.position(error.line);
    const column = table.headers()[error.cell];
    const place = column ? `column ${quote(column)}` : `column ${error.cell + 1}`;
    const prefix = where.row === null ? `In ${where.label}` : `Row ${where.row}`;
    const at = { ...(where.row === null ? {} : { row: where.row }), ...(column ? { field: column } : {}) };
    if (error.kind === 'unterminated') {
      return new FeedError(
        'malformed',
        `${prefix}: unterminated quoted field: the quote that opens ${place} on line ${error.line} is never closed.`,
        at,
      );
    }
    return new FeedError(
      'too_large',
      `${prefix}: the value in ${place} is longer than ${options.maxFieldChars.toLocaleString('en')} characters` +
        (error.quoted ? `; the quote that opens it on line ${error.line} is probably never closed.` : '.'),
      at,
    );
  };

  const start = (text: string, out: RowSink) => {
    // Excel writes (and reads) a first line "sep=;" naming the delimiter: obey it and skip the line.
    const hint = options.delimiter ? null : /^sep=([^"\r\n])(\r\n|\r|\n|$)/i.exec(text);
    const delimiter = hint?.[1] ?? options.delimiter ?? sniffDelimiter(text);
    tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), options.maxFieldChars, hint ? 2 : 1);
    tokenizer.push(hint ? text.slice(hint[0].length) : text, emitTo(out));
  };

  return {
    push(text, out) {
      try {
        if (tokenizer) return tokenizer.push(text, emitTo(out));
        sample += text;
        if (sample.length >= SNIFF_CHARS || lineBreaks(sample, 3)) {
          start(sample, out);
          sample = '';
        }
      } catch (error) {
        throw cutError(error);
      }
    },
    end(out) {
      try {
        if (!tokenizer) start(sample, out);
        tokenizer?.end(emitTo(out));
      } catch (error) {
        throw cutError(error);
      }
      table.finish(options.allowNoRows);
    },
    settle(out) {
      if (!tokenizer) start(sample, out);
    },
    headers: () => table.headers(),
    position: () => table.position(tokenizer?.line ?? 1),
  };
}
