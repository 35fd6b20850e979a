import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { applyImport, runImport } from './imports';
import { updateMapping } from './mapping';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

/**
 * A source feed that lists people who left with their status (mapping `leavers`): their identities
 * are blocked and past, at creation or when the status changes; back to active, unblocked; a rule
 * added later applies to the next feed even where no row changed. Every change is also an outbox
 * event for the targets (the identities' triggers), which imports.test and deliveries cover.
 */
describe.each(testDrivers)('leavers of a source feed on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);

  const feed = (rows: [string, string][]) => new TextEncoder().encode(['login,mail,Employee Status', ...rows.map(([u, s]) => `${u},${u}@example.com,${s}`)].join('\n'));

  async function upload(slug: string, content: Uint8Array) {
    const result = await runImport(admin, { applicationSlug: slug, content, fileName: 'hr.csv', trigger: 'upload' });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.counts!;
  }

  async function identities(applicationId: string) {
    const { rows } = await run<{ username: string; status: string; lifecycle: string }>(
      t.db,
      sql`select username, status, lifecycle from identities where source_application_id = ${applicationId}`,
    );
    return Object.fromEntries(rows.map((r) => [r.username, `${r.status}/${r.lifecycle}`]));
  }

  it('blocks leavers as they come and as they go, unblocks returners, and leaves everyone else alone', async () => {
    // No safeguard: this feed removes half its accounts on purpose.
    const hr = await insertApplication(t.db, 'source', undefined, 1);
    // "Employee Status" reads as an employment status: the first feed's mapping proposes the rule.
    expect(await upload(hr.slug, feed([['ann', 'Active'], ['bob', 'TERMINATED '], ['cy', 'Active'], ['dee', 'On leave']]))).toMatchObject({
      identitiesCreated: 4,
      identitiesBlocked: 0,
    });
    expect(await identities(hr.id)).toEqual({ ann: 'active/current', bob: 'blocked/past', cy: 'active/current', dee: 'active/current' });

    // ann leaves, bob comes back; cy and dee are unchanged.
    expect(await upload(hr.slug, feed([['ann', 'Inactive'], ['bob', 'Active'], ['cy', 'Active'], ['dee', 'On leave']]))).toMatchObject({
      accountsUpdated: 2,
      identitiesBlocked: 1,
      identitiesUnblocked: 1,
    });
    expect(await identities(hr.id)).toEqual({ ann: 'blocked/past', bob: 'active/current', cy: 'active/current', dee: 'active/current' });

    // The same feed again changes nothing.
    expect(await upload(hr.slug, feed([['ann', 'Inactive'], ['bob', 'Active'], ['cy', 'Active'], ['dee', 'On leave']]))).toMatchObject({
      accountsUpdated: 0,
      identitiesBlocked: 0,
      identitiesUnblocked: 0,
    });

    // An admin decides "On leave" means gone too: the next feed blocks dee although her row did not change.
    const { rows } = await run<{ mapping: Record<string, unknown>; version: number }>(t.db, sql`select mapping, version from applications where id = ${hr.id}`);
    const saved = await updateMapping(admin, hr.slug, { version: rows[0]!.version, mapping: { ...rows[0]!.mapping, leavers: { attribute: 'employeeStatus', values: ['inactive', 'On leave'] } } });
    expect(saved.ok).toBe(true);
    expect(await upload(hr.slug, feed([['ann', 'Inactive'], ['bob', 'Active'], ['cy', 'Active'], ['dee', 'On leave']]))).toMatchObject({
      accountsUpdated: 0,
      identitiesBlocked: 1,
    });
    expect(await identities(hr.id)).toEqual({ ann: 'blocked/past', bob: 'active/current', cy: 'active/current', dee: 'blocked/past' });

    // Leaving the feed still blocks, and a leaver who returns to it as a leaver stays blocked.
    expect(await upload(hr.slug, feed([['bob', 'Active'], ['dee', 'On leave']]))).toMatchObject({ accountsRemoved: 2, identitiesBlocked: 1 });
    expect(await upload(hr.slug, feed([['ann', 'Inactive'], ['bob', 'Active'], ['cy', 'Active'], ['dee', 'On leave']]))).toMatchObject({
      accountsRestored: 2,
      identitiesUnblocked: 1,
    });
    expect(await identities(hr.id)).toEqual({ ann: 'blocked/past', bob: 'active/current', cy: 'active/current', dee: 'blocked/past' });
  });

  it('holds a feed that would mark more than the safeguard share as leavers, and blocks nobody until an admin applies it', async () => {
    const hr = await insertApplication(t.db, 'source');
    const people = Array.from({ length: 10 }, (_, n) => `p${n}`);
    const withStatus = (leavers: string[], listed = people) => feed(listed.map((u) => [u, leavers.includes(u) ? 'Inactive' : 'Active']));
    expect(await upload(hr.slug, withStatus([]))).toMatchObject({ identitiesCreated: 10 });
    const blockedUsers = async () => Object.entries(await identities(hr.id)).filter(([, state]) => state === 'blocked/past').map(([u]) => u).sort();

    // A status column gone wrong (3 of 10 marked as leavers, over the 20 % safeguard): held, nothing blocked.
    const held = await runImport(admin, { applicationSlug: hr.slug, content: withStatus(['p0', 'p1', 'p2']), fileName: 'hr.csv', trigger: 'upload' });
    expect(held).toMatchObject({
      ok: true,
      value: { status: 'held', holdReason: 'This feed would block the users of 3 of 10 accounts (30 %), more than the 20 % safeguard: 3 it marks as leavers. Check that the feed is complete and its status column right; an admin can apply it anyway.' },
    });
    expect(await blockedUsers()).toEqual([]);
    const applied = await applyImport(admin, held.ok ? held.value.id : '', { overrideSafeguard: true });
    expect(applied).toMatchObject({ ok: true, value: { status: 'succeeded', counts: { identitiesBlocked: 3 } } });
    expect(await blockedUsers()).toEqual(['p0', 'p1', 'p2']);

    // Those already blocked do not count again: one more leaver (10 %) passes.
    expect(await upload(hr.slug, withStatus(['p0', 'p1', 'p2', 'p3']))).toMatchObject({ identitiesBlocked: 1 });
    // Leaving the feed and turning leaver add up: 1 + 2 of 10 is held.
    const both = await runImport(admin, { applicationSlug: hr.slug, content: withStatus(['p0', 'p1', 'p2', 'p3', 'p4', 'p5'], people.slice(0, 9)), fileName: 'hr.csv', trigger: 'upload' });
    expect(both).toMatchObject({ ok: true, value: { status: 'held', holdReason: expect.stringContaining('block the users of 3 of 10 accounts (30 %), more than the 20 % safeguard: 1 it no longer lists and 2 it marks as leavers') } });
    expect(await blockedUsers()).toEqual(['p0', 'p1', 'p2', 'p3']);

    // A rule widened later reads the rows the feed repeats unchanged (not staged) too: held as well.
    const { rows } = await run<{ mapping: Record<string, unknown>; version: number }>(t.db, sql`select mapping, version from applications where id = ${hr.id}`);
    const onLeave = feed(people.map((u) => [u, ['p5', 'p6', 'p7'].includes(u) ? 'On leave' : ['p0', 'p1', 'p2', 'p3'].includes(u) ? 'Inactive' : 'Active']));
    expect(await upload(hr.slug, onLeave)).toMatchObject({ identitiesBlocked: 0 });
    const widened = await updateMapping(admin, hr.slug, {
      version: rows[0]!.version,
      mapping: { ...rows[0]!.mapping, leavers: { attribute: 'employeeStatus', values: ['Inactive', 'On leave'] } },
    });
    expect(widened.ok).toBe(true);
    const unchanged = await runImport(admin, { applicationSlug: hr.slug, content: onLeave, fileName: 'hr.csv', trigger: 'upload' });
    expect(unchanged).toMatchObject({
      ok: true,
      value: { status: 'held', counts: { accountsUpdated: 0 }, holdReason: expect.stringContaining('block the users of 3 of 10 accounts (30 %)') },
    });
    expect(await blockedUsers()).toEqual(['p0', 'p1', 'p2', 'p3']);
  });

  it('proposes no leaver rule to a target: its accounts\' status columns say nothing about who left', async () => {
    const crm = await insertApplication(t.db, 'target');
    expect(await upload(crm.slug, feed([['ann', 'Inactive']]))).toMatchObject({ accountsAdded: 1 });
    const { rows } = await run<{ mapping: Record<string, unknown> }>(t.db, sql`select mapping from applications where id = ${crm.id}`);
    expect(rows[0]!.mapping.fields).toMatchObject({ username: 'login', employeeStatus: 'Employee Status' });
    expect(rows[0]!.mapping).not.toHaveProperty('leavers');
  });

  it('refuses a leaver rule on an attribute the mapping does not map, or without values', async () => {
    const hr = await insertApplication(t.db, 'source');
    const mapping = { fields: { username: 'login', status: 'Status' }, required: ['username'], multiValueSeparator: ';', ignored: [] };
    const wrong = await updateMapping(admin, hr.slug, { version: 1, mapping: { ...mapping, leavers: { attribute: 'workerStatus', values: ['Inactive'] } } });
    expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringContaining('leavers.attribute: leavers are read from a mapped custom attribute; "workerStatus" is not one') } });
    const builtIn = await updateMapping(admin, hr.slug, { version: 1, mapping: { ...mapping, leavers: { attribute: 'username', values: ['x'] } } });
    expect(builtIn.ok).toBe(false);
    const empty = await updateMapping(admin, hr.slug, { version: 1, mapping: { ...mapping, leavers: { attribute: 'status', values: [] } } });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringContaining('name at least one value that marks a leaver') } });
    expect(await updateMapping(admin, hr.slug, { version: 1, mapping: { ...mapping, leavers: { attribute: 'status', values: ['Inactive'] } } })).toMatchObject({ ok: true });
  });
});
