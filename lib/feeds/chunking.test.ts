import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed';
import { inPieces, utf8 } from './test-support';

describe('chunked streaming', () => {
  it('a 200,000-row CSV streamed in 64 KiB pieces parses to the right count, in order', async () => {
    const total = 200_000;
    const lines = ['username,email,displayName,employeeId'];
    for (let i = 1; i <= total; i++) lines.push(`user${i},user${i}@example.com,"Doe, User ${i}",${String(i).padStart(7, '0')}`);
    const bytes = utf8(`${lines.join('\r\n')}\r\n`);

    let count = 0;
    let chunks = 0;
    for await (const chunk of parseFeed(inPieces(bytes, 64 * 1024), 'csv')) {
      chunks++;
      expect(chunk.headers).toEqual(['username', 'email', 'displayName', 'employeeId']);
      expect(chunk.issues).toEqual([]);
      expect(chunk.rows.length).toBeLessThanOrEqual(5000);
      for (const row of chunk.rows) {
        count++;
        if (row.row !== count || row.fields.username !== `user${count}`) throw new Error(`row ${count} out of order: ${JSON.stringify(row)}`);
      }
    }
    expect(count).toBe(total);
    expect(chunks).toBe(total / 5000);
    const last = `user${total},user${total}@example.com`;
    expect(lines.at(-1)?.startsWith(last)).toBe(true);
  });

  it('honours chunkRows and counts row issues toward it', async () => {
    const text = `a,b\n${Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? `${i},x,extra` : `${i},x`)).join('\n')}`;
    const sizes: number[] = [];
    for await (const chunk of parseFeed(utf8(text), 'csv', { chunkRows: 4 })) sizes.push(chunk.rows.length + chunk.issues.length);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('stops reading when the caller stops', async () => {
    let pulled = 0;
    async function* source() {
      yield utf8('a\n');
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield utf8('x\n'.repeat(1000));
      }
    }
    for await (const chunk of parseFeed(source(), 'csv', { chunkRows: 100 })) {
      expect(chunk.rows).toHaveLength(100);
      break;
    }
    expect(pulled).toBeLessThan(3);
  });
});
