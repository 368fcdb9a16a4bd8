import { createRequire } from 'node:module';
import type { AccessKey } from '../../common/default-credentials';

/** A queue VOD writes events into. */
export interface QueueAddress {
  endpoint: string;
  queueName: string;
}

/** Writes one message into an SMQ queue; rejects when the write failed (VOD then retries). */
export interface EventQueueWriter {
  write(queue: QueueAddress, body: string): Promise<void>;
}

// @alicloud/mns ships no type declarations; this is the part of it the writer uses.
interface MnsClient {
  sendMessage(queueName: string, params: { MessageBody: string }): Promise<{ code: number }>;
}
type MnsClientClass = new (
  accountId: string,
  opts: {
    endpoint: string;
    accessKeyId: string;
    accessKeySecret: string;
    readTimeout: number;
    connectTimeout: number;
  },
) => MnsClient;
const MNSClient = createRequire(__filename)('@alicloud/mns') as MnsClientClass;

/** How long one write may take before it counts as failed. */
export const SMQ_WRITE_TIMEOUT_MS = 5_000;

function accountIdOf(endpoint: string): string {
  // Real endpoints are http://<accountId>.mns.<region>.aliyuncs.com; local ones carry no account.
  const host = new URL(endpoint).hostname;
  const first = host.split('.')[0];
  return /^\d+$/.test(first) ? first : 'local';
}

/** Writes over SMQ's HTTP API through the official SDK, as VOD itself does. */
export class MnsQueueWriter implements EventQueueWriter {
  private readonly clients = new Map<string, MnsClient>();

  constructor(private readonly credentials: AccessKey) {}

  async write(queue: QueueAddress, body: string): Promise<void> {
    const answer = await this.clientFor(queue.endpoint).sendMessage(queue.queueName, { MessageBody: body });
    // The SDK throws only for XML error bodies; any other non-2xx answer is a failed write too.
    if (answer.code < 200 || answer.code > 299) throw new Error(`SMQ answered HTTP ${answer.code}`);
  }

  private clientFor(endpoint: string): MnsClient {
    const normalised = endpoint.replace(/\/+$/, '');
    let client = this.clients.get(normalised);
    if (!client) {
      client = new MNSClient(accountIdOf(normalised), {
        endpoint: normalised,
        accessKeyId: this.credentials.accessKeyId,
        accessKeySecret: this.credentials.accessKeySecret,
        readTimeout: SMQ_WRITE_TIMEOUT_MS,
        connectTimeout: SMQ_WRITE_TIMEOUT_MS,
      });
      this.clients.set(normalised, client);
    }
    return client;
  }
}
