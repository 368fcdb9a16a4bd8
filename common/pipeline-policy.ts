import type { PipelinePolicyInput, PipelinePolicyOutput } from './pipeline-policy-schema';

// The follow-up jobs vodflow submits for a video, and how it retries them. One deployment default
// (from config, validated by `pipeline-policy-schema.ts`), overridable per video through the
// upload's UserData.Extend (`vodflow.policy`, read by `extend-marker.ts`). Workflow-safe and free
// of zod, like everything the workflow bundle evaluates per execution.

export const FOLLOW_UP_STAGES = ['transcode', 'snapshot', 'aiAudit', 'aiTag', 'aiDna'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

export type PipelinePolicy = PipelinePolicyOutput;
export type { PipelinePolicyInput };

/** What a field left out of the configuration is (the schema's defaults, and workflows' fallback). */
export const PIPELINE_POLICY_DEFAULTS = {
  transcode: 'submit',
  snapshot: true,
  snapshotCount: 4,
  aiAudit: true,
  aiTag: false,
  aiDna: false,
  adopt: 'record',
  adoptAfterHours: 24,
  maxAttempts: 3,
  retryInitialMs: 30_000,
  retryMultiplier: 2,
  retryMaxMs: 15 * 60_000,
} as const;

export const DEFAULT_PIPELINE_POLICY: PipelinePolicy = PIPELINE_POLICY_DEFAULTS;

/** What a video may override through Extend (≤ 512 bytes in all, so only the switches that matter). */
export interface PolicyOverride {
  transcode?: PipelinePolicy['transcode'];
  templateGroupId?: string;
  snapshot?: boolean;
  aiAudit?: boolean;
  aiTag?: boolean;
  aiDna?: boolean;
}

export function isStageRequired(policy: PipelinePolicy, stage: FollowUpStage): boolean {
  switch (stage) {
    case 'transcode':
      return policy.transcode !== 'off';
    case 'snapshot':
      return policy.snapshot;
    case 'aiAudit':
      return policy.aiAudit;
    case 'aiTag':
      return policy.aiTag;
    case 'aiDna':
      return policy.aiDna;
  }
}

/** Delay before the retry that follows the n-th failure (n ≥ 1). */
export function retryDelayMs(policy: PipelinePolicy, failures: number): number {
  const delay = policy.retryInitialMs * policy.retryMultiplier ** Math.max(0, failures - 1);
  return Math.min(policy.retryMaxMs, Math.round(delay));
}
