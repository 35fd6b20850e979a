import { describe, expect, it } from 'vitest';
import { describeProgress, rowsPerSecond } from './progress-words';

describe('rowsPerSecond', () => {
  it.each([
    ['from the samples this page saw', { at: 1_000, rowsDone: 0 }, { at: 3_000, rowsDone: 10_000 }, null, 5_000],
    ['from the start while the samples are too close', { at: 1_000, rowsDone: 0 }, { at: 1_500, rowsDone: 4_000 }, 0, 2_666.67],
    ['from the start while no row moved since the first sample', { at: 5_000, rowsDone: 8_000 }, { at: 9_000, rowsDone: 8_000 }, 1_000, 1_000],
    ['unknown before any row or start', { at: 1_000, rowsDone: 0 }, { at: 1_200, rowsDone: 0 }, null, null],
  ])('%s', (_name, first, latest, startedAt, expected) => {
    const rate = rowsPerSecond(first, latest, startedAt);
    if (expected === null) expect(rate).toBeNull();
    else expect(rate).toBeCloseTo(expected, 1);
  });
});

describe('describeProgress', () => {
  it.each([
    [1_200, null, null, '1,200 rows read'],
    [1_200, null, 3_400.4, '1,200 rows read · 3,400 rows per second'],
    [12_000, 50_000, 3_800, '12,000 of 50,000 rows · 3,800 rows per second · about 10 s left'],
    [50_000, 50_000, 3_800, '50,000 of 50,000 rows · 3,800 rows per second'],
  ])('%d of %s at %s rows/s', (done, total, rate, expected) => {
    expect(describeProgress(done, total, rate)).toBe(expected);
  });
});
