import { describe, expect, it } from 'vitest';
import { defaultMapping } from './mapping';
import { mapRow } from './map-row';
import { parseText } from './test-support';
import type { FeedFormat } from './types';

/** The same two accounts written in every format Concord reads. */
const feeds: Array<[FeedFormat, string]> = [
  ['csv', 'username,email,employeeId,groups,Cost Center\r\nalice,alice@example.com,00123,"Sales;IT",0042\r\nbob,bob@example.com,1e3,,\r\n'],
  ['tsv', 'username\temail\temployeeId\tgroups\tCost Center\nalice\talice@example.com\t00123\tSales;IT\t0042\nbob\tbob@example.com\t1e3\t\t\n'],
  [
    'json',
    '[{"username":"alice","email":"alice@example.com","employeeId":"00123","groups":["Sales","IT"],"Cost Center":"0042"},\n {"username":"bob","email":"bob@example.com","employeeId":"1e3","groups":[]}]',
  ],
  [
    'jsonl',
    '{"username":"alice","email":"alice@example.com","employeeId":"00123","groups":"Sales;IT","Cost Center":"0042"}\n{"username":"bob","email":"bob@example.com","employeeId":"1e3"}\n',
  ],
  [
    'xml-children',
    `<users>
      <user><username>alice</username><email>alice@example.com</email><employeeId>00123</employeeId><groups>Sales</groups><groups>IT</groups><CostCenter>0042</CostCenter></user>
      <user><username>bob</username><email>bob@example.com</email><employeeId>1e3</employeeId></user>
    </users>`,
  ],
  [
    'xml-attributes',
    `<users><user username="alice" email="alice@example.com" employeeId="00123" groups="Sales;IT" CostCenter="0042"/><user username="bob" email="bob@example.com" employeeId="1e3"/></users>`,
  ],
];

describe('every format reads to the same accounts', () => {
  it.each(feeds)('%s', async (format, text) => {
    const parsed = await parseText(text, format);
    expect(parsed.issues).toEqual([]);
    const mapping = defaultMapping(parsed.headers);
    const accounts = parsed.rows.map((row) => {
      const { account, issues } = mapRow(row, mapping);
      expect(issues).toEqual([]);
      return account && { ...account, row: 0 };
    });
    const common = { row: 0, displayName: null, givenName: null, familyName: null };
    expect(accounts).toEqual([
      { ...common, key: 'alice', username: 'alice', email: 'alice@example.com', employeeId: '00123', groups: ['Sales', 'IT'], attributes: { costCenter: '0042' } },
      { ...common, key: 'bob', username: 'bob', email: 'bob@example.com', employeeId: '1e3', groups: [], attributes: {} },
    ]);
  });
});
