import { isStageRequired, type FollowUpStage, type PipelinePolicy } from '../common/pipeline-policy';
import type { StageStatus } from './video-snapshot';

// What operators may do to a video (retryStage, cancel), and why not when they may not. The reasons
// are what the update's refusal and `vodflow retry|cancel` print.

export interface OperatorFacts {
  deleted: boolean;
  cancelled: boolean;
  policy: PipelinePolicy;
  failedStages: FollowUpStage[];
  stageStatus(stage: FollowUpStage): StageStatus;
}

export function retryRefusal(video: OperatorFacts, stage: FollowUpStage | undefined): string | undefined {
  if (video.deleted) return 'the video is deleted';
  if (video.cancelled) return 'the video workflow is cancelled';
  const target = stage ?? video.failedStages[0];
  if (!target) return 'no stage has failed';
  if (!isStageRequired(video.policy, target)) return `stage ${target} is not part of this video's pipeline`;
  const status = video.stageStatus(target);
  if (status !== 'failed') return `stage ${target} has not failed (it is ${status})`;
  return undefined;
}

export function cancelRefusal(video: OperatorFacts): string | undefined {
  if (video.cancelled) return 'the video workflow is already cancelled';
  if (video.deleted) return 'the video is deleted';
  return undefined;
}
