import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, fail, type Result } from '@/lib/errors';
import { wakeDeliveryWorker } from '@/lib/webhooks/worker';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { refreshOutboxStatistics } from './deliveries/deliver';
import { findApplication } from './sync-configs';

/**
 * "Sync to applications" (seed 000): sends an `identity.sync` event carrying the identity's current
 * data and assignment to every application it is assigned to (active or suspended) — for one
 * identity, a selection, or all identities, to one application or all of them. Set-based: one
 * INSERT … SELECT whatever the number. Only assigned identities are ever sent to an application.
 */
export const syncEventType = 'identity.sync';

/** The most identities a selection may name; beyond that, sync all. */
export const maxSyncSelection = 10_000;

export const syncScopeSchema = z.object({
  /** 'all', or the ids of the chosen identities */
  identities: z.union([
    z.literal('all'),
    z
      .array(z.uuid('An identity id is not valid.'))
      .min(1, 'Choose at least one identity.')
      .max(maxSyncSelection, `Choose at most ${maxSyncSelection.toLocaleString('en')} identities, or sync all.`),
  ]),
  /** an application's slug, or null for every application */
  application: z.string().trim().min(1).max(200).nullable(),
});

export type SyncScope = z.input<typeof syncScopeSchema>;

export type SyncPreview = { events: number; identities: number; applications: number };

function parseScope(scope: SyncScope): Result<z.output<typeof syncScopeSchema>> {
  const parsed = syncScopeSchema.safeParse(scope);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return fail('invalid', issue.message, { field: issue.path.map(String).join('.') });
}

/** Which assignments (`s`) a scope reaches, as a condition. */
async function scopeCondition(db: Executor, scope: z.output<typeof syncScopeSchema>): Promise<SQL> {
  const application = scope.application === null ? sql`true` : sql`s.application_id = ${(await findApplication(db, scope.application)).id}`;
  const identities = scope.identities === 'all' ? sql`true` : sql`s.identity_id = any(${`{${scope.identities.join(',')}}`}::uuid[])`;
  return sql`${application} and ${identities}`;
}

async function countScope(db: Executor, condition: SQL): Promise<SyncPreview> {
  const { rows } = await run<SyncPreview>(
    db,
    sql`select count(*)::int as events, count(distinct s.identity_id)::int as identities, count(distinct s.application_id)::int as applications
        from assignments s where ${condition}`,
  );
  const row = rows[0]!;
  return { events: Number(row.events), identities: Number(row.identities), applications: Number(row.applications) };
}

/** How many events a sync would send (the number "Sync all" asks the admin to confirm). */
export async function previewSync(ctx: DataContext, scope: SyncScope): Promise<Result<SyncPreview>> {
  const parsed = parseScope(scope);
  if (!parsed.ok) return parsed;
  return catchFailure(async () => {
    await authorize(ctx.db, ctx.actor, 'admin');
    return countScope(ctx.db, await scopeCondition(ctx.db, parsed.value));
  });
}

/** Events written per statement; between two, the process yields so embedded PGlite keeps answering the console. */
const defaultChunkSize = 5_000;

type ChunkRow = { events: number; identities: number; firstIdentity: string | null; lastIdentity: string | null; lastApplication: string | null; applications: string[] | null };

