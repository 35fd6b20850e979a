import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import { checkHealth } from './health';

describe('checkHealth', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle.close();
  });

  it('answers ok with the driver after a trivial query', async () => {
    const health = await checkHealth({ open: async () => handle, configuredDriver: () => 'pg', timeoutMs: 5_000 });
    expect(health).toEqual({ ok: true, database: 'pglite' });
  });

  it('reports an unreachable database without its cause', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const health = await checkHealth({
      open: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=secret')),
      configuredDriver: () => 'pg',
      timeoutMs: 5_000,
    });
    expect(health).toEqual({ ok: false, database: 'pg', message: 'The database is unreachable.' });
    expect(JSON.stringify(health)).not.toContain('secret');
    log.mockRestore();
  });

  it('gives up on a database that never answers', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const health = await checkHealth({ open: () => new Promise(() => {}), configuredDriver: () => 'neon', timeoutMs: 50 });
    expect(health).toEqual({ ok: false, database: 'neon', message: 'The database is unreachable.' });
    log.mockRestore();
  });
});
