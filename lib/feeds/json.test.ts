import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonObject, parseJsonValue } from './json-value';
import { feedError, fieldsOf, inPieces, parseText, utf8 } from './test-support';
import { parseAll } from './parse-feed';

describe('JSON arrays', () => {
  it('keeps strings as they are and numbers as written', async () => {
    const parsed = await parseText('[{"username":"alice","employeeId":"00123","n":1.50,"big":12345678901234567890,"active":true,"manager":null}]', 'json');
    expect(fieldsOf(parsed)).toEqual([{ username: 'alice', employeeId: '00123', n: '1.50', big: '12345678901234567890', active: 'true', manager: '' }]);
  });

  it('joins lists of plain values with the multi-value separator and flattens nested objects', async () => {
    const parsed = await parseText('[{"u":"a","groups":["x","y",3],"profile":{"login":"a@x","name":{"given":"A"}}}]', 'json');
    expect(fieldsOf(parsed)).toEqual([{ u: 'a', groups: 'x\u001fy\u001f3', 'profile.login': 'a@x', 'profile.name.given': 'A' }]);
    expect(parsed.headers).toEqual(['u', 'groups', 'profile.login', 'profile.name.given']);
  });

  it('leaves out a list of objects with one warning per field', async () => {
    const parsed = await parseText('[{"u":"a","emails":[{"value":"a@x"}]},{"u":"b","emails":[{"value":"b@x"}]}]', 'json');
    expect(fieldsOf(parsed)).toEqual([{ u: 'a' }, { u: 'b' }]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ row: 1, field: 'emails', level: 'warning', message: expect.stringMatching(/^Record 1 \(line 1\): field "emails" is a list of objects/) }),
    ]);
  });

  it('rejects a record that is not an object, as a row issue', async () => {
    const parsed = await parseText('[{"u":"a"},\n"b",\n{"u":"c"}]', 'json');
    expect(parsed.rows.map((row) => row.row)).toEqual([1, 3]);
    expect(parsed.issues).toEqual([
      { row: 2, level: 'error', message: 'Record 2 (line 2) is a string, not an object with fields; the row was rejected.' },
    ]);
  });

  it('streams records out of the array, whatever the piece size', async () => {
    const records = Array.from({ length: 500 }, (_, i) => ({ u: `user${i}`, note: `has "quotes", [brackets] and {braces} \\ ${i}` }));
    const bytes = utf8(JSON.stringify(records, null, 2));
    for (const size of [1, 7, 4096]) {
      const parsed = await parseAll(inPieces(bytes, size), 'json', { chunkRows: 64 });
      expect(fieldsOf(parsed)).toEqual(records);
    }
  });

  it.each([
    ['a single object', '{"u":"a"}', 'malformed', 'The file holds a single JSON object, not an array of objects.'],
    ['not JSON', 'username,email', 'malformed', 'The file does not start with a JSON array: expected "[" on line 1, found "u".'],
    ['a truncated array', '[{"u":"a"},\n{"u":"b"}', 'malformed', 'The JSON array is not closed: the file ends after record 2 (line 2). It looks cut off.'],
    ['a truncated record', '[{"u":"a"},\n{"u":"b', 'malformed', 'The JSON array is not closed: the file ends after record 1 (line 2). It looks cut off.'],
    ['a broken record', '[{"u":"a"},\n{"u" "b"}]', 'malformed', 'Record 2 (line 2): expected ":" after the property name "u", found "\\"".'],
    ['a trailing comma', '[{"u":"a"},]', 'malformed', 'Line 1: expected record 2 after ",", found "]".'],
    ['text after the array', '[{"u":"a"}] x', 'malformed', 'Line 1: unexpected "x" after the end of the JSON array.'],
    ['an empty array', '[ ]', 'empty', 'The JSON array is empty: it holds no records.'],
    ['an empty file', ' \n ', 'empty', 'The file is empty.'],
  ] as const)('refuses %s', async (_name, text, code, message) => {
    expect((await feedError(parseText(text, 'json'), code)).message).toContain(message);
  });

  it('refuses nesting past maxDepth and records past the size limit', async () => {
    const deep = `[{"a":${'['.repeat(40)}${']'.repeat(40)}}]`;
    expect((await feedError(parseText(deep, 'json'), 'malformed')).message).toMatch(/nested deeper than 32 levels/);
    expect((await feedError(parseText(`[{"a":"${'x'.repeat(5000)}"}]`, 'json', { maxFieldChars: 1000 }), 'too_large')).message).toBe(
      'Record 1 (starting on line 1) is longer than 1,000 characters.',
    );
  });

  it('keys such as __proto__ stay plain fields', async () => {
    const [row] = (await parseText('[{"__proto__":{"polluted":"yes"},"constructor":"c"}]', 'json')).rows;
    expect(row?.fields).toEqual({ '__proto__.polluted': 'yes', constructor: 'c' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('JSON lines', () => {
  it('reads one object per line, skips blank lines, numbers rows by line', async () => {
    const parsed = await parseText('{"u":"a","id":"00123"}\r\n\n{"u":"b","id":124.0}\n', 'jsonl');
    expect(parsed.rows).toEqual([
      { row: 1, fields: { u: 'a', id: '00123' } },
      { row: 3, fields: { u: 'b', id: '124.0' } },
    ]);
  });

  it('a bad line is a row issue with its line number, not fatal', async () => {
    const parsed = await parseText('{"u":"a"}\n{"u":\n["x"]\n{"u":"d"}', 'jsonl');
    expect(parsed.rows.map((row) => row.row)).toEqual([1, 4]);
    expect(parsed.issues).toEqual([
      { row: 2, level: 'error', message: 'Line 2 is not valid JSON: unexpected the end of the text where a value was expected (column 6); the row was rejected.' },
      { row: 3, level: 'error', message: 'Line 3 is a list, not an object with fields; the row was rejected.' },
    ]);
  });

  it.each([
    ['a JSON array', '[{"u":"a"}]', /looks like a JSON file, not JSON lines/],
    ['pretty-printed JSON', '{\n  "u": "a"\n}', /looks like pretty-printed JSON/],
    ['CSV', 'username,email\na,b', /Line 1 is not valid JSON .*Is this really a JSON lines file\?/],
  ])('refuses %s when its first line is not an object', async (_name, text, message) => {
    expect((await feedError(parseText(text, 'jsonl'), 'malformed')).message).toMatch(message);
  });

  it('refuses an empty file', async () => {
    expect((await feedError(parseText('\n \n', 'jsonl'), 'empty')).message).toBe('The file is empty.');
  });
});

describe('parseJsonValue', () => {
  it('keeps number text and decodes escapes', () => {
    const value = parseJsonValue('{"a":-0.10e+5,"b":"x\\"y\\u00e9\\ud83d\\ude00"}', 32);
    expect(value).toEqual(new JsonObject([['a', new JsonNumber('-0.10e+5')], ['b', 'x"yé😀']]));
  });

  it.each(['{"a":01}', '{"a":tru}', '{"a":"\t"}', '{"a":"\\x"}', '{a:1}', '{"a":1,}', '[1 2]', ''])('rejects %j', (text) => {
    expect(() => parseJsonValue(text, 32)).toThrow();
  });
});
