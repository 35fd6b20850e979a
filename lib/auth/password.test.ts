import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummyPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes in the scrypt$N$r$p$salt$hash format with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
  });

  it.each([
    ['the same password', 'Tr0ub4dor&3', true],
    ['another password', 'tr0ub4dor&3', false],
    ['an empty password', '', false],
    ['the password with a trailing space', 'Tr0ub4dor&3 ', false],
  ])('verifies %s', async (_label, attempt, expected) => {
    const stored = await hashPassword('Tr0ub4dor&3');
    expect(await verifyPassword(attempt, stored)).toBe(expected);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('caf\u00e9-au-lait');
    expect(await verifyPassword('cafe\u0301-au-lait', stored)).toBe(true);
  });

  it.each([
    ['another algorithm', 'bcrypt$10$abc'],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['a cost too large to compute', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==`],
    ['missing parts', 'scrypt$32768$8$1$c2FsdA=='],
  ])('refuses a stored hash with %s as corrupt data', async (_label, stored) => {
    await expect(verifyPassword('anything', stored)).rejects.toThrow(/scrypt\$N\$r\$p/);
  });

  it('answers false for the dummy check, taking about as long as a real one', async () => {
    const stored = await hashPassword('a real password');
    const t0 = performance.now();
    await verifyPassword('guess', stored);
    const real = performance.now() - t0;
    const t1 = performance.now();
    expect(await verifyDummyPassword('guess')).toBe(false);
    const dummy = performance.now() - t1;
    expect(dummy).toBeGreaterThan(real / 4);
  });
});
