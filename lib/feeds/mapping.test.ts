import { describe, expect, it } from 'vitest';
import { camelCase, readHeader } from './header-names';
import { defaultMapping, unmappedFields, unmappedRequired, validateMapping, type FieldMapping } from './mapping';
import { parseAll, previewFeed } from './parse-feed';
import { testdata } from './test-support';

type Expected = { username: string; email?: string; displayName?: string; givenName?: string; familyName?: string; employeeId?: string; ignored?: string[] };

/** What each real directory export should map to by default (see directory-templates/SOURCE.txt). */
const templates: Array<[file: string, expected: Expected]> = [
  [
    'ad-csvde-user-export-header-example.csv',
    { username: 'userPrincipalName', email: 'mail', displayName: 'displayName', givenName: 'givenName', familyName: 'sn' },
  ],
  [
    'entra-bulk-create-example.csv',
    {
      username: 'User name [userPrincipalName] Required',
      displayName: 'Name [displayName] Required',
      givenName: 'First name [givenName]',
      familyName: 'Last name [surname]',
      ignored: ['Initial password [passwordProfile] Required'],
    },
  ],
  [
    'entra-download-users-header.csv',
    { username: 'userPrincipalName', email: 'mail', displayName: 'displayName', givenName: 'givenName', familyName: 'surname' },
  ],
  [
    'google-workspace-download-users-header.csv',
    {
      username: 'Email Address [Required]',
      email: 'Email Address [Required]',
      givenName: 'First Name [Required]',
      familyName: 'Last Name [Required]',
      employeeId: 'Employee ID',
      ignored: ['Password [Required]', 'Password Hash Function [UPLOAD ONLY]', 'Change Password at Next Sign-In'],
    },
  ],
  [
    'google-workspace-upload-template-header.csv',
    {
      username: 'Email Address [Required]',
      email: 'Email Address [Required]',
      givenName: 'First Name [Required]',
      familyName: 'Last Name [Required]',
      employeeId: 'Employee ID',
      ignored: ['Password [Required]', 'Password Hash Function [UPLOAD ONLY]', 'Change Password at Next Sign-In'],
    },
  ],
  [
    'okta-default-profile-attributes-header.csv',
    { username: 'login', email: 'email', displayName: 'displayName', givenName: 'firstName', familyName: 'lastName', employeeId: 'employeeNumber' },
  ],
];

describe('default mapping of real directory exports', () => {
  it.each(templates)('%s', async (file, expected) => {
    const { headers } = await previewFeed(testdata('directory-templates', file), 'csv');
    const mapping = defaultMapping(headers);
    const { ignored = [], ...attributes } = expected;
    for (const attribute of ['username', 'email', 'displayName', 'givenName', 'familyName', 'employeeId'] as const) {
      expect(mapping.fields[attribute], attribute).toBe(attributes[attribute]);
    }
    expect(mapping.ignored).toEqual(ignored);
    expect(mapping.required).toEqual(['username']);
    expect(unmappedFields(headers, mapping)).toEqual([]);
    expect(validateMapping(mapping)).toEqual({ ok: true, mapping });
    // every other column is a custom attribute with a tidy name
    for (const [name, header] of Object.entries(mapping.fields)) {
      expect(name, header).toMatch(/^[a-z0-9][A-Za-z0-9]*$/);
    }
  });

  it('names custom attributes after the bracketed property or the label', async () => {
    const entra = defaultMapping((await previewFeed(testdata('directory-templates/entra-bulk-create-example.csv'), 'csv')).headers);
    expect(entra.fields.accountEnabled).toBe('Block sign in (Yes/No) [accountEnabled] Required');
    expect(entra.fields.postalCode).toBe('ZIP or postal code [postalCode]');
    const google = defaultMapping((await previewFeed(testdata('directory-templates/google-workspace-download-users-header.csv'), 'csv')).headers);
    expect(google.fields.orgUnitPath).toBe('Org Unit Path [Required]');
    expect(google.fields.recoveryPhone).toBe('Recovery Phone [MUST BE IN THE E.164 FORMAT]');
    expect(google.fields.lastSignIn).toBe('Last Sign In [READ ONLY]');
  });

  it('maps the Workday-like HR feed', async () => {
    const { headers } = await parseAll(testdata('entra-inbound-hr-feed/csv-with-1000-records.csv'), 'csv');
    const mapping = defaultMapping(headers);
    expect(mapping.fields).toMatchObject({ username: 'UserID', employeeId: 'WorkerID', givenName: 'FirstName', familyName: 'LastName', displayName: 'FullName' });
    // WorkerStatus (Active / Inactive) reads as an employment status: its inactive workers are leavers.
    expect(mapping.leavers).toEqual({ attribute: 'workerStatus', values: expect.arrayContaining(['Inactive', 'Terminated']) });
  });
});

