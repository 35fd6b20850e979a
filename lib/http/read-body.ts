import { fail, ok, type Result } from '@/lib/errors';

export type ReadBodyOptions = {
  /** The most bytes accepted; one more and reading stops with `too_large`. */
  maxBytes: number;
  /** What the body is, in messages: "The file is empty." */
  noun?: string;
};

/**
 * Reads a request body into memory, chunk by chunk, never holding more than `maxBytes`.
 * A declared Content-Length over the cap is refused before a byte is read; a body that turns out
 * longer than declared (or has no length, chunked) is cut off as soon as it passes the cap, and the
 * rest is not read. An empty body and a body that stops half way (the browser was closed) are
 * refused too: a feed is all or nothing.
 */
export async function readBody(request: Request, { maxBytes, noun = 'file' }: ReadBodyOptions): Promise<Result<Uint8Array>> {
  const The = `The ${noun}`;
  const declared = declaredLength(request.headers.get('content-length'));
  if (declared !== null && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return fail('too_large', `${The} is ${formatBytes(declared)}; the limit is ${formatBytes(maxBytes)}.`);
  }
  if (!request.body) return fail('invalid', `${The} is empty.`);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The sender went away mid-body; there is nobody left to answer, and nothing was imported.
      return fail('invalid', `${The} did not arrive in full (the upload was interrupted). Nothing was imported.`);
    }
    if (next.done) break;
    received += next.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return fail('too_large', `${The} is larger than ${formatBytes(maxBytes)}, the limit.`);
    }
    chunks.push(next.value);
  }
  if (received === 0) return fail('invalid', `${The} is empty.`);
  return ok(concat(chunks, received));
}

function declaredLength(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) ? value : null;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const UNITS = ['KB', 'MB', 'GB'] as const;

/** A byte count for people, in binary units with one decimal at most: "812 bytes", "61.2 MB", "50 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes;
  let unit = 0;
  for (value /= 1024; value >= 1024 && unit < UNITS.length - 1; value /= 1024) unit++;
  // Rounded up, so a file just over the limit never reads as exactly the limit.
  const shown = Math.ceil(value * 10) / 10;
  return `${Number.isInteger(shown) ? shown : shown.toFixed(1)} ${UNITS[unit]}`;
}
