import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CloudCredentials, CloudCredentialsProvider } from '../credentials/credentials-provider';
import type { KeysOrProvider } from '../credentials/keys-or-provider';
import {
  MnsClient,
  type MnsClientOptions,
  type MnsFields,
  type MnsResponse,
  type MnsSdkClient,
} from './mns-sdk';
import { toSmqError } from './smq-error';

export type BodyEncoding = 'raw' | 'base64';

export type SmqCredentialOptions = KeysOrProvider<CloudCredentialsProvider>;

export type SmqClientOptions = SmqCredentialOptions & {
  /** e.g. http://127.0.0.1:9911 for the emulator; otherwise accountId + region address the real service. */
  endpoint?: string;
  accountId?: string;
  region?: string;
  /**
   * 'raw' (default): bodies travel as given (XML-escaped on send, since the SDK does not escape).
   * 'base64': bodies are Base64-encoded on send and decoded on receive.
   */
  bodyEncoding?: BodyEncoding;
};

export interface QueueAttributesInput {
  delaySeconds?: number;
  maximumMessageSize?: number;
  messageRetentionPeriod?: number;
  visibilityTimeout?: number;
  pollingWaitSeconds?: number;
  loggingEnabled?: boolean;
}

export interface QueueAttributes {
  queueName: string;
  createTime: number;
  lastModifyTime: number;
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  visibilityTimeout: number;
  pollingWaitSeconds: number;
  loggingEnabled: boolean;
  activeMessages: number;
  inactiveMessages: number;
  delayMessages: number;
}

export interface SendInput {
  body: string;
  delaySeconds?: number;
  priority?: number;
}

export interface SentMessage {
  messageId: string;
  bodyMd5: string;
}

export interface SendFailure {
  index: number;
  code: string;
  message: string;
}

export interface SmqMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  bodyMd5: string;
  /** ms since the epoch */
  enqueueTime: number;
  nextVisibleTime: number;
  firstDequeueTime: number;
  dequeueCount: number;
  priority: number;
}

export interface DeleteResult {
  deleted: string[];
  failed: { handle: string; code: string; message: string }[];
}

const ACCOUNT_FOR_CUSTOM_ENDPOINT = 'local';
// The SDK's own read timeout for receives: the longest long poll (30 s) and a second.
const RECEIVE_TIMEOUT_MS = 31_000;

function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function integer(fields: MnsFields, name: string): number {
  return Number(fields[name] ?? 0);
}

function isNotExist(error: unknown): boolean {
  return error instanceof Error && error.name === 'MNSMessageNotExistError';
}

/** A typed wrapper over @alicloud/mns with error classification (see README). */
export class SmqClient {
  private readonly sdk: () => Promise<MnsSdkClient>;
  private readonly encoding: BodyEncoding;

  constructor(
    readonly queueName: string,
    options: SmqClientOptions,
  ) {
    if (!options.endpoint && !(options.accountId && options.region))
      throw new Error('SmqClient needs an endpoint, or an accountId and a region');
    this.encoding = options.bodyEncoding ?? 'raw';
    this.sdk = options.credentialsProvider
      ? lazySdk(queueName, options, options.credentialsProvider)
      : constantSdk(options, options);
  }

  async createQueue(attributes: QueueAttributesInput = {}): Promise<'created' | 'exists'> {
    const response = await this.call('CreateQueue', (sdk) =>
      sdk.createQueue(this.queueName, queueParams(attributes)),
    );
    return response.code === 201 ? 'created' : 'exists';
  }

  async setAttributes(attributes: QueueAttributesInput): Promise<void> {
    await this.call('SetQueueAttributes', (sdk) =>
      sdk.setQueueAttributes(this.queueName, queueParams(attributes)),
    );
  }

  async deleteQueue(): Promise<void> {
    await this.call('DeleteQueue', (sdk) => sdk.deleteQueue(this.queueName));
  }

  async getAttributes(): Promise<QueueAttributes> {
    const { body } = await this.call('GetQueueAttributes', (sdk) => sdk.getQueueAttributes(this.queueName));
    return {
      queueName: body.QueueName,
      createTime: integer(body, 'CreateTime'),
      lastModifyTime: integer(body, 'LastModifyTime'),
      delaySeconds: integer(body, 'DelaySeconds'),
      maximumMessageSize: integer(body, 'MaximumMessageSize'),
      messageRetentionPeriod: integer(body, 'MessageRetentionPeriod'),
      visibilityTimeout: integer(body, 'VisibilityTimeout'),
      pollingWaitSeconds: integer(body, 'PollingWaitSeconds'),
      loggingEnabled: (body.LoggingEnabled ?? '').toLowerCase() === 'true',
      activeMessages: integer(body, 'ActiveMessages'),
      inactiveMessages: integer(body, 'InactiveMessages'),
      delayMessages: integer(body, 'DelayMessages'),
    };
  }

