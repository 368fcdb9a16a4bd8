import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { FOLLOW_UP_STAGES, type FollowUpStage } from '../common/pipeline-policy';
import { VOD_STAGE } from '../common/search-attributes';
import { videoIdFromWorkflowId, videoWorkflowId } from '../common/workflow-ids';
import { cancelVideoUpdate, retryStageUpdate, videoStateQuery } from '../workflows/definitions';
import type { videoWorkflow } from '../workflows/video';
import { VIDEO_STAGES, type VideoView } from '../workflows/video-state';
import { printJson, printTable, UsageError } from './output';

async function videoState(client: Client, videoId: string): Promise<VideoView | Omit<VideoView, 'stage'>> {
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  try {
    const description = await handle.describe();
    // A closed video answers from its final state (the workflow's result).
    if (description.status.name !== 'RUNNING') {
      const final = await handle.result();
      return { ...final, policy: final.basePolicy, status: 'complete', pendingRetries: [] };
    }
    return await handle.query(videoStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new UsageError(`vodflow has seen no event of video ${videoId}`);
    throw err;
  }
}

export async function status(client: Client, videoId: string, json: boolean): Promise<void> {
  const view = await videoState(client, videoId);
  if (json) return printJson(view);
  const stage = 'stage' in view ? view.stage : 'closed';
  console.log(`video ${videoId}: ${stage} (${view.status})`);
  console.log(`first seen ${view.firstSeenAt}, updated ${view.updatedAt}, run ${view.runs}`);
  printTable(
    ['follow-up', 'attempts', 'job ids', 'last error'],
    FOLLOW_UP_STAGES.filter((s) => view.stages[s].attempts.length > 0).map((s) => {
      const attempts = view.stages[s].attempts;
      const failed = attempts.filter((a) => a.status === 'failed').pop();
      return [
        s,
        attempts.map((a) => `${a.attempt}:${a.status}`).join(' '),
        attempts.map((a) => a.jobId ?? '-').join(' '),
        failed ? `${failed.errorCode ?? ''} ${failed.errorMessage ?? ''}`.trim() : '',
      ];
    }),
    'no follow-up submitted or observed yet',
  );
  const { applied, duplicates, unknown } = view.counters;
  console.log(`events: ${applied} applied, ${duplicates} duplicates ignored, ${unknown} of unknown types`);
  const reconciled = Object.entries(view.reconciled ?? {}).map(([milestone, n]) => `${milestone} ${n}`);
  if (reconciled.length > 0) console.log(`recovered from the VOD API (event lost): ${reconciled.join(', ')}`);
  for (const wait of view.watch ?? []) {
    const last = wait.lastOutcome
      ? `, last check ${wait.lastOutcome}${wait.detail ? ` (${wait.detail})` : ''}`
      : '';
    const next = wait.gaveUp ? 'no more checks' : `next check ${wait.nextCheckAt}`;
    console.log(`waiting for ${wait.milestone} (attempt ${wait.attempt}): ${next}${last}`);
  }
}

export async function list(
  client: Client,
  options: { stage?: string; limit: number; json: boolean },
): Promise<void> {
  if (options.stage && !(VIDEO_STAGES as readonly string[]).includes(options.stage)) {
    throw new UsageError(`unknown stage ${options.stage}; one of: ${VIDEO_STAGES.join(', ')}`);
  }
  const query = [
    `WorkflowType = "videoWorkflow"`,
    options.stage ? `${VOD_STAGE.name} = "${options.stage}"` : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  const rows: { videoId: string; stage: string; status: string; lastEvent: string; updatedAt: string }[] = [];
  for await (const execution of client.workflow.list({ query, pageSize: Math.min(options.limit, 1000) })) {
    const attributes = execution.typedSearchAttributes;
    rows.push({
      videoId: videoIdFromWorkflowId(execution.workflowId) ?? execution.workflowId,
      stage: attributes.get(VOD_STAGE) ?? '',
      status: String(execution.searchAttributes.VodStatus?.[0] ?? ''),
      lastEvent: String(execution.searchAttributes.VodLastEvent?.[0] ?? ''),
      updatedAt: String(execution.searchAttributes.VodUpdatedAt?.[0] ?? ''),
    });
    if (rows.length >= options.limit) break;
  }
  if (options.json) return printJson(rows);
  printTable(
    ['video', 'stage', 'status', 'last event', 'updated'],
    rows.map((r) => [r.videoId, r.stage, r.status, r.lastEvent, r.updatedAt]),
    'no videos',
  );
}

export async function retry(client: Client, videoId: string, stage: string | undefined): Promise<void> {
  if (stage !== undefined && !(FOLLOW_UP_STAGES as readonly string[]).includes(stage)) {
    throw new UsageError(`unknown stage ${stage}; one of: ${FOLLOW_UP_STAGES.join(', ')}`);
  }
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  const result = await handle.executeUpdate(retryStageUpdate, {
    args: [{ stage: stage as FollowUpStage | undefined }],
  });
  console.log(`retrying ${result.stage} of ${videoId} (attempt ${result.attempt})`);
}

export async function cancel(client: Client, videoId: string, reason: string | undefined): Promise<void> {
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  await handle.executeUpdate(cancelVideoUpdate, { args: [{ reason }] });
  console.log(`cancelled ${videoId}: no further follow-ups; its workflow closes`);
}
