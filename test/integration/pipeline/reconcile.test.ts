import { buildUserData } from '../../../clients/vod';
import { ensureSweepSchedule, sweepNow } from '../../../clients/temporal/sweep-schedule';
import { connectClient } from '../../../clients/temporal/connect';
import type { Client } from '@temporalio/client';
import type { FollowUpStage, PolicyOverride } from '../../../common/pipeline-policy';
import { sweepScheduleId, videoWorkflowId } from '../../../common/workflow-ids';
import type { VideoView } from '../../../workflows/video-state';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

// Lost callbacks: the VOD emulator drops events the way VOD does after three failed writes, and
// every video still reaches its right final stage, because deadlines send the video workflow to
// VOD's API (reconciliation) and the sweep finds videos whose upload event never came.

const REGION = 'cn-shanghai';

// Deadlines short enough for a test; the defaults are minutes to hours.
const FAST_DEADLINES = {
  VODFLOW_DEADLINE_UPLOAD_SECONDS: '2',
  VODFLOW_DEADLINE_TRANSCODE_SECONDS: '1',
  // The emulator reports each source's length (VideoAnalysisComplete); none may stretch a deadline.
  VODFLOW_DEADLINE_TRANSCODE_PER_SOURCE_MINUTE_SECONDS: '0',
  VODFLOW_DEADLINE_SNAPSHOT_SECONDS: '1',
  VODFLOW_DEADLINE_AI_SECONDS: '1',
  VODFLOW_RECHECK_INITIAL_SECONDS: '0.5',
  VODFLOW_RECHECK_MAX_SECONDS: '1',
  VODFLOW_RECONCILE_MAX_UNKNOWN_CHECKS: '3',
  VODFLOW_VOD_QUERY_RATE: '50',
};

const SUBMIT_ACTION: Record<FollowUpStage, string> = {
  transcode: 'SubmitTranscodeJobs',
  snapshot: 'SubmitSnapshotJob',
  aiAudit: 'SubmitAIMediaAuditJob',
  aiTag: 'SubmitAIJob',
  aiDna: 'SubmitAIJob',
};

const ALL_STAGES: FollowUpStage[] = ['transcode', 'snapshot', 'aiAudit', 'aiTag', 'aiDna'];

// One submission per follow-up stage (tagging and fingerprinting are both SubmitAIJob):
// reconciliation reads VOD's API, it never resubmits a job that finished.
function expectEachSubmittedOnce(before: Record<string, number>, after: Record<string, number>): void {
  for (const action of new Set(Object.values(SUBMIT_ACTION))) {
    expect((after[action] ?? 0) - (before[action] ?? 0)).toBe(action === 'SubmitAIJob' ? 2 : 1);
  }
}

function succeededVia(view: VideoView, stage: FollowUpStage): string | undefined {
  const attempts = view.stages[stage].attempts;
  expect(attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'succeeded' })]);
  return attempts[0]?.completedVia;
}