  async sendMessage(input: SendInput | string): Promise<SentMessage> {
    const message = typeof input === 'string' ? { body: input } : input;
    const { body } = await this.call('SendMessage', (sdk) =>
      sdk.sendMessage(this.queueName, this.wire(message)),
    );
    return { messageId: body.MessageId, bodyMd5: body.MessageBodyMD5 };
  }

  /** Sends up to 16 messages; per-item failures are returned, not thrown (the SDK does not throw). */
  async sendMessages(
    inputs: (SendInput | string)[],
  ): Promise<{ sent: SentMessage[]; failed: SendFailure[] }> {
    const messages = inputs.map((input) => (typeof input === 'string' ? { body: input } : input));
    const { body } = await this.call('BatchSendMessage', (sdk) =>
      sdk.batchSendMessage(
        this.queueName,
        messages.map((message) => this.wire(message)),
      ),
    );
    const sent: SentMessage[] = [];
    const failed: SendFailure[] = [];
    (body ?? []).forEach((item, index) => {
      if (item.ErrorCode) failed.push({ index, code: item.ErrorCode, message: item.ErrorMessage ?? '' });
      else sent.push({ messageId: item.MessageId, bodyMd5: item.MessageBodyMD5 });
    });
    return { sent, failed };
  }

  /**
   * Long-polls for up to `max` (1..16) messages; an empty queue gives [], not an error. An abort
   * closes the connection, which ends the long poll on the server too, and gives [].
   */
  async receiveMessages(max: number, waitSeconds: number, signal?: AbortSignal): Promise<SmqMessage[]> {
    if (signal?.aborted) return [];
    try {
      const { body } = await this.call('BatchReceiveMessage', (sdk) =>
        signal
          ? this.abortableReceive(sdk, max, waitSeconds, signal)
          : sdk.batchReceiveMessage(this.queueName, max, waitSeconds),
      );
      return (body ?? []).map((fields) => this.message(fields));
    } catch (error) {
      if (isNotExistError(error) || signal?.aborted) return [];
      throw error;
    }
  }

  // The SDK's batchReceiveMessage takes no agent: the same signed GET, on a socket of its own that
  // an abort can destroy.
  private async abortableReceive(
    sdk: MnsSdkClient,
    max: number,
    waitSeconds: number,
    signal: AbortSignal,
  ): Promise<MnsResponse<MnsFields[]>> {
    const agent = sdk.endpoint.startsWith('https:') ? new HttpsAgent() : new HttpAgent();
    const abort = (): void => agent.destroy();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const wait = waitSeconds ? `&waitseconds=${waitSeconds}` : '';
      const resource = `/queues/${this.queueName}/messages?numOfMessages=${max}${wait}`;
      const response = await sdk.get(resource, 'Messages', { timeout: RECEIVE_TIMEOUT_MS, agent });
      const messages = (response.body as unknown as { Message?: MnsFields[] } | undefined)?.Message;
      return { ...response, body: messages ?? [] };
    } finally {
      signal.removeEventListener('abort', abort);
      agent.destroy();
    }
  }

  /** Visible messages without receiving them (no handles, visibility untouched). */
  async peekMessages(max: number): Promise<Omit<SmqMessage, 'receiptHandle' | 'nextVisibleTime'>[]> {
    try {
      const { body } = await this.call('BatchPeekMessage', (sdk) =>
        sdk.batchPeekMessage(this.queueName, max),
      );
      return (body ?? []).map((fields) => {
        const { receiptHandle: _handle, nextVisibleTime: _next, ...rest } = this.message(fields);
        return rest;
      });
    } catch (error) {
      if (isNotExistError(error)) return [];
      throw error;
    }
  }

  async deleteMessage(receiptHandle: string): Promise<void> {
    await this.call('DeleteMessage', (sdk) => sdk.deleteMessage(this.queueName, receiptHandle));
  }

  /** Deletes up to 16 messages; the SDK reports partial failure in the body, so it is read here. */
  async deleteMessages(receiptHandles: string[]): Promise<DeleteResult> {
    const { body } = await this.call('BatchDeleteMessage', (sdk) =>
      sdk.batchDeleteMessage(this.queueName, receiptHandles),
    );
    const failed = (Array.isArray(body) ? body : []).map((item) => ({
      handle: item.ReceiptHandle,
      code: item.ErrorCode,
      message: item.ErrorMessage ?? '',
    }));
    const failedHandles = new Set(failed.map((item) => item.handle));
    return { deleted: receiptHandles.filter((handle) => !failedHandles.has(handle)), failed };
  }

  /** Returns the new receipt handle; the old one is refused from then on. */
  async changeVisibility(
    receiptHandle: string,
    seconds: number,
  ): Promise<{ receiptHandle: string; nextVisibleTime: number }> {
    const { body } = await this.call('ChangeMessageVisibility', (sdk) =>
      sdk.changeMessageVisibility(this.queueName, receiptHandle, seconds),
    );
    return { receiptHandle: body.ReceiptHandle, nextVisibleTime: integer(body, 'NextVisibleTime') };
  }

  private wire(message: SendInput): { MessageBody: string; DelaySeconds?: number; Priority?: number } {
    const text =
      this.encoding === 'base64'
        ? Buffer.from(message.body, 'utf8').toString('base64')
        : escapeXml(message.body);
    return {
      MessageBody: text,
      ...(message.delaySeconds === undefined ? {} : { DelaySeconds: message.delaySeconds }),
      ...(message.priority === undefined ? {} : { Priority: message.priority }),
    };
  }

  private message(fields: MnsFields): SmqMessage {
    const wireBody = fields.MessageBody ?? '';
    return {
      messageId: fields.MessageId,
      receiptHandle: fields.ReceiptHandle,
      body: this.encoding === 'base64' ? Buffer.from(wireBody, 'base64').toString('utf8') : wireBody,
      bodyMd5: fields.MessageBodyMD5,
      enqueueTime: integer(fields, 'EnqueueTime'),
      nextVisibleTime: integer(fields, 'NextVisibleTime'),
      firstDequeueTime: integer(fields, 'FirstDequeueTime'),
      dequeueCount: integer(fields, 'DequeueCount'),
      priority: integer(fields, 'Priority'),
    };
  }

  private async call<T>(operation: string, run: (sdk: MnsSdkClient) => Promise<T>): Promise<T> {
    try {
      return await run(await this.sdk());
    } catch (error) {
      throw toSmqError(operation, error);
    }
  }
}

