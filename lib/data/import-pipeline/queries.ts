import 'server-only';
import { sql } from 'drizzle-orm';
import type { ImportCounts } from '@/db/schema';
import type { ImportStatus } from '@/lib/enums';
import { byteaAsBase64, fromBase64, run } from '@/db/sql';
import { authorize, authorizeForApplication } from '../actor';
import type { DataContext } from '../context';
import { addedAccounts } from './apply';

export type ImportListItem = {
  id: string;
  applicationId: string;
  applicationSlug: string;
  applicationName: string;
  status: ImportStatus;
  trigger: 'upload' | 'api' | 'schedule' | 'manual';
  actor: string;
  format: string;
  fileName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  counts: ImportCounts | null;
  error: string | null;
  rowsDone: number;
  rowsTotal: number | null;
  /** why the safeguard held it (and, when applied anyway, who overrode it) */
  holdReason: string | null;
  dryRun: boolean;
  overriddenBy: string | null;
};

const selectImport = sql`
  select i.id, i.application_id as "applicationId", a.slug as "applicationSlug", a.name as "applicationName", i.status, i.trigger, i.actor, i.format,
         f.file_name as "fileName", i.created_at as "createdAt", i.started_at as "startedAt", i.finished_at as "finishedAt",
         (extract(epoch from (i.finished_at - i.started_at)) * 1000)::int as "durationMs",
         i.counts, i.error, i.rows_done as "rowsDone", i.rows_total as "rowsTotal",
         i.hold_reason as "holdReason", i.dry_run as "dryRun", i.overridden_by as "overriddenBy"
  from imports i join applications a on a.id = i.application_id left join feeds f on f.id = i.feed_id`;

function toItem(row: ImportListItem): ImportListItem {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...row, createdAt: new Date(row.createdAt), startedAt: date(row.startedAt), finishedAt: date(row.finishedAt) };
}

/** Every import, newest first; of one application when a slug is given. */
export async function listImports(
  ctx: DataContext,
  filter: { applicationSlug?: string; status?: ImportListItem['status'][]; trigger?: ImportListItem['trigger'][]; page?: number; pageSize?: number } = {},
): Promise<{ imports: ImportListItem[]; total: number }> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const pageSize = Math.min(Math.max(filter.pageSize ?? 25, 1), 200);
  const offset = (Math.max(filter.page ?? 1, 1) - 1) * pageSize;
  const conditions = [
    filter.applicationSlug ? sql`a.slug = ${filter.applicationSlug}` : undefined,
    filter.status?.length ? sql`i.status = any(${sql.param(filter.status)}::text[]::import_status[])` : undefined,
    filter.trigger?.length ? sql`i.trigger = any(${sql.param(filter.trigger)}::text[]::import_trigger[])` : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const [list, total] = await Promise.all([
    run<ImportListItem>(ctx.db, sql`${selectImport} ${where} order by i.created_at desc, i.id desc limit ${pageSize} offset ${offset}`),
    run<{ n: number }>(ctx.db, sql`select count(*)::int as n from imports i join applications a on a.id = i.application_id ${where}`),
  ]);
  return { imports: list.rows.map(toItem), total: total.rows[0]?.n ?? 0 };
}

/** One import; an upload token may read the imports of its own application only. */
export async function getImport(ctx: DataContext, importId: string): Promise<ImportListItem | null> {
  const { rows } = isUuid(importId) ? await run<ImportListItem>(ctx.db, sql`${selectImport} where i.id = ${importId}`) : { rows: [] };
  const found = rows[0];
  if (!found) {
    if (ctx.actor.kind !== 'token') await authorize(ctx.db, ctx.actor, 'viewer');
    return null;
  }
  await authorizeForApplication(ctx.db, ctx.actor, found.applicationId, 'viewer');
  return toItem(found);
}

export type ImportLogLine = { id: number; row: number | null; field: string | null; level: 'info' | 'warning' | 'error'; message: string };

export async function listImportLogs(
  ctx: DataContext,
  importId: string,
  filter: { level?: 'info' | 'warning' | 'error'; page?: number; pageSize?: number } = {},
): Promise<{ lines: ImportLogLine[]; total: number; byLevel: Record<string, number> }> {
  await authorizeForImport(ctx, importId);
  const pageSize = Math.min(Math.max(filter.pageSize ?? 100, 1), 500);
  const offset = (Math.max(filter.page ?? 1, 1) - 1) * pageSize;
  const level = filter.level ? sql`and level = ${filter.level}` : sql``;
  const [lines, levels] = await Promise.all([
    run<ImportLogLine>(
      ctx.db,
      sql`select id, row, field, level, message from import_logs where import_id = ${importId} ${level}
          order by row nulls first, id limit ${pageSize} offset ${offset}`,
    ),
    run<{ level: string; n: number }>(ctx.db, sql`select level, count(*)::int as n from import_logs where import_id = ${importId} group by level`),
  ]);
  const byLevel = Object.fromEntries(levels.rows.map((r) => [r.level, r.n]));
  const total = filter.level ? (byLevel[filter.level] ?? 0) : levels.rows.reduce((sum, r) => sum + r.n, 0);
  return { lines: lines.rows.map((l) => ({ ...l, id: Number(l.id) })), total, byLevel };
}

