import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, fail, type Result } from '@/lib/errors';
import { newWebhookSecret } from '@/lib/webhooks/sign';
import { wakeDeliveryWorker } from '@/lib/webhooks/worker';
import { authorize } from '../actor';
import { writeAudit } from '../audit';
import type { DataContext } from '../context';
import { findApplication } from '../sync-configs';

/** An application's webhook endpoint as the browser may see it: never the secret itself. */
export type WebhookEndpointView = {
  applicationId: string;
  url: string;
  enabled: boolean;
  maxAttempts: number;
  allowPrivateNetwork: boolean;
  /** the last four characters, so an admin can tell which secret a receiver holds */
  secretHint: string;
  version: number;
  updatedAt: Date;
};

/** A save that made a new secret returns it, once. */
export type SavedEndpoint = { endpoint: WebhookEndpointView; secret: string | null };

export const maxAttemptsLimit = 20;

export const webhookEndpointInputSchema = z
  .object({
    url: z.string().trim().min(1, 'Enter the URL events are sent to.').max(2048, 'The URL can have at most 2,048 characters.'),
    enabled: z.boolean(),
    maxAttempts: z
      .number({ message: 'Enter a number of attempts.' })
      .int('Enter a whole number of attempts.')
      .min(1, 'At least 1 attempt.')
      .max(maxAttemptsLimit, `At most ${maxAttemptsLimit} attempts.`),
    allowPrivateNetwork: z.boolean(),
    /** absent to create, the version read to change */
    version: z.number().int().positive().optional(),
  })
  .superRefine((input, issues) => {
    const problem = webhookUrlProblem(input.url, input.allowPrivateNetwork);
    if (problem) issues.addIssue({ code: 'custom', path: ['url'], message: problem });
  });

export type WebhookEndpointInput = z.input<typeof webhookEndpointInputSchema>;

function webhookUrlProblem(text: string, allowPrivateNetwork: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL, e.g. https://crm.example.com/concord/events.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an https:// URL.';
  if (url.protocol === 'http:' && !allowPrivateNetwork) {
    return "Use an https:// URL. Plain http is only allowed together with 'Allow private network addresses'.";
  }
  if (url.username || url.password) return 'A webhook URL cannot carry a user name or password; receivers check the signature instead.';
  return null;
}

type EndpointRow = Omit<WebhookEndpointView, 'updatedAt' | 'maxAttempts' | 'version'> & { updatedAt: string | Date; maxAttempts: number | string; version: number | string };

async function readEndpoint(db: Executor, applicationId: string): Promise<WebhookEndpointView | null> {
  const { rows } = await run<EndpointRow>(
    db,
    sql`select application_id as "applicationId", url, enabled, max_attempts as "maxAttempts", allow_private_network as "allowPrivateNetwork",
               right(secret, 4) as "secretHint", version, updated_at as "updatedAt"
        from webhook_endpoints where application_id = ${applicationId}`,
  );
  const row = rows[0];
  return row ? { ...row, maxAttempts: Number(row.maxAttempts), version: Number(row.version), updatedAt: new Date(row.updatedAt) } : null;
}

/** An audit entry about an application's webhook (endpoint, secret, redelivery, test event). */
export function auditWebhook(
  tx: Executor,
  actor: string,
  app: { id: string },
  action: string,
  summary: string,
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  return writeAudit(tx, { actor, action, applicationId: app.id, subjectType: 'application', subjectId: app.id, summary, ...change });
}

/** What the audit log keeps of an endpoint: everything but the secret. */
const auditable = ({ url, enabled, maxAttempts, allowPrivateNetwork }: WebhookEndpointView) => ({ url, enabled, maxAttempts, allowPrivateNetwork });

async function lockEndpoint(tx: Executor, app: { id: string; name: string }, version: number): Promise<WebhookEndpointView> {
  await run(tx, sql`select 1 from webhook_endpoints where application_id = ${app.id} for update`);
  const endpoint = await readEndpoint(tx, app.id);
  if (!endpoint) throw new AppFailure({ code: 'not_found', message: `${app.name} has no webhook endpoint any more. Reload the page.` });
  if (endpoint.version !== version) {
    throw new AppFailure({ code: 'conflict', message: 'Someone else changed this webhook endpoint meanwhile. Reload to see their change.' });
  }
  return endpoint;
}

/** The application's endpoint, or null. Viewers may read it (without the secret). */
export async function getWebhookEndpoint(ctx: DataContext, slug: string): Promise<WebhookEndpointView | null> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const app = await findApplication(ctx.db, slug);
  return readEndpoint(ctx.db, app.id);
}

/**
 * Creates (no `version`: a new secret is made and returned once) or changes the endpoint. Enabling
 * it wakes the worker: the events that waited while there was none go out now.
 */
export async function saveWebhookEndpoint(ctx: DataContext, slug: string, input: WebhookEndpointInput): Promise<Result<SavedEndpoint>> {
  const parsed = webhookEndpointInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('invalid', issue.message, { field: issue.path.map(String).join('.') });
  }
  const change = parsed.data;
  const result = await catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      if (change.version === undefined) {
        const secret = newWebhookSecret();
        const inserted = await run(
          tx,
          sql`insert into webhook_endpoints (application_id, url, secret, enabled, max_attempts, allow_private_network)
              values (${app.id}, ${change.url}, ${secret}, ${change.enabled}, ${change.maxAttempts}, ${change.allowPrivateNetwork})
              on conflict (application_id) do nothing`,
        );
        if (inserted.rowCount === 0) {
          throw new AppFailure({ code: 'conflict', message: `${app.name} already has a webhook endpoint (someone saved one meanwhile). Reload the page.` });
        }
        const endpoint = (await readEndpoint(tx, app.id))!;
        await auditWebhook(tx, who.label, app, 'webhook.create', `Set ${app.name}'s webhook endpoint to ${change.url}`, { after: auditable(endpoint) });
        return { endpoint, secret };
      }
      const before = await lockEndpoint(tx, app, change.version);
      await run(
        tx,
        sql`update webhook_endpoints set url = ${change.url}, enabled = ${change.enabled}, max_attempts = ${change.maxAttempts},
              allow_private_network = ${change.allowPrivateNetwork}, version = version + 1, updated_at = now()
            where application_id = ${app.id}`,
      );
      const endpoint = (await readEndpoint(tx, app.id))!;
      await auditWebhook(tx, who.label, app, 'webhook.update', `Changed ${app.name}'s webhook endpoint`, { before: auditable(before), after: auditable(endpoint) });
      return { endpoint, secret: null };
    }),
  );
  if (result.ok && result.value.endpoint.enabled) wakeDeliveryWorker();
  return result;
}

/** A new secret, returned once; deliveries from now on are signed with it. */
export async function regenerateWebhookSecret(ctx: DataContext, slug: string, version: number): Promise<Result<SavedEndpoint>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      await lockEndpoint(tx, app, version);
      const secret = newWebhookSecret();
      await run(tx, sql`update webhook_endpoints set secret = ${secret}, version = version + 1, updated_at = now() where application_id = ${app.id}`);
      await auditWebhook(tx, who.label, app, 'webhook.secret', `Regenerated the secret of ${app.name}'s webhook endpoint`);
      return { endpoint: (await readEndpoint(tx, app.id))!, secret };
    }),
  );
}
