import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import type { MatchingRule } from '@/lib/matching/rules';
import { runImport } from './imports';
import { rematchApplication, rematchForIdentities, rematchTargets } from './matching';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const csv = (header: string, rows: string[]) => new TextEncoder().encode(`${[header, ...rows].join('\n')}\n`);
const hrHeader = 'username,email,display_name';
const targetHeader = 'username,email';

/**
 * After a source import changes identities, only the target accounts that could have matched the
 * changed identities before or after are re-matched. The oracle: a full re-match of every target
 * (rematchTargets) afterwards must find nothing left to change.
 */
describe.each(testDrivers)('scoped re-match after a source import on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);
  let hr: { id: string; slug: string };
  let target: { id: string; slug: string };

  async function importFeed(slug: string, content: Uint8Array) {
    const result = await runImport(admin, { applicationSlug: slug, content, fileName: 'feed.csv', trigger: 'upload' });
    if (!result.ok) throw new Error(`import refused: ${result.error.message}`);
    return result.value;
  }

  const people = {
    ada: 'ada,ada@example.com,Ada Lovelace',
    bob: 'bob,bob@example.com,Bob Byte',
    cy: 'cy,cy@example.com,Cy Young',
  };
  const importHr = (rows: string[]) => importFeed(hr.slug, csv(hrHeader, rows));

  async function identityId(username: string) {
    const { rows } = await run<{ id: string }>(t.db, sql`select id from identities where username = ${username}`);
    return rows[0]!.id;
  }

  async function account(username: string) {
    const { rows } = await run<{ situation: string; candidate_ids: string[]; linked_identity_id: string | null; link_status: string }>(
      t.db,
      sql`select situation, candidate_ids, linked_identity_id, link_status from accounts where application_id = ${target.id} and username = ${username}`,
    );
    return rows[0]!;
  }

  /** Every target account's row version: equal before and after means no row was written. */
  async function rowVersions() {
    const { rows } = await run<{ id: string; xmin: string }>(
      t.db,
      sql`select id, xmin::text as xmin from accounts where application_id = ${target.id} order by id`,
    );
    return rows;
  }

  /** The full re-match the scoped one replaces: it must find nothing left to change. */
  async function fullRematchChanges() {
    return t.db.transaction(async (tx) => rematchTargets(tx));
  }

  beforeAll(async () => {
    hr = await insertApplication(t.db, 'source', undefined, 1);
    target = await insertApplication(t.db, 'target', undefined, 1);
    await importHr([people.ada, people.bob, people.cy]);
    await importFeed(
      target.slug,
      csv(targetHeader, ['t-ada,ADA@example.com ', 't-new,new@example.com', 't-dee,dee@example.com', 'cy,']),
    );
  });

  it('starts from the matching of the target import', async () => {
    expect(await account('t-ada')).toMatchObject({ situation: 'exact_match', linked_identity_id: await identityId('ada') });
    expect(await account('t-new')).toMatchObject({ situation: 'no_match', linked_identity_id: null });
    expect(await account('cy')).toMatchObject({ situation: 'exact_match', linked_identity_id: await identityId('cy') });
  });

  it('moves a match when an identity’s e-mail changes: away from the old address, to the new one', async () => {
    const ada = await identityId('ada');
    const outcome = await importHr(['ada, New@Example.com,Ada Lovelace', people.bob, people.cy]);
    expect(outcome.counts).toMatchObject({ identitiesUpdated: 1 });
    expect(await account('t-ada')).toMatchObject({ situation: 'no_match', candidate_ids: [], linked_identity_id: null, link_status: 'unlinked' });
    expect(await account('t-new')).toMatchObject({ situation: 'exact_match', candidate_ids: [ada], linked_identity_id: ada, link_status: 'needs_confirmation' });
    expect(await fullRematchChanges()).toBe(0);
  });

  it('re-matches nothing when an identity changes only in a field no rule compares', async () => {
    // An account made stale by hand: any re-match of it (a full one included) would restore its match,
    // so it staying stale shows that nothing was re-matched, not merely that nothing needed writing.
    await run(
      t.db,
      sql`update accounts set situation = 'no_match', candidate_ids = '{}', matched_rule = null, linked_identity_id = null, link_status = 'unlinked'
          where application_id = ${target.id} and username = 'cy'`,
    );
    const before = await rowVersions();
    const outcome = await importHr(['ada,new@example.com,Ada King', 'bob,bob@example.com,Robert Byte', people.cy]);
    expect(outcome.counts).toMatchObject({ identitiesUpdated: 2 });
    expect(await rowVersions()).toEqual(before);
    expect(await account('cy')).toMatchObject({ situation: 'no_match' });
    expect(await fullRematchChanges()).toBe(1);
    expect(await account('cy')).toMatchObject({ situation: 'exact_match', linked_identity_id: await identityId('cy') });
  });

  it('finds a new identity for the target’s unmatched accounts', async () => {
    const outcome = await importHr(['ada,new@example.com,Ada King', 'bob,bob@example.com,Robert Byte', people.cy, 'dee,dee@example.com,Dee Dee']);
    expect(outcome.counts).toMatchObject({ identitiesCreated: 1 });
    const dee = await identityId('dee');
    expect(await account('t-dee')).toMatchObject({ situation: 'exact_match', candidate_ids: [dee], linked_identity_id: dee });
    expect(await fullRematchChanges()).toBe(0);
  });

  it('keeps the matches of a blocked identity as they were (status is not compared)', async () => {
    const cyBefore = await account('cy');
    const versions = await rowVersions();
    const outcome = await importHr(['ada,new@example.com,Ada King', 'bob,bob@example.com,Robert Byte', 'dee,dee@example.com,Dee Dee']);
    expect(outcome.counts).toMatchObject({ identitiesBlocked: 1 });
    const { rows } = await run<{ status: string }>(t.db, sql`select status from identities where username = 'cy'`);
    expect(rows[0]!.status).toBe('blocked');
    expect(await account('cy')).toEqual(cyBefore);
    expect(await rowVersions()).toEqual(versions);
    expect(await fullRematchChanges()).toBe(0);
  });
  it('finds, among many identities at once, the accounts that list one as a candidate (not only the few)', async () => {
    // 70 identities (more than are compared list to list), two to an e-mail, whose e-mails change
    // without their old values being known: only the candidate lists of the 35 accounts that matched
    // them (several matches each, so linked to none) lead to those accounts.
    const rules = [{ account: 'email', identity: 'email' }];
    const many = await insertApplication(t.db, 'target', rules, 1);
    const { rows: created } = await run<{ id: string }>(
      t.db,
      sql`insert into identities (username, email)
          select 'many' || n || s, 'many' || n || '@many.test' from generate_series(1, 35) n, (values ('a'), ('b')) v(s) returning id`,
    );
    await run(
      t.db,
      sql`insert into accounts (application_id, key, username, email, attr_hash)
          select ${many.id}, 'm' || n, 'm' || n, 'many' || n || '@many.test', md5(n::text) from generate_series(1, 35) n`,
    );
    await rematchApplication(t.db, many.id, rules as MatchingRule[]);
    const situations = async () =>
      (await run<{ situation: string; n: number }>(t.db, sql`select situation, count(*)::int as n from accounts where application_id = ${many.id} group by situation`)).rows;
    expect(await situations()).toEqual([{ situation: 'multiple_matches', n: 35 }]);

    await run(t.db, sql`update identities set email = 'moved.' || email where username like 'many%'`);
    await t.db.transaction((tx) => rematchForIdentities(tx, created.map((r) => r.id)));
    expect(await situations()).toEqual([{ situation: 'no_match', n: 35 }]);
    expect(await fullRematchChanges()).toBe(0);
  });
});
