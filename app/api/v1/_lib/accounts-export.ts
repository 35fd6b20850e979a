import 'server-only';
import type { DataContext } from '@/lib/data/context';
import { listReconciliation, type ReconcileRow } from '@/lib/data/reconciliation';
import { csvRow } from '@/lib/http/csv-export';
import type { AccountsExportQuery } from './accounts-query';

export const EXPORT_PAGE_SIZE = 100;

export const csvColumns = ['account_key', 'account', 'username', 'email', 'situation', 'status', 'user_email', 'user_username'] as const;

function csvLine(row: ReconcileRow): string {
  return csvRow([row.key, row.label, row.username, row.email, row.situation, row.linkStatus, row.user?.email, row.user?.username]);
}

function jsonItem(row: ReconcileRow) {
  return {
    accountKey: row.key,
    account: row.label,
    username: row.username,
    email: row.email,
    situation: row.situation,
    status: row.linkStatus,
    user: row.user ? { id: row.user.id, displayName: row.user.displayName, email: row.user.email, username: row.user.username } : null,
  };
}

/**
 * The reconciliation view as a download, streamed page by page (100 accounts a query) so that a large
 * application never sits in memory. The first page is read before answering, so that a refusal
 * (403) is still an HTTP status; a failure later on breaks the stream off (the client sees an
 * incomplete body, never a file that looks whole).
 */
export async function exportAccounts(ctx: DataContext, app: { id: string; slug: string }, query: AccountsExportQuery): Promise<Response> {
  const read = (page: number) => listReconciliation(ctx, app.id, { ...query, page, pageSize: EXPORT_PAGE_SIZE });
  const first = await read(1);
  const csv = query.format === 'csv';
  const encoder = new TextEncoder();
  let page = 1;
  let rows = first.rows;
  let written = 0;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csv ? csvRow(csvColumns) : '['));
    },
    async pull(controller) {
      if (rows.length > 0) {
        const text = csv ? rows.map(csvLine).join('') : rows.map((r) => `${written++ === 0 ? '\n' : ',\n'}${JSON.stringify(jsonItem(r))}`).join('');
        controller.enqueue(encoder.encode(text));
      }
      if (rows.length < EXPORT_PAGE_SIZE) {
        if (!csv) controller.enqueue(encoder.encode(written === 0 ? ']\n' : '\n]\n'));
        controller.close();
        return;
      }
      page += 1;
      rows = (await read(page)).rows;
    },
  });

  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${app.slug}-accounts-${stamp}.${query.format}"`,
      'Cache-Control': 'no-store',
      'X-Total-Count': String(first.total),
    },
  });
}
