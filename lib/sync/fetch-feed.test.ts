import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, type Resolver } from './fetch-feed';

/** A feed server on 127.0.0.1, started by the test: the very kind of address a pull must refuse by default. */
let server: http.Server;
let base: string;
let lastAuthorization: string | undefined;

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
  '/feed.csv': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('username,email\nada,ada@example.com\n');
  },
  '/download': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="people.json"' });
    res.end('[]');
  },
  '/big': (_req, res) => {
    // No Content-Length: the cap has to be enforced while the body streams.
    res.writeHead(200, { 'content-type': 'text/csv' });
    const chunk = 'x'.repeat(1024);
    let sent = 0;
    const write = () => {
      while (sent < 200) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(10_000) });
    res.end('x'.repeat(10_000));
  },
  '/slow': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.write('username\n');
    // never ends
  },
  '/missing': (_req, res) => {
    res.writeHead(404, 'Not Found');
    res.end();
  },
  '/auth': (req, res) => {
    lastAuthorization = req.headers.authorization;
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('username\n');
  },
  '/redirect-once': (_req, res) => {
    res.writeHead(302, { location: '/feed.csv' });
    res.end();
  },
  '/redirect-loop': (_req, res) => {
    res.writeHead(302, { location: '/redirect-loop' });
    res.end();
  },
  '/redirect-metadata': (_req, res) => {
    res.writeHead(302, { location: 'http://internal.example/secret' });
    res.end();
  },
  '/redirect-file': (_req, res) => {
    res.writeHead(302, { location: 'file:///etc/passwd' });
    res.end();
  },
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const text = (content: Uint8Array) => new TextDecoder().decode(content);

