import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './sql';
import { openTestDatabase, testDrivers, type TestDatabase } from './testing';

describe.each(testDrivers)('database on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('applies the migrations, with pg_trgm and the generated match keys', async () => {
    await run(t.db, sql`insert into identities (username, email) values ('  Ada.L ', ' ADA@Example.com')`);
    const { rows } = await run<{ norm_username: string; norm_email: string; s: number }>(
      t.db,
      sql`select norm_username, norm_email, similarity('lovelace', 'lovelase') as s from identities`,
    );
    expect(rows[0]).toMatchObject({ norm_username: 'ada.l', norm_email: 'ada@example.com' });
    expect(Number(rows[0]!.s)).toBeGreaterThan(0.3);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await run(tx, sql`insert into identities (username) values ('rollback-me')`);
        await run(tx, sql`select 1/0`);
      }),
    ).rejects.toThrow();
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from identities where username = 'rollback-me'`);
    expect(rows[0]!.n).toBe(0);
  });
});
