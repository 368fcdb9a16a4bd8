import { FOLLOW_UP_STAGES, type FollowUpStage, type PolicyOverride } from './pipeline-policy';

// vodflow's own part of UserData.Extend, under the key `vodflow`:
// - on follow-up jobs vodflow submits: which stage and attempt the job is (`s`, `a`), so that the
//   completion event is matched to its attempt and events of a stale attempt are recognised;
// - on uploads made by users: a per-video policy override (`policy`).
// Short keys because VOD caps Extend at 512 bytes.
//
// Read by every video workflow, so checked by hand rather than with zod: a zod schema in a module
// the workflow bundle evaluates is built again for every cached execution. A marker with any
// invalid part is ignored as a whole; an override with an unknown key is invalid.

export const EXTEND_KEY = 'vodflow';

export interface AttemptMarker {
  stage: FollowUpStage;
  attempt: number;
}

interface Marker {
  s?: FollowUpStage;
  a?: number;
  policy?: PolicyOverride;
}

type Json = Record<string, unknown>;

const TRANSCODE_MODES: readonly unknown[] = ['submit', 'auto', 'off'] satisfies PolicyOverride['transcode'][];
const OVERRIDE_SWITCHES = ['snapshot', 'aiAudit', 'aiTag', 'aiDna'] as const;
// The override's keys in the order its output lists them.
const OVERRIDE_KEYS = ['transcode', 'templateGroupId', ...OVERRIDE_SWITCHES] as const;

export function attemptExtend(stage: FollowUpStage, attempt: number): Record<string, unknown> {
  return { [EXTEND_KEY]: { s: stage, a: attempt } };
}

/** The stage and attempt a completion event belongs to, when vodflow submitted the job. */
export function attemptMarkerOf(extend: unknown): AttemptMarker | undefined {
  const marker = markerOf(extend);
  return marker?.s !== undefined && marker.a !== undefined
    ? { stage: marker.s, attempt: marker.a }
    : undefined;
}

/** A per-video policy override carried by the upload's Extend; invalid overrides are ignored. */
export function policyOverrideOf(extend: unknown): PolicyOverride | undefined {
  return markerOf(extend)?.policy;
}

function markerOf(extend: unknown): Marker | undefined {
  if (typeof extend !== 'object' || extend === null) return undefined;
  const value = (extend as Json)[EXTEND_KEY];
  if (!isRecord(value)) return undefined;
  const marker: Marker = {};
  if (value.s !== undefined) {
    if (!isStage(value.s)) return undefined;
    marker.s = value.s;
  }
  if (value.a !== undefined) {
    if (!Number.isSafeInteger(value.a) || (value.a as number) < 1) return undefined;
    marker.a = value.a as number;
  }
  if (value.policy !== undefined) {
    const policy = overrideOf(value.policy);
    if (!policy) return undefined;
    marker.policy = policy;
  }
  return marker;
}

function overrideOf(value: unknown): PolicyOverride | undefined {
  if (!isRecord(value)) return undefined;
  if (Object.keys(value).some((key) => !(OVERRIDE_KEYS as readonly string[]).includes(key))) return undefined;
  const override: PolicyOverride = {};
  for (const key of OVERRIDE_KEYS) {
    const field = value[key];
    if (field === undefined) continue;
    switch (key) {
      case 'transcode':
        if (!TRANSCODE_MODES.includes(field)) return undefined;
        override.transcode = field as PolicyOverride['transcode'];
        break;
      case 'templateGroupId':
        if (typeof field !== 'string' || field.length === 0) return undefined;
        override.templateGroupId = field;
        break;
      default:
        if (typeof field !== 'boolean') return undefined;
        override[key] = field;
    }
  }
  return override;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStage(value: unknown): value is FollowUpStage {
  return (FOLLOW_UP_STAGES as readonly unknown[]).includes(value);
}
