import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature checked against the secret, the way a user's receiver would. */
  signatureValid: boolean;
}

/** What the receiver answers a request on a path: an HTTP status, or 'hang' (never answers). */
export type Answer = number | 'hang';

export interface WebhookReceiver {
  url(path: string): string;
  deliveries(path?: string): Delivery[];
  answer(path: string, answer: Answer): void;
  close(): Promise<void>;
}

// A user's webhook endpoint on loopback: it checks vodflow's HMAC-SHA256 signature over
// `<timestamp>.<body>` like any receiver should, and records every delivery.
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const answers = new Map<string, Answer>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      deliveries.push({
        path,
        headers: request.headers,
        body,
        signatureValid: verify(secret, request.headers, body),
      });
      const answer = answers.get(path) ?? 200;
      if (answer === 'hang') return;
      response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    deliveries: (path) => deliveries.filter((d) => path === undefined || d.path === path),
    answer: (path, answer) => answers.set(path, answer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = headers['x-vodflow-timestamp'];
  const signature = headers['x-vodflow-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return (
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}
