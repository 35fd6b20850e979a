/**
 * The 100,000-account scenario on one database: every import goes through runImport, the same code
 * path as an upload; the floor is measured on the same database just before the first accounts feed.
 */
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { run } from '@/db/sql';
import { describeUpkeep, keepEmbeddedTablesUp } from '@/db/upkeep';
import { confirmExactMatches, createUsersForUnmatched, type AccountSelection } from '@/lib/data/bulk-account-actions';
import { createApplication } from '@/lib/data/applications';
import type { DataContext } from '@/lib/data/context';
import type { Result } from '@/lib/errors';
import { runImport, type ImportOutcome } from '@/lib/data/imports';
import { judge, printFigure, type Figure } from './figures';
import { measureFloor, type Floor } from './floor';
import { measureLowerBound } from './lower-bound';
import { manualLinksFigure } from './manual-links';
import { accountFeed, accountFeedLines, hrFeed } from './synthetic';
import { benchTableQueries } from './table-queries';
import { markWrites, writesSince } from './written';

export type ScenarioOptions = { size: number; runs: number };
export type ScenarioResult = { figures: Figure[]; floor: Floor };

const encoder = new TextEncoder();

export const benchActor = { kind: 'system', name: 'bench' } as const;

export async function createBenchApplications(ctx: DataContext, apps: readonly (readonly [string, 'source' | 'target'])[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [slug, role] of apps) {
    const created = await createApplication(ctx, { name: slug.toUpperCase(), slug, role });
    if (!created.ok) throw new Error(created.error.message);
    const { rows } = await run<{ id: string }>(ctx.db, sql`select id from applications where slug = ${slug}`);
    ids.set(slug, rows[0]!.id);
  }
  return ids;
}

/** Runs one import and turns its outcome into a figure (time, phases, counts); throws unless it was applied. */
export async function timedImport(ctx: DataContext, driver: string, slug: string, content: Uint8Array, figure: Omit<Figure, 'driver' | 'value' | 'unit'>): Promise<Figure> {
  const started = performance.now();
  const result = await runImport(ctx, { applicationSlug: slug, content, fileName: `${slug}.csv`, trigger: 'manual' });
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`${figure.label}: ${result.error.message}`);
  if (result.value.status !== 'succeeded' && result.value.status !== 'partial') throw new Error(`${figure.label}: ${result.value.status} ${result.value.error ?? ''}`);
  return { ...figure, driver, value: ms, unit: 'ms', detail: describeOutcome(result.value) };
}

/** Times one bulk action of the reconciliation table and turns it into a figure; throws unless it succeeded. */
async function timedBulkAction<T>(
  driver: string,
  figure: Pick<Figure, 'id' | 'label'>,
  act: () => Promise<Result<T>>,
  describe: (value: T) => string,
): Promise<Figure> {
  const started = performance.now();
  const result = await act();
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`${figure.label}: ${result.error.message}`);
  return { ...figure, driver, value: ms, unit: 'ms', detail: describe(result.value) };
}

export function describeOutcome(outcome: ImportOutcome): string {
  const phases = Object.entries(outcome.phases ?? {})
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
    .join(', ');
  const c = outcome.counts;
  const counts = c
    ? `+${c.accountsAdded} ~${c.accountsUpdated} -${c.accountsRemoved} =${c.accountsUnchanged}` + (c.identitiesCreated ? `, ${c.identitiesCreated} identities created` : '')
    : '';
  return `phases ms: ${phases}; ${counts}`;
}

