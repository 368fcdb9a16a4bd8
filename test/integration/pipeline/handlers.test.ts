import { MockActivityEnvironment } from '@temporalio/testing';
import { createSubmitFollowUp, transcodeSessionId } from '../../../activities/follow-up';
import type { SubmittedJob } from '../../../activities/follow-up-port';
import { createVideoSignaller } from '../../../activities/video-signaller';
import { vodFollowUpPort } from '../../../activities/vod-follow-up-port';
import { type DecodedEvent } from '../../../common/events';
import { attemptExtend } from '../../../common/extend-marker';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { cancelVideoUpdate, videoStateQuery, vodEventSignal } from '../../../workflows/definitions';
import type { videoWorkflow } from '../../../workflows/video';
import { decodedEvent } from '../../helpers/event-fixtures';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { REGION, startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

// Whatever comes in, a video workflow keeps going: input its state logic cannot read is recorded as
// rejected, cancel stops work under way, and a transcode VOD already has is found, not failed.

describe('video workflow handlers', () => {
  let stack: PipelineStack;
  let messages = 0;
  const meta = () => ({ source: 'queue' as const, region: REGION, queue: 'q', messageId: `h${++messages}` });

  beforeAll(async () => {
    stack = await startPipelineStack({ policy: { snapshot: false, aiAudit: false } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const signaller = () =>
    createVideoSignaller({
      temporal: stack.worker.client,
      taskQueue: stack.taskQueue,
      policy: stack.config.policy,
      videoLimits: stack.config.video,
    });
  const handleOf = (videoId: string) =>
    stack.worker.client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  const uploadOf = (videoId: string) =>
    decodedEvent({
      EventType: 'FileUploadComplete',
      EventTime: '2026-11-25T08:00:00Z',
      VideoId: videoId,
      Status: 'success',
    });

  it('records an event its state logic cannot read as rejected, and goes on with the next', async () => {
    const { VideoId: videoId } = await stack.vodClient.createUploadVideo({ Title: 'odd', FileName: 'a.mp4' });
    await stack.vod.setFaults({ throttleRate: 1 });
    try {
      await signaller()(videoId, REGION, [{ event: uploadOf(videoId), meta: meta() }]);
      // An older or buggy sender: StreamInfos is not a list.
      const malformed = {
        EventType: 'TranscodeComplete',
        EventTime: '2026-11-25T08:01:00Z',
        VideoId: videoId,
        Status: 'success',
        StreamInfos: 'not a list',
      } as unknown as DecodedEvent;
      await handleOf(videoId).signal(vodEventSignal, { event: malformed, meta: meta() });
      const view = await eventually(async () => {
        const current = await handleOf(videoId).query(videoStateQuery);
        expect(current.counters.rejected).toBe(1);
        return current;
      });
      expect(view.log.at(-1)).toMatchObject({ eventType: 'TranscodeComplete', result: 'rejected' });
      expect(view.log.at(-1)?.reason).toMatch(/^TypeError: /);

      // The workflow is alive: cancel answers, and stops the submission VOD keeps throttling.
      await handleOf(videoId).executeUpdate(cancelVideoUpdate, { args: [{ reason: 'stop' }] });
      const final = await handleOf(videoId).result();
      expect(final.cancelled?.reason).toBe('stop');
      expect(final.stages.transcode.attempts).toEqual([
        expect.objectContaining({ attempt: 1, status: 'failed', errorCode: 'Vodflow.Cancelled' }),
      ]);
      await recordHistory(handleOf(videoId), 'video-v2-rejected-event-and-cancel-in-flight');
    } finally {
      await stack.vod.setFaults({ throttleRate: 0 });
    }
  });

  it('looks up the transcode of an attempt whose SessionId VOD has seen, instead of failing it', async () => {
    const { VideoId: videoId } = await stack.vodClient.createUploadVideo({
      Title: 'twice',
      FileName: 'b.mp4',
    });
    await stack.vod.completeUpload(videoId);
    const scheduledAt = Date.now() - 1_000;
    // The first try went through at VOD, and its reply was lost.
    const first = await stack.vodClient.submitTranscodeJobs({
      VideoId: videoId,
      TemplateGroupId: 'tg-vodflow-test',
      UserData: JSON.stringify({ Extend: attemptExtend('transcode', 1) }),
      SessionId: transcodeSessionId(videoId, 1),
    });
    // Its transcoding over (VOD refuses a second transcode while one runs, whatever the session).
    await stack.vod.settle();
    const submissionsBefore = (await stack.vod.callCounts()).SubmitTranscodeJobs ?? 0;
    const submitFollowUp = createSubmitFollowUp({ followUps: () => vodFollowUpPort(stack.vodClient) });
    // The first attempt of the activity: it does not look before submitting, VOD refuses the session.
    const job: SubmittedJob = await new MockActivityEnvironment({
      attempt: 1,
      scheduledTimestampMs: scheduledAt,
    }).run(submitFollowUp, { videoId, stage: 'transcode' as const, attempt: 1, policy: stack.config.policy });
    expect(job.jobId).toBeDefined();
    expect([first.TranscodeTaskId, ...first.TranscodeJobs.map((j) => j.JobId)]).toContain(job.jobId);
    // One refused submission, no second job.
    expect((await stack.vod.callCounts()).SubmitTranscodeJobs).toBe(submissionsBefore + 1);
  });
});
