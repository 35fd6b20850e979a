import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import type { Driver } from '@/db/client';
import { testDrivers } from '@/db/testing';
import { createMatcher, type Matchable } from '@/lib/matching/engine';
import type { MatchingRule } from '@/lib/matching/rules';
import { runImport } from './imports';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

/**
 * Matching quality, scored against ground truth that nobody here wrote (../shared/testdata): the
 * people come in as identities through a source application's feed, other records of the same people
 * as accounts through a target's, as any feed would; every account's situation is then compared with
 * who it really is, and with what the reference definition of matching (lib/matching) decides for it.
 *
 * Matching is exact on normalised values, so a record with a typo in every compared field cannot
 * match. What these tests hold: a unique identifier (social security number, e-mail) never links the
 * wrong person; ambiguity comes out as multiple matches, not as a guess; and the figures below stay
 * as they are unless matching is changed on purpose (then they are updated, with the reason).
 */

const testdataDir = path.resolve(process.cwd(), '../shared/testdata');

/** A CSV without quoted fields (both sets have none), its fields trimmed: Febrl pads each comma with a space. */
function readPlainCsv(...parts: string[]): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(testdataDir, ...parts), 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const names = header!.split(',').map((name) => name.trim());
  return lines.map((line) => {
    const fields = line.split(',').map((field) => field.trim());
    return Object.fromEntries(names.map((name, i) => [name, fields[i] ?? '']));
  });
}

type Person = { username: string; email?: string; givenName: string; familyName: string; employeeId?: string };

