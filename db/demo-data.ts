/**
 * The demo organisation, Northwind: its HR feed (a source application) and its CRM feed (a target
 * application), as CSV text. Pure and deterministic: a seeded PRNG, no clock, no Math.random, so the
 * same build always produces the same feeds and the same expected figures.
 *
 * The CRM feed is built so that, with the default matching rules (e-mail = e-mail, then username =
 * username; trimmed and case-folded), every situation appears:
 * - exact matches by e-mail, some with case and whitespace noise in the e-mail;
 * - exact matches by username only (the account carries an old e-mail address);
 * - multiple matches: shared mailboxes (`sales@`, `support@`) that several HR people carry as their e-mail;
 * - no match: contractors who are not in HR;
 * - a handful of exact matches the seed confirms by hand, so `manually_linked` appears too.
 */

import { demoDepartments as departments, demoFirstNames as firstNames, demoLastNames as lastNames } from './demo-names';

export const demoDomain = 'northwind.example';

export const demoApplications = {
  hr: { slug: 'hr', name: 'Workday HR', role: 'source' },
  crm: { slug: 'crm', name: 'Salesforce CRM', role: 'target' },
  /** No feed: identities reach it through entitlement rules, and its licences run out (issue 5's access, shown). */
  slack: { slug: 'slack', name: 'Slack', role: 'target' },
} as const;

/**
 * Slack's access: everyone on staff is a member, managers are admins (the higher priority wins), and
 * there are fewer licences than people, so the last requests wait in order.
 */
export const demoSlackAccess = {
  rules: [
    { priority: 10, groupName: 'managers', grantsRole: 'admin' },
    { priority: 20, groupName: 'all-staff', grantsRole: 'member' },
  ],
  licenceLimit: 280,
} as const;

/** The demo's sign-ins (the seed can be given other passwords). */
export const demoCredentials = {
  admin: { email: 'admin@concord.test', name: 'Demo Admin', password: 'concord-admin' },
  viewer: { email: 'viewer@concord.test', name: 'Demo Viewer', password: 'concord-viewer' },
} as const;

export const hrColumns = ['employee_id', 'username', 'email', 'first_name', 'last_name', 'display_name', 'department', 'title', 'groups'] as const;
export const crmColumns = ['user_id', 'username', 'email', 'first_name', 'last_name', 'display_name', 'profile', 'active'] as const;

export type HrPerson = {
  employeeId: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  department: string;
  title: string;
  groups: string[];
};

export type CrmAccount = {
  userId: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  profile: string;
  active: string;
};

/** How each CRM account was built, so tests and the seed can check what matching makes of it. */
export type CrmIntent = 'exact_email' | 'exact_email_noisy' | 'exact_username' | 'multiple' | 'no_match' | 'manual';

/** Sizes of the demo organisation. */
export const demoSizes = {
  people: 300,
  /** HR people whose e-mail is a shared mailbox: 2 on sales@, 3 on support@ */
  sharedMailboxes: [
    { local: 'sales', department: 'Sales', people: 2 },
    { local: 'support', department: 'Customer Support', people: 3 },
  ],
  crmExactEmail: 170,
  crmExactEmailNoisy: 24,
  crmExactUsername: 12,
  crmManual: 6,
  crmContractors: 14,
} as const;

