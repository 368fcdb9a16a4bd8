import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxySinks,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { FollowUpStage, PipelinePolicy } from '../common/pipeline-policy';
import { DEFAULT_RECONCILE_POLICY, type ReconcilePolicy } from '../common/reconcile-policy';
import {
  VOD_LAST_EVENT,
  VOD_REGION,
  VOD_STAGE,
  VOD_STATUS,
  VOD_UPDATED_AT,
} from '../common/search-attributes';
import { activityTaskQueues } from './activity-queues';
import { applyOrReject } from './apply-or-reject';
import type { VodflowMetricSinks } from './video-metrics';
import {
  describedAs,
  cancelVideoUpdate,
  retryHookUpdate,
  retryStageUpdate,
  videoStateQuery,
  vodEventSignal,
  vodEventsSignal,
  type VodEventSignalArgs,
} from './definitions';
import { CURRENT_PATCH_BASELINE, patchCheck } from './patch-baseline';
import type { Hook } from '../common/hooks/hook-schema';
import { createVideoHooks, type VideoHooks } from './video-hooks';
import {
  applyVodEvent,
  originOfFirstEvent,
  EVENT_TYPES_CHANGED_IN_V2,
  EVENT_TYPES_CHANGED_IN_V3,
  type DecodedVodEvent,
  type EventRulesVersion,
} from './event-facts';
import type { AwaitedMilestone, CheckOutcome } from './milestone-watch';
import { VideoState, type FollowUpAction, type VideoSnapshot, type VideoStateLimits } from './video-state';

// The entity workflow of one video (id `video:<VideoId>`). It receives every event of the video as
// a signal, keeps the VideoState, submits follow-up jobs, and publishes the stage as search
// attributes. It lives as long as the video can still change: it closes once the video is deleted
// or cancelled, or after a long quiet period; a later event revives it with the state carried over
// (the poller passes the closed run's result as `carried`).

export interface VideoWorkflowLimits extends Partial<VideoStateLimits> {
  /** Continue-as-new once this run's history has this many events (Temporal may suggest sooner). */
  maxHistoryEvents?: number;
  /** Close after this long without events, when nothing is in flight or scheduled. */
  idleCloseMs?: number;
  /** Start-to-close timeout of one follow-up submission (a worker that died mid-call is noticed then). */
  followUpTimeoutMs?: number;
}

export interface VideoWorkflowInput {
  videoId: string;
  region?: string;
  policy: PipelinePolicy;
  carried?: VideoSnapshot;
  limits?: VideoWorkflowLimits;
  /** Deadlines and reconciliation against VOD's API; missing fields take the defaults. */
  reconcile?: Partial<ReconcilePolicy>;
  /** Set by the sweep, which starts a workflow for a video it found in VOD without one. */
  discoveredBy?: 'sweep';
  /**
   * The patch baseline of the code that started this run (workflows/patch-baseline.ts): patches it
   * holds are taken as in, without markers. Absent in runs started before baselines existed.
   */
  patchBaseline?: number;
  /**
   * The deployment's hooks (VODFLOW_HOOKS) when this run started: in the input, so that every
   * decision to fire is plain workflow logic that replays the same whatever the file says later.
   */
  hooks?: Hook[];
  /**
   * The VOD application the video must belong to, when the deployment names one: read from VOD
   * once, before the first follow-up; another application's video is left alone and reported.
   */
  appId?: string;
}

const DEFAULT_MAX_HISTORY_EVENTS = 10_000;
const DEFAULT_IDLE_CLOSE_MS = 30 * 24 * 3_600_000;

