import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8, Utf8Error } from './decode';
import { parseAll } from './parse-feed';
import { feedError, inPieces, utf8 } from './test-support';

async function decodeAll(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const piece of decodeUtf8(source)) text += piece;
  return text;
}

describe('decodeUtf8', () => {
  const text = 'name,ville\nJosé,Zürich ʤ 😀\n';

  it.each([1, 2, 3, 5, 64])('keeps characters split across pieces of %i bytes', async (size) => {
    expect(await decodeAll(inPieces(utf8(text), size))).toBe(text);
  });

  it('drops a leading BOM only', async () => {
    expect(await decodeAll(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a\uFEFFb')]))).toBe('a\uFEFFb');
    expect(await decodeAll(inPieces(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 1))).toBe('a');
  });

  it('yields the valid text before a bad byte, then names its offset', async () => {
    const seen: string[] = [];
    const bytes = new Uint8Array([...utf8('abc'), 0xe9, ...utf8('def')]);
    await expect(async () => {
      for await (const piece of decodeUtf8(bytes)) seen.push(piece);
    }).rejects.toMatchObject({ byteOffset: 3, byteValue: 0xe9, kind: 'invalid' });
    expect(seen.join('')).toBe('abc');
  });

  it('reports a file cut in the middle of a character', async () => {
    await expect(decodeAll(new Uint8Array([...utf8('ab'), 0xe2, 0x82]))).rejects.toBeInstanceOf(Utf8Error);
  });

  it.each([
    ['UTF-16 LE', [0xff, 0xfe, 0x61, 0x00], 'encoding', /UTF-16/],
    ['UTF-16 BE', [0xfe, 0xff, 0x00, 0x61], 'encoding', /UTF-16/],
    ['an .xlsx workbook', [0x50, 0x4b, 0x03, 0x04, 0x14], 'unsupported_format', /Excel workbook/],
    ['an .xls workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1], 'unsupported_format', /old Excel/],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00], 'unsupported_format', /gzip/],
  ] as const)('refuses %s by its first bytes', async (_name, bytes, code, message) => {
    const error = await feedError(parseAll(new Uint8Array(bytes), 'csv'), code);
    expect(error.message).toMatch(message);
  });

  it('validates like the WHATWG decoder', () => {
    expect(firstInvalidUtf8(utf8('plain é ʤ 😀'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
  });
});

describe('encoding errors name the row', () => {
  const latin1Row = (prefix: string) => new Uint8Array([...utf8(prefix), 0xe9, ...utf8('e,x@y\n')]);

  it('in a CSV data row, even when the bad byte arrives in a later piece', async () => {
    const head = utf8('name,mail\n' + 'a,a@x\n'.repeat(11));
    const bytes = new Uint8Array([...head, ...latin1Row('Ren')]);
    for (const size of [bytes.length, 7, 64 * 1024]) {
      const error = await feedError(parseAll(inPieces(bytes, size), 'csv'), 'encoding');
      expect(error.message).toMatch(new RegExp(`^Byte ${head.length + 4} \\(row 12\\) is not valid UTF-8 \\(0xE9\\)`));
      expect(error.row).toBe(12);
    }
  });

  it('in TSV, JSON lines and JSON', async () => {
    expect((await feedError(parseAll(latin1Row('name\tmail\nok\tx\nRen'), 'tsv'), 'encoding')).row).toBe(2);
    const jsonl = new Uint8Array([...utf8('{"a":"1"}\n\n{"a":"'), 0xe9, ...utf8('"}\n')]);
    expect((await feedError(parseAll(jsonl, 'jsonl'), 'encoding')).message).toMatch(/^Byte 18 \(line 3\)/);
    const json = new Uint8Array([...utf8('[{"a":"1"},\n{"a":"'), 0xe9, ...utf8('"}]')]);
    expect((await feedError(parseAll(json, 'json'), 'encoding')).message).toMatch(/^Byte 19 \(record 2, line 2\)/);
  });

  it('in XML, by line', async () => {
    const xml = new Uint8Array([...utf8('<users>\n<user><name>Ren'), 0xe9, ...utf8('</name></user>\n</users>')]);
    expect((await feedError(parseAll(xml, 'xml-children'), 'encoding')).message).toMatch(/^Byte 24 \(line 2\)/);
  });

  it('a NUL byte (UTF-16 without a BOM) is refused', async () => {
    const error = await feedError(parseAll(new Uint8Array([0x61, 0x00, 0x62, 0x00]), 'csv'), 'encoding');
    expect(error.message).toMatch(/^Byte 2 \(the header row, line 1\) is a NUL byte/);
  });
});
