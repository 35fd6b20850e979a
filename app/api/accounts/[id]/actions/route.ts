import { z } from 'zod';
import { confirmLink, ignoreAccount, unlinkAccount } from '@/lib/data/account-actions';
import { errorResponse, withAdmin } from '@/lib/http/route-auth';

const bodySchema = z.object({
  action: z.enum(['confirm', 'unlink', 'ignore']),
  version: z.number().int().positive(),
});

const actions = { confirm: confirmLink, unlink: unlinkAccount, ignore: ignoreAccount } as const;

/**
 * The reconciliation table's one-account actions as JSON, for scripts (the load test) that cannot
 * call the page's server actions: `POST { action: "confirm" | "unlink" | "ignore", version }` →
 * `{ accountId, version, situation, linkStatus, linkedIdentityId }`. The same checks as the table:
 * a signed-in admin (re-read from the database), the version the caller saw, one transaction, an
 * audit entry; a concurrent change answers 409 and writes nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withAdmin(request, 'admin', async (ctx) => {
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return errorResponse({ code: 'invalid', message: 'Send the action as JSON (Content-Type: application/json).' });
    }
    const parsed = bodySchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return errorResponse({ code: 'invalid', message: `Expected { action: confirm | unlink | ignore, version }: ${parsed.error.issues[0]!.message}` });
    const result = await actions[parsed.data.action](ctx, { accountId: id, version: parsed.data.version });
    return result.ok ? Response.json(result.value, { headers: { 'Cache-Control': 'no-store' } }) : errorResponse(result.error);
  });
}
