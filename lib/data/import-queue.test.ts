import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle, type Executor } from '@/db/client';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import type { DataContext } from './context';
import { failAbandonedImports } from './import-pipeline/lease';
import { claimNextImport, runClaimedImport, type ClaimedImport } from './import-pipeline/queue';
import { expectedRows } from './import-pipeline/run-import';
import { createImportWorker } from './import-pipeline/worker';
import { drainImportQueue, enqueueImport, listImportLogs, runQueuedImport, waitForImport, type ImportRequest } from './imports';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
const feedOf = (prefix: string, n: number) => csv('username,email', ...Array.from({ length: n }, (_, i) => `${prefix}${i},${prefix}${i}@example.com`));

async function enqueue(ctx: DataContext, slug: string, content: Uint8Array, over: Partial<ImportRequest> = {}) {
  const result = await enqueueImport(ctx, { applicationSlug: slug, content, fileName: 'feed.csv', trigger: 'api', ...over });
  if (!result.ok) throw new Error(`enqueue refused: ${result.error.message}`);
  return result.value;
}

async function importRow(db: Executor, id: string) {
  const { rows } = await run<{ status: string; leaseOwner: string | null; leaseExpiresAt: unknown; startedAt: unknown; staged: number }>(
    db,
    sql`select status, lease_owner as "leaseOwner", lease_expires_at as "leaseExpiresAt", started_at as "startedAt",
               (select count(*)::int from import_rows where import_id = ${id}) as staged
        from imports where id = ${id}`,
  );
  return rows[0]!;
}

async function accountCount(db: Executor, applicationId: string) {
  const { rows } = await run<{ n: number }>(db, sql`select count(*)::int as n from accounts where application_id = ${applicationId}`);
  return rows[0]!.n;
}

/** Claims until the queue is empty, as one worker would (without processing what it claims). */
async function claimAll(db: Executor): Promise<ClaimedImport[]> {
  const claimed: ClaimedImport[] = [];
  for (let next = await claimNextImport(db); next; next = await claimNextImport(db)) claimed.push(next);
  return claimed;
}

describe('expectedRows: the total of the progress bar while a feed is read', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('counts the lines after the header of a line-based feed, with or without a final newline', () => {
    expect(expectedRows(bytes('username\na\nb\n'), 'csv')).toBe(2);
    expect(expectedRows(bytes('username\r\na\r\nb'), 'tsv')).toBe(2);
    expect(expectedRows(bytes('{"u":"a"}\n{"u":"b"}\n{"u":"c"}'), 'jsonl')).toBe(3);
    expect(expectedRows(bytes(''), 'csv')).toBe(0);
  });
  it('does not guess for formats that are not one row a line', () => {
    expect(expectedRows(bytes('[{"u":"a"}]'), 'json')).toBeNull();
    expect(expectedRows(bytes('<a><u>x</u></a>'), 'xml-children')).toBeNull();
  });
});

