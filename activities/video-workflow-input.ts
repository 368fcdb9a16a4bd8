import type { PipelinePolicy } from '../common/pipeline-policy';
import type { ReconcilePolicy } from '../common/reconcile-policy';
import type { VideoWorkflowInput, VideoWorkflowLimits } from '../workflows/video';

export interface VideoWorkflowInputDeps {
  policy: PipelinePolicy;
  videoLimits?: VideoWorkflowLimits;
  reconcile?: ReconcilePolicy;
}

/** The input of a new video workflow, whoever starts it (the poller or the sweep). */
export function videoWorkflowInput(
  deps: VideoWorkflowInputDeps,
  videoId: string,
  region: string | undefined,
): VideoWorkflowInput {
  return { videoId, region, policy: deps.policy, limits: deps.videoLimits, reconcile: deps.reconcile };
}
