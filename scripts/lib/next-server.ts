import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { nextBin } from './build';
import { ScriptError } from './script-env';

/** Starts `next start -p <port>` with an explicit environment; its output goes to ours. */
export function startNextServer(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { stdio: 'inherit', env });
}

/** Resolves when nothing listens on the port, rejects with a clear message otherwise. */
export function assertPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ScriptError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} is already in use. Stop what runs there, or choose another port with ${variable}=<port>.`
            : `Cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

export type Readiness = 'health' | 'login';

/**
 * Waits until the server answers: `/api/health` with `{ ok: true }`, or, while the application has
 * no health route yet (404), the sign-in page. Rejects when the server exits or the time runs out.
 */
export async function waitUntilReady(baseUrl: string, server: ChildProcess, timeoutMs = 120_000): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    exited = signal ?? `exit code ${code}`;
  };
  server.once('exit', onExit);
  try {
    while (Date.now() < deadline) {
      if (exited) throw new ScriptError(`The server stopped before it was ready (${exited}).`);
      const health = await probe(`${baseUrl}/api/health`);
      if (health?.status === 200 && (health.body as { ok?: unknown } | null)?.ok === true) return 'health';
      if (health?.status === 404) {
        const login = await probe(`${baseUrl}/login`);
        if (login?.status === 200) return 'login';
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new ScriptError(`The server did not answer on ${baseUrl} within ${Math.round(timeoutMs / 1000)} s.`);
  } finally {
    server.off('exit', onExit);
  }
}

/** One GET; null while nothing listens yet. */
async function probe(url: string): Promise<{ status: number; body: unknown } | null> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null; // not JSON: an HTML page
    }
    return { status: response.status, body };
  } catch {
    return null; // connection refused or timed out: not listening yet
  }
}

/**
 * Ties this process's life to the server's: SIGINT/SIGTERM are passed on to it, and when it exits
 * this process exits with its code. The server closes the database itself on the way out.
 */
export function forwardSignals(server: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    });
  }
  server.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + signalNumber(signal) : 1)));
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 } as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 0;
}
