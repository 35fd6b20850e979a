/**
 * Deterministic synthetic people for the benchmark: realistic names, e-mails with case and
 * whitespace noise, a few repeated usernames. Same seed, same bytes.
 */
const firstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa', 'Daniel', 'Nancy',
  'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily',
  'Andrew', 'Donna', 'Joshua', 'Michelle', 'Aisha', 'Chen', 'Priya', 'Mateo', 'Sofia', 'Yuki', 'Olusegun', 'Ingrid', 'Zoë', 'José',
];
const lastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
  'Nguyen', 'Hill', 'Flores', 'Okafor', 'Kowalski', 'Müller', 'Nakamura', 'Singh', 'Haddad', "O'Brien", 'Fernández', 'Larsen', 'Ivanova',
];
const departments = ['Engineering', 'Sales', 'Finance', 'Support', 'Marketing', 'People', 'Legal', 'Operations'];

export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Person = { n: number; employeeId: string; username: string; email: string; first: string; last: string; department: string };

export function person(n: number, random: () => number): Person {
  const first = firstNames[Math.floor(random() * firstNames.length)]!;
  const last = lastNames[Math.floor(random() * lastNames.length)]!;
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const username = `${ascii(first)}.${ascii(last)}${n}`;
  return {
    n,
    employeeId: `E${String(n).padStart(7, '0')}`,
    username,
    email: `${username}@example.com`,
    first,
    last,
    department: departments[n % departments.length]!,
  };
}

const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** An HR (source) feed of `count` people, as CSV lines (header first, no line breaks). */
export function* hrFeedLines(count: number, seed = 1, options: { changedShare?: number } = {}): Generator<string> {
  const random = seeded(seed);
  yield 'employee_id,username,email,first_name,last_name,display_name,department';
  for (let n = 1; n <= count; n++) {
    const p = person(n, random);
    // 1 % of people are also reachable through a team mailbox that several of them share
    const email = n % 100 === 0 ? teamMailbox(n / 100) : p.email;
    // a changed share of people moved to another department (their identities are updated)
    const department = n % 100 < (options.changedShare ?? 0) * 100 ? 'Transferred' : p.department;
    yield [p.employeeId, p.username, email, p.first, p.last, `${p.first} ${p.last}`, department].map(field).join(',');
  }
}

/** An HR (source) feed of `count` people, as CSV text. */
export function hrFeed(count: number, seed = 1, options: { changedShare?: number } = {}): string {
  return joinLines(hrFeedLines(count, seed, options));
}

/** One of 200 team mailboxes: at 100,000 people each is the e-mail of 5 identities. */
const teamMailbox = (k: number) => `team${k % 200}@example.com`;

/**
 * An application's (target) feed: the same people as accounts, e-mails with case and whitespace
 * noise; 5 % are contractors that match nobody (their own e-mail and username), 1 % use a team
 * mailbox that several identities share (multiple matches), and every 5,000th row is followed by a
 * row repeating its username.
 */
export type FeedChanges = { changedShare?: number; removedShare?: number; addedShare?: number };

/** The same feed as CSV lines (header first), so a big one can be streamed to a file without holding it. */
export function* accountFeedLines(count: number, seed = 1, options: FeedChanges = {}): Generator<string> {
  const random = seeded(seed);
  const noise = seeded(seed + 7);
  yield 'user_id,username,email,display_name,profile';
  const { changedShare = 0, removedShare = 0, addedShare = 0 } = options;
  for (let n = 1; n <= count; n++) {
    const p = person(n, random);
    const r = noise();
    if (n <= count * removedShare) continue;
    let email = p.email;
    let username = p.username;
    if (r < 0.05) [email, username] = [`contractor${n}@agency.example`, `ext.${p.username}`];
    else if (r < 0.06) email = teamMailbox(n);
    else if (r < 0.3) email = `  ${p.email.toUpperCase()} `;
    const profile = n % 100 < changedShare * 100 ? 'Changed Profile' : 'Standard User';
    yield [`U${n}`, username, email, `${p.first} ${p.last}`, profile].map(field).join(',');
    // now and then a row repeats the previous username: the import ignores it and logs both rows
    if (n % 5000 === 0) yield [`U${n}-again`, username, email, `${p.first} ${p.last}`, profile].map(field).join(',');
  }
  for (let n = count + 1; n <= count + count * addedShare; n++) {
    const p = person(n, random);
    yield [`U${n}`, p.username, p.email, `${p.first} ${p.last}`, 'Standard User'].map(field).join(',');
  }
}

export function accountFeed(count: number, seed = 1, options: FeedChanges = {}): string {
  return joinLines(accountFeedLines(count, seed, options));
}

function joinLines(lines: Iterable<string>): string {
  return `${[...lines].join('\n')}\n`;
}
