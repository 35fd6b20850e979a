import { describe, expect, it } from 'vitest';
import { mapRow, rowMapper, splitValues, type MappedAccount } from './map-row';
import type { FieldMapping } from './mapping';
import type { RawRow } from './types';

const mapping: FieldMapping = {
  fields: { username: 'login', email: 'mail', displayName: 'cn', groups: 'memberOf', employeeId: 'empNo', costCenter: 'Cost Center' },
  required: ['username'],
  multiValueSeparator: ';',
  ignored: ['password'],
};

describe('mapRow', () => {
  it('trims values, keeps 00123, splits and dedupes groups, keeps custom attributes', () => {
    const { account, issues } = mapRow(
      { row: 4, fields: { login: '  alice ', mail: 'alice@example.com', cn: ' ', memberOf: ' Sales; IT;;Sales ;\u001fHR', empNo: '00123', 'Cost Center': ' 42 ', extra: 'x' } },
      mapping,
    );
    expect(issues).toEqual([]);
    expect(account).toEqual<MappedAccount>({
      row: 4,
      key: 'alice',
      username: 'alice',
      email: 'alice@example.com',
      displayName: null,
      givenName: null,
      familyName: null,
      employeeId: '00123',
      groups: ['Sales', 'IT', 'HR'],
      attributes: { costCenter: '42' },
    });
  });

  it('rejects a row whose required field is empty, naming row, field and input column', () => {
    expect(mapRow({ row: 7, fields: { login: '  ', mail: 'a@x' } }, mapping)).toEqual({
      account: null,
      issues: [{ row: 7, field: 'login', level: 'error', message: 'Row 7: required field username (input column "login") is empty.' }],
    });
  });

  it('reports every missing required field, including ones the row lacks or the mapping does not feed', () => {
    const strict: FieldMapping = { ...mapping, required: ['username', 'email', 'groups', 'givenName'] };
    const { account, issues } = mapRow({ row: 2, fields: { login: 'bob' } }, strict);
    expect(account).toBeNull();
    expect(issues.map((issue) => issue.message)).toEqual([
      'Row 2: required field email (input column "mail") is missing.',
      'Row 2: required field groups (input column "memberOf") is missing.',
      'Row 2: required field givenName is not mapped to any input column.',
    ]);
  });

  it('always needs a username: it is the account key', () => {
    const { account, issues } = mapRow({ row: 3, fields: { mail: 'a@x' } }, { ...mapping, required: [] });
    expect(account).toBeNull();
    expect(issues[0]?.message).toBe('Row 3: username (the account key) (input column "login") is missing.');
  });

  it('warns about an e-mail that does not look like one, and keeps the row', () => {
    const { account, issues } = mapRow({ row: 5, fields: { login: 'c', mail: 'not-an-email' } }, mapping);
    expect(account?.email).toBe('not-an-email');
    expect(issues).toEqual([
      { row: 5, field: 'mail', level: 'warning', message: 'Row 5: email "not-an-email" (input column "mail") does not look like an e-mail address.' },
    ]);
  });

  it('joins multi-valued single attributes with the mapping separator', () => {
    const { account } = mapRow({ row: 1, fields: { login: 'd', cn: 'A\u001f B ' } }, { ...mapping, multiValueSeparator: '|' });
    expect(account?.displayName).toBe('A|B');
  });

  it('does not read inherited properties as input fields', () => {
    const { account } = mapRow({ row: 1, fields: { login: 'e' } }, { ...mapping, fields: { ...mapping.fields, displayName: 'constructor', toString: 'toString' } });
    expect(account?.displayName).toBeNull();
    expect(account?.attributes).toEqual({});
  });

  it('compiled once, maps each row on its own: no value or issue carries over to the next row', () => {
    const map = rowMapper({ ...mapping, required: ['username', 'email'] });
    const rows: RawRow[] = [
      { row: 2, fields: { login: 'a', mail: 'a@x', 'Cost Center': '7', memberOf: 'G' } },
      { row: 3, fields: { login: 'b' } },
      { row: 4, fields: { login: 'c', mail: 'bad' } },
      { row: 5, fields: { login: 'd', mail: 'd@x' } },
    ];
    const [a, b, c, d] = rows.map((raw) => map(raw));
    expect(a).toMatchObject({ account: { key: 'a', groups: ['G'], attributes: { costCenter: '7' } }, issues: [] });
    expect(b).toEqual({ account: null, issues: [{ row: 3, field: 'mail', level: 'error', message: 'Row 3: required field email (input column "mail") is missing.' }] });
    expect(c?.issues.map((i) => i.level)).toEqual(['warning']);
    expect(d).toMatchObject({ account: { key: 'd', groups: [], attributes: {} }, issues: [] });
    expect(rows.map((raw) => mapRow(raw, { ...mapping, required: ['username', 'email'] }))).toEqual([a, b, c, d]);
  });
});

describe('splitValues', () => {
  it.each([
    ['a;b', ';', ['a', 'b']],
    [' a ; ; b;a ', ';', ['a', 'b']],
    ['a\u001fb;c', ';', ['a', 'b', 'c']],
    ['top,person', ',', ['top', 'person']],
    ['', ';', []],
  ])('%j on %j', (text, separator, expected) => expect(splitValues(text, separator)).toEqual(expected));
});
