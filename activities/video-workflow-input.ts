import type { HooksSource } from '../common/hooks/hooks-source';
import type { PipelinePolicy } from '../common/pipeline-policy';
import type { ReconcilePolicy } from '../common/reconcile-policy';
import { CURRENT_PATCH_BASELINE } from '../workflows/patch-baseline';
import type { VideoWorkflowInput, VideoWorkflowLimits } from '../workflows/video';

export interface VideoWorkflowInputDeps {
  policy: PipelinePolicy;
  /** The deployment's hooks file: each new run takes the hooks it holds then. */
  hooks?: HooksSource;
  videoLimits?: VideoWorkflowLimits;
  reconcile?: ReconcilePolicy;
}

/** What the Web UI shows of a video workflow at a glance (its stage: the workflow's current details). */
export function videoWorkflowSummary(videoId: string, region: string | undefined): string {
  return `video ${videoId}${region ? ` in ${region}` : ''}`;
}

/**
 * The input of a new video workflow, whoever starts it (the poller or the sweep). `appId`: the
 * application the video must belong to, checked by the workflow before its first follow-up.
 */
export function videoWorkflowInput(
  deps: VideoWorkflowInputDeps,
  videoId: string,
  region: string | undefined,
  appId?: string,
): VideoWorkflowInput {
  const input: VideoWorkflowInput = {
    videoId,
    region,
    policy: deps.policy,
    limits: deps.videoLimits,
    reconcile: deps.reconcile,
    patchBaseline: CURRENT_PATCH_BASELINE,
    ...(deps.hooks ? { hooks: deps.hooks().hooks } : {}),
  };
  return appId === undefined ? input : { ...input, appId };
}
