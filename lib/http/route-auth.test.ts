import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import type { Actor } from '@/lib/data/actor';
import { createAdmin } from '@/lib/data/admins';
import { AppFailure } from '@/lib/errors';
import { createRouteAuth } from './route-auth';

describe('route handler authorization (in-memory PGlite)', () => {
  let t: TestDatabase;
  const actors: Record<string, Actor> = {};
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    for (const role of ['admin', 'viewer'] as const) {
      const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
      actors[role] = { kind: 'admin', email, adminId: await createAdmin(t.db, { email, name: role, password: 'long enough!', role }) };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const withAdminAs = (actor: Actor | null) =>
    createRouteAuth({ getActor: async () => actor, dataContext: async (a) => ({ db: t.db, actor: a }) });
  const request = new Request('http://localhost/api/applications/x/feeds', { method: 'POST' });
  const okHandler = async () => Response.json({ done: true });

  it.each([
    ['a signed-out caller', null, 'viewer', 401, 'unauthenticated'],
    ['a viewer asking to change', 'viewer', 'admin', 403, 'forbidden'],
  ] as const)('answers %s with a JSON error', async (_label, who, need, status, code) => {
    const response = await withAdminAs(who ? actors[who]! : null)(request, need, okHandler);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it.each([
    ['admin', 'admin'],
    ['viewer', 'viewer'],
  ] as const)('runs the handler for an %s needing %s', async (who, need) => {
    const response = await withAdminAs(actors[who]!)(request, need, okHandler);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
  });

  it('answers an expected failure of the handler with its status', async () => {
    const response = await withAdminAs(actors.admin!)(request, 'admin', async () => {
      throw new AppFailure({ code: 'too_large', message: 'The feed is larger than 50 MB.' });
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'too_large', message: 'The feed is larger than 50 MB.' } });
  });
});