describe('lost callbacks: deadlines, reconciliation and the sweep', () => {
  let stack: PipelineStack;
  let client: Client;
  let closeClient: () => Promise<void>;

  beforeAll(async () => {
    stack = await startPipelineStack({
      policy: { aiTag: true, aiDna: true },
      env: FAST_DEADLINES,
    });
    await stack.startConsumer();
    ({ client, close: closeClient } = await connectClient(stack.config.temporal));
  });
  afterEach(async () => {
    await stack.vod.setFaults({ dropEventTypes: [], jobFailureRate: 0 });
  });
  afterAll(async () => {
    await client?.schedule
      .getHandle(sweepScheduleId(REGION))
      .delete()
      .catch(() => undefined);
    await closeClient?.();
    await stack?.close();
  });

  const submissions = async (): Promise<Record<string, number>> => stack.vod.callCounts();

  // An upload whose own policy (UserData.Extend) leaves out the stages named, and the AI tagging and
  // fingerprinting this stack turns on: the faults of a test then touch only the stage it is about.
  const uploadWithPolicy = async (title: string, policy: PolicyOverride): Promise<string> => {
    const { VideoId } = await stack.vodClient.createUploadVideo({
      Title: title,
      FileName: 'clip.mp4',
      UserData: buildUserData({ extend: { vodflow: { policy: { aiTag: false, aiDna: false, ...policy } } } }),
    });
    await stack.vod.completeUpload(VideoId);
    return VideoId;
  };

  const cases: { dropped: string[]; stage: FollowUpStage }[] = [
    { dropped: ['TranscodeComplete'], stage: 'transcode' },
    { dropped: ['StreamTranscodeComplete', 'TranscodeComplete'], stage: 'transcode' },
    { dropped: ['SnapshotComplete'], stage: 'snapshot' },
    { dropped: ['AIMediaAuditComplete'], stage: 'aiAudit' },
    { dropped: ['AIVideoTagComplete'], stage: 'aiTag' },
    { dropped: ['AIMediaDNAComplete'], stage: 'aiDna' },
  ];

  it.each(cases)('recovers a lost $dropped from the VOD API', async ({ dropped, stage }) => {
    await stack.vod.setFaults({ dropEventTypes: dropped });
    const before = await submissions();
    const videoId = await stack.upload(`lost ${dropped.join('+')}`);

    const view = await stack.waitForStage(videoId, 'ready');
    for (const other of ALL_STAGES) {
      expect(succeededVia(view, other)).toBe(other === stage ? 'reconcile' : 'queue');
    }
    expect(view.reconciled).toEqual({ [stage]: 1 });
    expect(view.log.filter((entry) => entry.source === 'reconcile').length).toBeGreaterThan(0);
    expectEachSubmittedOnce(before, await submissions());
  });

  it('takes the real event, arriving after reconciliation, as a duplicate that changes nothing', async () => {
    await stack.vod.setFaults({ dropEventTypes: ['SnapshotComplete'] });
    const videoId = await stack.upload('late snapshot event');
    await stack.waitForStage(videoId, 'ready');
    const reconciled = await stack.state(videoId);
    expect(reconciled.stages.snapshot.attempts[0]?.completedVia).toBe('reconcile');

    const lost = stack.vod.emulator.engine.log
      .dropped()
      .find((record) => record.mediaId === videoId && record.eventType === 'SnapshotComplete');
    if (!lost) throw new Error('the emulator did not record the dropped SnapshotComplete');
    const callsBefore = await submissions();
    await stack.queue.sendMessage(lost.body);

    const after = await eventually(async () => {
      const view = await stack.state(videoId);
      expect(view.counters.duplicates).toBe(reconciled.counters.duplicates + 1);
      return view;
    });
    expect(after.stage).toBe('ready');
    expect(after.stages).toEqual(reconciled.stages);
    expect(after.counters.applied).toBe(reconciled.counters.applied);
    expect(after.log.at(-1)).toMatchObject({
      eventType: 'SnapshotComplete',
      source: 'queue',
      result: 'duplicate',
    });
    expect(await submissions()).toEqual(callsBefore);
  });

  it('fails the stage when VOD reports the job failed, as if the failure event had come', async () => {
    await stack.vod.setFaults({ dropEventTypes: ['AIMediaAuditComplete'], jobFailureRate: 1 });
    // Only the AI review for this video.
    const videoId = await uploadWithPolicy('audit fails, event lost', { transcode: 'off', snapshot: false });

    const view = await stack.waitForStage(videoId, 'failed');
    const attempts = view.stages.aiAudit.attempts;
    expect(attempts.map((a) => [a.attempt, a.status, a.completedVia, a.errorCode])).toEqual([
      [1, 'failed', 'reconcile', 'InternalError'],
      [2, 'failed', 'reconcile', 'InternalError'],
      [3, 'failed', 'reconcile', 'InternalError'],
    ]);
    expect(view.reconciled).toEqual({ aiAudit: 3 });
  });

  it('counts a job VOD has no record of as lost, and the retried attempt completes', async () => {
    // A failed snapshot job leaves no trace in ListSnapshots: with its event lost too, only the
    // bounded unknown checks end the wait.
    await stack.vod.setFaults({ dropEventTypes: ['SnapshotComplete'], jobFailureRate: 1 });
    const videoId = await uploadWithPolicy('snapshot fails, event lost', {
      transcode: 'off',
      aiAudit: false,
    });
    await eventually(async () => {
      const view = await stack.state(videoId);
      expect(view.stages.snapshot.attempts[0]).toMatchObject({
        status: 'failed',
        errorCode: 'Vodflow.CompletionLost',
      });
    });
    await stack.vod.setFaults({ jobFailureRate: 0, dropEventTypes: [] });

    const view = await stack.waitForStage(videoId, 'ready');
    expect(view.stages.snapshot.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
  });

  it('sweeps up a video whose every event was lost, and brings it to ready through the API alone', async () => {
    // The emulator drops every event of a video whose title carries this marker.
    const before = await submissions();
    const videoId = await stack.upload('vodemu-lose-events: nothing reaches the queue');
    const options = {
      region: REGION,
      taskQueue: stack.taskQueue,
      intervalMs: 60_000,
      windowMs: 3_600_000,
      graceMs: 0,
    };
    const sweep = await sweepNow(client, options);
    expect(sweep.started).toContain(videoId);
    expect(sweep.truncated).toBe(false);

    const view = await stack.waitForStage(videoId, 'ready');
    expect(view.discoveredBy).toBe('sweep');
    expect(view.uploaded).toMatchObject({ source: 'reconcile', implied: false });
    for (const stage of ALL_STAGES) expect(succeededVia(view, stage)).toBe('reconcile');
    expect(view.reconciled).toEqual({ upload: 1, transcode: 1, snapshot: 1, aiAudit: 1, aiTag: 1, aiDna: 1 });
    expect(view.log.every((entry) => entry.source === 'reconcile')).toBe(true);
    expectEachSubmittedOnce(before, await submissions());
    await recordHistory(client.workflow.getHandle(videoWorkflowId(videoId)), 'video-swept-and-reconciled');

    // A second sweep finds nothing new: every listed video has its workflow.
    const again = await sweepNow(client, options);
    expect(again.started).toEqual([]);
    expect(again.listed).toBeGreaterThan(0);
    const sweeps = client.workflow.list({
      query: `WorkflowType = 'sweepWorkflow' AND ExecutionStatus = 'Completed'`,
    });
    for await (const execution of sweeps) {
      await recordHistory(
        client.workflow.getHandle(execution.workflowId, execution.runId),
        'sweep-found-lost-video',
      );
      break;
    }
  });

  it('runs the sweep from a Temporal Schedule', async () => {
    const options = {
      region: REGION,
      taskQueue: stack.taskQueue,
      intervalMs: 3_600_000,
      windowMs: 2 * 3_600_000,
      graceMs: 0,
    };
    expect(await ensureSweepSchedule(client, options)).toBe('created');
    expect(await ensureSweepSchedule(client, options)).toBe('updated');

    const videoId = await stack.upload('vodemu-lose-events: found by the schedule');
    const schedule = client.schedule.getHandle(sweepScheduleId(REGION));
    await schedule.trigger();
    await stack.waitForStage(videoId, 'ready');
    const described = await schedule.describe();
    expect(described.info.recentActions.length).toBeGreaterThan(0);
  });
});
