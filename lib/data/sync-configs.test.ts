import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { runDueSyncs, runSync, scheduleActor, syncNow } from '@/lib/sync/run-sync';
import { deleteSyncConfig, getSyncConfig, saveSyncConfig, setSyncEnabled } from './sync-configs';
import { claimDueSync, getSyncPull, listDueSyncs, listSyncRuns, recordSyncResult, startSyncRun } from './sync-runs';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

/** A feed server on loopback, started here: refused by default, allowed with allowPrivateNetwork. */
let server: http.Server;
let base: string;
const seenAuthorization: (string | undefined)[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenAuthorization.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('employee_id,username,email,first_name,last_name\nE1,ada,ada@example.com,Ada,Lovelace\nE2,grace,grace@example.com,Grace,Hopper\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const minutesFromNow = (date: Date | null) => (date ? Math.round((date.getTime() - Date.now()) / 60_000) : null);

describe.each(testDrivers)('sync configurations on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  async function makeDue(slug: string) {
    await run(t.db, sql`update sync_configs set next_run_at = now() - interval '1 minute' where application_id = (select id from applications where slug = ${slug})`);
  }

  it('creates a source configuration: enabled, next run one interval ahead, the secret never returned nor audited', async () => {
    const hr = await insertApplication(t.db, 'source');
    expect(await getSyncConfig(viewer, hr.slug)).toBeNull();
    const saved = await saveSyncConfig(admin, hr.slug, {
      url: 'https://hr.example.com/people.csv',
      intervalMinutes: 60,
      allowPrivateNetwork: false,
      authorization: 'Bearer top-secret',
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value).toMatchObject({ url: 'https://hr.example.com/people.csv', enabled: true, hasAuthorization: true, format: null, version: 1 });
    expect(saved.value).not.toHaveProperty('authorization');
    expect(JSON.stringify(saved.value)).not.toContain('top-secret');
    expect(minutesFromNow(saved.value.nextRunAt)).toBe(60);
    const read = await getSyncConfig(viewer, hr.slug);
    expect(JSON.stringify(read)).not.toContain('top-secret');
    const { rows } = await run<{ action: string; entry: string }>(
      t.db,
      sql`select action, row_to_json(e)::text as entry from audit_entries e where application_id = ${hr.id}`,
    );
    expect(rows.map((r) => r.action)).toEqual(['sync.create']);
    expect(rows[0]!.entry).not.toContain('top-secret');
  });

  it('refuses viewers, plain http to the internet, credentials in the URL and unknown intervals', async () => {
    const hr = await insertApplication(t.db, 'source');
    const input = { url: 'https://hr.example.com/people.csv', intervalMinutes: 60, allowPrivateNetwork: false };
    const byViewer = await saveSyncConfig(viewer, hr.slug, input);
    expect(!byViewer.ok && byViewer.error.code).toBe('forbidden');
    const plain = await saveSyncConfig(admin, hr.slug, { ...input, url: 'http://hr.example.com/people.csv' });
    expect(!plain.ok && plain.error).toMatchObject({ code: 'invalid', field: 'url' });
    const plainAllowed = await saveSyncConfig(admin, hr.slug, { ...input, url: 'http://10.1.2.3/people.csv', allowPrivateNetwork: true });
    expect(plainAllowed.ok).toBe(true);
    const other = await insertApplication(t.db, 'source');
    const credentials = await saveSyncConfig(admin, other.slug, { ...input, url: 'https://u:p@hr.example.com/x.csv' });
    expect(!credentials.ok && credentials.error.message).toBe('Put credentials in the Authorization header, not in the URL.');
    const interval = await saveSyncConfig(admin, other.slug, { ...input, intervalMinutes: 7 });
    expect(!interval.ok && interval.error.field).toBe('intervalMinutes');
    const injected = await saveSyncConfig(admin, other.slug, { ...input, authorization: 'Bearer x\r\nX-Evil: 1' });
    expect(!injected.ok && injected.error.field).toBe('authorization');
    const missing = await saveSyncConfig(admin, 'no-such-app', input);
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('changes with the current version only; a blank header keeps the stored one, null removes it', async () => {
    const hr = await insertApplication(t.db, 'source');
    const input = { url: 'https://hr.example.com/a.csv', intervalMinutes: 1440, allowPrivateNetwork: false, authorization: 'Bearer one' };
    const created = await saveSyncConfig(admin, hr.slug, input);
    expect(created.ok).toBe(true);
    const again = await saveSyncConfig(admin, hr.slug, input);
    expect(!again.ok && again.error.code).toBe('conflict');
    const kept = await saveSyncConfig(admin, hr.slug, { ...input, url: 'https://hr.example.com/b.csv', format: 'json', authorization: '', version: 1 });
    expect(kept.ok && kept.value).toMatchObject({ url: 'https://hr.example.com/b.csv', format: 'json', hasAuthorization: true, version: 2 });
    expect((await getSyncPull(admin, hr.slug))?.authorization).toBe('Bearer one');
    const stale = await saveSyncConfig(admin, hr.slug, { ...input, version: 1 });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const removed = await saveSyncConfig(admin, hr.slug, { ...input, authorization: null, version: 2 });
    expect(removed.ok && removed.value.hasAuthorization).toBe(false);
    const byViewer = await catchThrown(() => getSyncPull(viewer, hr.slug));
    expect(byViewer).toBe('forbidden');
  });

  it('disables (no next run, never due), enables (next run one interval ahead) and deletes, each audited', async () => {
    const hr = await insertApplication(t.db, 'source');
    const created = await saveSyncConfig(admin, hr.slug, { url: 'https://hr.example.com/a.csv', intervalMinutes: 15, allowPrivateNetwork: false });
    if (!created.ok) throw new Error(created.error.message);
    const disabled = await setSyncEnabled(admin, hr.slug, false, 1);
    expect(disabled.ok && disabled.value).toMatchObject({ enabled: false, nextRunAt: null, version: 2 });
    await run(t.db, sql`update sync_configs set next_run_at = now() - interval '1 hour' where id = ${created.value.id}`);
    expect((await listDueSyncs(t.db, new Date(), 100)).map((d) => d.id)).not.toContain(created.value.id);
    expect(await claimDueSync(t.db, created.value.id, new Date())).toBeNull();
    const stale = await setSyncEnabled(admin, hr.slug, true, 1);
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const enabled = await setSyncEnabled(admin, hr.slug, true, 2);
    expect(enabled.ok && minutesFromNow(enabled.value.nextRunAt)).toBe(15);
    const staleDelete = await deleteSyncConfig(admin, hr.slug, 2);
    expect(!staleDelete.ok && staleDelete.error.code).toBe('conflict');
    expect((await deleteSyncConfig(admin, hr.slug, 3)).ok).toBe(true);
    expect(await getSyncConfig(viewer, hr.slug)).toBeNull();
    const { rows } = await run<{ action: string }>(t.db, sql`select action from audit_entries where application_id = ${hr.id} order by id`);
    expect(rows.map((r) => r.action)).toEqual(['sync.create', 'sync.disable', 'sync.enable', 'sync.delete']);
  });

  it('lets exactly one of two concurrent claims take a due configuration', async () => {
    const hr = await insertApplication(t.db, 'source');
    const created = await saveSyncConfig(admin, hr.slug, { url: 'https://hr.example.com/a.csv', intervalMinutes: 60, allowPrivateNetwork: false, authorization: 'Bearer k' });
    if (!created.ok) throw new Error(created.error.message);
    await makeDue(hr.slug);
    const now = new Date();
    const due = await listDueSyncs(t.db, now, 100);
    expect(due.find((d) => d.id === created.value.id)).toMatchObject({ applicationSlug: hr.slug, authorization: 'Bearer k', intervalMinutes: 60 });
    const claims = await Promise.all([claimDueSync(t.db, created.value.id, now), claimDueSync(t.db, created.value.id, now)]);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    const after = await getSyncConfig(viewer, hr.slug);
    expect(after?.nextRunAt?.getTime()).toBe(now.getTime() + 60 * 60_000);
    expect(after?.version).toBe(1);
    expect(await claimDueSync(t.db, created.value.id, now)).toBeNull();
  });

  it('records a failure without an import on the configuration and in the audit log', async () => {
    const hr = await insertApplication(t.db, 'source');
    const created = await saveSyncConfig(admin, hr.slug, { url: 'https://hr.example.com/a.csv', intervalMinutes: 60, allowPrivateNetwork: false });
    if (!created.ok) throw new Error(created.error.message);
    await recordSyncResult(t.db, created.value.id, { error: 'The server answered 500.' });
    const read = await getSyncConfig(viewer, hr.slug);
    expect(read).toMatchObject({ lastError: 'The server answered 500.', lastImport: null });
    expect(read?.lastRunAt).toBeInstanceOf(Date);
    const { rows } = await run<{ actor: string; summary: string }>(t.db, sql`select actor, summary from audit_entries where application_id = ${hr.id} and action = 'sync.failed'`);
    expect(rows).toEqual([{ actor: 'system:schedule', summary: 'The pull from https://hr.example.com/a.csv failed: The server answered 500.' }]);
  });

  it('refuses to pull from the loopback server by default, and says so on the configuration', async () => {
    const hr = await insertApplication(t.db, 'source');
    const saved = await saveSyncConfig(admin, hr.slug, { url: `${base.replace('http:', 'https:')}/people.csv`, intervalMinutes: 60, allowPrivateNetwork: false });
    if (!saved.ok) throw new Error(saved.error.message);
    const pull = (await getSyncPull(admin, hr.slug))!;
    const result = await runSync(t.db, pull, 'schedule', scheduleActor);
    expect(result).toEqual({
      application: hr.slug,
      importId: null,
      status: 'failed',
      error: "The address 127.0.0.1 is a loopback address; enable 'Allow private network' to pull from it.",
    });
    expect((await getSyncConfig(viewer, hr.slug))?.lastError).toBe(result.error);
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from imports where application_id = ${hr.id}`);
    expect(rows[0]!.n).toBe(0);
    // No import, but the run is in the pull history with its error.
    const history = await listSyncRuns(viewer, hr.slug);
    expect(history.total).toBe(1);
    expect(history.runs[0]).toMatchObject({ trigger: 'schedule', actor: 'system:schedule', status: 'failed', error: result.error, import: null, url: pull.url });
    expect(history.runs[0]!.finishedAt).toBeInstanceOf(Date);
  });

  it('closes a run a stopped server left running when the next one starts', async () => {
    const hr = await insertApplication(t.db, 'source');
    const saved = await saveSyncConfig(admin, hr.slug, { url: 'https://hr.example.com/a.csv', intervalMinutes: 60, allowPrivateNetwork: false });
    if (!saved.ok) throw new Error(saved.error.message);
    const pull = { applicationId: hr.id, url: 'https://hr.example.com/a.csv' };
    const cutOff = await startSyncRun(t.db, pull, 'schedule', 'system:schedule');
    const recent = await startSyncRun(t.db, pull, 'manual', 'someone@example.com');
    await run(t.db, sql`update sync_runs set started_at = now() - interval '2 hours' where id = ${cutOff}`);
    await startSyncRun(t.db, pull, 'schedule', 'system:schedule');
    const { runs } = await listSyncRuns(viewer, hr.slug);
    expect(runs.map((r) => [r.id === cutOff ? 'cut off' : r.id === recent ? 'recent' : 'new', r.status])).toEqual([
      ['new', 'running'],
      ['recent', 'running'],
      ['cut off', 'failed'],
    ]);
    expect(runs[2]).toMatchObject({ error: 'The server stopped before this pull ended.' });
  });

  it('pulls from the loopback server with allowPrivateNetwork and imports the feed as the schedule', async () => {
    const hr = await insertApplication(t.db, 'source');
    const saved = await saveSyncConfig(admin, hr.slug, {
      url: `${base}/people.csv`,
      intervalMinutes: 60,
      allowPrivateNetwork: true,
      authorization: 'Bearer feed-key',
    });
    if (!saved.ok) throw new Error(saved.error.message);
    await makeDue(hr.slug);
    seenAuthorization.length = 0;
    const ran = (await runDueSyncs(t.db, new Date())).filter((r) => r.application === hr.slug);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ status: 'succeeded', error: null });
    expect(seenAuthorization).toEqual(['Bearer feed-key']);
    const { rows } = await run<{ trigger: string; actor: string; status: string }>(
      t.db,
      sql`select trigger, actor, status from imports where id = ${ran[0]!.importId}`,
    );
    expect(rows[0]).toEqual({ trigger: 'schedule', actor: 'system:schedule', status: 'succeeded' });
    const { rows: accounts } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from accounts where application_id = ${hr.id}`);
    expect(accounts[0]!.n).toBe(2);
    const read = await getSyncConfig(viewer, hr.slug);
    expect(read).toMatchObject({ lastError: null, lastImport: { id: ran[0]!.importId, status: 'succeeded' } });
    // Claimed: a second look at the same moment runs nothing.
    expect((await runDueSyncs(t.db, new Date())).filter((r) => r.application === hr.slug)).toEqual([]);

    const manual = await syncNow(admin, hr.slug);
    expect(manual.ok && manual.value.status).toBe('succeeded');
    if (!manual.ok) return;
    const { rows: second } = await run<{ trigger: string; actor: string }>(t.db, sql`select trigger, actor from imports where id = ${manual.value.importId}`);
    expect(second[0]).toEqual({ trigger: 'manual', actor: (admin.actor as { email: string }).email });
    const byViewer = await syncNow(viewer, hr.slug);
    expect(!byViewer.ok && byViewer.error.code).toBe('forbidden');

    // Both runs are in the history, latest first, each with its import and what it changed.
    const history = await listSyncRuns(viewer, hr.slug);
    expect(history.runs.map((r) => ({ trigger: r.trigger, status: r.status, importId: r.import?.id }))).toEqual([
      { trigger: 'manual', status: 'succeeded', importId: manual.value.importId },
      { trigger: 'schedule', status: 'succeeded', importId: ran[0]!.importId },
    ]);
    expect(history.runs[1]!.import?.counts).toMatchObject({ accountsAdded: 2, identitiesCreated: 2 });
  });

  it("pulls a target's accounts too, and matches them", async () => {
    const crm = await insertApplication(t.db, 'target');
    const saved = await saveSyncConfig(admin, crm.slug, { url: `${base}/accounts.csv`, intervalMinutes: 60, allowPrivateNetwork: true });
    if (!saved.ok) throw new Error(saved.error.message);
    const manual = await syncNow(admin, crm.slug);
    expect(manual).toMatchObject({ ok: true, value: { status: 'succeeded', error: null } });
    const { rows } = await run<{ key: string; situation: string }>(
      t.db,
      sql`select key, situation from accounts where application_id = ${crm.id} order by key`,
    );
    // the people the sources above created from the same feed: each account matches one
    expect(rows).toEqual([
      { key: 'ada', situation: 'exact_match' },
      { key: 'grace', situation: 'exact_match' },
    ]);
    expect((await listSyncRuns(viewer, crm.slug)).runs).toEqual([expect.objectContaining({ trigger: 'manual', status: 'succeeded' })]);
  });
});

async function catchThrown(work: () => Promise<unknown>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (error) {
    return (error as { error?: { code?: string } }).error?.code ?? String(error);
  }
}
