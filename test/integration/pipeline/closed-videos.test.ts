import { reviveVideo } from '../../../activities/video-revival';
import { createVideoSignaller } from '../../../activities/video-signaller';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { listVideos, readVideoStatus } from '../../../cli/video-reads';
import { cancelVideoUpdate, videoStateQuery } from '../../../workflows/definitions';
import type { videoWorkflow } from '../../../workflows/video';
import { VideoState, type EventMeta } from '../../../workflows/video-state';
import { eventually } from '../../helpers/eventually';
import { fixtureEvent } from '../../helpers/event-fixtures';
import { recordHistory } from '../../helpers/history-recorder';
import { silentLog, startPipelineWorker, type RunningPipelineWorker } from '../../helpers/pipeline-worker';

// The read side and the operator actions once a video's workflow has closed, on a real Temporal
// server: what `vodflow status` and `vodflow list` print, and retry/cancel reopening a closed video.

// VOD transcodes by itself and a single failure is final: a video fails without follow-ups.
const policy = pipelinePolicySchema.parse({
  transcode: 'auto',
  snapshot: false,
  aiAudit: false,
  maxAttempts: 1,
});
const limits = { maxHistoryEvents: 40, idleCloseMs: 1_000 };

let messages = 0;
const meta = (): EventMeta => ({
  source: 'queue',
  region: 'cn-shanghai',
  queue: 'q',
  messageId: `m${++messages}`,
});
const uniqueVideoId = () => `v${Date.now().toString(16)}${Math.random().toString(16).slice(2, 10)}`;

