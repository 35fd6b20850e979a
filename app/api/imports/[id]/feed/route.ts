import { getImportFeed } from '@/lib/data/imports';
import { errorResponse, withAdmin } from '@/lib/http/route-auth';

const contentTypes: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  'xml-children': 'application/xml',
  'xml-attributes': 'application/xml',
};

/** "Download the original": the exact bytes an import processed, as an attachment. Viewers may download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withAdmin(request, 'viewer', async (ctx) => {
    const feed = await getImportFeed(ctx, id);
    if (!feed) return errorResponse({ code: 'not_found', message: 'There is no import with this id, or its feed was not kept.' });
    return new Response(feed.content as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': contentTypes[feed.format] ?? 'application/octet-stream',
        'Content-Length': String(feed.content.byteLength),
        'Content-Disposition': contentDisposition(feed.fileName),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/**
 * `attachment` with a file name that cannot break out of the header or point elsewhere: path parts,
 * quotes, control characters and backslashes are dropped; an ASCII fallback in `filename`, the real
 * name (UTF-8) in `filename*` (RFC 6266).
 */
function contentDisposition(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  const name = base === '' || base === '.' || base === '..' ? 'feed' : base;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
