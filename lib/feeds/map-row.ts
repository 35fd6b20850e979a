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

/**
 * Applies a mapping to one row. Values are trimmed, empty ones are null (custom attributes: left out); groups are
 * split on the separator (and on the JSON/XML multi-value separator), trimmed, deduplicated. A required attribute
 * that is missing or blank, or a missing username (the account's key), rejects the row with an error naming it.
 */
export function mapRow(raw: RawRow, mapping: FieldMapping): { account: MappedAccount | null; issues: FeedIssue[] } {
  const issues: FeedIssue[] = [];
  const separator = mapping.multiValueSeparator || ';';
  const single = (attribute: string): string | null => {
    const input = Object.hasOwn(mapping.fields, attribute) ? mapping.fields[attribute] : undefined;
    const value = input === undefined ? undefined : getField(raw.fields, input);
    if (value === undefined) return null;
    const joined = value.includes(MULTI_VALUE_SEPARATOR)
      ? value
          .split(MULTI_VALUE_SEPARATOR)
          .map((part) => part.trim())
          .filter(Boolean)
          .join(separator)
      : value;
    return joined.trim() || null;
  };

  const groupsInput = Object.hasOwn(mapping.fields, 'groups') ? mapping.fields.groups : undefined;
  const groupsText = groupsInput === undefined ? undefined : getField(raw.fields, groupsInput);
  const groups = groupsText === undefined ? [] : splitValues(groupsText, separator);

  const account: MappedAccount = {
    row: raw.row,
    key: '',
    username: single('username'),
    email: single('email'),
    displayName: single('displayName'),
    givenName: single('givenName'),
    familyName: single('familyName'),
    employeeId: single('employeeId'),
    groups,
    attributes: {},
  };
  for (const name of Object.keys(mapping.fields)) {
    if (builtIn.has(name)) continue;
    const value = single(name);
    if (value !== null) setField(account.attributes, name, value);
  }

  for (const attribute of new Set(['username', ...mapping.required])) {
    const present = attribute === 'groups' ? groups.length > 0 : valueOf(account, attribute) !== null;
    if (present) continue;
    const input = Object.hasOwn(mapping.fields, attribute) ? mapping.fields[attribute] : undefined;
    const field = input ?? attribute;
    const what = attribute === 'username' && !mapping.required.includes('username') ? 'username (the account key)' : `required field ${attribute}`;
    const message =
      input === undefined
        ? `Row ${raw.row}: ${what} is not mapped to any input column.`
        : getField(raw.fields, input) === undefined
          ? `Row ${raw.row}: ${what} (input column ${quote(input)}) is missing.`
          : `Row ${raw.row}: ${what} (input column ${quote(input)}) is empty.`;
    issues.push({ row: raw.row, field, level: 'error', message });
  }
  if (issues.length > 0) return { account: null, issues };

  account.key = account.username ?? '';
  if (account.email !== null && !EMAIL_SHAPE.test(account.email)) {
    const input = mapping.fields.email ?? 'email';
    issues.push({
      row: raw.row,
      field: input,
      level: 'warning',
      message: `Row ${raw.row}: email ${quote(account.email)} (input column ${quote(input)}) does not look like an e-mail address.`,
    });
  }
  return { account, issues };
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
