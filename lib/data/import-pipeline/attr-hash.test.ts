import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { defaultMapping, mapRow, parseFeed, type MappedAccount } from '@/lib/feeds';
import { useDataTestDatabase } from '../testing/test-database';
import { attrHash, attrHashSql } from './attr-hash';

type Values = Omit<MappedAccount, 'row'>;

const blank: Values = { key: 'k', username: null, email: null, displayName: null, givenName: null, familyName: null, employeeId: null, groups: [], attributes: {} };

/** Values that would trip a careless canonical form: separators, quotes, escapes, control characters, astral code points, ordering. */
const hostile: Values[] = [
  blank,
  { ...blank, username: '' },
  { ...blank, username: 'null' },
  { ...blank, username: 'a', email: 'b' },
  { ...blank, username: 'a","b', email: null },
  { ...blank, username: 'a', email: '","b' },
  { ...blank, displayName: 'back\\slash "quoted" \b\f\n\r\t \u0001\u001f\u007f' },
  { ...blank, displayName: 'Zoë Ñandú 東京 \u2028\u2029 😀 𝔘' },
  { ...blank, groups: ['b', 'a', 'A', 'é', '😀', '\uffff'] },
  { ...blank, groups: ['a,b'] },
  { ...blank, groups: ['a', 'b'] },
  { ...blank, groups: ['', ''] },
  { ...blank, attributes: { z: '1', a: '2', Ä: '3', '😀': '4', '\uffff': '5' } },
  { ...blank, attributes: { 'a=b': 'c' } },
  { ...blank, attributes: { a: 'b=c' } },
  { ...blank, attributes: { a: '' } },
  { ...blank, attributes: { a: '[]' }, groups: [] },
  { ...blank, key: 'ключ', username: 'ключ', employeeId: '00123' },
];

function sqlHash(values: Values) {
  const groups = sql`${sql.param(values.groups)}::text[]`;
  return sql`select ${attrHashSql('r')} as hash from (select ${values.key}::text as key, ${values.username}::text as username, ${values.email}::text as email,
      ${values.displayName}::text as display_name, ${values.givenName}::text as given_name, ${values.familyName}::text as family_name,
      ${values.employeeId}::text as employee_id, ${groups} as groups, ${JSON.stringify(values.attributes)}::jsonb as attributes) r`;
}

/** Rows of a real dataset nobody here wrote, mapped as an import maps them. */
async function mappedRows(file: string, limit: number): Promise<Values[]> {
  const content = fs.readFileSync(path.resolve(__dirname, '../../../../shared/testdata', file));
  const rows: Values[] = [];
  for await (const chunk of parseFeed(new Uint8Array(content), 'csv', { allowNoRows: true })) {
    const mapping = defaultMapping(chunk.headers);
    for (const raw of chunk.rows) {
      const { account } = mapRow(raw, mapping);
      if (account) rows.push(account);
      if (rows.length >= limit) return rows;
    }
  }
  return rows;
}

describe('attrHash', () => {
  it('is the same for the same values, whatever the order of groups and attributes', () => {
    expect(attrHash({ ...blank, groups: ['b', 'a'], attributes: { y: '1', x: '2' } })).toBe(attrHash({ ...blank, groups: ['a', 'b'], attributes: { x: '2', y: '1' } }));
  });

  it('tells apart values that a joined text would confuse', () => {
    const hashes = hostile.map(attrHash);
    expect(new Set(hashes).size).toBe(hostile.length);
    expect(attrHash({ ...blank, key: 'a' })).not.toBe(attrHash({ ...blank, key: 'b' }));
  });
});

describe.each(testDrivers)('attrHash and attrHashSql agree on %s', (driver) => {
  const { t } = useDataTestDatabase(driver);

  it('on hostile values', async () => {
    for (const values of hostile) {
      const { rows } = await run<{ hash: string }>(t.db, sqlHash(values));
      expect(rows[0]!.hash, JSON.stringify(values)).toBe(attrHash(values));
    }
  });

  it('on real people (splink fake_1000, with its own columns as attributes)', async () => {
    const rows = await mappedRows('splink-fake-people/fake_1000.csv', 200);
    expect(rows.length).toBe(200);
    for (const values of rows) {
      const { rows: found } = await run<{ hash: string }>(t.db, sqlHash(values));
      expect(found[0]!.hash).toBe(attrHash(values));
    }
  });
});
