import { feedFormats, type FeedFormat } from '@/lib/enums';
import { fail, ok, type Result } from '@/lib/errors';
import { detectFormat } from '@/lib/feeds';

export type FeedOptions = {
  /** from `?format=`, else undefined (the Content-Type or the bytes decide) */
  format?: FeedFormat;
  contentType?: string;
  dryRun: boolean;
  /** answer when the import has finished (the default), or at once with 202 while it is queued */
  wait: boolean;
  idempotencyKey?: string;
};

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * Media types that say nothing about the format: the bytes decide. curl's `--data-binary` sends
 * application/x-www-form-urlencoded unless told otherwise, and Windows sends vnd.ms-excel for .csv.
 */
const genericTypes = new Set(['application/octet-stream', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.ms-excel', 'binary/octet-stream']);

/**
 * The options of `POST /api/v1/applications/{slug}/feeds`, from the query and the headers:
 * `?format=` (one of the feed formats), `?dryRun=` (default false) and `?wait=` (default true)
 * (true/false/1/0, empty = true),
 * `Idempotency-Key` (1–200 visible ASCII characters). A bad option → `invalid` naming it (400);
 * a format Concord does not read → `unsupported_format` (415).
 */
export function parseFeedOptions(url: URL, headers: Headers): Result<FeedOptions> {
  const params = url.searchParams;
  const dryRun = flag(params, 'dryRun');
  if (dryRun === null) return fail('invalid', 'dryRun must be true or false.', { field: 'dryRun' });
  const wait = flag(params, 'wait', true);
  if (wait === null) return fail('invalid', 'wait must be true or false.', { field: 'wait' });

  const formatParam = params.get('format')?.trim().toLowerCase();
  let format: FeedFormat | undefined;
  if (formatParam) {
    if (!(feedFormats as readonly string[]).includes(formatParam)) {
      return fail('unsupported_format', `"${formatParam}" is not a feed format Concord reads. Use one of: ${feedFormats.join(', ')}.`, { field: 'format' });
    }
    format = formatParam as FeedFormat;
  }

  const contentType = headers.get('content-type')?.trim() || undefined;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!format && mediaType && !genericTypes.has(mediaType) && detectFormat({ contentType: mediaType }) === null) {
    const hint = mediaType.startsWith('multipart/') ? ' Send the file itself as the body (curl --data-binary @feed.csv), not a form.' : '';
    return fail(
      'unsupported_format',
      `Concord does not read ${mediaType} feeds. Send text/csv, text/tab-separated-values, application/json, application/x-ndjson or application/xml, or name the format with ?format=.${hint}`,
      { field: 'Content-Type' },
    );
  }

  const key = headers.get('idempotency-key');
  let idempotencyKey: string | undefined;
  if (key !== null) {
    const trimmed = key.trim();
    if (trimmed === '' || trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(trimmed)) {
      return fail('invalid', `The Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters without spaces.`, {
        field: 'Idempotency-Key',
      });
    }
    idempotencyKey = trimmed;
  }

  return ok({ format, contentType, dryRun, wait, idempotencyKey });
}

/** A boolean query option: absent → its default; "", "true", "1" → true; "false", "0" → false; anything else → null. */
function flag(params: URLSearchParams, name: string, absent = false): boolean | null {
  const value = params.get(name);
  if (value === null) return absent;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}
