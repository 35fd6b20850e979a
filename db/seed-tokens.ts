import { registerDemoToken } from '@/lib/data/tokens';
import { env } from '@/lib/env';
import type { Executor } from './client';
import { demoApplications } from './demo-data';

/**
 * For `npm run demo`: when `CONCORD_DEMO_TOKEN` is set, registers it as an upload token ("Demo token")
 * of each demo application, so the README's upload script works as written. Idempotent, and run on
 * every start (not only the first seed), so the variable can be added to an existing demo; a token an
 * admin revoked stays revoked. Returns the slugs registered just now.
 */
export async function seedDemoTokens(
  db: Executor,
  options: { token?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const token = options.token ?? env().CONCORD_DEMO_TOKEN;
  if (!token) return [];
  const slugs = [demoApplications.hr.slug, demoApplications.crm.slug];
  const registered = await registerDemoToken(db, token, slugs);
  options.log?.(
    registered.length > 0
      ? `CONCORD_DEMO_TOKEN registered as the upload token "Demo token" of: ${registered.join(', ')}`
      : `CONCORD_DEMO_TOKEN already registered for: ${slugs.join(', ')}`,
  );
  return registered;
}
