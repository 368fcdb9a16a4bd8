import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { createVideoSignaller } from '../../../activities/video-signaller';
import { createVodClient } from '../../../clients/vod';
import { loadConfig, type VodflowConfig } from '../../../common/config';
import { decodeMessageBody, type DecodedEvent } from '../../../common/events';
import { type PipelinePolicyInput } from '../../../common/pipeline-policy';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { activityDepsFromConfig } from '../../../workers/activity-deps';
import { createPipelineWorker, type PipelineWorker } from '../../../workers/pipeline-worker';
import { retryStageUpdate, videoStateQuery } from '../../../workflows/definitions';
import type { videoWorkflow } from '../../../workflows/video';
import { eventually } from '../../helpers/eventually';
import { silentLog } from '../../helpers/pipeline-worker';
import { sharedStack } from '../../helpers/shared-stack';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';
import { startTimeSkippingEnvironment } from '../../helpers/time-skipping';
import { startVodEmulator, type RunningVodEmulator } from '../../helpers/vod-emulator';

// A video's months: idle close after the configured days, revival, and a failed video that waits for
// its operator however long it takes. Temporal's time-skipping server jumps over the days; follow-ups
// go to the VOD emulator over HTTP.

const REGION = 'cn-shanghai';
const DAY_MS = 24 * 3_600_000;

