import type { PipelinePolicy } from '../common/pipeline-policy';
import type { ReconcilePolicy } from '../common/reconcile-policy';
import type { VideoWorkflowInput, VideoWorkflowLimits } from '../workflows/video';

export interface VideoWorkflowInputDeps {
  policy: PipelinePolicy;
  videoLimits?: VideoWorkflowLimits;
  reconcile?: ReconcilePolicy;
}

/** What the Web UI shows of a video workflow at a glance (its stage: the workflow's current details). */
export function videoWorkflowSummary(videoId: string, region: string | undefined): string {
  return `video ${videoId}${region ? ` in ${region}` : ''}`;
}

/** The input of a new video workflow, whoever starts it (the poller or the sweep). */
export function videoWorkflowInput(
  deps: VideoWorkflowInputDeps,
  videoId: string,
  region: string | undefined,
): VideoWorkflowInput {
  return { videoId, region, policy: deps.policy, limits: deps.videoLimits, reconcile: deps.reconcile };
}
