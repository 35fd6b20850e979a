import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import type { Actor } from './actor';
import { assignIdentities, unassignIdentities } from './assignments';
import { activateFromApplication, deactivateLicences, getLicenceSummary, requestLicences, setLicenceLimit } from './licences';
import { insertApplication, insertIdentity } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

describe.each(testDrivers)('licences on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  /** A target application with `count` assigned identities (all invited) and the given limit. */
  const setUp = async (count: number, limit: number | null) => {
    const app = await insertApplication(t.db, 'target');
    const ids: string[] = [];
    for (let n = 0; n < count; n++) ids.push(await insertIdentity(t.db, { username: `${app.slug}-p${n}` }));
    expect(await assignIdentities(admin, app.slug, { kind: 'ids', ids })).toMatchObject({ ok: true, value: { assigned: count } });
    expect(await setLicenceLimit(admin, app.slug, { limit })).toMatchObject({ ok: true });
    return { app, ids };
  };
  const states = async (ids: string[]) =>
    (await run<{ identity_id: string; licence_state: string }>(t.db, sql`select identity_id, licence_state from assignments where identity_id = any(${sql.param(ids)}::uuid[])`)).rows.reduce<
      Record<string, string>
    >((all, r) => ({ ...all, [r.identity_id]: r.licence_state }), {});

  it('provisions identities invited, activates first come first served and queues the rest in order', async () => {
    const { app, ids } = await setUp(4, 2);
    expect(Object.values(await states(ids))).toEqual(['invited', 'invited', 'invited', 'invited']);
    for (const id of [ids[2]!, ids[0]!, ids[3]!, ids[1]!]) expect((await requestLicences(admin, app.slug, [id])).ok).toBe(true);
    expect(await states(ids)).toEqual({ [ids[2]!]: 'active', [ids[0]!]: 'active', [ids[3]!]: 'waiting', [ids[1]!]: 'waiting' });
    const summary = await getLicenceSummary(viewer, app.id);
    expect(summary).toMatchObject({ limit: 2, used: 2, waitingTotal: 2 });
    expect(summary.waiting.map((w) => [w.identityId, w.position])).toEqual([
      [ids[3], 1],
      [ids[1], 2],
    ]);

    // Freeing a licence activates the earliest waiting, in the same transaction: deactivate, unassign, a higher limit.
    expect(await deactivateLicences(admin, app.slug, [ids[2]!])).toMatchObject({ ok: true, value: { deactivated: 1, activated: 1 } });
    expect((await states(ids))[ids[3]!]).toBe('active');
    expect(await unassignIdentities(admin, app.slug, { kind: 'ids', ids: [ids[0]!] })).toMatchObject({ ok: true, value: { removed: 1 } });
    expect((await states(ids))[ids[1]!]).toBe('active');
    expect(await requestLicences(admin, app.slug, [ids[2]!])).toMatchObject({ ok: true, value: [{ licenceState: 'waiting', position: 1 }] });
    expect(await setLicenceLimit(admin, app.slug, { limit: 3 })).toMatchObject({ ok: true, value: { activated: 1 } });
    expect((await states(ids))[ids[2]!]).toBe('active');
  });

  it('activates everyone at once without a limit, and the application can activate through its token', async () => {
    const { app, ids } = await setUp(2, null);
    expect(await requestLicences(admin, app.slug, ids)).toMatchObject({ ok: true, value: [{ licenceState: 'active' }, { licenceState: 'active' }] });
    const other = await setUp(1, 0);
    const { rows } = await run<{ id: string }>(
      t.db,
      sql`insert into api_tokens (application_id, name, token_hash, prefix, created_by) values (${other.app.id}, 'cb', 'h', 'cnc_', 'test') returning id`,
    );
    const token: Actor = { kind: 'token', tokenId: rows[0]!.id, applicationId: other.app.id, name: 'cb' };
    const byToken = { db: t.db, actor: token };
    expect(await activateFromApplication(byToken, other.app.slug, { username: ` ${other.app.slug}-P0 ` })).toMatchObject({ ok: true, value: { licenceState: 'waiting', position: 1 } });
    expect(await activateFromApplication(byToken, app.slug, { identityId: ids[0] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await activateFromApplication(byToken, other.app.slug, { name: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await activateFromApplication(byToken, other.app.slug, { username: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'username' } });
  });

  it('refuses identities that are not assigned, viewers, and a negative limit, changing nothing', async () => {
    const { app, ids } = await setUp(1, 1);
    const stranger = await insertIdentity(t.db, { username: `${app.slug}-stranger` });
    expect(await requestLicences(admin, app.slug, [ids[0]!, stranger])).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await states(ids))[ids[0]!]).toBe('invited');
    expect(await requestLicences(viewer, app.slug, ids)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await setLicenceLimit(admin, app.slug, { limit: -1 })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'limit' } });
    expect(await setLicenceLimit(viewer, app.slug, { limit: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

// Real concurrency needs a server: PGlite runs one query at a time. 40 activations race through a pool of 10 connections.
describe.each(['pg', 'neon'] as const)('concurrent licence activations on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);

  it('gives exactly N licences to the first N of many concurrent activations', async () => {
    const limit = 7;
    const app = await insertApplication(t.db, 'target');
    const ids: string[] = [];
    for (let n = 0; n < 40; n++) ids.push(await insertIdentity(t.db, { username: `${app.slug}-c${n}` }));
    expect(await assignIdentities(admin, app.slug, { kind: 'ids', ids })).toMatchObject({ ok: true });
    expect(await setLicenceLimit(admin, app.slug, { limit })).toMatchObject({ ok: true });
    const results = await Promise.all(ids.map((id) => requestLicences(admin, app.slug, [id])));
    expect(results.every((r) => r.ok)).toBe(true);
    const { rows } = await run<{ licence_state: string; activation_requested_at: string }>(
      t.db,
      sql`select licence_state, activation_requested_at from assignments where application_id = ${app.id} order by activation_requested_at, id`,
    );
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.licence_state === 'active')).toHaveLength(limit);
    // In request order: the first N are active, every later one waits.
    expect(rows.map((r) => r.licence_state)).toEqual([...Array(limit).fill('active'), ...Array(40 - limit).fill('waiting')]);
    const summary = await getLicenceSummary(admin, app.id, 100);
    expect(summary.waiting.map((w) => w.position)).toEqual(Array.from({ length: 40 - limit }, (_, n) => n + 1));
  });
});
