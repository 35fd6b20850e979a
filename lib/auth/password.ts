import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes: `scrypt$N$r$p$saltB64$hashB64` (node:crypto, no native dependency).
 * N = 2^15, r = 8, p = 1 costs about 32 MiB and a few tens of milliseconds per check.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Upper bounds for parameters read back from a stored hash, so a corrupt row cannot exhaust memory. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

type Params = { N: number; r: number; p: number };

function derive(password: string, salt: Buffer, keyBytes: number, { N, r, p }: Params): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is exactly too small for N = 2^15, r = 8.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

type ParsedHash = Params & { salt: Buffer; key: Buffer };

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N) return null;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R || !Number.isInteger(p) || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/**
 * Checks a password against a stored hash in constant time. A malformed hash is a bug in the data
 * (never a wrong password), so it throws rather than quietly refusing everyone.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) throw new Error('A stored password hash is not in the scrypt$N$r$p$salt$hash format.');
  const key = await derive(password, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

/** A hash of a random password nobody knows, with the current cost parameters. */
const DUMMY_HASH = 'scrypt$32768$8$1$NQ2cunLouQy+O5zWtHIg8g==$np+E9BMUT4S7jvNE9i2It/44ELR2rHWoDsIXMQez7KQ=';

/**
 * Spends the same time as a real check and always answers false: used for unknown e-mails and for
 * admins without a password (SSO only), so response times do not reveal which e-mails exist.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}
