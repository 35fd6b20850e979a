import { z } from 'zod';
import { attributeNameFor, headerKeys, normalize } from './header-names';

/** The account attributes Concord knows; any other mapped name is a custom attribute. */
export const accountAttributes = ['username', 'email', 'displayName', 'givenName', 'familyName', 'employeeId', 'groups'] as const;
export type AccountAttribute = (typeof accountAttributes)[number];

/**
 * The per-application "control file": which input field feeds which attribute. Stored as JSON, exactly this shape.
 * `fields` maps an account attribute (or a custom attribute name) to an input field name.
 */
export type FieldMapping = {
  fields: Record<string, string>;
  required: string[];
  multiValueSeparator: string;
  ignored: string[];
  /**
   * A source's leavers: a row whose custom attribute `attribute` holds one of `values` (case and
   * surrounding spaces aside) stands for someone who left, and their identity is blocked (an HR
   * export that lists former workers with their status). Targets ignore it.
   */
  leavers?: LeaverRule;
};

export type LeaverRule = { attribute: string; values: string[] };

/**
 * Columns that usually say whether someone still works here, by normalised header, with the values
 * that mean they do not: "WorkerStatus: Inactive", "accountEnabled: false".
 */
const leaverColumns: { keys: string[]; values: string[] }[] = [
  {
    keys: ['status', 'workerstatus', 'employeestatus', 'employmentstatus', 'userstatus', 'accountstatus', 'hrstatus'],
    values: ['Inactive', 'Terminated', 'Disabled', 'Withdrawn', 'Leaver', 'Left'],
  },
  { keys: ['accountenabled', 'enabled', 'active', 'isactive'], values: ['false', '0', 'no'] },
];

export const DEFAULT_SEPARATOR = ';';

/** Header synonyms, normalised (see normalize), best first. */
const synonyms: Record<AccountAttribute, string[]> = {
  username: [
    'username',
    'user name',
    'login',
    'login name',
    'user login',
    'logon name',
    'userPrincipalName',
    'upn',
    'sAMAccountName',
    'account name',
    'user id',
    'uid',
  ].map(normalize),
  email: [
    'email',
    'email address',
    'mail',
    'primaryEmail',
    'primary email address',
    'work email',
    'work email address',
    'business email',
    'user email',
    'emails.work',
  ].map(normalize),
  displayName: ['displayName', 'full name', 'name', 'cn', 'common name', 'preferred name'].map(normalize),
  givenName: ['givenName', 'first name', 'first', 'forename'].map(normalize),
  familyName: ['familyName', 'last name', 'surname', 'sn', 'last'].map(normalize),
  employeeId: [
    'employeeId',
    'employee number',
    'employee no',
    'worker id',
    'personnel number',
    'personnel id',
    'staff id',
    'staff number',
    'emp id',
  ].map(normalize),
  groups: ['groups', 'memberOf', 'group', 'group membership', 'group memberships', 'group names'].map(normalize),
};

/** Credentials and secrets are never imported, whatever the mapping says by default. */
const SENSITIVE = /password|passwd|unicodepwd|secret|apikey|accesstoken|refreshtoken|privatekey|passphrase|recoverycode|mfaseed|otpseed/;

export function isSensitiveHeader(header: string): boolean {
  return headerKeys(header).some((key) => SENSITIVE.test(key));
}

/** Rank of the best synonym a header matches for an attribute (lower is better), or null. */
function rank(header: string, attribute: AccountAttribute): number | null {
  let best: number | null = null;
  for (const key of headerKeys(header)) {
    const index = synonyms[attribute].indexOf(key);
    if (index !== -1 && (best === null || index < best)) best = index;
  }
  return best;
}

function bestHeader(headers: string[], attribute: AccountAttribute, taken: Set<string>): string | null {
  let best: { header: string; rank: number } | null = null;
  for (const header of headers) {
    if (taken.has(header) || isSensitiveHeader(header)) continue;
    const r = rank(header, attribute);
    if (r !== null && (best === null || r < best.rank)) best = { header, rank: r };
  }
  return best?.header ?? null;
}

/**
 * A first mapping for a feed's headers: account attributes by header synonym (case, space and punctuation do not
 * matter; "User name [userPrincipalName] Required" counts as userPrincipalName), username ← the e-mail column when
 * there is no username column, password and secret columns ignored, every other column a custom attribute named
 * in camelCase. Username is required.
 */
export function defaultMapping(headers: string[]): FieldMapping {
  const fields: Record<string, string> = {};
  const taken = new Set<string>();
  const ignored = headers.filter(isSensitiveHeader);

  const email = bestHeader(headers, 'email', taken);
  if (email) taken.add(email);
  const username = bestHeader(headers, 'username', taken) ?? email;
  if (username) {
    fields.username = username;
    taken.add(username);
  }
  if (email) fields.email = email;
  for (const attribute of ['displayName', 'givenName', 'familyName', 'employeeId', 'groups'] as const) {
    const header = bestHeader(headers, attribute, taken);
    if (header === null) continue;
    fields[attribute] = header;
    taken.add(header);
  }

  const used = new Set<string>(accountAttributes);
  for (const header of headers) {
    if (taken.has(header) || ignored.includes(header)) continue;
    const base = attributeNameFor(header);
    let name = base;
    for (let n = 2; used.has(name) || name === '__proto__'; n++) name = `${base}${n}`;
    used.add(name);
    fields[name] = header;
    taken.add(header);
  }

  const mapping: FieldMapping = { fields, required: ['username'], multiValueSeparator: DEFAULT_SEPARATOR, ignored };
  const leavers = proposedLeaverRule(fields);
  return leavers ? { ...mapping, leavers } : mapping;
}

