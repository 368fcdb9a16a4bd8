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
  };
}

export function addRunStats(total: ConsumerStats, run: PollerRunStats, endedAt: string): ConsumerStats {
  const sum = { ...total, pollerRuns: total.pollerRuns + 1, lastRunEndedAt: endedAt };
  for (const key of Object.keys(run) as (keyof PollerRunStats)[]) sum[key] = total[key] + run[key];
  return sum;
}
