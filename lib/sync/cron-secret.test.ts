import { describe, expect, it } from 'vitest';
import { checkCronSecret } from './cron-secret';

describe('checkCronSecret', () => {
  it.each([
    [null, undefined, 'disabled'],
    ['Bearer anything', undefined, 'disabled'],
    [null, 's3cret', 'unauthorized'],
    ['', 's3cret', 'unauthorized'],
    ['s3cret', 's3cret', 'unauthorized'],
    ['Basic s3cret', 's3cret', 'unauthorized'],
    ['Bearer s3cre', 's3cret', 'unauthorized'],
    ['Bearer s3cret-and-more', 's3cret', 'unauthorized'],
    ['Bearer S3CRET', 's3cret', 'unauthorized'],
    ['Bearer s3cret', 's3cret', 'ok'],
    ['bearer  s3cret ', 's3cret', 'ok'],
  ] as const)('%j with secret %j is %s', (header, secret, expected) => {
    expect(checkCronSecret(header, secret)).toBe(expected);
  });
});
