import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { openTestDatabase, testDrivers, type TestDatabase } from '@/db/testing';
import { TestReceiver } from '@/lib/webhooks/test-receiver';
import { startDeliveryWorker, stopDeliveryWorker, wakeDeliveryWorker } from '@/lib/webhooks/worker';
import type { DataContext } from '../context';
import { contexts, insertApplication, insertIdentity } from '../testing/fixtures';
import { deliverDueEvents, refreshOutboxStatistics, retryDelayMs, type DeliverySettings } from './deliver';
import { getWebhookEndpoint, regenerateWebhookSecret, saveWebhookEndpoint } from './endpoints';
import { deliveryHealth, listDeliveries, listIdentityEvents, redeliverEvents, sendTestEvent } from './log';
import { claimDueEvents } from './queue';

/** The timeout of the tests that make the receiver hang. */
const shortTimeout = { timeoutMs: 250 };

/** Short times instead of sleeps: retries after 5–20 ms; a request timeout generous enough for a loaded machine. */
const fast = (overrides: Partial<DeliverySettings> = {}): DeliverySettings => ({
  timeoutMs: 3_000,
  concurrency: 4,
  batchSize: 16,
  perApplication: 8,
  leaseMs: 10_000,
  backoffBaseMs: 5,
  backoffMaxMs: 20,
  owner: `test-${randomUUID()}`,
  random: () => 0.5,
  ...overrides,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type EventState = { id: string; status: string; attempts: number; last_status_code: number | null; last_error: string | null };

describe.each(testDrivers)('webhook deliveries on %s', (driver) => {
  let t: TestDatabase;
  let admin: DataContext;
  let viewer: DataContext;
  let secret = '';
  const receiver = new TestReceiver(() => secret);

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ admin, viewer } = await contexts(t.db));
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t?.close();
  });
  beforeEach(() => {
    receiver.answer = () => 200;
  });
  afterEach(async () => {
    // Events of earlier tests must not leak into later rounds.
    await run(t.db, sql`update outbox_events set status = 'failed' where status = 'pending'`);
  });

  /** A target application with an endpoint at the receiver; the secret it got is the receiver's. */
  async function applicationWithEndpoint(maxAttempts = 8): Promise<{ id: string; slug: string }> {
    const app = await insertApplication(t.db, 'target');
    const saved = await saveWebhookEndpoint(admin, app.slug, { url: receiver.url, enabled: true, maxAttempts, allowPrivateNetwork: true });
    if (!saved.ok) throw new Error(saved.error.message);
    secret = saved.value.secret!;
    return app;
  }

  /** What a producer (MODEL's triggers) writes: application, identity, type, payload. */
  async function writeEvents(db: Executor, applicationId: string, identityId: string | null, types: string[]): Promise<string[]> {
    const { rows } = await run<{ id: string }>(
      db,
      sql`insert into outbox_events (application_id, identity_id, type, payload)
          select ${applicationId}, ${identityId}, t.type,
                 jsonb_build_object('identity', jsonb_build_object('id', ${identityId}::uuid, 'n', t.n), 'assignment', null, 'changes', null)
          from unnest(${`{${types.join(',')}}`}::text[]) with ordinality t(type, n)
          order by t.n
          returning id`,
    );
    return rows.map((r) => r.id);
  }

  async function states(ids: string[]): Promise<EventState[]> {
    const { rows } = await run<EventState>(
      t.db,
      sql`select id, status, attempts, last_status_code, last_error from outbox_events where id = any(${`{${ids.join(',')}}`}::uuid[]) order by seq`,
    );
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
  }

  /** Runs rounds (as the worker would) until none of `ids` is pending, or `rounds` is used up. */
  async function drain(ids: string[], settings = fast(), rounds = 60): Promise<EventState[]> {
    for (let i = 0; i < rounds; i++) {
      await deliverDueEvents(t.db, settings);
      const now = await states(ids);
      if (now.every((e) => e.status !== 'pending')) return now;
      await pause(10);
    }
    return states(ids);
  }

  it('sends a signed JSON body the receiver verifies: id, type, occurredAt, application, identity, assignment, changes', async () => {
    const app = await applicationWithEndpoint();
    const person = await insertIdentity(t.db, { username: `ada-${randomUUID().slice(0, 6)}` });
    const [id] = await writeEvents(t.db, app.id, person, ['identity.updated']);
    const done = await drain([id!]);
    expect(done[0]).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200, last_error: null });
    expect(receiver.rejected).toEqual([]);
    const got = receiver.requests.find((r) => r.id === id)!;
    expect(got.headers['concord-event-id']).toBe(id);
    expect(got.headers['concord-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.body).toMatchObject({ id, type: 'identity.updated', application: { slug: app.slug }, identity: { id: person }, assignment: null, changes: null });
    expect(new Date(got.body.occurredAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a receiver holding another secret refuses (401): the try is logged as failed and retried', async () => {
    const app = await applicationWithEndpoint(2);
    const [id] = await writeEvents(t.db, app.id, null, ['identity.updated']);
    const real = secret;
    secret = 'whsec_not-the-one';
    try {
      const [state] = await drain([id!]);
      expect(state).toMatchObject({ status: 'failed', attempts: 2, last_status_code: 401 });
      expect(state!.last_error).toContain('401');
      expect(receiver.rejected).toContain('mismatch');
    } finally {
      secret = real;
    }
  });

  it('retries after 500s with a growing delay, logging every try, and delivers once the receiver answers 200', async () => {
    const app = await applicationWithEndpoint();
    const [id] = await writeEvents(t.db, app.id, null, ['identity.created']);
    receiver.answer = (_id, seen) => (seen < 2 ? 500 : 200);
    const [state] = await drain([id!]);
    expect(state).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null });
    const { rows } = await run<{ attempt: number; ok: boolean; status_code: number; error: string | null }>(
      t.db,
      sql`select attempt, ok, status_code, error from delivery_attempts where event_id = ${id} order by id`,
    );
    expect(rows.map((r) => [Number(r.attempt), r.ok, Number(r.status_code)])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 200],
    ]);
    expect(rows[0]!.error).toBe('The receiver answered 500: receiver trouble');
    expect([1, 2, 3, 4, 8].map((n) => retryDelayMs(n, { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000, random: () => 0.5 }))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000,
    ]);
    expect(retryDelayMs(1, { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000, random: () => 0 })).toBe(24_000);
  });

  it('retries after a timeout; the receiver that did act the first time de-duplicates the second delivery by event id', async () => {
    const app = await applicationWithEndpoint();
    const [id] = await writeEvents(t.db, app.id, null, ['identity.blocked']);
    receiver.answer = (_id, seen) => (seen === 0 ? 'hang' : 200);
    const [state] = await drain([id!], fast(shortTimeout));
    expect(state).toMatchObject({ status: 'delivered', attempts: 2 });
    const { rows } = await run<{ error: string | null; duration_ms: number }>(t.db, sql`select error, duration_ms from delivery_attempts where event_id = ${id} order by id`);
    expect(rows[0]!.error).toBe('No answer within 0.25 s (timed out).');
    expect(Number(rows[0]!.duration_ms)).toBeGreaterThanOrEqual(240);
    const seen = receiver.requests.filter((r) => r.id === id);
    expect(seen.map((r) => r.duplicate)).toEqual([false, true]);
    expect(receiver.effects.filter((e) => e === id)).toHaveLength(1);
  });

  it('loses nothing while the receiver is down for a while: every event is delivered once it is back', async () => {
    const app = await applicationWithEndpoint();
    const people = await Promise.all([0, 1, 2, 3, 4].map((n) => insertIdentity(t.db, { username: `down-${n}-${randomUUID().slice(0, 6)}` })));
    const ids = (await Promise.all(people.map((p) => writeEvents(t.db, app.id, p, ['identity.updated', 'identity.blocked'])))).flat();
    await receiver.stop();
    try {
      for (let i = 0; i < 4; i++) {
        await deliverDueEvents(t.db, fast());
        await pause(25);
      }
      const whileDown = await states(ids);
      expect(whileDown.every((e) => e.status === 'pending')).toBe(true);
      expect(whileDown.filter((e) => e.attempts > 0).length).toBeGreaterThanOrEqual(5);
      expect(whileDown.find((e) => e.attempts > 0)!.last_error).toMatch(/Could not reach the receiver: .*ECONNREFUSED/);
    } finally {
      await receiver.start();
    }
    const after = await drain(ids);
    expect(after.map((e) => e.status)).toEqual(ids.map(() => 'delivered'));
    expect(new Set(receiver.effects.filter((e) => ids.includes(e))).size).toBe(ids.length);
  });

  it('keeps the order of one identity: the second event waits while the first is being retried', async () => {
    const app = await applicationWithEndpoint();
    const person = await insertIdentity(t.db, { username: `order-${randomUUID().slice(0, 6)}` });
    const [first, second, third] = await writeEvents(t.db, app.id, person, ['identity.assigned', 'identity.updated', 'identity.blocked']);
    receiver.answer = (id, seen) => (id === first && seen < 2 ? 503 : 200);
    await drain([first!, second!, third!]);
    const order = receiver.requests.filter((r) => [first, second, third].includes(r.id)).map((r) => r.id);
    expect(order).toEqual([first, first, first, second, third]);
  });

  it('gives up after the endpoint\'s maximum attempts ("failed"), then Redeliver sends it again', async () => {
    const app = await applicationWithEndpoint(3);
    const [id] = await writeEvents(t.db, app.id, null, ['identity.updated']);
    receiver.answer = () => 500;
    const [failed] = await drain([id!]);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, last_status_code: 500 });
    expect(await deliverDueEvents(t.db, fast())).toMatchObject({ claimed: 0 });
    receiver.answer = () => 200;
    expect(await redeliverEvents(viewer, app.slug, [id!])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await redeliverEvents(admin, app.slug, [id!])).toEqual({ ok: true, value: { redelivered: 1 } });
    const [again] = await drain([id!]);
    expect(again).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
    // A delivered event can be redelivered too; a pending one cannot (it is going out anyway).
    expect(await redeliverEvents(admin, app.slug, [id!])).toMatchObject({ ok: true });
    expect(await redeliverEvents(admin, app.slug, [id!])).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await redeliverEvents(admin, app.slug, ['not-an-id'])).toMatchObject({ ok: false, error: { code: 'invalid', field: 'eventIds' } });
    await drain([id!]);
    const log = await run<{ n: number }>(t.db, sql`select count(*)::int as n from delivery_attempts where event_id = ${id}`);
    expect(Number(log.rows[0]!.n)).toBe(5);
    expect(receiver.effects.filter((e) => e === id)).toHaveLength(1);
  });

  it('keeps events pending while an application has no endpoint or a disabled one, and sends them once it is enabled', async () => {
    const app = await insertApplication(t.db, 'target');
    const [early] = await writeEvents(t.db, app.id, null, ['identity.created']);
    await deliverDueEvents(t.db, fast());
    expect(await states([early!])).toMatchObject([{ status: 'pending', attempts: 0 }]);
    const saved = await saveWebhookEndpoint(admin, app.slug, { url: receiver.url, enabled: false, maxAttempts: 5, allowPrivateNetwork: true });
    if (!saved.ok) throw new Error(saved.error.message);
    secret = saved.value.secret!;
    await deliverDueEvents(t.db, fast());
    expect(await states([early!])).toMatchObject([{ status: 'pending', attempts: 0 }]);
    const enabled = await saveWebhookEndpoint(admin, app.slug, { url: receiver.url, enabled: true, maxAttempts: 5, allowPrivateNetwork: true, version: 1 });
    expect(enabled).toMatchObject({ ok: true, value: { secret: null, endpoint: { enabled: true, version: 2 } } });
    expect(await drain([early!])).toMatchObject([{ status: 'delivered' }]);
  });

  it('a dead receiver does not hold up another application in the same round', async () => {
    const slow = await applicationWithEndpoint();
    const fine = await applicationWithEndpoint();
    const slowIds = await writeEvents(t.db, slow.id, null, ['identity.updated', 'identity.updated']);
    const [fineId] = await writeEvents(t.db, fine.id, null, ['identity.updated']);
    // Both share the receiver; the slow application's events hang until the timeout.
    await run(t.db, sql`update webhook_endpoints set secret = ${secret} where application_id = ${slow.id}`);
    receiver.answer = (id) => (slowIds.includes(id) ? 'hang' : 200);
    const started = Date.now();
    const round = await deliverDueEvents(t.db, fast({ ...shortTimeout, concurrency: 3 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(round).toMatchObject({ claimed: 3, delivered: 1, retrying: 2 });
    expect(await states([fineId!])).toMatchObject([{ status: 'delivered' }]);
  });

  it('refuses a loopback receiver unless the endpoint allows private networks', async () => {
    const app = await applicationWithEndpoint(1);
    await run(t.db, sql`update webhook_endpoints set allow_private_network = false where application_id = ${app.id}`);
    const [id] = await writeEvents(t.db, app.id, null, ['identity.updated']);
    const [state] = await drain([id!]);
    expect(state).toMatchObject({ status: 'failed', last_status_code: null });
    expect(state!.last_error).toBe("The address 127.0.0.1 is a loopback address; enable 'Allow private network' to send to it.");
    expect(receiver.requests.some((r) => r.id === id)).toBe(false);
  });

  it('two workers at once never send the same event twice (lease + SKIP LOCKED)', async () => {
    const app = await applicationWithEndpoint();
    const ids = await writeEvents(t.db, app.id, null, Array.from({ length: 12 }, () => 'identity.sync'));
    // What the worker does when claims turn slow; the claims below must work as well after it.
    await refreshOutboxStatistics(t.db);
    const rounds = await Promise.all([deliverDueEvents(t.db, fast({ perApplication: 12 })), deliverDueEvents(t.db, fast({ perApplication: 12 }))]);
    const after = await drain(ids);
    expect(after.every((e) => e.status === 'delivered' && e.attempts === 1)).toBe(true);
    expect(rounds[0]!.claimed + rounds[1]!.claimed).toBeGreaterThan(0);
    expect(receiver.requests.filter((r) => ids.includes(r.id))).toHaveLength(12);
  });

  it('a worker that died holding events: once its lease expires, another worker sends them', async () => {
    const app = await applicationWithEndpoint();
    const [id] = await writeEvents(t.db, app.id, null, ['identity.updated']);
    const claimed = await claimDueEvents(t.db, { owner: 'dead-worker', batchSize: 10, perApplication: 10, leaseMs: 60_000 });
    expect(claimed.map((e) => e.id)).toContain(id);
    // Its lease is live: nobody else takes the event.
    await deliverDueEvents(t.db, fast());
    expect(receiver.requests.some((r) => r.id === id)).toBe(false);
    await run(t.db, sql`update outbox_events set lease_expires_at = now() - interval '1 second' where id = ${id}`);
    expect(await drain([id!])).toMatchObject([{ status: 'delivered', attempts: 1 }]);
  });

  it('the worker prunes the log as it starts, and wakes at once when this process writes an event (Send test event), without waiting for the poll', async () => {
    const app = await applicationWithEndpoint();
    const db = t.db;
    // An event delivered 40 days ago: past the 30 days this worker keeps (lib/data/deliveries/retention).
    const [old] = await writeEvents(db, app.id, null, ['identity.updated']);
    await run(db, sql`update outbox_events set status = 'delivered', next_attempt_at = now() - interval '40 days', delivered_at = now() - interval '40 days' where id = ${old}`);
    startDeliveryWorker({ settings: fast(), pollMs: 60_000, keepDays: 30, database: async () => db });
    try {
      let kept = await states([old!]);
      for (let i = 0; i < 100 && kept.length > 0; i++) {
        await pause(20);
        kept = await states([old!]);
      }
      expect(kept).toEqual([]);
      const sent = await sendTestEvent(admin, app.slug);
      if (!sent.ok) throw new Error(sent.error.message);
      wakeDeliveryWorker();
      let state: EventState[] = [];
      for (let i = 0; i < 100 && state[0]?.status !== 'delivered'; i++) {
        await pause(20);
        state = await states([sent.value.eventId]);
      }
      expect(state).toMatchObject([{ status: 'delivered' }]);
      expect(receiver.requests.find((r) => r.id === sent.value.eventId)?.body).toMatchObject({ type: 'concord.test', identity: null });
    } finally {
      await stopDeliveryWorker();
    }
  });

  it('shows the log by status with counts, an identity\'s events, the health per day; endpoints never show the secret', async () => {
    const app = await applicationWithEndpoint(1);
    const person = await insertIdentity(t.db, { username: `log-${randomUUID().slice(0, 6)}`, displayName: 'Log Person' });
    const ids = await writeEvents(t.db, app.id, person, ['identity.created']);
    const other = await insertIdentity(t.db, { username: `log2-${randomUUID().slice(0, 6)}` });
    const failing = await writeEvents(t.db, app.id, other, ['identity.updated']);
    receiver.answer = (id) => (failing.includes(id) ? 500 : 200);
    await drain([...ids, ...failing]);
    const page = await listDeliveries(viewer, app.slug, { statuses: ['failed'], sort: 'createdAt', dir: 'desc', page: 1, pageSize: 25 });
    const searched = await listDeliveries(viewer, app.slug, { q: 'log pers', statuses: [], sort: 'attempts', dir: 'asc', page: 1, pageSize: 25 });
    expect(searched).toMatchObject({ total: 1, counts: { delivered: 1, failed: 0 }, entries: [{ id: ids[0] }] });
    expect(page.counts).toEqual({ pending: 0, delivered: 1, failed: 1 });
    expect(page.total).toBe(1);
    expect(page.entries).toMatchObject([{ id: failing[0], status: 'failed', attempts: 1, lastStatusCode: 500 }]);
    const events = await listIdentityEvents(viewer, person);
    expect(events).toMatchObject([{ id: ids[0], applicationSlug: app.slug, identityName: 'Log Person', status: 'delivered' }]);
    const health = await deliveryHealth(viewer, app.slug, 7);
    expect(health).toHaveLength(7);
    expect(health.at(-1)).toMatchObject({ delivered: 1, failed: 1 });
    const endpoint = await getWebhookEndpoint(viewer, app.slug);
    expect(JSON.stringify(endpoint)).not.toContain(secret);
    expect(endpoint?.secretHint).toBe(secret.slice(-4));
  });

  it('validates endpoints, refuses viewers, checks versions and regenerates the secret once', async () => {
    const app = await insertApplication(t.db, 'target');
    const input = { url: 'https://crm.example.com/hook', enabled: true, maxAttempts: 8, allowPrivateNetwork: false };
    expect(await saveWebhookEndpoint(viewer, app.slug, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await saveWebhookEndpoint(admin, app.slug, { ...input, url: 'http://crm.example.com/hook' })).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(await saveWebhookEndpoint(admin, app.slug, { ...input, maxAttempts: 0 })).toMatchObject({ ok: false, error: { field: 'maxAttempts' } });
    const created = await saveWebhookEndpoint(admin, app.slug, input);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.secret).toMatch(/^whsec_/);
    expect(await saveWebhookEndpoint(admin, app.slug, input)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await regenerateWebhookSecret(admin, app.slug, 7)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const regenerated = await regenerateWebhookSecret(admin, app.slug, 1);
    if (!regenerated.ok) throw new Error(regenerated.error.message);
    expect(regenerated.value.secret).not.toBe(created.value.secret);
    const { rows } = await run<{ entry: string }>(t.db, sql`select row_to_json(e)::text as entry from audit_entries e where application_id = ${app.id}`);
    expect(rows.map((r) => r.entry).join()).not.toContain(regenerated.value.secret!);
    expect(await sendTestEvent(admin, (await insertApplication(t.db, 'target')).slug)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
