import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseAll, parseFeed } from './parse-feed';
import { feedError, inPieces, utf8 } from './test-support';

const record = (n: number) =>
  `  <user id="${n}"><username>user${n}</username><email>user${n}@example.com</email><employeeId>${String(n).padStart(7, '0')}</employeeId>` +
  `<group>Staff</group><group>Site ${n % 7}</group><!-- row ${n} --><note><![CDATA[a <b> & c]]></note></user>\n`;

/** A 200,000-record export made piece by piece as it is read, so the test itself never holds the document. */
async function* export200k(counter: { pieces: number; recordsWritten: number }, wrapped: boolean) {
  yield utf8(`<?xml version="1.0" encoding="UTF-8"?>\n<export>\n${wrapped ? ' <users>\n' : ''}`);
  let piece = '';
  for (let n = 1; n <= 200_000; n++) {
    piece += record(n);
    if (piece.length >= 64 * 1024) {
      counter.pieces++;
      counter.recordsWritten = n;
      yield utf8(piece);
      piece = '';
    }
  }
  yield utf8(`${piece}${wrapped ? ' </users>\n' : ''}</export>\n`);
}

/** A full garbage collection, so that heapUsed is what is really retained (the flag is read when gc is looked up). */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe('XML as a stream', () => {
  /**
   * Records directly under the root come out as soon as a chunk is full. A lone wrapper (<export><users>) is known
   * for one once it holds more than a record may (maxFieldChars, 4 MiB by default): until then its first element
   * might be a single record, and it is held.
   */
  it.each([
    ['under the root', false, 5_600],
    ['in a lone wrapper', true, 25_000],
  ])('200,000 records %s come out in chunks long before the input ends, with bounded memory', async (_where, wrapped, firstChunkBefore) => {
    const counter = { pieces: 0, recordsWritten: 0 };
    const heapBefore = retainedHeap();
    let heapPeak = heapBefore;
    let count = 0;
    let writtenAtFirstChunk = -1;
    for await (const chunk of parseFeed(export200k(counter, wrapped), 'xml-children')) {
      if (writtenAtFirstChunk === -1) writtenAtFirstChunk = counter.recordsWritten;
      expect(chunk.rows.length).toBeLessThanOrEqual(5000);
      for (const row of chunk.rows) {
        count++;
        if (row.row !== count || row.fields.username !== `user${count}`) throw new Error(`record ${count} out of order: ${JSON.stringify(row)}`);
      }
      if (count % 20_000 === 0) heapPeak = Math.max(heapPeak, retainedHeap());
    }
    expect(count).toBe(200_000);
    expect(writtenAtFirstChunk).toBeGreaterThanOrEqual(5000);
    expect(writtenAtFirstChunk).toBeLessThan(firstChunkBefore);
    expect(counter.pieces).toBeGreaterThan(500); // the document is over 32 MiB, 64 MiB as a JavaScript string
    // the document as one string would be 64 MiB; what the parser holds at any time is a piece and a record or so
    expect(heapPeak - heapBefore).toBeLessThan(16 * 1024 * 1024);
  });

  it('reads the same records however the input is cut into pieces', async () => {
    const text =
      '<?xml version="1.0"?>\n<!-- head --><ns:users xmlns:ns="urn:x">\n' +
      [1, 2, 3].map(record).join('') +
      '<ns:user ns:username="o&apos;brien" employeeId="00042" displayName="A &amp; B &#233; &#x1F600;"/></ns:users>\n';
    const whole = await parseAll(utf8(text), 'xml-children');
    expect(whole.rows).toHaveLength(4);
    expect(whole.rows[3]?.fields).toEqual({ username: "o'brien", employeeId: '00042', displayName: 'A & B é 😀' });
    for (const size of [1, 2, 3, 5, 7, 11, 64]) {
      expect(await parseAll(inPieces(utf8(text), size), 'xml-children'), `pieces of ${size} bytes`).toEqual(whole);
    }
  });

  it('a long token trickling in by small pieces is read in linear time', async () => {
    const note = 'x'.repeat(500_000);
    const text = `<users><user><username>a</username><note attr="${note}">${note}</note></user></users>`;
    const started = performance.now();
    const parsed = await parseAll(inPieces(utf8(text), 16), 'xml-children');
    expect(parsed.rows[0]?.fields.note).toHaveLength(note.length);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an invalid UTF-8 byte names the record and line it falls in, however the input arrived', async () => {
    const head = utf8(`<users>\n${record(1)}${record(2)}  <user id="3"><username>`);
    const bytes = new Uint8Array([...head, 0xff, ...utf8('x</username></user>\n</users>')]);
    for (const size of [1, 3, 64 * 1024]) {
      const error = await feedError(parseAll(inPieces(bytes, size), 'xml-children'), 'encoding');
      expect(error.message, `pieces of ${size}`).toMatch(/^Byte \d+ \(line 4\) is not valid UTF-8 \(0xFF\)/);
      expect(error.row, `pieces of ${size}`).toBe(3);
    }
  });
});