export type ImportChange = {
  id: number;
  accountId: string | null;
  key: string;
  kind: 'add' | 'update' | 'remove' | 'restore';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/**
 * One import's per-account changes, paged: its adds first (derived, see addedAccounts; in key order),
 * then the recorded updates, restores and removals in the order they were written.
 */
export async function listImportChanges(
  ctx: DataContext,
  importId: string,
  filter: { kind?: ImportChange['kind']; page?: number; pageSize?: number } = {},
): Promise<{ changes: ImportChange[]; total: number }> {
  await authorizeForImport(ctx, importId);
  if (!isUuid(importId)) return { changes: [], total: 0 };
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
  const offset = (Math.max(filter.page ?? 1, 1) - 1) * pageSize;
  const kind = filter.kind ? sql`and kind = ${filter.kind}` : sql``;
  const addCount = !filter.kind || filter.kind === 'add' ? await derivedAddCount(ctx, importId) : 0;
  const addLimit = Math.max(0, Math.min(pageSize, addCount - offset));
  const [adds, recorded, recordedTotal] = await Promise.all([
    addLimit > 0
      ? run<ImportChange>(
          ctx.db,
          sql`select -d.row as id, d.account_id as "accountId", d.key, 'add' as kind, null as before, d.after
              from (${addedAccounts(importId)}) d order by d.key limit ${addLimit} offset ${offset}`,
        )
      : { rows: [] },
    addLimit < pageSize
      ? run<ImportChange>(
          ctx.db,
          sql`select id, account_id as "accountId", key, kind, before, after from import_changes
              where import_id = ${importId} ${kind} order by id limit ${pageSize - addLimit} offset ${Math.max(0, offset - addCount)}`,
        )
      : { rows: [] },
    run<{ n: number }>(ctx.db, sql`select count(*)::int as n from import_changes where import_id = ${importId} ${kind}`),
  ]);
  return {
    changes: [...adds.rows, ...recorded.rows].map((c) => ({ ...c, id: Number(c.id) })),
    total: addCount + (recordedTotal.rows[0]?.n ?? 0),
  };
}

/** How many adds an applied import made that are derived rather than recorded: its final count of added accounts. */
async function derivedAddCount(ctx: DataContext, importId: string): Promise<number> {
  const { rows } = await run<{ n: number }>(
    ctx.db,
    sql`select coalesce((i.counts->>'accountsAdded')::int, 0) as n from imports i
        where i.id = ${importId} and i.status in ('succeeded', 'partial')
          and not exists (select 1 from import_changes c where c.import_id = i.id and c.kind = 'add')`,
  );
  return rows[0]?.n ?? 0;
}

/** The original bytes of the feed an import processed, for "download the original". */
export async function getImportFeed(
  ctx: DataContext,
  importId: string,
): Promise<{ content: Uint8Array; fileName: string; format: string } | null> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  if (!isUuid(importId)) return null;
  const { rows } = await run<{ content: string; file_name: string | null; format: string; slug: string }>(
    ctx.db,
    sql`select ${byteaAsBase64(sql`f.content`)} as content, f.file_name, f.format, a.slug from imports i join feeds f on f.id = i.feed_id
        join applications a on a.id = i.application_id where i.id = ${importId}`,
  );
  const feed = rows[0];
  if (!feed) return null;
  const extension = { csv: 'csv', tsv: 'tsv', json: 'json', jsonl: 'jsonl', 'xml-children': 'xml', 'xml-attributes': 'xml' }[feed.format] ?? 'txt';
  return { content: fromBase64(feed.content), fileName: feed.file_name ?? `${feed.slug}-${importId}.${extension}`, format: feed.format };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Viewer-level read of one import's details: an upload token only for its own application's imports. */
async function authorizeForImport(ctx: DataContext, importId: string): Promise<void> {
  if (ctx.actor.kind !== 'token') {
    await authorize(ctx.db, ctx.actor, 'viewer');
    return;
  }
  const { rows } = isUuid(importId) ? await run<{ application_id: string }>(ctx.db, sql`select application_id from imports where id = ${importId}`) : { rows: [] };
  await authorizeForApplication(ctx.db, ctx.actor, rows[0]?.application_id ?? '00000000-0000-0000-0000-000000000000', 'viewer');
}
