// Counters of one consumer (region, queue, shard), summed over its poller runs and carried across
// continue-as-new.
export interface PollerRunStats {
  received: number;
  signalled: number;
  duplicatesSeen: number;
  quarantined: number;
  deleted: number;
  deleteFailures: number;
  signalFailures: number;
  visibilityExtensions: number;
  batches: number;
  /** Messages whose signal failed, made visible again at once instead of after their timeout. */
  released: number;
  receiveFailures: number;
}

/** SMQ refused the credentials or has no such queue: nothing is received until an operator acts. */
export interface ConsumerError {
  code: string;
  message: string;
  /** ISO time */
  at: string;
}

// What one poller run returns: its counters, and what the consumer shows and acts on.
export interface PollerRunResult extends PollerRunStats {
  /** ISO time of the run's last receive that returned messages. */
  lastReceiveAt?: string;
  setupError?: ConsumerError;
}

export interface ConsumerStats extends PollerRunStats {
  pollerRuns: number;
  startedAt: string;
  lastRunEndedAt?: string;
}

export function emptyPollerRunStats(): PollerRunStats {
  return {
    received: 0,
    signalled: 0,
    duplicatesSeen: 0,
    quarantined: 0,
    deleted: 0,
    deleteFailures: 0,
    signalFailures: 0,
    visibilityExtensions: 0,
    batches: 0,
    released: 0,
    receiveFailures: 0,
  };
}

const COUNTERS = Object.keys(emptyPollerRunStats()) as (keyof PollerRunStats)[];

// Totals carried from an older release, and results of an older poller, lack the newer counters:
// they count as 0.
export function addRunStats(
  total: ConsumerStats,
  run: Partial<PollerRunStats>,
  endedAt: string,
): ConsumerStats {
  const sum = { ...total, pollerRuns: total.pollerRuns + 1, lastRunEndedAt: endedAt };
  for (const key of COUNTERS) sum[key] = (total[key] ?? 0) + (run[key] ?? 0);
  return sum;
}
