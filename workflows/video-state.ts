import {
  DEFAULT_PIPELINE_POLICY,
  FOLLOW_UP_STAGES,
  isStageRequired,
  retryDelayMs,
  type FollowUpStage,
  type PipelinePolicy,
} from '../common/pipeline-policy';
import { firstCheckDelayMs, type ReconcilePolicy } from '../common/reconcile-policy';
import { AttemptLedger } from './attempt-ledger';
import { DedupWindow } from './dedup-window';
import {
  MilestoneWatch,
  type AwaitedMilestone,
  type CheckOutcome,
  type CheckPlan,
  type GiveUp,
  type UpcomingCheck,
} from './milestone-watch';
import type { Observation, StreamResult } from './observation';
import { cancelRefusal, retryRefusal, type OperatorFacts } from './operator-actions';
import { migrateSnapshot, SNAPSHOT_VERSION } from './snapshot-format';
import { emptyHookRecords, HookLedger } from './hook-ledger';
import { isForeign, StageDerivation } from './stage-derivation';
import {
  DEFAULT_VIDEO_STATE_LIMITS,
  type ApplyResult,
  type EventMeta,
  type EventSource,
  type FollowUpAction,
  type StageState,
  type StageStatus,
  type VideoOrigin,
  type VideoSnapshot,
  type VideoStage,
  type VideoStateLimits,
  type VideoStatus,
  type VideoView,
} from './video-snapshot';
import { reasonOf, viewOf } from './video-view';

export * from './video-snapshot';

// The whole processing state of one video, as a plain class with no Temporal dependency: the video
// workflow is thin wiring around it. It is the facade over the pieces: the dedup window
// (dedup-window.ts), the attempt ledger (attempt-ledger.ts), stage derivation (stage-derivation.ts),
// the milestone watch (milestone-watch.ts), operator actions (operator-actions.ts)
// and the view (video-view.ts); the snapshot's types live in video-snapshot.ts. Everything here is derived from what was observed, so the same
// events in any order end in the same state. The snapshot is plain JSON: it is the workflow's
// query answer, its continue-as-new input and its result.

export class VideoState {
  private readonly dedup: DedupWindow;
  private readonly ledger: AttemptLedger;
  private readonly derive: StageDerivation;

  private constructor(
    private readonly data: VideoSnapshot,
    private readonly limits: VideoStateLimits,
  ) {
    this.dedup = new DedupWindow(data.dedupKeys, limits.dedupCapacity);
    this.ledger = new AttemptLedger(data.stages);
    this.derive = new StageDerivation(data);
  }

  static create(
    videoId: string,
    now: string,
    options: {
      region?: string;
      policy?: PipelinePolicy;
      limits?: Partial<VideoStateLimits>;
      discoveredBy?: 'sweep';
      /** The application the video must belong to; checked once before any follow-up. */
      appId?: string;
    } = {},
  ): VideoState {
    const stages = {} as Record<FollowUpStage, StageState>;
    for (const stage of FOLLOW_UP_STAGES) stages[stage] = { attempts: [], manualRetries: 0 };
    return new VideoState(
      {
        version: SNAPSHOT_VERSION,
        videoId,
        region: options.region,
        firstSeenAt: now,
        updatedAt: now,
        basePolicy: options.policy ?? DEFAULT_PIPELINE_POLICY,
        streams: {},
        stages,
        log: [],
        counters: { applied: 0, duplicates: 0, unknown: 0 },
        unknownEventTypes: [],
        dedupKeys: [],
        runs: 1,
        discoveredBy: options.discoveredBy,
        origin: options.discoveredBy === 'sweep' ? 'swept' : undefined,
        application: options.appId === undefined ? undefined : { expected: options.appId },
      },
      { ...DEFAULT_VIDEO_STATE_LIMITS, ...options.limits },
    );
  }

  static restore(
    snapshot: Parameters<typeof migrateSnapshot>[0],
    limits: Partial<VideoStateLimits> = {},
  ): VideoState {
    return new VideoState(migrateSnapshot(structuredCloneJson(snapshot)), {
      ...DEFAULT_VIDEO_STATE_LIMITS,
      ...limits,
    });
  }

