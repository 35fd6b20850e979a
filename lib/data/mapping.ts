import 'server-only';
import { sql } from 'drizzle-orm';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, fail, type Result } from '@/lib/errors';
import { validateMapping, type FieldMapping } from '@/lib/feeds';
import { authorize } from './actor';
import { lockApplication } from './applications';
import { writeAudit } from './audit';
import type { DataContext } from './context';

export type MappingChange = { mapping: unknown; version: number };

/**
 * Replaces the application's field mapping (the control file) with one an admin edited or imported.
 * Optimistic: the caller's version must be current. An invalid control file is refused with the problem named.
 */
export async function updateMapping(ctx: DataContext, slug: string, input: MappingChange): Promise<Result<{ version: number }>> {
  return writeMapping(ctx, slug, input.version, () => {
    const checked = validateMapping(input.mapping);
    if (!checked.ok) throw new AppFailure(fail('invalid', `This mapping cannot be used: ${checked.message}.`, { field: 'mapping' }).error);
    return checked.mapping;
  });
}

/** Forgets the mapping: the next feed's header generates one again. */
export async function resetMapping(ctx: DataContext, slug: string, version: number): Promise<Result<{ version: number }>> {
  return writeMapping(ctx, slug, version, () => null);
}

/** Checks the role first (a viewer is refused whatever they send), then the new mapping, then the version. */
function writeMapping(ctx: DataContext, slug: string, version: number, next: () => FieldMapping | null): Promise<Result<{ version: number }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const mapping = next();
      const before = await lockApplication(tx, slug);
      if (before.version !== version) {
        throw new AppFailure({ code: 'conflict', message: 'Someone else changed this application meanwhile. Reload to see their change.' });
      }
      await run(
        tx,
        sql`update applications set mapping = ${mapping === null ? null : JSON.stringify(mapping)}::jsonb,
              version = version + 1, updated_at = now()
            where id = ${before.id}`,
      );
      await writeAudit(tx, {
        actor: who.label,
        action: 'application.mapping',
        applicationId: before.id,
        subjectType: 'application',
        subjectId: before.id,
        summary: mapping === null ? `Reset the mapping of ${before.name}; the next feed's header generates it again` : `Changed the mapping of ${before.name}`,
        before: before.mapping ?? null,
        after: mapping,
      });
      return { version: before.version + 1 };
    }),
  );
}
