import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { assignIdentities, listAssignments, listIdentityAssignments, unassignIdentities } from './assignments';
import { createRule, deleteRule, evaluateEntitlements, listRules, updateRule } from './entitlements';
import { createIdentity, updateIdentityGroups } from './identities';
import { requestLicences, setLicenceLimit } from './licences';
import { insertApplication, insertIdentity } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

describe.each(testDrivers)('assignments and entitlement rules on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  const person = async (username: string, groups: string[], attributes: Record<string, string> = {}) => {
    const id = await insertIdentity(t.db, { username, email: `${username}@example.com` });
    await run(t.db, sql`update identities set groups = ${sql.param(groups)}::text[], attributes = ${JSON.stringify(attributes)}::jsonb where id = ${id}`);
    return id;
  };
  const state = async (applicationId: string) =>
    (
      await run<{ username: string; origin: string; status: string; role: string | null }>(
        t.db,
        sql`select i.username, a.origin, a.status, a.role from assignments a join identities i on i.id = a.identity_id
            where a.application_id = ${applicationId} order by i.username`,
      )
    ).rows;
  const version = async (id: string) => (await run<{ version: number }>(t.db, sql`select version from identities where id = ${id}`)).rows[0]!.version;

  it('grants the role of the highest-priority matching rule and assigns with origin rule', async () => {
    const app = await insertApplication(t.db, 'target');
    await person('ada', ['engineering', 'managers']);
    await person('bob', ['engineering']);
    await person('cy', ['sales']);
    expect(await createRule(admin, app.slug, { priority: 20, groupName: 'engineering', grantsRole: 'user' })).toMatchObject({ ok: true, value: { granted: 2 } });
    expect(await createRule(admin, app.slug, { priority: 10, groupName: 'Managers', grantsRole: 'admin' })).toMatchObject({ ok: true, value: { granted: 1 } });
    expect(await state(app.id)).toEqual([
      { username: 'ada', origin: 'rule', status: 'active', role: 'admin' },
      { username: 'bob', origin: 'rule', status: 'active', role: 'user' },
    ]);
    const rules = await listRules(viewer, app.id);
    expect(rules.map((r) => [r.priority, r.grantedCount])).toEqual([
      [10, 1],
      [20, 1],
    ]);
  });

  it('suspends a rule-made assignment no rule applies to any more, keeps its data, and restores it', async () => {
    const app = await insertApplication(t.db, 'target');
    const dee = await person('dee', ['support']);
    const created = await createRule(admin, app.slug, { priority: 1, groupName: 'support', grantsRole: 'agent' });
    if (!created.ok) throw new Error(created.error.message);
    await run(t.db, sql`update assignments set licence_state = 'active' where identity_id = ${dee}`);

    const moved = await updateIdentityGroups(admin, dee, { version: await version(dee), groups: ['finance'] });
    expect(moved.ok).toBe(true);
    expect(await state(app.id)).toEqual([{ username: 'dee', origin: 'rule', status: 'suspended', role: 'agent' }]);
    const licence = await run<{ licence_state: string }>(t.db, sql`select licence_state from assignments where identity_id = ${dee}`);
    expect(licence.rows[0]!.licence_state).toBe('invited');

    await updateIdentityGroups(admin, dee, { version: await version(dee), groups: ['finance', 'support'] });
    expect(await state(app.id)).toEqual([{ username: 'dee', origin: 'rule', status: 'active', role: 'agent' }]);

    // Deleting and disabling rules suspends too; nothing is ever deleted by the rules.
    await deleteRule(admin, app.slug, created.value.id);
    expect(await state(app.id)).toEqual([{ username: 'dee', origin: 'rule', status: 'suspended', role: 'agent' }]);
  });

  it('uses conditions on custom attributes from feeds (trimmed, case-folded)', async () => {
    const app = await insertApplication(t.db, 'target');
    await person('eve', ['staff'], { department: ' Sales ', cost_center: 'CC-100' });
    await person('fay', ['staff'], { department: 'Finance' });
    await person('gus', ['staff'], {});
    const rule = await createRule(admin, app.slug, { priority: 1, groupName: 'staff', conditionAttribute: 'department', conditionOperator: 'equals', conditionValue: 'sales', grantsRole: 'seller' });
    expect(rule.ok).toBe(true);
    await createRule(admin, app.slug, { priority: 2, conditionAttribute: 'cost_center', conditionOperator: 'starts_with', conditionValue: 'cc-', grantsRole: 'costed' });
    await createRule(admin, app.slug, { priority: 3, conditionAttribute: 'department', conditionOperator: 'present', grantsRole: 'has-department' });
    expect(await state(app.id)).toEqual([
      { username: 'eve', origin: 'rule', status: 'active', role: 'seller' },
      { username: 'fay', origin: 'rule', status: 'active', role: 'has-department' },
    ]);
    if (!rule.ok) return;
    const [first] = await listRules(admin, app.id);
    await updateRule(admin, app.slug, rule.value.id, { priority: 1, groupName: 'staff', conditionAttribute: 'department', conditionOperator: 'not_equals', conditionValue: 'sales', grantsRole: 'seller', version: first!.version });
    expect((await state(app.id)).map((r) => `${r.username}:${r.role}`)).toEqual(['eve:costed', 'fay:seller', 'gus:seller']);
  });

  it('manual assignments keep their status, take a rule role, and survive the rule; unassign keeps what a rule applies to', async () => {
    const app = await insertApplication(t.db, 'target');
    const hal = await person('hal', ['ops']);
    const ivy = await person('ivy', []);
    expect(await assignIdentities(admin, app.slug, { kind: 'ids', ids: [hal, ivy] })).toMatchObject({ ok: true, value: { assigned: 2 } });
    const rule = await createRule(admin, app.slug, { priority: 1, groupName: 'ops', grantsRole: 'operator' });
    expect(await state(app.id)).toEqual([
      { username: 'hal', origin: 'manual', status: 'active', role: 'operator' },
      { username: 'ivy', origin: 'manual', status: 'active', role: null },
    ]);
    if (rule.ok) await deleteRule(admin, app.slug, rule.value.id);
    expect(await state(app.id)).toEqual([
      { username: 'hal', origin: 'manual', status: 'active', role: null },
      { username: 'ivy', origin: 'manual', status: 'active', role: null },
    ]);
    await createRule(admin, app.slug, { priority: 1, groupName: 'ops', grantsRole: 'operator' });
    expect(await unassignIdentities(admin, app.slug, { kind: 'ids', ids: [hal, ivy] })).toMatchObject({ ok: true, value: { removed: 1, keptByRule: 1 } });
    expect(await state(app.id)).toEqual([{ username: 'hal', origin: 'rule', status: 'active', role: 'operator' }]);
  });

  it('assigns everything the identities filter selects, in one statement, and is refused to viewers and for sources', async () => {
    const app = await insertApplication(t.db, 'target');
    const source = await insertApplication(t.db, 'source');
    await person('filter-one', []);
    await person('filter-two', []);
    expect(await assignIdentities(admin, app.slug, { kind: 'filter', q: 'filter-', status: ['active'] })).toMatchObject({ ok: true, value: { assigned: 2 } });
    expect(await assignIdentities(admin, app.slug, { kind: 'filter', q: 'filter-', status: [] })).toMatchObject({ ok: true, value: { assigned: 0 } });
    expect(await assignIdentities(viewer, app.slug, { kind: 'filter', q: '', status: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await assignIdentities(admin, source.slug, { kind: 'filter', q: '', status: [] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await assignIdentities(admin, app.slug, { kind: 'ids', ids: ['nope'] })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'selection.ids.0' } });
    const audit = await run<{ action: string; summary: string }>(t.db, sql`select action, summary from audit_entries where application_id = ${app.id} order by id`);
    expect(audit.rows[0]).toEqual({ action: 'assignment.assign', summary: expect.stringContaining('Assigned 2 identities') });
  });

  it('refuses a rule without group or condition, and a viewer changing rules; changes nothing then', async () => {
    const app = await insertApplication(t.db, 'target');
    expect(await createRule(admin, app.slug, { priority: 1, grantsRole: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'groupName' } });
    expect(await createRule(admin, app.slug, { priority: 1, conditionAttribute: 'dept', conditionOperator: 'equals', grantsRole: 'x' })).toMatchObject({ ok: false, error: { field: 'conditionValue' } });
    expect(await createRule(viewer, app.slug, { priority: 1, groupName: 'g', grantsRole: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await listRules(admin, app.id)).toEqual([]);
  });

  it('re-evaluates only the scope it is given, and does nothing without rules', async () => {
    const app = await insertApplication(t.db, 'target');
    const jo = await person('scope-jo', ['scope']);
    const kim = await person('scope-kim', []);
    await createRule(admin, app.slug, { priority: 1, groupName: 'scope', grantsRole: 'r' });
    await run(t.db, sql`update identities set groups = '{scope}' where id = ${kim}`);
    await run(t.db, sql`update identities set groups = '{}' where id = ${jo}`);
    expect(await evaluateEntitlements(t.db, { kind: 'identities', identityIds: [kim] })).toEqual({ granted: 1, suspended: 0 });
    expect((await state(app.id)).map((r) => `${r.username}:${r.status}`)).toEqual(['scope-jo:active', 'scope-kim:active']);
    expect(await evaluateEntitlements(t.db, { kind: 'all' })).toMatchObject({ suspended: 1 });
    expect((await state(app.id)).map((r) => `${r.username}:${r.status}`)).toEqual(['scope-jo:suspended', 'scope-kim:active']);
  });

  it('lists the assigned identities with search, filters, sort and counts, and an identity with its rule and queue place', async () => {
    const app = await insertApplication(t.db, 'target');
    const lea = await person('list-lea', ['auditors']);
    const max = await person('list-max', []);
    const ned = await person('list-ned', []);
    await createRule(admin, app.slug, { priority: 5, groupName: 'auditors', grantsRole: 'auditor' });
    await assignIdentities(admin, app.slug, { kind: 'ids', ids: [max, ned] });
    await setLicenceLimit(admin, app.slug, { limit: 1 });
    await requestLicences(admin, app.slug, [max]);
    await requestLicences(admin, app.slug, [ned]);

    const query = { q: '', status: [], licence: [], origin: [], sort: { key: 'name' as const, dir: 'asc' as const }, page: 1, pageSize: 50 };
    const all = await listAssignments(viewer, app.id, query);
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => [r.username, r.origin, r.role, r.ruleGroup, r.licenceState])).toEqual([
      ['list-lea', 'rule', 'auditor', 'auditors', 'invited'],
      ['list-max', 'manual', null, null, 'active'],
      ['list-ned', 'manual', null, null, 'waiting'],
    ]);
    expect(all.counts).toEqual({ status: { active: 3, suspended: 0 }, licence: { invited: 1, waiting: 1, active: 1 }, origin: { manual: 2, rule: 1 } });
    const waiting = await listAssignments(viewer, app.id, { ...query, licence: ['waiting', 'invited'], sort: { key: 'name', dir: 'desc' } });
    expect(waiting.rows.map((r) => r.username)).toEqual(['list-ned', 'list-lea']);
    expect((await listAssignments(viewer, app.id, { ...query, q: 'MAX' })).rows.map((r) => r.username)).toEqual(['list-max']);

    expect(await listIdentityAssignments(viewer, ned)).toEqual([
      expect.objectContaining({ applicationSlug: app.slug, origin: 'manual', status: 'active', licenceState: 'waiting', queuePosition: 1, licenceLimit: 1, rule: null }),
    ]);
    expect(await listIdentityAssignments(viewer, lea)).toEqual([
      expect.objectContaining({ role: 'auditor', queuePosition: null, rule: { groupName: 'auditors', conditionAttribute: null, conditionOperator: null, conditionValue: null, priority: 5 } }),
    ]);
  });

  it('applies a rule on an attribute alone to a user created by hand, in the same transaction', async () => {
    const app = await insertApplication(t.db, 'target');
    await createRule(admin, app.slug, { priority: 1, conditionAttribute: 'email', conditionOperator: 'ends_with', conditionValue: '@PARTNER.example', grantsRole: 'guest' });
    expect(await createIdentity(admin, { username: 'partner-pat', email: 'pat@partner.example' })).toMatchObject({ ok: true });
    expect(await createIdentity(admin, { username: 'staff-sam', email: 'sam@staff.example' })).toMatchObject({ ok: true });
    expect(await state(app.id)).toEqual([{ username: 'partner-pat', origin: 'rule', status: 'active', role: 'guest' }]);
  });

  it('suspends a blocked identity (a leaver) in the applications its rules gave it, and restores it when unblocked', async () => {
    const app = await insertApplication(t.db, 'target');
    const leo = await person('leaver-leo', ['leaver-sales']);
    await createRule(admin, app.slug, { priority: 1, groupName: 'leaver-sales', grantsRole: 'rep' });
    await run(t.db, sql`update identities set status = 'blocked', lifecycle = 'past' where id = ${leo}`);
    expect(await evaluateEntitlements(t.db, { kind: 'identities', identityIds: [leo] })).toEqual({ granted: 0, suspended: 1 });
    expect(await state(app.id)).toEqual([{ username: 'leaver-leo', origin: 'rule', status: 'suspended', role: 'rep' }]);
    await run(t.db, sql`update identities set status = 'active', lifecycle = 'current' where id = ${leo}`);
    expect(await evaluateEntitlements(t.db, { kind: 'identities', identityIds: [leo] })).toEqual({ granted: 1, suspended: 0 });
    expect(await state(app.id)).toEqual([{ username: 'leaver-leo', origin: 'rule', status: 'active', role: 'rep' }]);
  });
});
