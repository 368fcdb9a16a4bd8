import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { attemptExtend } from '../common/extend-marker';
import type { FollowUpStage, PipelinePolicy } from '../common/pipeline-policy';
import { asActivityFailure } from './activity-failure';
import { isSessionIdConflict } from './session-conflict';
import type { FollowUpPort, SubmittedJob } from './follow-up-port';
import { classifySubmissionFailure } from './submission-failure';

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

// Submits one follow-up job (stage, attempt) of a video: at most one job per (video, stage, attempt).
// The attempt rides in UserData.Extend. Transcoding carries a SessionId that VOD refuses to accept
// twice, and a retry of a transcode or snapshot submission first looks for the job an earlier try
// may have created before its answer was lost. AI jobs cannot be looked up by video: see
// submitWithoutLookup.
export function createSubmitFollowUp(deps: FollowUpDeps) {
  return async function submitFollowUp(input: SubmitFollowUpInput): Promise<SubmittedJob> {
    const info = Context.current().info;
    const port = deps.followUps(input.region);
    const userData = JSON.stringify({ Extend: attemptExtend(input.stage, input.attempt) });
    const base = { videoId: input.videoId, userData };
    const { policy } = input;

    if (info.attempt > 1 && (input.stage === 'transcode' || input.stage === 'snapshot')) {
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
          return await submitWithoutLookup(() =>
            port.submitAIMediaAudit({ ...base, templateId: policy.aiAuditTemplateId }),
          );
        case 'aiTag':
          return await submitWithoutLookup(() => port.submitAIJob({ ...base, type: 'AIVideoTag' }));
        case 'aiDna':
          return await submitWithoutLookup(() =>
            port.submitAIJob({
              ...base,
              type: 'AIMediaDNA',
              config: policy.dnaDbId
                ? JSON.stringify({ AIMediaDNA: { DNADBId: policy.dnaDbId } })
                : undefined,
            }),
          );
      }
    } catch (err) {
      throw asActivityFailure(err);
    }
  };
}

const REFUSAL_BACKOFF_INITIAL_MS = 1_000;
const REFUSAL_BACKOFF_MAX_MS = 30_000;

/**
 * A submission whose job no API can find by video. A second try could create a second, billed job,
 * so this never retries blind:
 * - a retry of the activity (the worker died or the try timed out mid-request) submits nothing and
 *   returns no JobId: the earlier try's job, if it exists, reports through its completion event
 *   (its Extend names this attempt), and if none comes by the deadline the attempt counts as lost
 *   and the pipeline policy submits the next attempt;
 * - an answer-less failure (timeout, reset connection, 5xx) is treated the same way;
 * - a refusal (throttling, connection refused) created nothing: it is retried here, within this
 *   try's time, and past that the attempt fails (to be retried by the pipeline policy).
 */
async function submitWithoutLookup(submit: () => Promise<SubmittedJob>): Promise<SubmittedJob> {
  const context = Context.current();
  if (context.info.attempt > 1) return {};
  // Leave the last quarter of the try's time for one more request.
  const deadline = Date.now() + context.info.startToCloseTimeoutMs * 0.75;
  for (
    let backoffMs = REFUSAL_BACKOFF_INITIAL_MS;
    ;
    backoffMs = Math.min(backoffMs * 2, REFUSAL_BACKOFF_MAX_MS)
  ) {
    try {
      return await submit();
    } catch (err) {
      const failure = classifySubmissionFailure(err);
      if (failure === 'maybe-created') return {};
      if (failure === 'refused-permanent') throw err;
      if (Date.now() + backoffMs > deadline)
        throw ApplicationFailure.nonRetryable(
          `VOD kept refusing the submission: ${err instanceof Error ? err.message : String(err)}`,
          'Vodflow.SubmitRefused',
        );
      await context.sleep(backoffMs);
    }
  }
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

// Transcoding and snapshots can be looked up by video.
async function findEarlierSubmission(
  port: FollowUpPort,
  input: SubmitFollowUpInput,
  sinceMs: number,
): Promise<SubmittedJob | undefined> {
  try {
    if (input.stage === 'transcode') return await port.findTranscodeTaskSince(input.videoId, sinceMs);
    return await port.findSnapshotJobSince(input.videoId, sinceMs);
  } catch (err) {
    throw asActivityFailure(err);
  }
}

/** VOD's SessionId: ≤ 50 characters of [A-Za-z0-9_-], refused when reused within 7 days. */
export function transcodeSessionId(videoId: string, attempt: number): string {
  return `vf-${videoId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40)}-${attempt}`;
}
