import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/db/testing';

const exec = promisify(execFile);

/** `npm run admin`, run as a newcomer would: the first admin of an empty database, on PGlite and on Postgres. */
describe.each(['pglite', 'pg'] as const)('npm run admin on %s', (driver) => {
  let dir: string;
  let database: TestDatabase | undefined;
  let where: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-admin-cli-'));
    if (driver === 'pg') {
      database = await openTestDatabase('pg');
      where = { DATABASE_URL: database.url! };
    } else {
      where = { CONCORD_DATA_DIR: path.join(dir, 'pglite') };
    }
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const admin = async (args: string[], password?: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...where };
    if (driver === 'pglite') delete env.DATABASE_URL;
    if (password === undefined) delete env.CONCORD_ADMIN_PASSWORD;
    else env.CONCORD_ADMIN_PASSWORD = password;
    try {
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env, timeout: 60_000 });
      return { ok: true, out: stdout };
    } catch (error) {
      const failed = error as { stdout: string; stderr: string };
      return { ok: false, out: `${failed.stdout}${failed.stderr}` };
    }
  };

  it('adds the first admin, lists them, refuses what the rules refuse, and sets a password', async () => {
    expect((await admin(['list'])).out).toContain('No one may sign in yet');
    expect(await admin(['add', '--email', 'boss@example.com', '--name', 'The Boss'], 'first password')).toMatchObject({
      ok: true, out: expect.stringContaining('boss@example.com may sign in now, as admin.'),
    });
    expect(await admin(['add', '--email', 'viewer@example.com', '--name', 'Vi', '--role', 'viewer'], 'short')).toMatchObject({
      ok: false, out: expect.stringContaining('password: A password needs at least 8 characters.'),
    });
    expect(await admin(['role', '--email', 'BOSS@example.com', '--role', 'viewer'])).toMatchObject({
      ok: false, out: expect.stringContaining('Concord needs at least one admin'),
    });
    expect(await admin(['set-password', '--email', 'nobody@example.com'], 'whatever long')).toMatchObject({ ok: false, out: expect.stringContaining('No one signs in as nobody@example.com') });
    expect(await admin(['set-password', '--email', 'boss@example.com'], 'second password')).toMatchObject({ ok: true });
    expect((await admin(['list'])).out).toMatch(/admin\s+boss@example\.com\s+The Boss/);
    expect(await admin(['frob'])).toMatchObject({ ok: false, out: expect.stringContaining('Unknown command "frob"') });
  }, 120_000);
});
