import { describe, expect, it } from 'vitest';
import { formatBytes, readBody } from './read-body';

const MB = 1024 * 1024;

/** A body that yields `chunks` one by one and records how far it was read and whether it was cancelled. */
function streamOf(chunks: Uint8Array[]) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[seen.pulled];
      if (next === undefined) controller.close();
      else {
        seen.pulled++;
        controller.enqueue(next);
      }
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api/applications/hr/uploads', {
    method: 'POST',
    body,
    headers,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

describe('readBody', () => {
  it('returns the whole body when it is within the cap', async () => {
    const { stream } = streamOf([bytes(3), bytes(4, 0x62)]);
    const result = await readBody(post(stream), { maxBytes: 10 });
    expect(result).toEqual({ ok: true, value: new Uint8Array([0x61, 0x61, 0x61, 0x62, 0x62, 0x62, 0x62]) });
  });

  it('accepts a body of exactly the cap', async () => {
    const result = await readBody(post(bytes(10)), { maxBytes: 10 });
    expect(result.ok && result.value.byteLength).toBe(10);
  });

  it('stops reading as soon as the cap is passed, mid-stream', async () => {
    const chunks = Array.from({ length: 100 }, () => bytes(4));
    const { stream, seen } = streamOf(chunks);
    const result = await readBody(post(stream), { maxBytes: 10 });
    expect(result).toEqual({ ok: false, error: { code: 'too_large', message: 'The file is larger than 10 bytes, the limit.' } });
    expect(seen.pulled).toBeLessThan(10);
    expect(seen.cancelled).toBe(true);
  });

  it('cuts off a body longer than its declared Content-Length', async () => {
    const { stream, seen } = streamOf(Array.from({ length: 50 }, () => bytes(4)));
    const result = await readBody(post(stream, { 'content-length': '8' }), { maxBytes: 10 });
    expect(!result.ok && result.error.code).toBe('too_large');
    expect(seen.pulled).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the cap before reading a byte', async () => {
    const { stream, seen } = streamOf([bytes(4)]);
    const request = post(stream, { 'content-length': String(Math.round(61.2 * MB)) });
    const result = await readBody(request, { maxBytes: 50 * MB });
    expect(result).toEqual({ ok: false, error: { code: 'too_large', message: 'The file is 61.2 MB; the limit is 50 MB.' } });
    expect(seen.pulled).toBe(0);
  });

  it('ignores a junk Content-Length and relies on the stream', async () => {
    const result = await readBody(post(bytes(5), { 'content-length': 'lots' }), { maxBytes: 10 });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['no body at all', null],
    ['a zero-length body', new Uint8Array(0)],
    ['a stream that closes at once', streamOf([]).stream],
  ])('refuses %s as empty', async (_name, body) => {
    const result = await readBody(post(body), { maxBytes: 10 });
    expect(result).toEqual({ ok: false, error: { code: 'invalid', message: 'The file is empty.' } });
  });

  it('names the body with the noun given', async () => {
    const result = await readBody(post(null), { maxBytes: 10, noun: 'feed' });
    expect(!result.ok && result.error.message).toBe('The feed is empty.');
  });

  it('refuses a body that breaks off half way', async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(bytes(3));
        } else controller.error(new Error('socket hang up'));
      },
    });
    const result = await readBody(post(stream), { maxBytes: 10 });
    expect(!result.ok && result.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/interrupted/) });
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [50 * MB, '50 MB'],
    [50 * MB + 1, '50.1 MB'],
    [Math.round(61.2 * MB), '61.2 MB'],
    [3 * 1024 * MB, '3 GB'],
  ])('%d bytes read as %s', (value, expected) => {
    expect(formatBytes(value)).toBe(expected);
  });
});
