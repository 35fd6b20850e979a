import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { describeRule } from '@/lib/matching/rules';
import { confirmLink } from './account-actions';
import { getAccountDetail } from './accounts';
import type { DataContext } from './context';
import { runImport } from './imports';
import { insertApplication, insertIdentity } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);

const firstFeed = csv(
  'username,email,displayName',
  'alice,alice@example.com,Alice',
  'bob,bob@example.com,Bob',
  'carol,carol@elsewhere.example.com,Carol',
  'dave,dave@example.com,Dave',
);
const secondFeed = csv(
  'username,email,displayName',
  'alice,alice@example.com,Alice Liddell',
  'bob,bob@example.com,Bob',
  'carol,carol@elsewhere.example.com,Carol',
  'dave,dave@example.com,Dave',
);

// A preview awaiting review that changes every account: its rows are data received too.
const previewFeed = csv(
  'username,email,displayName',
  'alice,alice@example.com,Alice Liddell (HR)',
  'bob,bob@example.com,Bob (HR)',
  'carol,carol@elsewhere.example.com,Carol (HR)',
  'dave,dave@example.com,Dave (HR)',
);

type Expected = {
  key: string;
  situation: string;
  linkStatus: string;
  linked: string | null;
  candidates: string[];
  rule: string | null;
  identityValue: string | null;
  accountValue: string | null;
  /** newest first: [import index (0 = first feed), row, displayName] */
  received: Array<[number, number, string]>;
  /** applied feeds after the newest applied row kept that repeated the account unchanged (and kept no row) */
  repeatedUnchanged: number;
  changes: string[];
  audit: string[];
};

const cases: Expected[] = [
  {
    key: 'alice',
    situation: 'manually_linked',
    linkStatus: 'linked',
    linked: 'alice',
    candidates: ['alice'],
    rule: 'E-mail = E-mail',
    identityValue: 'alice@example.com',
    accountValue: 'alice@example.com',
    received: [[2, 1, 'Alice Liddell (HR)'], [1, 1, 'Alice Liddell'], [0, 1, 'Alice']],
    repeatedUnchanged: 0,
    changes: ['update', 'add'],
    audit: ['account.confirm'],
  },
  {
    key: 'bob',
    situation: 'multiple_matches',
    linkStatus: 'unlinked',
    linked: null,
    candidates: ['bob-a', 'bob-b'],
    rule: 'E-mail = E-mail',
    identityValue: 'bob@example.com',
    accountValue: 'bob@example.com',
    received: [[2, 2, 'Bob (HR)'], [0, 2, 'Bob']],
    repeatedUnchanged: 1,
    changes: ['add'],
    audit: [],
  },
  {
    key: 'carol',
    situation: 'exact_match',
    linkStatus: 'needs_confirmation',
    linked: 'carol',
    candidates: ['carol'],
    rule: 'Username = Username',
    identityValue: 'carol',
    accountValue: 'carol',
    received: [[2, 3, 'Carol (HR)'], [0, 3, 'Carol']],
    repeatedUnchanged: 1,
    changes: ['add'],
    audit: [],
  },
  {
    key: 'dave',
    situation: 'no_match',
    linkStatus: 'unlinked',
    linked: null,
    candidates: [],
    rule: null,
    identityValue: null,
    accountValue: null,
    received: [[2, 4, 'Dave (HR)'], [0, 4, 'Dave']],
    repeatedUnchanged: 1,
    changes: ['add'],
    audit: [],
  },
];

