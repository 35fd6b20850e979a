import { quote, setField } from './fields';
import { JsonNumber, JsonObject, type JsonValue } from './json-value';
import { MULTI_VALUE_SEPARATOR, type FeedIssue, type RawRow } from './types';

const scalarText = (value: JsonValue): string | null => {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
};

const typeName = (value: JsonValue): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : value instanceof JsonObject ? 'an object' : value instanceof JsonNumber ? 'a number' : `a ${typeof value}`;

/**
 * Turns one JSON record into fields: strings as they are, numbers as written ("00123" stays "00123", 1.50 stays
 * "1.50"), booleans as true/false, null as "". Nested objects become dotted names (profile.login); a list of plain
 * values becomes one multi-valued field. A list holding objects or lists cannot be flattened: the field is left
 * out with a warning, given once per field name (`warned` carries that across rows).
 */
export function recordFields(
  value: JsonValue,
  row: number,
  what: string,
  warned: Set<string>,
): { fields: RawRow['fields'] | null; issues: FeedIssue[] } {
  if (!(value instanceof JsonObject)) {
    return {
      fields: null,
      issues: [{ row, level: 'error', message: `${what} is ${typeName(value)}, not an object with fields; the row was rejected.` }],
    };
  }
  const fields: RawRow['fields'] = {};
  const issues: FeedIssue[] = [];
  flatten(value, '', fields, (field) => {
    if (warned.has(field)) return;
    warned.add(field);
    issues.push({
      row,
      field,
      level: 'warning',
      message: `${what}: field ${quote(field)} is a list of objects or lists; it was left out here and in every later row (only lists of plain values are read).`,
    });
  });
  return { fields, issues };
}

function flatten(object: JsonObject, prefix: string, fields: RawRow['fields'], leftOut: (field: string) => void): void {
  for (const [key, value] of object.members) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value instanceof JsonObject) {
      flatten(value, name, fields, leftOut);
    } else if (Array.isArray(value)) {
      if (value.some((item) => item instanceof JsonObject || Array.isArray(item))) {
        leftOut(name);
        continue;
      }
      const texts = value.map(scalarText).filter((text): text is string => text !== null);
      setField(fields, name, texts.join(MULTI_VALUE_SEPARATOR));
    } else {
      setField(fields, name, scalarText(value) ?? '');
    }
  }
}