  get videoId(): string {
    return this.data.videoId;
  }

  get origin(): VideoOrigin | undefined {
    return this.data.origin;
  }

  /** True before the first event of any kind reached this video's state. */
  get untouched(): boolean {
    const { applied, duplicates, unknown, rejected } = this.data.counters;
    return applied + duplicates + unknown + (rejected ?? 0) === 0;
  }

  /** Set once, from the first event of a video vodflow had no state of. */
  setOrigin(origin: VideoOrigin): void {
    this.data.origin ??= origin;
  }

  get title(): string | undefined {
    return this.data.title?.text;
  }

  get lastEventType(): string | undefined {
    return this.data.lastEvent?.type;
  }

  /** The deployment's policy with what this video's upload pinned on top. */
  get policy(): PipelinePolicy {
    return this.derive.policy;
  }

  /** Takes the deployment's current policy for every field the video did not pin. */
  followDeployment(policy: PipelinePolicy): void {
    this.data.basePolicy = policy;
  }

  /**
   * Applies one event. `observation` is undefined for an event type vodflow does not know; it is
   * still recorded. `contentKey` identifies the event by its content (common/events/content-key.ts).
   */
  apply(input: {
    eventType: string;
    eventTime?: string;
    observation: Observation | undefined;
    contentKey: string;
    meta: EventMeta;
    now: string;
  }): ApplyResult {
    const { meta, now } = input;
    // Even as a duplicate (the API may have reported the upload first), the video's upload or
    // creation event itself proves the video new.
    const observed = input.observation;
    if (observed?.kind === 'uploaded' || (observed?.kind === 'noted' && observed.createdVideo))
      this.newVideoEvidence(meta.source);
    // VOD's API says when the video was created: a recent one is new, whatever events were lost.
    if (observed?.kind === 'uploaded' && observed.createdAt !== undefined)
      this.checkAge(observed.createdAt, now);
    // The latest title wins whatever order its events come in (ties: the greater text, so that
    // the order still does not matter).
    if (observed?.kind === 'noted' && observed.title !== undefined) {
      const current = this.data.title;
      const title = { text: observed.title, at: observed.at };
      if (!current || title.at > current.at || (title.at === current.at && title.text > current.text))
        this.data.title = title;
    }
    const keys = [`c:${input.contentKey}`];
    if (meta.messageId) keys.push(`m:${meta.region ?? ''}/${meta.queue ?? ''}/${meta.messageId}`);
    if (keys.some((key) => this.dedup.has(key))) {
      this.data.counters.duplicates += 1;
      // A duplicate proves the same message came back: remember its other keys too.
      this.dedup.remember(keys);
      return 'duplicate';
    }
    this.dedup.remember(keys);
    if (input.observation && this.settledAlready(input.observation, meta.source)) {
      // The same milestone, once from VOD's event and once from reconciliation: one of them is
      // late, and changes nothing.
      this.data.counters.duplicates += 1;
      this.log(input, 'duplicate');
      return 'duplicate';
    }

    const result: ApplyResult = input.observation ? 'applied' : 'unknown';
    if (input.observation) {
      this.observe(input.observation, now, meta.source);
      this.data.counters.applied += 1;
    } else {
      this.data.counters.unknown += 1;
      if (!this.data.unknownEventTypes.includes(input.eventType)) {
        this.data.unknownEventTypes.push(input.eventType);
        trimFront(this.data.unknownEventTypes, this.limits.unknownTypesCapacity);
      }
    }
    this.data.lastEvent = { type: input.eventType, at: now };
    this.data.updatedAt = now;
    this.log(input, result);
    return result;
  }

  /**
   * Records an event that could not be applied (reading or applying it threw): the video keeps going
   * and the log says why, instead of the workflow task failing on the same input forever.
   */
  reject(input: {
    eventType: string;
    eventTime?: string;
    meta: EventMeta;
    now: string;
    reason: string;
  }): void {
    this.data.counters.rejected = (this.data.counters.rejected ?? 0) + 1;
    this.data.updatedAt = input.now;
    this.log(input, 'rejected', input.reason);
  }

