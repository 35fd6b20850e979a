import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { ImportCounts } from '@/db/schema';
import { run } from '@/db/sql';
import type { MatchingRule } from '@/lib/matching/rules';
import { evaluateEntitlements } from '../entitlements';
import { rematchApplication, rematchForIdentities } from '../matching';
import { foldFacetDeltas } from '../facet-counts';
import { applyAccountDiff } from './apply';
import { describeChanges } from './describe-changes';
import { createSourceIdentities, leaverRule, syncSourceIdentities } from './source-identities';
import { validRows } from './plan';
import type { Lap, StagedFeed } from './stage-feed';

export type ApplyingApplication = { id: string; role: 'source' | 'target'; matchingRules: MatchingRule[] };

// After many rows changed, fresh statistics for the statements that follow in this transaction: only
// the columns their joins and filters use. A full ANALYZE also samples the search and label index
// expressions and costs three to four times as much (650 ms against 280 at 200,000 accounts); it is
// left to autovacuum, or on PGlite to the worker's upkeep (a column list does not reset the count of
// changed rows that either goes by).
const analyzeAccounts = sql`analyze accounts (application_id, key, status, situation, link_status, linked_identity_id,
  first_seen_import_id, last_changed_import_id, norm_email, norm_username, norm_employee_id, norm_display_name)`;
const analyzeIdentities = sql`analyze identities (id, status, source_application_id, norm_email, norm_username, norm_employee_id, norm_display_name)`;

/**
 * Phase two of an import, inside the caller's transaction (the application row locked): diffs the
 * staged rows against the accounts and applies them, synchronises identities (sources) or matches
 * (targets), and records the final counts and status. All of it commits together or not at all.
 */
export async function applyStaged(tx: Executor, app: ApplyingApplication, importId: string, staged: StagedFeed, lap: Lap): Promise<ImportCounts> {
  // Room for the hash joins and aggregates of a 100,000-row diff and match to stay in memory (the default
  // 4 MB spills them to disk); for this transaction only.
  await run(tx, sql`set local work_mem = '64MB'`);
  await run(tx, sql`update imports set status = 'running', started_at = coalesce(started_at, now()) where id = ${importId}`);
  const leavers = app.role === 'source' ? await leaverRule(tx, app.id) : null;
  const createdIds = app.role === 'source' ? await createSourceIdentities(tx, app.id, importId, leavers) : [];
  if (createdIds.length > 1000) await run(tx, analyzeIdentities);
  lap('identities');
  const diff = await applyAccountDiff(tx, app, importId, staged.read?.rowsStaged === 0 && staged.read.accountsUnrepeated === 0);
  if (diff.added + diff.updated + diff.removed + diff.restored > 1000) await run(tx, analyzeAccounts);
  lap('diff');
  const identities =
    app.role === 'source'
      ? await syncSourceIdentities(tx, app.id, importId, createdIds.length, leavers)
      : { created: 0, updated: 0, blocked: 0, unblocked: 0, conflicts: 0, updatedBefore: [] };
  // Their groups and attributes may have changed: entitlement rules are re-evaluated for them (issue 5).
  if (app.role === 'source') await evaluateEntitlements(tx, { kind: 'import', applicationId: app.id, importId });
  lap('identities');
  if (app.role === 'source') {
    // Identities created or updated: the target accounts that may have matched them before or may match
    // them now are re-matched (blocking and unblocking change no match: status is not compared).
    const changedIds = [...createdIds, ...identities.updatedBefore.map((before) => before.id)];
    await rematchForIdentities(tx, changedIds, identities.updatedBefore);
  } else {
    // New accounts were matched as they were inserted; re-match the updated and restored ones (if any:
    // finding them is a scan of the application's accounts).
    if (diff.updated + diff.restored > 0) {
      await rematchApplication(tx, app.id, app.matchingRules, sql`a.last_changed_import_id = ${importId} and a.first_seen_import_id is distinct from ${importId}`);
    }
  }
  // The statements above left facet deltas for the table's counts; fold them while the application is locked.
  await foldFacetDeltas(tx, app.id);
  lap('match');

  const valid = validRows(staged);
  const warnings = staged.warnings + identities.conflicts;
  const counts: ImportCounts = {
    rowsTotal: staged.rowsTotal,
    rowsRejected: staged.rowsRejected,
    rowsIgnored: staged.rowsIgnored,
    accountsAdded: diff.added,
    accountsUpdated: diff.updated,
    accountsRemoved: diff.removed,
    accountsRestored: diff.restored,
    accountsUnchanged: valid - diff.added - diff.updated - diff.restored,
    identitiesCreated: identities.created,
    identitiesUpdated: identities.updated,
    identitiesBlocked: identities.blocked,
    identitiesUnblocked: identities.unblocked,
    warnings,
    errors: staged.rowsRejected + staged.rowsIgnored,
  };
  const status = counts.errors + counts.warnings > 0 ? 'partial' : 'succeeded';
  await run(
    tx,
    sql`update imports set status = ${status}, counts = ${JSON.stringify(counts)}::jsonb, finished_at = clock_timestamp(),
               lease_owner = null, lease_expires_at = null
        where id = ${importId}`,
  );
  await auditApplied(tx, importId, counts);
  lap('record');
  return counts;
}

/**
 * The audit log's entry for an applied import that changed anything, whoever or whatever started it
 * (an upload, the upload API, a scheduled pull): by the import's actor, with its counts.
 */
async function auditApplied(tx: Executor, importId: string, counts: ImportCounts): Promise<void> {
  const summary = describeChanges(counts);
  if (!summary) return;
  await run(
    tx,
    sql`insert into audit_entries (actor, action, application_id, subject_type, subject_id, summary, after)
        select i.actor, 'import.applied', i.application_id, 'import', i.id,
               'Applied a feed (' || i.trigger || '): ' || ${summary}, ${JSON.stringify(counts)}::jsonb
        from imports i where i.id = ${importId}`,
  );
}
