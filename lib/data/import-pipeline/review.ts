import 'server-only';
import { sql } from 'drizzle-orm';
import type { ImportCounts } from '@/db/schema';
import { run } from '@/db/sql';
import type { ImportStatus } from '@/lib/enums';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import { authorizeForApplication } from '../actor';
import { lockApplication } from '../applications';
import { writeAudit } from '../audit';
import type { DataContext } from '../context';
import { applyStaged } from './apply-staged';
import { weighSafeguard } from './plan';
import { describeActor, readOutcome, type ImportOutcome } from './run-import';

type Reviewable = { id: string; application_id: string; slug: string; status: ImportStatus; dry_run: boolean; counts: ImportCounts | null; safeguard_threshold: number };

async function loadForReview(ctx: DataContext, importId: string): Promise<Reviewable> {
  const { rows } = await run<Reviewable>(
    ctx.db,
    sql`select i.id, i.application_id, a.slug, i.status, i.dry_run, i.counts, a.safeguard_threshold
        from imports i join applications a on a.id = i.application_id where i.id = ${importId}`,
  );
  const found = rows[0];
  if (!found) throw new AppFailure({ code: 'not_found', message: 'There is no such import.' });
  await authorizeForApplication(ctx.db, ctx.actor, found.application_id, 'admin');
  return found;
}

function assertReviewable(found: Pick<Reviewable, 'status' | 'dry_run'>): void {
  if (found.dry_run) throw new AppFailure({ code: 'invalid', message: 'A dry run only shows what a feed would do; upload the feed again to apply it.' });
  if (found.status !== 'staged' && found.status !== 'held') {
    throw new AppFailure({ code: 'conflict', message: `This import is ${found.status === 'discarded' ? 'discarded' : 'no longer awaiting review'}; nothing was changed.` });
  }
}

/**
 * Applies a staged (previewed) or held import in one transaction. The plan is counted again against
 * the accounts as they are now; if the safeguard trips, the import is held unless the admin overrides
 * it, and an override is audited.
 */
export async function applyImport(ctx: DataContext, importId: string, options: { overrideSafeguard?: boolean } = {}): Promise<Result<ImportOutcome>> {
  return catchFailure(async () => {
    const found = await loadForReview(ctx, importId);
    assertReviewable(found);
    const actor = describeActor(ctx);
    const held = await ctx.db.transaction(async (tx) => {
      const app = await lockApplication(tx, found.slug);
      const { rows } = await run<{ status: ImportStatus; dry_run: boolean }>(tx, sql`select status, dry_run from imports where id = ${importId} for update`);
      assertReviewable(rows[0]!);
      const staged = found.counts!;
      const { reason } = await weighSafeguard(tx, app, importId, staged);
      if (reason && !options.overrideSafeguard) {
        await run(tx, sql`update imports set status = 'held', hold_reason = ${reason} where id = ${importId}`);
        return reason;
      }
      await applyStaged(tx, app, importId, staged, () => {});
      if (reason) await run(tx, sql`update imports set hold_reason = ${reason}, overridden_by = ${actor} where id = ${importId}`);
      await writeAudit(tx, {
        actor,
        action: reason ? 'import.override_safeguard' : 'import.apply',
        applicationId: app.id,
        subjectType: 'import',
        subjectId: importId,
        summary: reason ? `Applied an import the safeguard held: ${reason}` : 'Applied a reviewed import',
        before: { status: found.status },
      });
      return null;
    });
    if (held) throw new AppFailure({ code: 'safeguard', message: held });
    return readOutcome(ctx.db, importId);
  });
}

/** Discards a staged or held import: nothing of it is ever applied, and its staged rows are dropped. */
export async function discardImport(ctx: DataContext, importId: string): Promise<Result<{ id: string }>> {
  return catchFailure(async () => {
    const found = await loadForReview(ctx, importId);
    return ctx.db.transaction(async (tx) => {
      const { rows } = await run<{ status: ImportStatus; dry_run: boolean }>(tx, sql`select status, dry_run from imports where id = ${importId} for update`);
      const current = rows[0]!;
      if (current.status !== 'staged' && current.status !== 'held') {
        throw new AppFailure({ code: 'conflict', message: 'This import is no longer awaiting review; nothing was changed.' });
      }
      await run(tx, sql`update imports set status = 'discarded', finished_at = clock_timestamp() where id = ${importId}`);
      await run(tx, sql`delete from import_rows where import_id = ${importId}`);
      await writeAudit(tx, {
        actor: describeActor(ctx),
        action: 'import.discard',
        applicationId: found.application_id,
        subjectType: 'import',
        subjectId: importId,
        summary: 'Discarded an import without applying it',
        before: { status: current.status },
      });
      return { id: importId };
    });
  });
}
