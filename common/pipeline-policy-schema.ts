import { z } from 'zod';
import { PIPELINE_POLICY_DEFAULTS as D } from './pipeline-policy';

// The pipeline policy as configured (VODFLOW_* variables, tests). Node-side only: workflows take
// the parsed policy and import the zod-free `pipeline-policy.ts`, so that no cached workflow
// execution builds these schemas again (each one would, costing memory per cached execution).

export const pipelinePolicySchema = z.object({
  /** submit: vodflow submits transcoding; auto: VOD transcodes on upload by itself; off: no transcoding. */
  transcode: z.enum(['submit', 'auto', 'off']).default(D.transcode),
  templateGroupId: z.string().min(1).optional(),
  snapshot: z.boolean().default(D.snapshot),
  snapshotTemplateId: z.string().min(1).optional(),
  snapshotCount: z.number().int().min(1).max(100).default(D.snapshotCount),
  aiAudit: z.boolean().default(D.aiAudit),
  aiAuditTemplateId: z.string().min(1).optional(),
  aiTag: z.boolean().default(D.aiTag),
  aiDna: z.boolean().default(D.aiDna),
  dnaDbId: z.string().min(1).optional(),
  /**
   * Videos vodflow adopts (their first event was not the upload): `record` what VOD did and submit
   * nothing, also `submit` what is missing, or `off`: like record, and an event that only notes a
   * change (metadata, storage, CDN...) starts no workflow for a video vodflow has never seen.
   * Not overridable per video.
   */
  adopt: z.enum(['off', 'record', 'submit']).default(D.adopt),
  /**
   * A video VOD created less than this long ago is never adopted: its creation and upload events
   * were lost or are late, and its pipeline is still to run (VOD's CreationTime, from its API).
   */
  adoptAfterHours: z.number().positive().max(8_760).default(D.adoptAfterHours),
  /** Attempts per stage (the first submission included) before the video is `failed`. */
  maxAttempts: z.number().int().min(1).max(20).default(D.maxAttempts),
  retryInitialMs: z.number().int().min(0).default(D.retryInitialMs),
  retryMultiplier: z.number().min(1).max(10).default(D.retryMultiplier),
  retryMaxMs: z.number().int().min(0).default(D.retryMaxMs),
});

export type PipelinePolicyOutput = z.output<typeof pipelinePolicySchema>;
export type PipelinePolicyInput = z.input<typeof pipelinePolicySchema>;
