/** Helpers for the feed tests (not part of the public API). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseAll } from './parse-feed';
import { FeedError, type FeedChunk, type FeedErrorCode, type FeedFormat, type ParseOptions } from './types';

/** Test data written by others lives beside the checkout, in ../shared/testdata. */
export const testdataDir = path.resolve(process.cwd(), '../shared/testdata');

export function testdata(...parts: string[]): Buffer {
  return readFileSync(path.join(testdataDir, ...parts));
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** The bytes as an async iterable of pieces of `size` bytes, as a network upload would arrive. */
export async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

export function parseText(text: string, format: FeedFormat, options?: ParseOptions): Promise<FeedChunk> {
  return parseAll(utf8(text), format, options);
}

/** Runs a parse that must fail and returns the FeedError, checking its code. */
export async function feedError(work: Promise<unknown>, code: FeedErrorCode): Promise<FeedError> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code, (error as FeedError).message).toBe(code);
    return error as FeedError;
  }
  throw new Error(`expected a FeedError (${code}), but the feed parsed`);
}

/** Just the field records of the rows. */
export const fieldsOf = (chunk: FeedChunk) => chunk.rows.map((row) => row.fields);