export async function runScenario(handle: DbHandle, driver: string, options: ScenarioOptions): Promise<ScenarioResult> {
  const ctx: DataContext = { db: handle.db, actor: benchActor };
  const ids = await createBenchApplications(ctx, [['hr', 'source'], ['crm', 'target'], ['half', 'target']]);
  const { size } = options;
  const n = size.toLocaleString('en-US');
  const figures: Figure[] = [];
  const add = (figure: Figure, floor?: Floor) => {
    const judged = judge(figure, floor?.ms);
    figures.push(judged);
    printFigure(judged);
  };

  add(await timedImport(ctx, driver, 'hr', encoder.encode(hrFeed(size)), { id: 'import.hr', label: `HR feed: ${n} identities created (source)` }));

  const floor = await measureFloor(handle.db, () => accountFeedLines(size));
  add({
    driver,
    id: 'floor',
    label: `floor: ${n} rows UNNEST-loaded + one join (median of 3)`,
    value: floor.ms,
    unit: 'ms',
    detail: `load ${floor.loadMs.toFixed(0)} ms + join ${floor.joinMs.toFixed(0)} ms (${floor.matched.toLocaleString('en-US')} matched)`,
  });
  const lower = await measureLowerBound(handle.db, ids.get('crm')!, () => accountFeedLines(size));
  add(
    {
      driver,
      id: 'lower-bound',
      label: "lower bound: same rows into accounts' shape with only its two unique keys",
      value: lower.ms,
      unit: 'ms',
      detail: `${lower.rows.toLocaleString('en-US')} rows (a repeated username once), mapped beforehand; primary key + unique (application_id, key); median of 3`,
    },
    floor,
  );

  const crm = encoder.encode(accountFeed(size));
  add(
    await timedImport(ctx, driver, 'crm', crm, {
      id: 'import.accounts',
      label: `accounts feed: ${n} imported + reconciled`,
      target: { kind: 'floorRatio', max: 3 },
    }),
    floor,
  );

  const marker = await markWrites(handle.db);
  add(await timedImport(ctx, driver, 'crm', crm, { id: 'import.unchanged', label: 'same feed again (unchanged)', target: { kind: 'below', value: 2000 } }), floor);
  const written = await writesSince(handle.db, marker);
  add({
    driver,
    id: 'import.unchanged.written',
    label: 'rows written by the unchanged re-import',
    value: written.accounts! + written.identities!,
    unit: 'rows',
    target: { kind: 'atMost', value: 0 },
    detail: `accounts ${written.accounts}, identities ${written.identities} (row versions newer than the marker, by xmin)`,
  });

  const changed = encoder.encode(accountFeed(size, 1, { changedShare: 0.05, removedShare: 0.01, addedShare: 0.01 }));
  // Updated identities fire the outbox trigger (statement-level, on identities) and re-match the targets.
  add(
    await timedImport(ctx, driver, 'hr', encoder.encode(hrFeed(size, 1, { changedShare: 0.05 })), {
      id: 'import.hr-changes',
      label: 'HR feed with 5 % of people changed (identities updated)',
    }),
    floor,
  );
  add(await timedImport(ctx, driver, 'crm', changed, { id: 'import.changes', label: 'feed with 5 % changed, 1 % removed, 1 % added' }), floor);

  // After every crm import figure, so none of them measures an application with manual links: an
  // admin links 2 % by hand, so that the "Manually linked" query below reads rows.
  add(await manualLinksFigure(handle.db, driver, ids.get('crm')!, 'manual-links'));
  // What the import worker does once the queue is idle: on PGlite, which has no autovacuum, vacuum and
  // analyze the tables the feeds churned (db/upkeep.ts); on Postgres nothing (autovacuum's own time).
  const upkeepStarted = performance.now();
  const upkeep = await keepEmbeddedTablesUp(handle.db);
  if (upkeep.length > 0) {
    add({
      driver,
      id: 'upkeep',
      label: 'embedded upkeep once idle: vacuum + analyze (PGlite has no autovacuum)',
      value: performance.now() - upkeepStarted,
      unit: 'ms',
      detail: describeUpkeep(upkeep),
    });
  }

  for (const figure of await benchTableQueries(ctx, driver, ids.get('crm')!, { runs: options.runs, sizeLabel: compact(size), target: { kind: 'below', value: 50 } })) add(figure);

  const half = (size / 2).toLocaleString('en-US');
  add(await timedImport(ctx, driver, 'half', encoder.encode(accountFeed(Math.round(size / 2))), { id: 'import.half', label: `accounts feed: ${half} (for confirm all)` }), floor);
  const everyone: AccountSelection = { kind: 'filter', q: '', situation: [], status: [] };
  add(
    await timedBulkAction(
      driver,
      { id: 'confirm-all', label: `"Confirm all exact matches" over ${half} accounts` },
      () => confirmExactMatches(ctx, ids.get('half')!, everyone),
      (v) => `${v.confirmed.toLocaleString('en-US')} confirmed, an audit entry each`,
    ),
    floor,
  );
  // The same application's contractors (5 %) and team mailboxes left: users made of them, linked, and
  // matched against every target's accounts.
  add(
    await timedBulkAction(
      driver,
      { id: 'create-users', label: `"Create users for all unmatched" over ${half} accounts` },
      () => createUsersForUnmatched(ctx, ids.get('half')!, everyone),
      (v) =>
        `${v.created.toLocaleString('en-US')} users created and linked of ${v.unmatched.toLocaleString('en-US')} unmatched (${v.usernameTaken.toLocaleString('en-US')} usernames taken)`,
    ),
    floor,
  );
  return { figures, floor };
}

/** 100000 → "100k", 1000000 → "1M". */
export function compact(size: number): string {
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1_000_000}M`;
  if (size >= 1000 && size % 1000 === 0) return `${size / 1000}k`;
  return String(size);
}
