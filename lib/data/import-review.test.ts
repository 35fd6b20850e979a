import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers, type TestDatabase } from '@/db/testing';
import { applyImport, discardImport, listPlannedChanges, runImport, type ImportRequest } from './imports';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
const people = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `user${from + i},user${from + i}@example.com`);

async function accounts(t: TestDatabase, applicationId: string) {
  const { rows } = await run<{ active: number; removed: number; versions: number }>(
    t.db,
    sql`select count(*) filter (where status = 'active')::int as active, count(*) filter (where status = 'removed')::int as removed,
               coalesce(sum(version), 0)::int as versions
        from accounts where application_id = ${applicationId}`,
  );
  return rows[0]!;
}

describe.each(testDrivers)('preview, safeguard and idempotency on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);
  let app: { id: string; slug: string };
  const request = (content: Uint8Array, over: Partial<ImportRequest> = {}): ImportRequest => ({
    applicationSlug: app.slug,
    content,
    fileName: 'feed.csv',
    trigger: 'api',
    ...over,
  });

  beforeAll(async () => {
    app = await insertApplication(t.db, 'target');
    const first = await runImport(admin, request(csv('username,email', ...people(1, 10))));
    expect(first).toMatchObject({ ok: true, value: { status: 'succeeded', counts: { accountsAdded: 10 } } });
  });

  it('holds a truncated feed and removes nothing', async () => {
    const before = await accounts(t, app.id);
    const held = await runImport(admin, request(csv('username,email', ...people(1, 5))));
    expect(held).toMatchObject({ ok: true, value: { status: 'held', holdReason: expect.stringMatching(/remove 5 of 10 accounts \(50 %\)/) } });
    expect(await accounts(t, app.id)).toEqual(before);

    const refused = await applyImport(admin, held.ok ? held.value.id : '');
    expect(refused).toMatchObject({ ok: false, error: { code: 'safeguard' } });
    expect(await applyImport(viewer, held.ok ? held.value.id : '', { overrideSafeguard: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const applied = await applyImport(admin, held.ok ? held.value.id : '', { overrideSafeguard: true });
    expect(applied).toMatchObject({ ok: true, value: { status: 'succeeded', counts: { accountsRemoved: 5, accountsUnchanged: 5 } } });
    const { rows } = await run<{ action: string; summary: string }>(
      t.db,
      sql`select action, summary from audit_entries where subject_id = ${held.ok ? held.value.id : ''} order by id`,
    );
    // what the import changed, then the admin's decision to apply it although the safeguard held it
    expect(rows).toEqual([
      { action: 'import.applied', summary: 'Applied a feed (api): accounts 5 removed' },
      expect.objectContaining({ action: 'import.override_safeguard' }),
    ]);
    expect(await accounts(t, app.id)).toMatchObject({ active: 5, removed: 5 });
  });

  it('holds a feed with a header and no rows while the application has accounts', async () => {
    const held = await runImport(admin, request(csv('username,email')));
    expect(held).toMatchObject({ ok: true, value: { status: 'held', holdReason: expect.stringMatching(/no valid rows.*all 5 accounts/) } });
  });

  it('previews a feed: planned counts and changes per account, nothing applied until Apply', async () => {
    const before = await accounts(t, app.id);
    const feed = csv('username,email', 'user1,changed@example.com', ...people(2, 5), 'user6,user6@example.com', 'user11,user11@example.com', ',nobody@example.com');
    const preview = await runImport(admin, request(feed, { mode: 'preview', trigger: 'upload' }));
    expect(preview).toMatchObject({ ok: true, value: { status: 'staged', counts: { accountsAdded: 1, accountsUpdated: 1, accountsRestored: 1, rowsRejected: 1 } } });
    expect(await accounts(t, app.id)).toEqual(before);
    const id = preview.ok ? preview.value.id : '';
    const plan = await listPlannedChanges(viewer, id);
    expect(plan.counts).toEqual({ add: 1, update: 1, restore: 1, remove: 0, reject: 1 });
    const update = await listPlannedChanges(viewer, id, { kind: 'update' });
    expect(update.changes[0]).toMatchObject({ key: 'user1', before: expect.objectContaining({ email: 'user1@example.com' }), after: expect.objectContaining({ email: 'changed@example.com' }) });
    expect((await listPlannedChanges(viewer, id, { kind: 'reject' })).changes[0]).toMatchObject({ row: 8, message: expect.stringMatching(/username/) });

    const applied = await applyImport(admin, id);
    expect(applied).toMatchObject({ ok: true, value: { status: 'partial', counts: { accountsAdded: 1, accountsUpdated: 1, accountsRestored: 1 } } });
    expect(await applyImport(admin, id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('discards a preview, and a dry run can never be applied', async () => {
    const before = await accounts(t, app.id);
    const preview = await runImport(admin, request(csv('username,email', ...people(1, 7), 'user99,x@example.com'), { mode: 'preview' }));
    const id = preview.ok ? preview.value.id : '';
    expect(await discardImport(admin, id)).toEqual({ ok: true, value: { id } });
    expect(await applyImport(admin, id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const dry = await runImport(admin, request(csv('username,email', ...people(1, 7), 'user98,y@example.com'), { mode: 'dry-run' }));
    expect(dry).toMatchObject({ ok: true, value: { status: 'staged', counts: { accountsAdded: 1 } } });
    expect(await applyImport(admin, dry.ok ? dry.value.id : '')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await accounts(t, app.id)).toEqual(before);
  });

  it('answers a retried request with the same Idempotency-Key with the same import, once', async () => {
    const feed = csv('username,email', ...people(1, 7), 'user50,user50@example.com');
    const first = await runImport(admin, request(feed, { idempotencyKey: 'nightly-2026-11-22' }));
    const again = await runImport(admin, request(feed, { idempotencyKey: 'nightly-2026-11-22' }));
    expect(first).toMatchObject({ ok: true, value: { replayed: false, counts: { accountsAdded: 1 } } });
    expect(again).toMatchObject({ ok: true, value: { replayed: true, id: first.ok ? first.value.id : '' } });
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from imports where idempotency_key = 'nightly-2026-11-22'`);
    expect(rows[0]!.n).toBe(1);
    const other = await runImport(admin, request(csv('username,email', 'x,x@example.com'), { idempotencyKey: 'nightly-2026-11-22' }));
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
