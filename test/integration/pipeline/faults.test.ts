import { videoWorkflowId } from '../../../common/workflow-ids';
import { retryStageUpdate } from '../../../workflows/definitions';
import type { videoWorkflow } from '../../../workflows/video';
import type { VideoView } from '../../../workflows/video-state';
import { recordHistory } from '../../helpers/history-recorder';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

// What ends up in a video's state when the same events arrive in another order, twice, or late:
// the parts that must not depend on delivery.
function outcomeOf(view: VideoView): unknown {
  return {
    stage: view.stage,
    stages: Object.fromEntries(
      Object.entries(view.stages).map(([stage, state]) => [
        stage,
        state.attempts.map((a) => [a.attempt, a.status]),
      ]),
    ),
    streams: Object.fromEntries(Object.entries(view.streams).map(([key, s]) => [key, s.outcome])),
    applied: view.counters.applied,
  };
}

describe('pipeline under delivery faults', () => {
  let stack: PipelineStack;
  afterEach(async () => {
    await stack?.close();
  });

  it('applies duplicated events once and submits no second follow-up', async () => {
    // VOD writes every event twice, and SMQ hands some messages to a second receiver as well.
    stack = await startPipelineStack({ vod: { faults: { duplicateRate: 1 }, seed: 7 } });
    await stack.smq.admin.setFaults({ duplicateRate: 0.5, operations: ['receive'], seed: 11 });
    await stack.startConsumer();
    const videoIds = await Promise.all([stack.upload('dup 1'), stack.upload('dup 2')]);
    for (const videoId of videoIds) {
      const view = await stack.waitForStage(videoId, 'ready');
      expect(view.counters.duplicates).toBeGreaterThan(0);
      expect(view.stages.transcode.attempts).toHaveLength(1);
      expect(view.stages.snapshot.attempts).toHaveLength(1);
      expect(view.stages.aiAudit.attempts).toHaveLength(1);
    }
    expect(await stack.vod.callCounts()).toMatchObject({
      SubmitTranscodeJobs: 2,
      SubmitSnapshotJob: 2,
      SubmitAIMediaAuditJob: 2,
    });
  });

  it('reaches the same state when events arrive out of order', async () => {
    stack = await startPipelineStack({ vod: { seed: 3 } });
    await stack.startConsumer();
    const inOrder = await stack.upload('in order');
    const reference = outcomeOf(await stack.waitForStage(inOrder, 'ready'));

    // TranscodeComplete before its streams, and other events held back so later ones overtake them.
    await stack.vod.setFaults({ reorderRate: 1 });
    const shuffled = await stack.upload('shuffled');
    const reordered = await stack.waitForStage(shuffled, 'ready');
    expect(outcomeOf(reordered)).toEqual(reference);
  });

  it('retries a failing stage with backoff, ends failed, and retryStage brings it back', async () => {
    // Without transcoding the snapshot is the first follow-up; every job fails until faults clear.
    stack = await startPipelineStack({
      policy: { transcode: 'off', maxAttempts: 2, retryInitialMs: 300 },
      vod: { faults: { jobFailureRate: 1 } },
    });
    await stack.startConsumer();
    const videoId = await stack.upload('flaky snapshots');
    const failed = await stack.waitForStage(videoId, 'failed');
    expect(failed.stages.snapshot.attempts.map((a) => a.status)).toEqual(['failed', 'failed']);
    expect(failed.status).toBe('attention');

    await stack.vod.setFaults({ jobFailureRate: 0 });
    const handle = stack.worker.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    await expect(handle.executeUpdate(retryStageUpdate, { args: [{ stage: 'snapshot' }] })).resolves.toEqual({
      stage: 'snapshot',
      attempt: 3,
    });
    const ready = await stack.waitForStage(videoId, 'ready');
    expect(ready.stages.snapshot.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect((await stack.vod.callCounts()).SubmitSnapshotJob).toBe(3);
    await recordHistory(handle, 'video-retry-after-failure');
  });

  it('marks a video blocked on an AI block suggestion and submits nothing after', async () => {
    stack = await startPipelineStack();
    await stack.startConsumer();
    const videoId = await stack.upload('clip vodemu-block');
    const blocked = await stack.waitForStage(videoId, 'blocked');
    expect(blocked.stages.aiAudit.result).toMatchObject({ suggestion: 'block' });
    expect(blocked.status).toBe('attention');
  });
});
