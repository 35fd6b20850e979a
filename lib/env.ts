import { z } from 'zod';

/**
 * The one reader of process.env. Everything configurable is named, typed and checked here; nothing
 * else in app/, components/ or lib/ reads the environment.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalString,
  DATABASE_DRIVER: z.enum(['pglite', 'pg', 'neon']).optional(),
  CONCORD_DATA_DIR: optionalString,
  NEON_WS_PROXY: optionalString,
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalString,
  OIDC_ISSUER: optionalString,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: optionalString,
  OIDC_DEFAULT_ROLE: z.enum(['admin', 'viewer']).default('viewer'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  CONCORD_DEMO_TOKEN: optionalString,
  CRON_SECRET: optionalString,
  /** days a delivered webhook event stays in the delivery log; the health chart shows 14 */
  DELIVERY_LOG_DAYS: z.coerce.number().int().min(14, 'keep at least 14 days (the delivery health chart shows 14)').default(30),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export type DatabaseTarget =
  | { driver: 'pglite'; dataDir: string }
  | { driver: 'pg'; url: string }
  | { driver: 'neon'; url: string; wsProxy?: string };

/** No DATABASE_URL: embedded PGlite under .data/. A Neon host: the Neon WebSocket Pool. Else node-postgres. */
export function databaseTarget(e: Env = env()): DatabaseTarget {
  if (!e.DATABASE_URL || e.DATABASE_DRIVER === 'pglite') {
    return { driver: 'pglite', dataDir: e.CONCORD_DATA_DIR ?? '.data/pglite' };
  }
  const isNeonHost = /\.neon\.tech$|\.neon\.build$/i.test(safeHost(e.DATABASE_URL));
  if (e.DATABASE_DRIVER === 'neon' || (!e.DATABASE_DRIVER && isNeonHost)) {
    return { driver: 'neon', url: e.DATABASE_URL, wsProxy: e.NEON_WS_PROXY };
  }
  return { driver: 'pg', url: e.DATABASE_URL };
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    throw new Error('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
}