describe.each(testDrivers)('the import queue on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  it('records a queued import without running it; the worker claims the oldest first and runs it', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const first = await enqueue(admin, app.slug, feedOf('a', 3));
    const second = await enqueue(admin, app.slug, feedOf('b', 2));
    expect(first).toMatchObject({ status: 'queued', counts: null, replayed: false });
    expect(await importRow(t.db, first.id)).toMatchObject({ status: 'queued', leaseOwner: null, leaseExpiresAt: null, startedAt: null, staged: 0 });
    expect(await accountCount(t.db, app.id)).toBe(0);

    const claimed = await claimNextImport(t.db);
    expect(claimed).toMatchObject({ importId: first.id, mode: 'apply', app: { id: app.id, slug: app.slug } });
    const held = await importRow(t.db, first.id);
    expect(held).toMatchObject({ status: 'running', leaseOwner: expect.any(String) });
    expect(held.leaseExpiresAt).not.toBeNull();
    expect(held.startedAt).not.toBeNull();
    expect(await runClaimedImport(t.db, claimed!)).toMatchObject({ id: first.id, status: 'succeeded', counts: expect.objectContaining({ accountsAdded: 3 }) });

    const rest = await drainImportQueue(t.db);
    expect(rest.map((o) => [o.id, o.status])).toEqual([[second.id, 'succeeded']]);
    expect(await importRow(t.db, second.id)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    // The second feed is the full list: the first's three accounts are removed, its two added.
    expect(rest[0]!.counts).toMatchObject({ accountsAdded: 2, accountsRemoved: 3 });
    expect(await claimNextImport(t.db)).toBeNull();
  });

  it('keeps the mode: a browser upload is staged for review, a dry run can never be applied', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const preview = await enqueue(admin, app.slug, feedOf('p', 2), { mode: 'preview', trigger: 'upload' });
    const dry = await enqueue(admin, app.slug, feedOf('d', 2), { mode: 'dry-run' });
    const outcomes = await drainImportQueue(t.db);
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([
      [preview.id, 'staged'],
      [dry.id, 'staged'],
    ]);
    const { rows } = await run<{ dry_run: boolean }>(t.db, sql`select dry_run from imports where id = ${dry.id}`);
    expect(rows[0]!.dry_run).toBe(true);
    expect(await accountCount(t.db, app.id)).toBe(0);
  });

  it('answers a replayed Idempotency-Key with the same import, queued or finished; another body with it is a conflict', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const feed = feedOf('k', 2);
    const first = await enqueue(admin, app.slug, feed, { idempotencyKey: 'nightly-1' });
    const whileQueued = await enqueue(admin, app.slug, feed, { idempotencyKey: 'nightly-1' });
    expect(whileQueued).toMatchObject({ id: first.id, status: 'queued', replayed: true });
    await drainImportQueue(t.db);
    const afterwards = await enqueue(admin, app.slug, feed, { idempotencyKey: 'nightly-1' });
    expect(afterwards).toMatchObject({ id: first.id, status: 'succeeded', replayed: true });
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from imports where application_id = ${app.id}`);
    expect(rows[0]!.n).toBe(1);
    const other = await enqueueImport(admin, { applicationSlug: app.slug, content: feedOf('z', 1), trigger: 'api', idempotencyKey: 'nightly-1' });
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await drainImportQueue(t.db)).toEqual([]);
  });

  it('checks rights and format before recording anything', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    expect(await enqueueImport(viewer, { applicationSlug: app.slug, content: feedOf('v', 1), trigger: 'upload' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await enqueueImport(admin, { applicationSlug: app.slug, content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), fileName: 'x.pdf', trigger: 'upload' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported_format' },
    });
    expect(await enqueueImport(admin, { applicationSlug: 'no-such-app', content: feedOf('v', 1), trigger: 'api' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from imports where application_id = ${app.id}`);
    expect(rows[0]!.n).toBe(0);
  });

  it('ends a job that cannot be processed failed, with the reason, and applies nothing', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    await enqueue(admin, app.slug, feedOf('ok', 2));
    await drainImportQueue(t.db);
    const bad = await enqueue(admin, app.slug, csv('display_name,department', 'Hana,Engineering'));
    const [outcome] = await drainImportQueue(t.db);
    expect(outcome).toMatchObject({ id: bad.id, status: 'failed', error: expect.stringMatching(/no column for the required attribute "username"/) });
    const logs = await listImportLogs(viewer, bad.id, { level: 'error' });
    expect(logs.lines[0]).toMatchObject({ field: 'username', message: expect.stringMatching(/Columns found: display_name, department/) });
    expect(await importRow(t.db, bad.id)).toMatchObject({ status: 'failed', leaseOwner: null, staged: 0 });
    // The expected total of a feed that was never read to its end is not kept as if it had been counted.
    const { rows: totals } = await run<{ rowsTotal: number | null }>(t.db, sql`select rows_total as "rowsTotal" from imports where id = ${bad.id}`);
    expect(totals[0]!.rowsTotal).toBeNull();
    expect(await accountCount(t.db, app.id)).toBe(2);

    // A feed deleted while its import waited in the queue: the job fails saying so.
    const orphan = await enqueue(admin, app.slug, feedOf('gone', 1));
    await run(t.db, sql`delete from feeds where id = (select feed_id from imports where id = ${orphan.id})`);
    expect(await drainImportQueue(t.db)).toMatchObject([{ id: orphan.id, status: 'failed', error: expect.stringMatching(/feed was deleted/) }]);
  });

  it('sweeps an import whose lease ran out, never a queued one that waits for a worker', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const waiting = await enqueue(admin, app.slug, feedOf('w', 1));
    const stalled = await enqueue(admin, app.slug, feedOf('s', 1));
    await run(t.db, sql`update imports set created_at = created_at - interval '1 hour' where id = ${stalled.id}`);
    // A worker claims the older one and dies: its lease is never renewed.
    expect((await claimNextImport(t.db))?.importId).toBe(stalled.id);
    expect(await failAbandonedImports(t.db)).toBe(0);
    await run(t.db, sql`update imports set lease_expires_at = now() - interval '1 second' where id = ${stalled.id}`);
    // Queued for hours, with no lease at all: still waiting, not swept.
    await run(t.db, sql`update imports set created_at = created_at - interval '3 hours' where id = ${waiting.id}`);
    expect(await failAbandonedImports(t.db)).toBe(1);
    expect(await importRow(t.db, stalled.id)).toMatchObject({ status: 'failed', leaseOwner: null });
    expect(await importRow(t.db, waiting.id)).toMatchObject({ status: 'queued' });
    expect(await drainImportQueue(t.db)).toMatchObject([{ id: waiting.id, status: 'succeeded' }]);
  });

  it('wakes the worker at once when an import is queued in this process, and polls for imports queued elsewhere', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const quiet = () => {};
    // A poll of a minute: only the in-process signal can make it this fast.
    const worker = createImportWorker(t.db, { pollMs: 60_000, log: quiet });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      const queued = await enqueue(admin, app.slug, feedOf('wake', 2));
      const outcome = await waitForImport(t.db, queued.id, { timeoutMs: 20_000, pollMs: 5_000 });
      expect(outcome.status).toBe('succeeded');
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await worker.stop();
    }

    const polling = createImportWorker(t.db, { pollMs: 150, log: quiet });
    try {
      await new Promise((r) => setTimeout(r, 200));
      // Another instance's import: a row written straight into the table, no signal in this process.
      const { rows } = await run<{ id: string }>(
        t.db,
        sql`insert into imports (application_id, feed_id, status, trigger, actor, format)
            select application_id, feed_id, 'queued', 'api', 'token:elsewhere', format from imports where application_id = ${app.id} limit 1
            returning id`,
      );
      const outcome = await waitForImport(t.db, rows[0]!.id, { timeoutMs: 20_000, pollMs: 50 });
      expect(outcome).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ accountsUnchanged: 2 }) });
    } finally {
      await polling.stop();
    }
  });

  it(driver === 'pglite' ? 'vacuums the tables an import churned once the queue is idle' : 'leaves vacuum to autovacuum when idle', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const logged: string[] = [];
    const worker = createImportWorker(t.db, { pollMs: 100, log: (message) => logged.push(message) });
    try {
      const queued = await enqueue(admin, app.slug, feedOf('idle', 3000));
      expect(await waitForImport(t.db, queued.id, { timeoutMs: 20_000, pollMs: 50 })).toMatchObject({ status: 'succeeded' });
      const upkept = () => logged.some((m) => /^embedded upkeep: .*vacuum accounts/.test(m));
      // a few idle polls
      for (let i = 0; i < 20 && !upkept(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(upkept()).toBe(driver === 'pglite');
    } finally {
      await worker.stop();
    }
  });

  it('sees one queued import through: runs it here unless a worker took it, then waits for that worker', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const here = await enqueue(admin, app.slug, feedOf('h', 2), { trigger: 'schedule' });
    expect(await runQueuedImport(t.db, here.id, { timeoutMs: 5_000 })).toMatchObject({ id: here.id, status: 'succeeded' });

    const taken = await enqueue(admin, app.slug, feedOf('t', 3), { trigger: 'schedule' });
    const claimed = await claimNextImport(t.db);
    expect(claimed?.importId).toBe(taken.id);
    const [byWorker, awaited] = await Promise.all([runClaimedImport(t.db, claimed!), runQueuedImport(t.db, taken.id, { timeoutMs: 20_000 })]);
    expect(awaited).toMatchObject({ id: taken.id, status: 'succeeded', counts: byWorker.counts });
    expect(byWorker.counts).toMatchObject({ accountsAdded: 3, accountsRemoved: 2 });
  });

  it('answers a wait that runs out with the import still pending', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const queued = await enqueue(admin, app.slug, feedOf('late', 1));
    const started = Date.now();
    expect(await waitForImport(t.db, queued.id, { timeoutMs: 300, pollMs: 100 })).toMatchObject({ id: queued.id, status: 'queued' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // A client that goes away ends the wait at once; the import stays queued for a worker.
    const gone = new AbortController();
    const waiting = waitForImport(t.db, queued.id, { timeoutMs: 60_000, pollMs: 30_000, signal: gone.signal });
    setTimeout(() => gone.abort(), 100);
    const abortedAt = Date.now();
    expect(await waiting).toMatchObject({ id: queued.id, status: 'queued' });
    expect(Date.now() - abortedAt).toBeLessThan(5_000);
    await drainImportQueue(t.db);
  });
});

