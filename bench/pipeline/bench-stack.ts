import { DefaultLogger, Runtime, bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SmqClient } from '../../clients/smq';
import { SmqAdminClient } from '../../clients/smq/admin-client';
import { connectClient } from '../../clients/temporal/connect';
import { pipelinePolicySchema } from '../../common/pipeline-policy-schema';
import { DEFAULT_ACCESS_KEY } from '../../emulators/common/default-credentials';
import { startEmulatorProcess, type EmulatorProcess } from '../../devstack/emulator-process';
import { startTemporalDevServer, type TemporalDevServer } from '../../devstack/temporal-server';
import { workflowBundleOptions } from '../../workers/workflow-bundle';
import { CpuMeter, ownCpuSeconds, treeCpuSeconds } from './process-cpu';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export const BENCH_REGION = 'cn-shanghai';
export const BENCH_TASK_QUEUE = 'vodflow-bench';
export const ENTITY_TASK_QUEUE = 'entity-bench';

// Follow-ups off: the benchmark measures event ingestion (queue → video state), not VOD jobs.
export const BENCH_POLICY = pipelinePolicySchema.parse({
  transcode: 'auto',
  snapshot: false,
  aiAudit: false,
});

export interface BenchStackOptions {
  /** VODFLOW_WORKER_MAX_CACHED_WORKFLOWS of both workers. */
  maxCachedWorkflows: number;
  /** A directory for a V8 CPU profile of vodflow's worker, written when it exits. */
  cpuProfileDir?: string;
}

export interface BenchStack {
  temporal: TemporalDevServer;
  smq: EmulatorProcess;
  smqAdmin: SmqAdminClient;
  /** The load client: this process, apart from both workers. */
  client: Client;
  /** vodflow's worker (workers/main.ts, as deployed): video, consumer workflows and the poller. */
  vodflowWorker: WorkerProcess;
  /** The minimal entity workflow's worker: the independent ceiling. */
  entityWorker: WorkerProcess;
  /** CPU per event of the server, both workers, the emulator and this load client. */
  cpu: CpuMeter;
  queue(name: string): Promise<SmqClient>;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

// Temporal dev server (in memory), the SMQ emulator, vodflow's worker and the entity worker, each
// its own process; this process only generates load and measures. Workflow bundles are built here
// once, as a production image does, so that the workers' memory is what running costs.
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const bundleDir = mkdtempSync(path.join(tmpdir(), 'vodflow-bench-'));
  const [temporal, smq, vodflowBundle, entityBundle] = await Promise.all([
    startTemporalDevServer(),
    startEmulatorProcess('smq', ['--port', '0']),
    bundle(workflowBundleOptions(), path.join(bundleDir, 'vodflow.js'), logger),
    bundle(
      { workflowsPath: path.join(ROOT, 'bench', 'entity', 'entity-workflow.ts') },
      path.join(bundleDir, 'entity.js'),
      logger,
    ),
  ]);
  const common = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    VODFLOW_WORKER_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows),
  };
  const [vodflowWorker, entityWorker] = await Promise.all([
    startWorkerProcess(
      'workers/main.ts',
      {
        ...common,
        VODFLOW_TASK_QUEUE: BENCH_TASK_QUEUE,
        VODFLOW_WORKFLOW_BUNDLE: vodflowBundle,
        SMQ_ENDPOINT: smq.url,
        VOD_ENDPOINT: 'http://127.0.0.1:9',
        ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
        VODFLOW_TRANSCODE: BENCH_POLICY.transcode,
        VODFLOW_SNAPSHOT: String(BENCH_POLICY.snapshot),
        VODFLOW_AI_AUDIT: String(BENCH_POLICY.aiAudit),
      },
      options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    ),
    startWorkerProcess('bench/entity/entity-worker.ts', {
      ...common,
      VODFLOW_TASK_QUEUE: ENTITY_TASK_QUEUE,
      VODFLOW_WORKFLOW_BUNDLE: entityBundle,
    }),
  ]);
  const { client, close: closeClient } = await connectClient({
    address: temporal.address,
    namespace: temporal.namespace,
    tls: false,
    taskQueue: BENCH_TASK_QUEUE,
  });

  return {
    temporal,
    smq,
    smqAdmin: new SmqAdminClient(smq.url),
    client,
    vodflowWorker,
    entityWorker,
    cpu: new CpuMeter({
      server: () => treeCpuSeconds(temporal.pid),
      vodflowWorker: () => treeCpuSeconds(vodflowWorker.pid),
      entityWorker: () => treeCpuSeconds(entityWorker.pid),
      smqEmulator: () => treeCpuSeconds(smq.process.pid),
      loadClient: ownCpuSeconds,
    }),
    async queue(name) {
      const queue = new SmqClient(name, { ...DEFAULT_ACCESS_KEY, endpoint: smq.url });
      await queue.createQueue({ visibilityTimeout: 60 });
      return queue;
    },
    async close() {
      await Promise.all([vodflowWorker.stop(), entityWorker.stop()]);
      await closeClient();
      await smq.stop();
      await temporal.stop();
      rmSync(bundleDir, { recursive: true, force: true });
    },
  };
}

async function bundle(
  options: Pick<BundleOptions, 'workflowsPath' | 'preloadModules'>,
  out: string,
  logger: DefaultLogger,
): Promise<string> {
  const { code } = await bundleWorkflowCode({ ...options, logger });
  writeFileSync(out, code);
  return out;
}
