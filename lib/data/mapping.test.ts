import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { resetMapping, updateMapping } from './mapping';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const mapping = {
  fields: { username: 'Login', email: 'Mail', groups: 'Groups', costCenter: 'Cost center' },
  required: ['username', 'email'],
  multiValueSeparator: '|',
  ignored: ['Password'],
};

describe.each(testDrivers)('the field mapping on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  const stored = async (slug: string) =>
    (await run<{ mapping: unknown; version: number }>(t.db, sql`select mapping, version from applications where slug = ${slug}`)).rows[0]!;
  const audits = async (id: string) =>
    (await run<{ action: string; before: unknown; after: unknown }>(t.db, sql`select action, before, after from audit_entries where subject_id = ${id} order by id`)).rows;

  it('saves a valid mapping, bumps the version and audits before and after', async () => {
    const app = await insertApplication(t.db, 'source');
    const result = await updateMapping(admin, app.slug, { mapping, version: 1 });
    expect(result).toEqual({ ok: true, value: { version: 2 } });
    expect(await stored(app.slug)).toEqual({ mapping, version: 2 });
    expect(await audits(app.id)).toEqual([{ action: 'application.mapping', before: null, after: mapping }]);
  });

  it('fills in the defaults of an imported control file with only fields', async () => {
    const app = await insertApplication(t.db, 'source');
    expect((await updateMapping(admin, app.slug, { mapping: { fields: { username: 'uid' } }, version: 1 })).ok).toBe(true);
    expect((await stored(app.slug)).mapping).toEqual({ fields: { username: 'uid' }, required: ['username'], multiValueSeparator: ';', ignored: [] });
  });

  it('refuses a stale version as a conflict and keeps the mapping', async () => {
    const app = await insertApplication(t.db, 'source');
    await updateMapping(admin, app.slug, { mapping, version: 1 });
    const result = await updateMapping(admin, app.slug, { mapping: { fields: { username: 'x' } }, version: 1 });
    expect(result.ok ? null : result.error.code).toBe('conflict');
    expect(await stored(app.slug)).toEqual({ mapping, version: 2 });
  });

  it('refuses a viewer', async () => {
    const app = await insertApplication(t.db, 'source');
    const result = await updateMapping(viewer, app.slug, { mapping, version: 1 });
    expect(result.ok ? null : result.error.code).toBe('forbidden');
    expect((await resetMapping(viewer, app.slug, 1)).ok).toBe(false);
    expect(await stored(app.slug)).toEqual({ mapping: null, version: 1 });
  });

  it('answers not found for an unknown application', async () => {
    const result = await updateMapping(admin, 'no-such-app', { mapping, version: 1 });
    expect(result.ok ? null : result.error.code).toBe('not_found');
  });

  it.each([
    ['not an object', 'a string', /mapping/],
    ['null', null, /mapping/],
    ['an array', [], /mapping/],
    ['fields missing', { required: ['username'] }, /fields/],
    ['fields not strings', { fields: { username: 42 } }, /fields\.username/],
    ['an unknown key', { fields: { username: 'Login' }, extra: true }, /extra|unrecognized/i],
    ['an empty separator', { fields: { username: 'Login' }, multiValueSeparator: '' }, /separator cannot be empty/],
    ['a required attribute not mapped', { fields: { username: 'Login' }, required: ['email'] }, /required attribute email is not mapped/],
    ['a field both mapped and ignored', { fields: { username: 'Login' }, ignored: ['Login'] }, /both mapped and ignored/],
    ['a reserved name', JSON.parse('{"fields":{"username":"Login","__proto__":"x"}}'), /reserved/],
  ])('refuses %s with the problem named', async (_, value, message) => {
    const app = await insertApplication(t.db, 'source');
    const result = await updateMapping(admin, app.slug, { mapping: value, version: 1 });
    if (result.ok) throw new Error('accepted an invalid mapping');
    expect(result.error.code).toBe('invalid');
    expect(result.error.message).toMatch(/^This mapping cannot be used: /);
    expect(result.error.message).toMatch(message);
    expect(await stored(app.slug)).toEqual({ mapping: null, version: 1 });
  });

  it('refuses a mapping that leaves username unmapped', async () => {
    const app = await insertApplication(t.db, 'source');
    const result = await updateMapping(admin, app.slug, { mapping: { fields: { email: 'Mail' }, required: [] }, version: 1 });
    if (result.ok) throw new Error('accepted a mapping without username');
    expect(result.error.message).toContain("username must be mapped to an input field: it is the account's key");
  });

  it('resets the mapping so the next feed generates it again, audited', async () => {
    const app = await insertApplication(t.db, 'source');
    await updateMapping(admin, app.slug, { mapping, version: 1 });
    expect(await resetMapping(admin, app.slug, 2)).toEqual({ ok: true, value: { version: 3 } });
    expect(await stored(app.slug)).toEqual({ mapping: null, version: 3 });
    const entries = await audits(app.id);
    expect(entries.at(-1)).toEqual({ action: 'application.mapping', before: mapping, after: null });
    const stale = await resetMapping(admin, app.slug, 2);
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
  });
});
