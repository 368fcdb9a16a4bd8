import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  proxyActivities,
  proxySinks,
  startChild,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { createActivities } from '../activities';
import { hookPayload, hookWorkflowId } from '../common/hooks/hook-payload';
import type { Hook } from '../common/hooks/hook-schema';
import { matchHooks, type HookEventFacts } from '../common/hooks/match-hooks';
import { eventContentKey } from '../common/events/content-key';
import type { DecodedVodEvent } from './event-facts';
import type { HookRun } from './hook-ledger';
import type { VodflowMetricSinks } from './video-metrics';
import type { VideoState } from './video-state';

type Activities = ReturnType<typeof createActivities>;

// The user's hooks, wired into one video workflow. Deciding is plain workflow logic: the run's hooks
// come with its input (the file as it was when the run started, so replays decide the same whatever
// the file says later), each turn of the video's loop turns what changed (a stage or status
// entered, events applied) into a moment and matches it, and the ledger in the video's state keeps
// each (hook, occurrence) to one run. Running is an activity with the hook's own retries, or a child
// workflow. An edited file reaches every new video at once and a revived one; a running video keeps
// its hooks across continue-as-new (its input carries them on).

export interface VideoHooks {
  /** An event the state applied (duplicates and rejected events are not). */
  noteApplied(event: DecodedVodEvent): void;
  /** Fires what the last changes call for and starts pending runs. */
  turn(): void;
  /** Work not yet handed to a run: the workflow must not continue-as-new or close over it. */
  hasUnseenWork(): boolean;
  /** A hook whose run failed for good keeps the video open for `hooks retry`. */
  hasFailed(): boolean;
  retryRefusal(hook: string, occurrence?: string): string | undefined;
  retry(hook: string, occurrence?: string): number;
}

export function createVideoHooks(wiring: {
  /** The hooks this run started with (its input). */
  hooks: readonly Hook[];
  state: VideoState;
  videoId: string;
  region?: string;
  now(): string;
  /** Called when a run starts and when it settles, to keep the loop's in-flight count. */
  onRunStarted(): void;
  onRunSettled(): void;
}): VideoHooks {
  const { state } = wiring;
  const ledger = state.hookLedger();
  const applied: HookEventFacts[] = [];
  const { vodflowMetrics } = proxySinks<VodflowMetricSinks>();

  const videoForPayload = (): Record<string, unknown> => {
    const { log: _log, hooks: _hooks, ...view } = state.view();
    return view;
  };

  const start = (run: HookRun): void => {
    const firing = run.firing;
    if (!firing) return;
    ledger.markRunning(run);
    wiring.onRunStarted();
    const input = { videoId: wiring.videoId, region: wiring.region, firing, video: videoForPayload() };
    const action = firing.action;
    let work: Promise<{ detail: string }>;
    if ('workflow' in action && action.workflow.mode === 'child') {
      const workflowId = hookWorkflowId(wiring.videoId, firing.hook, firing.occurrence);
      work = startChild(action.workflow.type, {
        workflowId,
        taskQueue: action.workflow.taskQueue,
        args: [hookPayload(input)],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      }).then(
        () => ({ detail: `started child ${workflowId}` }),
        (err: unknown) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError)
            return { detail: `started ${workflowId} (before)` };
          throw err;
        },
      );
    } else {
      const timeoutSeconds = 'webhook' in action ? action.webhook.timeoutSeconds : 20;
      const { runHook } = proxyActivities<Activities>({
        startToCloseTimeout: `${timeoutSeconds + 10}s`,
        retry: {
          initialInterval: `${firing.retry.initialSeconds}s`,
          maximumInterval: `${firing.retry.maxSeconds}s`,
          backoffCoefficient: 2,
          maximumAttempts: firing.retry.maxAttempts,
        },
      });
      work = runHook(input);
    }
    work
      .then(
        ({ detail }) => {
          ledger.finish(run, { detail }, wiring.now());
          vodflowMetrics.count('hookRuns', { hook: run.hook, outcome: 'done' });
        },
        (err: unknown) => {
          ledger.finish(run, { error: messageOf(err) }, wiring.now());
          vodflowMetrics.count('hookRuns', { hook: run.hook, outcome: 'failed' });
        },
      )
      .finally(() => wiring.onRunSettled());
  };

  return {
    noteApplied(event) {
      applied.push({
        eventType: event.EventType,
        contentKey: eventContentKey(event),
        event: event as unknown as Record<string, unknown>,
      });
    },
    turn() {
      const entered = ledger.entered(state.stage(), state.status());
      const events = applied.splice(0);
      if (entered.stageEntered || entered.statusEntered || events.length > 0) {
        const firings = matchHooks(wiring.hooks, {
          videoId: wiring.videoId,
          region: wiring.region,
          templateGroupId: state.policy.templateGroupId,
          ...entered,
          events,
        });
        for (const firing of firings) ledger.accept(firing, wiring.now());
      }
      for (const run of ledger.pending()) start(run);
    },
    hasUnseenWork: () => applied.length > 0 || ledger.pending().length > 0,
    hasFailed: () => ledger.hasFailed(),
    retryRefusal: (hook, occurrence) => ledger.retryRefusal(hook, occurrence),
    retry: (hook, occurrence) => ledger.retry(hook, occurrence).length,
  };
}

function messageOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'Error'}: ${cause.message}`;
  return err instanceof Error ? err.message : String(err);
}
