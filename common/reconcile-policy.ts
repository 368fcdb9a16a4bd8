import { FOLLOW_UP_STAGES } from './pipeline-policy';
import type { ReconcilePolicyInput, ReconcilePolicyOutput } from './reconcile-policy-schema';

// When a video workflow stops waiting for VOD's event and asks VOD's API instead. VOD drops an event
// after three failed writes and never reports a failed upload, so every milestone a video awaits
// has a deadline; past it, vodflow reconciles against the API. Zod-free and workflow-safe; the
// configuration is validated by `reconcile-policy-schema.ts`.

/** What a video can be waiting for: its upload, or the completion of one follow-up stage. */
export const MILESTONES = ['upload', ...FOLLOW_UP_STAGES] as const;
export type Milestone = (typeof MILESTONES)[number];

export type ReconcilePolicy = ReconcilePolicyOutput;
export type { ReconcilePolicyInput };

/** What a field left out of the configuration is (the schema's defaults; inputs written before a field existed). */
export const RECONCILE_POLICY_DEFAULTS = {
  enabled: true,
  uploadMs: 2 * 3_600_000,
  transcodeMs: 30 * 60_000,
  transcodePerSourceMinuteMs: 2 * 60_000,
  snapshotMs: 15 * 60_000,
  aiMs: 30 * 60_000,
  recheckInitialMs: 5 * 60_000,
  recheckMultiplier: 2,
  recheckMaxMs: 2 * 3_600_000,
  maxUnknownChecks: 4,
  giveUpMs: 3 * 24 * 3_600_000,
  firstCheckJitter: 0,
} as const;

export const DEFAULT_RECONCILE_POLICY: ReconcilePolicy = RECONCILE_POLICY_DEFAULTS;

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
