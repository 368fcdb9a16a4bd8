import fc from 'fast-check';
import { z } from 'zod';
import { attemptMarkerOf, EXTEND_KEY, policyOverrideOf } from '../../../common/extend-marker';
import { DEFAULT_PIPELINE_POLICY, FOLLOW_UP_STAGES } from '../../../common/pipeline-policy';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { DEFAULT_RECONCILE_POLICY } from '../../../common/reconcile-policy';
import { reconcilePolicySchema } from '../../../common/reconcile-policy-schema';
import { fuzzRuns, fuzzSeed } from '../../helpers/fuzz';

// The Extend marker is read by hand in workflow code (no zod schema per cached execution). Its
// verdicts decide what recorded workflows did, so they must stay exactly those of the zod schemas
// it replaced, kept here as the reference.

const overrideReference = z
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
const markerReference = z.object({
  s: z.enum(FOLLOW_UP_STAGES).optional(),
  a: z.number().int().min(1).optional(),
  policy: overrideReference.optional(),
});
const attemptReference = z.object({ s: z.enum(FOLLOW_UP_STAGES), a: z.number().int().min(1) });

function referenceMarker(extend: unknown) {
  if (typeof extend !== 'object' || extend === null) return undefined;
  const parsed = markerReference.safeParse((extend as Record<string, unknown>)[EXTEND_KEY]);
  return parsed.success ? parsed.data : undefined;
}
function referenceAttempt(extend: unknown) {
  const parsed = attemptReference.safeParse(referenceMarker(extend));
  return parsed.success ? { stage: parsed.data.s, attempt: parsed.data.a } : undefined;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: false }),
  fc.constant([]),
  fc.constant({}),
);
const override = fc.dictionary(
  fc.constantFrom(
    'transcode',
    'templateGroupId',
    'snapshot',
    'aiAudit',
    'aiTag',
    'aiDna',
    'maxAttempts',
    'x',
  ),
  fc.oneof(fc.constantFrom('submit', 'auto', 'off', '', 'tg-1'), fc.boolean(), junk),
  { maxKeys: 4 },
);
const marker = fc.oneof(
  junk,
  fc.record(
    {
      s: fc.oneof(fc.constantFrom(...FOLLOW_UP_STAGES, 'upload', 'Transcode'), junk),
      a: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.double(), fc.constant(2 ** 60), junk),
      policy: fc.oneof(override, junk),
      other: junk,
    },
    { requiredKeys: [] },
  ),
);
const extend = fc.oneof(junk, fc.record({ [EXTEND_KEY]: marker, tenant: junk }, { requiredKeys: [] }));

describe('Extend marker', () => {
  it('reads every input exactly as the zod schemas it replaced did', () => {
    fc.assert(
      fc.property(extend, (value) => {
        expect(JSON.stringify(attemptMarkerOf(value))).toBe(JSON.stringify(referenceAttempt(value)));
        expect(JSON.stringify(policyOverrideOf(value))).toBe(JSON.stringify(referenceMarker(value)?.policy));
      }),
      { numRuns: fuzzRuns(2_000), seed: fuzzSeed('extend marker') },
    );
  });

  it('reads the markers vodflow writes and the overrides users write', () => {
    expect(attemptMarkerOf({ vodflow: { s: 'aiAudit', a: 3 } })).toEqual({ stage: 'aiAudit', attempt: 3 });
    expect(policyOverrideOf({ vodflow: { policy: { transcode: 'off', snapshot: false } } })).toEqual({
      transcode: 'off',
      snapshot: false,
    });
    // One bad part spoils the whole marker, as it always did.
    expect(attemptMarkerOf({ vodflow: { s: 'snapshot', a: 1, policy: { unknown: 1 } } })).toBeUndefined();
  });
});

describe('policy defaults', () => {
  // Workflows fall back on the zod-free defaults; the configuration gets the schemas' defaults.
  it('are the same object, key for key and in order, with and without the schemas', () => {
    expect(JSON.stringify(pipelinePolicySchema.parse({}))).toBe(JSON.stringify(DEFAULT_PIPELINE_POLICY));
    expect(JSON.stringify(reconcilePolicySchema.parse({}))).toBe(JSON.stringify(DEFAULT_RECONCILE_POLICY));
  });
});
