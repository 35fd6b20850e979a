import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureOf, signedHeaders, verifySignature } from './sign';

const secret = 'whsec_test';
const body = '{"id":"e1","type":"identity.updated"}';
const now = new Date(1795370400 * 1000);
const ts = String(Math.floor(now.getTime() / 1000));

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 (a known vector)', () => {
    // echo -n '1795370400.{"id":"e1","type":"identity.updated"}' | openssl dgst -sha256 -hmac whsec_test
    expect(ts).toBe('1795370400');
    expect(signatureOf(secret, 1795370400, body)).toBe('bfa436b4caa2ef5c3eb5f63303ac8dbcf65af216c2bbaac131b88c60ae7b8dcb');
    const headers = signedHeaders(secret, 'e1', body, now);
    expect(headers).toEqual({
      'concord-event-id': 'e1',
      'concord-timestamp': ts,
      'concord-signature': `v1=${signatureOf(secret, 1795370400, body)}`,
    });
  });

  it('verifies a genuine request and refuses a changed body, another secret, an old timestamp, garbage', () => {
    const signature = signedHeaders(secret, 'e1', body, now)['concord-signature'];
    const check = (over: Partial<Parameters<typeof verifySignature>[0]>) => verifySignature({ secret, body, timestamp: ts, signature, now, ...over });
    expect(check({})).toEqual({ ok: true });
    expect(check({ body: body.replace('updated', 'created') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ secret: 'whsec_other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ now: new Date(now.getTime() + 301_000) })).toEqual({ ok: false, reason: 'expired' });
    expect(check({ now: new Date(now.getTime() + 299_000) })).toEqual({ ok: true });
    expect(check({ now: new Date(now.getTime() + 60_000), toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'expired' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ signature: 'v1=zz' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ timestamp: '12abc' })).toEqual({ ok: false, reason: 'malformed' });
    // The timestamp is signed: moving it forward breaks the signature.
    expect(check({ timestamp: String(Number(ts) + 1) })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const genuine = signedHeaders(secret, 'e1', body, now)['concord-signature'];
    const other = signedHeaders('whsec_old', 'e1', body, now)['concord-signature'];
    expect(verifySignature({ secret, body, timestamp: ts, signature: `${other}, ${genuine}`, now })).toEqual({ ok: true });
  });

  it('makes long random secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
