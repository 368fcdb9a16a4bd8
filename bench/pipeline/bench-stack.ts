import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { SmqClient } from '../../clients/smq';
import { connectClient, connectWorker } from '../../clients/temporal/connect';
import { loadConfig, type VodflowConfig } from '../../common/config';
import { pipelinePolicySchema } from '../../common/pipeline-policy';
import { DEFAULT_ACCESS_KEY } from '../../emulators/common/default-credentials';
import { startEmulatorProcess, type EmulatorProcess } from '../../devstack/emulator-process';
import { startTemporalDevServer, type TemporalDevServer } from '../../devstack/temporal-server';
import { activityDepsFromConfig } from '../../workers/activity-deps';
import { createPipelineWorker } from '../../workers/pipeline-worker';

export const BENCH_REGION = 'cn-shanghai';
export const BENCH_TASK_QUEUE = 'vodflow-bench';

// Follow-ups off: the benchmark measures event ingestion (queue → video state), not VOD jobs.
export const BENCH_POLICY = pipelinePolicySchema.parse({
  transcode: 'auto',
  snapshot: false,
  aiAudit: false,
});

export interface BenchStack {
  temporal: TemporalDevServer;
  smq: EmulatorProcess;
  client: Client;
  worker: Worker;
  config: VodflowConfig;
  queue(name: string): Promise<SmqClient>;
  close(): Promise<void>;
}

// Temporal dev server and the SMQ emulator as their own processes (as in production, they do not
// share the worker's event loop); the vodflow worker runs in this process.
export async function startBenchStack(): Promise<BenchStack> {
  // Worker and bundler chatter would bury the results (and break --json's one line).
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [temporal, smq] = await Promise.all([
    startTemporalDevServer(),
    startEmulatorProcess('smq', ['--port', '0']),
  ]);
  const config = loadConfig({
    TEMPORAL_ADDRESS: temporal.address,
    VODFLOW_TASK_QUEUE: BENCH_TASK_QUEUE,
    SMQ_ENDPOINT: smq.url,
    VOD_ENDPOINT: 'http://127.0.0.1:9',
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
  });
  config.policy = BENCH_POLICY;
  const { client, close: closeClient } = await connectClient(config.temporal);
  const workerConnection = await connectWorker(config.temporal);
  const worker = await createPipelineWorker({
    connection: workerConnection,
    client,
    namespace: temporal.namespace,
    taskQueue: BENCH_TASK_QUEUE,
    deps: activityDepsFromConfig(config, { info: () => undefined, warn: () => undefined }),
    tuning: { maxHeartbeatThrottleInterval: '1s', shutdownGraceTime: '5s' },
  });
  const running = worker.run();

  return {
    temporal,
    smq,
    client,
    worker,
    config,
    async queue(name) {
      const queue = new SmqClient(name, { ...DEFAULT_ACCESS_KEY, endpoint: smq.url });
      await queue.createQueue({ visibilityTimeout: 60 });
      return queue;
    },
    async close() {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await closeClient();
      await smq.stop();
      await temporal.stop();
    },
  };
}
