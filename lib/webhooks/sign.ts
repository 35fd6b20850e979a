import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (issue 5). Every delivery carries
 *   Concord-Event-Id:  the event's id (receivers de-duplicate on it)
 *   Concord-Timestamp: seconds since the Unix epoch when the request was signed
 *   Concord-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * Signing the timestamp with the body lets a receiver refuse replays of an old request.
 * This module is pure (node:crypto only) so a receiver written in Node can copy it as is.
 */
export const signatureHeaders = { eventId: 'concord-event-id', timestamp: 'concord-timestamp', signature: 'concord-signature' } as const;

/** Five minutes either way: generous for clock skew, short enough to make a captured request useless. */
export const defaultToleranceSeconds = 300;

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The three headers of a delivery of `body` (the exact bytes sent). */
export function signedHeaders(secret: string, eventId: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [signatureHeaders.eventId]: eventId,
    [signatureHeaders.timestamp]: String(timestamp),
    [signatureHeaders.signature]: `v1=${signatureOf(secret, timestamp, body)}`,
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/**
 * What a receiver runs on each request, before parsing the body: the signature must match the raw
 * body (compared in constant time) and the timestamp must be within `toleranceSeconds` of now.
 * Several `v1=` values separated by commas are accepted (as during a secret rotation).
 */
export function verifySignature(input: {
  secret: string;
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): VerifyResult {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'malformed' };
  const timestamp = Number(input.timestamp);
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? defaultToleranceSeconds)) return { ok: false, reason: 'expired' };
  const candidates = input.signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  if (candidates.length === 0 || candidates.some((hex) => !/^[0-9a-f]{64}$/i.test(hex))) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signatureOf(input.secret, timestamp, input.body), 'hex');
  const matches = candidates.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** A new endpoint secret: 32 random bytes, prefixed so it is recognisable in a receiver's configuration. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