  private log(
    input: { eventType: string; eventTime?: string; meta: EventMeta; now: string },
    result: ApplyResult,
    reason?: string,
  ): void {
    const { meta, now } = input;
    this.data.log.push({
      eventType: input.eventType,
      eventTime: input.eventTime,
      receivedAt: now,
      source: meta.source,
      messageId: meta.messageId,
      lagMs: meta.enqueueTime === undefined ? undefined : Math.max(0, Date.parse(now) - meta.enqueueTime),
      result,
      reason,
    });
    trimFront(this.data.log, this.limits.logCapacity);
  }

  // True when a queue event repeats a milestone that reconciliation already recorded, or the other
  // way round. Events from the queue alone keep their usual treatment.
  // The upload or creation event came after all (events are unordered, and an adopted video's upload
  // may have been read from the API first): a new video, not an old one.
  private newVideoEvidence(source: EventSource): void {
    if (this.data.origin === 'adopted' && source === 'queue') this.data.origin = 'new';
  }

  private checkAge(createdAt: string, now: string): void {
    // A policy recorded before the setting existed has none: such a video keeps its origin.
    const limitMs = this.policy.adoptAfterHours * 3_600_000;
    const ageMs = Date.parse(now) - Date.parse(createdAt);
    if (this.data.origin === 'adopted' && ageMs < limitMs) this.data.origin = 'new';
  }

  private settledAlready(observation: Observation, source: EventSource): boolean {
    const viaReconcile = (existing: EventSource | undefined): boolean =>
      source === 'reconcile' || existing === 'reconcile';
    switch (observation.kind) {
      case 'uploaded': {
        const uploaded = this.data.uploaded;
        return !!uploaded && !uploaded.implied && viaReconcile(uploaded.source);
      }
      case 'stream': {
        const stream = this.data.streams[streamKey(observation.stream)];
        return (
          !!stream &&
          stream.attempt === observation.attempt &&
          stream.outcome === observation.stream.outcome &&
          viaReconcile(stream.source)
        );
      }
      case 'stage': {
        const stage = this.data.stages[observation.stage];
        const record = stage.attempts.find((a) => a.attempt === this.ledger.attemptOf(observation));
        const settled =
          (record?.status === 'succeeded' && observation.outcome === 'success') ||
          (record?.status === 'failed' && observation.outcome === 'failure');
        return settled && viaReconcile(record?.completedVia);
      }
      case 'deleted':
        return this.data.deleted?.outcome === 'success' && viaReconcile(this.data.deleted.source);
      default:
        return false;
    }
  }

  private observe(observation: Observation, now: string, source: EventSource): void {
    switch (observation.kind) {
      case 'uploaded': {
        this.data.uploaded = {
          at: observation.at,
          size: observation.size,
          fileUrl: observation.fileUrl,
          implied: false,
          source,
          recordedAt: now,
        };
        if (observation.policyOverride) this.data.policyOverride = observation.policyOverride;
        return;
      }
      case 'stream': {
        this.implyUpload(observation.at, now);
        const key = streamKey(observation.stream);
        const previous = this.data.streams[key];
        // A stream that succeeded once stays succeeded, whatever order its events came in.
        if (previous?.outcome === 'success' && observation.stream.outcome !== 'success') return;
        this.data.streams[key] = {
          ...observation.stream,
          at: observation.at,
          attempt: observation.attempt,
          source,
        };
        return;
      }
      case 'stage': {
        this.implyUpload(observation.at, now);
        this.ledger.recordOutcome(observation, now, source);
        return;
      }
      case 'analysis': {
        if (observation.impliesUpload) this.implyUpload(observation.at, now);
        this.data.analysis = {
          at: observation.at,
          outcome: observation.outcome,
          durationSeconds: observation.durationSeconds,
          width: observation.width,
          height: observation.height,
        };
        return;
      }
      case 'deleted': {
        if (observation.outcome === 'success' || !this.data.deleted) {
          this.data.deleted = {
            at: observation.at,
            outcome: observation.outcome,
            deleteType: observation.deleteType,
            source,
          };
        }
        return;
      }
      case 'review': {
        const previous = this.data.manualReview;
        // Reviews may arrive in any order: the one made last stands.
        if (previous && Date.parse(previous.at) > Date.parse(observation.at)) return;
        this.data.manualReview = {
          at: observation.at,
          verdict: observation.verdict,
          reason: observation.reason,
          auditor: observation.auditor,
        };
        return;
      }
      case 'noted':
        return;
    }
  }

