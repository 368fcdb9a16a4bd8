// The engine's data: what a queue and a message are, independent of HTTP and XML.
export interface QueueAttributes {
  DelaySeconds: number;
  MaximumMessageSize: number;
  MessageRetentionPeriod: number;
  VisibilityTimeout: number;
  PollingWaitSeconds: number;
  LoggingEnabled: boolean;
}

export type MessageState = 'delayed' | 'visible' | 'inflight';

/** Everything about one message; this is also what the journal persists. */
export interface StoredMessage {
  id: string;
  /** Arrival order within the engine: oldest first within a priority. */
  seq: number;
  body: string;
  bodyMd5: string;
  priority: number;
  enqueueTime: number;
  /** When a delayed or inflight message becomes visible; for a visible one, when it became so. */
  visibleAt: number;
  state: MessageState;
  dequeueCount: number;
  firstDequeueTime?: number;
  /** The one live handle while inflight. */
  receiptHandle?: string;
  expiresAt: number;
}

export interface QueueInfo {
  name: string;
  attributes: QueueAttributes;
  createTime: number;
  lastModifyTime: number;
}

export interface QueueCounters {
  active: number;
  inactive: number;
  delayed: number;
}

export interface SendInput {
  body: string;
  delaySeconds?: number;
  priority?: number;
}

export interface SentMessage {
  messageId: string;
  bodyMd5: string;
  /** Only for a delayed message (unconfirmed). */
  receiptHandle?: string;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  bodyMd5: string;
  enqueueTime: number;
  nextVisibleTime: number;
  firstDequeueTime: number;
  dequeueCount: number;
  priority: number;
}

export type PeekedMessage = Omit<ReceivedMessage, 'receiptHandle' | 'nextVisibleTime'>;

export interface EngineStats {
  sent: number;
  received: number;
  deleted: number;
  expired: number;
  visibilityChanges: number;
  redelivered: number;
}
