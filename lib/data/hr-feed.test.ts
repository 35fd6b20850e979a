import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { listImportLogs, runImport } from './imports';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';

/**
 * A real HR export nobody here wrote (../shared/testdata/entra-inbound-hr-feed: Microsoft's 1,000-row
 * Workday-like sample, 24 columns, no trailing newline), uploaded as it is to a source application
 * with the mapping Concord proposes. Its generator gave 265 UserIDs to more than one person: the
 * first row of each username makes the identity, every later one is ignored and logged with both rows;
 * the other columns become custom attributes (camelCased). WorkerStatus reads as an employment status:
 * the proposed mapping makes "Inactive" workers leavers, whose identities are created blocked and past.
 */
const file = path.resolve(process.cwd(), '../shared/testdata/entra-inbound-hr-feed/csv-with-1000-records.csv');

/** What the file says, read here independently of the import: each row's fields by column name. */
function workers(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i]!, value])));
}

describe.each(testDrivers)('the Workday-like HR feed on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);

  it('makes an identity of the first row of each username, and ignores and logs the rows that repeat one', async () => {
    const rows = workers();
    const firstRow = new Map<string, number>();
    const repeats: string[] = [];
    rows.forEach((worker, index) => {
      const row = index + 1;
      const first = firstRow.get(worker.UserID!);
      if (first === undefined) firstRow.set(worker.UserID!, row);
      else repeats.push(`Row ${row}: username "${worker.UserID}" repeats row ${first}; this row was ignored.`);
    });
    expect([rows.length, firstRow.size, repeats.length]).toEqual([1000, 624, 376]);
    const leavers = [...firstRow.values()].filter((row) => rows[row - 1]!.WorkerStatus === 'Inactive').map((row) => rows[row - 1]!.UserID!);
    expect(leavers).toHaveLength(323);

    const hr = await insertApplication(t.db, 'source');
    const content = readFileSync(file);
    const result = await runImport(admin, { applicationSlug: hr.slug, content, fileName: path.basename(file), trigger: 'upload' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.status).toBe('partial');
    expect(result.value.counts).toMatchObject({ rowsTotal: 1000, rowsRejected: 0, rowsIgnored: 376, accountsAdded: 624, identitiesCreated: 624 });

    const logs = await listImportLogs(viewer, result.value.id, { level: 'error', pageSize: 500 });
    expect(logs.total).toBe(376);
    expect(logs.lines.map((line) => line.message).sort()).toEqual([...repeats].sort());
    expect(logs.lines.every((line) => line.field === 'username')).toBe(true);

    // The proposed mapping reads WorkerStatus as the leaver column; the leavers' identities are blocked.
    const mapping = await run<{ leavers: unknown }>(t.db, sql`select mapping -> 'leavers' as leavers from applications where id = ${hr.id}`);
    expect(mapping.rows[0]!.leavers).toMatchObject({ attribute: 'workerStatus', values: expect.arrayContaining(['Inactive']) });
    const blocked = await run<{ username: string }>(
      t.db,
      sql`select username from identities where source_application_id = ${hr.id} and status = 'blocked' and lifecycle = 'past'`,
    );
    expect(blocked.rows.map((r) => r.username).sort()).toEqual([...leavers].sort());

    // The identity of a repeated username is its first row's person, with the HR columns as attributes.
    const repeated = rows.find((worker, index) => firstRow.get(worker.UserID!) !== index + 1)!;
    const person = rows[firstRow.get(repeated.UserID!)! - 1]!;
    const identity = await run<{ display_name: string; given_name: string; family_name: string; employee_id: string; attributes: Record<string, string> }>(
      t.db,
      sql`select display_name, given_name, family_name, employee_id, attributes from identities where username = ${repeated.UserID}`,
    );
    expect(identity.rows).toHaveLength(1);
    expect(identity.rows[0]).toMatchObject({
      display_name: person.FullName,
      given_name: person.FirstName,
      family_name: person.LastName,
      employee_id: person.WorkerID,
      attributes: { department: person.Department, jobTitle: person.JobTitle, workerStatus: person.WorkerStatus },
    });

    // The same file again changes nothing.
    const again = await runImport(admin, { applicationSlug: hr.slug, content, fileName: path.basename(file), trigger: 'upload' });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.counts).toMatchObject({ accountsAdded: 0, accountsUpdated: 0, accountsRemoved: 0, accountsUnchanged: 624, identitiesCreated: 0, identitiesUpdated: 0, identitiesBlocked: 0, identitiesUnblocked: 0 });
  });
});
