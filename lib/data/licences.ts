import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import { authorize, authorizeForApplication } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';

/*
 * Licences (seed 001). An application may have a licence limit. Assigned identities arrive `invited`;
 * activating one requests a licence: `active` when one is free, else `waiting`, in order of request.
 * Whatever frees a licence (unassign, suspend, deactivate, a higher limit) gives it to the earliest
 * waiting identity in the same transaction. Every change takes the application row's lock first, so
 * concurrent activations are served one at a time in the order they got the lock, which is also the
 * order of their request time (read under the lock).
 */

/** Locks application rows in id order (the one lock order of the access code, so two callers never deadlock). */
export async function lockApplications(tx: Executor, where: SQL): Promise<void> {
  await run(tx, sql`select id from applications where ${where} order by id for update`);
}

/** Gives free licences to the earliest waiting identities of the applications `where` selects (alias ap). */
export async function fillFreeLicences(tx: Executor, where: SQL): Promise<number> {
  const { rowCount } = await run(
    tx,
    sql`with apps as (select ap.id, ap.licence_limit from applications ap where ${where}),
        used as (
          select a.application_id, count(*)::int as n from assignments a
          where a.licence_state = 'active' and a.application_id in (select id from apps) group by a.application_id
        ),
        queue as (
          select a.id, a.application_id,
                 row_number() over (partition by a.application_id order by a.activation_requested_at, a.id) as position
          from assignments a
          where a.licence_state = 'waiting' and a.status = 'active' and a.application_id in (select id from apps)
        )
        update assignments a
        set licence_state = 'active', activated_at = clock_timestamp(), version = a.version + 1, updated_at = now()
        from queue q join apps p on p.id = q.application_id left join used u on u.application_id = q.application_id
        where a.id = q.id and (p.licence_limit is null or q.position <= p.licence_limit - coalesce(u.n, 0))`,
  );
  return rowCount;
}

type LicenceApp = { id: string; name: string; role: 'source' | 'target'; licenceLimit: number | null };

async function lockApplicationBySlug(tx: Executor, slug: string): Promise<LicenceApp> {
  const { rows } = await run<LicenceApp>(
    tx,
    sql`select id, name, role, licence_limit as "licenceLimit" from applications where slug = ${slug} for update`,
  );
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: `There is no application "${slug}".` });
  return rows[0];
}

export const licenceLimitSchema = z.object({
  limit: z
    .number({ error: 'Enter a whole number of licences, or leave it empty for unlimited.' })
    .int('Enter a whole number of licences.')
    .min(0, 'The limit cannot be negative.')
    .max(10_000_000, 'At most 10,000,000 licences.')
    .nullable(),
});

/** Sets (or, with null, removes) an application's licence limit; a higher limit activates waiting identities at once. */
export async function setLicenceLimit(ctx: DataContext, slug: string, input: z.input<typeof licenceLimitSchema>): Promise<Result<{ activated: number }>> {
  const parsed = licenceLimitSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'invalid', message: parsed.error.issues[0]!.message, field: 'limit' } };
  const { limit } = parsed.data;
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await lockApplicationBySlug(tx, slug);
      await run(tx, sql`update applications set licence_limit = ${limit}, updated_at = now() where id = ${app.id}`);
      const activated = await fillFreeLicences(tx, sql`ap.id = ${app.id}`);
      await writeAudit(tx, {
        actor: who.label,
        action: 'licence.limit',
        applicationId: app.id,
        subjectType: 'application',
        subjectId: app.id,
        summary: `Set the licence limit of ${app.name} to ${limit === null ? 'unlimited' : limit}${activated ? `; ${activated} waiting activated` : ''}`,
        before: { licenceLimit: app.licenceLimit },
        after: { licenceLimit: limit },
      });
      return { activated };
    }),
  );
}

const licences = (n: number) => `${n} licence${n === 1 ? '' : 's'}`;

/** One audit entry per licence change: about the identity when there is one, else about the application. */
async function auditLicences(tx: Executor, actor: string, action: string, app: { id: string }, identityIds: string[], summary: string, after?: unknown) {
  const single = identityIds.length === 1;
  await writeAudit(tx, { actor, action, applicationId: app.id, subjectType: single ? 'identity' : 'application', subjectId: single ? identityIds[0] : app.id, summary, after });
}

