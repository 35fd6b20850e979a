import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { openTestDatabase, testDrivers, type TestDatabase } from '@/db/testing';
import { assignIdentity, confirmLink, createIdentityAndLink, ignoreAccount, unlinkAccount } from './account-actions';
import type { DataContext } from './context';
import { rematchApplication } from './matching';
import { foldFacetDeltas, situationCounts } from './facet-counts';
import { listReconciliation, type ReconcileQuery } from './reconciliation';
import { accountState, contexts, insertAccount, insertApplication, insertIdentity } from './testing/fixtures';

const rules = [
  { account: 'email', identity: 'email' },
  { account: 'username', identity: 'username' },
] as const;

const query = (over: Partial<ReconcileQuery> = {}): ReconcileQuery => ({
  q: '',
  situation: [],
  status: [],
  sort: 'account',
  dir: 'asc',
  page: 1,
  pageSize: 50,
  ...over,
});

describe.each(testDrivers)('matching and reconciliation on %s', (driver) => {
  let t: TestDatabase;
  let admin: DataContext;
  let viewer: DataContext;
  let app: { id: string; slug: string };
  const ids: Record<string, string> = {};
  const acc: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ admin, viewer } = await contexts(t.db));
    ids.ada = await insertIdentity(t.db, { username: 'ada', email: 'ada@example.com', displayName: 'Ada Lovelace' });
    ids.bob = await insertIdentity(t.db, { username: 'bob', email: 'shared@example.com', displayName: 'Bob Babbage' });
    ids.cy = await insertIdentity(t.db, { username: 'cy', email: 'Shared@Example.com ', displayName: 'Cy Clone' });
    app = await insertApplication(t.db, 'target', [...rules]);
    acc.exact = await insertAccount(t.db, app.id, { key: 'a.lovelace', email: '  ADA@example.COM', displayName: 'Ada L' });
    acc.byUsername = await insertAccount(t.db, app.id, { key: 'cy', email: 'cy@elsewhere.test' });
    acc.multiple = await insertAccount(t.db, app.id, { key: 'sales', email: 'shared@example.com' });
    acc.none = await insertAccount(t.db, app.id, { key: 'contractor', email: 'temp@agency.test', displayName: 'Temp Worker' });
    acc.none2 = await insertAccount(t.db, app.id, { key: 'bot', email: null, displayName: 'Build Bot' });
    await rematchApplication(t.db, app.id, [...rules]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('decides each situation with the first rule that finds anyone', async () => {
    expect(await accountState(t.db, acc.exact!)).toMatchObject({
      situation: 'exact_match', link_status: 'needs_confirmation', linked_identity_id: ids.ada, matched_rule: 0,
    });
    expect(await accountState(t.db, acc.byUsername!)).toMatchObject({ situation: 'exact_match', linked_identity_id: ids.cy, matched_rule: 1 });
    const multiple = await accountState(t.db, acc.multiple!);
    expect(multiple).toMatchObject({ situation: 'multiple_matches', link_status: 'unlinked', linked_identity_id: null });
    expect([...multiple.candidate_ids].sort()).toEqual([ids.bob, ids.cy].sort());
    expect(await accountState(t.db, acc.none!)).toMatchObject({ situation: 'no_match', candidate_ids: [] });
  });

  it('writes nothing when matching again over unchanged data', async () => {
    expect(await rematchApplication(t.db, app.id, [...rules])).toBe(0);
  });

  it('lists, searches, filters with faceted counts, sorts and pages in the database', async () => {
    const all = await listReconciliation(viewer, app.id, query());
    expect(all.total).toBe(5);
    expect(all.counts.situation).toMatchObject({ exact_match: 2, multiple_matches: 1, no_match: 2, manually_linked: 0 });
    expect(all.rows.map((r) => r.label)).toEqual(['Ada L', 'Build Bot', 'cy@elsewhere.test', 'shared@example.com', 'Temp Worker']);
    expect(all.rows[0]!.user).toMatchObject({ id: ids.ada, displayName: 'Ada Lovelace' });

    // "Confirm all exact matches" would confirm the two exact matches, fewer within a search or filter
    expect(all.confirmable).toBe(2);
    expect((await listReconciliation(viewer, app.id, query({ q: 'temp' }))).confirmable).toBe(0);
    expect((await listReconciliation(viewer, app.id, query({ q: 'ADA@' }))).confirmable).toBe(1);
    expect((await listReconciliation(viewer, app.id, query({ status: ['unlinked'] }))).confirmable).toBe(0);
    expect((await listReconciliation(viewer, app.id, query({ situation: ['exact_match', 'no_match'], pageSize: 10, page: 9 }))).confirmable).toBe(2);
    expect(await situationCounts(viewer, app.id)).toEqual(all.counts.situation);

    const search = await listReconciliation(viewer, app.id, query({ q: 'AGENCY' }));
    expect(search.rows.map((r) => r.key)).toEqual(['contractor']);

    const filtered = await listReconciliation(viewer, app.id, query({ situation: ['no_match'] }));
    expect(filtered.total).toBe(2);
    expect(filtered.counts.situation.exact_match).toBe(2); // a facet does not filter its own counts
    expect(filtered.counts.status).toMatchObject({ unlinked: 2, needs_confirmation: 0 });

    const paged = await listReconciliation(viewer, app.id, query({ sort: 'account', dir: 'desc', pageSize: 2, page: 2 }));
    expect(paged.rows.map((r) => r.label)).toEqual(['cy@elsewhere.test', 'Build Bot']);
  });

  it('sorts by user (named users in name order, then the rest by id) the same on every page', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const { rows } = await run<{ id: string }>(
        t.db,
        sql`select a.id from accounts a left join identities i on i.id = a.linked_identity_id
            where a.application_id = ${app.id} and a.status = 'active'
            order by lower(i.display_name) collate "C" ${sql.raw(dir)} nulls last, a.id ${sql.raw(dir)}`,
      );
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++) {
        paged.push(...(await listReconciliation(viewer, app.id, query({ sort: 'user', dir, pageSize: 2, page }))).rows.map((r) => r.id));
      }
      expect(paged).toEqual(rows.map((r) => r.id));
    }
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    expect((await listReconciliation(viewer, app.id, query({ q: '%' }))).total).toBe(0);
  });

  it('confirms a proposed link, and refuses a stale version with a plain message', async () => {
    const before = await accountState(t.db, acc.exact!);
    const confirmed = await confirmLink(admin, { accountId: acc.exact!, version: before.version });
    expect(confirmed).toMatchObject({ ok: true, value: { situation: 'manually_linked', linkStatus: 'linked', linkedIdentityId: ids.ada } });
    const stale = await ignoreAccount(admin, { accountId: acc.exact!, version: before.version });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await accountState(t.db, acc.exact!)).toMatchObject({ link_status: 'linked' });
    // a manual link is never overwritten by matching
    await rematchApplication(t.db, app.id, [...rules]);
    expect(await accountState(t.db, acc.exact!)).toMatchObject({ situation: 'manually_linked', linked_identity_id: ids.ada });
  });

  it('refuses every action to a viewer and changes nothing', async () => {
    const state = await accountState(t.db, acc.none!);
    const refused = await assignIdentity(viewer, { accountId: acc.none!, version: state.version, identityId: ids.bob! });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await accountState(t.db, acc.none!)).toEqual(state);
  });

  it('assigns an existing user to a multiple match, and audits it', async () => {
    const { version } = await accountState(t.db, acc.multiple!);
    const result = await assignIdentity(admin, { accountId: acc.multiple!, version, identityId: ids.bob! });
    expect(result).toMatchObject({ ok: true, value: { situation: 'manually_linked', linkedIdentityId: ids.bob } });
    const { rows } = await run<{ action: string; summary: string }>(t.db, sql`select action, summary from audit_entries where subject_id = ${acc.multiple}`);
    expect(rows).toEqual([expect.objectContaining({ action: 'account.assign', summary: expect.stringContaining('Bob Babbage') })]);
  });

  it('creates a user and links it; a taken username is a conflict that changes nothing', async () => {
    const { version } = await accountState(t.db, acc.none!);
    const taken = await createIdentityAndLink(admin, { accountId: acc.none!, version, identity: { username: 'ADA', email: 'x@y.z' } });
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict', field: 'username' } });
    const created = await createIdentityAndLink(admin, {
      accountId: acc.none!,
      version,
      identity: { username: 'temp.worker', email: 'temp@agency.test', displayName: 'Temp Worker' },
    });
    expect(created).toMatchObject({ ok: true, value: { situation: 'manually_linked', linkStatus: 'linked' } });
  });

  it('unlinks (keeping candidates, proposing nothing) and ignores', async () => {
    const { version } = await accountState(t.db, acc.byUsername!);
    const unlinked = await unlinkAccount(admin, { accountId: acc.byUsername!, version });
    expect(unlinked).toMatchObject({ ok: true, value: { linkStatus: 'unlinked', linkedIdentityId: null, situation: 'exact_match' } });
    await rematchApplication(t.db, app.id, [...rules]);
    expect(await accountState(t.db, acc.byUsername!)).toMatchObject({ link_status: 'unlinked', settled: true });
    const state = await accountState(t.db, acc.none2!);
    expect(await ignoreAccount(admin, { accountId: acc.none2!, version: state.version })).toMatchObject({ ok: true, value: { linkStatus: 'ignored' } });
  });

  it('counts facets from the deltas the triggers keep: the same as counting the accounts, before and after folding', async () => {
    const scanned = async () => {
      const { rows } = await run<{ situation: string; n: number }>(
        t.db,
        sql`select situation, count(*)::int as n from accounts where application_id = ${app.id} and status = 'active' group by situation`,
      );
      return Object.fromEntries(rows.map((r) => [r.situation, r.n]));
    };
    const deltaRows = async () => (await run<{ n: number }>(t.db, sql`select count(*)::int as n from account_facet_deltas where application_id = ${app.id}`)).rows[0]!.n;
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    await run(t.db, sql`update accounts set status = 'removed' where id = ${acc.none2!}`);
    const before = await listReconciliation(viewer, app.id, query());
    expect(nonZero(before.counts.situation)).toEqual(await scanned());
    expect(before.total).toBe(4);
    expect(await deltaRows()).toBeGreaterThan(4);
    await foldFacetDeltas(t.db, app.id);
    expect(await deltaRows()).toBeLessThanOrEqual(8);
    expect((await listReconciliation(viewer, app.id, query())).counts).toEqual(before.counts);
    await run(t.db, sql`update accounts set status = 'active' where id = ${acc.none2!}`);
  });
});

