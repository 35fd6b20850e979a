/**
 * The scripts' one reader of process.env (the app's is lib/env.ts). Scripts start other processes
 * (`next build`, `next start`), so they must read the environment they were given and hand an
 * explicit one on: `childEnv` is the only way they do.
 */
export type ScriptEnv = {
  /** Port of `npm run demo` (PORT, default 3000). */
  port: number;
  /** Port of the e2e server (E2E_PORT, default 3100). */
  e2ePort: number;
  /** True on CI (CI=true or 1). */
  ci: boolean;
};

export function scriptEnv(): ScriptEnv {
  return {
    port: portFrom('PORT', 3000),
    e2ePort: portFrom('E2E_PORT', 3100),
    ci: ['true', '1'].includes((process.env.CI ?? '').toLowerCase()),
  };
}

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ScriptError(`${name}=${raw} is not a port number (1-65535).`);
  return port;
}

/** This process's environment with some variables set (a string) or removed (undefined). */
export function childEnv(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const next: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Sets variables in this process too, before lib/env.ts first reads them. */
export function setOwnEnv(changes: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** A failure the user can fix from its message alone: scripts print it without a stack trace. */
export class ScriptError extends Error {
  override name = 'ScriptError';
}
