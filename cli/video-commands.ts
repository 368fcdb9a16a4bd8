import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { reviveVideo } from '../activities/video-revival';
import type { VodflowConfig } from '../common/config';
import {
  FOLLOW_UP_STAGES,
  isStageRequired,
  type FollowUpStage,
  type PipelinePolicy,
} from '../common/pipeline-policy';
import { videoWorkflowId } from '../common/workflow-ids';
import { cancelVideoUpdate, retryStageUpdate } from '../workflows/definitions';
import type { videoWorkflow } from '../workflows/video';
import { VIDEO_STAGES, VideoState } from '../workflows/video-state';
import { printJson, printTable, RefusedError, UsageError } from './output';
import { listVideos, readVideoStatus } from './video-reads';

export async function status(client: Client, videoId: string, json: boolean): Promise<void> {
  const view = await readVideoStatus(client, videoId);
  if (json) return printJson(view);
  console.log(`video ${videoId}: ${view.stage} (${view.status})${view.open ? '' : ', workflow closed'}`);
  if (view.reason) console.log(view.reason);
  const origin = view.origin ? `, ${view.origin}` : '';
  console.log(`first seen ${view.firstSeenAt}${origin}, updated ${view.updatedAt}, run ${view.runs}`);
  console.log(`policy: ${describePolicy(view.policy)}${pinned(view.policyOverride)}`);
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
  for (const run of view.hooks?.runs ?? []) {
    const outcome = run.error ?? run.detail;
    const retried = run.manualRetries > 0 ? `, retried ${run.manualRetries}×` : '';
    console.log(
      `hook ${run.hook} (${run.occurrence}): ${run.status}${outcome ? ` — ${outcome}` : ''}${retried}`,
    );
  }
}

function describePolicy(policy: PipelinePolicy): string {
  const stages = FOLLOW_UP_STAGES.filter((s) => isStageRequired(policy, s));
  return [
    `transcode=${policy.transcode}`,
    `template group ${policy.templateGroupId ?? '(none)'}`,
    `stages ${stages.join(',') || '(none)'}`,
    `${policy.maxAttempts} attempts`,
  ].join(', ');
}

function pinned(override: object | undefined): string {
  const keys = Object.keys(override ?? {});
  return keys.length > 0 ? ` (pinned by the video: ${keys.join(', ')})` : '';
}

export async function list(
  client: Client,
  options: { stage?: string; limit: number; json: boolean },
): Promise<void> {
  if (options.stage && !(VIDEO_STAGES as readonly string[]).includes(options.stage)) {
    throw new UsageError(`unknown stage ${options.stage}; one of: ${VIDEO_STAGES.join(', ')}`);
  }
  const rows = await listVideos(client, options);
  if (options.json) return printJson(rows);
  printTable(
    ['video', 'stage', 'status', 'last event', 'updated', 'workflow'],
    rows.map((r) => [r.videoId, r.stage, r.status, r.lastEvent, r.updatedAt, r.open ? 'open' : 'closed']),
    'no videos',
  );
}

// A closed video is reopened with its final state (as a late event would) before the action, unless
// that state already refuses the action: then nothing is started.
async function reopenFor(
  client: Client,
  config: VodflowConfig,
  videoId: string,
  refusal: (state: VideoState) => string | undefined,
): Promise<void> {
  const deps = {
    temporal: client,
    taskQueue: config.temporal.taskQueue,
    policy: config.policy,
    videoLimits: config.video,
    reconcile: config.reconcile,
  };
  try {
    await reviveVideo(deps, videoId, (closed) => {
      const refused = refusal(VideoState.restore(closed));
      if (refused) throw new RefusedError(refused);
    });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new UsageError(`vodflow has seen no event of video ${videoId}`);
    throw err;
  }
}

export async function retry(
  client: Client,
  config: VodflowConfig,
  videoId: string,
  stage: string | undefined,
): Promise<void> {
  if (stage !== undefined && !(FOLLOW_UP_STAGES as readonly string[]).includes(stage)) {
    throw new UsageError(`unknown stage ${stage}; one of: ${FOLLOW_UP_STAGES.join(', ')}`);
  }
  const target = stage as FollowUpStage | undefined;
  await reopenFor(client, config, videoId, (state) => state.retryRefusal(target));
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  const result = await handle.executeUpdate(retryStageUpdate, { args: [{ stage: target }] });
  console.log(`retrying ${result.stage} of ${videoId} (attempt ${result.attempt})`);
}

export async function cancel(
  client: Client,
  config: VodflowConfig,
  videoId: string,
  reason: string | undefined,
): Promise<void> {
  await reopenFor(client, config, videoId, (state) => state.cancelRefusal());
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  await handle.executeUpdate(cancelVideoUpdate, { args: [{ reason }] });
  console.log(`cancelled ${videoId}: no further follow-ups; its workflow closes`);
}
