import type { FollowUpStage, PipelinePolicy } from '../common/pipeline-policy';
import type { FollowUpAction, VideoSnapshot, VideoStage, VideoStatus, VideoView } from './video-snapshot';

// The documented view of a video, built from its snapshot and what VideoState derives from it:
// internals (format version, dedup keys, the deployment policy last read) are left out.

export function viewOf(
  snapshot: VideoSnapshot,
  derived: {
    stage: VideoStage;
    status: VideoStatus;
    reason: string | undefined;
    policy: PipelinePolicy;
    nextActions: FollowUpAction[];
  },
): VideoView {
  const { dedupKeys: _dedup, version: _version, basePolicy: _base, ...rest } = snapshot;
  return {
    ...rest,
    stage: derived.stage,
    status: derived.status,
    reason: derived.reason,
    policy: derived.policy,
    pendingRetries: derived.nextActions
      .filter((a) => a.notBefore > 0)
      .map((a) => ({ stage: a.stage, attempt: a.attempt, notBefore: new Date(a.notBefore).toISOString() })),
  };
}

/** Why the video is in its stage, for the stages where a person asks. */
export function reasonOf(
  snapshot: VideoSnapshot,
  stage: VideoStage,
  failed: { stage: FollowUpStage; allowed: number }[],
): string | undefined {
  const { deleted } = snapshot;
  switch (stage) {
    case 'deleted':
      return `deleted in VOD at ${deleted?.at ?? '?'}${deleted?.source === 'reconcile' ? ' (found missing through the API)' : ''}`;
    case 'cancelled':
      return `cancelled by an operator: ${snapshot.cancelled?.reason ?? 'no reason given'}`;
    case 'failed':
      return failed
        .map(({ stage: failedStage, allowed }) => {
          const last = snapshot.stages[failedStage].attempts.filter((a) => a.status === 'failed').pop();
          return `${failedStage} failed after ${allowed} attempts: ${last?.errorCode ?? 'error'} ${last?.errorMessage ?? ''}`.trim();
        })
        .join('; ');
    case 'blocked': {
      const review = snapshot.manualReview;
      if (review) return `blocked by a manual review${review.reason ? `: ${review.reason}` : ''}`;
      const audit = snapshot.stages.aiAudit.result;
      const label = audit?.stage === 'aiAudit' ? audit.label : undefined;
      return `blocked by the AI review${label ? `: ${label}` : ''}`;
    }
    case 'foreign': {
      const { expected, actual } = snapshot.application ?? {};
      return (
        `belongs to VOD application ${actual ?? '?'}, not to ${expected ?? '?'} that this deployment serves: ` +
        `${actual ?? 'that application'}'s callback points at this deployment's queue`
      );
    }
    default:
      return undefined;
  }
}
