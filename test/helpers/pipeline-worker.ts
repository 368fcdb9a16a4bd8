import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ActivityDeps } from '../../activities';
import {
  createPipelineWorker,
  type PipelineWorker,
  type PipelineWorkerOptions,
} from '../../workers/pipeline-worker';
import { sharedStack } from './shared-stack';

export interface RunningPipelineWorker {
  client: Client;
  taskQueue: string;
  worker: PipelineWorker;
  /** Stops the worker (graceful by default, as a deployment would) and closes connections. */
  stop(): Promise<void>;
}

export const silentLog: ActivityDeps['log'] = { info: () => undefined, warn: () => undefined };

// Starts the real vodflow worker on the shared test server, on a task queue of its own.
export async function startPipelineWorker(
  deps: PipelineWorkerOptions['deps'],
  options: {
    taskQueue?: string;
    tuning?: PipelineWorkerOptions['tuning'];
    vodReadsPerSecond?: number;
  } = {},
): Promise<RunningPipelineWorker> {
  const stack = sharedStack();
  const taskQueue = options.taskQueue ?? `vodflow-test-${randomUUID()}`;
  const clientConnection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: stack.namespace });
  const workerConnection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await createPipelineWorker({
    connection: workerConnection,
    client,
    namespace: stack.namespace,
    taskQueue,
    deps,
    workflowBundle: { codePath: stack.workflowBundlePath },
    tuning: { shutdownGraceTime: '5s', maxHeartbeatThrottleInterval: '1s', ...options.tuning },
    vodReadsPerSecond: options.vodReadsPerSecond,
  });
  const running = worker.run();
  return {
    client,
    taskQueue,
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await workerConnection.close();
      await clientConnection.close();
    },
  };
}
