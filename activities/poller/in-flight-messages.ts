import type { ReceivedMessage } from '../queue-port';

/**
 * `signalling`: received, its signal not yet recorded; `recorded`: Temporal holds what it carries
 * (signal or quarantine), its delete is queued; `released`: its signal failed, it is left to come
 * back.
 */
export type InFlightState = 'signalling' | 'recorded' | 'released';

export interface InFlightMessage {
  readonly message: ReceivedMessage;
  /** Changes with every visibility change: the old handle dies. */
  handle: string;
  state: InFlightState;
  /** ms since the epoch when the queue makes it visible again, as far as this poller knows. */
  visibleUntil: number;
  /** The handle operation (extend, release, delete) under way; they must not overlap. */
  pending: Promise<void>;
}

// Every message a poller run holds, across all its batches and receive loops, until it is deleted or
// released. Pure bookkeeping: which messages need their visibility extended now, and handle
// operations chained one after the other per message.
export class InFlightMessages {
  private readonly messages = new Set<InFlightMessage>();

  constructor(private readonly visibilityTimeoutMs: number) {}

  get size(): number {
    return this.messages.size;
  }

  add(received: ReceivedMessage[], now: number): InFlightMessage[] {
    const added = received.map((message) => ({
      message,
      handle: message.receiptHandle,
      state: 'signalling' as const,
      visibleUntil: now + this.visibilityTimeoutMs,
      pending: Promise.resolve(),
    }));
    for (const item of added) this.messages.add(item);
    return added;
  }

  /**
   * Messages not yet deleted nor released whose visibility ends within half a timeout: the slow and
   * the already-signalled alike, so that none of a batch reappears while the run still holds it.
   */
  dueForExtension(now: number): InFlightMessage[] {
    return [...this.messages].filter(
      (item) => item.state === 'signalling' && item.visibleUntil - now <= this.visibilityTimeoutMs / 2,
    );
  }

  extended(item: InFlightMessage, handle: string, now: number): void {
    item.handle = handle;
    item.visibleUntil = now + this.visibilityTimeoutMs;
  }

  /** Runs `operation` once every earlier handle operation of the message has ended. */
  withHandle(item: InFlightMessage, operation: (handle: string) => Promise<void>): Promise<void> {
    const next = item.pending.then(() => operation(item.handle));
    item.pending = next.catch(() => undefined);
    return next;
  }

  /** The run no longer holds it (deleted, delete refused, or released). */
  forget(item: InFlightMessage): void {
    this.messages.delete(item);
  }
}