/** mulberry32: a tiny, well-known 32-bit PRNG. Same seed, same sequence, on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function pickDepartment(random: () => number) {
  const total = departments.reduce((sum, d) => sum + d.weight, 0);
  let r = random() * total;
  for (const d of departments) {
    r -= d.weight;
    if (r < 0) return d;
  }
  return departments[0]!;
}

/** `José O'Brien` → `jose.obrien`: ASCII, lower case, no spaces or apostrophes. */
export function usernameFor(firstName: string, lastName: string): string {
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(firstName)}.${ascii(lastName)}`;
}

function makePeople(count: number, random: () => number, firstEmployeeNumber: number): HrPerson[] {
  const people: HrPerson[] = [];
  const taken = new Set<string>();
  while (people.length < count) {
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    const base = usernameFor(firstName, lastName);
    let username = base;
    for (let n = 2; taken.has(username); n++) username = `${base}${n}`;
    taken.add(username);
    const department = pickDepartment(random);
    const title = pick(random, department.titles);
    const groups = ['all-staff', department.group];
    if (/Manager|Lead|Controller/.test(title)) groups.push('managers');
    if (department.group === 'engineering' && random() < 0.3) groups.push('on-call');
    if (random() < 0.15) groups.push('crm-users');
    people.push({
      employeeId: `W${String(firstEmployeeNumber + people.length).padStart(6, '0')}`,
      username,
      email: `${username}@${demoDomain}`,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      department: department.name,
      title,
      groups,
    });
  }
  return people;
}

/** A field as CSV: quoted when it holds a separator, a quote, a line break or edge whitespace. */
function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(columns: readonly string[], rows: string[][]): string {
  return [columns.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

export function hrCsv(people: HrPerson[]): string {
  return toCsv(
    hrColumns,
    people.map((p) => [p.employeeId, p.username, p.email, p.firstName, p.lastName, p.displayName, p.department, p.title, p.groups.join(';')]),
  );
}

export function crmCsv(accounts: CrmAccount[]): string {
  return toCsv(
    crmColumns,
    accounts.map((a) => [a.userId, a.username, a.email, a.firstName, a.lastName, a.displayName, a.profile, a.active]),
  );
}

/** Case and whitespace noise that matching must see through: `  Ada.Baker@Northwind.example`. */
function noisyEmail(email: string, n: number): string {
  const [local = '', domain = ''] = email.split('@');
  const capitalised = local
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('.');
  switch (n % 4) {
    case 0:
      return email.toUpperCase();
    case 1:
      return ` ${capitalised}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
    case 2:
      return `${email}  `;
    default:
      return `  ${capitalised}@${domain} `;
  }
}

const crmProfiles = ['Standard User', 'Sales User', 'Service Cloud User', 'Marketing User', 'Read Only'];

export type DemoData = {
  people: HrPerson[];
  crm: { account: CrmAccount; intent: CrmIntent; personUsername: string | null }[];
  /** The second HR feed: a few changed titles, two leavers, one new joiner. */
  peopleUpdated: HrPerson[];
  update: { changedTitles: string[]; leavers: string[]; joiner: string };
};

/** Builds the whole demo organisation from one seed. */
export function buildDemoData(seed = 20240917): DemoData {
  const random = seededRandom(seed);
  const people = makePeople(demoSizes.people, random, 10001);

  // Shared mailboxes: a few people in a department carry the team's mailbox as their e-mail.
  const shared = new Set<string>();
  for (const box of demoSizes.sharedMailboxes) {
    const members = people.filter((p) => p.department === box.department && !shared.has(p.username)).slice(0, box.people);
    if (members.length < box.people) throw new Error(`demo data: not enough people in ${box.department} for ${box.local}@`);
    for (const p of members) {
      p.email = `${box.local}@${demoDomain}`;
      shared.add(p.username);
    }
  }

  // CRM accounts for a shuffled selection of the individually addressed people.
  const individuals = people.filter((p) => !shared.has(p.username));
  const shuffled = shuffle(individuals, random);
  const crm: DemoData['crm'] = [];
  let userNumber = 1;
  const nextUserId = () => `005${String(userNumber++).padStart(12, '0')}`;
  const base = (p: { firstName: string; lastName: string; displayName: string }) => ({
    firstName: p.firstName,
    lastName: p.lastName,
    displayName: p.displayName,
    profile: pick(random, crmProfiles),
    active: 'true',
  });
  const take = (n: number) => shuffled.splice(0, n);

  // Salesforce usernames look like e-mails in their own domain, so only the e-mail rule matches these.
  for (const p of take(demoSizes.crmExactEmail)) {
    crm.push({ account: { userId: nextUserId(), username: `${p.username}@northwind.sfdc`, email: p.email, ...base(p) }, intent: 'exact_email', personUsername: p.username });
  }
  take(demoSizes.crmExactEmailNoisy).forEach((p, i) => {
    crm.push({ account: { userId: nextUserId(), username: `${p.username}@northwind.sfdc`, email: noisyEmail(p.email, i), ...base(p) }, intent: 'exact_email_noisy', personUsername: p.username });
  });
  for (const p of take(demoSizes.crmManual)) {
    crm.push({ account: { userId: nextUserId(), username: `${p.username}@northwind.sfdc`, email: p.email, ...base(p) }, intent: 'manual', personUsername: p.username });
  }
  // Old accounts created with the HR username and a pre-merger e-mail: only the username rule matches.
  take(demoSizes.crmExactUsername).forEach((p, i) => {
    const username = i % 3 === 0 ? p.username.toUpperCase() : p.username;
    crm.push({ account: { userId: nextUserId(), username, email: `${p.username}@old-northwind.example`, ...base(p) }, intent: 'exact_username', personUsername: p.username });
  });
  for (const box of demoSizes.sharedMailboxes) {
    const team = box.local.charAt(0).toUpperCase() + box.local.slice(1);
    crm.push({
      account: { userId: nextUserId(), username: `${box.local}.desk@northwind.sfdc`, email: `${box.local}@${demoDomain}`, firstName: team, lastName: 'Desk', displayName: `${team} Desk`, profile: 'Service Cloud User', active: 'true' },
      intent: 'multiple',
      personUsername: null,
    });
  }
  const contractors = makePeople(demoSizes.crmContractors, random, 90001);
  for (const c of contractors) {
    const local = c.username;
    crm.push({
      account: { userId: nextUserId(), username: `${local}@partners.sfdc`, email: `${local}@brightpath-consulting.example`, ...base(c) },
      intent: 'no_match',
      personUsername: null,
    });
  }

  // The second HR feed. Leavers and title changes come from people with CRM accounts, so their effect shows.
  const withCrm = crm.filter((c) => c.intent === 'exact_email').map((c) => c.personUsername!);
  const leavers = withCrm.slice(0, 2);
  const changedTitles = withCrm.slice(2, 6);
  const joiner = makePeople(1, seededRandom(seed + 1), 10001 + demoSizes.people)[0]!;
  // The joiner's username must not collide with anyone already in HR.
  while (people.some((p) => p.username === joiner.username)) {
    joiner.username = `${joiner.username}2`;
    joiner.email = `${joiner.username}@${demoDomain}`;
  }
  const peopleUpdated = people
    .filter((p) => !leavers.includes(p.username))
    .map((p) => (changedTitles.includes(p.username) ? { ...p, title: promoted(p.title) } : p));
  peopleUpdated.push(joiner);

  return { people, crm, peopleUpdated, update: { changedTitles, leavers, joiner: joiner.username } };
}