export type LicenceOutcome = { identityId: string; licenceState: 'invited' | 'waiting' | 'active'; position: number | null };

/** Where each identity stands now: its licence state and, while waiting, its place in the queue (1 = next). */
async function licenceOutcomes(tx: Executor, applicationId: string, identityIds: string[]): Promise<LicenceOutcome[]> {
  const { rows } = await run<LicenceOutcome>(
    tx,
    sql`select q.identity_id as "identityId", q.licence_state as "licenceState", q.position::int as position
        from (
          select a.identity_id, a.licence_state,
                 case when a.licence_state = 'waiting'
                      then row_number() over (partition by a.licence_state = 'waiting' order by a.activation_requested_at, a.id) end as position
          from assignments a where a.application_id = ${applicationId} and a.status = 'active'
        ) q
        where q.identity_id = any(${sql.param(identityIds)}::uuid[])
        order by q.identity_id`,
  );
  return rows;
}

const requestSchema = z.union([
  z.object({ identityId: z.uuid('identityId: not an identity id.') }).strict(),
  z.object({ username: z.string().trim().min(1, 'username: required.').max(200) }).strict(),
]);

/**
 * Requests licences for the given assigned identities (first come, first served). An admin does it
 * from the console; an application does it through the API with its own token. Identities not
 * assigned (or suspended) are refused by name; already active or waiting ones keep their place.
 */
export async function requestLicences(ctx: DataContext, slug: string, identityIds: string[]): Promise<Result<LicenceOutcome[]>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const app = await lockApplicationBySlug(tx, slug);
      const who = await authorizeForApplication(tx, ctx.actor, app.id, 'import');
      const ids = [...new Set(identityIds)];
      if (ids.length === 0) throw new AppFailure({ code: 'invalid', message: 'Choose at least one identity.', field: 'identityIds' });
      const { rows: missing } = await run<{ id: string }>(
        tx,
        sql`select x.id from unnest(${sql.param(ids)}::uuid[]) as x(id)
            where not exists (select 1 from assignments a where a.identity_id = x.id and a.application_id = ${app.id} and a.status = 'active')
            limit 1`,
      );
      if (missing[0]) {
        throw new AppFailure({ code: 'conflict', message: `Identity ${missing[0].id} is not assigned to ${app.name} (or is suspended there): assign it first.`, field: 'identityId' });
      }
      // One statement, so each identity moves (and is announced) once: active while licences are free, else waiting.
      // statement_timestamp() is read after the lock was granted: request times follow the order of service.
      const requested = await run(
        tx,
        sql`with used as (select count(*)::int as n from assignments where application_id = ${app.id} and licence_state = 'active'),
            requests as (
              select a.id, row_number() over (order by a.id) as n from assignments a
              where a.application_id = ${app.id} and a.identity_id = any(${sql.param(ids)}::uuid[]) and a.licence_state = 'invited'
            ),
            decided as (
              select r.id, ${app.licenceLimit}::int is null or r.n <= ${app.licenceLimit}::int - (select n from used) as gets_licence from requests r
            )
            update assignments a
            set licence_state = case when d.gets_licence then 'active'::licence_state else 'waiting'::licence_state end,
                activation_requested_at = statement_timestamp(),
                activated_at = case when d.gets_licence then statement_timestamp() end,
                version = a.version + 1, updated_at = now()
            from decided d where a.id = d.id`,
      );
      const outcomes = await licenceOutcomes(tx, app.id, ids);
      if (requested.rowCount > 0) {
        const active = outcomes.filter((o) => o.licenceState === 'active').length;
        await auditLicences(tx, who.label, 'licence.activate', app, ids, `Requested ${licences(requested.rowCount)} in ${app.name}: ${active} active, ${outcomes.length - active} waiting or invited`, outcomes);
      }
      return outcomes;
    }),
  );
}

