import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

/**
 * The application's active accounts as they are, for recognising a feed's unchanged rows while it is
 * read: one 64-bit digest per account (the first half of its attr_hash, which covers its key), sorted,
 * 8 bytes each (8 MB at 1,000,000), fetched as one bytea. A row whose digest is present is staged as
 * key and hash alone.
 *
 * A digest is a claim, not a proof: applying re-checks every row against the accounts by its full
 * hash (classifyChanges), so a collision, or an account changed by an import applied meanwhile,
 * stops the import rather than losing a change.
 */
export type KnownAccounts = { has: (hash: string) => boolean; size: number };

export async function loadKnownAccounts(db: Executor, applicationId: string): Promise<KnownAccounts | null> {
  const { rows } = await run<{ digests: Uint8Array | null }>(
    db,
    sql`select string_agg(decode(left(attr_hash, 16), 'hex'), ''::bytea) as digests
        from accounts where application_id = ${applicationId} and status = 'active'`,
  );
  const bytes = rows[0]?.digests;
  if (!bytes || bytes.byteLength === 0) return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const digests = new BigUint64Array(buffer.byteLength / 8);
  for (let i = 0; i < digests.length; i++) digests[i] = buffer.readBigUInt64BE(i * 8);
  digests.sort();
  return { has: (hash) => contains(digests, BigInt(`0x${hash.slice(0, 16)}`)), size: digests.length };
}

function contains(sorted: BigUint64Array, value: bigint): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