// PGlite has one connection in one process: there, claims cannot race. On the Postgres server they can.
describe.each(testDrivers.filter((d) => d !== 'pglite'))('concurrent workers on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);

  it('never gives one import to two workers on separate connections', async () => {
    // A second pool on the same database: another server process, as far as Postgres can tell.
    const other: DbHandle = await openDatabase({ driver: 'pg', url: t.url! });
    try {
      const apps = await Promise.all(Array.from({ length: 4 }, () => insertApplication(t.db, 'target', undefined, 1)));
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await enqueue(admin, apps[i % 4]!.slug, feedOf(`c${i}-`, 2))).id);
      const claims = await Promise.all([claimAll(t.db), claimAll(t.db), claimAll(other.db), claimAll(other.db)]);
      const claimed = claims.flat().map((c) => c.importId);
      expect(claimed.toSorted()).toEqual(ids.toSorted());
      expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
      // Processing them on two workers at once: every import runs exactly once.
      const [mine, theirs] = await Promise.all([
        Promise.all(claims[0]!.concat(claims[1]!).map((c) => runClaimedImport(t.db, c))),
        Promise.all(claims[2]!.concat(claims[3]!).map((c) => runClaimedImport(other.db, c))),
      ]);
      expect([...mine, ...theirs].map((o) => o.status).every((s) => s === 'succeeded')).toBe(true);

      for (let i = 0; i < 12; i++) ids.push((await enqueue(admin, apps[i % 4]!.slug, feedOf(`d${i}-`, 2))).id);
      const drained = await Promise.all([drainImportQueue(t.db), drainImportQueue(other.db)]);
      const ran = drained.flat().map((o) => o.id);
      expect(new Set(ran).size).toBe(12);
      expect(ran).toHaveLength(12);
      const { rows } = await run<{ status: string; n: number }>(t.db, sql`select status, count(*)::int as n from imports group by status`);
      expect(rows.filter((r) => r.status === 'queued' || r.status === 'running')).toEqual([]);
    } finally {
      await other.close();
    }
  }, 120_000);
});