describe('fetchFeed', () => {
  it('refuses the loopback server by default, naming the address', async () => {
    const result = await fetchFeed(`${base}/feed.csv`, { allowPrivateNetwork: false });
    expect(result).toEqual({
      ok: false,
      error: { reason: 'refused', message: "The address 127.0.0.1 is a loopback address; enable 'Allow private network' to pull from it." },
    });
  });

  it('refuses a host name that resolves to a private address, before connecting', async () => {
    const resolve: Resolver = async () => [{ address: '10.0.0.5', family: 4 }];
    const result = await fetchFeed('https://feed.example.com/people.csv', { allowPrivateNetwork: false, resolve });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe("The host resolves to 10.0.0.5, a private address; enable 'Allow private network' to pull from it.");
    }
  });

  it('refuses when any one of several addresses is private', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: 'fd00::1', family: 6 },
    ];
    const result = await fetchFeed('https://feed.example.com/', { allowPrivateNetwork: false, resolve });
    expect(!result.ok && result.error.message).toContain('fd00::1, a private (unique local) address');
  });

  it('refuses "localhost" through the real resolver', async () => {
    const port = new URL(base).port;
    const result = await fetchFeed(`http://localhost:${port}/feed.csv`, { allowPrivateNetwork: false });
    expect(!result.ok && result.error.message).toMatch(/^The host resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/feed.csv', 'gopher://x', 'not a url'])('refuses %s', async (url) => {
    const result = await fetchFeed(url, { allowPrivateNetwork: true });
    expect(!result.ok && result.error.reason).toBe('refused');
  });

  it('refuses credentials in the URL', async () => {
    const result = await fetchFeed(`http://user:pw@127.0.0.1:1/`, { allowPrivateNetwork: true });
    expect(!result.ok && result.error.message).toBe('Put credentials in the Authorization header, not in the URL.');
  });

  it('refuses plain http to a public address', async () => {
    const resolve: Resolver = async () => [{ address: '93.184.216.34', family: 4 }];
    const result = await fetchFeed('http://feed.example.com/', { allowPrivateNetwork: false, resolve });
    expect(!result.ok && result.error.message).toMatch(/^Plain http is not allowed/);
  });

  it('pulls from the loopback server when private networks are allowed', async () => {
    const result = await fetchFeed(`${base}/feed.csv`, { allowPrivateNetwork: true });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(text(result.value.content)).toBe('username,email\nada,ada@example.com\n');
      expect(result.value.contentType).toBe('text/csv');
      expect(result.value.fileName).toBe('feed.csv');
    }
  });

  it('takes the file name from Content-Disposition', async () => {
    const result = await fetchFeed(`${base}/download`, { allowPrivateNetwork: true });
    expect(result.ok && result.value.fileName).toBe('people.json');
  });

  it('sends the Authorization header', async () => {
    lastAuthorization = undefined;
    await fetchFeed(`${base}/auth`, { allowPrivateNetwork: true, authorization: 'Bearer s3cret' });
    expect(lastAuthorization).toBe('Bearer s3cret');
  });

  it('stops reading at the size cap while streaming', async () => {
    const result = await fetchFeed(`${base}/big`, { allowPrivateNetwork: true, maxBytes: 50 * 1024 });
    expect(result).toEqual({ ok: false, error: { reason: 'too_large', message: 'The feed is larger than the limit of 50 KB; Concord stopped reading it.' } });
  });

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const result = await fetchFeed(`${base}/big-declared`, { allowPrivateNetwork: true, maxBytes: 1000 });
    expect(!result.ok && result.error.reason).toBe('too_large');
  });

  it('reads a body exactly under the cap', async () => {
    const result = await fetchFeed(`${base}/big`, { allowPrivateNetwork: true, maxBytes: 200 * 1024 });
    expect(result.ok && result.value.content.length).toBe(200 * 1024);
  });

  it('gives up after the timeout on a server that never finishes', async () => {
    const started = Date.now();
    const result = await fetchFeed(`${base}/slow`, { allowPrivateNetwork: true, timeoutMs: 300 });
    expect(result).toEqual({ ok: false, error: { reason: 'timeout', message: 'The feed URL did not answer completely within 0.3 s.' } });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('says which status an error answer had', async () => {
    const result = await fetchFeed(`${base}/missing`, { allowPrivateNetwork: true });
    expect(!result.ok && result.error).toEqual({ reason: 'http_status', message: `The server answered 404 Not Found for ${base}/missing.` });
  });

  it('follows a redirect', async () => {
    const result = await fetchFeed(`${base}/redirect-once`, { allowPrivateNetwork: true });
    expect(result.ok && result.value.url).toBe(`${base}/feed.csv`);
  });

  it('stops after 3 redirects', async () => {
    const result = await fetchFeed(`${base}/redirect-loop`, { allowPrivateNetwork: true });
    expect(!result.ok && result.error.message).toBe('The feed URL redirected more than 3 times; Concord stopped following it.');
  });

  it('resolves and checks every hop itself: the redirect target goes through the same resolver', async () => {
    const asked: string[] = [];
    const target = new URL(base);
    const resolve: Resolver = async (host) => {
      asked.push(host);
      if (host === 'feed.example.com') return [{ address: target.hostname, family: 4 }];
      if (host === 'internal.example') return [{ address: '10.0.0.5', family: 4 }];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    // Allowed: the first hop reaches the loopback server, whose redirect points at an internal host.
    // The same check that refuses it by default runs on that hop (shown with the strict policy below).
    const allowed = await fetchFeed(`http://feed.example.com:${target.port}/redirect-metadata`, { allowPrivateNetwork: true, resolve, timeoutMs: 500 });
    expect(asked).toEqual(['feed.example.com', 'internal.example']);
    expect(allowed.ok).toBe(false);
    const strict = await fetchFeed('https://internal.example/secret', { allowPrivateNetwork: false, resolve });
    expect(!strict.ok && strict.error.message).toBe("The host resolves to 10.0.0.5, a private address; enable 'Allow private network' to pull from it.");
    const metadata = await fetchFeed('http://169.254.169.254/latest/meta-data/', { allowPrivateNetwork: false });
    expect(!metadata.ok && metadata.error.message).toBe(
      "The address 169.254.169.254 is a link-local address (this includes cloud metadata services); enable 'Allow private network' to pull from it.",
    );
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const result = await fetchFeed(`${base}/redirect-file`, { allowPrivateNetwork: true });
    expect(!result.ok && result.error.message).toBe('Only http and https URLs can be pulled, not file.');
  });
});
