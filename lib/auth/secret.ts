import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

let cached: string | undefined;

/**
 * The key that signs and encrypts session cookies: NEXTAUTH_SECRET when set; otherwise a random
 * secret generated on first use and kept in `.data/auth-secret` (mode 0600), so the embedded setup
 * works with no configuration and sessions survive a restart. Several app instances must share one
 * secret: with DATABASE_URL, set NEXTAUTH_SECRET.
 */
export function authSecret(): string {
  if (cached) return cached;
  const configured = env().NEXTAUTH_SECRET;
  cached = configured ?? readOrCreateSecretFile(path.join(process.cwd(), '.data', 'auth-secret'));
  if (!configured && env().DATABASE_URL) {
    console.warn(
      'NEXTAUTH_SECRET is not set: this instance signs sessions with .data/auth-secret. ' +
        'Other instances sharing DATABASE_URL will not accept its sessions; set NEXTAUTH_SECRET on all of them.',
    );
  }
  return cached;
}

export function readOrCreateSecretFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Write a private temporary file, then link it into place: link() fails if the file exists, so
    // two processes starting at once agree on one secret and neither ever reads a half-written file.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(temporary);
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new Error(`${file} holds no usable secret (fewer than 32 characters). Delete it to generate a new one.`);
  }
  return secret;
}
