import fs from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { databaseTarget, type DatabaseTarget } from '@/lib/env';
import * as schema from './schema';

/** Every driver's database, seen through drizzle's shared Postgres surface. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type Executor = Db | Tx;
export type Driver = DatabaseTarget['driver'];

export type DbHandle = { db: Db; driver: Driver; close: () => Promise<void> };

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/**
 * Opens a database and applies the migrations. This is the only place that chooses a driver:
 * PGlite (a data folder, or in memory with `dataDir: null`), node-postgres, or Neon's WebSocket Pool.
 */
export async function openDatabase(target: DatabaseTarget | { driver: 'pglite'; dataDir: null }): Promise<DbHandle> {
  const handle = await connect(target);
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

const embedded = new WeakSet<object>();

/** Whether `db` is an embedded PGlite database (not a transaction on one): its parameters take another road for big bytes (db/sql.ts). */
export function isEmbedded(db: Executor): boolean {
  return embedded.has(db);
}

async function connect(target: DatabaseTarget | { driver: 'pglite'; dataDir: null }): Promise<DbHandle> {
  if (target.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
    const { drizzle } = await import('drizzle-orm/pglite');
    const release = target.dataDir ? acquireDataDirLock(target.dataDir) : () => {};
    try {
      const client = await PGlite.create(target.dataDir ?? undefined, { extensions: { pg_trgm, btree_gin } });
      const db = drizzle({ client, schema }) as unknown as Db;
      embedded.add(db);
      return {
        db,
        driver: 'pglite',
        close: async () => {
          await client.close();
          release();
        },
      };
    } catch (error) {
      release();
      throw error;
    }
  }
  if (target.driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { default: WebSocket } = await import('ws');
    neonConfig.webSocketConstructor = WebSocket;
    if (target.wsProxy) {
      // A local WebSocket-to-TCP proxy (tests, or a self-hosted Neon proxy): plain ws, no pipelining.
      const proxy = target.wsProxy.replace(/\/$/, '');
      neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool({ connectionString: target.url, max: 10 });
    pool.on('error', reportIdleClientError);
    const db = drizzle({ client: pool, schema }) as unknown as Db;
    return { db, driver: 'neon', close: () => pool.end() };
  }
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: target.url, max: 10 });
  pool.on('error', reportIdleClientError);
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return { db, driver: 'pg', close: () => pool.end() };
}

/**
 * An idle pooled connection that the server closes (a restart, a failover, an administrator)
 * surfaces as an 'error' event on the pool; unhandled, it would crash the process. The pool drops
 * that connection and opens a new one on the next query, so it is only worth a log line.
 */
function reportIdleClientError(error: Error): void {
  console.error(`Concord: an idle database connection was closed by the server (${error.message}); the next query opens a new one.`);
}

async function migrateDatabase({ db, driver }: DbHandle): Promise<void> {
  const config = { migrationsFolder };
  if (driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db as never, config);
  } else if (driver === 'neon') {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(db as never, config);
  }
}

/**
 * PGlite must never be opened by two processes at once: a second one would corrupt the folder.
 * A lock file holding the owner's pid refuses the second opener with a clear message.
 */
function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lockFile = `${path.resolve(dataDir)}.lock`;
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(fs.readFileSync(lockFile, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database at ${dataDir} is open in process ${owner}. Stop that process first, ` +
          'or set DATABASE_URL to use a Postgres server that several processes can share.',
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (Number(fs.readFileSync(lockFile, 'utf8')) === process.pid) fs.unlinkSync(lockFile);
    } catch {
      // already gone: nothing to release
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// One database per process, opened lazily on first use and never at build time. A failed open is
// not cached: the next call tries again.
const globalForDb = globalThis as unknown as { concordDb?: Promise<DbHandle> };

export function getDatabase(): Promise<DbHandle> {
  if (!globalForDb.concordDb) {
    const opening = openDatabase(databaseTarget());
    globalForDb.concordDb = opening;
    opening.catch(() => {
      if (globalForDb.concordDb === opening) globalForDb.concordDb = undefined;
    });
  }
  return globalForDb.concordDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Closes the process's database (scripts, graceful shutdown). */
export async function closeDb(): Promise<void> {
  const opening = globalForDb.concordDb;
  globalForDb.concordDb = undefined;
  if (opening) await (await opening).close();
}
