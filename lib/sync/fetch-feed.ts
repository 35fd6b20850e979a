import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import net from 'node:net';
import { env } from '@/lib/env';
import { nonPublicAddressKind } from './address-policy';

export type FetchedFeed = { content: Uint8Array; contentType: string | undefined; fileName: string | undefined; url: string };

export type FetchFailureReason = 'refused' | 'unreachable' | 'timeout' | 'too_large' | 'http_status';
export type FetchFailure = { reason: FetchFailureReason; message: string };
export type FetchResult = { ok: true; value: FetchedFeed } | { ok: false; error: FetchFailure };

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type FetchFeedOptions = {
  /** Let the pull reach loopback, private and link-local addresses, and plain http. */
  allowPrivateNetwork: boolean;
  /** Sent as the Authorization header; dropped when a redirect leaves the original origin. */
  authorization?: string | null;
  /** Whole pull, from the first connection to the last byte. Default 60 s. */
  timeoutMs?: number;
  /** Default env().UPLOAD_MAX_BYTES, the same cap as an upload. */
  maxBytes?: number;
  maxRedirects?: number;
  /** For tests: a fake DNS. Default: dns.lookup with all addresses. */
  resolve?: Resolver;
};

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A URL or address Concord will not reach, with the reason; shared with webhook deliveries (lib/webhooks). */
export class Refusal extends Error {
  constructor(public readonly failure: FetchFailure) {
    super(failure.message);
  }
}

const refuse = (reason: FetchFailureReason, message: string) => new Refusal({ reason, message });

/**
 * Pulls a feed over http(s), refusing anything that would let a URL reach inside the server's
 * network. The host is resolved once with dns.lookup(all); every address is checked, and the
 * connection is made to exactly those addresses (a pinned lookup), so a DNS answer that changes
 * between the check and the connection (DNS rebinding) cannot slip through. That pin is why this
 * uses node:http(s) rather than fetch: Node's fetch resolves the name again by itself and takes no
 * lookup hook without the undici package. Redirects are followed by hand (at most 3), each hop
 * checked the same way; the size cap is enforced while the body streams; one timeout covers it all.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? env().UPLOAD_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? 3;
  const resolve = options.resolve ?? systemResolver;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = parseUrl(url);
    const origin = current.origin;
    for (let hop = 0; ; hop++) {
      const addresses = await checkedAddresses(current, options.allowPrivateNetwork, resolve);
      const authorization = options.authorization && current.origin === origin ? options.authorization : undefined;
      const response = await request(current, addresses, authorization, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (hop >= maxRedirects) throw refuse('refused', `The feed URL redirected more than ${maxRedirects} times; Concord stopped following it.`);
        current = parseUrl(new URL(response.headers.location, current).toString());
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw refuse('http_status', `The server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''} for ${current.toString()}.`);
      }
      const content = await readCapped(response, maxBytes);
      return {
        ok: true,
        value: {
          content,
          contentType: headerValue(response.headers['content-type']),
          fileName: fileNameOf(response.headers['content-disposition'], current),
          url: current.toString(),
        },
      };
    }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.failure };
    if (controller.signal.aborted) {
      return { ok: false, error: { reason: 'timeout', message: `The feed URL did not answer completely within ${formatSeconds(timeoutMs)}.` } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { reason: 'unreachable', message: `Concord could not reach the feed URL: ${message}` } };
  } finally {
    clearTimeout(timer);
  }
}

export function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('refused', `"${text}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse('refused', `Only http and https URLs can be pulled, not ${url.protocol.replace(/:$/, '')}.`);
  }
  if (url.username || url.password) throw refuse('refused', 'Put credentials in the Authorization header, not in the URL.');
  return url;
}

/** The addresses the URL's host resolves to, all of them public unless private networks are allowed. */
export async function checkedAddresses(url: URL, allowPrivateNetwork: boolean, resolve: Resolver, purpose = 'pull from it'): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (family) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw refuse('unreachable', code === 'ENOTFOUND' ? `The host ${host} does not exist (no DNS record).` : `The host ${host} could not be resolved (${code ?? String(error)}).`);
    }
    if (addresses.length === 0) throw refuse('unreachable', `The host ${host} does not resolve to any address.`);
  }
  if (!allowPrivateNetwork) {
    for (const { address } of addresses) {
      const kind = nonPublicAddressKind(address);
      if (kind) {
        const subject = family ? `The address ${address} is` : `The host resolves to ${address},`;
        throw refuse('refused', `${subject} ${kind}; enable 'Allow private network' to ${purpose}.`);
      }
    }
    if (url.protocol === 'http:') {
      throw refuse('refused', `Plain http is not allowed for a public address: use https, or enable 'Allow private network'.`);
    }
  }
  return addresses;
}

/** A DNS lookup that answers only the addresses already checked, so the connection goes exactly there. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as (err: null, addresses: ResolvedAddress[]) => void)(null, addresses);
    } else {
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    }
  };
}

function request(url: URL, addresses: ResolvedAddress[], authorization: string | undefined, signal: AbortSignal): Promise<http.IncomingMessage> {
  const pinned = pinnedLookup(addresses);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        signal,
        lookup: pinned,
        // Accept-Encoding identity: the size cap then counts the bytes Concord will parse.
        headers: {
          accept: 'text/csv, text/tab-separated-values, application/json, application/x-ndjson, application/xml, text/xml, */*;q=0.5',
          'accept-encoding': 'identity',
          'user-agent': 'Concord scheduled pull',
          ...(authorization ? { authorization } : {}),
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(response: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function tooLarge(maxBytes: number): Refusal {
  return refuse('too_large', `The feed is larger than the limit of ${formatBytes(maxBytes)}; Concord stopped reading it.`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The file name from Content-Disposition, else the last segment of the URL's path. */
function fileNameOf(disposition: string | undefined, url: URL): string | undefined {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  if (match) {
    try {
      return decodeURIComponent(match[1]!.trim());
    } catch {
      return match[1]!.trim();
    }
  }
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