describe('video lifecycle over skipped time', () => {
  let env: TestWorkflowEnvironment;
  let smq: RunningSmqEmulator;
  let vod: RunningVodEmulator;
  let taskQueue: string;

  const configWith = (policy: Partial<PipelinePolicyInput>, extraEnv: Record<string, string> = {}) => {
    const config = loadConfig({
      VODFLOW_TASK_QUEUE: taskQueue,
      VOD_ENDPOINT: vod.endpoint,
      SMQ_ENDPOINT: smq.endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: vod.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: vod.accessKeySecret,
      VODFLOW_QUEUES: `${REGION}:unused`,
      VODFLOW_IDLE_CLOSE_DAYS: '2',
      ...extraEnv,
    });
    config.policy = pipelinePolicySchema.parse({ ...config.policy, ...policy });
    return config;
  };

  const worker = (config: VodflowConfig): Promise<PipelineWorker> =>
    createPipelineWorker({
      connection: env.nativeConnection,
      client: env.client,
      namespace: env.namespace ?? 'default',
      taskQueue,
      deps: activityDepsFromConfig(config, silentLog),
      workflowBundle: { codePath: sharedStack().workflowBundlePath },
      // No sticky cache: a stopped worker's sticky queue would hold the next task until a timeout on
      // server time, which stands still here.
      tuning: { shutdownGraceTime: '2s', maxCachedWorkflows: 0 },
    });

  const uploadEvent = (videoId: string): DecodedEvent => {
    const decoded = decodeMessageBody(
      JSON.stringify({
        EventType: 'FileUploadComplete',
        EventTime: '2026-11-25T08:00:00Z',
        VideoId: videoId,
        Status: 'success',
        Size: 1000,
      }),
    );
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.event;
  };
  const meta = { source: 'queue' as const, region: REGION, queue: 'q', messageId: randomUUID() };

  beforeAll(async () => {
    smq = await startSmqEmulator();
    vod = await startVodEmulator({ smqEndpoint: smq.endpoint });
  });
  afterAll(async () => {
    await vod?.close();
    await smq?.close();
  });
  // A server per test: a video left open by one test would hold a workflow task for a worker that is
  // gone, and the server does not skip time while work is outstanding.
  beforeEach(async () => {
    env = await startTimeSkippingEnvironment();
    taskQueue = `lifecycle-${randomUUID()}`;
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('closes a quiet video after the configured days, and a late event revives it with its state', async () => {
    const config = configWith({ transcode: 'off', snapshot: false, aiAudit: false });
    const signal = createVideoSignaller({
      temporal: env.client,
      taskQueue,
      policy: config.policy,
      videoLimits: config.video,
    });
    const videoId = randomUUID().replace(/-/g, '');
    const handle = env.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    await (
      await worker(config)
    ).runUntil(async () => {
      await signal(videoId, REGION, [{ event: uploadEvent(videoId), meta }]);
      // Waiting for the result lets the server skip ahead to the idle close.
      const closed = await handle.result();
      expect(closed.counters.applied).toBe(1);
      const description = await handle.describe();
      const openFor = (description.closeTime?.getTime() ?? 0) - description.startTime.getTime();
      expect(openFor).toBeGreaterThanOrEqual(2 * DAY_MS);

      const late = decodeMessageBody(
        JSON.stringify({
          EventType: 'MediaBaseChangeComplete',
          EventTime: '2026-12-25T08:00:00Z',
          MediaId: videoId,
          Status: 'success',
          MediaType: 'video',
          OperateMode: 'update',
          MediaContent: '{"Title":"renamed"}',
        }),
      );
      if (!late.ok) throw new Error(late.error.message);
      await expect(
        signal(videoId, REGION, [{ event: late.event, meta: { ...meta, messageId: randomUUID() } }]),
      ).resolves.toBe('revived');
      const revived = await handle.query(videoStateQuery);
      expect(revived).toMatchObject({ runs: 2, stage: 'ready', counters: { applied: 2 } });
      expect(revived.uploaded?.implied).toBe(false);
    });
  });

  it('keeps a failed video open for months, and a retry after fixing the configuration succeeds', async () => {
    // No transcode template group: every submission fails with MissingTemplateGroupId.
    const broken = configWith({
      transcode: 'submit',
      templateGroupId: undefined,
      snapshot: false,
      aiAudit: false,
      maxAttempts: 2,
      retryInitialMs: 1_000,
    });
    // A video VOD knows, so that the transcode submission after the fix is accepted.
    const vodClient = createVodClient({
      accessKeyId: vod.accessKeyId,
      accessKeySecret: vod.accessKeySecret,
      region: REGION,
      endpoint: vod.endpoint,
    });
    const { VideoId: videoId } = await vodClient.createUploadVideo({ Title: 'months', FileName: 'clip.mp4' });
    await vod.completeUpload(videoId);
    const handle = env.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const signal = createVideoSignaller({ temporal: env.client, taskQueue, policy: broken.policy });
    await (
      await worker(broken)
    ).runUntil(async () => {
      await signal(videoId, REGION, [{ event: uploadEvent(videoId), meta }]);
      const failed = await eventually(async () => {
        // Server time stands still unless the test skips it: let the retry backoff pass.
        await env.sleep(2_000);
        const view = await handle.query(videoStateQuery);
        expect(view.stage).toBe('failed');
        return view;
      });
      expect(failed.stages.transcode.attempts.map((a) => a.errorCode)).toEqual([
        'MissingTemplateGroupId',
        'MissingTemplateGroupId',
      ]);
      await env.sleep(60 * DAY_MS);
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });

    // The operator sets the template group and restarts the worker; the video was not restarted.
    const fixed = configWith({ ...broken.policy, templateGroupId: 'tg-fixed' });
    await (
      await worker(fixed)
    ).runUntil(async () => {
      await expect(handle.executeUpdate(retryStageUpdate, { args: [{}] })).resolves.toEqual({
        stage: 'transcode',
        attempt: 3,
      });
      const retried = await eventually(async () => {
        const view = await handle.query(videoStateQuery);
        expect(view.stages.transcode.attempts[2]).toMatchObject({ attempt: 3, status: 'submitted' });
        return view;
      });
      expect(retried.policy.templateGroupId).toBe('tg-fixed');
      expect(retried.stage).toBe('transcoding');
      expect((await vod.callCounts()).SubmitTranscodeJobs).toBe(1);
    });
  });
});
