import type { Agent } from 'node:http';
import { createRequire } from 'node:module';

// @alicloud/mns 1.2.0 ships no type declarations. These are the parts of lib/client.js this
// wrapper uses, typed from reading that source: every call resolves to { code, headers, body }
// with each XML field as a string; list answers are arrays of such records.

export type MnsFields = Record<string, string>;

export interface MnsResponse<Body> {
  code: number;
  headers: Record<string, string>;
  body: Body;
}

export interface MnsClientOptions {
  accessKeyId: string;
  accessKeySecret: string;
  endpoint?: string;
  region?: string;
  securityToken?: string;
  /** Asked for new keys before a request once refreshSTSTokenInterval ms passed (only with a token). */
  refreshSTSToken?: () => Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
  refreshSTSTokenInterval?: number;
  readTimeout?: number;
  connectTimeout?: number;
}

export interface MnsSendParams {
  MessageBody: string;
  DelaySeconds?: number;
  Priority?: number;
}

export interface MnsSdkClient {
  createQueue(
    name: string,
    params?: Record<string, string | number>,
  ): Promise<MnsResponse<MnsFields | undefined>>;
  deleteQueue(name: string): Promise<MnsResponse<undefined>>;
  listQueue(start?: string, limit?: number, prefix?: string): Promise<MnsResponse<MnsFields[] | undefined>>;
  getQueueAttributes(name: string): Promise<MnsResponse<MnsFields>>;
  setQueueAttributes(name: string, params: Record<string, string | number>): Promise<MnsResponse<undefined>>;
  sendMessage(queue: string, params: MnsSendParams): Promise<MnsResponse<MnsFields>>;
  /** Never throws for per-item failures: items carry ErrorCode/ErrorMessage instead. */
  batchSendMessage(queue: string, params: MnsSendParams[]): Promise<MnsResponse<MnsFields[]>>;
  /** Throws MNSMessageNotExistError when the queue stays empty. */
  receiveMessage(queue: string, waitSeconds?: number): Promise<MnsResponse<MnsFields>>;
  batchReceiveMessage(queue: string, max: number, waitSeconds?: number): Promise<MnsResponse<MnsFields[]>>;
  peekMessage(queue: string): Promise<MnsResponse<MnsFields>>;
  batchPeekMessage(queue: string, max: number): Promise<MnsResponse<MnsFields[]>>;
  deleteMessage(queue: string, receiptHandle: string): Promise<MnsResponse<undefined>>;
  /** body is undefined when all were deleted, else the failed items (it does not throw for those). */
  batchDeleteMessage(queue: string, receiptHandles: string[]): Promise<MnsResponse<MnsFields[] | undefined>>;
  changeMessageVisibility(
    queue: string,
    receiptHandle: string,
    visibilityTimeout: number,
  ): Promise<MnsResponse<MnsFields>>;
  /** The signed GET every read goes through; `agent` lets a caller own (and destroy) the socket. */
  get(
    resource: string,
    type: string,
    opts: { timeout: number; agent?: Agent },
  ): Promise<MnsResponse<MnsFields>>;
  readonly endpoint: string;
}

export type MnsClientConstructor = new (accountId: string, options: MnsClientOptions) => MnsSdkClient;

const requireFromHere = createRequire(__filename);

export const MnsClient = requireFromHere('@alicloud/mns') as MnsClientConstructor;
