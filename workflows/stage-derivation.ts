import {
  FOLLOW_UP_STAGES,
  isStageRequired,
  type FollowUpStage,
  type PipelinePolicy,
} from '../common/pipeline-policy';
import type { StageStatus, VideoSnapshot, VideoStage, VideoStatus } from './video-snapshot';

// A video's stage and status, derived from its milestones alone (never advanced by a pointer), so
// that the same events in any order give the same answer. Reads the snapshot only.

// A follow-up may start once the stage before it is in (or not required).
const PREREQUISITE: Record<FollowUpStage, FollowUpStage | 'upload'> = {
  transcode: 'upload',
  snapshot: 'transcode',
  aiAudit: 'snapshot',
  aiTag: 'snapshot',
  aiDna: 'snapshot',
};

export class StageDerivation {
  constructor(private readonly data: VideoSnapshot) {}

  /** The deployment's policy with what this video's upload pinned on top. */
  get policy(): PipelinePolicy {
    return { ...this.data.basePolicy, ...this.data.policyOverride };
  }

  stageStatus(stage: FollowUpStage): StageStatus {
    const state = this.data.stages[stage];
    if (state.attempts.some((a) => a.status === 'succeeded')) return 'done';
    if (state.attempts.some((a) => a.status === 'submitting' || a.status === 'submitted')) return 'running';
    const failures = state.attempts.filter((a) => a.status === 'failed').length;
    if (failures === 0) return 'not-started';
    return failures >= this.allowedAttempts(stage) ? 'failed' : 'waiting';
  }

  allowedAttempts(stage: FollowUpStage): number {
    return this.policy.maxAttempts + this.data.stages[stage].manualRetries;
  }

  failedStages(): FollowUpStage[] {
    return FOLLOW_UP_STAGES.filter(
      (s) => isStageRequired(this.policy, s) && this.stageStatus(s) === 'failed',
    );
  }

  prerequisiteMet(stage: FollowUpStage): boolean {
    let before = PREREQUISITE[stage];
    // Skip stages the policy leaves out: the prerequisite is the nearest required one before.
    while (before !== 'upload' && !isStageRequired(this.policy, before)) before = PREREQUISITE[before];
    return before === 'upload' ? this.data.uploaded !== undefined : this.stageStatus(before) === 'done';
  }

  get blocked(): boolean {
    if (this.data.manualReview) return this.data.manualReview.verdict === 'blocked';
    const result = this.data.stages.aiAudit.result;
    return result?.stage === 'aiAudit' && result.suggestion === 'block';
  }

  stage(): VideoStage {
    if (this.data.deleted?.outcome === 'success') return 'deleted';
    if (this.data.cancelled) return 'cancelled';
    if (isForeign(this.data)) return 'foreign';
    if (this.blocked) return 'blocked';
    if (this.failedStages().length > 0) return 'failed';
    if (!this.data.uploaded) return 'uploading';
    for (const stage of FOLLOW_UP_STAGES) {
      if (!isStageRequired(this.policy, stage) || this.stageStatus(stage) === 'done') continue;
      if (stage === 'transcode') {
        const nothingYet =
          this.stageStatus('transcode') === 'not-started' && Object.keys(this.data.streams).length === 0;
        return nothingYet && this.policy.transcode === 'submit' ? 'uploaded' : 'transcoding';
      }
      return stage === 'snapshot' ? 'snapshotting' : 'analyzing';
    }
    return 'ready';
  }

  status(): VideoStatus {
    const stage = this.stage();
    if (stage === 'failed' || stage === 'blocked' || stage === 'foreign') return 'attention';
    if (stage === 'ready' || stage === 'deleted' || stage === 'cancelled') return 'complete';
    return FOLLOW_UP_STAGES.some((s) => isStageRequired(this.policy, s) && this.stageStatus(s) === 'waiting')
      ? 'retrying'
      : 'active';
  }
}

/** VOD said the video belongs to another application than the one the deployment serves. */
export function isForeign(data: Pick<VideoSnapshot, 'application'>): boolean {
  const app = data.application;
  return app?.actual !== undefined && app.actual !== app.expected;
}