  private implyUpload(at: string, now: string): void {
    this.data.uploaded ??= { at, implied: true, recordedAt: now };
  }

  // ---- follow-up bookkeeping (called by the workflow around its activities) ----

  markSubmitting(stage: FollowUpStage, attempt: number, now: string): void {
    this.ledger.markSubmitting(stage, attempt, now);
  }

  markSubmitted(stage: FollowUpStage, attempt: number, jobId: string | undefined): void {
    this.ledger.markSubmitted(stage, attempt, jobId);
  }

  markSubmitFailed(
    stage: FollowUpStage,
    attempt: number,
    error: { code: string; message: string },
    now: string,
  ): void {
    this.ledger.markSubmitFailed(stage, attempt, error, now);
  }

  // ---- deadlines and reconciliation ----

  /** What the video is waiting to hear from VOD about, with the deadline of each wait. */
  awaiting(policy: ReconcilePolicy): AwaitedMilestone[] {
    if (!policy.enabled || this.isFinished()) return [];
    const waits: AwaitedMilestone[] = [];
    const uploaded = this.data.uploaded;
    // An adopted video whose upload is only implied (its analysis came first) asks VOD about it at
    // once too: the answer carries the video's age, which may show it is new after all.
    if (!uploaded || (uploaded.implied && this.data.origin === 'adopted')) {
      waits.push({
        milestone: 'upload',
        attempt: 0,
        since: this.data.firstSeenAt,
        // A video the sweep found has waited long enough already, and an adopted one is old: check at once.
        firstCheckDelayMs:
          this.data.discoveredBy === 'sweep' || this.data.origin === 'adopted'
            ? 0
            : firstCheckDelayMs(policy, 'upload'),
      });
      return waits;
    }
    // Deadlines run on workflow time: VOD's EventTime may lag (queue backlog) or come from another clock.
    const uploadedAt = uploaded.recordedAt ?? this.data.updatedAt;
    const duration = this.data.analysis?.durationSeconds;
    for (const stage of FOLLOW_UP_STAGES) {
      if (!isStageRequired(this.policy, stage)) continue;
      const state = this.data.stages[stage];
      const firstDelay = firstCheckDelayMs(policy, stage, duration);
      for (const record of state.attempts) {
        // A submission still under way has no job to ask about yet; its activity times out instead.
        if (record.status !== 'submitted') continue;
        waits.push({
          milestone: stage,
          attempt: record.attempt,
          jobId: record.jobId,
          since: record.submittedAt ?? uploadedAt,
          firstCheckDelayMs: firstDelay,
        });
      }
      // With transcode=auto, VOD transcodes on its own after the upload.
      if (stage === 'transcode' && this.policy.transcode === 'auto' && state.attempts.length === 0) {
        waits.push({ milestone: 'transcode', attempt: 0, since: uploadedAt, firstCheckDelayMs: firstDelay });
      }
    }
    return waits;
  }

  /** Checks due at `now` (ms), and when the next one is. */
  planChecks(policy: ReconcilePolicy, now: number): CheckPlan {
    // Inputs written before the jitter existed carry none: their recorded schedule stays.
    const jitter = policy.firstCheckJitter ?? 0;
    return this.watch().plan(
      this.awaiting(policy),
      now,
      jitter > 0 ? { seed: this.videoId, fraction: jitter } : undefined,
    );
  }

  /** The next check of each wait; reads only (a query calls it). */
  upcomingChecks(policy: ReconcilePolicy): UpcomingCheck[] {
    return new MilestoneWatch(this.data.watch ?? []).upcoming(this.awaiting(policy));
  }

