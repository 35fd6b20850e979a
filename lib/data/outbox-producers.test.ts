import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { openTestDatabase, testDrivers, type TestDatabase } from '@/db/testing';
import { assignIdentities, unassignIdentities } from './assignments';
import type { DataContext } from './context';
import { createRule } from './entitlements';
import { runImport } from './imports';
import { requestLicences } from './licences';
import { contexts, insertApplication } from './testing/fixtures';

const hrHeader = 'employee_id,username,email,first_name,last_name,display_name,groups';
const feed = (...lines: string[]) => new TextEncoder().encode(`${[hrHeader, ...lines].join('\n')}\n`);

type Event = { application_id: string; identity_id: string | null; type: string; payload: { identity: Record<string, unknown>; assignment: Record<string, unknown> | null; changes: Record<string, { before: unknown; after: unknown }> | null } };

describe.each(testDrivers)('outbox producers on %s', (driver) => {
  let t: TestDatabase;
  let admin: DataContext;
  let hr: { id: string; slug: string };
  let crm: { id: string; slug: string };
  let wiki: { id: string; slug: string };
  let erp: { id: string; slug: string };

  const importHr = async (...lines: string[]) => {
    const result = await runImport(admin, { applicationSlug: hr.slug, content: feed(...lines), fileName: 'hr.csv', trigger: 'upload' });
    if (!result.ok) throw new Error(result.error.message);
    expect(['succeeded', 'partial']).toContain(result.value.status);
  };
  const identityId = async (username: string) => (await run<{ id: string }>(t.db, sql`select id from identities where username = ${username}`)).rows[0]!.id;
  /** Events written since `mark` (outbox_events.seq), oldest first. */
  const eventsSince = async (mark: number) =>
    (await run<Event>(t.db, sql`select application_id, identity_id, type, payload from outbox_events where seq > ${mark} order by seq`)).rows;
  const mark = async () => (await run<{ seq: number }>(t.db, sql`select coalesce(max(seq), 0)::int as seq from outbox_events`)).rows[0]!.seq;

  const ada = (title: string, groups = 'staff') => `E1,ada,ada@example.com,Ada,Lovelace,${title},${groups}`;
  const bob = (title: string, groups = 'staff') => `E2,bob,bob@example.com,Bob,Brown,${title},${groups}`;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ admin } = await contexts(t.db));
    hr = await insertApplication(t.db, 'source', undefined, 1);
    crm = await insertApplication(t.db, 'target');
    wiki = await insertApplication(t.db, 'target');
    erp = await insertApplication(t.db, 'target');
    await importHr(ada('Ada Lovelace'), bob('Bob Brown'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes nothing for identities assigned nowhere, even when the HR feed changes them', async () => {
    const before = await mark();
    await importHr(ada('Ada L.'), bob('Bob B.'));
    expect(await eventsSince(before)).toEqual([]);
  });

  it('an HR-feed change to an assigned identity writes exactly one event per assigned application', async () => {
    const adaId = await identityId('ada');
    const before = await mark();
    await assignIdentities(admin, crm.slug, { kind: 'ids', ids: [adaId] });
    await assignIdentities(admin, wiki.slug, { kind: 'ids', ids: [adaId] });
    const assigned = await eventsSince(before);
    expect(assigned.map((e) => [e.application_id, e.type])).toEqual([
      [crm.id, 'identity.assigned'],
      [wiki.id, 'identity.assigned'],
    ]);
    expect(assigned[0]!.payload).toMatchObject({ identity: { id: adaId, username: 'ada', displayName: 'Ada L.' }, assignment: { status: 'active', role: null, licenceState: 'invited' }, changes: null });

    const afterAssign = await mark();
    await importHr(ada('Ada King'), bob('Bob Brown'));
    const events = await eventsSince(afterAssign);
    expect(events.map((e) => [e.application_id, e.identity_id, e.type]).sort()).toEqual(
      [
        [crm.id, adaId, 'identity.updated'],
        [wiki.id, adaId, 'identity.updated'],
      ].sort(),
    );
    expect(events[0]!.payload.changes).toEqual({ displayName: { before: 'Ada L.', after: 'Ada King' } });
    expect(events[0]!.payload.identity).toMatchObject({ id: adaId, displayName: 'Ada King', email: 'ada@example.com', groups: ['staff'], status: 'active', lifecycle: 'current' });
  });

  it('a leaver is blocked and a returner unblocked, once per assigned application', async () => {
    const adaId = await identityId('ada');
    const before = await mark();
    await importHr(bob('Bob Brown'));
    await importHr(ada('Ada King'), bob('Bob Brown'));
    const events = await eventsSince(before);
    expect(events.every((e) => e.identity_id === adaId)).toBe(true);
    expect(events.map((e) => `${e.type}@${e.application_id === crm.id ? 'crm' : 'wiki'}`).sort()).toEqual([
      'identity.blocked@crm',
      'identity.blocked@wiki',
      'identity.unblocked@crm',
      'identity.unblocked@wiki',
    ]);
  });

  it('is written in the same transaction as the change and rolled back with it', async () => {
    const adaId = await identityId('ada');
    const before = await mark();
    await expect(
      t.db.transaction(async (tx) => {
        await run(tx, sql`update identities set email = 'rolled-back@example.com' where id = ${adaId}`);
        const { rows } = await run<{ n: number }>(tx, sql`select count(*)::int as n from outbox_events where seq > ${before}`);
        expect(rows[0]!.n).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await eventsSince(before)).toEqual([]);
  });

  it('rules grant and suspend through the HR feed, licences and unassignment each write their event', async () => {
    const rule = await createRule(admin, erp.slug, { priority: 1, groupName: 'finance', grantsRole: 'accountant' });
    expect(rule).toMatchObject({ ok: true, value: { granted: 0 } });
    const bobId = await identityId('bob');
    let before = await mark();
    await importHr(ada('Ada King'), bob('Bob Brown', 'staff;finance'));
    expect((await eventsSince(before)).map((e) => [e.application_id, e.type, e.payload.assignment?.role])).toEqual([[erp.id, 'identity.assigned', 'accountant']]);

    before = await mark();
    await requestLicences(admin, erp.slug, [bobId]);
    expect((await eventsSince(before)).map((e) => [e.type, e.payload.changes])).toEqual([
      ['identity.licence_changed', { licenceState: { before: 'invited', after: 'active' } }],
    ]);

    before = await mark();
    await importHr(ada('Ada King'), bob('Bob Brown', 'staff'));
    const suspended = await eventsSince(before);
    expect(suspended.map((e) => [e.application_id, e.type])).toEqual([
      [erp.id, 'identity.updated'],
      [erp.id, 'identity.suspended'],
    ]);
    expect(suspended[1]!.payload.changes).toEqual({ status: { before: 'active', after: 'suspended' }, licenceState: { before: 'active', after: 'invited' } });

    before = await mark();
    await unassignIdentities(admin, crm.slug, { kind: 'ids', ids: [await identityId('ada')] });
    expect((await eventsSince(before)).map((e) => [e.application_id, e.type, e.payload.assignment])).toEqual([[crm.id, 'identity.unassigned', null]]);
  });
});
