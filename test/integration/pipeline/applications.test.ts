import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { SmqClient } from '../../../clients/smq';
import { sweepNow } from '../../../clients/temporal/sweep-schedule';
import { encodeEventBody } from '../../../common/events';
import { loadConfig } from '../../../common/config';
import { parsePollerOptions } from '../../../common/poller-options';
import { QUARANTINE_WORKFLOW_ID_PREFIX, videoWorkflowId } from '../../../common/workflow-ids';
import { LOSE_EVENTS_MARKER } from '../../../emulators/vod/engine/vod-engine';
import { startConsumers } from '../../../starters/start-consumers';
import { configureCallback } from '../../../starters/configure-callback';
import { activityDepsFromConfig } from '../../../workers/activity-deps';
import { quarantineEntryQuery, stopConsumerSignal } from '../../../workflows/definitions';
import type { smqConsumerWorkflow } from '../../../workflows/consumer';
import type { quarantinedMessageWorkflow } from '../../../workflows/quarantine';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { REGION, startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { silentLog, startPipelineWorker, type RunningPipelineWorker } from '../../helpers/pipeline-worker';

// Several environments on one VOD account: each deployment serves its own VOD application (AppId)
// through its own queue and task queue, on one Temporal namespace. Production (A) serves VOD's
// default application, staging (B) another one; a third application's callback is pointed at A's
// queue by mistake.

const STAGING_APP = 'app-staging01';
const ROGUE_APP = 'app-rogue01';
const WINDOW = { intervalMs: 60_000, windowMs: 3_600_000, graceMs: 0 };

describe('several applications on one account', () => {
  let production: PipelineStack;
  let stagingWorker: RunningPipelineWorker;
  let stagingQueueName: string;
  let stagingTaskQueue: string;
  let client: Client;
  const consumers: WorkflowHandle<typeof smqConsumerWorkflow>[] = [];

  beforeAll(async () => {
    production = await startPipelineStack({ env: { VODFLOW_APP_ID: 'app-1000000' } });
    consumers.push(await production.startConsumer());
    client = production.worker.client;

    stagingQueueName = `staging-events-${randomUUID().slice(0, 8)}`;
    stagingTaskQueue = `vodflow-staging-${randomUUID()}`;
    const credentials = {
      accessKeyId: production.vod.accessKeyId,
      accessKeySecret: production.vod.accessKeySecret,
    };
    await new SmqClient(stagingQueueName, { ...credentials, endpoint: production.smq.endpoint }).createQueue({
      visibilityTimeout: 10,
    });
    await configureCallback(production.vodClient, {
      mnsEndpoint: production.smq.endpoint,
      queueName: stagingQueueName,
      appId: STAGING_APP,
    });
    const stagingConfig = loadConfig({
      ...production.workerEnv,
      VODFLOW_TASK_QUEUE: stagingTaskQueue,
      VODFLOW_QUEUES: `${REGION}:${stagingQueueName}`,
      VODFLOW_APP_ID: STAGING_APP,
    });
    stagingWorker = await startPipelineWorker(
      { ...activityDepsFromConfig(stagingConfig, silentLog), heartbeatIntervalMs: 1_000 },
      { taskQueue: stagingTaskQueue },
    );
    const [started] = await startConsumers(client, {
      queues: [{ region: REGION, queue: stagingQueueName }],
      shards: 1,
      taskQueue: stagingTaskQueue,
      poller: parsePollerOptions({ waitSeconds: 1, runForMs: 60_000 }),
    });
    if (started) consumers.push(client.workflow.getHandle(started.workflowId));
  });

  afterAll(async () => {
    for (const handle of consumers) {
      await handle.signal(stopConsumerSignal).catch(() => undefined);
      await handle.result().catch(() => undefined);
    }
    await stagingWorker?.stop();
    await production?.close();
  });

  const uploadTo = async (appId: string | undefined, title: string): Promise<string> => {
    const { VideoId } = await production.vodClient.createUploadVideo({
      Title: title,
      FileName: 'clip.mp4',
      ...(appId ? { AppId: appId } : {}),
    });
    await production.vod.completeUpload(VideoId);
    return VideoId;
  };
  const taskQueueOf = async (videoId: string): Promise<string> =>
    (await client.workflow.getHandle(videoWorkflowId(videoId)).describe()).taskQueue;
  const hasWorkflow = async (videoId: string): Promise<boolean> =>
    client.workflow
      .getHandle(videoWorkflowId(videoId))
      .describe()
      .then(
        () => true,
        () => false,
      );

  it("delivers each application's uploads to its own deployment only", async () => {
    const prodVideo = await uploadTo(undefined, 'production upload');
    const stagingVideo = await uploadTo(STAGING_APP, 'staging upload');

    const prodView = await production.waitForStage(prodVideo, 'ready');
    expect(prodView.application).toMatchObject({ expected: 'app-1000000', actual: 'app-1000000' });
    expect(await taskQueueOf(prodVideo)).toBe(production.taskQueue);

    const stagingView = await production.waitForStage(stagingVideo, 'ready');
    expect(stagingView.application).toMatchObject({ expected: STAGING_APP, actual: STAGING_APP });
    expect(await taskQueueOf(stagingVideo)).toBe(stagingTaskQueue);
    await recordHistory(
      client.workflow.getHandle(videoWorkflowId(prodVideo)),
      'video-v2-application-checked',
    );
    await recordHistory(client.workflow.getHandle(videoWorkflowId(stagingVideo)), 'video-v2-baseline1-ready');

    // Started with the current patch baseline: not one patch marker, so no TemporalChangeVersion upsert.
    const { events } = await client.workflow.getHandle(videoWorkflowId(stagingVideo)).fetchHistory();
    const patchMarkers = (events ?? []).filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_patch',
    );
    expect(patchMarkers).toEqual([]);
  });

  it("sweeps only the deployment's own application", async () => {
    // Videos whose every event is lost: only a sweep can find them.
    const lostProd = await uploadTo(undefined, `${LOSE_EVENTS_MARKER} production`);
    const lostStaging = await uploadTo(STAGING_APP, `${LOSE_EVENTS_MARKER} staging`);

    const prodSweep = await sweepNow(client, { region: REGION, taskQueue: production.taskQueue, ...WINDOW });
    expect(prodSweep.started).toContain(lostProd);
    expect(prodSweep.started).not.toContain(lostStaging);
    expect(prodSweep.otherApplications).toBeGreaterThanOrEqual(1);
    expect(await hasWorkflow(lostStaging)).toBe(false);

    const stagingSweep = await sweepNow(client, { region: REGION, taskQueue: stagingTaskQueue, ...WINDOW });
    expect(stagingSweep.started).toEqual([lostStaging]);
    expect(await taskQueueOf(lostStaging)).toBe(stagingTaskQueue);
  });

  it('reports, and does not process, a video of an application whose callback points at the wrong queue', async () => {
    await configureCallback(production.vodClient, {
      mnsEndpoint: production.smq.endpoint,
      queueName: production.queueName,
      appId: ROGUE_APP,
    });
    const rogueVideo = await uploadTo(ROGUE_APP, 'mis-wired upload');

    const view = await production.waitForStage(rogueVideo, 'foreign');
    expect(view.status).toBe('attention');
    expect(view.reason).toContain(ROGUE_APP);
    expect(view.stages.transcode.attempts).toEqual([]);
    // Nothing more will happen to it: its workflow closes instead of waiting for follow-ups.
    await client.workflow.getHandle(videoWorkflowId(rogueVideo)).result();
    await recordHistory(
      client.workflow.getHandle(videoWorkflowId(rogueVideo)),
      'video-v2-foreign-application',
    );
    const { TranscodeTaskList } = await production.vodClient.listTranscodeTask({ VideoId: rogueVideo });
    expect(TranscodeTaskList).toEqual([]);
    await eventually(async () => {
      let found = 0;
      for await (const _ of client.workflow.list({
        query: `WorkflowId = '${videoWorkflowId(rogueVideo)}' AND VodStage = 'foreign'`,
      }))
        found += 1;
      expect(found).toBe(1);
    });
  });

  it('sets aside an event that names another application, without starting its video', async () => {
    const videoId = 'aa11bb22cc33dd44ee55ff6677889900';
    await production.queue.sendMessage(
      encodeEventBody(
        {
          EventType: 'UploadByURLComplete',
          EventTime: '2026-12-01T08:00:00Z',
          JobId: 'job-0001',
          VideoId: videoId,
          Status: 'Success',
          AppId: ROGUE_APP,
        },
        'base64',
      ),
    );
    const prefix = `${QUARANTINE_WORKFLOW_ID_PREFIX}${REGION}:${production.queueName}:`;
    const entry = await eventually(async () => {
      const found: WorkflowHandle<typeof quarantinedMessageWorkflow>[] = [];
      for await (const execution of client.workflow.list({
        query: `WorkflowType = "quarantinedMessageWorkflow" AND WorkflowId STARTS_WITH "${prefix}"`,
      }))
        found.push(client.workflow.getHandle(execution.workflowId));
      expect(found).toHaveLength(1);
      return found[0];
    });
    const view = await entry.query(quarantineEntryQuery);
    expect(view.reasonCode).toBe('foreign-app');
    expect(view.reason).toContain(ROGUE_APP);
    expect(await hasWorkflow(videoId)).toBe(false);
  });
});
