import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createVideoSignaller } from '../../../activities/video-signaller';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { videoWorkflowId } from '../../../common/workflow-ids';
import {
  cancelVideoUpdate,
  retryStageUpdate,
  videoStateQuery,
  type VodEventSignalArgs,
} from '../../../workflows/definitions';
import type { videoWorkflow } from '../../../workflows/video';
import type { EventMeta } from '../../../workflows/video-state';
import { eventually } from '../../helpers/eventually';
import { decodedEvent, fixtureEvent } from '../../helpers/event-fixtures';
import { recordHistory } from '../../helpers/history-recorder';
import { silentLog, startPipelineWorker, type RunningPipelineWorker } from '../../helpers/pipeline-worker';

// The video workflow on a real Temporal server, with a policy that submits no follow-ups: events in,
// state out. Follow-ups through the VOD emulator are covered by the end-to-end pipeline tests.

const noFollowUps = pipelinePolicySchema.parse({ transcode: 'auto', snapshot: false, aiAudit: false });

const meta = (messageId: string): EventMeta => ({
  source: 'queue',
  region: 'cn-shanghai',
  queue: 'q',
  messageId,
});

describe('video workflow on a real Temporal server', () => {
  let running: RunningPipelineWorker;
  const unused = (what: string) => () => {
    throw new Error(`${what} is not expected in this test`);
  };

  beforeAll(async () => {
    running = await startPipelineWorker({
      policy: noFollowUps,
      queue: unused('a queue'),
      followUps: unused('a follow-up'),
      vodQueries: unused('a VOD query'),
      log: silentLog,
      videoLimits: { maxHistoryEvents: 40 },
    });
  });
  afterAll(async () => {
    await running?.stop();
  });

  const batchSignaller = () =>
    createVideoSignaller({
      temporal: running.client,
      taskQueue: running.taskQueue,
      policy: noFollowUps,
      videoLimits: { maxHistoryEvents: 40 },
    });
  const signaller = () => {
    const signalVideo = batchSignaller();
    return (videoId: string, region: string, payload: VodEventSignalArgs) =>
      signalVideo(videoId, region, [payload]);
  };
  const historyOf = async (videoId: string) =>
    (await running.client.workflow.getHandle(videoWorkflowId(videoId)).fetchHistory()).events ?? [];
  const uniqueVideoId = () => `v${Date.now().toString(16)}${Math.random().toString(16).slice(2, 10)}`;

  it('applies events, ignores duplicates and reports the state by query and search attributes', async () => {
    const videoId = uniqueVideoId();
    const signal = signaller();
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('FileUploadComplete.success', videoId),
      meta: meta('m1'),
    });
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('TranscodeComplete.success', videoId),
      meta: meta('m2'),
    });
    // The same message again, and the same event under a new message id.
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('TranscodeComplete.success', videoId),
      meta: meta('m2'),
    });
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('TranscodeComplete.success', videoId),
      meta: meta('m3'),
    });

    const handle = running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const state = await eventually(async () => {
      const view = await handle.query(videoStateQuery);
      expect(view.counters).toEqual({ applied: 2, duplicates: 2, unknown: 0 });
      return view;
    });
    expect(state.stage).toBe('ready');
    expect(state.stages.transcode.attempts).toEqual([expect.objectContaining({ status: 'succeeded' })]);

    await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of running.client.workflow.list({
        query: `VodStage = "ready" AND WorkflowId = "${videoWorkflowId(videoId)}"`,
      })) {
        ids.push(wf.workflowId);
      }
      expect(ids).toEqual([videoWorkflowId(videoId)]);
    });
    await recordHistory(handle, 'video-dedup-and-query');
  });

  it('applies several events of one signal in order, with the same dedup as one by one', async () => {
    const videoId = uniqueVideoId();
    await batchSignaller()(videoId, 'cn-shanghai', [
      { event: fixtureEvent('FileUploadComplete.success', videoId), meta: meta('b1') },
      { event: fixtureEvent('TranscodeComplete.success', videoId), meta: meta('b2') },
      { event: fixtureEvent('TranscodeComplete.success', videoId), meta: meta('b2') },
      { event: fixtureEvent('TranscodeComplete.success', videoId), meta: meta('b3') },
    ]);
    const handle = running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const view = await eventually(async () => {
      const state = await handle.query(videoStateQuery);
      expect(state.counters).toEqual({ applied: 2, duplicates: 2, unknown: 0 });
      return state;
    });
    expect(view.stage).toBe('ready');
    // b2 again is the same message, b3 the same content: both absorbed by dedup, in order.
    expect(view.log.map((entry) => [entry.eventType, entry.messageId])).toEqual([
      ['FileUploadComplete', 'b1'],
      ['TranscodeComplete', 'b2'],
    ]);
    const signals = (await historyOf(videoId)).flatMap((event) =>
      event.workflowExecutionSignaledEventAttributes
        ? [event.workflowExecutionSignaledEventAttributes.signalName]
        : [],
    );
    expect(signals).toEqual(['vodEvents']);
  });

  it('records an unknown event type on its video', async () => {
    const videoId = uniqueVideoId();
    const hologram = decodedEvent({
      EventType: 'HologramReady',
      EventTime: '2026-11-25T08:00:00Z',
      VideoId: videoId,
      Status: 'success',
    });
    await signaller()(videoId, 'cn-shanghai', { event: hologram, meta: meta('u1') });
    const handle = running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    await eventually(async () => {
      const view = await handle.query(videoStateQuery);
      expect(view.unknownEventTypes).toEqual(['HologramReady']);
      expect(view.counters.unknown).toBe(1);
    });
  });

  it('continues as new past the history limit, keeping state and dedup', async () => {
    const videoId = uniqueVideoId();
    const signal = signaller();
    const handle = running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const firstRun = await (async () => {
      await signal(videoId, 'cn-shanghai', {
        event: fixtureEvent('FileUploadComplete.success', videoId),
        meta: meta('c0'),
      });
      return (await handle.describe()).runId;
    })();
    for (let i = 1; i <= 30; i++) {
      const event = fixtureEvent('VideoAnalysisComplete.success', videoId, {
        EventTime: `2026-11-25T08:00:${String(i).padStart(2, '0')}Z`,
      });
      await signal(videoId, 'cn-shanghai', { event, meta: meta(`c${i}`) });
    }
    // A duplicate of the very first event, after the restart.
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('FileUploadComplete.success', videoId),
      meta: meta('c0'),
    });

    await eventually(async () => {
      const view = await handle.query(videoStateQuery);
      expect(view.counters).toEqual({ applied: 31, duplicates: 1, unknown: 0 });
      expect(view.runs).toBeGreaterThan(1);
    });
    expect((await handle.describe()).runId).not.toBe(firstRun);
    await recordHistory(handle, 'video-after-continue-as-new');
  });

  it('closes on deletion, and a late event revives it with its state instead of starting empty', async () => {
    const videoId = uniqueVideoId();
    const signal = signaller();
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('FileUploadComplete.success', videoId),
      meta: meta('d1'),
    });
    await signal(videoId, 'cn-shanghai', {
      event: fixtureEvent('DeleteMediaComplete.success', videoId),
      meta: meta('d2'),
    });
    const handle = running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const closed = await handle.result();
    expect(closed.deleted?.outcome).toBe('success');

    await expect(
      signal(videoId, 'cn-shanghai', {
        event: fixtureEvent('SnapshotComplete.success', videoId),
        meta: meta('d3'),
      }),
    ).resolves.toBe('revived');
    const revived = await handle.result();
    expect(revived.counters).toEqual({ applied: 3, duplicates: 0, unknown: 0 });
    expect(revived.runs).toBe(2);
    expect(revived.uploaded?.implied).toBe(false);
    await recordHistory(handle, 'video-revived-after-delete');
  });

  it('refuses operator actions that make no sense, with the reason', async () => {
    const videoId = uniqueVideoId();
    await signaller()(videoId, 'cn-shanghai', {
      event: fixtureEvent('FileUploadComplete.success', videoId),
      meta: meta('r1'),
    });
    const handle = running.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const refusal = await handle.executeUpdate(retryStageUpdate, { args: [{}] }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refusal as WorkflowUpdateFailedError).cause?.message)).toMatch(/no stage has failed/);

    await expect(handle.executeUpdate(cancelVideoUpdate, { args: [{ reason: 'test' }] })).resolves.toEqual({
      stage: 'cancelled',
    });
    const final = await handle.result();
    expect(final.cancelled?.reason).toBe('test');
    await recordHistory(handle, 'video-refusals-and-cancel');
  });
});
