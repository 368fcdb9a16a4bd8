import fc from 'fast-check';
import { FOLLOW_UP_STAGES, type FollowUpStage } from '../../../common/pipeline-policy';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import type { Observation } from '../../../workflows/observation';
import { VideoState, type VideoSnapshot } from '../../../workflows/video-state';
import { fuzzRuns, fuzzSeed } from '../../helpers/fuzz';

// Random event histories of one video, with duplicates and in any order, through the pure state:
// dedup holds, the stage is a function of the facts, no (stage, attempt) is submitted twice, and a
// deleted video stays deleted.

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const policy = pipelinePolicySchema.parse({ retryInitialMs: 0, maxAttempts: 3 });
const SUBMITTED: FollowUpStage[] = ['transcode', 'snapshot', 'aiAudit'];

const outcome = fc.constantFrom<'success' | 'failure'>('success', 'success', 'failure');

const observation: fc.Arbitrary<Observation> = fc.oneof(
  fc.record({ kind: fc.constant('uploaded' as const), at: fc.nat(50).map(at) }),
  fc
    .record({
      stage: fc.constantFrom(...SUBMITTED),
      attempt: fc.integer({ min: 0, max: 3 }),
      outcome,
      suggestion: fc.constantFrom<'pass' | 'review' | 'block'>('pass', 'pass', 'review', 'block'),
      seconds: fc.nat(500),
    })
    .map(({ stage, attempt, outcome: result, suggestion, seconds }): Observation => ({
      kind: 'stage',
      stage,
      attempt,
      outcome: result,
      at: at(seconds),
      jobId: `${stage}-${attempt}`,
      latestResultWins: true,
      ...(stage === 'aiAudit' && result === 'success' ? { details: { stage, suggestion } } : {}),
    })),
  fc
    .record({
      attempt: fc.integer({ min: 1, max: 2 }),
      definition: fc.constantFrom('LD', 'SD', 'HD'),
      outcome,
    })
    .map(({ attempt, definition, outcome: result }): Observation => ({
      kind: 'stream',
      attempt,
      at: at(100),
      stream: { definition, outcome: result, jobId: `stream-${attempt}-${definition}` },
    })),
  fc.record({ kind: fc.constant('analysis' as const), outcome, at: fc.constant(at(5)) }),
  fc.record({ kind: fc.constant('deleted' as const), outcome, at: fc.constant(at(900)) }),
  fc.constant<Observation>({ kind: 'noted', at: at(1) }),
);

interface History {
  facts: Observation[];
  /** Indexes into facts, with repeats (redeliveries) and in arrival order. */
  arrivals: number[];
  /** A second arrival order of the same facts, without repeats. */
  otherOrder: number[];
}

const history: fc.Arbitrary<History> = fc.array(observation, { minLength: 1, maxLength: 14 }).chain((facts) =>
  fc.record({
    facts: fc.constant(facts),
    arrivals: fc
      .array(fc.nat(facts.length - 1), { maxLength: 6 })
      .chain((repeats) =>
        fc.shuffledSubarray([...facts.keys(), ...repeats], { minLength: facts.length + repeats.length }),
      ),
    otherOrder: fc.shuffledSubarray([...facts.keys()], { minLength: facts.length }),
  }),
);

function applyFact(
  state: VideoState,
  facts: Observation[],
  index: number,
  step: number,
): ReturnType<VideoState['apply']> {
  const fact = facts[index];
  return state.apply({
    eventType: fact.kind,
    eventTime: fact.at,
    observation: fact,
    contentKey: `fact-${index}`,
    meta: { source: 'queue', region: 'cn-shanghai', queue: 'q', messageId: `m-${index}` },
    now: at(1_000 + step),
  });
}

// What a duplicate may change: its own bookkeeping, nothing of the video.
function essence(snapshot: VideoSnapshot): unknown {
  const { counters, log, dedupKeys, updatedAt, lastEvent, ...rest } = snapshot;
  void [log, dedupKeys, updatedAt, lastEvent];
  return { ...rest, counters: { ...counters, duplicates: 0 } };
}

describe('the video state under random histories', () => {
  it('dedups, derives the stage from the facts, submits each (stage, attempt) once, keeps deleted', () => {
    const seed = fuzzSeed('video-state');
    fc.assert(
      fc.property(history, ({ facts, arrivals, otherOrder }) => {
        const state = VideoState.create('v1', at(0), { policy });
        const seen = new Set<number>();
        const submitted = new Set<string>();
        let deleted = false;
        for (const [step, index] of arrivals.entries()) {
          const before = essence(state.snapshot());
          const result = applyFact(state, facts, index, step);
          if (seen.has(index)) {
            expect(result).toBe('duplicate');
            expect(essence(state.snapshot())).toEqual(before);
          }
          seen.add(index);

          // The workflow's loop: submit what is due (retries have no backoff here).
          for (const action of state.nextActions()) {
            const key = `${action.stage}#${action.attempt}`;
            expect(submitted.has(key)).toBe(false);
            submitted.add(key);
            state.markSubmitting(action.stage, action.attempt, at(1_000 + step));
            state.markSubmitted(action.stage, action.attempt, `${action.stage}-${action.attempt}`);
          }

          if (deleted) expect(state.stage()).toBe('deleted');
          deleted ||= state.stage() === 'deleted';
        }

        // Without submissions in between, the same facts in another order give the same stage.
        const inOrder = VideoState.create('v1', at(0), { policy });
        const reordered = VideoState.create('v1', at(0), { policy });
        for (const [step, index] of [...facts.keys()].entries()) applyFact(inOrder, facts, index, step);
        for (const [step, index] of otherOrder.entries()) applyFact(reordered, facts, index, step);
        expect(reordered.stage()).toBe(inOrder.stage());
        for (const stage of FOLLOW_UP_STAGES)
          expect(reordered.stageStatus(stage)).toBe(inOrder.stageStatus(stage));
      }),
      { numRuns: fuzzRuns(2_000), seed },
    );
  });
});
