import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import type { DataContext } from '@/lib/data/context';
import { contexts, insertAccount, insertApplication } from '@/lib/data/testing/fixtures';
import { exportAccounts } from './accounts-export';
import { parseAccountsQuery } from './accounts-query';

describe('parseAccountsQuery', () => {
  const parse = (query: string) => parseAccountsQuery(new URLSearchParams(query));
  it('defaults to JSON, every account, sorted by account', () => {
    expect(parse('')).toEqual({ ok: true, value: { format: 'json', q: '', situation: [], status: [], sort: 'account', dir: 'asc' } });
  });
  it('reads the page parameters, lists comma-separated or repeated', () => {
    expect(parse('format=CSV&q=%20ada%20&situation=no_match,exact_match&situation=no_match&status=unlinked&sort=status&dir=desc')).toEqual({
      ok: true,
      value: { format: 'csv', q: 'ada', situation: ['no_match', 'exact_match'], status: ['unlinked'], sort: 'status', dir: 'desc' },
    });
  });
  it.each([
    ['format=xlsx', 'format'],
    ['situation=maybe', 'situation'],
    ['status=linked,gone', 'status'],
    ['sort=password', 'sort'],
    ['dir=up', 'dir'],
    [`q=${'x'.repeat(201)}`, 'q'],
  ])('refuses %s naming the parameter', (query, field) => {
    expect(parse(query)).toMatchObject({ ok: false, error: { code: 'invalid', field } });
  });
});

describe('exportAccounts (in-memory PGlite)', () => {
  let t: TestDatabase;
  let admin: DataContext;
  let app: { id: string; slug: string };
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    ({ admin } = await contexts(t.db));
    app = await insertApplication(t.db, 'target');
    for (let i = 0; i < 205; i++) {
      await insertAccount(t.db, app.id, { key: `user-${String(i).padStart(3, '0')}`, email: `u${i}@example.com`, displayName: `User ${i}` });
    }
    await insertAccount(t.db, app.id, { key: 'zz-evil', username: '=HYPERLINK("http://x","y")', email: '@evil', displayName: '-2+3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const query = (over: Partial<Parameters<typeof exportAccounts>[2]> = {}) =>
    ({ format: 'json', q: '', situation: [], status: [], sort: 'account', dir: 'asc', ...over }) as Parameters<typeof exportAccounts>[2];

  it('streams every page as one JSON array', async () => {
    const response = await exportAccounts(admin, app, query());
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('x-total-count')).toBe('206');
    const items = (await response.json()) as { accountKey: string; situation: string; user: unknown }[];
    expect(items).toHaveLength(206);
    expect(new Set(items.map((i) => i.accountKey)).size).toBe(206);
    expect(items[0]).toMatchObject({ accountKey: expect.any(String), situation: 'no_match', status: 'unlinked', user: null });
  });

  it('writes an empty JSON array when nothing matches', async () => {
    expect(await (await exportAccounts(admin, app, query({ q: 'nobody-like-this' }))).json()).toEqual([]);
  });

  it('writes CSV with the header row, filters applied, formulas neutralised', async () => {
    const response = await exportAccounts(admin, app, query({ format: 'csv', q: 'evil' }));
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="${app.slug}-accounts-.*\\.csv"`));
    const text = await response.text();
    expect(text).toBe(
      'account_key,account,username,email,situation,status,user_email,user_username\r\n' +
        `zz-evil,'-2+3,"'=HYPERLINK(""http://x"",""y"")",'@evil,no_match,unlinked,,\r\n`,
    );
  });

  it('writes every account as one CSV line', async () => {
    const text = await (await exportAccounts(admin, app, query({ format: 'csv' }))).text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(207);
  });
});
