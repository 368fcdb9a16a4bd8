import { WorkflowNotFoundError } from '@temporalio/client';
import { createVideoSignaller } from '../../../activities/video-signaller';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { videoStateQuery } from '../../../workflows/definitions';
import type { videoWorkflow } from '../../../workflows/video';
import { decodedEvent } from '../../helpers/event-fixtures';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { REGION, startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { sharedStack } from '../../helpers/shared-stack';

// A video whose history Temporal's retention removed, or that is older than vodflow, is adopted by
// its next event: vodflow records what VOD did and spends nothing on it.

const SUBMISSIONS = ['SubmitTranscodeJobs', 'SubmitSnapshotJob', 'SubmitAIMediaAuditJob', 'SubmitAIJob'];

const metadataChange = (videoId: string) =>
  decodedEvent({
    EventType: 'MediaBaseChangeComplete',
    EventTime: '2026-11-25T10:00:00Z',
    MediaId: videoId,
    MediaType: 'video',
    OperateMode: 'update',
    Status: 'success',
    MediaContent: '{"Title":"renamed"}',
  });

describe('adoption of videos vodflow did not see begin', () => {
  let stack: PipelineStack;
  let messages = 0;
  const meta = () => ({ source: 'queue' as const, region: REGION, queue: 'q', messageId: `a${++messages}` });

  beforeAll(async () => {
    stack = await startPipelineStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const client = () => stack.worker.client;
  const signaller = (adopt: 'off' | 'record') =>
    createVideoSignaller({
      temporal: client(),
      taskQueue: stack.taskQueue,
      policy: { ...stack.config.policy, adopt },
      videoLimits: stack.config.video,
      reconcile: stack.config.reconcile,
    });
  const submissions = async () => {
    await stack.vod.settle();
    const calls = await stack.vod.callCounts();
    return SUBMISSIONS.reduce((sum, action) => sum + (calls[action] ?? 0), 0);
  };

  it('adopts a purged video on a metadata event: it records the upload from the API and submits nothing', async () => {
    const { VideoId: videoId } = await stack.vodClient.createUploadVideo({
      Title: 'old',
      FileName: 'old.mp4',
    });
    await stack.vod.completeUpload(videoId);
    await backdate(stack.vod.endpoint, videoId, '2025-06-01T00:00:00Z');
    const handle = client().workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    // Its workflow ran once, then retention removed the closed run.
    await signaller('record')(videoId, REGION, [
      {
        event: decodedEvent({
          EventType: 'FileUploadComplete',
          EventTime: '2026-01-01T08:00:00Z',
          VideoId: videoId,
          Status: 'success',
        }),
        meta: meta(),
      },
    ]);
    await handle.terminate('simulated retention');
    await client().workflowService.deleteWorkflowExecution({
      namespace: sharedStack().namespace,
      workflowExecution: { workflowId: videoWorkflowId(videoId) },
    });
    await eventually(
      async () => {
        await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      },
      // The dev server removes a deleted execution in the background, within about half a minute.
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    const before = await submissions();

    await expect(
      signaller('record')(videoId, REGION, [{ event: metadataChange(videoId), meta: meta() }]),
    ).resolves.toBe('signalled');
    const adopted = await eventually(async () => {
      const view = await handle.query(videoStateQuery);
      expect(view.uploaded).toMatchObject({ source: 'reconcile' });
      return view;
    });
    expect(adopted.origin).toBe('adopted');
    expect(adopted.pendingRetries).toEqual([]);
    expect(await submissions()).toBe(before);
    const settled = await handle.query(videoStateQuery);
    expect(followUpsTried(settled.stages)).toBe(0);
    await recordHistory(handle, 'video-v2-adopted-after-purge');
  });

  it('never adopts a video VOD created recently, whatever events of it were lost', async () => {
    const { VideoId: videoId } = await stack.vodClient.createUploadVideo({
      Title: 'recent',
      FileName: 'r.mp4',
    });
    await stack.vod.completeUpload(videoId);
    const before = (await stack.vod.callCounts()).SubmitTranscodeJobs ?? 0;
    // Its creation and upload events were lost: the analysis is the first vodflow hears of it.
    const analysis = decodedEvent({
      EventType: 'VideoAnalysisComplete',
      EventTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      VideoId: videoId,
      Status: 'success',
    });
    await signaller('record')(videoId, REGION, [{ event: analysis, meta: meta() }]);
    const handle = client().workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    await eventually(async () => {
      const view = await handle.query(videoStateQuery);
      expect(view.origin).toBe('new');
      expect(view.uploaded).toMatchObject({ source: 'reconcile', implied: false });
    });
    await eventually(async () =>
      expect((await stack.vod.callCounts()).SubmitTranscodeJobs ?? 0).toBe(before + 1),
    );
  });

  it('with adoption off, starts no workflow for a metadata event of a video it has never seen', async () => {
    const { VideoId: videoId } = await stack.vodClient.createUploadVideo({
      Title: 'never',
      FileName: 'n.mp4',
    });
    await expect(
      signaller('off')(videoId, REGION, [{ event: metadataChange(videoId), meta: meta() }]),
    ).resolves.toBe('skipped');
    await expect(client().workflow.getHandle(videoWorkflowId(videoId)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });
});

// The VOD emulator's admin API: the video becomes older than vodflow.
async function backdate(vodEndpoint: string, videoId: string, creationTime: string): Promise<void> {
  const response = await fetch(`${vodEndpoint}/__admin/videos/${videoId}/creation-time`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ creationTime }),
  });
  if (!response.ok) throw new Error(`backdating ${videoId}: HTTP ${response.status}`);
}

function followUpsTried(stages: Record<string, { attempts: unknown[] }>): number {
  return Object.values(stages).reduce((sum, stage) => sum + stage.attempts.length, 0);
}
