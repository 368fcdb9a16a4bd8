import { z } from 'zod';
import { RECONCILE_POLICY_DEFAULTS as D } from './reconcile-policy';

// The reconciliation policy as configured. Node-side only, like `pipeline-policy-schema.ts`:
// workflows import the zod-free `reconcile-policy.ts`.

const ms = z.number().int().min(0);

export const reconcilePolicySchema = z.object({
  enabled: z.boolean().default(D.enabled),
  /** From the first sight of a video that has not uploaded yet (uploads of big files take a while). */
  uploadMs: ms.default(D.uploadMs),
  /** From a transcode submission; plus `transcodePerSourceMinuteMs` for each minute of source. */
  transcodeMs: ms.default(D.transcodeMs),
  transcodePerSourceMinuteMs: ms.default(D.transcodePerSourceMinuteMs),
  snapshotMs: ms.default(D.snapshotMs),
  /** AI review, tagging and fingerprinting. */
  aiMs: ms.default(D.aiMs),
  /** Wait before the second check when VOD says the work is still running; grows by the multiplier. */
  recheckInitialMs: ms.default(D.recheckInitialMs),
  recheckMultiplier: z.number().min(1).max(10).default(D.recheckMultiplier),
  recheckMaxMs: ms.default(D.recheckMaxMs),
  /**
   * Checks in a row where VOD knows nothing of the awaited job before vodflow gives up on it: the
   * attempt counts as failed (and is retried by the pipeline policy), or for the video itself, as
   * deleted.
   */
  maxUnknownChecks: z.number().int().min(1).max(100).default(D.maxUnknownChecks),
  /** Longest a follow-up may run, per VOD, before its attempt counts as failed. Uploads stop being watched. */
  giveUpMs: ms.default(D.giveUpMs),
  /**
   * A first check comes up to this fraction of its delay late, by an amount fixed per video, so
   * that videos uploaded together are not checked together. 0 by default: a workflow whose input
   * was written before this existed keeps the schedule its history recorded (the configuration
   * sets it for new ones).
   */
  firstCheckJitter: z.number().min(0).max(1).default(D.firstCheckJitter),
});

export type ReconcilePolicyOutput = z.output<typeof reconcilePolicySchema>;
export type ReconcilePolicyInput = z.input<typeof reconcilePolicySchema>;
