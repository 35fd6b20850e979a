import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { run } from '@/db/sql';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import type { Actor } from '@/lib/data/actor';
import { createAdmin } from '@/lib/data/admins';
import { AppFailure, ok } from '@/lib/errors';
import { createActionClient } from './safe-action';

const renameSchema = z.object({ applicationId: z.guid(), name: z.string().trim().min(1, 'Give the application a name.') });
const bulkSchema = z.object({ accounts: z.array(z.object({ id: z.guid() })).min(1) });

describe('the server action wrapper (in-memory PGlite)', () => {
  let t: TestDatabase;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    for (const role of ['admin', 'viewer'] as const) {
      const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
      const adminId = await createAdmin(t.db, { email, name: role, password: 'a long enough password', role });
      actors[role] = { kind: 'admin', adminId, email };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const clientAs = (actor: Actor | null) =>
    createActionClient({ getActor: async () => actor, dataContext: async (a) => ({ db: t.db, actor: a }) });
  const input = { applicationId: '0b6f3f2e-4a51-4b7c-9d2e-5f1a2b3c4d5e', name: '  Payroll ' };

  it('runs the handler for an admin with the parsed input and the data context', async () => {
    const handler = vi.fn(async (parsed: z.infer<typeof renameSchema>, ctx: { actor: Actor }) =>
      ok(`${parsed.name} by ${ctx.actor.kind === 'admin' ? ctx.actor.email : '?'}`),
    );
    const renameAction = clientAs(actors.admin!).adminAction(renameSchema, handler);
    expect(await renameAction(input)).toEqual({ ok: true, value: `Payroll by ${(actors.admin as { email: string }).email}` });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('refuses a viewer before any work is done', async () => {
    const handler = vi.fn(async () => ok('changed'));
    const result = await clientAs(actors.viewer!).adminAction(renameSchema, handler)(input);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets a viewer run a read-only action', async () => {
    const result = await clientAs(actors.viewer!).action(renameSchema, async (parsed) => ok(parsed.name))(input);
    expect(result).toEqual({ ok: true, value: 'Payroll' });
  });

  it.each(['action', 'adminAction'] as const)('refuses a signed-out caller of %s', async (kind) => {
    const handler = vi.fn(async () => ok('x'));
    const result = await clientAs(null)[kind](renameSchema, handler)(input);
    expect(result).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'You are signed out. Sign in again to continue.' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an admin deleted since signing in', async () => {
    const email = `gone-${randomBytes(4).toString('hex')}@example.com`;
    const adminId = await createAdmin(t.db, { email, name: 'gone', password: 'a long enough password', role: 'admin' });
    await run(t.db, sql`delete from admins where id = ${adminId}`);
    const result = await clientAs({ kind: 'admin', adminId, email }).adminAction(renameSchema, async () => ok('x'))(input);
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it.each([
    ['a field of the wrong shape', renameSchema, { ...input, applicationId: 'not-a-uuid' }, 'applicationId'],
    ['a field that fails its own rule', renameSchema, { ...input, name: '   ' }, 'name'],
    ['a nested field', bulkSchema, { accounts: [{ id: 'x' }] }, 'accounts.0.id'],
  ])('names %s in an invalid input', async (_label, schema, bad, field) => {
    const handler = vi.fn(async () => ok('x'));
    const result = await clientAs(actors.admin!).adminAction(schema as z.ZodType, handler)(bad);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', field } });
    expect(!result.ok && result.error.message.startsWith(`${field}: `)).toBe(true);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses input that is not an object at all', async () => {
    const result = await clientAs(actors.admin!).adminAction(renameSchema, async () => ok('x'))('DROP TABLE admins');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('gives the Result of an expected failure thrown by the handler', async () => {
    const result = await clientAs(actors.admin!).adminAction(renameSchema, async () => {
      throw new AppFailure({ code: 'conflict', message: 'The account changed since you opened it.' });
    })(input);
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'The account changed since you opened it.' } });
  });

  it('lets a bug throw', async () => {
    const buggy = clientAs(actors.admin!).action(renameSchema, async () => {
      throw new TypeError('undefined is not a function');
    });
    await expect(buggy(input)).rejects.toThrow(TypeError);
  });
});