describe('closed videos', () => {
  let running: RunningPipelineWorker;
  const unused = (what: string) => () => {
    throw new Error(`${what} is not expected in this test`);
  };

  beforeAll(async () => {
    running = await startPipelineWorker({
      policy,
      queue: unused('a queue'),
      followUps: unused('a follow-up'),
      vodQueries: unused('a VOD query'),
      log: silentLog,
      videoLimits: limits,
      reconcile: undefined,
    });
  });
  afterAll(async () => {
    await running?.stop();
  });

  const deps = () => ({
    temporal: running.client,
    taskQueue: running.taskQueue,
    policy,
    videoLimits: limits,
  });
  const signal = (videoId: string, name: string, patch: Record<string, unknown> = {}) =>
    createVideoSignaller(deps())(videoId, 'cn-shanghai', [
      {
        event: fixtureEvent(name, videoId, patch),
        meta: meta(),
      },
    ]);
  const handleOf = (videoId: string) =>
    running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));

  it('shows a deleted video’s final stage and reason, without internals', async () => {
    const videoId = uniqueVideoId();
    await signal(videoId, 'FileUploadComplete.success');
    await signal(videoId, 'DeleteMediaComplete.success');
    await handleOf(videoId).result();

    const status = await readVideoStatus(running.client, videoId);
    expect(status).toMatchObject({ open: false, stage: 'deleted', status: 'complete' });
    expect(status.reason).toMatch(/^deleted in VOD at /);
    for (const internal of ['dedupKeys', 'basePolicy', 'version'])
      expect(status).not.toHaveProperty(internal);
    expect(status.policy).toEqual(policy);
  });

  it('shows a cancelled video with the operator’s reason, and a failed one with its error', async () => {
    const cancelled = uniqueVideoId();
    await signal(cancelled, 'FileUploadComplete.success');
    await handleOf(cancelled).executeUpdate(cancelVideoUpdate, { args: [{ reason: 'duplicate upload' }] });
    await handleOf(cancelled).result();
    await expect(readVideoStatus(running.client, cancelled)).resolves.toMatchObject({
      open: false,
      stage: 'cancelled',
      reason: 'cancelled by an operator: duplicate upload',
    });

    const failed = uniqueVideoId();
    await signal(failed, 'FileUploadComplete.success');
    await signal(failed, 'TranscodeComplete.failure');
    const view = await eventually(async () => {
      const current = await readVideoStatus(running.client, failed);
      expect(current.stage).toBe('failed');
      return current;
    });
    expect(view).toMatchObject({ open: true, status: 'attention' });
    expect(view.reason).toMatch(/^transcode failed after 1 attempts: /);
    await recordHistory(handleOf(failed), 'video-v2-failed-stays-open');
  });

  it('lists one row per video, its latest run, after continue-as-new and revival', async () => {
    // Uploaded and waiting for VOD's transcode: it does not idle-close meanwhile.
    const continued = uniqueVideoId();
    await signal(continued, 'FileUploadComplete.success');
    const firstRun = (await handleOf(continued).describe()).runId;
    for (let i = 1; i <= 30; i++) {
      await signal(continued, 'VideoAnalysisComplete.success', {
        EventTime: `2026-11-25T08:00:${String(i).padStart(2, '0')}Z`,
      });
    }
    await eventually(async () =>
      expect((await handleOf(continued).query(videoStateQuery)).runs).toBeGreaterThan(1),
    );
    await recordHistory(handleOf(continued), 'video-v2-continue-as-new-run1', firstRun);
    await recordHistory(handleOf(continued), 'video-v2-continue-as-new-run2');

    const revived = uniqueVideoId();
    await signal(revived, 'FileUploadComplete.success');
    await signal(revived, 'DeleteMediaComplete.success');
    await handleOf(revived).result();
    await signal(revived, 'SnapshotComplete.success');
    await handleOf(revived).result();
    await signal(revived, 'TranscodeComplete.success');
    await handleOf(revived).result();

    await eventually(async () => {
      const rows = (await listVideos(running.client, { limit: 10_000 })).filter((row) =>
        [continued, revived].includes(row.videoId),
      );
      expect(rows.map((row) => row.videoId).sort()).toEqual([continued, revived].sort());
      const revivedRow = rows.find((row) => row.videoId === revived);
      expect(revivedRow).toMatchObject({ stage: 'deleted', open: false, lastEvent: 'TranscodeComplete' });
      for (const row of rows) expect(row.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });
    const deletedRows = await listVideos(running.client, { stage: 'deleted', limit: 10_000 });
    expect(deletedRows.filter((row) => row.videoId === revived)).toHaveLength(1);
  });

  it('reopens an idle-closed video for an operator’s cancel, and refuses without reopening when the state says no', async () => {
    const videoId = uniqueVideoId();
    await signal(videoId, 'FileUploadComplete.success');
    await signal(videoId, 'TranscodeComplete.success');
    // Ready and awaiting nothing: it closes after the (test-short) idle period.
    const closed = await handleOf(videoId).result();
    expect(closed.cancelled).toBeUndefined();
    const idleRun = (await handleOf(videoId).describe()).runId;

    const reopenedFrom = await reviveVideo(deps(), videoId, (state) => {
      expect(VideoState.restore(state).cancelRefusal()).toBeUndefined();
    });
    expect(reopenedFrom?.runs).toBe(2);
    await handleOf(videoId).executeUpdate(cancelVideoUpdate, { args: [{ reason: 'taken down' }] });
    const final = await handleOf(videoId).result();
    expect(final).toMatchObject({ runs: 2, cancelled: { reason: 'taken down' } });
    const runBefore = (await handleOf(videoId).describe()).runId;
    await recordHistory(handleOf(videoId), 'video-v2-idle-closed-run1', idleRun);
    await recordHistory(handleOf(videoId), 'video-v2-reopened-and-cancelled-run2', runBefore);

    await expect(
      reviveVideo(deps(), videoId, (state) => {
        const refusal = VideoState.restore(state).cancelRefusal();
        if (refusal) throw new Error(refusal);
      }),
    ).rejects.toThrow('already cancelled');
    expect((await handleOf(videoId).describe()).runId).toBe(runBefore);
  });
});
