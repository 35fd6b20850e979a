import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readOrCreateSecretFile } from './secret';

describe('the generated session secret', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-secret-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created once, private to its owner, in a folder created on demand, and then reused', () => {
    const file = path.join(dir, 'nested', 'auth-secret');
    const first = readOrCreateSecretFile(file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecretFile(file)).toBe(first);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['auth-secret']);
  });

  it('refuses a file that holds no usable secret', () => {
    const file = path.join(dir, 'empty-secret');
    fs.writeFileSync(file, '\n');
    expect(() => readOrCreateSecretFile(file)).toThrow(/Delete it/);
  });
});
