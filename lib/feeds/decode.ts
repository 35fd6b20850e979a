import { FeedError } from './types';

/** Bytes are decoded in pieces of at most this size, so one huge input never becomes one huge string at once. */
export const PIECE_BYTES = 64 * 1024;

export type FeedSource = Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The input is not UTF-8 text at `byteOffset` (0-based, counted from the first byte of the file). */
export class Utf8Error extends Error {
  constructor(
    readonly byteOffset: number,
    readonly byteValue: number,
    readonly kind: 'invalid' | 'nul' | 'truncated',
  ) {
    super(`${kind} UTF-8 at byte ${byteOffset + 1}`);
    this.name = 'Utf8Error';
  }
}

/**
 * Decodes UTF-8 strictly, piece by piece. Drops a leading BOM, refuses UTF-16, spreadsheets and archives by their
 * first bytes, and on a bad byte yields the valid text before it, then throws Utf8Error with the exact offset, so
 * the parser can say which row holds it.
 */
export async function* decodeUtf8(source: FeedSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let base = 0; // file offset of the first byte of `pending`
  let pending: Uint8Array | null = null; // bytes not decoded yet: the head before it is checked, or a split character
  let headChecked = false;

  for await (const piece of pieces(source)) {
    let bytes: Uint8Array = pending ? concat(pending, piece) : piece;
    pending = null;
    if (!headChecked) {
      if (bytes.length < 4) {
        pending = bytes;
        continue;
      }
      const skip = checkHead(bytes);
      headChecked = true;
      bytes = bytes.subarray(skip);
      base += skip;
    }
    const cut = completeLength(bytes);
    yield* decodePart(decoder, bytes.subarray(0, cut), base);
    base += cut;
    if (cut < bytes.length) pending = bytes.slice(cut);
  }

  if (pending && pending.length > 0) {
    if (!headChecked) {
      const skip = checkHead(pending);
      pending = pending.subarray(skip);
      base += skip;
    }
    const cut = completeLength(pending);
    yield* decodePart(decoder, pending.subarray(0, cut), base);
    if (cut < pending.length) throw new Utf8Error(base + cut, pending[cut] ?? 0, 'truncated');
  }
}

function* decodePart(decoder: TextDecoder, bytes: Uint8Array, base: number): Generator<string> {
  if (bytes.length === 0) return;
  const nul = bytes.indexOf(0);
  const end = nul === -1 ? bytes.length : nul;
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(0, end));
  } catch {
    const bad = firstInvalidUtf8(bytes.subarray(0, end));
    if (bad > 0) yield decoder.decode(bytes.subarray(0, bad));
    throw new Utf8Error(base + bad, bytes[bad] ?? 0, 'invalid');
  }
  if (text) yield text;
  if (nul !== -1) throw new Utf8Error(base + nul, 0, 'nul');
}

/** Returns how many bytes to skip (a UTF-8 BOM), or throws for inputs that are plainly not UTF-8 text. */
function checkHead(bytes: Uint8Array): number {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 3;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    throw new FeedError(
      'encoding',
      'The file is encoded as UTF-16 (Excel calls it "Unicode text"). Save or export it as UTF-8 (in Excel: "CSV UTF-8") and upload it again.',
    );
  }
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    throw new FeedError(
      'unsupported_format',
      'This is a ZIP archive, probably an Excel workbook (.xlsx). Export the sheet as "CSV UTF-8" and upload that file.',
    );
  }
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) {
    throw new FeedError('unsupported_format', 'This is an old Excel workbook (.xls). Export the sheet as "CSV UTF-8" and upload that file.');
  }
  if (a === 0x1f && b === 0x8b) {
    throw new FeedError('unsupported_format', 'This file is gzip-compressed. Upload the uncompressed file.');
  }
  return 0;
}

async function* pieces(source: FeedSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield* split(source);
    return;
  }
  for await (const chunk of source) yield* split(chunk);
}

function* split(chunk: Uint8Array): Generator<Uint8Array> {
  for (let start = 0; start < chunk.length; start += PIECE_BYTES) yield chunk.subarray(start, start + PIECE_BYTES);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of the prefix that does not end inside a multi-byte character. */
function completeLength(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i] ?? 0;
  const need = lead >= 0xf8 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + need > bytes.length ? i : bytes.length;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1 when all bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + need >= bytes.length) return i;
    const second = bytes[i + 1] ?? 0;
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k] ?? 0;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
