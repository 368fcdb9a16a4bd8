import {
  ActivityCancellationType,
  ActivityFailure,
  CancelledFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { PollerOptions } from '../common/poller-options';
import { addRunStats, emptyPollerRunStats, type ConsumerStats, type PollerRunStats } from './consumer-stats';
import { consumerStatsQuery, describedAs, stopConsumerSignal } from './definitions';

// One consumer per (region, queue, shard): it keeps the poller activity running, restarts it when a
// worker dies (heartbeat timeout → retry), and continues-as-new every few runs so that its history
// stays short however long it lives.

export interface ConsumerInput {
  region: string;
  queue: string;
  shard: number;
  poller: PollerOptions;
  /** Poller runs per workflow run before continue-as-new. */
  runsPerWorkflowRun?: number;
  stats?: ConsumerStats;
}

export async function smqConsumerWorkflow(input: ConsumerInput): Promise<ConsumerStats> {
  const { pollQueue } = proxyActivities<ReturnType<typeof createActivities>>({
    // The poller returns by itself after runForMs; the margin covers draining in-flight work.
    startToCloseTimeout: input.poller.runForMs + 5 * 60_000,
    // Inputs recorded before this option existed carry none: keep the old 30 s.
    heartbeatTimeout: input.poller.heartbeatTimeoutMs ?? 30_000,
    // Let the poller finish in-flight signals and deletes when the consumer is stopped.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
  });

  let stats: ConsumerStats = input.stats ?? {
    pollerRuns: 0,
    startedAt: new Date().toISOString(),
    ...emptyPollerRunStats(),
  };

  let stopping = false;
  const pollScope = new CancellationScope();
  setHandler(consumerStatsQuery, () => stats, describedAs(consumerStatsQuery));
  setHandler(
    stopConsumerSignal,
    () => {
      stopping = true;
      pollScope.cancel();
    },
    describedAs(stopConsumerSignal),
  );

  const runs = input.runsPerWorkflowRun ?? 12;
  for (let run = 0; run < runs && !stopping; run++) {
    try {
      const result = await pollScope.run(() =>
        pollQueue({ region: input.region, queue: input.queue, shard: input.shard, options: input.poller }),
      );
      stats = addRunStats(stats, result, new Date().toISOString());
    } catch (err) {
      if (!isCancellation(err)) throw err;
      // Stopped: the poller drained its in-flight messages and reported its counters with the cancellation.
      const drained = cancelledRunStats(err);
      if (drained) stats = addRunStats(stats, drained, new Date().toISOString());
      stopping = true;
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  if (stopping) return stats;
  await condition(allHandlersFinished);
  return continueAsNew<typeof smqConsumerWorkflow>({ ...input, stats });
}

function cancelledRunStats(err: unknown): PollerRunStats | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof CancelledFailure)) return undefined;
  const [stats] = cause.details as [PollerRunStats?];
  return stats && typeof stats.received === 'number' ? stats : undefined;
}