/** The application's callback (`POST /api/v1/applications/{slug}/licences/activate`): one identity, by id or username. */
export async function activateFromApplication(ctx: DataContext, slug: string, body: unknown): Promise<Result<LicenceOutcome>> {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid', message: 'Send JSON { "identityId": "<uuid>" } or { "username": "<username>" }.', field: 'body' } };
  }
  // The caller's rights on this application first: a token learns nothing about another application's identities.
  const { rows: apps } = await run<{ id: string }>(ctx.db, sql`select id from applications where slug = ${slug}`);
  if (!apps[0]) return { ok: false, error: { code: 'not_found', message: `There is no application "${slug}".` } };
  const denied = await catchFailure(() => authorizeForApplication(ctx.db, ctx.actor, apps[0]!.id, 'import'));
  if (!denied.ok) return denied;
  let identityId: string;
  if ('identityId' in parsed.data) identityId = parsed.data.identityId;
  else {
    const { rows } = await run<{ id: string }>(
      ctx.db,
      sql`select id from identities where norm_username = lower(btrim(${parsed.data.username})) and norm_username <> ''`,
    );
    if (!rows[0]) return { ok: false, error: { code: 'not_found', message: `No identity has the username "${parsed.data.username}".`, field: 'username' } };
    identityId = rows[0].id;
  }
  const result = await requestLicences(ctx, slug, [identityId]);
  return result.ok ? { ok: true, value: result.value[0]! } : result;
}

/** Takes licences (active or waiting) back to invited; the freed ones go to the earliest waiting. */
export async function deactivateLicences(ctx: DataContext, slug: string, identityIds: string[]): Promise<Result<{ deactivated: number; activated: number }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await lockApplicationBySlug(tx, slug);
      const { rowCount } = await run(
        tx,
        sql`update assignments set licence_state = 'invited', activation_requested_at = null, activated_at = null, version = version + 1, updated_at = now()
            where application_id = ${app.id} and identity_id = any(${sql.param([...new Set(identityIds)])}::uuid[]) and licence_state <> 'invited'`,
      );
      const activated = await fillFreeLicences(tx, sql`ap.id = ${app.id}`);
      if (rowCount > 0) {
        await auditLicences(tx, who.label, 'licence.deactivate', app, identityIds, `Took back ${licences(rowCount)} in ${app.name}${activated ? `; ${activated} waiting activated` : ''}`);
      }
      return { deactivated: rowCount, activated };
    }),
  );
}

export type LicenceSummary = {
  limit: number | null;
  used: number;
  invited: number;
  waiting: { identityId: string; name: string; requestedAt: Date; position: number }[];
  waitingTotal: number;
};

/** Used / limit and the waiting queue in order (the first `queueSize` of it). */
export async function getLicenceSummary(ctx: DataContext, applicationId: string, queueSize = 50): Promise<LicenceSummary> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const [counts, queue] = await Promise.all([
    run<{ limit: number | null; used: number; invited: number; waiting: number }>(
      ctx.db,
      sql`select ap.licence_limit as "limit",
                 count(a.id) filter (where a.licence_state = 'active')::int as used,
                 count(a.id) filter (where a.licence_state = 'invited' and a.status = 'active')::int as invited,
                 count(a.id) filter (where a.licence_state = 'waiting' and a.status = 'active')::int as waiting
          from applications ap left join assignments a on a.application_id = ap.id
          where ap.id = ${applicationId} group by ap.id`,
    ),
    run<{ identityId: string; name: string; requestedAt: string; position: number }>(
      ctx.db,
      sql`select a.identity_id as "identityId", coalesce(i.display_name, i.email, i.username) as name,
                 a.activation_requested_at as "requestedAt",
                 row_number() over (order by a.activation_requested_at, a.id)::int as position
          from assignments a join identities i on i.id = a.identity_id
          where a.application_id = ${applicationId} and a.licence_state = 'waiting' and a.status = 'active'
          order by a.activation_requested_at, a.id limit ${queueSize}`,
    ),
  ]);
  const c = counts.rows[0] ?? { limit: null, used: 0, invited: 0, waiting: 0 };
  return {
    limit: c.limit,
    used: c.used,
    invited: c.invited,
    waiting: queue.rows.map((r) => ({ ...r, requestedAt: new Date(r.requestedAt) })),
    waitingTotal: c.waiting,
  };
}
