import { describeImportFailure, getImport } from '@/lib/data/imports';
import { withAdmin } from '@/lib/http/route-auth';

/**
 * How far one import has got, for the progress bars of its page and of the upload card (polled every
 * second while it is queued or runs): `{ status, rowsDone, rowsTotal, startedAt }`, and for a failed
 * import `error: { code, message, row?, field? }`. rowsTotal is null until the whole feed has been
 * read. Viewer-level; 404 for an unknown import.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withAdmin(request, 'viewer', async (ctx) => {
    const item = await getImport(ctx, id);
    const headers = { 'Cache-Control': 'no-store' };
    if (!item) return Response.json({ error: { code: 'not_found', message: 'There is no such import.' } }, { status: 404, headers });
    const failure = item.status === 'failed' ? { error: await describeImportFailure(ctx, item) } : {};
    return Response.json(
      { status: item.status, rowsDone: item.rowsDone, rowsTotal: item.rowsTotal, startedAt: item.startedAt?.toISOString() ?? null, ...failure },
      { headers },
    );
  });
}
