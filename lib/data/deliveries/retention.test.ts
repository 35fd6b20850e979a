import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { insertApplication } from '../testing/fixtures';
import { useDataTestDatabase } from '../testing/test-database';
import { HEALTH_DAYS, pruneDeliveryLog } from './retention';

describe.each(testDrivers)('delivery log retention on %s', (driver) => {
  const { t } = useDataTestDatabase(driver);

  /** Events of one application, each `daysAgo` old in its status, with one try each (two for the failed). */
  async function eventsOf(applicationId: string, events: { name: string; status: 'pending' | 'delivered' | 'failed'; daysAgo: number }[]): Promise<void> {
    await run(
      t.db,
      sql`with e as (
            insert into outbox_events (application_id, type, payload, status, attempts, created_at, next_attempt_at, last_attempt_at, delivered_at)
            select ${applicationId}, x.name, '{}'::jsonb, x.status::delivery_status, 1, at, at, at,
                   case when x.status = 'delivered' then at end
            from unnest(${sql.param(events.map((e) => e.name))}::text[], ${sql.param(events.map((e) => e.status))}::text[],
                        ${sql.param(events.map((e) => e.daysAgo))}::int[]) as x(name, status, days_ago),
                 lateral (select now() - make_interval(days => x.days_ago) as at) d
            returning id, status, last_attempt_at
          )
          insert into delivery_attempts (event_id, application_id, attempt, url, attempted_at, ok, duration_ms)
          select e.id, ${applicationId}, n, 'https://example.com/hook', e.last_attempt_at, e.status = 'delivered', 12
          from e, generate_series(1, case when e.status = 'failed' then 2 else 1 end) n`,
    );
  }

  const remaining = async (applicationId: string) =>
    (
      await run<{ type: string; tries: number }>(
        t.db,
        sql`select e.type, (select count(*)::int from delivery_attempts a where a.event_id = e.id) as tries
            from outbox_events e where e.application_id = ${applicationId} order by e.type`,
      )
    ).rows;

  it('removes delivered events older than the retention with their tries, in batches; keeps the rest', async () => {
    const app = await insertApplication(t.db, 'target');
    await eventsOf(app.id, [
      ...Array.from({ length: 7 }, (_, i) => ({ name: `old-delivered-${i}`, status: 'delivered' as const, daysAgo: 31 + i })),
      { name: 'recent-delivered', status: 'delivered', daysAgo: 29 },
      { name: 'old-failed', status: 'failed', daysAgo: 90 },
      { name: 'old-pending', status: 'pending', daysAgo: 45 },
    ]);

    // Three events per statement: 3 + 3 + 1, then none left.
    expect(await pruneDeliveryLog(t.db, 30, 3)).toBe(7);
    expect(await remaining(app.id)).toEqual([
      { type: 'old-failed', tries: 2 },
      { type: 'old-pending', tries: 1 },
      { type: 'recent-delivered', tries: 1 },
    ]);
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from delivery_attempts where application_id = ${app.id}`);
    expect(rows[0]!.n).toBe(4);

    // Nothing more to do: a second run deletes nothing.
    expect(await pruneDeliveryLog(t.db, 30)).toBe(0);
    // A shorter retention takes the delivered event of 29 days ago as well.
    expect(await pruneDeliveryLog(t.db, 20)).toBe(1);
    expect((await remaining(app.id)).map((e) => e.type)).toEqual(['old-failed', 'old-pending']);
  });

  it(`never keeps fewer than the ${HEALTH_DAYS} days the health chart shows`, async () => {
    await expect(pruneDeliveryLog(t.db, HEALTH_DAYS - 1)).rejects.toThrow(/at least 14 days/);
    await expect(pruneDeliveryLog(t.db, 30.5)).rejects.toThrow(RangeError);
  });
});