/** The first custom attribute whose column reads as an employment status (leaverColumns), with the values that mean a leaver. */
function proposedLeaverRule(fields: Record<string, string>): LeaverRule | null {
  for (const column of leaverColumns) {
    for (const [attribute, header] of Object.entries(fields)) {
      if (accountAttributes.includes(attribute as AccountAttribute)) continue;
      if (headerKeys(header).some((key) => column.keys.includes(key))) return { attribute, values: column.values };
    }
  }
  return null;
}

/** Input fields that are neither mapped nor ignored: the importer logs each one once, as a warning. */
export function unmappedFields(headers: string[], mapping: FieldMapping): string[] {
  const mapped = new Set(Object.values(mapping.fields));
  const ignored = new Set(mapping.ignored);
  return headers.filter((header) => !mapped.has(header) && !ignored.has(header));
}

/** Required attributes (and username, the account's key) that no input field feeds: a mapping that cannot import anything. */
export function unmappedRequired(mapping: FieldMapping): string[] {
  const needed = new Set(['username', ...mapping.required]);
  return [...needed].filter((attribute) => !Object.hasOwn(mapping.fields, attribute));
}

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const attributeName = z
  .string()
  .trim()
  .min(1, 'an attribute name cannot be empty')
  .max(100, 'an attribute name is at most 100 characters')
  .refine((name) => !/[\u0000-\u001f]/.test(name), 'an attribute name cannot hold control characters')
  .refine((name) => !RESERVED_NAMES.has(name), 'this attribute name is reserved');

const inputField = z.string().min(1, 'an input field name cannot be empty').max(500, 'an input field name is at most 500 characters');

const mappingSchema = z
  .strictObject({
    fields: z.record(attributeName, inputField),
    required: z.array(attributeName).default(['username']),
    multiValueSeparator: z.string().min(1, 'the separator cannot be empty').max(10, 'the separator is at most 10 characters').default(DEFAULT_SEPARATOR),
    ignored: z.array(inputField).default([]),
    leavers: z
      .strictObject({
        attribute: attributeName,
        values: z
          .array(z.string().trim().min(1, 'a leaver value cannot be empty').max(200, 'a leaver value is at most 200 characters'))
          .min(1, 'name at least one value that marks a leaver')
          .max(50, 'at most 50 leaver values'),
      })
      .optional(),
  })
  .superRefine((mapping, ctx) => {
    const leaver = mapping.leavers?.attribute;
    if (leaver !== undefined && (accountAttributes.includes(leaver as AccountAttribute) || !Object.hasOwn(mapping.fields, leaver))) {
      ctx.addIssue({ code: 'custom', path: ['leavers', 'attribute'], message: `leavers are read from a mapped custom attribute; "${leaver}" is not one` });
    }
    for (const attribute of unmappedRequired({ ...mapping, required: [...new Set(mapping.required)] })) {
      ctx.addIssue({
        code: 'custom',
        path: attribute === 'username' && !mapping.required.includes('username') ? ['fields'] : ['required'],
        message:
          attribute === 'username'
            ? 'username must be mapped to an input field: it is the account\'s key'
            : `required attribute ${attribute} is not mapped to any input field`,
      });
    }
    const mapped = new Set(Object.values(mapping.fields));
    for (const field of mapping.ignored) {
      if (mapped.has(field)) ctx.addIssue({ code: 'custom', path: ['ignored'], message: `input field "${field}" is both mapped and ignored` });
    }
  });

export type MappingValidation = { ok: true; mapping: FieldMapping } | { ok: false; message: string };

/** Checks a mapping that came from outside (an imported JSON control file, a form). Missing lists get their defaults. */
export function validateMapping(value: unknown): MappingValidation {
  const fields = typeof value === 'object' && value !== null ? (value as { fields?: unknown }).fields : undefined;
  if (typeof fields === 'object' && fields !== null) {
    const reserved = Object.keys(fields).find((key) => RESERVED_NAMES.has(key));
    if (reserved) return { ok: false, message: `fields.${reserved}: this attribute name is reserved` };
  }
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'mapping'}: ${issue.message}`).join('; ');
    return { ok: false, message };
  }
  const { fields: mappedFields, required, multiValueSeparator, ignored, leavers } = parsed.data;
  const mapping: FieldMapping = { fields: mappedFields, required: [...new Set(required)], multiValueSeparator, ignored: [...new Set(ignored)] };
  return { ok: true, mapping: leavers ? { ...mapping, leavers: { attribute: leavers.attribute, values: [...new Set(leavers.values)] } } : mapping };
}
