import { hash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { MappedAccount } from '@/lib/feeds';

/**
 * `attr_hash`: the md5 of an account's key and mapped attributes, so that an unchanged row is
 * recognised without comparing its columns and is never rewritten. Computed in JavaScript as a feed
 * is read (attrHash) and, for rows already stored, by the same definition in SQL (attrHashSql, which
 * migration 0014 used to rehash the existing rows); tests hold the two equal on every driver. Its
 * first 16 hex digits also serve as the row's digest in ./known-accounts.
 *
 * The hashed text is a JSON array, which JSON.stringify writes natively and Postgres's to_json
 * escapes alike: [key, username, email, display name, given name, family name, employee id,
 * [groups…], [attribute, value, …]], groups and attribute names sorted by their UTF-8 bytes
 * (collation "C").
 */
export function attrHash(account: Omit<MappedAccount, 'row'>): string {
  const names = Object.keys(account.attributes);
  if (names.length > 1) sortByBytes(names);
  const attributes: string[] = new Array<string>(names.length * 2);
  for (let i = 0; i < names.length; i++) {
    attributes[2 * i] = names[i]!;
    attributes[2 * i + 1] = account.attributes[names[i]!]!;
  }
  const groups = account.groups.length > 1 ? sortByBytes([...account.groups]) : account.groups;
  const text = JSON.stringify([
    account.key,
    account.username,
    account.email,
    account.displayName,
    account.givenName,
    account.familyName,
    account.employeeId,
    groups,
    attributes,
  ]);
  return hash('md5', text, 'hex');
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Sorts in place by UTF-8 bytes, as collation "C" does: UTF-16 order agrees unless a surrogate pair is involved. */
function sortByBytes(values: string[]): string[] {
  if (values.length < 2) return values;
  if (!values.some((v) => SURROGATE.test(v))) return values.sort();
  return values.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The same hash in SQL over a row `alias` with the accounts' columns (key, username … groups text[], attributes jsonb). */
export function attrHashSql(alias: string): SQL {
  const json = (expression: string) => `coalesce(to_json(${expression})::text, 'null')`;
  const columns = ['key', 'username', 'email', 'display_name', 'given_name', 'family_name', 'employee_id'].map((column) => json(`${alias}.${column}`));
  const groups = `'[' || coalesce((select string_agg(${json('g')}, ',' order by g collate "C") from unnest(${alias}.groups) g), '') || ']'`;
  const attributes = `'[' || coalesce((select string_agg(${json('e.key')} || ',' || ${json('e.value')}, ',' order by e.key collate "C")
      from jsonb_each_text(coalesce(${alias}.attributes, '{}'::jsonb)) e), '') || ']'`;
  return sql.raw(`md5('[' || ${[...columns, groups, attributes].join(' || \',\' || ')} || ']')`);
}
