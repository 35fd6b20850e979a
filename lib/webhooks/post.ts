import http from 'node:http';
import https from 'node:https';
import { checkedAddresses, parseUrl, pinnedLookup, Refusal, systemResolver, type Resolver } from '@/lib/sync/fetch-feed';

/** What one try of a delivery came to: the status code when the receiver answered, else an error. */
export type PostOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

export type PostOptions = {
  headers: Record<string, string>;
  /** Loopback, private and link-local addresses and plain http are refused unless this is set. */
  allowPrivateNetwork: boolean;
  /** The whole request, from connecting to the end of the answer. */
  timeoutMs: number;
  /** For tests: a fake DNS. */
  resolve?: Resolver;
};

/** How much of a refusing answer's body is kept in the log, so the admin sees the receiver's reason. */
const maxErrorBodyChars = 300;

/**
 * POSTs one webhook delivery through the same address checks as scheduled pulls (no server-side
 * request forgery: the host is resolved once, every address checked, the connection pinned to them).
 * Redirects are not followed — a webhook URL that moved is an error the admin should see. Never throws.
 */
export async function postWebhook(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const target = parseUrl(url);
    const addresses = await checkedAddresses(target, options.allowPrivateNetwork, options.resolve ?? systemResolver, 'send to it');
    const { statusCode, text } = await send(target, addresses, body, options.headers, controller.signal);
    const ok = statusCode >= 200 && statusCode < 300;
    const error = ok ? null : `The receiver answered ${statusCode}${text ? `: ${text}` : ''}`;
    return { ok, statusCode, error, durationMs: elapsed() };
  } catch (error) {
    const message = controller.signal.aborted
      ? `No answer within ${options.timeoutMs / 1000} s (timed out).`
      : error instanceof Refusal
        ? error.failure.message
        : `Could not reach the receiver: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, statusCode: null, error: message, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

function send(
  url: URL,
  addresses: Awaited<ReturnType<typeof checkedAddresses>>,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ statusCode: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        signal,
        lookup: pinnedLookup(addresses),
        // No pooled sockets: a kept-alive connection could outlive the address check it was made under.
        agent: false,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Concord webhook',
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          // Keep only the start of the answer; the rest is drained so the socket is released.
          if (text.length < maxErrorBodyChars) text += chunk;
        });
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, text: oneLine(text).slice(0, maxErrorBodyChars) }));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