/** Writes the sync events of up to `size` assignments after `after` (in identity, application order). */
async function writeSyncChunk(db: Executor, condition: SQL, after: { identity: string; application: string } | null, size: number): Promise<ChunkRow> {
  const afterCondition = after ? sql`(s.identity_id, s.application_id) > (${after.identity}::uuid, ${after.application}::uuid)` : sql`true`;
  const { rows } = await run<ChunkRow>(
    db,
    sql`with batch as (
          select s.identity_id, s.application_id from assignments s
          where ${condition} and ${afterCondition}
          order by s.identity_id, s.application_id
          limit ${size}
        ),
        sent as (
          insert into outbox_events (application_id, identity_id, type, payload)
          select s.application_id, s.identity_id, ${syncEventType},
                 jsonb_build_object('identity', concord_identity_json(i), 'assignment', concord_assignment_json(s), 'changes', null)
          from batch b
          join assignments s on s.identity_id = b.identity_id and s.application_id = b.application_id
          join identities i on i.id = b.identity_id
          order by b.identity_id, b.application_id
          returning application_id, identity_id
        ),
        edges as (
          select (select identity_id from batch order by identity_id, application_id limit 1) as first_identity,
                 last.identity_id as last_identity, last.application_id as last_application
          from (select identity_id, application_id from batch order by identity_id desc, application_id desc limit 1) last
        )
        select count(sent.*)::int as events, count(distinct sent.identity_id)::int as identities,
               (select first_identity from edges) as "firstIdentity", (select last_identity from edges) as "lastIdentity",
               (select last_application from edges) as "lastApplication", to_json(array_agg(distinct sent.application_id)) as applications
        from sent`,
  );
  return rows[0]!;
}

/**
 * Writes the events, in chunks so that syncing 100,000 identities never holds the database for long;
 * a sync stopped half-way has sent some identities and can simply be run again (receivers
 * de-duplicate by event id, and a sync event carries the current state). Syncing all identities is
 * heavy (seed 000), so it needs `confirmedEvents`: the number the admin was shown. Should more events
 * be due meanwhile, it refuses, giving the new number.
 */
export async function syncToApplications(
  ctx: DataContext,
  scope: SyncScope,
  confirmedEvents?: number,
  chunkSize = defaultChunkSize,
): Promise<Result<SyncPreview>> {
  const parsed = parseScope(scope);
  if (!parsed.ok) return parsed;
  const result = await catchFailure(async () => {
    const who = await authorize(ctx.db, ctx.actor, 'admin');
    const condition = await scopeCondition(ctx.db, parsed.value);
    if (parsed.value.identities === 'all') {
      const preview = await countScope(ctx.db, condition);
      if (confirmedEvents === undefined || preview.events > confirmedEvents) {
        throw new AppFailure({
          code: 'conflict',
          field: 'confirmedEvents',
          message: `Syncing all identities sends ${preview.events.toLocaleString('en')} events. Confirm that number to go ahead.`,
        });
      }
    }
    const sent = { events: 0, identities: 0, applications: 0 };
    const applications = new Set<string>();
    let after: { identity: string; application: string } | null = null;
    for (;;) {
      const chunk = await writeSyncChunk(ctx.db, condition, after, chunkSize);
      if (Number(chunk.events) === 0 || !chunk.lastIdentity || !chunk.lastApplication) break;
      sent.events += Number(chunk.events);
      // An identity whose assignments straddle two chunks is counted once.
      sent.identities += Number(chunk.identities) - (after && chunk.firstIdentity === after.identity ? 1 : 0);
      for (const id of chunk.applications ?? []) applications.add(id);
      after = { identity: chunk.lastIdentity, application: chunk.lastApplication };
      await new Promise((resolve) => setImmediate(resolve));
    }
    sent.applications = applications.size;
    // Fresh statistics keep the delivery worker's claim on its index (embedded PGlite has no autovacuum).
    if (sent.events > 1000) await refreshOutboxStatistics(ctx.db);
    await writeAudit(ctx.db, {
      actor: who.label,
      action: 'identity.sync',
      applicationId: parsed.value.application === null ? null : (await findApplication(ctx.db, parsed.value.application)).id,
      subjectType: 'identity',
      subjectId: Array.isArray(parsed.value.identities) && parsed.value.identities.length === 1 ? parsed.value.identities[0]! : null,
      summary: `Synced ${describe(sent)} to ${parsed.value.application ?? 'every application'}`,
      after: sent,
    });
    return sent;
  });
  if (result.ok && result.value.events > 0) wakeDeliveryWorker();
  return result;
}

function describe(preview: SyncPreview): string {
  const people = preview.identities === 1 ? '1 identity' : `${preview.identities.toLocaleString('en')} identities`;
  return `${people} (${preview.events.toLocaleString('en')} event${preview.events === 1 ? '' : 's'})`;
}
