import type { FollowUpStage, PolicyOverride } from '../common/pipeline-policy';

// What one event tells about a video, in the pipeline's own terms. `observe()` (event-facts.ts)
// maps each VOD event type to one of these; VideoState only ever sees observations.

export type Outcome = 'success' | 'failure';

export type ReviewVerdict = 'blocked' | 'approved';

export interface StreamResult {
  definition: string;
  format?: string;
  outcome: Outcome;
  jobId?: string;
  fileUrl?: string;
  width?: number;
  height?: number;
  bitrate?: string;
  errorCode?: string;
  errorMessage?: string;
}

export interface SnapshotSet {
  type: string;
  count: number;
  urlPattern?: string;
}

export type StageDetails =
  | { stage: 'transcode'; streams: StreamResult[] }
  | { stage: 'snapshot'; coverUrl?: string; snapshots: SnapshotSet[] }
  | { stage: 'aiAudit'; suggestion?: 'pass' | 'review' | 'block'; label?: string; abnormalModules?: string }
  | { stage: 'aiTag'; tags: Record<string, string[]> }
  | { stage: 'aiDna'; matches: { videoId: string; similarity?: string }[] };

interface ObservationBase {
  /** Normalised EventTime (ISO 8601). */
  at: string;
}

export type Observation =
  | (ObservationBase & {
      kind: 'uploaded';
      size?: number;
      fileUrl?: string;
      policyOverride?: PolicyOverride;
      /** VOD's CreationTime of the video, when the upload was read from the API. */
      createdAt?: string;
    })
  | (ObservationBase & { kind: 'stream'; attempt: number; stream: StreamResult })
  | (ObservationBase & {
      kind: 'stage';
      stage: FollowUpStage;
      /** 0 when the job was not submitted by vodflow (VOD's own processing, or another client). */
      attempt: number;
      outcome: Outcome;
      jobId?: string;
      errorCode?: string;
      errorMessage?: string;
      details?: StageDetails;
      /**
       * The stage's result is the latest job's by event time, whatever order the events came in
       * (runs recorded before this rule kept the first success of an attempt, the last of several).
       */
      latestResultWins?: boolean;
    })
  | (ObservationBase & {
      kind: 'analysis';
      outcome: Outcome;
      impliesUpload?: boolean;
      durationSeconds?: number;
      width?: number;
      height?: number;
    })
  | (ObservationBase & { kind: 'deleted'; outcome: Outcome; deleteType?: string })
  /** A person's review verdict (VOD's manual review): it overrides the AI review's suggestion. */
  | (ObservationBase & { kind: 'review'; verdict: ReviewVerdict; reason?: string; auditor?: string })
  /** A known event type with no effect on the pipeline: recorded in the log only. */
  | (ObservationBase & {
      kind: 'noted';
      /** CreateUploadVideo's MediaBaseChangeComplete: the video is new, whatever came before it. */
      createdVideo?: boolean;
      /** The video's title, when a MediaBaseChangeComplete set it. */
      title?: string;
    });
