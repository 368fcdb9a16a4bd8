// SMQ's documented limits. Every check in the emulator refers to these names.
export const SMQ_API_VERSION = '2015-06-06';
export const SMQ_XML_NAMESPACE = 'http://mns.aliyuncs.com/doc/v1/';
// Error documents drop the trailing slash: the Java SDK binds them (JAXB) to exactly this name and
// reports any other as code Unknown.
export const SMQ_ERROR_XML_NAMESPACE = 'http://mns.aliyuncs.com/doc/v1';

export const QUEUE_NAME_MAX_LENGTH = 120;
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
export const MAX_QUEUES_PER_ACCOUNT = 1000;

export interface AttributeRange {
  min: number;
  max: number;
  unit: 'seconds' | 'bytes';
}

export const QUEUE_ATTRIBUTE_RANGES = {
  DelaySeconds: { min: 0, max: 604800, unit: 'seconds' },
  MaximumMessageSize: { min: 1024, max: 65536, unit: 'bytes' },
  MessageRetentionPeriod: { min: 60, max: 604800, unit: 'seconds' },
  VisibilityTimeout: { min: 1, max: 43200, unit: 'seconds' },
  PollingWaitSeconds: { min: 0, max: 30, unit: 'seconds' },
} as const satisfies Record<string, AttributeRange>;

export const QUEUE_ATTRIBUTE_DEFAULTS = {
  DelaySeconds: 0,
  MaximumMessageSize: 65536,
  MessageRetentionPeriod: 345600,
  VisibilityTimeout: 30,
  PollingWaitSeconds: 0,
  LoggingEnabled: false,
} as const;

export const MESSAGE_DELAY_RANGE: AttributeRange = { min: 0, max: 604800, unit: 'seconds' };
export const PRIORITY_RANGE: AttributeRange = { min: 1, max: 16, unit: 'seconds' };
export const DEFAULT_PRIORITY = 8;
export const VISIBILITY_TIMEOUT_RANGE: AttributeRange = QUEUE_ATTRIBUTE_RANGES.VisibilityTimeout;
export const WAIT_SECONDS_RANGE: AttributeRange = QUEUE_ATTRIBUTE_RANGES.PollingWaitSeconds;

export const MAX_BATCH_SIZE = 16;
// Unconfirmed: the whole BatchSendMessage request is capped at 64 KiB like one message.
export const MAX_BATCH_SEND_BYTES = 65536;
// Any request body above this is refused before it is read to the end: the largest legitimate body
// is a batch send of 16 messages, each XML-escaped, so leave generous room for escaping.
export const MAX_REQUEST_BODY_BYTES = 16 * 65536 + 16 * 1024;

export const LIST_QUEUE_RET_NUMBER_RANGE: AttributeRange = { min: 1, max: 1000, unit: 'bytes' };
export const LIST_QUEUE_DEFAULT_RET_NUMBER = 1000;

// Unconfirmed window: ±15 minutes.
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
