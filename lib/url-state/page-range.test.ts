import { describe, expect, it } from 'vitest';
import { pageRange } from './page-range';

describe('pageRange', () => {
  it.each([
    ['first page', 1, 50, 100_000, { from: 1, to: 50, pageCount: 2000, isPastEnd: false }],
    ['second page', 2, 50, 100_000, { from: 51, to: 100, pageCount: 2000, isPastEnd: false }],
    ['a short last page', 3, 50, 120, { from: 101, to: 120, pageCount: 3, isPastEnd: false }],
    ['exactly one full page', 1, 25, 25, { from: 1, to: 25, pageCount: 1, isPastEnd: false }],
    ['an empty table', 1, 25, 0, { from: 0, to: 0, pageCount: 1, isPastEnd: false }],
    ['an empty table asked for page 2', 2, 25, 0, { from: 0, to: 0, pageCount: 1, isPastEnd: true }],
    ['past the end', 9, 25, 30, { from: 0, to: 0, pageCount: 2, isPastEnd: true }],
  ])('%s', (_name, page, pageSize, total, expected) => {
    expect(pageRange(page, pageSize, total)).toEqual(expected);
  });
});
