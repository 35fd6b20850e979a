/** The feed formats Concord reads. */
export const feedFormats = ['csv', 'tsv', 'json', 'jsonl', 'xml-children', 'xml-attributes'] as const;
export type FeedFormat = (typeof feedFormats)[number];

/**
 * One record of a feed, before mapping. `row` is the 1-based data row: the header (and a title line above it)
 * is not a data row, blank rows are counted so the number matches what a person sees in a spreadsheet; for JSON
 * lines it is the line number, for a JSON array or an XML document the record's position.
 * Multi-valued values (JSON arrays, repeated XML elements) are joined with MULTI_VALUE_SEPARATOR.
 */
export type RawRow = { row: number; fields: Record<string, string> };

/**
 * A problem with one row (or with the feed as a whole when `row` is null). An `error` with a row means that row is
 * not in the parsed rows: count it as rejected. A `warning` leaves the row in.
 */
export type FeedIssue = { row: number | null; field?: string; level: 'warning' | 'error'; message: string };

/** A chunk of parsed rows; `headers` is the header row, or for JSON and XML every field name seen so far. */
export type FeedChunk = { headers: string[]; rows: RawRow[]; issues: FeedIssue[] };

/** Joins the values of a multi-valued field (JSON arrays, repeated XML elements); the mapping splits on it. */
export const MULTI_VALUE_SEPARATOR = '\u001f';

export const feedErrorCodes = ['unsupported_format', 'empty', 'encoding', 'malformed', 'too_large', 'hostile'] as const;
export type FeedErrorCode = (typeof feedErrorCodes)[number];

/** The whole feed cannot be read. The message names what is wrong and where, in words a person understands. */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly row?: number;
  readonly field?: string;

  constructor(code: FeedErrorCode, message: string, where: { row?: number; field?: string } = {}) {
    super(message);
    this.name = 'FeedError';
    this.code = code;
    if (where.row !== undefined) this.row = where.row;
    if (where.field !== undefined) this.field = where.field;
  }
}

/** Limits and batching for parseFeed. Every limit has a safe default. */
export type ParseOptions = {
  /** Rows (plus row issues) per yielded chunk. Default 5000. */
  chunkRows?: number;
  /** Deepest nesting accepted in JSON and XML. Default 32. */
  maxDepth?: number;
  /** Longest single CSV/TSV field, JSON line, JSON record, or XML record (and tag or text in it), in characters. Default 4 MiB. */
  maxFieldChars?: number;
  /** Most elements in an XML document. Default 5,000,000. */
  maxXmlElements?: number;
  /** Largest XML document, in characters (it is streamed: this caps the work, not the memory). Default 256 MiB. */
  maxXmlChars?: number;
  /**
   * A header (an empty JSON array, an XML root) without rows is not an error: for previews and mapping editors.
   * An import leaves it off: an empty feed must never read as "every account is gone". Default false.
   */
  allowNoRows?: boolean;
};

export const defaultParseOptions: Required<ParseOptions> = {
  chunkRows: 5000,
  maxDepth: 32,
  maxFieldChars: 4 * 1024 * 1024,
  maxXmlElements: 5_000_000,
  maxXmlChars: 256 * 1024 * 1024,
  allowNoRows: false,
};

/** Where a format parser is now: used to name the row in an encoding error. */
export type ParsePosition = { row: number | null; label: string };

/** Receives what a format parser finds. */
export interface RowSink {
  row(row: RawRow): void;
  issue(issue: FeedIssue): void;
}

/** A format parser fed decoded text piece by piece. */
export interface FormatParser {
  push(text: string, out: RowSink): void;
  /** Called once at the end of input; throws FeedError('empty') when nothing was read. */
  end(out: RowSink): void;
  /** Reads text it was holding back (a sample for sniffing) so that position() is exact; used before an encoding error. */
  settle?(out: RowSink): void;
  headers(): string[];
  position(): ParsePosition;
}