  private watch(): MilestoneWatch {
    this.data.watch ??= [];
    return new MilestoneWatch(this.data.watch);
  }

  /**
   * Records what a reconciliation check found. `applied` counts the reconciled events that changed
   * the state. When vodflow gives up on the wait, the state shows it: a follow-up attempt fails (its
   * stage retries by the pipeline policy), a video VOD keeps calling missing is deleted, and an
   * upload is no longer watched.
   */
  recordCheck(input: {
    wait: AwaitedMilestone;
    outcome: CheckOutcome;
    detail?: string;
    applied: number;
    policy: ReconcilePolicy;
    now: string;
    jitter: number;
  }): GiveUp | undefined {
    const { wait, now } = input;
    if (input.applied > 0) {
      this.data.reconciled ??= {};
      this.data.reconciled[wait.milestone] = (this.data.reconciled[wait.milestone] ?? 0) + 1;
    }
    const giveUp = this.watch().record(
      wait,
      input.outcome,
      input.detail,
      Date.parse(now),
      input.policy,
      input.jitter,
    );
    if (!giveUp) return undefined;
    if (giveUp.reason === 'missing') {
      this.markGone(now, giveUp.checks);
    } else if (wait.milestone !== 'upload') {
      this.ledger.markLost(wait.milestone, wait.attempt, giveUp, input.detail, now);
    }
    this.data.updatedAt = now;
    return giveUp;
  }

  // VOD says, check after check, that the video does not exist: its deletion event was lost.
  private markGone(now: string, checks: number): void {
    this.apply({
      eventType: 'DeleteMediaComplete',
      eventTime: now,
      observation: { kind: 'deleted', at: now, outcome: 'success', deleteType: 'all' },
      contentKey: `reconcile-gone:${this.data.videoId}:${checks}`,
      meta: { source: 'reconcile' },
      now,
    });
    this.data.reconciled ??= {};
    this.data.reconciled.delete = (this.data.reconciled.delete ?? 0) + 1;
  }

  // ---- operator actions ----

  /** Why retryStage cannot run now, or undefined when it can. */
  retryRefusal(stage: FollowUpStage | undefined): string | undefined {
    return retryRefusal(this.operatorFacts(), stage);
  }

  /** Grants one more attempt to a failed stage, submitted at once. Check retryRefusal first. */
  retryStage(stage: FollowUpStage | undefined): FollowUpStage {
    const refusal = this.retryRefusal(stage);
    if (refusal) throw new Error(refusal);
    const target = stage ?? this.failedStages()[0];
    const state = this.data.stages[target];
    state.manualRetries += 1;
    state.retryNow = true;
    return target;
  }

  cancelRefusal(): string | undefined {
    return cancelRefusal(this.operatorFacts());
  }

  private operatorFacts(): OperatorFacts {
    return {
      deleted: this.data.deleted?.outcome === 'success',
      cancelled: this.data.cancelled !== undefined,
      policy: this.policy,
      failedStages: this.failedStages(),
      stageStatus: (stage) => this.stageStatus(stage),
    };
  }

  cancel(reason: string | undefined, now: string): void {
    const refusal = this.cancelRefusal();
    if (refusal) throw new Error(refusal);
    this.data.cancelled = { at: now, reason };
    this.data.updatedAt = now;
  }

  // ---- derived state (stage-derivation.ts) ----

  stageStatus(stage: FollowUpStage): StageStatus {
    return this.derive.stageStatus(stage);
  }

  allowedAttempts(stage: FollowUpStage): number {
    return this.derive.allowedAttempts(stage);
  }

  failedStages(): FollowUpStage[] {
    return this.derive.failedStages();
  }

  private prerequisiteMet(stage: FollowUpStage): boolean {
    return this.derive.prerequisiteMet(stage);
  }

  get blocked(): boolean {
    return this.derive.blocked;
  }

  stage(): VideoStage {
    return this.derive.stage();
  }

  status(): VideoStatus {
    return this.derive.status();
  }

