import { getField, quote, setField } from './fields';
import { accountAttributes, type FieldMapping } from './mapping';
import { MULTI_VALUE_SEPARATOR, type FeedIssue, type RawRow } from './types';

/** One account as the mapping reads it from a row. `key` is the username as given (trimmed). */
export type MappedAccount = {
  row: number;
  key: string;
  username: string | null;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  employeeId: string | null;
  groups: string[];
  attributes: Record<string, string>;
};

const builtIn = new Set<string>(accountAttributes);
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export type MappedRow = { account: MappedAccount | null; issues: FeedIssue[] };

/** The single-valued attributes every account has; the rest of a mapping's fields are custom attributes. */
const SINGLE = ['username', 'email', 'displayName', 'givenName', 'familyName', 'employeeId'] as const;

/**
 * Compiles a mapping into a function that maps one row: which input column feeds which attribute,
 * the custom attributes and the required ones are worked out once per feed, not once per row (at
 * 100,000 rows that per-row work cost more than reading the CSV).
 *
 * Values are trimmed, empty ones are null (custom attributes: left out); groups are split on the
 * separator (and on the JSON/XML multi-value separator), trimmed, deduplicated. A required attribute
 * that is missing or blank, or a missing username (the account's key), rejects the row with an error naming it.
 */
export function rowMapper(mapping: FieldMapping): (raw: RawRow) => MappedRow {
  const separator = mapping.multiValueSeparator || ';';
  const inputOf = (attribute: string) => (Object.hasOwn(mapping.fields, attribute) ? mapping.fields[attribute] : undefined);
  const [username, email, displayName, givenName, familyName, employeeId] = SINGLE.map(inputOf);
  const groupsInput = inputOf('groups');
  const custom = Object.keys(mapping.fields)
    .filter((name) => !builtIn.has(name))
    .map((name) => [name, mapping.fields[name]!] as const);
  const required = [...new Set(['username', ...mapping.required])];

  return (raw) => {
    const fields = raw.fields;
    const groupsText = groupsInput === undefined ? undefined : getField(fields, groupsInput);
    const account: MappedAccount = {
      row: raw.row,
      key: '',
      username: single(fields, username, separator),
      email: single(fields, email, separator),
      displayName: single(fields, displayName, separator),
      givenName: single(fields, givenName, separator),
      familyName: single(fields, familyName, separator),
      employeeId: single(fields, employeeId, separator),
      groups: groupsText === undefined ? [] : splitValues(groupsText, separator),
      attributes: {},
    };
    for (const [name, input] of custom) {
      const value = single(fields, input, separator);
      if (value !== null) setField(account.attributes, name, value);
    }

    let issues: FeedIssue[] | null = null;
    for (const attribute of required) {
      const present = attribute === 'groups' ? account.groups.length > 0 : valueOf(account, attribute) !== null;
      if (!present) (issues ??= []).push(missingIssue(raw, mapping, attribute));
    }
    if (issues) return { account: null, issues };

    account.key = account.username ?? '';
    if (account.email !== null && !EMAIL_SHAPE.test(account.email)) {
      const input = mapping.fields.email ?? 'email';
      return {
        account,
        issues: [{
          row: raw.row,
          field: input,
          level: 'warning',
          message: `Row ${raw.row}: email ${quote(account.email)} (input column ${quote(input)}) does not look like an e-mail address.`,
        }],
      };
    }
    return { account, issues: [] };
  };
}

/** Maps one row (rowMapper, for a single row). */
export function mapRow(raw: RawRow, mapping: FieldMapping): MappedRow {
  return rowMapper(mapping)(raw);
}

/** One input column's value: multi-values joined with the separator, trimmed; null when absent or blank. */
function single(fields: Record<string, string>, input: string | undefined, separator: string): string | null {
  const value = input === undefined ? undefined : getField(fields, input);
  if (value === undefined) return null;
  const joined = value.includes(MULTI_VALUE_SEPARATOR)
    ? value
        .split(MULTI_VALUE_SEPARATOR)
        .map((part) => part.trim())
        .filter(Boolean)
        .join(separator)
    : value;
  return joined.trim() || null;
}

/** The error of a row that lacks a required attribute (or the username, the account's key). */
function missingIssue(raw: RawRow, mapping: FieldMapping, attribute: string): FeedIssue {
  const input = Object.hasOwn(mapping.fields, attribute) ? mapping.fields[attribute] : undefined;
  const what = attribute === 'username' && !mapping.required.includes('username') ? 'username (the account key)' : `required field ${attribute}`;
  const message =
    input === undefined
      ? `Row ${raw.row}: ${what} is not mapped to any input column.`
      : getField(raw.fields, input) === undefined
        ? `Row ${raw.row}: ${what} (input column ${quote(input)}) is missing.`
        : `Row ${raw.row}: ${what} (input column ${quote(input)}) is empty.`;
  return { row: raw.row, field: input ?? attribute, level: 'error', message };
}

function valueOf(account: MappedAccount, attribute: string): string | null {
  switch (attribute) {
    case 'username':
    case 'email':
    case 'displayName':
    case 'givenName':
    case 'familyName':
    case 'employeeId':
      return account[attribute];
    default:
      return Object.hasOwn(account.attributes, attribute) ? (account.attributes[attribute] ?? null) : null;
  }
}

/** Splits a multi-valued text on the separator and the multi-value separator: trimmed, deduplicated, no empties. */
export function splitValues(text: string, separator: string): string[] {
  const parts = text.split(MULTI_VALUE_SEPARATOR).flatMap((part) => part.split(separator));
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}
