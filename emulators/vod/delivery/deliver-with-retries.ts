import type { Clock } from '../../common/clock';
import type { DeliveryLog, DeliveryRecord } from './delivery-log';
import type { EventQueueWriter, QueueAddress } from './queue-writer';

export interface RetryPolicy {
  /** Attempts in all, the first included (VOD: 3). */
  attempts: number;
  /** Pause between attempts (VOD: 1 s). */
  intervalMs: number;
}

export const VOD_RETRY_POLICY: RetryPolicy = Object.freeze({ attempts: 3, intervalMs: 1_000 });

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // The SMQ SDK names its errors after SMQ's code, e.g. MNSQueueNotExistError.
    return `${typeof code === 'string' ? code : error.name}: ${error.message}`;
  }
  return String(error);
}

/**
 * VOD's documented delivery rule: try to write the message, retry a failed write after the
 * interval, give up after the last attempt and drop the event. Stopping cancels pending retries.
 */
export async function deliverWithRetries(
  writer: EventQueueWriter,
  queue: QueueAddress,
  record: Omit<DeliveryRecord, 'attempts' | 'at' | 'queue'>,
  deps: { clock: Clock; log: DeliveryLog; policy: RetryPolicy; signal: AbortSignal },
): Promise<boolean> {
  let lastError = '';
  for (let attempt = 1; attempt <= deps.policy.attempts; attempt++) {
    if (deps.signal.aborted) return false;
    deps.log.counters.writeAttempts++;
    try {
      await writer.write(queue, record.body);
      deps.log.recordWritten({ ...record, queue, attempts: attempt, at: deps.clock.now() });
      return true;
    } catch (error) {
      deps.log.counters.failedAttempts++;
      lastError = describe(error);
    }
    if (attempt < deps.policy.attempts) await deps.clock.sleep(deps.policy.intervalMs, deps.signal);
  }
  deps.log.recordDropped({
    ...record,
    queue,
    attempts: deps.policy.attempts,
    at: deps.clock.now(),
    reason: 'write-failed',
    lastError,
  });
  return false;
}
