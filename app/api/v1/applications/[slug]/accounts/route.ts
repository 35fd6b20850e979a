import { exportAccounts } from '@/app/api/v1/_lib/accounts-export';
import { parseAccountsQuery } from '@/app/api/v1/_lib/accounts-query';
import { getApplication } from '@/lib/data/applications';
import { withToken } from '@/lib/http/api-auth';
import { errorResponse } from '@/lib/http/route-auth';

/**
 * `GET /api/v1/applications/{slug}/accounts?format=json|csv&q=&situation=&status=&sort=&dir=`: the
 * reconciliation view with the page's filters, every page of it, as a JSON array or a CSV file
 * (cells that a spreadsheet would run as formulas are neutralised). An upload token exports its own
 * application only (another → 403); a signed-in console session may export any (the Export link).
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return withToken(
    request,
    async (ctx) => {
      const app = await getApplication(ctx, slug);
      if (!app) return errorResponse({ code: 'not_found', message: `There is no application "${slug}".` });
      const query = parseAccountsQuery(new URL(request.url).searchParams);
      if (!query.ok) return errorResponse(query.error);
      return exportAccounts(ctx, app, query.value);
    },
    { scope: { applicationSlug: slug }, session: 'viewer' },
  );
}
