import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { SmqClient } from '../../clients/smq';
import { connectClient } from '../../clients/temporal/connect';
import { createVodClient, type VodClient } from '../../clients/vod';
import { loadConfig, type VodflowConfig } from '../../common/config';
import { type PipelinePolicyInput } from '../../common/pipeline-policy';
import { pipelinePolicySchema } from '../../common/pipeline-policy-schema';
import { parsePollerOptions, type PollerOptionsInput } from '../../common/poller-options';
import { videoWorkflowId } from '../../common/workflow-ids';
import type { VodEmulatorOptions } from '../../emulators/vod/app';
import type { SmqEmulatorOptions } from '../../emulators/smq/app';
import { startConsumers } from '../../starters/start-consumers';
import { activityDepsFromConfig } from '../../workers/activity-deps';
import { stopConsumerSignal, videoStateQuery } from '../../workflows/definitions';
import type { smqConsumerWorkflow } from '../../workflows/consumer';
import type { videoWorkflow } from '../../workflows/video';
import type { VideoStage, VideoView } from '../../workflows/video-state';
import { eventually } from './eventually';
import { silentLog, startPipelineWorker, type RunningPipelineWorker } from './pipeline-worker';
import { startSmqEmulator, type RunningSmqEmulator } from './smq-emulator';
import { sharedStack } from './shared-stack';
import { startVodEmulator, type RunningVodEmulator } from './vod-emulator';

export const REGION = 'cn-shanghai';

export interface PipelineStackOptions {
  policy?: Partial<PipelinePolicyInput>;
  poller?: PollerOptionsInput;
  smq?: SmqEmulatorOptions;
  vod?: Omit<VodEmulatorOptions, 'smqEndpoint'>;
  /** SMQ queue visibility timeout, seconds. */
  visibilityTimeout?: number;
  /** Extra environment for the worker's configuration (e.g. VODFLOW_FOLLOW_UP_TIMEOUT_SECONDS). */
  env?: Record<string, string>;
  /** Poller runs per consumer workflow run before it continues as new. */
  consumerRunsPerWorkflowRun?: number;
  /** false: start no in-process worker (the test runs workers/main.ts as a process instead). */
  inProcessWorker?: boolean;
}

