import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { openTestDatabase, testDrivers, type TestDatabase } from '@/db/testing';
import type { DataContext } from './context';
import { previewSync, syncToApplications } from './sync-to-applications';
import { contexts, insertApplication, insertIdentity } from './testing/fixtures';

describe.each(testDrivers)('sync to applications on %s', (driver) => {
  let t: TestDatabase;
  let admin: DataContext;
  let viewer: DataContext;
  let crm: { id: string; slug: string };
  let wiki: { id: string; slug: string };
  let people: string[];
  let unassigned: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ admin, viewer } = await contexts(t.db));
    crm = await insertApplication(t.db, 'target');
    wiki = await insertApplication(t.db, 'target');
    people = await Promise.all([0, 1, 2].map((n) => insertIdentity(t.db, { username: `p${n}-${randomUUID().slice(0, 6)}`, displayName: `Person ${n}` })));
    unassigned = await insertIdentity(t.db, { username: `nobody-${randomUUID().slice(0, 6)}` });
    // Everyone in crm (the last one suspended there); only the first in wiki.
    await run(
      t.db,
      sql`insert into assignments (identity_id, application_id, origin, status, role)
          select p, ${crm.id}::uuid, 'manual'::assignment_origin, case when n = 3 then 'suspended' else 'active' end::assignment_status, 'user'
          from unnest(${`{${people.join(',')}}`}::uuid[]) with ordinality x(p, n)
          union all select ${people[0]}::uuid, ${wiki.id}::uuid, 'manual'::assignment_origin, 'active'::assignment_status, 'editor'`,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  async function syncEvents(): Promise<{ application_id: string; identity_id: string; payload: { identity: { id: string; displayName: string }; assignment: { status: string; role: string }; changes: null } }[]> {
    const { rows } = await run<never>(t.db, sql`select application_id, identity_id, payload from outbox_events where type = 'identity.sync' order by seq`);
    return rows;
  }

  it('syncs one identity to every application it is assigned to, with its data and assignment', async () => {
    await run(t.db, sql`delete from outbox_events`);
    const result = await syncToApplications(admin, { identities: [people[0]!], application: null });
    expect(result).toEqual({ ok: true, value: { events: 2, identities: 1, applications: 2 } });
    const events = await syncEvents();
    expect(events.map((e) => e.application_id).sort()).toEqual([crm.id, wiki.id].sort());
    const toWiki = events.find((e) => e.application_id === wiki.id)!;
    expect(toWiki.payload).toMatchObject({ identity: { id: people[0], displayName: 'Person 0' }, assignment: { status: 'active', role: 'editor' }, changes: null });
  });

  it('syncs a selection to one application; an unassigned identity gets nothing', async () => {
    await run(t.db, sql`delete from outbox_events`);
    const result = await syncToApplications(admin, { identities: [people[1]!, people[2]!, unassigned], application: crm.slug });
    expect(result).toEqual({ ok: true, value: { events: 2, identities: 2, applications: 1 } });
    const events = await syncEvents();
    expect(events.map((e) => e.identity_id).sort()).toEqual([people[1], people[2]].sort());
    expect(events.find((e) => e.identity_id === people[2])!.payload.assignment.status).toBe('suspended');
    expect(await syncToApplications(admin, { identities: [unassigned], application: null })).toEqual({ ok: true, value: { events: 0, identities: 0, applications: 0 } });
  });

  it('"all" says how many events it will send and goes ahead only with that number confirmed', async () => {
    await run(t.db, sql`delete from outbox_events`);
    expect(await previewSync(admin, { identities: 'all', application: null })).toEqual({ ok: true, value: { events: 4, identities: 3, applications: 2 } });
    expect(await previewSync(admin, { identities: 'all', application: wiki.slug })).toEqual({ ok: true, value: { events: 1, identities: 1, applications: 1 } });
    const unconfirmed = await syncToApplications(admin, { identities: 'all', application: null });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'conflict', field: 'confirmedEvents', message: 'Syncing all identities sends 4 events. Confirm that number to go ahead.' } });
    expect(await syncToApplications(admin, { identities: 'all', application: null }, 3)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await syncEvents()).toHaveLength(0);
    expect(await syncToApplications(admin, { identities: 'all', application: null }, 4)).toEqual({ ok: true, value: { events: 4, identities: 3, applications: 2 } });
    expect(await syncEvents()).toHaveLength(4);
    const { rows } = await run<{ summary: string }>(t.db, sql`select summary from audit_entries where action = 'identity.sync' order by id desc limit 1`);
    expect(rows[0]!.summary).toBe('Synced 3 identities (4 events) to every application');
  });

  it('writes a large sync in chunks: each assignment once, identities across a chunk boundary counted once', async () => {
    await run(t.db, sql`delete from outbox_events`);
    // 4 assignments (person 0 in two applications); chunks of 1, 2 and 3 all give the same result.
    for (const size of [1, 2, 3]) {
      const result = await syncToApplications(admin, { identities: 'all', application: null }, 4, size);
      expect(result, `chunks of ${size}`).toEqual({ ok: true, value: { events: 4, identities: 3, applications: 2 } });
    }
    const events = await syncEvents();
    expect(events).toHaveLength(12);
    const pairs = events.map((e) => `${e.identity_id}/${e.application_id}`);
    expect(new Set(pairs).size).toBe(4);
  });

  it('refuses viewers, bad ids, an empty selection and an unknown application, writing nothing', async () => {
    await run(t.db, sql`delete from outbox_events`);
    expect(await syncToApplications(viewer, { identities: [people[0]!], application: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await previewSync(viewer, { identities: 'all', application: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await syncToApplications(admin, { identities: ['nope'], application: null })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'identities.0' } });
    expect(await syncToApplications(admin, { identities: [], application: null })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'identities' } });
    expect(await syncToApplications(admin, { identities: [people[0]!], application: 'no-such-app' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await syncEvents()).toHaveLength(0);
  });
});
