import { checkHealth } from '@/lib/data/health';

/** GET /api/health → 200 `{ ok: true, database }`, or 503 with a JSON error. No sign-in: it reveals no data. */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  const headers = { 'Cache-Control': 'no-store' };
  if (health.ok) return Response.json({ ok: true, database: health.database }, { headers });
  return Response.json(
    { ok: false, database: health.database, error: { code: 'unavailable', message: health.message } },
    { status: 503, headers },
  );
}