function promoted(title: string): string {
  return title.startsWith('Senior ') ? title.replace('Senior ', 'Principal ') : `Senior ${title}`;
}

/** Fisher–Yates with the seeded PRNG; returns a copy. */
function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const demo = buildDemoData();

/** The first HR feed (Workday HR, source). */
export const hrFeedCsv = hrCsv(demo.people);
/** The second HR feed: changed titles, two leavers, one joiner. */
export const hrFeedUpdatedCsv = hrCsv(demo.peopleUpdated);
/** The CRM feed (Salesforce CRM, target). */
export const crmFeedCsv = crmCsv(demo.crm.map((c) => c.account));

/** CRM usernames (account keys) that the seed confirms by hand after the import. */
export const demoManualLinks: string[] = demo.crm.filter((c) => c.intent === 'manual').map((c) => c.account.username);

const count = (...intents: CrmIntent[]) => demo.crm.filter((c) => intents.includes(c.intent)).length;

/** What the demo shows once seeded. `afterImport` is before the seed's manual links, `afterSeed` after. */
export const demoExpected = {
  hr: { accounts: demo.people.length, identities: demo.people.length },
  crm: {
    accounts: demo.crm.length,
    afterImport: {
      exact_match: count('exact_email', 'exact_email_noisy', 'exact_username', 'manual'),
      multiple_matches: count('multiple'),
      no_match: count('no_match'),
      manually_linked: 0,
    },
    afterSeed: {
      exact_match: count('exact_email', 'exact_email_noisy', 'exact_username'),
      multiple_matches: count('multiple'),
      no_match: count('no_match'),
      manually_linked: count('manual'),
    },
  },
  /** Importing `hrFeedUpdatedCsv` after `hrFeedCsv`. */
  hrUpdate: {
    added: 1,
    updated: demo.update.changedTitles.length,
    removed: demo.update.leavers.length,
    unchanged: demo.people.length - demo.update.changedTitles.length - demo.update.leavers.length,
    leavers: demo.update.leavers,
    changedTitles: demo.update.changedTitles,
    joiner: demo.update.joiner,
  },
} as const;

export const demoData: DemoData = demo;
