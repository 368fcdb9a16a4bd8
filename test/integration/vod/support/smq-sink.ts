import { createServer } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { listen } from '../../../../emulators/common/serve';

// A minimal receiver of SMQ SendMessage calls, standing in for the SMQ emulator until it lands:
// it records what @alicloud/mns sends and answers in SMQ's XML, refusing unknown queues.

export interface SunkMessage {
  queueName: string;
  body: string;
  at: number;
}

export interface SmqSink {
  endpoint: string;
  messages: SunkMessage[];
  attemptsByQueue: Map<string, number>;
  /** The next `count` writes are answered 500 InternalError. */
  failNextWrites(count: number): void;
  close(): Promise<void>;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export async function startSmqSink(queues: readonly string[]): Promise<SmqSink> {
  const known = new Set(queues);
  const messages: SunkMessage[] = [];
  const attemptsByQueue = new Map<string, number>();
  let failuresLeft = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/queues\/([^/]+)\/messages$/.exec(req.url ?? '');
      const queueName = match?.[1] ?? '';
      attemptsByQueue.set(queueName, (attemptsByQueue.get(queueName) ?? 0) + 1);
      if (req.method !== 'POST' || !known.has(queueName)) {
        res.writeHead(404, { 'content-type': 'text/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error xmlns="http://mns.aliyuncs.com/doc/v1/"><Code>QueueNotExist</Code><Message>The queue name you provided is not exist.</Message><RequestId>${randomUUID()}</RequestId><HostId>sink</HostId></Error>`,
        );
        return;
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500, { 'content-type': 'text/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error xmlns="http://mns.aliyuncs.com/doc/v1/"><Code>InternalError</Code><Message>simulated failure</Message><RequestId>${randomUUID()}</RequestId><HostId>sink</HostId></Error>`,
        );
        return;
      }
      const xml = Buffer.concat(chunks).toString('utf8');
      const body = unescapeXml(/<MessageBody>([\s\S]*)<\/MessageBody>/.exec(xml)?.[1] ?? '');
      messages.push({ queueName, body, at: Date.now() });
      const md5 = createHash('md5').update(body).digest('hex').toUpperCase();
      res.writeHead(201, { 'content-type': 'text/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageId>${randomUUID()}</MessageId><MessageBodyMD5>${md5}</MessageBodyMD5></Message>`,
      );
    });
  });
  const listening = await listen(server, 0, '127.0.0.1');
  return {
    endpoint: listening.url,
    messages,
    attemptsByQueue,
    failNextWrites: (count) => {
      failuresLeft = count;
    },
    close: () => listening.close(),
  };
}
