import type { HookRecords } from './hook-ledger';
import type { FollowUpStage, PipelinePolicy, PolicyOverride } from '../common/pipeline-policy';
import type { Milestone } from '../common/reconcile-policy';
import type { UpcomingCheck, WatchRecord } from './milestone-watch';
import type { Outcome, ReviewVerdict, StageDetails, StreamResult } from './observation';
import type { SNAPSHOT_VERSION } from './snapshot-format';

// The shape of a video's state: the snapshot (plain JSON: the query answer's base, the continue-as-new
// input, a closed run's result) and the types around it. VideoState (video-state.ts) is the one
// place that changes it.

export const VIDEO_STAGES = [
  'uploading',
  'uploaded',
  'transcoding',
  'snapshotting',
  'analyzing',
  'ready',
  'failed',
  'blocked',
  'deleted',
  'cancelled',
  // Another VOD application's video, delivered through a callback pointed at this deployment's queue.
  'foreign',
] as const;
export type VideoStage = (typeof VIDEO_STAGES)[number];

/** Where one follow-up stage stands. */
export type StageStatus = 'done' | 'running' | 'waiting' | 'failed' | 'not-started';

/** Coarse status for listing: is anything expected to happen, and does it need a person. */
export type VideoStatus = 'active' | 'retrying' | 'complete' | 'attention';

export type EventSource = 'queue' | 'reconcile' | 'operator';

export type VideoOrigin = 'new' | 'swept' | 'adopted';

export interface EventMeta {
  source: EventSource;
  region?: string;
  queue?: string;
  messageId?: string;
  /** SMQ EnqueueTime, ms since the epoch. */
  enqueueTime?: number;
  dequeueCount?: number;
}

export type ApplyResult = 'applied' | 'duplicate' | 'unknown' | 'rejected';

export interface AttemptRecord {
  /** 0: a job vodflow did not submit (VOD's own processing or another client). */
  attempt: number;
  status: 'submitting' | 'submitted' | 'succeeded' | 'failed';
  submittedAt?: string;
  jobId?: string;
  /** Workflow time when the failure was recorded: retries back off from here. */
  failedAt?: string;
  completedAt?: string;
  errorCode?: string;
  errorMessage?: string;
  /** Where the completion came from: VOD's event, or vodflow's reconciliation against the API. */
  completedVia?: EventSource;
}

export interface StageState {
  attempts: AttemptRecord[];
  /** What the successful job produced. */
  result?: StageDetails;
  /** Which completion `result` came from, so that only a later one replaces it. */
  resultFrom?: { at: string; jobId?: string };
  /** Extra attempts granted by operators through retryStage. */
  manualRetries: number;
  /** Set by retryStage: the next attempt goes now instead of after the backoff. */
  retryNow?: boolean;
}

export interface LogEntry {
  eventType: string;
  eventTime?: string;
  receivedAt: string;
  source: EventSource;
  messageId?: string;
  /** Queue lag: from SMQ enqueue to the event being applied here, ms. */
  lagMs?: number;
  result: ApplyResult;
  /** Why a rejected event could not be applied. */
  reason?: string;
}

export interface VideoCounters {
  applied: number;
  duplicates: number;
  unknown: number;
  /** Events the state logic could not apply (malformed input): logged with the reason, never retried. */
  rejected?: number;
}

export interface VideoSnapshot {
  /** The format version (workflows/snapshot-format.ts); older snapshots are migrated when read. */
  version: typeof SNAPSHOT_VERSION;
  videoId: string;
  region?: string;
  firstSeenAt: string;
  updatedAt: string;
  basePolicy: PipelinePolicy;
  policyOverride?: PolicyOverride;
  uploaded?: {
    at: string;
    size?: number;
    fileUrl?: string;
    implied: boolean;
    source?: EventSource;
    /** Workflow time when vodflow learned of the upload (`at` is VOD's clock, and may be old). */
    recordedAt?: string;
  };
  analysis?: { at: string; outcome: Outcome; durationSeconds?: number; width?: number; height?: number };
  streams: Record<string, StreamResult & { at: string; attempt: number; source?: EventSource }>;
  stages: Record<FollowUpStage, StageState>;
  deleted?: { at: string; outcome: Outcome; deleteType?: string; source?: EventSource };
  /** The latest manual review (by its review time); it overrides the AI review's suggestion. */
  manualReview?: { at: string; verdict: ReviewVerdict; reason?: string; auditor?: string };
  cancelled?: { at: string; reason?: string };
  lastEvent?: { type: string; at: string };
  log: LogEntry[];
  counters: VideoCounters;
  unknownEventTypes: string[];
  /** Dedup keys, oldest first (bounded). */
  dedupKeys: string[];
  /** How many runs (continue-as-new) this video's workflow chain has had. */
  runs: number;
  /** Set when the sweep found the video in VOD before any of its events (its upload event was lost). */
  discoveredBy?: 'sweep';
  /**
   * How vodflow came to know the video: its upload (`new`), the sweep (`swept`), or a first event
   * that was not the upload (`adopted`: older than vodflow, or its closed workflow was purged).
   * Absent in runs recorded before origins existed (they behave as `new`).
   */
  origin?: VideoOrigin;
  /** Deadlines and reconciliation checks of what the video awaits. */
  watch?: WatchRecord[];
  /** The video's title, from its latest MediaBaseChangeComplete that set one (by EventTime). */
  title?: { text: string; at: string };
  /** Milestones recovered from VOD's API because their event never came, per milestone (and 'delete'). */
  reconciled?: Partial<Record<Milestone | 'delete', number>>;
  /**
   * The VOD application the video must belong to (`expected`, the deployment's), and what VOD said
   * (`actual`, read once before the first follow-up). Absent when the deployment names none.
   */
  application?: { expected: string; actual?: string; checkedAt?: string; problem?: string };
  /** The user's hooks that fired for this video and how each run went (only with hooks on). */
  hooks?: HookRecords;
}

// The documented view of a video (the `state` query, `vodflow status --json`): the snapshot without
// the workflow's internals (format version, dedup keys, the deployment policy it last read).
export interface VideoView extends Omit<VideoSnapshot, 'version' | 'dedupKeys' | 'basePolicy'> {
  stage: VideoStage;
  status: VideoStatus;
  /** Why the video is where it is, when that needs saying: deleted, cancelled, failed, blocked. */
  reason?: string;
  /** The effective policy: the deployment's, with what the video pinned (`policyOverride`) on top. */
  policy: PipelinePolicy;
  /** Follow-ups planned for later (retries waiting out their backoff). */
  pendingRetries: { stage: FollowUpStage; attempt: number; notBefore: string }[];
  /** When vodflow next asks VOD about each awaited milestone, from the moment the wait begins. */
  upcomingChecks?: UpcomingCheck[];
  /** When the workflow closes if no event comes (a late event reopens it); unset while work is due. */
  idleCloseAt?: string;
}

export interface FollowUpAction {
  stage: FollowUpStage;
  attempt: number;
  /** ms since the epoch; due now when ≤ the current time. */
  notBefore: number;
}

export interface VideoStateLimits {
  dedupCapacity: number;
  logCapacity: number;
  unknownTypesCapacity: number;
}

export const DEFAULT_VIDEO_STATE_LIMITS: VideoStateLimits = {
  dedupCapacity: 2_000,
  logCapacity: 100,
  unknownTypesCapacity: 20,
};
