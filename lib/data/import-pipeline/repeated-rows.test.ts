import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { getAccountDetail } from '../accounts';
import { deleteApplication } from '../applications';
import type { DataContext } from '../context';
import { applyImport, runImport, type ImportRequest } from '../imports';
import { insertApplication } from '../testing/fixtures';
import { useDataTestDatabase } from '../testing/test-database';

const csv = (...lines: string[]) => new TextEncoder().encode(`${['username,email,display_name', ...lines].join('\n')}\n`);
const feed = ['ada,ada@example.com,Ada Lovelace', 'grace,grace@example.com,Grace Hopper', 'alan,alan@example.com,Alan Turing'];

async function importFeed(ctx: DataContext, slug: string, content: Uint8Array, over: Partial<ImportRequest> = {}) {
  const result = await runImport(ctx, { applicationSlug: slug, content, fileName: 'feed.csv', trigger: 'upload', ...over });
  if (!result.ok) throw new Error(`import refused: ${result.error.message}`);
  return result.value;
}

/**
 * Rows that repeat an active account unchanged are recognised as the feed is read and never staged;
 * removals, duplicates and the account's history still come out as if every row had been kept.
 */
describe.each(testDrivers)('rows that repeat an account unchanged on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);
  let crm: { id: string; slug: string };

  const stagedKeys = async (importId: string) => {
    const { rows } = await run<{ key: string }>(t.db, sql`select key from import_rows where import_id = ${importId} order by row`);
    return rows.map((row) => row.key);
  };
  const accounts = async () => {
    const { rows } = await run<{ key: string; email: string; status: string; version: number }>(
      t.db,
      sql`select key, email, status, version from accounts where application_id = ${crm.id} order by key`,
    );
    return rows;
  };
  const errors = async (importId: string) => {
    const { rows } = await run<{ message: string }>(t.db, sql`select message from import_logs where import_id = ${importId} and level = 'error' order by row`);
    return rows.map((row) => row.message);
  };

  beforeAll(async () => {
    crm = await insertApplication(t.db, 'target', undefined, 1);
  });

  it('stages only the rows that add or change an account', async () => {
    const first = await importFeed(admin, crm.slug, csv(...feed));
    expect(await stagedKeys(first.id)).toEqual(['ada', 'grace', 'alan']);

    const same = await importFeed(admin, crm.slug, csv(...feed));
    expect(same.counts).toMatchObject({ accountsAdded: 0, accountsUpdated: 0, accountsRemoved: 0, accountsUnchanged: 3 });
    expect(await stagedKeys(same.id)).toEqual([]);

    const again = await importFeed(admin, crm.slug, csv(feed[0]!, 'grace,grace.hopper@example.com,Grace Hopper', feed[2]!));
    expect(again.counts).toMatchObject({ accountsUpdated: 1, accountsUnchanged: 2, accountsRemoved: 0 });
    expect(await stagedKeys(again.id)).toEqual(['grace']);
    expect((await accounts()).find((a) => a.key === 'grace')!.email).toBe('grace.hopper@example.com');
  });

  it("counts the feeds that repeated an account unchanged in the account's history", async () => {
    const { rows } = await run<{ id: string }>(t.db, sql`select id from accounts where application_id = ${crm.id} and key = 'ada'`);
    const detail = await getAccountDetail(admin, rows[0]!.id);
    expect(detail!.received).toHaveLength(1);
    expect(detail!.received[0]!.values.email).toBe('ada@example.com');
    expect(detail!.repeatedUnchanged).toBe(2);
  });

  it('ignores the later of two rows for one account, whichever of them repeats it unchanged', async () => {
    const current = [feed[0]!, 'grace,grace.hopper@example.com,Grace Hopper', feed[2]!];
    const before = await accounts();
    // Unchanged twice: the second is a duplicate.
    const twice = await importFeed(admin, crm.slug, csv(...current, feed[0]!));
    expect(twice.counts).toMatchObject({ rowsIgnored: 1, accountsUpdated: 0, accountsUnchanged: 3 });
    expect(await errors(twice.id)).toEqual([expect.stringMatching(/^Row \d+: username "ada" repeats row \d+; this row was ignored\.$/)]);
    expect(await accounts()).toEqual(before);
    // Unchanged first, changed later: the change is the duplicate, ignored.
    const laterChange = await importFeed(admin, crm.slug, csv(...current, 'ada,ada@lovelace.example,Ada Lovelace'));
    expect(laterChange.counts).toMatchObject({ rowsIgnored: 1, accountsUpdated: 0 });
    expect(await stagedKeys(laterChange.id)).toEqual([]);
    expect(await accounts()).toEqual(before);
    // Changed first, unchanged later: the change stands, the unchanged row is the one ignored.
    const earlierChange = await importFeed(admin, crm.slug, csv('ada,ada@lovelace.example,Ada Lovelace', ...current));
    expect(earlierChange.counts).toMatchObject({ rowsIgnored: 1, accountsUpdated: 1 });
    expect(await errors(earlierChange.id)).toEqual([expect.stringMatching(/^Row \d+: username "ada" repeats row \d+; this row was ignored\.$/)]);
    expect((await accounts()).find((a) => a.key === 'ada')!.email).toBe('ada@lovelace.example');
  });

  it('removes the accounts the feed no longer lists, and only those', async () => {
    const current = ['ada,ada@lovelace.example,Ada Lovelace', 'grace,grace.hopper@example.com,Grace Hopper'];
    const outcome = await importFeed(admin, crm.slug, csv(...current));
    expect(outcome.counts).toMatchObject({ accountsRemoved: 1, accountsUnchanged: 2, accountsUpdated: 0 });
    expect((await accounts()).map((a) => [a.key, a.status])).toEqual([
      ['ada', 'active'],
      ['alan', 'removed'],
      ['grace', 'active'],
    ]);
  });

  it('stops, applying nothing, when the accounts changed after the feed was read', async () => {
    const current = ['ada,ada@lovelace.example,Ada Lovelace', 'grace,grace.hopper@example.com,Grace Hopper'];
    // Read (staged for review) against the accounts as they are: nothing to stage.
    const preview = await importFeed(admin, crm.slug, csv(...current), { mode: 'preview' });
    expect(await stagedKeys(preview.id)).toEqual([]);
    // Meanwhile another feed changes Ada.
    await importFeed(admin, crm.slug, csv('ada,ada@example.org,Ada Lovelace', current[1]!));
    const before = await accounts();

    const applied = await applyImport(admin, preview.id);
    expect(applied.ok).toBe(false);
    if (applied.ok) return;
    expect(applied.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/accounts changed after this feed was read/) });
    expect(await accounts()).toEqual(before);
  });

  it('reads a feed again, under the lock, when another import of the application was applied while it was read', async () => {
    const other = await insertApplication(t.db, 'target', undefined, 1);
    await importFeed(admin, other.slug, csv(...feed));
    const feedWith = (email: string) => csv(`ada,${email},Ada Lovelace`, feed[1]!, feed[2]!);
    const outcomes = await Promise.all(['one@example.com', 'two@example.com', 'three@example.com'].map((email) => importFeed(admin, other.slug, feedWith(email))));
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const { rows } = await run<{ email: string; last: string }>(
      t.db,
      sql`select a.email, (select c.after->>'email' from import_changes c join imports i on i.id = c.import_id
                            where c.account_id = a.id order by i.finished_at desc limit 1) as last
          from accounts a where a.application_id = ${other.id} and a.key = 'ada'`,
    );
    // The account holds what the import applied last says it changed it to.
    expect(rows[0]!.email).toBe(rows[0]!.last);
  });

  it('deletes the accounts with their application (accounts carry no foreign key)', async () => {
    const { rows } = await run<{ version: number }>(t.db, sql`select version from applications where id = ${crm.id}`);
    const deleted = await deleteApplication(admin, crm.slug, rows[0]!.version);
    expect(deleted.ok).toBe(true);
    const left = await run<{ n: number }>(t.db, sql`select count(*)::int as n from accounts where application_id = ${crm.id}`);
    expect(left.rows[0]!.n).toBe(0);
  });
});