export async function videoWorkflow(input: VideoWorkflowInput): Promise<VideoSnapshot> {
  const limits = input.limits ?? {};
  const isPatched = patchCheck(input.patchBaseline, patched);
  const queues = activityTaskQueues();
  const { submitFollowUp } = proxyActivities<ReturnType<typeof createActivities>>({
    taskQueue: queues.vodWrites,
    startToCloseTimeout: limits.followUpTimeoutMs ?? 60_000,
    // Transient VOD errors are retried here; permanent ones come back as non-retryable failures and
    // count as a failed attempt of the stage (whose own retries follow the pipeline policy).
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
  });
  // Reconciliation reads VOD's API: on the read queue, whose rate the server limits for every worker
  // (a check waits there, not inside its timeout), and retried here while VOD is throttling or
  // unavailable. A check that still fails is recorded and repeated later.
  const { reconcileMilestone } = proxyActivities<ReturnType<typeof createActivities>>({
    taskQueue: queues.vodReads,
    startToCloseTimeout: '1 minute',
    // Bounded so that a continue-as-new waiting for in-flight work is not held up for long.
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 4 },
  });
  // Transient VOD errors are retried for as long as they last: no follow-up goes before the answer.
  const { videoApplication } = proxyActivities<ReturnType<typeof createActivities>>({
    taskQueue: queues.vodReads,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  // Reads the worker's configuration: a local activity, one marker in the history, no task round trip.
  const { deploymentPolicy } = proxyLocalActivities<ReturnType<typeof createActivities>>({
    startToCloseTimeout: '10s',
  });
  const nowIso = (): string => new Date().toISOString();
  const state = input.carried
    ? VideoState.restore(input.carried, limits)
    : VideoState.create(input.videoId, nowIso(), {
        region: input.region,
        policy: input.policy,
        limits,
        discoveredBy: input.discoveredBy,
        appId: input.appId,
      });
  const reconcilePolicy: ReconcilePolicy = { ...DEFAULT_RECONCILE_POLICY, ...input.reconcile };
  // Runs recorded before deadlines existed replay without them.
  const watchDeadlines = isPatched('reconcile-deadlines');

  // Replay-safe: sink calls are not history, and the worker skips them during replay.
  const { vodflowMetrics } = proxySinks<VodflowMetricSinks>();

  // A continued or revived run does not count the stage it starts in again.
  let lastStage: string = input.carried ? state.stage() : '';

  let changed = true;
  let inFlight = 0;
  const hooks: VideoHooks | undefined = input.hooks
    ? createVideoHooks({
        hooks: input.hooks,
        state,
        videoId: input.videoId,
        region: input.region,
        now: nowIso,
        onRunStarted: () => (inFlight += 1),
        onRunSettled: () => {
          inFlight -= 1;
          changed = true;
        },
      })
    : undefined;
  const checking = new Set<string>();
  let lastEventAt = Date.now();

  // Runs recorded under older readings of events replay with them; each patch is asked only for the
  // event types whose reading it changed.
  const rulesFor = (event: DecodedVodEvent): EventRulesVersion => {
    if (EVENT_TYPES_CHANGED_IN_V2.includes(event.EventType) && !isPatched('event-rules-v2')) return 1;
    if (EVENT_TYPES_CHANGED_IN_V3.includes(event.EventType) && !isPatched('latest-result-wins')) return 2;
    return 3;
  };

  // Each submission and check runs in a scope of its own, so that `cancel` can stop them.
  const inFlightWork = new Set<CancellationScope>();
  const inCancellableScope = <T>(run: () => Promise<T>): Promise<T> => {
    const scope = new CancellationScope();
    inFlightWork.add(scope);
    return scope.run(run).finally(() => inFlightWork.delete(scope));
  };

  const receive = (args: VodEventSignalArgs): void => {
    // A fresh workflow whose first event is not the upload follows a video vodflow did not see begin.
    if (!input.carried && state.origin === undefined && state.untouched && isPatched('video-origin')) {
      state.setOrigin(originOfFirstEvent(args?.event));
    }
    const result = applyOrReject(state, args, nowIso(), rulesFor);
    if (result === 'applied') hooks?.noteApplied(args.event);
    lastEventAt = Date.now();
    if (result !== 'duplicate') changed = true;
  };
  setHandler(vodEventSignal, receive, describedAs(vodEventSignal));
  // Whatever a sender put in `events`: anything but a list is one input, recorded as rejected.
  setHandler(
    vodEventsSignal,
    (args) => {
      const events: unknown = args?.events;
      for (const one of Array.isArray(events) ? events : [{}]) receive(one as VodEventSignalArgs);
    },
    describedAs(vodEventsSignal),
  );
  setHandler(
    videoStateQuery,
    () => ({
      ...state.view(),
      upcomingChecks: watchDeadlines ? state.upcomingChecks(reconcilePolicy) : [],
      idleCloseAt: idleCloseAtForView(),
    }),
    describedAs(videoStateQuery),
  );
  setHandler(
    retryHookUpdate,
    ({ hook, occurrence }) =>
      refusingOnError(() => {
        changed = true;
        return { retried: hooks?.retry(hook, occurrence) ?? 0 };
      }),
    {
      validator: ({ hook, occurrence }: { hook: string; occurrence?: string }) =>
        refuseWith(hooks ? hooks.retryRefusal(hook, occurrence) : 'this video runs no hooks'),
      ...describedAs(retryHookUpdate),
    },
  );
  setHandler(
    retryStageUpdate,
    ({ stage }) =>
      refusingOnError(() => {
        const retried = state.retryStage(stage);
        changed = true;
        const next = state.nextActions().find((a) => a.stage === retried);
        return { stage: retried, attempt: next?.attempt ?? 0 };
      }),
    {
      ...describedAs(retryStageUpdate),
      validator: ({ stage }: { stage?: FollowUpStage }) => refuseWith(state.retryRefusal(stage)),
    },
  );
  setHandler(
    cancelVideoUpdate,
    ({ reason }) =>
      refusingOnError(() => {
        state.cancel(reason, nowIso());
        // The video is done: stop waiting for submissions and checks still under way (runs recorded
        // before this rule waited for them).
        if (inFlightWork.size > 0 && isPatched('cancel-stops-in-flight-work')) {
          for (const scope of inFlightWork) scope.cancel();
        }
        changed = true;
        return { stage: state.stage() };
      }),
    {
      ...describedAs(cancelVideoUpdate),
      validator: (_request: { reason?: string }) => refuseWith(state.cancelRefusal()),
    },
  );

  const startFollowUp = (action: FollowUpAction): void => {
    state.markSubmitting(action.stage, action.attempt, nowIso());
    inFlight += 1;
    inCancellableScope(() =>
      submitFollowUp({
        videoId: state.videoId,
        region: input.region,
        stage: action.stage,
        attempt: action.attempt,
        policy: state.policy,
      }),
    )
      .then(
        ({ jobId }) => {
          state.markSubmitted(action.stage, action.attempt, jobId);
          vodflowMetrics.count('followUps', { stage: action.stage, outcome: 'submitted' });
        },
        (err: unknown) => {
          state.markSubmitFailed(action.stage, action.attempt, failureOf(err), nowIso());
          vodflowMetrics.count('followUps', { stage: action.stage, outcome: 'failed' });
        },
      )
      .finally(() => {
        inFlight -= 1;
        changed = true;
      });
  };

  const startCheck = (wait: AwaitedMilestone): void => {
    const key = `${wait.milestone}#${wait.attempt}`;
    if (checking.has(key)) return;
    checking.add(key);
    inFlight += 1;
    const record = (outcome: CheckOutcome, detail: string, applied: number) => {
      const giveUp = state.recordCheck({
        wait,
        outcome,
        detail,
        applied,
        policy: reconcilePolicy,
        now: nowIso(),
        // Deterministic in a workflow: spreads the rechecks of many videos apart.
        jitter: Math.random(),
      });
      vodflowMetrics.count('reconcileChecks', { stage: wait.milestone, outcome });
      if (applied > 0) vodflowMetrics.count('reconciled', { stage: wait.milestone });
      if (giveUp?.reason === 'missing') vodflowMetrics.count('reconciled', { stage: 'delete' });
    };
    inCancellableScope(() =>
      reconcileMilestone({
        videoId: state.videoId,
        region: input.region,
        milestone: wait.milestone,
        attempt: wait.attempt,
        jobId: wait.jobId,
        since: wait.since,
      }),
    )
      .then(
        (result) => {
          let applied = 0;
          if (result.outcome === 'settled') {
            const meta = { source: 'reconcile' as const, region: input.region };
            for (const event of result.events) {
              if (applyVodEvent(state, event, meta, nowIso()) === 'applied') applied += 1;
            }
            if (applied > 0) lastEventAt = Date.now();
          }
          record(result.outcome, result.detail, applied);
        },
        (err: unknown) => record('error', failureOf(err).message, 0),
      )
      .finally(() => {
        checking.delete(key);
        inFlight -= 1;
        changed = true;
      });
  };

  let checkingApplication = false;
  const startApplicationCheck = (): void => {
    checkingApplication = true;
    inFlight += 1;
    inCancellableScope(() => videoApplication({ videoId: state.videoId, region: input.region }))
      .then(
        (answer) => {
          state.recordApplication(answer, nowIso());
          if (state.stage() === 'foreign') {
            vodflowMetrics.count('foreignVideos', { app_id: 'appId' in answer ? answer.appId : '' });
          }
        },
        (err: unknown) => state.recordApplication({ problem: failureOf(err).message }, nowIso()),
      )
      .finally(() => {
        checkingApplication = false;
        inFlight -= 1;
        changed = true;
      });
  };

  let published = '';
  const publish = (): void => {
    const attributes = {
      stage: state.stage(),
      status: state.status(),
      lastEvent: state.lastEventType ?? '',
    };
    if (attributes.stage !== lastStage) {
      vodflowMetrics.count('stageTransitions', { stage: attributes.stage });
      lastStage = attributes.stage;
    }
    // Shown by the Web UI next to the summary; kept in memory only, so it costs no history event.
    const title = state.title ? `“${state.title}”: ` : '';
    setCurrentDetails(
      `${title}stage ${attributes.stage} (${attributes.status}), last event ${attributes.lastEvent || '-'}`,
    );
    const key = JSON.stringify(attributes);
    if (key === published) return;
    published = key;
    upsertSearchAttributes([
      { key: VOD_STAGE, value: attributes.stage },
      { key: VOD_STATUS, value: attributes.status },
      { key: VOD_LAST_EVENT, value: attributes.lastEvent },
      { key: VOD_REGION, value: input.region ?? '' },
      { key: VOD_UPDATED_AT, value: new Date() },
    ]);
  };

  // A failed or blocked video waits for a person however long that takes: it never idle-closes, so
  // that `retry` finds it open. Runs recorded before this rule replay with their idle timer.
  const needsAttention = (): boolean =>
    (state.status() === 'attention' && isPatched('attention-never-idles')) || hooks?.hasFailed() === true;

  const maxHistory = limits.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const idleCloseMs = limits.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS;
  // For the state query, which may not call patched(): the idle deadline when nothing else is due.
  function idleCloseAtForView(): string | undefined {
    const waiting = watchDeadlines && state.upcomingChecks(reconcilePolicy).length > 0;
    if (waiting || inFlight > 0 || state.status() === 'attention') return undefined;
    return new Date(lastEventAt + idleCloseMs).toISOString();
  }
  const historyIsLong = (): boolean =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= maxHistory;

  for (;;) {
    changed = false;
    // Read before this turn awaits a local activity: the history length an activation reports
    // after a local activity resolves within a workflow task is not the same when it replays.
    const longHistory = historyIsLong();
    // Only runs given an application (none recorded before it existed) ever check one.
    if (state.applicationCheckDue && !checkingApplication) startApplicationCheck();
    let actions = state.nextActions();
    // A follow-up about to go (a first submission, a retry, an operator's retry) uses the deployment's
    // policy as it is now, not as it was when the video began; runs recorded before replay without.
    if (actions.some((a) => a.notBefore <= Date.now()) && isPatched('policy-follows-deployment')) {
      state.followDeployment(await deploymentPolicy());
      actions = state.nextActions();
    }
    const now = Date.now();
    for (const action of actions) if (action.notBefore <= now) startFollowUp(action);
    const checks = watchDeadlines ? state.planChecks(reconcilePolicy, now) : { due: [] };
    for (const wait of checks.due) startCheck(wait);
    hooks?.turn();
    publish();

    if (state.isFinished() && inFlight === 0 && !hooks?.hasUnseenWork()) break;
    if (longHistory) {
      await condition(() => inFlight === 0 && allHandlersFinished());
      // Events applied meanwhile may fire hooks: one more turn before the run hands over.
      if (hooks?.hasUnseenWork()) continue;
      // The next run is started by this code: it holds this code's baseline.
      return continueAsNew<typeof videoWorkflow>({
        ...input,
        carried: state.carryOver(),
        patchBaseline: CURRENT_PATCH_BASELINE,
      });
    }

    const later = actions.filter((a) => a.notBefore > now).map((a) => a.notBefore);
    if (checks.nextAt !== undefined) later.push(checks.nextAt);
    const idleAt =
      later.length === 0 && inFlight === 0 && !needsAttention() ? lastEventAt + idleCloseMs : Infinity;
    const wakeAt = Math.min(idleAt, ...later);
    const woke = await (Number.isFinite(wakeAt)
      ? condition(() => changed || historyIsLong(), Math.max(1, wakeAt - Date.now()))
      : condition(() => changed || historyIsLong()).then(() => true));
    if (!woke && Date.now() >= idleAt && inFlight === 0) break;
  }

  await condition(allHandlersFinished);
  publish();
  return state.snapshot();
}

function refuseWith(refusal: string | undefined): void {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'Refused');
}

// Any other error thrown in an update handler would fail the workflow task and wedge the video; the
// caller gets it as the update's failure instead.
function refusingOnError<T>(act: () => T): T {
  try {
    return act();
  } catch (err) {
    if (err instanceof ApplicationFailure) throw err;
    throw ApplicationFailure.nonRetryable(err instanceof Error ? err.message : String(err), 'Refused');
  }
}

function failureOf(err: unknown): { code: string; message: string } {
  if (isCancellation(err)) {
    return { code: 'Vodflow.Cancelled', message: 'the video was cancelled before the submission returned' };
  }
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? 'ApplicationFailure', message: cause.message };
  return {
    code: err instanceof Error ? err.name : 'Error',
    message: err instanceof Error ? err.message : String(err),
  };
}
