import { z } from 'zod';

// The follow-up jobs vodflow submits for a video, and how it retries them. One deployment default
// (from config), overridable per video through the upload's UserData.Extend (`vodflow.policy`).

export const FOLLOW_UP_STAGES = ['transcode', 'snapshot', 'aiAudit', 'aiTag', 'aiDna'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

export const pipelinePolicySchema = z.object({
  /** submit: vodflow submits transcoding; auto: VOD transcodes on upload by itself; off: no transcoding. */
  transcode: z.enum(['submit', 'auto', 'off']).default('submit'),
  templateGroupId: z.string().min(1).optional(),
  snapshot: z.boolean().default(true),
  snapshotTemplateId: z.string().min(1).optional(),
  snapshotCount: z.number().int().min(1).max(100).default(4),
  aiAudit: z.boolean().default(true),
  aiAuditTemplateId: z.string().min(1).optional(),
  aiTag: z.boolean().default(false),
  aiDna: z.boolean().default(false),
  dnaDbId: z.string().min(1).optional(),
  /**
   * Videos vodflow adopts (their first event was not the upload): `record` what VOD did and submit
   * nothing, also `submit` what is missing, or `off`: like record, and an event that only notes a
   * change (metadata, storage, CDN...) starts no workflow for a video vodflow has never seen.
   * Not overridable per video.
   */
  adopt: z.enum(['off', 'record', 'submit']).default('record'),
  /**
   * A video VOD created less than this long ago is never adopted: its creation and upload events
   * were lost or are late, and its pipeline is still to run (VOD's CreationTime, from its API).
   */
  adoptAfterHours: z.number().positive().max(8_760).default(24),
  /** Attempts per stage (the first submission included) before the video is `failed`. */
  maxAttempts: z.number().int().min(1).max(20).default(3),
  retryInitialMs: z.number().int().min(0).default(30_000),
  retryMultiplier: z.number().min(1).max(10).default(2),
  retryMaxMs: z
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
});

export type PipelinePolicy = z.output<typeof pipelinePolicySchema>;
export type PipelinePolicyInput = z.input<typeof pipelinePolicySchema>;

export const DEFAULT_PIPELINE_POLICY: PipelinePolicy = pipelinePolicySchema.parse({});

// What a video may override through Extend (≤ 512 bytes in all, so only the switches that matter).
// No defaults here: a field left out keeps the deployment's value.
export const policyOverrideSchema = z
  .object({
    transcode: z.enum(['submit', 'auto', 'off']),
    templateGroupId: z.string().min(1),
    snapshot: z.boolean(),
    aiAudit: z.boolean(),
    aiTag: z.boolean(),
    aiDna: z.boolean(),
  })
  .partial()
  .strict();
export type PolicyOverride = z.output<typeof policyOverrideSchema>;

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
