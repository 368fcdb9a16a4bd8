// What the poller needs from a queue. clients/smq's typed client provides it for real SMQ and the
// emulator alike (activities/index.ts adapts it); errors carry `transient: true` when a retry may help.
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** ms since the epoch */
  enqueueTime: number;
  firstDequeueTime?: number;
  dequeueCount: number;
}

export interface DeleteFailure {
  receiptHandle: string;
  code: string;
  message: string;
}

export interface QueuePort {
  /**
   * Long-polls for up to `max` messages; an empty queue is an empty array, not an error. An abort
   * ends the long poll at once with an empty array.
   */
  receive(max: number, waitSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]>;
  deleteBatch(receiptHandles: string[]): Promise<{ failed: DeleteFailure[] }>;
  /** Returns the new receipt handle; the old one is dead from then on. */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<string>;
  send(body: string): Promise<{ messageId: string }>;
}