/** People as a feed: their display name is given and family name, as a directory export has it. */
function feed(people: readonly Person[]): Uint8Array {
  const lines = ['username,email,given_name,family_name,display_name,employee_id'];
  for (const p of people) {
    const displayName = [p.givenName, p.familyName].filter(Boolean).join(' ');
    lines.push([p.username, p.email ?? '', p.givenName, p.familyName, displayName, p.employeeId ?? ''].join(','));
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** How the accounts came out against the truth; exact matches per rule (by index), right and wrong. */
type Score = {
  accounts: number;
  exact: Array<{ right: number; wrong: number }>;
  multipleWithTruth: number;
  multipleWithoutTruth: number;
  noMatch: number;
};

type Stored = Matchable & { username: string };

/**
 * A database of its own for one set, so that no other set's identities are candidates. Returns
 * `reconcile`: identities from `people` (a source's feed), accounts from `records` (a target's feed
 * matched by `rules`); `truth` maps a record's username to its person's. Checks every account against
 * the reference matcher, and scores it.
 */
function useReconcile(driver: Driver) {
  const { t, admin } = useDataTestDatabase(driver);

  async function importFeed(slug: string, content: Uint8Array): Promise<void> {
    const result = await runImport(admin, { applicationSlug: slug, content, fileName: 'feed.csv', trigger: 'upload', mode: 'apply' });
    if (!result.ok) throw new Error(result.error.message);
  }

  const stored = sql`username, email, employee_id as "employeeId", display_name as "displayName"`;

  return async function reconcile(people: readonly Person[], records: readonly Person[], rules: MatchingRule[], truth: ReadonlyMap<string, string>): Promise<Score> {
    const source = await insertApplication(t.db, 'source');
    await importFeed(source.slug, feed(people));
    const target = await insertApplication(t.db, 'target', rules);
    await importFeed(target.slug, feed(records));

    const identities = await run<Stored>(t.db, sql`select id, ${stored} from identities`);
    expect(identities.rows, 'every person became an identity').toHaveLength(people.length);
    const accounts = await run<Stored & { situation: string; rule: number | null; candidateIds: string[]; linkedIdentityId: string | null }>(
      t.db,
      sql`select id, ${stored}, situation, matched_rule as rule, candidate_ids as "candidateIds", linked_identity_id as "linkedIdentityId"
          from accounts where application_id = ${target.id}`,
    );
    expect(accounts.rows).toHaveLength(records.length);

    // The database's set-based matching decides as the reference definition does, account by account.
    const match = createMatcher(identities.rows, rules);
    const actual = accounts.rows.map((a) => ({ key: a.username, situation: a.situation, rule: a.rule, candidates: [...a.candidateIds].sort() }));
    const expected = accounts.rows.map((a) => {
      const outcome = match(a);
      return { key: a.username, situation: outcome.situation, rule: outcome.matchedRule, candidates: outcome.candidateIds };
    });
    expect(actual).toEqual(expected);

    const usernameOf = new Map(identities.rows.map((i) => [i.id, i.username]));
    const score: Score = { accounts: accounts.rows.length, exact: rules.map(() => ({ right: 0, wrong: 0 })), multipleWithTruth: 0, multipleWithoutTruth: 0, noMatch: 0 };
    for (const account of accounts.rows) {
      const person = truth.get(account.username);
      if (account.situation === 'exact_match') {
        score.exact[account.rule!]![usernameOf.get(account.linkedIdentityId!) === person ? 'right' : 'wrong']++;
      } else if (account.situation === 'multiple_matches') {
        if (account.candidateIds.some((id) => usernameOf.get(id) === person)) score.multipleWithTruth++;
        else score.multipleWithoutTruth++;
      } else {
        score.noMatch++;
      }
    }
    return score;
  };
}

describe.each(testDrivers)('matching quality on %s', (driver) => {
  describe('Febrl 4', () => {
    const reconcile = useReconcile(driver);
    it('5,000 people, a corrupted record of each: by social security number, then by full name', async () => {
      // rec-N-org in 4a is the person; rec-N-dup-0 in 4b is the same person with typos, missing and swapped fields.
      const person = (r: Record<string, string>, username: string): Person => ({ username, givenName: r.given_name!, familyName: r.surname!, employeeId: r.soc_sec_id });
      const recNumber = (r: Record<string, string>) => r.rec_id!.split('-')[1];
      const people = readPlainCsv('febrl', 'dataset4a.csv').map((r) => person(r, `febrl-${recNumber(r)}`));
      const truth = new Map<string, string>();
      const records = readPlainCsv('febrl', 'dataset4b.csv').map((r, i) => {
        truth.set(`record-${i}`, `febrl-${recNumber(r)}`);
        return person(r, `record-${i}`);
      });
      expect([people.length, records.length]).toEqual([5000, 5000]);

      const score = await reconcile(people, records, [{ account: 'employeeId', identity: 'employeeId' }, { account: 'displayName', identity: 'displayName' }], truth);
      // 4,561 found by their number, never a wrong one. Of the 439 whose number has a typo, 215 by their full
      // name and 3 by someone else's very same name ("holly clarke" is two people); 14 names shared by
      // several people are left to an admin (the person among them); 207 records match nobody. Matching a
      // one-word name as well (before matchKey) found 8 more right and 1 more wrong.
      expect(score).toEqual({
        accounts: 5000,
        exact: [
          { right: 4561, wrong: 0 },
          { right: 215, wrong: 3 },
        ],
        multipleWithTruth: 14,
        multipleWithoutTruth: 0,
        noMatch: 207,
      });
    });
  });

  describe('splink fake_1000', () => {
    const reconcile = useReconcile(driver);
    it('e-mails and names with typos, nicknames and swaps: by e-mail, then by full name', async () => {
      // The first record of each true person (cluster) is the identity; every other record of that person is an account.
      const people: Person[] = [];
      const records: Person[] = [];
      const truth = new Map<string, string>();
      for (const r of readPlainCsv('splink-fake-people', 'fake_1000.csv')) {
        const values = { email: r.email, givenName: r.first_name!, familyName: r.surname! };
        if (!people.some((p) => p.username === `splink-${r.cluster}`)) {
          people.push({ ...values, username: `splink-${r.cluster}` });
        } else {
          records.push({ ...values, username: `record-${r.unique_id}` });
          truth.set(`record-${r.unique_id}`, `splink-${r.cluster}`);
        }
      }
      expect([people.length, records.length]).toEqual([251, 749]);

      const score = await reconcile(people, records, [{ account: 'email', identity: 'email' }, { account: 'displayName', identity: 'displayName' }], truth);
      // 246 found by their e-mail and 72 by their full name, none wrong; the rest have typos in both. Matching
      // a one-word name as well ("Logan", "Taylor": first or family name missing) linked 10 people wrongly
      // for 7 more right ones.
      expect(score).toEqual({
        accounts: 749,
        exact: [
          { right: 246, wrong: 0 },
          { right: 72, wrong: 0 },
        ],
        multipleWithTruth: 0,
        multipleWithoutTruth: 0,
        noMatch: 431,
      });
    });
  });
});
