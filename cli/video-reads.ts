import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  VOD_LAST_EVENT,
  VOD_REGION,
  VOD_STAGE,
  VOD_STATUS,
  VOD_UPDATED_AT,
} from '../common/search-attributes';
import { videoIdFromWorkflowId, videoWorkflowId } from '../common/workflow-ids';
import { videoStateQuery } from '../workflows/definitions';
import type { videoWorkflow } from '../workflows/video';
import { VideoState, type VideoView } from '../workflows/video-state';
import { NotFoundError, notFoundVideo } from './errors';
import { pendingActivitiesOf, type PendingActivityView } from './pending-activities';

// The read side of the CLI: one video's state, open or closed, and the list of videos. What these
// return is what `--json` prints.

export interface VideoStatusView extends VideoView {
  /** false once the video's workflow has closed (deleted, cancelled, idle); a late event reopens it. */
  open: boolean;
  /** Activities under way or retrying, with their last error: a follow-up that keeps failing shows here. */
  pendingActivities: PendingActivityView[];
}

export async function readVideoStatus(client: Client, videoId: string): Promise<VideoStatusView> {
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  try {
    const description = await handle.describe();
    if (description.status.name === 'RUNNING') {
      const view = await handle.query(videoStateQuery);
      return { ...view, open: true, pendingActivities: pendingActivitiesOf(description) };
    }
    // A closed video answers from its final state (the workflow's result), read by the same rules.
    return { ...VideoState.restore(await handle.result()).view(), open: false, pendingActivities: [] };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new NotFoundError(notFoundVideo(videoId));
    throw err;
  }
}

export interface VideoListRow {
  videoId: string;
  stage: string;
  status: string;
  lastEvent: string;
  region: string;
  /** ISO 8601: when the workflow last published its stage (see the README on VodUpdatedAt). */
  updatedAt: string;
  open: boolean;
}

// Bounds one listing however many runs visibility holds per video.
const MAX_EXECUTIONS_SCANNED_PER_ROW = 20;

/**
 * One row per video: its latest run. Runs that continued as new are left out by the query; the
 * closed runs of a video revived later (superseded) by comparing with the video's latest run.
 */
export async function listVideos(
  client: Client,
  options: { stage?: string; limit: number },
): Promise<VideoListRow[]> {
  const query = [
    `WorkflowType = "videoWorkflow"`,
    `ExecutionStatus != "ContinuedAsNew"`,
    options.stage ? `${VOD_STAGE.name} = "${options.stage}"` : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  const rows = new Map<string, VideoListRow>();
  let scanned = 0;
  for await (const execution of client.workflow.list({ query, pageSize: Math.min(options.limit, 1000) })) {
    scanned += 1;
    if (scanned > options.limit * MAX_EXECUTIONS_SCANNED_PER_ROW) break;
    if (rows.has(execution.workflowId)) continue;
    const open = execution.status.name === 'RUNNING';
    // An open run is the latest by definition; a closed one may have been followed by another.
    if (!open && !(await isLatestRun(client, execution.workflowId, execution.runId))) continue;
    const attributes = execution.typedSearchAttributes;
    rows.set(execution.workflowId, {
      videoId: videoIdFromWorkflowId(execution.workflowId) ?? execution.workflowId,
      stage: attributes.get(VOD_STAGE) ?? '',
      status: attributes.get(VOD_STATUS) ?? '',
      lastEvent: attributes.get(VOD_LAST_EVENT) ?? '',
      region: attributes.get(VOD_REGION) ?? '',
      updatedAt: attributes.get(VOD_UPDATED_AT)?.toISOString() ?? '',
      open,
    });
    if (rows.size >= options.limit) break;
  }
  return [...rows.values()];
}

async function isLatestRun(client: Client, workflowId: string, runId: string): Promise<boolean> {
  const latest = await client.workflow.getHandle(workflowId).describe();
  return latest.runId === runId;
}
