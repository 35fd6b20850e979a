import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from './csv-sniff';
import { parseAll } from './parse-feed';
import { feedError, fieldsOf, parseText, testdata, testdataDir, utf8 } from './test-support';

describe('csv-spectrum', () => {
  // location_coordinates is broken upstream: its JSON does not match its CSV (see the folder's SOURCE.txt).
  const cases = readdirSync(path.join(testdataDir, 'csv-spectrum/csvs'))
    .map((file) => file.replace(/\.csv$/, ''))
    .filter((name) => name !== 'location_coordinates');

  it('has the eleven usable cases', () => expect(cases).toHaveLength(11));

  it.each(cases)('%s matches its expected JSON', async (name) => {
    const expected = JSON.parse(testdata('csv-spectrum/json', `${name}.json`).toString('utf8')) as unknown;
    const parsed = await parseAll(testdata('csv-spectrum/csvs', `${name}.csv`), 'csv');
    expect(fieldsOf(parsed)).toEqual(expected);
    expect(parsed.issues).toEqual([]);
  });

  it('location_coordinates at least parses', async () => {
    const parsed = await parseAll(testdata('csv-spectrum/csvs/location_coordinates.csv'), 'csv');
    expect(parsed.rows).toHaveLength(1);
  });
});

describe('csvlint fixtures', () => {
  const expected = [
    { Foo: 'Biff', Bsr: 'Baff', Baz: 'Boff' },
    { Foo: 'Qux', Bsr: 'Teaspoon', Baz: 'Doge' },
  ];

  it.each(['crlf-line-endings.csv', 'lf-line-endings.csv', 'inconsistent-line-endings.csv', 'inconsistent-line-endings-unquoted.csv', 'title-row.csv'])(
    '%s parses to the same rows',
    async (file) => {
      expect(fieldsOf(await parseAll(testdata('csvlint-fixtures', file), 'csv'))).toEqual(expected);
    },
  );

  it('CR-only line endings (its header says Bar)', async () => {
    const parsed = await parseAll(testdata('csvlint-fixtures/cr-line-endings.csv'), 'csv');
    expect(parsed.headers).toEqual(['Foo', 'Bar', 'Baz']);
    expect(fieldsOf(parsed).map(Object.values)).toEqual(expected.map(Object.values));
  });

  it('windows line endings', async () => {
    expect(fieldsOf(await parseAll(testdata('csvlint-fixtures/windows-line-endings.csv'), 'csv'))).toEqual([{ a: 'd', b: 'e', c: 'f' }]);
  });

  it('the title row is skipped with a warning', async () => {
    const parsed = await parseAll(testdata('csvlint-fixtures/title-row.csv'), 'csv');
    expect(parsed.rows[0]?.row).toBe(1);
    expect(parsed.issues).toEqual([expect.objectContaining({ row: null, level: 'warning', message: expect.stringContaining('Line 1 ("This is a title row") was taken as a title') })]);
  });

  it('invalid-byte-sequence.csv fails naming the byte and the row', async () => {
    const error = await feedError(parseAll(testdata('csvlint-fixtures/invalid-byte-sequence.csv'), 'csv'), 'encoding');
    expect(error.message).toBe(
      'Byte 34 (the header row, line 1) is not valid UTF-8 (0xF3): the file was probably saved in another encoding such as Windows-1252. Save or export it as UTF-8 and upload it again.',
    );
  });

  it('valid and invalid many-rows: stray quotes reject one row, blank lines are skipped, numbering stays', async () => {
    expect((await parseAll(testdata('csvlint-fixtures/valid_many_rows.csv'), 'csv')).rows).toHaveLength(6);
    const parsed = await parseAll(testdata('csvlint-fixtures/invalid_many_rows.csv'), 'csv');
    expect(parsed.issues).toEqual([
      { row: 3, field: 'Baz', level: 'error', message: 'Row 3: text follows the closing quote of a quoted value in column "Baz" (line 4).' },
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([1, 2, 4, 5, 6, 8, 9, 11]);
  });
});

describe('CSV parsing', () => {
  it('keeps leading zeros and inner spaces, trims header names', async () => {
    const parsed = await parseText(' username , employeeId\nalice,00123\n', 'csv');
    expect(parsed.headers).toEqual(['username', 'employeeId']);
    expect(fieldsOf(parsed)).toEqual([{ username: 'alice', employeeId: '00123' }]);
  });

  it('drops a UTF-8 BOM', async () => {
    const parsed = await parseAll(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('name,mail\nA,a@x\n')]), 'csv');
    expect(parsed.headers).toEqual(['name', 'mail']);
  });

  it.each([
    ['semicolon', 'name;mail;groups\n"Doe, Jane";jane@x;"a,b"\n', ';'],
    ['tab', 'name\tmail\nJane\tjane@x\n', '\t'],
    ['comma', 'name,mail\n"Jane; J",jane@x\n', ','],
  ])('sniffs the %s delimiter', async (_name, text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
    const parsed = await parseText(text, 'csv');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.headers.length).toBeGreaterThanOrEqual(2);
  });

  it('obeys an Excel "sep=" line and skips it', async () => {
    const parsed = await parseText('sep=|\r\nname|mail,alias\r\nJane|jane@x,j\r\n', 'csv');
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toEqual([{ row: 1, fields: { name: 'Jane', 'mail,alias': 'jane@x,j' } }]);
    const error = await feedError(parseText('sep=;\nname;mail\n"open;x\n', 'csv'), 'malformed');
    expect(error.message).toBe('Row 1: unterminated quoted field: the quote that opens column "name" on line 3 is never closed.');
  });

  it('sniffs past a title line without delimiters and ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('version:v1.0\na;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('"a;b;c;d",e,f\n1,2,3\n')).toBe(',');
  });

  it('skips the Entra version line and keeps ragged (short) rows with empty values', async () => {
    const parsed = await parseAll(testdata('directory-templates/entra-bulk-create-example.csv'), 'csv');
    expect(parsed.headers).toHaveLength(17);
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0]?.fields['User name [userPrincipalName] Required']).toBe('alain@contoso.com');
    expect(parsed.rows[0]?.fields['Mobile phone [mobile]']).toBe('');
  });

  it('a single-column file is not mistaken for a title row', async () => {
    expect(fieldsOf(await parseText('username\nalice\nbob\n', 'csv'))).toEqual([{ username: 'alice' }, { username: 'bob' }]);
  });

  it('a row with more values than the header is rejected with a row issue; trailing empty cells are fine', async () => {
    const parsed = await parseText('a,b\n1,2\n3,4,5\n6,7,,\n8\n', 'csv');
    expect(parsed.rows.map((row) => row.row)).toEqual([1, 3, 4]);
    expect(fieldsOf(parsed)).toEqual([
      { a: '1', b: '2' },
      { a: '6', b: '7' },
      { a: '8', b: '' },
    ]);
    expect(parsed.issues).toEqual([
      { row: 2, level: 'error', message: 'Row 2 has 3 values but the header has 2 columns (extra value "5"); the row was rejected.' },
    ]);
  });

  it('names blank header columns column_N', async () => {
    expect((await parseText('a,,c\n1,2,3\n', 'csv')).headers).toEqual(['a', 'column_2', 'c']);
  });

  it('refuses duplicate header names, naming the column', async () => {
    const error = await feedError(parseText('email,name,email\n1,2,3\n', 'csv'), 'malformed');
    expect(error.message).toBe('Columns 1 and 3 of the header (line 1) are both named "email". Rename one of them.');
    expect(error.field).toBe('email');
  });

  it('refuses an unterminated quote, naming the row, column and line', async () => {
    const error = await feedError(parseText('a,b\n1,2\n3,"open\n4,5\n', 'csv'), 'malformed');
    expect(error.message).toBe('Row 2: unterminated quoted field: the quote that opens column "b" on line 3 is never closed.');
    expect(error.row).toBe(2);
  });

  it('refuses a runaway value past the field limit', async () => {
    const error = await feedError(parseText(`a,b\n1,"${'x'.repeat(2000)}`, 'csv', { maxFieldChars: 1000 }), 'too_large');
    expect(error.message).toContain('Row 1: the value in column "b" is longer than 1,000 characters');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', '  \n\t\n  '],
    ['blank lines', '\n\n\r\n'],
  ])('refuses an %s file', async (_name, text) => {
    expect((await feedError(parseText(text, 'csv'), 'empty')).message).toBe('The file is empty.');
  });

  it('refuses a header without rows, unless allowNoRows', async () => {
    expect((await feedError(parseText('username,email\n\n', 'csv'), 'empty')).message).toBe('The file has a header row (line 1) but no data rows.');
    expect(await parseText('username,email\n', 'csv', { allowNoRows: true })).toEqual({ headers: ['username', 'email'], rows: [], issues: [] });
  });

  it('ignores a missing final line break and a trailing empty line; counts blank rows in the numbering', async () => {
    expect((await parseText('a\n1', 'csv')).rows).toEqual([{ row: 1, fields: { a: '1' } }]);
    expect((await parseText('a,b\n1,2\n\n3,4\n\n', 'csv')).rows.map((row) => row.row)).toEqual([1, 3]);
  });

  it('keeps a quote inside an unquoted value as text', async () => {
    expect(fieldsOf(await parseText('name,height\nO"Brien,5\'10"\n', 'csv'))).toEqual([{ name: 'O"Brien', height: '5\'10"' }]);
  });

  it('does not let a header named __proto__ touch the prototype', async () => {
    const [row] = (await parseText('__proto__,constructor\nx,y\n', 'csv')).rows;
    expect(Object.keys(row?.fields ?? {})).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(row?.fields)).toBe(Object.prototype);
  });
});
