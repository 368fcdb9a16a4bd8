import type { Clock } from '../../common/clock';
import { encodeEventBody, type BodyEncoding } from '../../../common/events';
import { deliverWithRetries, type RetryPolicy } from '../delivery/deliver-with-retries';
import type { DeliveryLog } from '../delivery/delivery-log';
import type { EventQueueWriter, QueueAddress } from '../delivery/queue-writer';
import type { Background } from './background';
import type { EmulatedEvent } from './event-builders';
import { eventTypeEnabled } from './event-types';
import type { FaultPlan } from './faults';
import type { CallbackConfig, CallbackTarget } from './types';

export interface DispatcherOptions {
  clock: Clock;
  writer: EventQueueWriter;
  log: DeliveryLog;
  faults: FaultPlan;
  background: Background;
  retry: RetryPolicy;
  encoding: BodyEncoding;
  /** Where writes go when the configured MnsEndpoint is not a local address (see queueFor). */
  smqEndpoint?: string;
  /** How long a reordered event is held back. */
  reorderHoldMs: number;
}

export interface DispatchOptions {
  /** A per-request or upload-time target that replaces the global one. */
  override?: CallbackTarget;
  /** Drop the event like a dropEventTypes fault (its video carries the lose-events marker). */
  lost?: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function mediaIdOf(event: EmulatedEvent): string | undefined {
  const source = event as Record<string, unknown>;
  const id = source.VideoId ?? source.MediaId;
  return typeof id === 'string' ? id : undefined;
}

// Sends events the way VOD does: only types the global configuration enables, to the most specific
// target, through the SMQ API, with VOD's retry rule; faults are applied here.
export class EventDispatcher {
  private occurrences = 0;

  constructor(private readonly opts: DispatcherOptions) {}

  /**
   * A configured MnsEndpoint on a loopback address is used as is; any other (a real
   * `<account>.mns.<region>.aliyuncs.com`) is replaced by the emulator's --smq-endpoint, so that a
   * production-looking configuration still lands in the local SMQ emulator.
   */
  queueFor(target: CallbackTarget, globalConfig: CallbackConfig): QueueAddress | undefined {
    const queueName = target.mnsQueueName;
    const configured = target.mnsEndpoint ?? globalConfig.mnsEndpoint;
    if (!queueName) return undefined;
    let endpoint = this.opts.smqEndpoint ?? configured;
    if (configured) {
      try {
        if (LOOPBACK_HOSTS.has(new URL(configured).hostname)) endpoint = configured;
      } catch {
        // An unparsable endpoint cannot be local; the fallback (or nothing) is used.
      }
    }
    return endpoint ? { endpoint, queueName } : undefined;
  }

  dispatch(event: EmulatedEvent, globalConfig: CallbackConfig | undefined, opts: DispatchOptions = {}): void {
    const { override, lost = false } = opts;
    const { log, faults } = this.opts;
    if (!globalConfig || !eventTypeEnabled(globalConfig.eventTypeList, event.EventType)) {
      log.counters.notEnabled++;
      return;
    }
    const target = override ?? globalConfig;
    const body = encodeEventBody(event, this.opts.encoding);
    const base = {
      eventType: event.EventType,
      mediaId: mediaIdOf(event),
      body,
      occurrence: ++this.occurrences,
    };
    log.recordEmitted(base);
    const now = this.opts.clock.now();
    if (target.callbackType !== 'MNS') {
      log.recordDropped({ ...base, attempts: 0, at: now, reason: 'http-callback-not-emulated' });
      return;
    }
    const queue = this.queueFor(target, globalConfig);
    if (!queue) {
      log.recordDropped({ ...base, attempts: 0, at: now, reason: 'no-queue' });
      return;
    }
    // A lost video's events go the way of dropEventTypes; checked first so that they roll no dice
    // and the seeded faults of other videos stay as they would be without it.
    if (lost || faults.drops(event.EventType)) {
      log.recordDropped({ ...base, queue, attempts: 0, at: now, reason: 'fault-injected' });
      return;
    }
    const copies = faults.duplicates() ? 2 : 1;
    if (copies > 1) log.counters.duplicated++;
    const holdMs = faults.reorders() ? this.opts.reorderHoldMs : 0;
    if (holdMs > 0) log.counters.reordered++;
    for (let copy = 0; copy < copies; copy++) {
      this.opts.background.run(
        async (signal) => {
          if (holdMs > 0) await this.opts.clock.sleep(holdMs, signal);
          await deliverWithRetries(this.opts.writer, queue, base, {
            clock: this.opts.clock,
            log,
            policy: this.opts.retry,
            signal,
          });
        },
        () => undefined,
      );
    }
  }
}
