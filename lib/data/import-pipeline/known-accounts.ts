import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure } from '@/lib/errors';

/**
 * The application's active accounts as they were when a feed began to be read, so that the rows
 * that repeat an account unchanged are recognised as they are read and never staged: an unchanged
 * feed of 100,000 rows writes no row at all. Each account is one 64-bit digest (the first half of its
 * attr_hash, which covers its key), sorted: 8 bytes an account, 8 MB at 1,000,000, fetched as one
 * bytea together with a fingerprint of the whole set (fingerprintOf).
 *
 * What the import keeps (imports.unrepeated_digests, imports.known_fingerprint): the digests of the
 * accounts no row repeated unchanged (those the feed removes or changes) and the fingerprint. Applying
 * checks the fingerprint under the application's lock: if an import applied meanwhile changed the
 * accounts, the feed was read against accounts that no longer are, and nothing is applied.
 */
export class KnownAccounts {
  /** 1 + the row number of the first row that repeated each account unchanged (0: none yet), by position in `digests`. */
  private readonly repeatedBy: Int32Array;

  private constructor(
    private readonly digests: BigUint64Array,
    readonly fingerprint: string,
  ) {
    this.repeatedBy = new Int32Array(digests.length);
  }

  static async load(db: Executor, applicationId: string): Promise<KnownAccounts> {
    const { rows } = await run<{ digests: Uint8Array | null; fingerprint: string }>(
      db,
      sql`select string_agg(decode(left(attr_hash, 16), 'hex'), ''::bytea) as digests, ${fingerprintOf('accounts')} as fingerprint
          from accounts where application_id = ${applicationId} and status = 'active'`,
    );
    const bytes = rows[0]?.digests ?? new Uint8Array(0);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const digests = new BigUint64Array(buffer.byteLength / 8);
    for (let i = 0; i < digests.length; i++) digests[i] = buffer.readBigUInt64BE(i * 8);
    digests.sort();
    return new KnownAccounts(digests, rows[0]!.fingerprint);
  }

  get size(): number {
    return this.digests.length;
  }

  /**
   * A row that hashed `hash`: 'new' when it repeats no active account unchanged (it is staged);
   * 'repeated' the first time it repeats one; or the row number of the row that repeated that
   * account before (this row is a duplicate).
   */
  repeat(hash: string, row: number): 'new' | 'repeated' | { duplicateOf: number } {
    if (this.digests.length === 0) return 'new';
    const at = this.indexOf(digestOf(hash));
    if (at < 0) return 'new';
    const earlier = this.repeatedBy[at]!;
    if (earlier !== 0) return { duplicateOf: earlier - 1 };
    this.repeatedBy[at] = row + 1;
    return 'repeated';
  }

  /** The row that repeated the account with this attr_hash unchanged, if one did. */
  repeatedRow(attrHash: string): number | null {
    const at = this.indexOf(digestOf(attrHash));
    return at >= 0 && this.repeatedBy[at]! > 0 ? this.repeatedBy[at]! - 1 : null;
  }

  /** The digests of the accounts no row repeated unchanged, 8 bytes each. */
  unrepeated(): Uint8Array {
    let count = 0;
    for (let i = 0; i < this.repeatedBy.length; i++) if (this.repeatedBy[i] === 0) count++;
    const out = Buffer.alloc(count * 8);
    for (let i = 0, o = 0; i < this.digests.length; i++) {
      if (this.repeatedBy[i] !== 0) continue;
      out.writeBigUInt64BE(this.digests[i]!, o);
      o += 8;
    }
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  private indexOf(value: bigint): number {
    let low = 0;
    let high = this.digests.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.digests[middle]!;
      if (at === value) return middle;
      if (at < value) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

/** An account's digest: the first 16 hex digits of its attr_hash, as the load query decodes them. */
const digestOf = (attrHash: string): bigint => BigInt(`0x${attrHash.slice(0, 16)}`);

/**
 * The fingerprint of a set of accounts (an aggregate over rows of accounts `alias`): their count and
 * the XOR of a 64-bit hash of each attr_hash. It tells whether the set changed between reading a feed
 * and applying it, minutes apart on one database.
 */
export const fingerprintOf = (alias: string): SQL =>
  sql.raw(`count(*) || ':' || coalesce(bit_xor(hashtextextended(${alias}.attr_hash, 0)), 0)`);

/**
 * Whether the import's feed did not repeat the account `alias` (a row of accounts) unchanged, as
 * SQL: its digest is among the import's unrepeated digests. An import read before rows were
 * recognised as they were read (no fingerprint) staged every row: for it, every account qualifies.
 */
export const notRepeatedBy = (importId: string, alias: string): SQL =>
  sql`(${sql.raw(`decode(left(${alias}.attr_hash, 16), 'hex')`)} in (
         select substring(i.unrepeated_digests from g * 8 + 1 for 8)
         from imports i, generate_series(0, coalesce(octet_length(i.unrepeated_digests), 0) / 8 - 1) g
         where i.id = ${importId})
       or exists (select 1 from imports i where i.id = ${importId} and i.known_fingerprint is null))`;

/** The accounts are no longer those the feed was read against: an import applied meanwhile changed them. */
export class AccountsChangedSinceRead extends AppFailure {
  constructor() {
    super({
      code: 'conflict',
      message: "The application's accounts changed after this feed was read (another import was applied meanwhile), so it cannot be applied as read. Nothing was applied; import the feed again.",
    });
  }
}
