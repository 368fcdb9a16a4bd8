import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { watchShutdown } from './shutdown-watch';
import { SHARED_WORKFLOW_MODULES, WORKFLOWS_PATH } from './workflow-bundle';

export interface PipelineWorkerOptions {
  connection: NativeConnection;
  /** Used by activities for signal-with-start. */
  client: Client;
  namespace: string;
  taskQueue: string;
  deps: Omit<ActivityDeps, 'temporal' | 'taskQueue'>;
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
}

// The one worker of vodflow: video, consumer and quarantine workflows and every activity, on one
// task queue. Used by workers/main.ts, the demo, the benchmark and the integration tests.
export async function createPipelineWorker(options: PipelineWorkerOptions): Promise<Worker> {
  const created: { worker?: Worker } = {};
  const shutdown = watchShutdown(() => created.worker);
  created.worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: [...SHARED_WORKFLOW_MODULES] } }),
    activities: createActivities({
      ...options.deps,
      temporal: options.client,
      taskQueue: options.taskQueue,
      shutdownSignal: shutdown.signal,
    }),
    // Poller activities run for minutes; give them room to drain on shutdown.
    shutdownGraceTime: '30s',
    // Cancellation reaches an activity with a heartbeat reply: a short throttle lets a stopped
    // consumer's poller notice within seconds (the default would be 80% of its heartbeat timeout).
    maxHeartbeatThrottleInterval: '5s',
    ...options.tuning,
  }).catch((err: unknown) => {
    shutdown.dispose();
    throw err;
  });
  return created.worker;
}