export interface PipelineStack {
  smq: RunningSmqEmulator;
  vod: RunningVodEmulator;
  vodClient: VodClient;
  /** The queue VOD writes into, for tests that put messages in or check it drained. */
  queue: SmqClient;
  queueName: string;
  config: VodflowConfig;
  taskQueue: string;
  /** The environment that configures workers/main.ts for this stack. */
  workerEnv: Record<string, string>;
  worker: RunningPipelineWorker;
  startConsumer(): Promise<WorkflowHandle<typeof smqConsumerWorkflow>>;
  /** CreateUploadVideo + the emulator's upload completion: the video's first event is on its way. */
  upload(title?: string): Promise<string>;
  state(videoId: string): Promise<VideoView>;
  waitForStage(videoId: string, stage: VideoStage, timeoutMs?: number): Promise<VideoView>;
  /** Restarts the worker (graceful), e.g. after a crash test killed it. */
  /** (Re)starts the in-process worker on the stack's task queue. */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

// The whole pipeline on loopback: both emulators in-process, the real worker on the shared Temporal
// server, VOD configured (SetMessageCallback) to write into a fresh SMQ queue.
const TEMPLATE_GROUP_ID = 'tg-vodflow-test';

export async function startPipelineStack(options: PipelineStackOptions = {}): Promise<PipelineStack> {
  const smq = await startSmqEmulator(options.smq);
  const vod = await startVodEmulator({
    retry: { intervalMs: 100 },
    templateGroupIds: [TEMPLATE_GROUP_ID],
    ...options.vod,
    smqEndpoint: smq.endpoint,
  });
  const queueName = `vod-events-${randomUUID().slice(0, 8)}`;
  const credentials = { accessKeyId: vod.accessKeyId, accessKeySecret: vod.accessKeySecret };
  const queue = new SmqClient(queueName, { ...credentials, endpoint: smq.endpoint });
  await queue.createQueue({ visibilityTimeout: options.visibilityTimeout ?? 10 });
  const vodClient = createVodClient({ ...credentials, region: REGION, endpoint: vod.endpoint });
  await vodClient.setMessageCallback({
    CallbackType: 'MNS',
    MnsEndpoint: smq.endpoint,
    MnsQueueName: queueName,
    EventTypeList: 'ALL',
  });

  const taskQueue = `vodflow-test-${randomUUID()}`;
  const stackTemporal = sharedStack();
  const workerEnv: Record<string, string> = {
    TEMPORAL_ADDRESS: stackTemporal.temporalAddress,
    TEMPORAL_NAMESPACE: stackTemporal.namespace,
    VODFLOW_TASK_QUEUE: taskQueue,
    SMQ_ENDPOINT: smq.endpoint,
    VOD_ENDPOINT: vod.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    VODFLOW_QUEUES: `${REGION}:${queueName}`,
    VODFLOW_TEMPLATE_GROUP_ID: TEMPLATE_GROUP_ID,
    VODFLOW_RETRY_INITIAL_MS: '200',
    ...options.env,
  };
  const config = loadConfig(workerEnv);
  config.policy = pipelinePolicySchema.parse({ ...config.policy, ...options.policy });
  const poller = parsePollerOptions({ waitSeconds: 1, runForMs: 60_000, ...options.poller });

  const startWorker = () =>
    startPipelineWorker(
      { ...activityDepsFromConfig(config, silentLog), heartbeatIntervalMs: 1_000 },
      { taskQueue },
    );
  let worker: RunningPipelineWorker | undefined =
    options.inProcessWorker === false ? undefined : await startWorker();
  const theWorker = (): RunningPipelineWorker => {
    if (!worker) throw new Error('this stack runs no in-process worker');
    return worker;
  };
  const client = await connectClient(config.temporal);
  const consumers: WorkflowHandle<typeof smqConsumerWorkflow>[] = [];

  const stack: PipelineStack = {
    smq,
    vod,
    vodClient,
    queue,
    queueName,
    config,
    taskQueue,
    workerEnv,
    get worker() {
      return theWorker();
    },
    async startConsumer() {
      const [started] = await startConsumers(client.client, {
        queues: [{ region: REGION, queue: queueName }],
        shards: 1,
        taskQueue,
        poller,
        runsPerWorkflowRun: options.consumerRunsPerWorkflowRun,
      });
      if (!started) throw new Error('no consumer started');
      const handle = client.client.workflow.getHandle<typeof smqConsumerWorkflow>(started.workflowId);
      consumers.push(handle);
      return handle;
    },
    async upload(title = 'vodflow test video') {
      const { VideoId } = await vodClient.createUploadVideo({ Title: title, FileName: 'clip.mp4' });
      await vod.completeUpload(VideoId);
      return VideoId;
    },
    async state(videoId) {
      return client.client.workflow
        .getHandle<typeof videoWorkflow>(videoWorkflowId(videoId))
        .query(videoStateQuery);
    },
    async waitForStage(videoId, stage, timeoutMs = 30_000) {
      return eventually(
        async () => {
          const view = await stack.state(videoId);
          expect(view.stage).toBe(stage);
          return view;
        },
        { timeoutMs, intervalMs: 200 },
      );
    },
    async restartWorker() {
      await worker?.stop();
      worker = await startWorker();
    },
    async close() {
      for (const handle of consumers) {
        await handle.signal(stopConsumerSignal).catch(() => undefined);
        await handle.result().catch(() => undefined);
      }
      await worker?.stop();
      await client.close();
      await vod.close();
      await smq.close();
    },
  };
  return stack;
}