  /** True once nothing more will happen to this video (its workflow may close). */
  isFinished(): boolean {
    return (
      this.data.deleted?.outcome === 'success' || this.data.cancelled !== undefined || isForeign(this.data)
    );
  }

  /** The video's hook runs (created on first use: videos without hooks carry none). */
  hookLedger(): HookLedger {
    this.data.hooks ??= emptyHookRecords();
    return new HookLedger(this.data.hooks);
  }

  // ---- the application check (one VOD lookup before the first follow-up) ----

  /** The video's application is still to be read from VOD: no follow-up goes before. */
  get applicationCheckDue(): boolean {
    const app = this.data.application;
    return app !== undefined && app.actual === undefined && app.problem === undefined && !this.isFinished();
  }

  /**
   * What VOD said about the video's application. A lookup that failed for good (`problem`) lets the
   * video go on: its follow-ups then meet the same VOD answer and fail with it, visibly.
   */
  recordApplication(answer: { appId?: string; problem?: string }, now: string): void {
    const app = this.data.application;
    if (!app) return;
    if (answer.appId !== undefined) app.actual = answer.appId;
    else app.problem = answer.problem ?? 'unknown';
    app.checkedAt = now;
    this.data.updatedAt = now;
  }

  /** Follow-up jobs to submit, now or later (retries wait out their backoff). */
  nextActions(): FollowUpAction[] {
    // An adopted video's processing is VOD's past: vodflow only records it, unless told to complete it.
    if (this.data.origin === 'adopted' && this.policy.adopt !== 'submit') return [];
    if (this.applicationCheckDue) return [];
    const stage = this.stage();
    if (stage === 'deleted' || stage === 'cancelled' || stage === 'blocked' || stage === 'failed') return [];
    if (stage === 'foreign') return [];
    const actions: FollowUpAction[] = [];
    for (const followUp of FOLLOW_UP_STAGES) {
      if (!isStageRequired(this.policy, followUp) || !this.prerequisiteMet(followUp)) continue;
      const status = this.stageStatus(followUp);
      if (status === 'done' || status === 'running' || status === 'failed') continue;
      const state = this.data.stages[followUp];
      const nextAttempt = Math.max(0, ...state.attempts.map((a) => a.attempt)) + 1;
      if (status === 'not-started') {
        // With transcode=auto VOD transcodes on upload by itself: only its failure makes vodflow step in.
        if (followUp === 'transcode' && this.policy.transcode === 'auto') continue;
        actions.push({ stage: followUp, attempt: nextAttempt, notBefore: 0 });
        continue;
      }
      const failures = state.attempts.filter((a) => a.status === 'failed');
      const lastFailedAt = Math.max(
        ...failures.map((a) => Date.parse(a.failedAt ?? a.completedAt ?? '') || 0),
      );
      const notBefore = state.retryNow ? 0 : lastFailedAt + retryDelayMs(this.policy, failures.length);
      actions.push({ stage: followUp, attempt: nextAttempt, notBefore });
    }
    return actions;
  }

  snapshot(): VideoSnapshot {
    return structuredCloneJson(this.data);
  }

  /** The snapshot for the next run of the workflow chain. */
  carryOver(): VideoSnapshot {
    const next = this.snapshot();
    next.runs += 1;
    return next;
  }

  /** Why the video is in its stage, for the stages where a person asks. */
  reason(): string | undefined {
    return reasonOf(
      this.data,
      this.stage(),
      this.failedStages().map((stage) => ({ stage, allowed: this.allowedAttempts(stage) })),
    );
  }

  view(): VideoView {
    return viewOf(this.snapshot(), {
      stage: this.stage(),
      status: this.status(),
      reason: this.reason(),
      policy: this.policy,
      nextActions: this.nextActions(),
    });
  }
}

function streamKey(stream: StreamResult): string {
  return `${stream.definition}/${stream.format ?? ''}`;
}

function trimFront<T>(items: T[], capacity: number): void {
  if (items.length > capacity) items.splice(0, items.length - capacity);
}

// Snapshots are plain JSON by construction; a JSON round trip keeps them free of shared references.
function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
