import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureHeaders, verifySignature } from './sign';

/** What the receiver does with one request; `hang` never answers (the sender times out). */
export type ReceiverAnswer = number | 'hang';

export type ReceivedEvent = { id: string; type: string; body: Record<string, unknown>; headers: http.IncomingHttpHeaders; duplicate: boolean };

/**
 * A webhook receiver on loopback for tests and the e2e server, written the way README "Webhooks"
 * tells receivers to be: it verifies the signature over the raw body (401 when wrong), and it
 * de-duplicates by event id, so an event delivered twice has one effect (`effects`).
 * `answer` decides each reply (default 200); it sees the request count of that event id so far.
 */
export class TestReceiver {
  readonly requests: ReceivedEvent[] = [];
  /** event ids in the order they first took effect */
  readonly effects: string[] = [];
  readonly rejected: string[] = [];
  answer: (id: string, seenBefore: number) => ReceiverAnswer = () => 200;
  private server: http.Server | null = null;
  private port = 0;

  constructor(private readonly secret: () => string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/events`;
  }

  /** Starts listening (again on the same port after `stop`, as a receiver coming back up). */
  async start(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Down: refuses connections until `start` again. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString('utf8');
    const header = (name: string) => req.headers[name] as string | undefined;
    const verified = verifySignature({ secret: this.secret(), body: raw, timestamp: header(signatureHeaders.timestamp), signature: header(signatureHeaders.signature) });
    if (!verified.ok) {
      this.rejected.push(verified.reason);
      res.writeHead(401).end(`signature ${verified.reason}`);
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown> & { id: string; type: string };
    const seenBefore = this.requests.filter((r) => r.id === body.id).length;
    const duplicate = this.effects.includes(body.id);
    this.requests.push({ id: body.id, type: body.type, body, headers: req.headers, duplicate });
    const answer = this.answer(body.id, seenBefore);
    // A 2xx means the effect took place; so does an answer that never arrives (the sender will try
    // again, and the id tells the retry apart). A refusal means nothing took place.
    if (!duplicate && (answer === 'hang' || (answer >= 200 && answer < 300))) this.effects.push(body.id);
    if (answer === 'hang') return;
    res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? 'receiver trouble' : 'ok');
  }
}
