import { createHash, timingSafeEqual } from 'node:crypto';

export type CronCheck = 'disabled' | 'unauthorized' | 'ok';

/**
 * Whether a request may drive the due-runs endpoint. No CRON_SECRET configured: the endpoint does not
 * exist ('disabled' → 404). Otherwise the request must carry `Authorization: Bearer <secret>`; both
 * sides are hashed first so the comparison takes the same time whatever the length or the content.
 */
export function checkCronSecret(authorizationHeader: string | null, secret: string | undefined): CronCheck {
  if (!secret) return 'disabled';
  const match = /^Bearer\s+(.+)$/i.exec(authorizationHeader?.trim() ?? '');
  if (!match) return 'unauthorized';
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!.trim()), digest(secret)) ? 'ok' : 'unauthorized';
}
