import { feedFormats, type FeedFormat } from './types';

export type DetectInput = {
  /** A format named by the caller (a form field, a query parameter): wins when it is one Concord reads. */
  explicit?: string | null;
  contentType?: string | null;
  fileName?: string | null;
  /** The first bytes of the feed (a few KiB is plenty). */
  head?: Uint8Array | null;
};

const aliases: Record<string, FeedFormat | 'xml'> = { ndjson: 'jsonl', 'json-lines': 'jsonl', xml: 'xml' };

const contentTypes: Record<string, FeedFormat | 'xml'> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/comma-separated-values': 'csv',
  'text/tab-separated-values': 'tsv',
  'text/tsv': 'tsv',
  'application/json': 'json',
  'text/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

/** Documents, spreadsheets, archives and images: never a feed, whatever their first bytes look like. */
const notFeeds = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'xlsm', 'ods', 'odt', 'rtf', 'zip', 'gz', 'tgz', 'bz2', '7z', 'rar', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'exe', 'dll']);

const extensions: Record<string, FeedFormat | 'xml'> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  xml: 'xml',
};

/**
 * Decides a feed's format: an explicit name wins, then the Content-Type, then the file extension, then the first
 * bytes. Generic types (application/octet-stream, text/plain, application/vnd.ms-excel, which Windows browsers send
 * for .csv) say nothing and fall through. Null means "unsupported format" (HTTP 415).
 */
export function detectFormat(input: DetectInput): FeedFormat | null {
  const head = input.head ? headText(input.head) : null;
  const explicit = input.explicit?.trim().toLowerCase();
  if (explicit) {
    const named = (feedFormats as readonly string[]).includes(explicit) ? (explicit as FeedFormat) : aliases[explicit];
    if (!named) return null;
    return named === 'xml' ? refine(named, head) : named; // a named format is taken at its word
  }
  const mediaType = input.contentType?.split(';')[0]?.trim().toLowerCase();
  const byType = mediaType ? (contentTypes[mediaType] ?? (mediaType.endsWith('+xml') ? 'xml' : undefined)) : undefined;
  if (byType) return refine(byType, head);
  const extension = input.fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const byExtension = extension ? extensions[extension] : undefined;
  if (byExtension) return refine(byExtension, head);
  if (extension && notFeeds.has(extension)) return null;
  return head === null ? null : sniff(head);
}

/** Settles XML's flavour from the head; a "JSON" feed whose first value is an object is JSON lines. */
function refine(format: FeedFormat | 'xml', head: string | null): FeedFormat {
  if (format === 'xml') return head === null ? 'xml-children' : sniffXmlFlavour(head);
  if (format === 'json' && head !== null && head.trimStart().startsWith('{')) return 'jsonl';
  return format;
}

function headText(bytes: Uint8Array): string {
  // stream: true holds back a character cut in half at the end of the head
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64 * 1024), { stream: true });
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Guesses the format from the first bytes; null for binary content. A few invalid bytes still count as text: the
 * parser then names the row that holds them.
 */
export function sniff(head: string): FeedFormat | null {
  const start = head.slice(0, 4096);
  if (start.includes('\u0000') || (start.match(/\uFFFD/g)?.length ?? 0) > start.length / 10) return null;
  const text = head.trimStart();
  if (text === '' || /^(%PDF-|PK\u0003\u0004|\{\\rtf)/.test(text)) return null;
  if (text.startsWith('<')) return sniffXmlFlavour(text);
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'jsonl';
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const tabs = firstLine.split('\t').length - 1;
  const others = Math.max(firstLine.split(',').length - 1, firstLine.split(';').length - 1);
  return tabs > others ? 'tsv' : 'csv';
}

/**
 * Values in attributes or in child elements: looks at the first record (the first element inside the root).
 * Attributes other than namespace declarations → xml-attributes; otherwise xml-children.
 */
export function sniffXmlFlavour(head: string): 'xml-children' | 'xml-attributes' {
  const body = head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '');
  const tags = body.matchAll(/<([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g);
  let seen = 0;
  for (const tag of tags) {
    if (++seen < 2) continue;
    const attributes = [...(tag[2] ?? '').matchAll(/([^\s=]+)\s*=/g)].map((match) => match[1] ?? '');
    return attributes.some((name) => name !== 'xmlns' && !name.startsWith('xmlns:')) ? 'xml-attributes' : 'xml-children';
  }
  return 'xml-children';
}
