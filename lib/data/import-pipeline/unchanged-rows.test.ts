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
 * A row that hashes the same as its active account is staged as its key and hash alone; applying
 * re-checks it, and an account changed after the feed was read stops the import.
 */
describe.each(testDrivers)('rows staged as unchanged on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);
  let crm: { id: string; slug: string };

  const staged = async (importId: string) => {
    const { rows } = await run<{ key: string; unchanged: boolean; email: string | null }>(
      t.db,
      sql`select key, unchanged, email from import_rows where import_id = ${importId} order by row`,
    );
    return rows;
  };

  beforeAll(async () => {
    crm = await insertApplication(t.db, 'target', undefined, 1);
  });

  it('keeps only key and hash of the rows that did not change, and applies the one that did', async () => {
    const first = await importFeed(admin, crm.slug, csv(...feed));
    expect((await staged(first.id)).every((row) => !row.unchanged && row.email !== null)).toBe(true);

    const again = await importFeed(admin, crm.slug, csv(feed[0]!, 'grace,grace.hopper@example.com,Grace Hopper', feed[2]!));
    expect(again.counts).toMatchObject({ accountsUpdated: 1, accountsUnchanged: 2 });
    expect(await staged(again.id)).toEqual([
      { key: 'ada', unchanged: true, email: null },
      { key: 'grace', unchanged: false, email: 'grace.hopper@example.com' },
      { key: 'alan', unchanged: true, email: null },
    ]);
    const { rows } = await run<{ email: string }>(t.db, sql`select email from accounts where application_id = ${crm.id} and key = 'grace'`);
    expect(rows[0]!.email).toBe('grace.hopper@example.com');
  });

  it("shows an unchanged row's values in the account's history as those it repeated", async () => {
    const { rows } = await run<{ id: string }>(t.db, sql`select id from accounts where application_id = ${crm.id} and key = 'ada'`);
    const detail = await getAccountDetail(admin, rows[0]!.id);
    expect(detail!.received.map((r) => [r.unchanged, r.values.email])).toEqual([
      [true, 'ada@example.com'],
      [false, 'ada@example.com'],
    ]);
  });

  it('stops, applying nothing, when an account changed after the feed was read', async () => {
    const current = [feed[0]!, 'grace,grace.hopper@example.com,Grace Hopper', feed[2]!];
    // Read (staged for review) while the accounts are as they are: all three unchanged.
    const preview = await importFeed(admin, crm.slug, csv(...current), { mode: 'preview' });
    expect((await staged(preview.id)).map((row) => row.unchanged)).toEqual([true, true, true]);
    // Meanwhile another feed changes Ada.
    await importFeed(admin, crm.slug, csv('ada,ada@lovelace.example,Ada Lovelace', current[1]!, current[2]!));
    const before = await run(t.db, sql`select key, email, version from accounts where application_id = ${crm.id} order by key`);

    const applied = await applyImport(admin, preview.id);
    expect(applied.ok).toBe(false);
    if (applied.ok) return;
    expect(applied.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^1 account changed after this feed was read/) });
    expect((await run(t.db, sql`select key, email, version from accounts where application_id = ${crm.id} order by key`)).rows).toEqual(before.rows);
  });

  it('deletes the accounts with their application (accounts carry no foreign key)', async () => {
    const { rows } = await run<{ version: number }>(t.db, sql`select version from applications where id = ${crm.id}`);
    const deleted = await deleteApplication(admin, crm.slug, rows[0]!.version);
    expect(deleted.ok).toBe(true);
    const left = await run<{ n: number }>(t.db, sql`select count(*)::int as n from accounts where application_id = ${crm.id}`);
    expect(left.rows[0]!.n).toBe(0);
  });
});
