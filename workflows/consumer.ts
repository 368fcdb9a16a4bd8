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
import { parsePollerOptions, type PollerOptions } from '../common/poller-options';
import type { ConsumerStats, PollerRunStats } from './consumer-stats';
import { activityTaskQueues } from './activity-queues';
import { ConsumerState, type ConsumerSnapshot, type ConsumerStatus } from './consumer-state';
import {
  configureConsumerUpdate,
  consumerStateQuery,
  consumerStatsQuery,
  describedAs,
  stopConsumerSignal,
} from './definitions';

// One consumer per (region, queue, shard): it keeps the poller activity running, restarts it when a
// worker dies (heartbeat timeout → retry), and continues-as-new every few runs so that its history
// stays short however long it lives. New settings arrive by update: the running poller is
// cancelled (it finishes the messages it holds) and the next run uses them.

export interface ConsumerInput {
  region: string;
  queue: string;
  shard: number;
  poller: PollerOptions;
  /** Poller runs per workflow run before continue-as-new. */
  runsPerWorkflowRun?: number;
  /** Counters as releases before the consumer snapshot carried them. */
  stats?: ConsumerStats;
  state?: ConsumerSnapshot;
}

function pollerActivities(poller: PollerOptions, taskQueue: string | undefined) {
  return proxyActivities<ReturnType<typeof createActivities>>({
    taskQueue,
    // The poller returns by itself after runForMs; the margin covers draining in-flight work.
    startToCloseTimeout: poller.runForMs + 5 * 60_000,
    // Inputs recorded before this option existed carry none: keep the old 30 s.
    heartbeatTimeout: poller.heartbeatTimeoutMs ?? 30_000,
    // Let the poller finish in-flight signals and deletes when the consumer is stopped.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
  });
}

export async function smqConsumerWorkflow(input: ConsumerInput): Promise<ConsumerStats> {
  const identity = { region: input.region, queue: input.queue, shard: input.shard };
  const pollerQueue = activityTaskQueues().pollers;
  const state = new ConsumerState(input, new Date().toISOString());
  let poller = input.poller;
  let stopping = false;
  let status: ConsumerStatus = 'polling';
  let nextAttemptAt: string | undefined;
  let currentRun: CancellationScope | undefined;
  // Settings versions: asked for by updates, and in effect (a run started with them).
  let settingsAsked = 0;
  let settingsApplied = 0;

  setHandler(consumerStatsQuery, () => state.stats, describedAs(consumerStatsQuery));
  setHandler(
    consumerStateQuery,
    () => state.view(identity, poller, stopping ? 'stopping' : status, nextAttemptAt),
    describedAs(consumerStateQuery),
  );
  setHandler(
    stopConsumerSignal,
    () => {
      stopping = true;
      currentRun?.cancel();
    },
    describedAs(stopConsumerSignal),
  );
  setHandler(
    configureConsumerUpdate,
    async (options) => {
      poller = parsePollerOptions(options);
      const asked = ++settingsAsked;
      currentRun?.cancel();
      await condition(() => settingsApplied >= asked || stopping);
      return state.view(identity, poller, stopping ? 'stopping' : status, nextAttemptAt);
    },
    {
      validator: (options) => {
        parsePollerOptions(options);
      },
      ...describedAs(configureConsumerUpdate),
    },
  );

  const runs = input.runsPerWorkflowRun ?? 12;
  for (let run = 0; run < runs && !stopping; run++) {
    const settingsOfRun = settingsAsked;
    settingsApplied = settingsOfRun;
    const { pollQueue } = pollerActivities(poller, pollerQueue);
    currentRun = new CancellationScope();
    try {
      const result = await currentRun.run(() => pollQueue({ ...identity, options: poller }));
      state.recordRun(result, new Date().toISOString());
    } catch (err) {
      if (!isCancellation(err)) throw err;
      // Stopped or reconfigured: the poller drained its in-flight messages and reported its counters
      // with the cancellation.
      const drained = cancelledRunStats(err);
      if (drained) state.recordRun(drained, new Date().toISOString());
      if (settingsAsked === settingsOfRun) stopping = true;
    } finally {
      currentRun = undefined;
    }
    const backoffMs = state.backoffMs;
    if (backoffMs !== undefined && !stopping && settingsAsked === settingsOfRun) {
      // SMQ refused the credentials or has no such queue: wait (new settings or a stop end the wait).
      status = 'waiting after a setup error';
      nextAttemptAt = new Date(Date.now() + backoffMs).toISOString();
      await condition(() => stopping || settingsAsked !== settingsOfRun, backoffMs);
      status = 'polling';
      nextAttemptAt = undefined;
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  // Settings asked for and not yet used are carried into the next run, which starts with them.
  settingsApplied = settingsAsked;
  // A cancelled workflow still lets its handlers answer before it ends.
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  if (stopping) return state.stats;
  return continueAsNew<typeof smqConsumerWorkflow>({
    region: input.region,
    queue: input.queue,
    shard: input.shard,
    poller,
    runsPerWorkflowRun: input.runsPerWorkflowRun,
    state: state.snapshot(),
  });
}

function cancelledRunStats(err: unknown): PollerRunStats | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof CancelledFailure)) return undefined;
  const [stats] = cause.details as [PollerRunStats?];
  return stats && typeof stats.received === 'number' ? stats : undefined;
}
