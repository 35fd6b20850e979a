import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { openDatabase, type DbHandle, type Driver } from './client';

/**
 * Databases for tests. Each call makes a database of its own that it drops on close, so leftovers of
 * an earlier run never matter: in-memory PGlite, a fresh database on the real Postgres server, and
 * the same server reached through Neon's WebSocket driver via a loopback proxy.
 */
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = DbHandle & { name: string; /** connection URL, for another process (pg and neon only) */ url?: string };

export const testDrivers: Driver[] = ['pglite', 'pg', 'neon'];

export async function openTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', dataDir: null });
    recordDriverRun('pglite');
    return { ...handle, name: 'pglite-memory' };
  }
  const name = `concord_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = withDatabase(testPostgresUrl, name);
  let proxy: { url: string; close: () => Promise<void> } | undefined;
  try {
    if (driver === 'neon') proxy = await startNeonProxy();
    const handle = await openDatabase(driver === 'neon' ? { driver: 'neon', url, wsProxy: proxy!.url } : { driver: 'pg', url });
    recordDriverRun(driver);
    return {
      ...handle,
      name,
      url,
      close: async () => {
        await handle.close();
        await proxy?.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    };
  } catch (error) {
    await proxy?.close();
    await adminQuery(`drop database if exists ${name} with (force)`);
    throw error;
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A WebSocket-to-TCP proxy on loopback, speaking what Neon's serverless driver expects of its proxy:
 * `ws://host:port/v2?address=pghost:pgport`, raw Postgres protocol bytes in binary frames.
 */
export async function startNeonProxy(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    const address = new URL(request.url ?? '/', 'ws://proxy').searchParams.get('address') ?? '';
    const [host, port] = address.split(':');
    if (host !== '127.0.0.1' && host !== 'localhost') {
      socket.close(1008, 'only loopback targets');
      return;
    }
    const tcp = net.connect({ host, port: Number(port) || 5432 });
    const stream = createWebSocketStream(socket);
    stream.on('error', () => tcp.destroy());
    tcp.on('error', () => socket.terminate());
    stream.pipe(tcp).pipe(stream);
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/**
 * Records which drivers the data-layer suites really ran on, so `.ci/run` can fail when the Postgres
 * or Neon-driver tests did not run instead of passing quietly without them.
 */
function recordDriverRun(driver: Driver): void {
  const dir = path.join(process.cwd(), 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, 'drivers-ran.txt'), `${driver}\n`);
}
