import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { Hook } from '../common/hooks/hook-schema';
import { loadHooksFile } from '../common/hooks/load-hooks';
import { videoWorkflowId } from '../common/workflow-ids';
import { retryHookUpdate } from '../workflows/definitions';
import type { videoWorkflow } from '../workflows/video';
import { UsageError } from './errors';
import { globalsOf } from './global-options';
import { printJson, printTable, type OutputFormat } from './output';
import { withClient } from './temporal';
import { readVideoStatus } from './video-reads';

// `vodflow hooks list|check|retry`: the hooks file as the worker reads it, which hooks a video's
// current state calls for, and another run of a hook that failed.

function hooksFileFrom(file: string | undefined): string {
  const chosen = file ?? process.env.VODFLOW_HOOKS;
  if (!chosen) throw new UsageError('no hooks file: pass --file F or set VODFLOW_HOOKS');
  return chosen;
}

/** Validates the file (its problems, with line and field, fail the command) and lists its hooks. */
function hooksList(file: string, output: OutputFormat): void {
  const { hooks } = loadHooksFile(file);
  if (output === 'json') return printJson(hooks);
  printTable(
    ['hook', 'on', 'when', 'action', 'attempts'],
    hooks.map((hook) => [
      hook.name,
      describeTrigger(hook),
      describeFilters(hook),
      describeAction(hook),
      String(hook.retry.maxAttempts),
    ]),
    `${file}: no hooks`,
  );
}

/** Which hooks the video's current stage and status call for, and what its hooks did so far. */
async function hooksCheck(
  client: Client,
  file: string,
  videoId: string,
  output: OutputFormat,
): Promise<void> {
  const { hooks } = loadHooksFile(file);
  const view = await readVideoStatus(client, videoId);
  const seenTypes = new Set(view.log.map((entry) => entry.eventType));
  const verdicts = hooks.map((hook) => {
    const on = hook.on;
    const runs = (view.hooks?.runs ?? []).filter((run) => run.hook === hook.name);
    let now: string;
    if ('stage' in on)
      now = on.stage === view.stage ? 'fires: the video is in this stage' : `waits for stage ${on.stage}`;
    else if ('status' in on && !('event' in on))
      now = on.status === view.status ? 'fires: the video has this status' : `waits for status ${on.status}`;
    else
      now = seenTypes.has(on.event)
        ? `listens to ${on.event} (seen by this video)`
        : `listens to ${on.event}`;
    return {
      hook: hook.name,
      now,
      runs: runs.map((run) => ({
        occurrence: run.occurrence,
        status: run.status,
        detail: run.detail,
        error: run.error,
      })),
    };
  });
  if (output === 'json')
    return printJson({ videoId, stage: view.stage, status: view.status, hooks: verdicts });
  console.log(
    `video ${videoId}: ${view.stage} (${view.status})${view.hooks ? '' : '; its workflow runs no hooks'}`,
  );
  printTable(
    ['hook', 'now', 'runs'],
    verdicts.map((v) => [v.hook, v.now, v.runs.map((r) => `${r.occurrence}:${r.status}`).join(' ') || '-']),
    `${file}: no hooks`,
  );
}

async function hooksRetry(client: Client, videoId: string, hook: string, occurrence?: string): Promise<void> {
  const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
  const { retried } = await handle.executeUpdate(retryHookUpdate, { args: [{ hook, occurrence }] });
  console.log(`running hook ${hook} of ${videoId} again (${retried} run${retried === 1 ? '' : 's'})`);
}

function describeTrigger(hook: Hook): string {
  const on = hook.on;
  if ('stage' in on) return `stage ${on.stage}`;
  if ('event' in on) return `event ${on.event}${on.status ? ` (${on.status})` : ''}`;
  return `status ${on.status}`;
}

function describeFilters(hook: Hook): string {
  const when = hook.when;
  if (!when) return '-';
  const parts: string[] = [];
  if (when.region) parts.push(`region ${[when.region].flat().join('|')}`);
  if (when.templateGroupId) parts.push(`template group ${[when.templateGroupId].flat().join('|')}`);
  for (const [k, v] of Object.entries(when.event ?? {})) parts.push(`event.${k}=${String(v)}`);
  for (const [k, v] of Object.entries(when.extend ?? {})) parts.push(`extend.${k}=${String(v)}`);
  return parts.join(', ') || '-';
}

function describeAction(hook: Hook): string {
  const action = hook.action;
  if ('workflow' in action)
    return `workflow ${action.workflow.type} on ${action.workflow.taskQueue} (${action.workflow.mode})`;
  if ('webhook' in action)
    return `webhook ${new URL(action.webhook.url).host}${action.webhook.secretEnv ? ' (signed)' : ''}`;
  return `smq ${action.smq.region ?? '(video region)'}:${action.smq.queue}`;
}

export function registerHookCommands(program: Command): void {
  const hooks = program
    .command('hooks')
    .description('your own follow-ups (VODFLOW_HOOKS): validate the file, check a video, retry a run');
  hooks
    .command('list')
    .description('validate the hooks file (each problem with its line and field) and list its hooks')
    .option('--file <file>', 'the hooks file (default: $VODFLOW_HOOKS)')
    .action((options: { file?: string }, command: Command) =>
      hooksList(hooksFileFrom(options.file), globalsOf(command).output),
    );
  hooks
    .command('check')
    .description("which hooks the video's current stage and status call for, and what its hooks did")
    .argument('<videoId>', "VOD's VideoId")
    .option('--file <file>', 'the hooks file (default: $VODFLOW_HOOKS)')
    .action((videoId: string, options: { file?: string }, command: Command) =>
      withClient((client) =>
        hooksCheck(client, hooksFileFrom(options.file), videoId, globalsOf(command).output),
      ),
    );
  hooks
    .command('retry')
    .description("run a hook's failed runs for a video again")
    .argument('<videoId>', "VOD's VideoId")
    .argument('<hook>', 'the hook name')
    .option('--occurrence <occurrence>', 'only this occurrence (default: every failed run of the hook)')
    .action((videoId: string, hook: string, options: { occurrence?: string }) =>
      withClient((client) => hooksRetry(client, videoId, hook, options.occurrence)),
    );
}
