import { dataContext } from '@/lib/data/context';
import { env } from '@/lib/env';
import { errorResponse } from '@/lib/http/route-auth';
import { checkCronSecret } from '@/lib/sync/cron-secret';
import { runDueSyncs, scheduleActor } from '@/lib/sync/run-sync';

/**
 * POST /api/cron/due-syncs: runs every scheduled pull that is due, for an external scheduler (a cron
 * job, a platform's cron). `Authorization: Bearer <CRON_SECRET>`; without CRON_SECRET configured the
 * endpoint does not exist (404). Answers `{ ran: [{ application, importId, status, error }] }` once
 * the pulls have run. The in-process scheduler and this endpoint can both run: each due pull is
 * claimed atomically, so it runs once.
 */
export async function POST(request: Request): Promise<Response> {
  const check = checkCronSecret(request.headers.get('authorization'), env().CRON_SECRET);
  if (check === 'disabled') return errorResponse({ code: 'not_found', message: 'There is nothing here.' });
  if (check === 'unauthorized') {
    const response = errorResponse({ code: 'unauthenticated', message: 'Send Authorization: Bearer <CRON_SECRET>.' });
    response.headers.set('WWW-Authenticate', 'Bearer');
    return response;
  }
  const { db } = await dataContext(scheduleActor);
  const ran = await runDueSyncs(db, new Date());
  return Response.json({ ran }, { headers: { 'Cache-Control': 'no-store' } });
}
