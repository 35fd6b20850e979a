import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { openTestDatabase, testDrivers, type TestDatabase } from '@/db/testing';
import { TestReceiver } from '@/lib/webhooks/test-receiver';
import type { DataContext } from '../context';
import { runImport } from '../import-pipeline/run-import';
import { contexts, insertApplication } from '../testing/fixtures';
import { deliverDueEvents } from './deliver';
import { saveWebhookEndpoint } from './endpoints';
import { listDeliveries } from './log';

/**
 * Issue 5's "done when": changing an identity through an HR feed produces exactly one signed
 * delivery to each application it is assigned to, visible in the log. Producers (the outbox
 * triggers), the import pipeline and the delivery worker together, against a loopback receiver.
 */
describe.each(testDrivers)('an HR feed change reaches the assigned applications on %s', (driver) => {
  let t: TestDatabase;
  let admin: DataContext;
  // One receiver for both applications, which are given the same secret below.
  let secret = '';
  const receiver = new TestReceiver(() => secret);
  const settings = () => ({
    timeoutMs: 2_000,
    concurrency: 4,
    batchSize: 32,
    perApplication: 16,
    leaseMs: 30_000,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    owner: `test-${randomUUID()}`,
  });

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ admin } = await contexts(t.db));
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t?.close();
  });

  const feed = (title: string) =>
    new TextEncoder().encode(
      [
        'employee_id,username,email,first_name,last_name,title',
        `E1,ada,ada@example.com,Ada,Lovelace,${title}`,
        'E2,grace,grace@example.com,Grace,Hopper,Admiral',
      ].join('\n'),
    );

  async function importHr(slug: string, title: string) {
    const result = await runImport(admin, { applicationSlug: slug, content: feed(title), fileName: 'people.csv', trigger: 'upload', mode: 'apply' });
    if (!result.ok) throw new Error(result.error.message);
  }

  async function deliverAll(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const done = await deliverDueEvents(t.db, settings());
      if (done.claimed === 0) return;
    }
  }

  it('one signed identity.updated per assigned application, none for the unchanged or unassigned', async () => {
    const hr = await insertApplication(t.db, 'source');
    const crm = await insertApplication(t.db, 'target');
    const wiki = await insertApplication(t.db, 'target');
    for (const app of [crm, wiki]) {
      const saved = await saveWebhookEndpoint(admin, app.slug, { url: receiver.url, enabled: true, maxAttempts: 5, allowPrivateNetwork: true });
      if (!saved.ok) throw new Error(saved.error.message);
      secret = saved.value.secret!;
    }
    await run(t.db, sql`update webhook_endpoints set secret = ${secret} where application_id = ${crm.id}`);

    await importHr(hr.slug, 'Analyst');
    const { rows: people } = await run<{ id: string; username: string }>(t.db, sql`select id, username from identities where source_application_id = ${hr.id}`);
    const ada = people.find((p) => p.username === 'ada')!.id;
    const grace = people.find((p) => p.username === 'grace')!.id;
    // Ada in both applications, Grace in none.
    await run(
      t.db,
      sql`insert into assignments (identity_id, application_id, origin) values (${ada}, ${crm.id}, 'manual'), (${ada}, ${wiki.id}, 'manual')`,
    );
    await deliverAll();
    const before = receiver.requests.length;

    await importHr(hr.slug, 'Engineer');
    await deliverAll();

    const sent = receiver.requests.slice(before);
    expect(receiver.rejected).toEqual([]);
    expect(sent.map((r) => [r.body.type, (r.body.application as { slug: string }).slug, (r.body.identity as { id: string }).id]).sort()).toEqual(
      [
        ['identity.updated', crm.slug, ada],
        ['identity.updated', wiki.slug, ada],
      ].sort(),
    );
    expect(sent.some((r) => (r.body.identity as { id: string }).id === grace)).toBe(false);
    expect(sent[0]!.body.changes).toMatchObject({ attributes: { before: { title: 'Analyst' }, after: { title: 'Engineer' } } });
    for (const app of [crm, wiki]) {
      const log = await listDeliveries(admin, app.slug, { statuses: [], sort: 'createdAt', dir: 'desc', page: 1, pageSize: 10 });
      expect(log.entries.map((e) => [e.type, e.status, e.lastStatusCode])).toEqual([
        ['identity.updated', 'delivered', 200],
        ['identity.assigned', 'delivered', 200],
      ]);
    }
  });
});
