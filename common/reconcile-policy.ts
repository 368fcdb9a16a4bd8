import { z } from 'zod';
import { FOLLOW_UP_STAGES } from './pipeline-policy';

// When a video workflow stops waiting for VOD's event and asks VOD's API instead. VOD drops an event
// after three failed writes and never reports a failed upload, so every milestone a video awaits
// has a deadline; past it, vodflow reconciles against the API.

/** What a video can be waiting for: its upload, or the completion of one follow-up stage. */
export const MILESTONES = ['upload', ...FOLLOW_UP_STAGES] as const;
export type Milestone = (typeof MILESTONES)[number];

const ms = z.number().int().min(0);

export const reconcilePolicySchema = z.object({
  enabled: z.boolean().default(true),
  /** From the first sight of a video that has not uploaded yet (uploads of big files take a while). */
  uploadMs: ms.default(2 * 3_600_000),
  /** From a transcode submission; plus `transcodePerSourceMinuteMs` for each minute of source. */
  transcodeMs: ms.default(30 * 60_000),
  transcodePerSourceMinuteMs: ms.default(2 * 60_000),
  snapshotMs: ms.default(15 * 60_000),
  /** AI review, tagging and fingerprinting. */
  aiMs: ms.default(30 * 60_000),
  /** Wait before the second check when VOD says the work is still running; grows by the multiplier. */
  recheckInitialMs: ms.default(5 * 60_000),
  recheckMultiplier: z.number().min(1).max(10).default(2),
  recheckMaxMs: ms.default(2 * 3_600_000),
  /**
   * Checks in a row where VOD knows nothing of the awaited job before vodflow gives up on it: the
   * attempt counts as failed (and is retried by the pipeline policy), or for the video itself, as
   * deleted.
   */
  maxUnknownChecks: z.number().int().min(1).max(100).default(4),
  /** Longest a follow-up may run, per VOD, before its attempt counts as failed. Uploads stop being watched. */
  giveUpMs: ms.default(3 * 24 * 3_600_000),
  /**
   * A first check comes up to this fraction of its delay late, by an amount fixed per video, so
   * that videos uploaded together are not checked together. 0 by default: a workflow whose input
   * was written before this existed keeps the schedule its history recorded (the configuration
   * sets it for new ones).
   */
  firstCheckJitter: z.number().min(0).max(1).default(0),
});

export type ReconcilePolicy = z.output<typeof reconcilePolicySchema>;
export type ReconcilePolicyInput = z.input<typeof reconcilePolicySchema>;

export const DEFAULT_RECONCILE_POLICY: ReconcilePolicy = reconcilePolicySchema.parse({});

/** How long after `since` the first check of a milestone is due. */
export function firstCheckDelayMs(
  policy: ReconcilePolicy,
  milestone: Milestone,
  sourceDurationSeconds?: number,
): number {
  switch (milestone) {
    case 'upload':
      return policy.uploadMs;
    case 'transcode': {
      const minutes = Math.max(0, sourceDurationSeconds ?? 0) / 60;
      return policy.transcodeMs + Math.round(minutes * policy.transcodePerSourceMinuteMs);
    }
    case 'snapshot':
      return policy.snapshotMs;
    case 'aiAudit':
    case 'aiTag':
    case 'aiDna':
      return policy.aiMs;
  }
}

/** Wait after the n-th check (n ≥ 1) that did not settle the milestone. */
export function recheckDelayMs(policy: ReconcilePolicy, checks: number): number {
  const delay = policy.recheckInitialMs * policy.recheckMultiplier ** Math.max(0, checks - 1);
  return Math.min(policy.recheckMaxMs, Math.round(delay));
}
