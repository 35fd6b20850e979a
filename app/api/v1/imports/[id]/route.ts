import { getImport } from '@/lib/data/imports';
import { withToken } from '@/lib/http/api-auth';
import { errorResponse } from '@/lib/http/route-auth';
import { importJson, noStore } from '@/app/api/v1/_lib/import-json';

/**
 * `GET /api/v1/imports/{id}`: the import as `POST …/feeds` answered it, read again (a script polling
 * a long import, or checking a held one after an admin's decision). An upload token reads the imports
 * of its own application (another → 403); a signed-in console session reads any.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withToken(
    request,
    async (ctx) => {
      const found = await getImport(ctx, id);
      if (!found) return errorResponse({ code: 'not_found', message: `There is no import "${id}".` });
      return Response.json({ import: importJson(found) }, { headers: noStore });
    },
    { scope: { importId: id }, session: 'viewer' },
  );
}
