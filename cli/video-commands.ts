import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Option, type Command } from 'commander';
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
import { NotFoundError, notFoundVideo, RefusedError } from './errors';
import { globalsOf, wholeNumber } from './global-options';
import { printJson, printTable, type OutputFormat } from './output';
import { withClient } from './temporal';
import { listVideos, readVideoStatus, type VideoStatusView } from './video-reads';

export async function status(client: Client, videoId: string, output: OutputFormat): Promise<void> {
  const view = await readVideoStatus(client, videoId);
  if (output === 'json') return printJson(view);
  const title = view.title ? ` “${view.title.text}”` : '';
  console.log(
    `video ${videoId}${title}: ${view.stage} (${view.status})${view.open ? '' : ', workflow closed'}`,
  );
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
  printUpcomingChecks(view);
  printPendingActivities(view);
  printHookRuns(view);
  if (view.idleCloseAt) console.log(`closes when idle at ${view.idleCloseAt} (a later event reopens it)`);
}

// Waits that have had no check yet: their first deadline, so that a new wait is visible at once.
function printUpcomingChecks(view: VideoStatusView): void {
  const checked = new Set((view.watch ?? []).map((w) => `${w.milestone}/${w.attempt}`));
  for (const check of view.upcomingChecks ?? []) {
    if (checked.has(`${check.milestone}/${check.attempt}`)) continue;
    console.log(`waiting for ${check.milestone} (attempt ${check.attempt}): first check ${check.at}`);
  }
}

function printHookRuns(view: VideoStatusView): void {
  for (const run of view.hooks?.runs ?? []) {
    const outcome = run.error ?? run.detail;
    const retried = run.manualRetries > 0 ? `, retried ${run.manualRetries}×` : '';
    console.log(
      `hook ${run.hook} (${run.occurrence}): ${run.status}${outcome ? ` — ${outcome}` : ''}${retried}`,
    );
  }
}

function printPendingActivities(view: VideoStatusView): void {
  for (const pending of view.pendingActivities) {
    const facts = [`attempt ${pending.attempt}`, pending.state];
    if (pending.lastStartedAt) facts.push(`last started ${pending.lastStartedAt}`);
    if (pending.nextAttemptAt) facts.push(`next retry ${pending.nextAttemptAt}`);
    console.log(`activity ${pending.activity}: ${facts.join(', ')}`);
    if (pending.lastError) console.log(`  last error: ${pending.lastError}`);
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
  options: { stage?: string; limit: number; output: OutputFormat },
): Promise<void> {
  const rows = await listVideos(client, options);
  if (options.output === 'json') return printJson(rows);
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
    if (err instanceof WorkflowNotFoundError) throw new NotFoundError(notFoundVideo(videoId));
    throw err;
  }
}

export async function retry(
  client: Client,
  config: VodflowConfig,
  videoId: string,
  target: FollowUpStage | undefined,
): Promise<void> {
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

export function registerVideoCommands(program: Command): void {
  program
    .command('status')
    .description("one video's processing state, with what it waits for and what keeps failing")
    .argument('<videoId>', "VOD's VideoId")
    .action((videoId: string, _options: object, command: Command) =>
      withClient((client) => status(client, videoId, globalsOf(command).output)),
    );

  program
    .command('list')
    .description('videos, one row each (its latest run), optionally in one stage')
    .addOption(new Option('--stage <stage>', 'only videos in this stage').choices(VIDEO_STAGES))
    .option('--limit <n>', 'at most this many', wholeNumber(1, 10_000), 50)
    .action((options: { stage?: string; limit: number }, command: Command) =>
      withClient((client) => list(client, { ...options, output: globalsOf(command).output })),
    );

  program
    .command('retry')
    .description('one more attempt for a failed stage (reopens a closed video)')
    .argument('<videoId>', "VOD's VideoId")
    .addOption(
      new Option('--stage <stage>', 'the stage to retry (default: the failed one)').choices(FOLLOW_UP_STAGES),
    )
    .action((videoId: string, options: { stage?: FollowUpStage }) =>
      withClient((client, config) => retry(client, config, videoId, options.stage)),
    );

  program
    .command('cancel')
    .description("stop follow-ups and close the video's workflow")
    .argument('<videoId>', "VOD's VideoId")
    .option('--reason <text>', 'why, for the record')
    .action((videoId: string, options: { reason?: string }) =>
      withClient((client, config) => cancel(client, config, videoId, options.reason)),
    );
}
