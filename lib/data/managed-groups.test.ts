import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { getIdentity, updateIdentityGroups } from './identities';
import { runImport } from './imports';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

const header = 'username,email,groups';
const feed = (...rows: string[]) => new TextEncoder().encode(`${[header, ...rows].join('\n')}\n`);

/**
 * Seed 004: "group membership is maintained for the groups the feed manages". The groups a source manages
 * are every group its feeds have listed; its imports add and remove those only, and keep any other group.
 */
describe.each(testDrivers)('managed groups on %s', (driver) => {
  const { t, admin } = useDataTestDatabase(driver);
  let hr: { id: string; slug: string };

  async function importFeed(content: Uint8Array) {
    const result = await runImport(admin, { applicationSlug: hr.slug, content, fileName: 'feed.csv', trigger: 'upload' });
    if (!result.ok) throw new Error(`import refused: ${result.error.message}`);
    return result.value;
  }

  async function identity(username: string) {
    const { rows } = await run<{ groups: string[]; version: number }>(
      t.db,
      sql`select groups, version from identities where username = ${username} and source_application_id = ${hr.id}`,
    );
    return rows[0]!;
  }

  async function managedGroups() {
    const { rows } = await run<{ managed_groups: string[] }>(t.db, sql`select managed_groups from applications where id = ${hr.id}`);
    return rows[0]!.managed_groups;
  }

  const addByHand = (username: string, group: string) =>
    run(t.db, sql`update identities set groups = groups || array[${group}]::text[], version = version + 1 where username = ${username}`);

  beforeAll(async () => {
    hr = await insertApplication(t.db, 'source', undefined, 1);
    await importFeed(feed('ada,ada@example.com,Staff;Leads', 'bob,bob@example.com,Staff', 'cy,cy@example.com,Contractors'));
  });

  it('records every group the feed lists as managed', async () => {
    expect(await managedGroups()).toEqual(['Contractors', 'Leads', 'Staff']);
    // a feed's groups arrive sorted, so that reordering them is no change
    expect((await identity('ada')).groups).toEqual(['Leads', 'Staff']);
  });

  it('keeps a hand-added group through a re-import, and removes a managed group dropped from a row', async () => {
    await addByHand('ada', 'Mentors');
    await addByHand('bob', 'Mentors');
    const bobBefore = await identity('bob');
    const outcome = await importFeed(feed('ada,ada@example.com,Staff', 'bob,bob@example.com,Staff', 'cy,cy@example.com,Contractors'));
    expect(outcome.counts).toMatchObject({ accountsUpdated: 1, identitiesUpdated: 1 });
    expect((await identity('ada')).groups).toEqual(['Staff', 'Mentors']);
    // bob's row did not change: his identity, hand-added group included, is not touched at all
    expect(await identity('bob')).toEqual(bobBefore);
    expect(await managedGroups()).toEqual(['Contractors', 'Leads', 'Staff']);
  });

  it('adds a managed group newly listed for an identity; its hand-added groups come after the feed ones', async () => {
    await importFeed(feed('ada,ada@example.com,Staff;Leads', 'bob,bob@example.com,Staff', 'cy,cy@example.com,Contractors'));
    expect((await identity('ada')).groups).toEqual(['Leads', 'Staff', 'Mentors']);
  });

  it('a group no longer in any row of the feed stays managed: it is taken away from the identities that had it', async () => {
    const outcome = await importFeed(feed('ada,ada@example.com,Staff;Leads', 'bob,bob@example.com,Staff', 'cy,cy@example.com,'));
    expect(outcome.counts).toMatchObject({ accountsUpdated: 1, identitiesUpdated: 1 });
    expect((await identity('cy')).groups).toEqual([]);
    expect(await managedGroups()).toEqual(['Contractors', 'Leads', 'Staff']);
  });

  it('a hand-added group that a feed starts to list becomes managed: the feed then decides who is in it', async () => {
    await importFeed(feed('ada,ada.l@example.com,Staff;Leads', 'bob,bob@example.com,Staff;Mentors', 'cy,cy@example.com,'));
    expect(await managedGroups()).toEqual(['Contractors', 'Leads', 'Mentors', 'Staff']);
    expect((await identity('bob')).groups).toEqual(['Mentors', 'Staff']);
    // ada's row changed and does not list Mentors, which is now the feed's to maintain
    expect((await identity('ada')).groups).toEqual(['Leads', 'Staff']);
  });

  it('reads groups from repeated XML elements, streamed, and maintains them the same way', async () => {
    const xml = new TextEncoder().encode(
      `<?xml version="1.0"?><export><people>
        <person><username>xavi</username><email>xavi@example.com</email><groups><group>Ops</group><group>Staff</group></groups></person>
        <person><username>yan</username><email>yan@example.com</email><groups><group>Ops</group></groups></person>
      </people></export>`,
    );
    const source = await insertApplication(t.db, 'source', undefined, 1);
    const result = await runImport(admin, { applicationSlug: source.slug, content: xml, fileName: 'people.xml', format: 'xml-children', trigger: 'upload' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.counts).toMatchObject({ rowsTotal: 2, identitiesCreated: 2 });
    const { rows } = await run<{ username: string; groups: string[] }>(
      t.db,
      sql`select username, groups from identities where source_application_id = ${source.id} order by username`,
    );
    expect(rows).toEqual([
      { username: 'xavi', groups: ['Ops', 'Staff'] },
      { username: 'yan', groups: ['Ops'] },
    ]);
    const { rows: managed } = await run<{ managed_groups: string[] }>(t.db, sql`select managed_groups from applications where id = ${source.id}`);
    expect(managed[0]!.managed_groups).toEqual(['Ops', 'Staff']);
  });

  it('never touches the groups of an identity another source created', async () => {
    const other = await insertApplication(t.db, 'source', undefined, 1);
    await run(t.db, sql`insert into identities (username, email, display_name, groups, source_application_id) values ('dee', 'dee@example.com', 'Dee', array['Staff', 'Other'], ${other.id})`);
    const outcome = await importFeed(feed('ada,ada.l@example.com,Staff;Leads', 'bob,bob@example.com,Staff;Mentors', 'cy,cy@example.com,', 'dee,dee@example.com,Leads'));
    expect(outcome.status).toBe('partial');
    const { rows } = await run<{ groups: string[]; version: number }>(t.db, sql`select groups, version from identities where username = 'dee'`);
    expect(rows).toEqual([{ groups: ['Staff', 'Other'], version: 1 }]);
  });

  it("lets an admin add and remove a group by hand, but not one the feed manages: that is the feed's alone", async () => {
    const { rows } = await run<{ id: string; groups: string[]; version: number }>(
      t.db,
      sql`select id, groups, version from identities where username = 'ada' and source_application_id = ${hr.id}`,
    );
    const ada = rows[0]!;
    expect(ada.groups).toContain('Staff');
    expect((await getIdentity(admin, ada.id))?.managedGroups).toEqual(await managedGroups());

    const added = await updateIdentityGroups(admin, ada.id, { version: ada.version, groups: [...ada.groups, 'Volunteers'] });
    expect(added).toEqual({ ok: true, value: { version: ada.version + 1 } });
    const withoutStaff = [...ada.groups, 'Volunteers'].filter((g) => g !== 'Staff');
    expect(await updateIdentityGroups(admin, ada.id, { version: ada.version + 1, groups: [...withoutStaff, 'Contractors'] })).toEqual({
      ok: false,
      error: { code: 'invalid', field: 'groups', message: `"Contractors", "Staff" are groups the feed of ${hr.slug} manages: change them there.` },
    });
    expect((await identity('ada')).groups).toEqual([...ada.groups, 'Volunteers'].sort());
    expect(await updateIdentityGroups(admin, ada.id, { version: ada.version + 1, groups: ada.groups })).toMatchObject({ ok: true });
  });
});
