import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { ApplicationScope, DEFAULT_APP_ID } from '../common/applications';
import { isValidVideoId, videoIdFromWorkflowId, videoWorkflowId } from '../common/workflow-ids';
import type { videoWorkflow } from '../workflows/video';
import type { VodQueries } from './reconcile/vod-queries';
import { vodUtc } from './vod-lookups';
import type { VideoWorkflowInputDeps } from './video-workflow-input';
import { videoWorkflowInput, videoWorkflowSummary } from './video-workflow-input';

export interface SweepInput {
  region: string;
  /** Videos created within this long before now are looked at. */
  windowMs: number;
  /** ...except the newest ones: their upload events are most likely still on the way. */
  graceMs: number;
  /** Upper bound of videos looked at in one sweep. */
  maxVideos?: number;
}

export interface SweepResult {
  region: string;
  from: string;
  to: string;
  listed: number;
  /** Videos that had no workflow: started now, and reconciled by it. */
  started: string[];
  /** Listing stopped at maxVideos before the window was covered. */
  truncated: boolean;
  /** Videos listed that belong to an application this deployment does not serve: left alone. */
  otherApplications: number;
}

export interface SweepDeps extends VideoWorkflowInputDeps {
  temporal: Client;
  taskQueue: string;
  vodQueries(region: string | undefined): VodQueries;
  /** The deployment's applications (VOD's default one when absent). */
  applications?: ApplicationScope;
  now?: () => number;
}

// GetVideoList pages through the first 5,000 matches only (and at most 100 a page): a longer window
// is walked oldest first, moving StartTime past what was seen.
const PAGE_SIZE = 100;
const LISTING_LIMIT = 5_000;
const DEFAULT_MAX_VIDEOS = 20_000;

// Finds videos VOD has but vodflow never heard of (their upload event was lost) and starts a video
// workflow for each; the workflow then asks VOD where the video stands. Starting with
// REJECT_DUPLICATE makes this safe to race with the poller and with other sweeps: a video that has
// (or had) a workflow is left alone. GetVideoList lists every application's videos: only those of
// the applications this deployment serves are started (another environment's are not ours).
export function createSweepRecentVideos(deps: SweepDeps) {
  return async function sweepRecentVideos(input: SweepInput): Promise<SweepResult> {
    const vod = deps.vodQueries(input.region);
    const now = deps.now?.() ?? Date.now();
    const to = now - input.graceMs;
    const from = now - input.windowMs;
    const maxVideos = input.maxVideos ?? DEFAULT_MAX_VIDEOS;
    const seen = new Set<string>();
    const started: string[] = [];
    const known = await knownVideoIds(deps.temporal, from);
    const served = new Set((deps.applications ?? ApplicationScope.of([], undefined)).inRegion(input.region));
    let otherApplications = 0;
    let start = from;
    let truncated = false;

    walk: while (start < to) {
      let lastCreated = start;
      for (let pageNo = 1; pageNo * PAGE_SIZE <= LISTING_LIMIT; pageNo++) {
        const page = await vod.getVideoList({
          StartTime: vodUtc(start),
          // VOD times are whole seconds and EndTime is exclusive: include the second `to` falls in.
          EndTime: vodUtc(Math.floor(to / 1000) * 1000 + 1000),
          PageNo: pageNo,
          PageSize: PAGE_SIZE,
          SortBy: 'CreationTime:Asc',
        });
        for (const video of page.VideoList) {
          if (seen.has(video.VideoId)) continue;
          if (seen.size >= maxVideos) {
            truncated = true;
            break walk;
          }
          seen.add(video.VideoId);
          lastCreated = Math.max(lastCreated, Date.parse(video.CreationTime ?? '') || lastCreated);
          if (!served.has(video.AppId || DEFAULT_APP_ID)) {
            otherApplications += 1;
            continue;
          }
          if (known.has(video.VideoId) || !isValidVideoId(video.VideoId)) continue;
          if (await startIfUnknown(deps, video.VideoId, input.region)) started.push(video.VideoId);
        }
        Context.current().heartbeat({ listed: seen.size, started: started.length });
        if (page.VideoList.length < PAGE_SIZE || pageNo * PAGE_SIZE >= page.Total) break walk;
      }
      // The listing limit was reached: go on from the newest creation time seen (the ids already
      // seen at that second are skipped). A whole page within one second cannot move forward.
      if (lastCreated <= start) {
        truncated = true;
        break;
      }
      start = lastCreated;
    }
    return {
      region: input.region,
      from: vodUtc(from),
      to: vodUtc(to),
      listed: seen.size,
      started,
      truncated,
      otherApplications,
    };
  };
}

// Video workflows started since the window began, from visibility: one listing instead of one
// refused start per video. Visibility lags a little, so the start below stays the real guard.
async function knownVideoIds(temporal: Client, sinceMs: number): Promise<Set<string>> {
  const known = new Set<string>();
  const query = `WorkflowType = 'videoWorkflow' AND StartTime >= '${new Date(sinceMs).toISOString()}'`;
  for await (const execution of temporal.workflow.list({ query })) {
    const videoId = videoIdFromWorkflowId(execution.workflowId);
    if (videoId) known.add(videoId);
  }
  return known;
}

async function startIfUnknown(deps: SweepDeps, videoId: string, region: string): Promise<boolean> {
  try {
    await deps.temporal.workflow.start<typeof videoWorkflow>('videoWorkflow', {
      workflowId: videoWorkflowId(videoId),
      taskQueue: deps.taskQueue,
      args: [{ ...videoWorkflowInput(deps, videoId, region), discoveredBy: 'sweep' }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: videoWorkflowSummary(videoId, region),
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
