import http from 'node:http';

/** One webhook request as the receiver got it: the raw body, so a test can check the signature over the exact bytes. */
export type RecordedDelivery = { headers: Record<string, string | string[] | undefined>; body: string; at: string };

/**
 * The end-to-end tests' webhook receiver, started by scripts/e2e-server.ts on loopback beside the
 * server: it answers 200 to every POST and keeps what it got; `GET /received` lists it as JSON
 * (the Playwright spec then verifies the signatures with the secret the page showed).
 */
export async function startRecordingReceiver(port: number): Promise<http.Server> {
  const received: RecordedDelivery[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/received') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: new Date().toISOString() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.unref();
  return server;
}
