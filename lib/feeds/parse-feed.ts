import { createCsvParser } from './csv';
import { decodeUtf8, Utf8Error, type FeedSource } from './decode';
import { createJsonParser } from './json';
import { createJsonLinesParser } from './jsonl';
import { createTsvParser } from './tsv';
import {
  defaultParseOptions,
  FeedError,
  type FeedChunk,
  type FeedFormat,
  type FeedIssue,
  type FormatParser,
  type ParseOptions,
  type RawRow,
  type RowSink,
} from './types';
import { createXmlParser } from './xml';

function createParser(format: FeedFormat, options: Required<ParseOptions>): FormatParser {
  switch (format) {
    case 'csv':
      return createCsvParser(options);
    case 'tsv':
      return createTsvParser(options);
    case 'json':
      return createJsonParser(options);
    case 'jsonl':
      return createJsonLinesParser(options);
    case 'xml-children':
    case 'xml-attributes':
      return createXmlParser(options);
  }
}

/** Collects rows and issues and hands them out in chunks of at most chunkRows entries. */
class Batch implements RowSink {
  rows: RawRow[] = [];
  issues: FeedIssue[] = [];

  constructor(private readonly size: number) {}

  row(row: RawRow): void {
    this.rows.push(row);
  }

  issue(issue: FeedIssue): void {
    this.issues.push(issue);
  }

  get full(): boolean {
    return this.rows.length + this.issues.length >= this.size;
  }

  get empty(): boolean {
    return this.rows.length + this.issues.length === 0;
  }

  /** Takes up to `size` entries, rows and issues in the order they came (issues first within a chunk). */
  take(headers: string[]): FeedChunk {
    const issues = this.issues.splice(0, this.size);
    const rows = this.rows.splice(0, this.size - issues.length);
    return { headers, rows, issues };
  }
}

/**
 * Parses a feed into chunks of rows. Every format is streamed: memory stays bounded by the chunk size (and the
 * size of one record) however long the feed is.
 * Throws FeedError when the feed as a whole cannot be read; row-level problems come back as issues.
 */
export async function* parseFeed(
  source: FeedSource,
  format: FeedFormat,
  options: ParseOptions = {},
): AsyncGenerator<FeedChunk, void, undefined> {
  const settings = { ...defaultParseOptions, ...withoutUndefined(options) };
  if (!Number.isInteger(settings.chunkRows) || settings.chunkRows < 1) throw new RangeError('chunkRows must be a positive integer');
  const parser = createParser(format, settings);
  const batch = new Batch(settings.chunkRows);
  let chunks = 0;
  try {
    for await (const text of decodeUtf8(source)) {
      parser.push(text, batch);
      for (; batch.full; chunks++) yield batch.take(parser.headers());
    }
  } catch (error) {
    if (error instanceof Utf8Error) throw encodingError(error, parser, batch);
    throw error;
  }
  parser.end(batch);
  // at least one chunk, so a header without rows (allowNoRows) still reaches the caller
  for (; !batch.empty || chunks === 0; chunks++) yield batch.take(parser.headers());
}

/**
 * The header and the first rows of a feed, for a mapping editor or an upload preview: a header without rows is
 * fine here, and reading stops after `rows` rows.
 */
export async function previewFeed(source: FeedSource, format: FeedFormat, rows = 20, options: ParseOptions = {}): Promise<FeedChunk> {
  const preview: FeedChunk = { headers: [], rows: [], issues: [] };
  for await (const chunk of parseFeed(source, format, { ...options, allowNoRows: true, chunkRows: Math.max(1, Math.min(rows, 5000)) })) {
    preview.headers = chunk.headers;
    preview.rows.push(...chunk.rows.slice(0, rows - preview.rows.length));
    preview.issues.push(...chunk.issues);
    if (preview.rows.length >= rows) break;
  }
  return preview;
}

function encodingError(error: Utf8Error, parser: FormatParser, batch: Batch): FeedError {
  parser.settle?.(batch);
  const where = parser.position();
  const byte = error.byteOffset + 1;
  const at = where.row === null ? {} : { row: where.row };
  if (error.kind === 'truncated') {
    return new FeedError('encoding', `The file ends in the middle of a UTF-8 character (byte ${byte}, ${where.label}): it looks cut off.`, at);
  }
  if (error.kind === 'nul') {
    return new FeedError(
      'encoding',
      `Byte ${byte} (${where.label}) is a NUL byte: this looks like a UTF-16 or binary file, not UTF-8 text. Export the feed as UTF-8 text.`,
      at,
    );
  }
  const hex = error.byteValue.toString(16).toUpperCase().padStart(2, '0');
  return new FeedError(
    'encoding',
    `Byte ${byte} (${where.label}) is not valid UTF-8 (0x${hex}): the file was probably saved in another encoding such as Windows-1252. Save or export it as UTF-8 and upload it again.`,
    at,
  );
}

function withoutUndefined(options: ParseOptions): ParseOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ParseOptions;
}

/** Reads a whole feed into memory: for tests and small feeds only. */
export async function parseAll(source: FeedSource, format: FeedFormat, options: ParseOptions = {}): Promise<FeedChunk> {
  const all: FeedChunk = { headers: [], rows: [], issues: [] };
  for await (const chunk of parseFeed(source, format, options)) {
    all.headers = chunk.headers;
    all.rows.push(...chunk.rows);
    all.issues.push(...chunk.issues);
  }
  return all;
}
