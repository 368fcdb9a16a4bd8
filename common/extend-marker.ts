import { z } from 'zod';
import {
  FOLLOW_UP_STAGES,
  policyOverrideSchema,
  type FollowUpStage,
  type PolicyOverride,
} from './pipeline-policy';

// vodflow's own part of UserData.Extend, under the key `vodflow`:
// - on follow-up jobs vodflow submits: which stage and attempt the job is (`s`, `a`), so that the
//   completion event is matched to its attempt and events of a stale attempt are recognised;
// - on uploads made by users: a per-video policy override (`policy`).
// Short keys because VOD caps Extend at 512 bytes.

export const EXTEND_KEY = 'vodflow';

const attemptMarkerSchema = z.object({ s: z.enum(FOLLOW_UP_STAGES), a: z.number().int().min(1) });
const markerSchema = z.object({
  s: z.enum(FOLLOW_UP_STAGES).optional(),
  a: z.number().int().min(1).optional(),
  policy: policyOverrideSchema.optional(),
});

export interface AttemptMarker {
  stage: FollowUpStage;
  attempt: number;
}

export function attemptExtend(stage: FollowUpStage, attempt: number): Record<string, unknown> {
  return { [EXTEND_KEY]: { s: stage, a: attempt } };
}

function markerOf(extend: unknown): z.output<typeof markerSchema> | undefined {
  if (typeof extend !== 'object' || extend === null) return undefined;
  const parsed = markerSchema.safeParse((extend as Record<string, unknown>)[EXTEND_KEY]);
  return parsed.success ? parsed.data : undefined;
}

/** The stage and attempt a completion event belongs to, when vodflow submitted the job. */
export function attemptMarkerOf(extend: unknown): AttemptMarker | undefined {
  const parsed = attemptMarkerSchema.safeParse(markerOf(extend));
  return parsed.success ? { stage: parsed.data.s, attempt: parsed.data.a } : undefined;
}

/** A per-video policy override carried by the upload's Extend; invalid overrides are ignored. */
export function policyOverrideOf(extend: unknown): PolicyOverride | undefined {
  return markerOf(extend)?.policy;
}
