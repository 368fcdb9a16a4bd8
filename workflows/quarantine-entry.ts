// A queue message that can never be applied (a poison message: see README, How it works), kept
// with everything needed to inspect it and send it back to its queue once fixed.
export interface QuarantineEntry {
  region: string;
  queue: string;
  messageId: string;
  /** The message body exactly as received. */
  rawBody: string;
  /** Machine-readable reason code and a sentence a person can act on. */
  reasonCode: string;
  reason: string;
  dequeueCount: number;
  enqueueTime?: number;
  firstSeenAt: string;
  lastSeenAt: string;
  sightings: number;
  state: 'quarantined' | 'redriven' | 'discarded';
  redrivenAs?: string;
  discardReason?: string;
}
