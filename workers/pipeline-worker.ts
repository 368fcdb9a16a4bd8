import type { Client } from '@temporalio/client';
import type { MetricMeter } from '@temporalio/common';
import { Runtime, Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { pipelineTaskQueues, WORKER_ROLES, type WorkerRole } from '../common/task-queues';
import { watchShutdown } from './shutdown-watch';
import { vodflowMeter, vodflowMetricSinks } from './vodflow-meter';
import { SHARED_WORKFLOW_MODULES, WORKFLOWS_PATH } from './workflow-bundle';

export interface PipelineWorkerOptions {
  connection: NativeConnection;
  /** Used by activities for signal-with-start. */
  client: Client;
  namespace: string;
  /** The workflows' task queue; the activity queues are named after it (common/task-queues.ts). */
  taskQueue: string;
  deps: Omit<ActivityDeps, 'temporal' | 'taskQueue'>;
  /** vodflow's meter (vodflow-meter.ts); by default over the process's Temporal runtime. */
  metrics?: MetricMeter;
  /** A prebuilt bundle (tests, production images); without it the worker bundles workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  tuning?: Pick<
    WorkerOptions,
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxCachedWorkflows'
    | 'shutdownGraceTime'
    | 'maxHeartbeatThrottleInterval'
  >;
  /** The kinds of work this process takes (default: all). */
  roles?: readonly WorkerRole[];
  /**
   * VOD read activities per second on the read queue, enforced by the Temporal server across every
   * worker (maxTaskQueueActivitiesPerSecond); unset: unlimited.
   */
  vodReadsPerSecond?: number;
}

/** The Temporal workers of one process, one per role, run and stopped together. */
export interface PipelineWorker {
  run(): Promise<void>;
  shutdown(): void;
  /** RUNNING while all run; otherwise the state of the first that does not. */
  getState(): ReturnType<Worker['getState']>;
  /** Runs until `fn` settles, then shuts down and waits (Worker.runUntil for the set). */
  runUntil<R>(fn: () => Promise<R>): Promise<R>;
}

// vodflow's workers: workflows on the main task queue, and each kind of activity on its own queue
// (pollers; VOD reads, rate-limited by the server; VOD writes). The workflow worker also takes every
// activity, for those scheduled on the main queue before the split. Used by workers/main.ts, the
// demo, the benchmark and the integration tests.
export async function createPipelineWorker(options: PipelineWorkerOptions): Promise<PipelineWorker> {
  const workers: Worker[] = [];
  const shutdown = watchShutdown(() => workers);
  const queues = pipelineTaskQueues(options.taskQueue);
  const metrics =
    options.metrics ??
    vodflowMeter(Runtime.instance().metricMeter, {
      namespace: options.namespace,
      taskQueue: options.taskQueue,
    });
  const activities = createActivities({
    ...options.deps,
    metrics,
    temporal: options.client,
    taskQueue: options.taskQueue,
    shutdownSignal: shutdown.signal,
  });
  const { pollQueue, reconcileMilestone, sweepRecentVideos, videoApplication, submitFollowUp } = activities;
  const common = {
    connection: options.connection,
    namespace: options.namespace,
    // Poller activities run for minutes; give them room to drain on shutdown.
    shutdownGraceTime: '30s',
    // Cancellation reaches an activity with a heartbeat reply: a short throttle lets a stopped
    // consumer's poller notice within seconds (the default would be 80% of its heartbeat timeout).
    maxHeartbeatThrottleInterval: '5s',
    ...options.tuning,
  } satisfies Partial<WorkerOptions>;
  const byRole: Record<WorkerRole, () => WorkerOptions> = {
    workflows: () => ({
      ...common,
      taskQueue: queues.workflows,
      ...(options.workflowBundle
        ? { workflowBundle: options.workflowBundle }
        : {
            workflowsPath: WORKFLOWS_PATH,
            bundlerOptions: { preloadModules: [...SHARED_WORKFLOW_MODULES] },
          }),
      activities,
      sinks: vodflowMetricSinks(metrics),
    }),
    pollers: () => ({ ...common, taskQueue: queues.pollers, activities: { pollQueue } }),
    'vod-reads': () => ({
      ...common,
      taskQueue: queues.vodReads,
      activities: { reconcileMilestone, sweepRecentVideos, videoApplication },
      ...(options.vodReadsPerSecond ? { maxTaskQueueActivitiesPerSecond: options.vodReadsPerSecond } : {}),
    }),
    'vod-writes': () => ({ ...common, taskQueue: queues.vodWrites, activities: { submitFollowUp } }),
  };
  try {
    for (const role of options.roles ?? WORKER_ROLES) workers.push(await Worker.create(byRole[role]()));
  } catch (err) {
    shutdown.dispose();
    throw err;
  }
  return pipelineWorker(workers);
}

function pipelineWorker(workers: Worker[]): PipelineWorker {
  const shutdown = (): void => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  const run = async (): Promise<void> => {
    // One failing worker takes the others down with it: the process stops as a whole.
    const results = await Promise.allSettled(workers.map((worker) => worker.run().finally(shutdown)));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return {
    run,
    shutdown,
    getState: () =>
      workers.map((worker) => worker.getState()).find((state) => state !== 'RUNNING') ?? 'RUNNING',
    async runUntil(fn) {
      const running = run();
      try {
        return await fn();
      } finally {
        shutdown();
        await running;
      }
    },
  };
}