describe('defaultMapping', () => {
  it.each([
    [['User Name', 'E-mail', 'Full name'], { username: 'User Name', email: 'E-mail', displayName: 'Full name' }],
    [['LOGIN', 'Work Email', 'Surname', 'Given Name'], { username: 'LOGIN', email: 'Work Email', familyName: 'Surname', givenName: 'Given Name' }],
    [['sAMAccountName', 'cn', 'memberOf'], { username: 'sAMAccountName', displayName: 'cn', groups: 'memberOf' }],
    [['primaryEmail', 'name.givenName', 'name.familyName'], { username: 'primaryEmail', email: 'primaryEmail', givenName: 'name.givenName', familyName: 'name.familyName' }],
    [['profile.login', 'profile.email', 'Personnel Number', 'Group'], { username: 'profile.login', email: 'profile.email', employeeId: 'Personnel Number', groups: 'Group' }],
    [['Worker ID', 'Email*'], { username: 'Email*', email: 'Email*', employeeId: 'Worker ID' }],
  ])('%j', (headers, expected) => {
    expect(defaultMapping(headers).fields).toMatchObject(expected);
  });

  it('without a username or e-mail column nothing is mapped to username', () => {
    const mapping = defaultMapping(['rec_id', 'given_name', 'surname']);
    expect(mapping.fields.username).toBeUndefined();
    expect(unmappedRequired(mapping)).toEqual(['username']);
    expect(mapping.fields).toEqual({ givenName: 'given_name', familyName: 'surname', recId: 'rec_id' });
  });

  it('custom names never collide with account attributes or each other', () => {
    const mapping = defaultMapping(['mail', 'Email', 'EMAIL', 'Department', 'department']);
    expect(mapping.fields).toEqual({ username: 'Email', email: 'Email', mail: 'mail', email2: 'EMAIL', department: 'Department', department2: 'department' });
  });

  it.each([
    [['login', 'Employment Status'], { attribute: 'employmentStatus', values: expect.arrayContaining(['Inactive']) }],
    [['userPrincipalName', 'accountEnabled'], { attribute: 'accountEnabled', values: ['false', '0', 'no'] }],
    [['login', 'Status [hrStatus]'], { attribute: 'hrStatus', values: expect.arrayContaining(['Terminated']) }],
  ])('proposes leavers from a status column: %j', (headers, expected) => {
    expect(defaultMapping(headers).leavers).toEqual(expected);
  });

  it('proposes no leavers without a status column', () => {
    expect(defaultMapping(['login', 'mail', 'Department']).leavers).toBeUndefined();
    expect(validateMapping(defaultMapping(['login', 'Status'])).ok).toBe(true);
  });

  it('ignores credentials', () => {
    expect(defaultMapping(['username', 'userPassword', 'API Key', 'client_secret', 'pwdLastSet']).ignored).toEqual(['userPassword', 'API Key', 'client_secret']);
  });
});

describe('header reading', () => {
  it.each([
    ['User name [userPrincipalName] Required', { property: 'userPrincipalName', label: 'User name', leaf: null }],
    ['Email Address [Required]', { property: null, label: 'Email Address', leaf: null }],
    ['Block sign in (Yes/No) [accountEnabled] Required', { property: 'accountEnabled', label: 'Block sign in', leaf: null }],
    ['profile.login', { property: null, label: 'profile.login', leaf: 'login' }],
  ])('%s', (header, reading) => expect(readHeader(header)).toEqual(reading));

  it.each([
    ['Org Unit Path', 'orgUnitPath'],
    ['ZIP or postal code', 'zipOrPostalCode'],
    ['WorkerID', 'workerID'],
    ['DN', 'dn'],
    ['rec_id', 'recId'],
    ['2sv Enrolled', '2svEnrolled'],
  ])('camelCase(%j) = %j', (text, expected) => expect(camelCase(text)).toBe(expected));
});

describe('validateMapping', () => {
  const good: FieldMapping = { fields: { username: 'login', groups: 'memberOf', costCenter: 'Cost Center' }, required: ['username'], multiValueSeparator: ';', ignored: ['password'] };

  it('accepts a complete mapping and fills in defaults', () => {
    expect(validateMapping(good)).toEqual({ ok: true, mapping: good });
    expect(validateMapping({ fields: { username: 'login' } })).toEqual({
      ok: true,
      mapping: { fields: { username: 'login' }, required: ['username'], multiValueSeparator: ';', ignored: [] },
    });
  });

  it.each([
    ['not an object', 'nope', /^mapping: /],
    ['an unknown key', { ...good, feilds: {} }, /Unrecognized key: "feilds"/],
    ['no username', { ...good, fields: { email: 'mail' }, required: [] }, /^fields: username must be mapped to an input field: it is the account's key$/],
    ['a required attribute that is not mapped', { ...good, required: ['username', 'employeeId'] }, /^required: required attribute employeeId is not mapped to any input field$/],
    ['an empty input field', { ...good, fields: { username: '' } }, /^fields\.username: an input field name cannot be empty/],
    ['a field both mapped and ignored', { ...good, ignored: ['login'] }, /input field "login" is both mapped and ignored/],
    ['an empty separator', { ...good, multiValueSeparator: '' }, /^multiValueSeparator: the separator cannot be empty/],
    ['a non-string value', { ...good, fields: { username: 3 } }, /^fields\.username: /],
  ])('refuses %s', (_name, value, message) => {
    const result = validateMapping(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuses a __proto__ attribute from imported JSON', () => {
    expect(validateMapping(JSON.parse('{"fields":{"username":"u","__proto__":"x"}}'))).toEqual({ ok: false, message: 'fields.__proto__: this attribute name is reserved' });
  });
});
