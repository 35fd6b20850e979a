import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers, type TestDatabase } from '@/db/testing';
import type { DataContext } from './context';
import { listImportChanges, listImportLogs, listImports, runImport, type ImportRequest } from './imports';
import { insertApplication, insertIdentity } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const encode = (text: string) => new TextEncoder().encode(text);
const csv = (...lines: string[]) => encode(`${lines.join('\n')}\n`);
const hrHeader = 'employee_id,username,email,first_name,last_name,display_name,groups';

async function importFeed(ctx: DataContext, slug: string, content: Uint8Array, over: Partial<ImportRequest> = {}) {
  const result = await runImport(ctx, { applicationSlug: slug, content, fileName: 'feed.csv', trigger: 'upload', ...over });
  if (!result.ok) throw new Error(`import refused: ${result.error.message}`);
  return result.value;
}

async function snapshot(t: TestDatabase) {
  const { rows } = await run<{ accounts: string; identities: string }>(
    t.db,
    sql`select (select coalesce(string_agg(id::text || ':' || version || ':' || status, ',' order by id), '') from accounts) as accounts,
               (select coalesce(string_agg(id::text || ':' || version || ':' || status, ',' order by id), '') from identities) as identities`,
  );
  return rows[0]!;
}

describe.each(testDrivers)('imports on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);
  let hr: { id: string; slug: string };
  let crm: { id: string; slug: string };

  const hrFeed = [
    hrHeader,
    'E001,ada,ada@example.com,Ada,Lovelace,Ada Lovelace,Engineering;Leads',
    'E002,grace,grace@example.com,Grace,Hopper,Grace Hopper,Engineering',
    'E003,alan,alan@example.com,Alan,Turing,Alan Turing,Research',
  ];

  const auditOf = async (importId: string) =>
    (await run<{ actor: string; action: string; summary: string }>(t.db, sql`select actor, action, summary from audit_entries where subject_id = ${importId} order by id`)).rows;

  beforeAll(async () => {
    // These tests are about diff semantics on tiny feeds, where one leaver is a third of the
    // accounts: the safeguard is tested on its own below.
    hr = await insertApplication(t.db, 'source', undefined, 1);
    crm = await insertApplication(t.db, 'target', undefined, 1);
  });

  it('creates identities from a source feed and records every count', async () => {
    const outcome = await importFeed(admin, hr.slug, csv(...hrFeed));
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts).toMatchObject({ rowsTotal: 3, accountsAdded: 3, identitiesCreated: 3, accountsUnchanged: 0, rowsRejected: 0 });
    const { rows } = await run<{ username: string; groups: string[]; employee_id: string }>(
      t.db,
      sql`select username, groups, employee_id from identities where source_application_id = ${hr.id} order by username`,
    );
    expect(rows.map((r) => r.username)).toEqual(['ada', 'alan', 'grace']);
    expect(rows[0]!.groups).toEqual(['Engineering', 'Leads']);
    const changes = await listImportChanges(viewer, outcome.id);
    expect(changes.total).toBe(3);
    expect(changes.changes[0]).toMatchObject({ kind: 'add', before: null, after: expect.objectContaining({ username: 'ada' }) });
    expect(await auditOf(outcome.id)).toEqual([
      { actor: admin.actor.kind === 'admin' ? admin.actor.email : '', action: 'import.applied', summary: 'Applied a feed (upload): accounts 3 added; identities 3 created' },
    ]);
  });

  it('changes nothing when the same feed is imported again', async () => {
    const before = await snapshot(t);
    const outcome = await importFeed(admin, hr.slug, csv(...hrFeed));
    expect(outcome.counts).toMatchObject({ accountsAdded: 0, accountsUpdated: 0, accountsRemoved: 0, accountsUnchanged: 3, identitiesUpdated: 0 });
    expect(await snapshot(t)).toEqual(before);
    // nothing changed: nothing for the audit log
    expect(await auditOf(outcome.id)).toEqual([]);
  });

  it('records an applied import in the audit log whoever started it: a scheduled pull too', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    const scheduler: DataContext = { db: t.db, actor: { kind: 'system', name: 'scheduler' } };
    await importFeed(scheduler, app.slug, csv('username,email', 'zed,zed@example.com', 'yan,yan@example.com'), { trigger: 'schedule' });
    const outcome = await importFeed(scheduler, app.slug, csv('username,email', 'zed,zed@other.example'), { trigger: 'schedule' });
    expect(await auditOf(outcome.id)).toEqual([
      { actor: 'system:scheduler', action: 'import.applied', summary: 'Applied a feed (schedule): accounts 1 updated, 1 removed' },
    ]);
    // the history filters by how an import was started
    expect((await listImports(viewer, { applicationSlug: app.slug, trigger: ['schedule'] })).total).toBe(2);
    expect((await listImports(viewer, { applicationSlug: app.slug, trigger: ['upload', 'api'] })).total).toBe(0);
  });

  it('counts a feed with its columns, attributes and groups in another order as unchanged', async () => {
    const before = await snapshot(t);
    const reordered = [
      'groups,display_name,last_name,first_name,email,username,employee_id',
      'Leads;Engineering,Ada Lovelace,Lovelace,Ada,ada@example.com,ada,E001',
      'Engineering,Grace Hopper,Hopper,Grace,grace@example.com,grace,E002',
      'Research,Alan Turing,Turing,Alan,alan@example.com,alan,E003',
    ];
    const outcome = await importFeed(admin, hr.slug, csv(...reordered));
    expect(outcome.counts).toMatchObject({ accountsUnchanged: 3, accountsUpdated: 0 });
    expect(await snapshot(t)).toEqual(before);
  });

  it('updates, blocks leavers (past) and creates joiners; a returner is restored with the same identity', async () => {
    const { rows: ids } = await run<{ id: string }>(t.db, sql`select id from identities where username = 'alan'`);
    const changed = [hrHeader, hrFeed[1]!, 'E002,grace,grace.hopper@example.com,Grace,Hopper,Grace Hopper,Engineering', 'E004,kat,kat@example.com,Katherine,Johnson,Katherine Johnson,'];
    const outcome = await importFeed(admin, hr.slug, csv(...changed));
    expect(outcome.counts).toMatchObject({ accountsAdded: 1, accountsUpdated: 1, accountsRemoved: 1, accountsUnchanged: 1, identitiesCreated: 1, identitiesUpdated: 1, identitiesBlocked: 1 });
    const { rows: alan } = await run<{ status: string; lifecycle: string }>(t.db, sql`select status, lifecycle from identities where id = ${ids[0]!.id}`);
    expect(alan[0]).toEqual({ status: 'blocked', lifecycle: 'past' });
    const diff = await listImportChanges(viewer, outcome.id, { kind: 'update' });
    expect(diff.changes[0]).toMatchObject({ before: expect.objectContaining({ email: 'grace@example.com' }), after: expect.objectContaining({ email: 'grace.hopper@example.com' }) });
    // Adds (derived from the accounts first seen in this import) come first, then the recorded changes, across pages.
    const pages = await Promise.all([1, 2, 3].map((page) => listImportChanges(viewer, outcome.id, { page, pageSize: 1 })));
    expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
    expect(pages.map((p) => p.changes.map((c) => [c.kind, c.key]))).toEqual([[['add', 'kat']], [['update', 'grace']], [['remove', 'alan']]]);
    expect(pages[0]!.changes[0]).toMatchObject({ before: null, accountId: expect.any(String), after: expect.objectContaining({ email: 'kat@example.com' }) });
    expect((await listImportChanges(viewer, outcome.id, { kind: 'add' })).total).toBe(1);

    const back = await importFeed(admin, hr.slug, csv(...changed, hrFeed[3]!));
    expect(back.counts).toMatchObject({ accountsRestored: 1, identitiesUnblocked: 1, identitiesCreated: 0 });
    const { rows: again } = await run<{ id: string; status: string; lifecycle: string }>(t.db, sql`select id, status, lifecycle from identities where username = 'alan'`);
    expect(again).toEqual([{ id: ids[0]!.id, status: 'active', lifecycle: 'current' }]);
  });

  it('never touches an identity the source did not create', async () => {
    const manual = await insertIdentity(t.db, { username: 'lin', email: 'lin@manual.test', displayName: 'Lin Manual' });
    const outcome = await importFeed(admin, hr.slug, csv(hrHeader, 'E009,lin,lin@hr.test,Lin,Source,Lin Source,'), {});
    expect(outcome.status).toBe('partial');
    const { rows } = await run<{ email: string; source_application_id: string | null; version: number }>(
      t.db,
      sql`select email, source_application_id, version from identities where id = ${manual}`,
    );
    expect(rows[0]).toEqual({ email: 'lin@manual.test', source_application_id: null, version: 1 });
    const logs = await listImportLogs(viewer, outcome.id, { level: 'warning' });
    expect(logs.lines.map((l) => l.message).join('\n')).toMatch(/already exists and was not created by this application/);
  });

  it('warns of an input field with no equivalent in the mapping, imports the rest, and ends partial', async () => {
    const app = await insertApplication(t.db, 'target', undefined, 1);
    // the first feed decides the mapping: username and e-mail
    expect(await importFeed(admin, app.slug, csv('username,email', 'ann,ann@example.com'))).toMatchObject({ status: 'succeeded' });
    const outcome = await importFeed(admin, app.slug, csv('username,email,nickname', 'ann,ann@example.com,Annie', 'ben,ben@example.com,Benny'));
    expect(outcome).toMatchObject({ status: 'partial', counts: { accountsAdded: 1, accountsUnchanged: 1, warnings: 1, errors: 0 } });
    const logs = await listImportLogs(viewer, outcome.id, { level: 'warning' });
    expect(logs.lines).toEqual([
      expect.objectContaining({ row: null, field: 'nickname', message: 'Input field "nickname" has no equivalent account attribute in the mapping; it was not imported.' }),
    ]);
    const { rows } = await run<{ attributes: Record<string, string> }>(t.db, sql`select attributes from accounts where application_id = ${app.id} and key = 'ben'`);
    expect(rows[0]!.attributes).not.toHaveProperty('nickname');
  });

  it('matches a target feed, and re-matches it when the source changes identities', async () => {
    const feed = csv('username,email,name', 'a.lovelace,  ADA@example.com ,Ada L', 'temp,temp@agency.test,Temp', 'kat.j,kat@example.com,Kat');
    const outcome = await importFeed(admin, crm.slug, feed);
    expect(outcome.counts).toMatchObject({ accountsAdded: 3 });
    const situations = async () =>
      Object.fromEntries(
        (await run<{ key: string; situation: string }>(t.db, sql`select key, situation from accounts where application_id = ${crm.id}`)).rows.map((r) => [r.key, r.situation]),
      );
    expect(await situations()).toEqual({ 'a.lovelace': 'exact_match', temp: 'no_match', 'kat.j': 'exact_match' });
    const before = await snapshot(t);
    await importFeed(admin, crm.slug, feed);
    expect(await snapshot(t)).toEqual(before);

    await importFeed(admin, hr.slug, csv(hrHeader, hrFeed[1]!, hrFeed[3]!, 'E010,temp,temp@agency.test,Tem,Porary,Temp Porary,'));
    expect((await situations()).temp).toBe('exact_match');
  });

  it('ignores a row repeating an earlier username and rejects rows missing a required field, naming the rows', async () => {
    const app = await insertApplication(t.db, 'target');
    const outcome = await importFeed(admin, app.slug, csv('username,email', 'x1,x1@example.com', ',nobody@example.com', 'x1,again@example.com', 'x2,x2@example.com'));
    expect(outcome.status).toBe('partial');
    expect(outcome.counts).toMatchObject({ rowsTotal: 4, rowsRejected: 1, rowsIgnored: 1, accountsAdded: 2 });
    const logs = await listImportLogs(viewer, outcome.id, { level: 'error' });
    const messages = logs.lines.map((l) => `${l.row}:${l.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^3:.*repeats row 1/), expect.stringMatching(/^2:/)]));
  });

  describe('bad input changes nothing and says what was wrong', () => {
    it.each([
      { name: 'an empty file', content: encode(''), message: /empty/i },

      { name: 'a feed without the key column', content: csv('mail,name', 'a@b.c,A'), message: /username/ },
      { name: 'invalid UTF-8', content: new Uint8Array([...encode('username,email\nok,ok@x.y\nbad,'), 0xff, 0xfe, 0x0a]), message: /UTF-8/ },
      { name: 'malformed JSON', content: encode('[{"username": "a"'), fileName: 'feed.json', message: /JSON|row|unexpected|end/i },
    ])('$name', async ({ content, message, fileName }) => {
      const before = await snapshot(t);
      const result = await runImport(admin, { applicationSlug: crm.slug, content, fileName: fileName ?? 'feed.csv', trigger: 'upload' });
      if (result.ok) {
        expect(result.value.status).toBe('failed');
        expect(result.value.error).toMatch(message);
      } else {
        expect(result.error.message).toMatch(message);
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('a header without rows, into an application without accounts', async () => {
      const empty = await insertApplication(t.db, 'target');
      const result = await runImport(admin, { applicationSlug: empty.slug, content: csv('username,email'), fileName: 'f.csv', trigger: 'upload' });
      expect(result).toMatchObject({ ok: true, value: { status: 'failed', error: expect.stringMatching(/no data rows/) } });
    });

    it('refuses an unknown format with a clear error', async () => {
      const result = await runImport(admin, { applicationSlug: crm.slug, content: encode('%PDF-1.7 binary'), fileName: 'feed.pdf', trigger: 'upload' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unsupported_format' } });
    });

    it('refuses a viewer', async () => {
      const result = await runImport(viewer, { applicationSlug: crm.slug, content: csv('username', 'x'), trigger: 'upload' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });
});

/**
 * Feeds of more than 1,000 changes refresh the statistics of the columns the import's later
 * statements join on (a column-list ANALYZE inside the transaction) before matching and syncing.
 */
describe.each(testDrivers)('big feeds on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);
  const people = (n: number, title: string) => Array.from({ length: n }, (_, i) => `E${i},person${i},person${i}@example.com,Person ${i},${title}`);

  it('creates, matches and updates 1,200 people and their accounts', async () => {
    const hr = await insertApplication(t.db, 'source', undefined, 1);
    const crm = await insertApplication(t.db, 'target', [{ account: 'email', identity: 'email' }], 1);
    const created = await importFeed(admin, hr.slug, csv('employee_id,username,email,display_name,title', ...people(1200, 'Engineer')));
    expect(created.counts).toMatchObject({ accountsAdded: 1200, identitiesCreated: 1200 });
    const accounts = csv('username,email,display_name', ...Array.from({ length: 1200 }, (_, i) => `p${i},PERSON${i}@example.com ,P ${i}`));
    expect((await importFeed(admin, crm.slug, accounts)).counts).toMatchObject({ accountsAdded: 1200 });
    const promoted = await importFeed(admin, hr.slug, csv('employee_id,username,email,display_name,title', ...people(1200, 'Lead')));
    expect(promoted.counts).toMatchObject({ accountsUpdated: 1200, identitiesUpdated: 1200 });
    const { rows } = await run<{ situation: string; n: number }>(
      t.db,
      sql`select situation, count(*)::int as n from accounts where application_id = ${crm.id} group by situation`,
    );
    expect(rows).toEqual([{ situation: 'exact_match', n: 1200 }]);
    const titles = await run<{ title: string; n: number }>(
      t.db,
      sql`select attributes->>'title' as title, count(*)::int as n from identities where source_application_id = ${hr.id} group by 1`,
    );
    expect(titles.rows).toEqual([{ title: 'Lead', n: 1200 }]);
  });
});
