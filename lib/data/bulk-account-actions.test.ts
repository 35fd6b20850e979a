import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { confirmExactMatches, createUsersForUnmatched, type AccountSelection } from './bulk-account-actions';
import { rematchApplication } from './matching';
import { listReconciliation, type ReconcileQuery } from './reconciliation';
import { accountState, insertAccount, insertApplication, insertIdentity } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const byEmail = [{ account: 'email', identity: 'email' }] as const;
const everyone: AccountSelection = { kind: 'filter', q: '', situation: [], status: [] };
const firstPage = (over: Partial<ReconcileQuery> = {}): ReconcileQuery => ({
  q: '', situation: [], status: [], sort: 'account', dir: 'asc', page: 1, pageSize: 50, ...over,
});

describe.each(testDrivers)('bulk account actions on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  const audit = async (subjectId: string) =>
    (await run<{ action: string; actor: string; summary: string; after: Record<string, unknown> }>(
      t.db,
      sql`select action, actor, summary, after from audit_entries where subject_id = ${subjectId} order by id`,
    )).rows;

  describe('confirm exact matches', () => {
    let app: { id: string };
    const acc: Record<string, string> = {};
    beforeAll(async () => {
      app = await insertApplication(t.db, 'target', [...byEmail]);
      for (const name of ['dee', 'eve', 'fay']) {
        await insertIdentity(t.db, { username: name, email: `${name}@example.com`, displayName: `${name.toUpperCase()} Person` });
        acc[name] = await insertAccount(t.db, app.id, { key: name, email: `${name}@example.com` });
      }
      acc.stranger = await insertAccount(t.db, app.id, { key: 'stranger', email: 'stranger@elsewhere.test' });
      await rematchApplication(t.db, app.id, [...byEmail]);
    });

    it('refuses a viewer and a malformed selection, changing nothing', async () => {
      expect(await confirmExactMatches(viewer, app.id, everyone)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await confirmExactMatches(admin, app.id, { kind: 'ids', ids: [] })).toMatchObject({
        ok: false, error: { code: 'invalid', message: 'Choose at least one account.', field: 'selection.ids' },
      });
      expect(await confirmExactMatches(admin, app.id, { kind: 'ids', ids: ['not-a-uuid'] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await confirmExactMatches(admin, app.id, { kind: 'filter', q: '', situation: ['nonsense'], status: [] } as never)).toMatchObject({
        ok: false, error: { code: 'invalid' },
      });
      expect(await accountState(t.db, acc.dee!)).toMatchObject({ link_status: 'needs_confirmation', settled: false });
    });

    it('confirms within the search only, with an audit entry for each account', async () => {
      const { version } = await accountState(t.db, acc.dee!);
      expect(await confirmExactMatches(admin, app.id, { ...everyone, q: 'dee' })).toEqual({ ok: true, value: { confirmed: 1, selected: 1 } });
      expect(await accountState(t.db, acc.dee!)).toMatchObject({ situation: 'manually_linked', link_status: 'linked', settled: true, version: version + 1 });
      expect(await audit(acc.dee!)).toEqual([
        expect.objectContaining({ action: 'account.confirm', summary: 'Confirmed link to DEE Person (account dee@example.com, in bulk)' }),
      ]);
      expect(await audit(app.id)).toEqual([expect.objectContaining({ action: 'account.confirm_all', summary: 'Confirmed 1 exact match matching "dee"' })]);
      expect((await listReconciliation(viewer, app.id, firstPage())).counts.situation).toMatchObject({ manually_linked: 1, exact_match: 2, no_match: 1 });
    });

    it('confirms the exact matches among the selected accounts and leaves the rest', async () => {
      const dee = await accountState(t.db, acc.dee!);
      const stranger = await accountState(t.db, acc.stranger!);
      const outcome = await confirmExactMatches(admin, app.id, { kind: 'ids', ids: [acc.eve!, acc.stranger!, acc.dee!] });
      expect(outcome).toEqual({ ok: true, value: { confirmed: 1, selected: 3 } });
      expect(await accountState(t.db, acc.eve!)).toMatchObject({ situation: 'manually_linked', link_status: 'linked' });
      expect(await accountState(t.db, acc.fay!)).toMatchObject({ situation: 'exact_match', link_status: 'needs_confirmation' });
      expect(await accountState(t.db, acc.stranger!)).toEqual(stranger);
      expect(await accountState(t.db, acc.dee!)).toEqual(dee);
    });
  });

  describe('create users for unmatched accounts', () => {
    let app: { id: string };
    let elsewhere: { id: string };
    const acc: Record<string, string> = {};
    let ada: string;
    beforeAll(async () => {
      ada = await insertIdentity(t.db, { username: 'ada', email: 'ada@example.com', displayName: 'Ada Lovelace' });
      app = await insertApplication(t.db, 'target', [...byEmail]);
      acc.exact = await insertAccount(t.db, app.id, { key: 'ada.l', email: 'ADA@example.com' });
      acc.temp = await insertAccount(t.db, app.id, { key: 'temp', username: ' Temp.Worker ', email: ' temp@agency.test ', displayName: 'Temp Worker' });
      acc.bot = await insertAccount(t.db, app.id, { key: 'bot', username: null, email: 'n/a', displayName: 'Build Bot' });
      // a username a user already has (matching is by e-mail only here, so the account matched no one)
      acc.adaAgain = await insertAccount(t.db, app.id, { key: 'ada-old', username: 'ADA', email: 'ada@old.test', displayName: 'Ada (old)' });
      // two accounts with one username: the first by label gets the user
      acc.samA = await insertAccount(t.db, app.id, { key: 'sam-1', username: 'sam', email: 'sam@one.test', displayName: 'Sam A' });
      acc.samB = await insertAccount(t.db, app.id, { key: 'sam-2', username: 'Sam', email: 'sam@two.test', displayName: 'Sam B' });
      acc.long = await insertAccount(t.db, app.id, { key: 'long', email: 'long@x.test', displayName: 'L'.repeat(201) });
      acc.ignored = await insertAccount(t.db, app.id, { key: 'ignored', email: 'ignored@x.test' });
      await rematchApplication(t.db, app.id, [...byEmail]);
      await run(t.db, sql`update accounts set link_status = 'ignored', settled = true where id = ${acc.ignored}`);
      // another application's account of the temp worker: it matches the new user once there is one
      elsewhere = await insertApplication(t.db, 'target', [...byEmail]);
      acc.tempElsewhere = await insertAccount(t.db, elsewhere.id, { key: 'tw', email: 'TEMP@agency.test' });
      await rematchApplication(t.db, elsewhere.id, [...byEmail]);
    });

    it('refuses a viewer and changes nothing', async () => {
      expect(await createUsersForUnmatched(viewer, app.id, everyone)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await accountState(t.db, acc.temp!)).toMatchObject({ situation: 'no_match', version: 1 });
    });

    it('makes a user of each unmatched account that can have one, links it, and says why the others were left', async () => {
      const before = await listReconciliation(viewer, app.id, firstPage());
      expect(before.creatable).toBe(6);
      const outcome = await createUsersForUnmatched(admin, app.id, everyone);
      expect(outcome).toEqual({
        ok: true,
        value: { created: 3, unmatched: 6, usernameTaken: 2, invalid: 1, takenExamples: ['Ada (old)', 'Sam B'] },
      });

      const { rows: users } = await run<Record<string, string | null>>(
        t.db,
        sql`select i.username, i.email, i.display_name, a.key from accounts a join identities i on i.id = a.linked_identity_id
            where a.application_id = ${app.id} and a.situation = 'manually_linked' and a.link_status = 'linked' and a.settled order by a.key`,
      );
      expect(users).toEqual([
        // no username: the key; not an e-mail address: no e-mail
        { username: 'bot', email: null, display_name: 'Build Bot', key: 'bot' },
        { username: 'sam', email: 'sam@one.test', display_name: 'Sam A', key: 'sam-1' },
        { username: 'Temp.Worker', email: 'temp@agency.test', display_name: 'Temp Worker', key: 'temp' },
      ]);
      for (const left of [acc.adaAgain, acc.samB, acc.long]) expect(await accountState(t.db, left!)).toMatchObject({ situation: 'no_match', link_status: 'unlinked', version: 1 });
      expect(await accountState(t.db, acc.exact!)).toMatchObject({ situation: 'exact_match', linked_identity_id: ada });
      expect(await accountState(t.db, acc.ignored!)).toMatchObject({ link_status: 'ignored', linked_identity_id: null });
      // the new user is matched where it has an account elsewhere
      const temp = await accountState(t.db, acc.temp!);
      expect(await accountState(t.db, acc.tempElsewhere!)).toMatchObject({ situation: 'exact_match', linked_identity_id: temp.linked_identity_id });

      expect(await audit(acc.temp!)).toEqual([
        expect.objectContaining({ action: 'account.create_and_link', summary: 'Created user Temp Worker and linked (account Temp Worker, in bulk)' }),
      ]);
      expect(await audit(temp.linked_identity_id!)).toEqual([
        expect.objectContaining({ action: 'identity.create', summary: 'Created user Temp Worker', after: expect.objectContaining({ username: 'Temp.Worker' }) }),
      ]);
      expect(await audit(app.id)).toEqual([
        expect.objectContaining({ action: 'account.create_users_all', summary: 'Created 3 users for unmatched accounts', after: expect.objectContaining({ created: 3 }) }),
      ]);
      const after = await listReconciliation(viewer, app.id, firstPage());
      expect(after.counts.situation).toMatchObject({ manually_linked: 3, no_match: 4, exact_match: 1 });
      expect(after.creatable).toBe(3);
    });

    it('creates nothing the second time: what is left cannot have a user', async () => {
      const identities = async () => (await run<{ n: number }>(t.db, sql`select count(*)::int as n from identities`)).rows[0]!.n;
      const identitiesBefore = await identities();
      expect(await createUsersForUnmatched(admin, app.id, everyone)).toMatchObject({ ok: true, value: { created: 0, unmatched: 3, usernameTaken: 2, invalid: 1 } });
      expect(await identities()).toBe(identitiesBefore);
    });

    it('acts on the selected unmatched accounts only', async () => {
      const other = await insertApplication(t.db, 'target', [...byEmail]);
      const one = await insertAccount(t.db, other.id, { key: 'one.off', email: 'one@off.test' });
      const two = await insertAccount(t.db, other.id, { key: 'two.off', email: 'two@off.test' });
      await rematchApplication(t.db, other.id, [...byEmail]);
      const outcome = await createUsersForUnmatched(admin, other.id, { kind: 'ids', ids: [one, acc.temp!] });
      // the other application's account is not this application's: it is not among them
      expect(outcome).toMatchObject({ ok: true, value: { created: 1, unmatched: 1 } });
      expect(await accountState(t.db, one)).toMatchObject({ situation: 'manually_linked' });
      expect(await accountState(t.db, two)).toMatchObject({ situation: 'no_match', version: 1 });
      expect(await audit(other.id)).toEqual([expect.objectContaining({ summary: 'Created 1 user for unmatched accounts among 2 selected' })]);
    });
  });
});
