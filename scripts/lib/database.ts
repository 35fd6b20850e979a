import './server-only-hook';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '@/lib/env';
import type { SeedOptions, SeedResult } from '@/db/seed';
import { ScriptError } from './script-env';

/**
 * Opens the database (which applies the migrations), seeds the demo organisation, and closes it
 * again, so that the server started next is the only process holding the embedded database.
 */
export async function migrateAndSeed(target: DatabaseTarget, options: SeedOptions = {}): Promise<SeedResult> {
  // Loaded only now: the server-only hook above must be registered before the data layer resolves.
  const { openDatabase } = await import('@/db/client');
  const { seedDemo } = await import('@/db/seed');
  const handle = await openDatabase(target);
  try {
    const result = await seedDemo(handle.db, options);
    // CONCORD_DEMO_TOKEN, when set, becomes an upload token of each demo application (on every start).
    const { seedDemoTokens } = await import('@/db/seed-tokens');
    await seedDemoTokens(handle.db, { log: options.log });
    return result;
  } finally {
    await handle.close();
  }
}

/** Where a target keeps its data, in words, for the banner. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.driver === 'pglite') return `embedded PGlite in ${path.resolve(target.dataDir)}`;
  const url = new URL(target.url);
  const where = `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  return target.driver === 'neon' ? `Neon at ${where}` : `Postgres at ${where}`;
}

/** Refuses, in words, when a live process (a running server) holds the embedded database. */
export function assertNotOpen(pgliteDir: string, doing: string): void {
  const lockFile = `${path.resolve(pgliteDir)}.lock`;
  if (!fs.existsSync(lockFile)) return;
  const owner = Number(fs.readFileSync(lockFile, 'utf8'));
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new ScriptError(
      `The embedded database at ${path.resolve(pgliteDir)} is open in process ${owner} (a Concord server still running?): stop it before ${doing}.`,
    );
  }
}

/**
 * Deletes the folder holding the embedded database `pgliteDir` (the folder itself, or a parent such
 * as .data), refusing while a live process holds that database.
 */
export function wipeDataDir(folder: string, pgliteDir: string): void {
  assertNotOpen(pgliteDir, 'resetting');
  fs.rmSync(path.resolve(folder), { recursive: true, force: true });
  fs.rmSync(`${path.resolve(pgliteDir)}.lock`, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