type Addressing = Pick<SmqClientOptions, 'endpoint' | 'accountId' | 'region'>;

function sdkClient(addressing: Addressing, keys: CloudCredentials, extra: Partial<MnsClientOptions> = {}) {
  return new MnsClient(addressing.accountId ?? ACCOUNT_FOR_CUSTOM_ENDPOINT, {
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    securityToken: keys.securityToken,
    endpoint: addressing.endpoint,
    region: addressing.region,
    ...extra,
  });
}

function constantSdk(addressing: Addressing, keys: CloudCredentials): () => Promise<MnsSdkClient> {
  const sdk = sdkClient(addressing, keys);
  return () => Promise.resolve(sdk);
}

// The SDK is built with the first keys the provider gives; with temporary keys, its own refresh hook
// asks the provider again before each request (the provider answers from its cache until renewal
// is due). A failed first lookup is retried on the next call instead of being remembered.
function lazySdk(
  queueName: string,
  addressing: Addressing,
  provider: CloudCredentialsProvider,
): () => Promise<MnsSdkClient> {
  let made: Promise<MnsSdkClient> | undefined;
  return () => {
    made ??= provider.getCredentials().then(
      (keys) =>
        sdkClient(addressing, keys, {
          refreshSTSToken: () => provider.getCredentials(),
          refreshSTSTokenInterval: 0,
        }),
      (error: unknown) => {
        made = undefined;
        throw new Error(`no credentials for SMQ queue ${queueName}: ${(error as Error).message}`);
      },
    );
    return made;
  };
}

function isNotExistError(error: unknown): boolean {
  return isNotExist(error) || (error instanceof Error && 'code' in error && error.code === 'MessageNotExist');
}

function queueParams(attributes: QueueAttributesInput): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (attributes.delaySeconds !== undefined) params.DelaySeconds = attributes.delaySeconds;
  if (attributes.maximumMessageSize !== undefined) params.MaximumMessageSize = attributes.maximumMessageSize;
  if (attributes.messageRetentionPeriod !== undefined)
    params.MessageRetentionPeriod = attributes.messageRetentionPeriod;
  if (attributes.visibilityTimeout !== undefined) params.VisibilityTimeout = attributes.visibilityTimeout;
  if (attributes.pollingWaitSeconds !== undefined) params.PollingWaitSeconds = attributes.pollingWaitSeconds;
  if (attributes.loggingEnabled !== undefined)
    params.LoggingEnabled = attributes.loggingEnabled ? 'True' : 'False';
  return params;
}
