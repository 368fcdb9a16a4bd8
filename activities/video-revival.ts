import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { videoWorkflowId } from '../common/workflow-ids';
import type { videoWorkflow } from '../workflows/video';
import type { VideoSnapshot } from '../workflows/video-state';
import {
  videoWorkflowInput,
  videoWorkflowSummary,
  type VideoWorkflowInputDeps,
} from './video-workflow-input';

export type LatestVideoRun =
  | { open: true }
  /** `carried` is the closed run's final state, ready to start the next run of the video's chain. */
  | { open: false; carried: VideoSnapshot | undefined };

/** True when the video has a workflow, open or closed (and not yet removed by retention). */
export async function isKnownVideo(temporal: Client, videoId: string): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(videoWorkflowId(videoId)).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

// What a revival starts from: the state the video's latest run closed with. Shared by the poller (a
// late event) and the operator commands (retry, cancel) so that both revive a video the same way.
export async function latestVideoRun(temporal: Client, videoId: string): Promise<LatestVideoRun> {
  const latest = await temporal.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId)).describe();
  if (latest.status.name === 'RUNNING') return { open: true };
  // Only a completed run has a final state; a failed or terminated one restarts empty.
  if (latest.status.name !== 'COMPLETED') return { open: false, carried: undefined };
  const final = await temporal.workflow
    .getHandle<typeof videoWorkflow>(latest.workflowId, latest.runId)
    .result();
  // The revived run is the next run of the chain, like a continue-as-new.
  return { open: false, carried: { ...final, runs: final.runs + 1 } };
}

export interface VideoReviverDeps extends VideoWorkflowInputDeps {
  temporal: Client;
  taskQueue: string;
}

/**
 * Reopens a closed video with its final state, so that an operator action has a workflow to act on.
 * Returns the state it reopened from, or undefined when the video was open already. Another reviver
 * winning the race is fine: the video is open either way.
 */
export async function reviveVideo(
  deps: VideoReviverDeps,
  videoId: string,
  accept: (closed: VideoSnapshot) => void,
): Promise<VideoSnapshot | undefined> {
  const latest = await latestVideoRun(deps.temporal, videoId);
  if (latest.open) return undefined;
  if (!latest.carried) throw new Error(`the last run of ${videoWorkflowId(videoId)} ended without a state`);
  accept(latest.carried);
  try {
    await deps.temporal.workflow.start<typeof videoWorkflow>('videoWorkflow', {
      workflowId: videoWorkflowId(videoId),
      taskQueue: deps.taskQueue,
      args: [{ ...videoWorkflowInput(deps, videoId, latest.carried.region), carried: latest.carried }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      staticSummary: videoWorkflowSummary(videoId, latest.carried.region),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return latest.carried;
}