describe.each(testDrivers)('getAccountDetail on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);
  let app: { id: string; slug: string };
  const importIds: string[] = [];
  const usernames = new Map<string, string>();

  async function accountId(applicationId: string, key: string): Promise<string> {
    const { rows } = await run<{ id: string }>(t.db, sql`select id from accounts where application_id = ${applicationId} and key = ${key}`);
    return rows[0]!.id;
  }

  async function importFeed(slug: string, content: Uint8Array, mode: 'apply' | 'preview' = 'apply'): Promise<string> {
    const result = await runImport(admin, { applicationSlug: slug, content, fileName: 'feed.csv', trigger: 'upload', mode });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.id;
  }

  beforeAll(async () => {
    app = await insertApplication(t.db, 'target');
    for (const [username, email] of [
      ['alice', 'alice@example.com'],
      ['bob-a', 'bob@example.com'],
      ['bob-b', 'bob@example.com'],
      ['carol', 'carol@example.com'],
    ] as const) {
      usernames.set(await insertIdentity(t.db, { username, email }), username);
    }
    importIds.push(await importFeed(app.slug, firstFeed));
    importIds.push(await importFeed(app.slug, secondFeed));
    const alice = await getAccountDetail(admin, await accountId(app.id, 'alice'));
    const confirmed = await confirmLink(admin, { accountId: alice!.id, version: alice!.version });
    expect(confirmed.ok).toBe(true);
    // A preview awaiting review: its rows are data received too, and it changed nothing.
    importIds.push(await importFeed(app.slug, previewFeed, 'preview'));
    // Another application's feed with the same keys is not this account's data.
    const other = await insertApplication(t.db, 'target');
    await importFeed(other.slug, firstFeed);
  });

  it.each(cases)('explains account $key', async (expected) => {
    const detail = await getAccountDetail(viewer, await accountId(app.id, expected.key));
    expect(detail).not.toBeNull();
    const d = detail!;
    expect(d).toMatchObject({ key: expected.key, applicationSlug: app.slug, status: 'active', situation: expected.situation, linkStatus: expected.linkStatus });
    expect(d.linkedIdentity ? usernames.get(d.linkedIdentity.id) : null).toBe(expected.linked);
    expect(d.candidates.map((c) => usernames.get(c.id)).sort()).toEqual(expected.candidates);
    for (const candidate of d.candidates) {
      expect(candidate.rule ? describeRule(candidate.rule) : null).toBe(expected.rule);
      expect(candidate.identityValue).toBe(expected.identityValue);
      expect(candidate.accountValue).toBe(expected.accountValue);
    }
    expect(d.received.map((r) => [importIds.indexOf(r.importId), r.row, r.values.displayName])).toEqual(expected.received);
    expect(d.receivedTotal).toBe(expected.received.length);
    expect(d.repeatedUnchanged).toBe(expected.repeatedUnchanged);
    expect(d.received[0]!.importStatus).toBe('staged');
    expect(d.received[0]!.values).toMatchObject({ username: expected.key, groups: [], attributes: {} });
    expect(d.changes.map((c) => c.kind)).toEqual(expected.changes);
    expect(d.changes.every((c) => importIds.slice(0, 2).includes(c.importId))).toBe(true);
    expect(d.audit.map((a) => a.action)).toEqual(expected.audit);
  });

  it('shows field-level before and after of an update, and who acted', async () => {
    const d = (await getAccountDetail(viewer, await accountId(app.id, 'alice')))!;
    expect(d.changes[0]).toMatchObject({ kind: 'update', importId: importIds[1], before: { displayName: 'Alice' }, after: { displayName: 'Alice Liddell' } });
    expect(d.linkedIdentity).toMatchObject({ username: 'alice', status: 'active' });
    expect(d.audit[0]).toMatchObject({ actor: admin.actor.kind === 'admin' ? admin.actor.email : '', before: { linkStatus: 'needs_confirmation' }, after: { linkStatus: 'linked' } });
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'not-an-id'],
  ])('answers null for %s', async (_name, id) => {
    expect(await getAccountDetail(viewer, id)).toBeNull();
  });

  it('refuses an upload token', async () => {
    const token: DataContext = { db: t.db, actor: { kind: 'token', tokenId: '00000000-0000-4000-8000-000000000000', applicationId: app.id, name: 'x' } };
    await expect(getAccountDetail(token, await accountId(app.id, 'bob'))).rejects.toMatchObject({ error: { code: 'forbidden' } });
  });
});