/**
 * A filter that keeps a few accounts of many is answered by gathering those few and sorting them
 * (pageIdsOfFew) instead of walking the sort's index: the same rows in the same order either way.
 */
describe.each(testDrivers)('a filter that keeps few of many accounts on %s', (driver) => {
  let t: TestDatabase;
  let viewer: DataContext;
  let app: { id: string; slug: string };
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ viewer } = await contexts(t.db));
    app = await insertApplication(t.db, 'target');
    people.zed = await insertIdentity(t.db, { username: 'zed', displayName: 'Zed Last' });
    people.amy = await insertIdentity(t.db, { username: 'amy', displayName: 'Amy First' });
    // 3,000 accounts with no match, and 5 with several candidates: 50 × 3,005 / 5 rows to walk past.
    await run(
      t.db,
      sql`insert into accounts (application_id, key, username, display_name, attr_hash)
          select ${app.id}, 'user' || g, 'user' || g, 'User ' || lpad(g::text, 5, '0'), md5(g::text) from generate_series(1, 3000) g`,
    );
    await run(
      t.db,
      sql`insert into accounts (application_id, key, username, display_name, attr_hash, situation, candidate_ids, linked_identity_id, link_status)
          values (${app.id}, 'm1', 'm1', 'Mia', md5('m1'), 'multiple_matches', array[${people.zed}, ${people.amy}]::uuid[], null, 'unlinked'),
                 (${app.id}, 'm2', 'm2', null, md5('m2'), 'multiple_matches', array[${people.zed}, ${people.amy}]::uuid[], ${people.zed}, 'linked'),
                 (${app.id}, 'm3', 'm3', 'Al', md5('m3'), 'multiple_matches', array[${people.zed}, ${people.amy}]::uuid[], ${people.amy}, 'linked'),
                 (${app.id}, 'm4', 'm4', 'Bo', md5('m4'), 'multiple_matches', array[${people.zed}, ${people.amy}]::uuid[], null, 'unlinked'),
                 (${app.id}, 'm5', 'm5', 'Cy', md5('m5'), 'multiple_matches', array[${people.zed}, ${people.amy}]::uuid[], null, 'unlinked')`,
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['account', 'asc', ['Al', 'Bo', 'Cy', 'm2', 'Mia']],
    ['account', 'desc', ['Mia', 'm2', 'Cy', 'Bo', 'Al']],
    ['user', 'asc', ['Al', 'm2']],
    ['user', 'desc', ['m2', 'Al']],
  ] as const)('sorted by %s %s', async (sort, dir, firstLabels) => {
    const result = await listReconciliation(viewer, app.id, query({ situation: ['multiple_matches'], sort, dir }));
    expect(result.total).toBe(5);
    expect(result.rows.map((r) => r.label).slice(0, firstLabels.length)).toEqual(firstLabels);
    // Two a page: page 2 is few enough to walk the sort's index (4 × 3,005 / 5 rows), and it agrees with the rows gathered and sorted.
    const whole = result.rows.map((r) => r.id);
    const second = await listReconciliation(viewer, app.id, query({ situation: ['multiple_matches'], sort, dir, page: 2, pageSize: 2 }));
    expect(second.rows.map((r) => r.id)).toEqual(whole.slice(2, 4));
  });

  // A search with few matches is answered in one pass over them; with more than the limit, by the page
  // query beside a count. Both must give the same rows, counts and totals, whatever the sort, filter or page.
  it.each([
    ['account', 'asc', 'user 00', []],
    ['account', 'desc', 'USER 001', ['no_match']],
    ['user', 'asc', 'm', []],
    ['user', 'desc', 'm', ['multiple_matches']],
    ['situation', 'desc', 'user', []],
    ['status', 'asc', 'user 02', ['no_match']],
    ['updated', 'desc', 'user 01', []],
  ] as const)('searches sorted by %s %s for "%s" (filter %j) the same in one pass or two', async (sort, dir, q, situation) => {
    for (const page of [1, 2, 5, 2000]) {
      const asked = query({ q, sort, dir, situation: [...situation], page, pageSize: 2 });
      const onePass = await listReconciliation(viewer, app.id, asked);
      const twoQueries = await listReconciliation(viewer, app.id, asked, { onePassUpTo: 3 });
      expect(onePass).toEqual(twoQueries);
      if (page === 1) expect(onePass.rows.length).toBeGreaterThan(0);
    }
  });

  it('counts a search that matches nothing, and pages past the end of one, without rows', async () => {
    const none = await listReconciliation(viewer, app.id, query({ q: 'nobody' }));
    expect(none).toMatchObject({ rows: [], total: 0 });
    expect(Object.values(none.counts.situation).every((n) => n === 0)).toBe(true);
    const beyond = await listReconciliation(viewer, app.id, query({ q: 'm', page: 9 }));
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBeGreaterThan(0);
  });

  it('answers a filter that keeps nothing with no rows, without reading the accounts', async () => {
    const result = await listReconciliation(viewer, app.id, query({ situation: ['manually_linked'] }));
    expect(result).toMatchObject({ rows: [], total: 0 });
    expect(result.counts.situation).toMatchObject({ no_match: 3000, multiple_matches: 5 });
  });
});
