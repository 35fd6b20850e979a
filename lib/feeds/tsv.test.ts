import { describe, expect, it } from 'vitest';
import { unescapeTsv } from './tsv';
import { feedError, fieldsOf, parseText } from './test-support';

describe('TSV', () => {
  it('splits on tabs only, keeps quotes and commas as text, keeps 00123', async () => {
    const parsed = await parseText('username\tname\temployeeId\r\nalice\t"Doe, Alice"\t00123\r\n', 'tsv');
    expect(fieldsOf(parsed)).toEqual([{ username: 'alice', name: '"Doe, Alice"', employeeId: '00123' }]);
  });

  it('unescapes \\t, \\n, \\r and \\\\', async () => {
    expect(unescapeTsv('a\\tb\\nc\\\\d\\re\\x')).toBe('a\tb\nc\\d\re\\x');
    expect(fieldsOf(await parseText('note\tpath\nline1\\nline2\tC:\\\\Users\n', 'tsv'))).toEqual([{ note: 'line1\nline2', path: 'C:\\Users' }]);
  });

  it('handles LF, CRLF and lone CR, fewer and more values than names', async () => {
    const parsed = await parseText('a\tb\rx\r1\t2\t3\n4\t5', 'tsv');
    expect(fieldsOf(parsed)).toEqual([
      { a: 'x', b: '' },
      { a: '4', b: '5' },
    ]);
    expect(parsed.issues).toEqual([{ row: 2, level: 'error', message: 'Row 2 has 3 values but the header has 2 columns (extra value "3"); the row was rejected.' }]);
  });

  it('refuses empty files and duplicate names', async () => {
    await feedError(parseText('', 'tsv'), 'empty');
    await feedError(parseText('a\tb\n', 'tsv'), 'empty');
    expect((await feedError(parseText('a\ta\n1\t2\n', 'tsv'), 'malformed')).field).toBe('a');
  });
});
