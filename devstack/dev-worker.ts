import { connectClient, connectWorker } from '../clients/temporal/connect';
import type { VodflowConfig } from '../common/config';
import { startConsumers } from '../starters/start-consumers';
import { activityDepsFromConfig } from '../workers/activity-deps';
import { createLogger, jsonLog } from '../workers/log';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { installRuntime } from '../workers/runtime';
import { stopConsumerSignal } from '../workflows/definitions';

const CONSUMER_STOP_MS = 30_000;

export interface DevWorker {
  /** Consumer workflow ids, one per queue and shard. */
  consumers: string[];
  stop(): Promise<void>;
}

// `vodflow dev --with-worker`: the worker in this process and the consumers of every configured
// queue. Only warnings and errors are logged, so that the terminal stays readable.
export async function startDevWorker(config: VodflowConfig): Promise<DevWorker> {
  // No shutdown on signals by the SDK: `vodflow dev` stops the consumers first, which needs the
  // worker still running their workflow tasks.
  const logger = createLogger('warn');
  installRuntime({ logger, level: 'warn', shutdownSignals: [] });
  const { client, close } = await connectClient(config.temporal);
  const connection = await connectWorker(config.temporal);
  const log = jsonLog(logger, 'worker');
  const worker = await createPipelineWorker({
    connection,
    client,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps: activityDepsFromConfig(config, log),
  });
  const running = worker.run();
  const consumers = await startConsumers(client, {
    queues: config.queues,
    shards: config.shards,
    taskQueue: config.temporal.taskQueue,
    poller: config.poller,
  });
  return {
    consumers: consumers.map((consumer) => consumer.workflowId),
    async stop() {
      // Consumers first: their pollers finish their long poll instead of being cut off by shutdown.
      // Bounded: a consumer that does not stop in time is left to the worker's shutdown.
      const stopped = Promise.all(
        consumers.map(async ({ workflowId }) => {
          const handle = client.workflow.getHandle(workflowId);
          await handle.signal(stopConsumerSignal);
          await handle.result();
        }),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        stopped,
        new Promise((resolve) => (timer = setTimeout(resolve, CONSUMER_STOP_MS))),
      ]);
      clearTimeout(timer);
      worker.shutdown();
      await running;
      await connection.close();
      await close();
    },
  };
}
