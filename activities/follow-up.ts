import { Context } from '@temporalio/activity';
import { attemptExtend } from '../common/extend-marker';
import type { FollowUpStage, PipelinePolicy } from '../common/pipeline-policy';
import { asActivityFailure } from './activity-failure';
import { isSessionIdConflict } from './session-conflict';
import type { FollowUpPort, SubmittedJob } from './follow-up-port';

export interface SubmitFollowUpInput {
  videoId: string;
  region?: string;
  stage: FollowUpStage;
  attempt: number;
  policy: PipelinePolicy;
}

export interface FollowUpDeps {
  followUps(region: string | undefined): FollowUpPort;
}

// Submits one follow-up job (stage, attempt) of a video. At most one job per (video, stage, attempt)
// (design §3.6): the attempt rides in UserData.Extend, a retry of this activity first looks for the
// job an earlier try may have created before its reply was lost, and transcoding also carries a
// SessionId that VOD refuses to accept twice.
export function createSubmitFollowUp(deps: FollowUpDeps) {
  return async function submitFollowUp(input: SubmitFollowUpInput): Promise<SubmittedJob> {
    const info = Context.current().info;
    const port = deps.followUps(input.region);
    const userData = JSON.stringify({ Extend: attemptExtend(input.stage, input.attempt) });
    const base = { videoId: input.videoId, userData };
    const { policy } = input;

    if (info.attempt > 1) {
      const earlier = await findEarlierSubmission(port, input, info.scheduledTimestampMs);
      if (earlier) return earlier;
    }
    try {
      switch (input.stage) {
        case 'transcode':
          return await submitTranscodeOnce(port, input, info.scheduledTimestampMs, {
            ...base,
            templateGroupId: policy.templateGroupId,
            sessionId: transcodeSessionId(input.videoId, input.attempt),
          });
        case 'snapshot':
          return await port.submitSnapshot({
            ...base,
            templateId: policy.snapshotTemplateId,
            count: policy.snapshotCount,
          });
        case 'aiAudit':
          return await port.submitAIMediaAudit({ ...base, templateId: policy.aiAuditTemplateId });
        case 'aiTag':
          return await port.submitAIJob({ ...base, type: 'AIVideoTag' });
        case 'aiDna':
          return await port.submitAIJob({
            ...base,
            type: 'AIMediaDNA',
            config: policy.dnaDbId ? JSON.stringify({ AIMediaDNA: { DNADBId: policy.dnaDbId } }) : undefined,
          });
      }
    } catch (err) {
      throw asActivityFailure(err);
    }
  };
}

// A SessionId conflict means the job of this attempt exists: it is looked up instead of failing the
// attempt. Until VOD lists it, the activity is retried (a plain error is retryable).
async function submitTranscodeOnce(
  port: FollowUpPort,
  input: SubmitFollowUpInput,
  sinceMs: number,
  request: Parameters<FollowUpPort['submitTranscode']>[0],
): Promise<SubmittedJob> {
  try {
    return await port.submitTranscode(request);
  } catch (err) {
    if (!isSessionIdConflict(err)) throw err;
    const existing = await port.findTranscodeTaskSince(input.videoId, sinceMs);
    if (existing) return existing;
    throw new Error(`VOD already has transcode session ${request.sessionId}, but does not list its task yet`);
  }
}

// Only transcoding and snapshots can be looked up by video; AI jobs cannot, and a rare duplicate AI
// job is harmless to the state: its completion carries the same attempt and is applied once.
async function findEarlierSubmission(
  port: FollowUpPort,
  input: SubmitFollowUpInput,
  sinceMs: number,
): Promise<SubmittedJob | undefined> {
  try {
    if (input.stage === 'transcode') return await port.findTranscodeTaskSince(input.videoId, sinceMs);
    if (input.stage === 'snapshot') return await port.findSnapshotJobSince(input.videoId, sinceMs);
    return undefined;
  } catch (err) {
    throw asActivityFailure(err);
  }
}

/** VOD's SessionId: ≤ 50 characters of [A-Za-z0-9_-], refused when reused within 7 days. */
export function transcodeSessionId(videoId: string, attempt: number): string {
  return `vf-${videoId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40)}-${attempt}`;
}
