import { attemptExtend, attemptMarkerOf, policyOverrideOf } from '../../../common/extend-marker';
import { type FollowUpStage } from '../../../common/pipeline-policy';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import type { Observation } from '../../../workflows/observation';
import { VideoState, type EventMeta } from '../../../workflows/video-state';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const queueMeta = (messageId: string): EventMeta => ({
  source: 'queue',
  region: 'cn-shanghai',
  queue: 'q',
  messageId,
});

const policy = pipelinePolicySchema.parse({ retryInitialMs: 1_000, maxAttempts: 3 });

function stageEvent(
  stage: FollowUpStage,
  outcome: 'success' | 'failure',
  attempt: number,
  extra: Partial<Extract<Observation, { kind: 'stage' }>> = {},
): Observation {
  return { kind: 'stage', stage, outcome, attempt, at: at(10), jobId: `${stage}-${attempt}`, ...extra };
}

function applyAll(
  state: VideoState,
  observations: { key: string; observation: Observation }[],
  nowSec = 100,
): void {
  for (const { key, observation } of observations) {
    state.apply({
      eventType: observation.kind,
      observation,
      contentKey: key,
      meta: queueMeta(`m-${key}`),
      now: at(nowSec),
    });
  }
}

describe('VideoState', () => {
  it('walks the happy path: upload → transcode → snapshot → AI audit → ready', () => {
    const state = VideoState.create('v1', at(0), { policy });
    expect(state.stage()).toBe('uploading');
    expect(state.nextActions()).toEqual([]);

    applyAll(state, [{ key: 'up', observation: { kind: 'uploaded', at: at(1), size: 10 } }]);
    expect(state.stage()).toBe('uploaded');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: 0 }]);

    state.markSubmitting('transcode', 1, at(2));
    expect(state.stage()).toBe('transcoding');
    expect(state.nextActions()).toEqual([]);
    state.markSubmitted('transcode', 1, 'job-t1');

    applyAll(state, [{ key: 'tc', observation: stageEvent('transcode', 'success', 1) }]);
    expect(state.nextActions()).toEqual([{ stage: 'snapshot', attempt: 1, notBefore: 0 }]);
    expect(state.stage()).toBe('snapshotting');

    state.markSubmitting('snapshot', 1, at(3));
    applyAll(state, [{ key: 'sn', observation: stageEvent('snapshot', 'success', 1) }]);
    expect(state.stage()).toBe('analyzing');
    expect(state.nextActions()).toEqual([{ stage: 'aiAudit', attempt: 1, notBefore: 0 }]);

    state.markSubmitting('aiAudit', 1, at(4));
    applyAll(state, [
      {
        key: 'ai',
        observation: stageEvent('aiAudit', 'success', 1, {
          details: { stage: 'aiAudit', suggestion: 'pass' },
        }),
      },
    ]);
    expect(state.stage()).toBe('ready');
    expect(state.status()).toBe('complete');
    expect(state.nextActions()).toEqual([]);
    expect(state.view().counters).toEqual({ applied: 4, duplicates: 0, unknown: 0 });
  });

  it('ignores a duplicate by message id or by content, and counts it', () => {
    const state = VideoState.create('v1', at(0), { policy });
    const observation: Observation = { kind: 'uploaded', at: at(1) };
    const base = { eventType: 'FileUploadComplete', observation, now: at(2) };
    expect(state.apply({ ...base, contentKey: 'k1', meta: queueMeta('m1') })).toBe('applied');
    // The same SMQ message redelivered.
    expect(state.apply({ ...base, contentKey: 'k1', meta: queueMeta('m1') })).toBe('duplicate');
    // VOD wrote the same event twice: a new message id, the same content.
    expect(state.apply({ ...base, contentKey: 'k1', meta: queueMeta('m2') })).toBe('duplicate');
    expect(state.view().counters).toEqual({ applied: 1, duplicates: 2, unknown: 0 });
    expect(state.view().log).toHaveLength(1);
  });

  it('records unknown event types without changing the stage', () => {
    const state = VideoState.create('v1', at(0), { policy });
    const result = state.apply({
      eventType: 'BrandNewEvent',
      observation: undefined,
      contentKey: 'x',
      meta: queueMeta('m1'),
      now: at(1),
    });
    expect(result).toBe('unknown');
    expect(state.view().unknownEventTypes).toEqual(['BrandNewEvent']);
    expect(state.view().counters.unknown).toBe(1);
    expect(state.stage()).toBe('uploading');
  });

  it('retries a failed stage with backoff, then fails after maxAttempts, and retryStage revives it', () => {
    const state = VideoState.create('v1', at(0), { policy });
    applyAll(state, [{ key: 'up', observation: { kind: 'uploaded', at: at(1) } }], 1);
    state.markSubmitting('transcode', 1, at(2));
    applyAll(
      state,
      [{ key: 'f1', observation: stageEvent('transcode', 'failure', 1, { errorCode: 'Bad' }) }],
      10,
    );
    expect(state.status()).toBe('retrying');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 2, notBefore: T0 + 10_000 + 1_000 }]);

    state.markSubmitting('transcode', 2, at(12));
    applyAll(state, [{ key: 'f2', observation: stageEvent('transcode', 'failure', 2) }], 20);
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 3, notBefore: T0 + 20_000 + 2_000 }]);

    state.markSubmitting('transcode', 3, at(23));
    state.markSubmitFailed('transcode', 3, { code: 'InvalidParameter', message: 'nope' }, at(24));
    expect(state.stage()).toBe('failed');
    expect(state.status()).toBe('attention');
    expect(state.nextActions()).toEqual([]);

    expect(state.retryRefusal('snapshot')).toMatch(/has not failed/);
    expect(state.retryStage(undefined)).toBe('transcode');
    expect(state.stage()).toBe('transcoding');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 4, notBefore: 0 }]);
  });

  it('recognises a stale attempt: its late failure neither counts twice nor undoes a success', () => {
    const state = VideoState.create('v1', at(0), { policy });
    applyAll(state, [
      { key: 'up', observation: { kind: 'uploaded', at: at(1) } },
      { key: 'f1', observation: stageEvent('transcode', 'failure', 1) },
      { key: 's2', observation: stageEvent('transcode', 'success', 2) },
      // A second, different failure report of attempt 1 arriving late.
      { key: 'f1b', observation: stageEvent('transcode', 'failure', 1, { errorCode: 'Late' }) },
    ]);
    expect(state.stageStatus('transcode')).toBe('done');
    expect(state.view().stages.transcode.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
  });

  it('blocks on an AI block suggestion and stops follow-ups', () => {
    const state = VideoState.create('v1', at(0), { policy: { ...policy, aiTag: true } });
    applyAll(state, [
      { key: 'up', observation: { kind: 'uploaded', at: at(1) } },
      { key: 'tc', observation: stageEvent('transcode', 'success', 0) },
      { key: 'sn', observation: stageEvent('snapshot', 'success', 0) },
      {
        key: 'ai',
        observation: stageEvent('aiAudit', 'success', 1, {
          details: { stage: 'aiAudit', suggestion: 'block' },
        }),
      },
    ]);
    expect(state.stage()).toBe('blocked');
    expect(state.nextActions()).toEqual([]);
  });

  it('waits for VOD to transcode by itself with transcode=auto, and steps in after its failure', () => {
    const state = VideoState.create('v1', at(0), { policy: { ...policy, transcode: 'auto' } });
    applyAll(state, [{ key: 'up', observation: { kind: 'uploaded', at: at(1) } }], 1);
    expect(state.stage()).toBe('transcoding');
    expect(state.nextActions()).toEqual([]);
    applyAll(state, [{ key: 'f0', observation: stageEvent('transcode', 'failure', 0) }], 5);
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: T0 + 5_000 + 1_000 }]);
  });

  it('takes a per-video policy override from the upload', () => {
    const state = VideoState.create('v1', at(0), { policy });
    applyAll(state, [
      { key: 'up', observation: { kind: 'uploaded', at: at(1), policyOverride: { transcode: 'off' } } },
    ]);
    expect(state.nextActions()).toEqual([{ stage: 'snapshot', attempt: 1, notBefore: 0 }]);
  });

  it('keeps dedup keys and state across continue-as-new, bounded in size', () => {
    const state = VideoState.create('v1', at(0), { policy, limits: { dedupCapacity: 4, logCapacity: 2 } });
    applyAll(state, [
      { key: 'a', observation: { kind: 'noted', at: at(1) } },
      { key: 'b', observation: { kind: 'noted', at: at(2) } },
    ]);
    const next = VideoState.restore(state.carryOver(), { dedupCapacity: 4, logCapacity: 2 });
    expect(next.snapshot().runs).toBe(2);
    const again = next.apply({
      eventType: 'noted',
      observation: { kind: 'noted', at: at(2) },
      contentKey: 'b',
      meta: queueMeta('m-b'),
      now: at(3),
    });
    expect(again).toBe('duplicate');
    applyAll(next, [{ key: 'c', observation: { kind: 'noted', at: at(3) } }]);
    expect(next.snapshot().dedupKeys).toHaveLength(4);
    expect(next.snapshot().log).toHaveLength(2);
  });

  it('closes on deletion and refuses operator actions afterwards', () => {
    const state = VideoState.create('v1', at(0), { policy });
    applyAll(state, [
      { key: 'd', observation: { kind: 'deleted', at: at(1), outcome: 'success', deleteType: 'all' } },
    ]);
    expect(state.stage()).toBe('deleted');
    expect(state.isFinished()).toBe(true);
    expect(state.cancelRefusal()).toMatch(/deleted/);
    expect(state.retryRefusal(undefined)).toMatch(/deleted/);
  });

  it('reaches the same state whatever order the same events arrive in', () => {
    const events: { key: string; observation: Observation }[] = [
      { key: 'up', observation: { kind: 'uploaded', at: at(1), size: 5 } },
      {
        key: 's-hd',
        observation: {
          kind: 'stream',
          at: at(2),
          attempt: 1,
          stream: { definition: 'HD', format: 'm3u8', outcome: 'success' },
        },
      },
      {
        key: 's-4k',
        observation: {
          kind: 'stream',
          at: at(3),
          attempt: 1,
          stream: { definition: '4K', format: 'mp4', outcome: 'failure' },
        },
      },
      { key: 'tc', observation: stageEvent('transcode', 'success', 1) },
      { key: 'sn', observation: stageEvent('snapshot', 'success', 0) },
      { key: 'ai-f', observation: stageEvent('aiAudit', 'failure', 1) },
      {
        key: 'ai',
        observation: stageEvent('aiAudit', 'success', 2, {
          details: { stage: 'aiAudit', suggestion: 'review' },
        }),
      },
    ];
    const fingerprints = new Set<string>();
    for (const order of permutations(events.map((_, i) => i))) {
      const state = VideoState.create('v1', at(0), { policy });
      applyAll(
        state,
        order.map((i) => events[i]),
      );
      const { log: _log, dedupKeys: _keys, lastEvent: _last, ...rest } = state.snapshot();
      fingerprints.add(canonicalJson({ ...rest, stage: state.stage(), status: state.status() }));
    }
    expect(fingerprints.size).toBe(1);
    const [only] = [...fingerprints];
    expect(JSON.parse(only)).toMatchObject({ stage: 'ready' });
  });
});

describe('Extend marker', () => {
  it('round-trips the stage and attempt, and reads a policy override', () => {
    expect(attemptMarkerOf(attemptExtend('snapshot', 2))).toEqual({ stage: 'snapshot', attempt: 2 });
    expect(attemptMarkerOf({ tenant: 'x' })).toBeUndefined();
    expect(attemptMarkerOf('not json')).toBeUndefined();
    expect(policyOverrideOf({ vodflow: { policy: { aiAudit: false } } })).toEqual({ aiAudit: false });
    expect(policyOverrideOf({ vodflow: { policy: { maxAttempts: 99 } } })).toBeUndefined();
    expect(JSON.stringify(attemptExtend('transcode', 12)).length).toBeLessThan(512);
  });
});

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i], ...tail];
  }
}

// JSON with object keys sorted, so that maps filled in another order compare equal.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

describe('VideoState attempt matching without an Extend marker', () => {
  const aiFailure = (jobId: string): Observation => ({
    kind: 'stage',
    stage: 'aiAudit',
    outcome: 'failure',
    attempt: 0,
    at: at(30),
    jobId,
  });
  const ready = (): VideoState => {
    const state = VideoState.create('v1', at(0), { policy });
    applyAll(state, [
      { key: 'up', observation: { kind: 'uploaded', at: at(1) } },
      { key: 'tc', observation: stageEvent('transcode', 'success', 0) },
      { key: 'sn', observation: stageEvent('snapshot', 'success', 0) },
    ]);
    state.markSubmitting('aiAudit', 1, at(20));
    return state;
  };

  it('files an unmarked event under the attempt with the same JobId', () => {
    const state = ready();
    state.markSubmitted('aiAudit', 1, 'job-a1');
    applyAll(state, [{ key: 'ai-f', observation: aiFailure('job-a1') }], 30);
    expect(state.view().stages.aiAudit.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 'failed']]);
    expect(state.nextActions()).toEqual([{ stage: 'aiAudit', attempt: 2, notBefore: T0 + 30_000 + 1_000 }]);
  });

  it('moves an unmarked event that beat the submission reply onto that attempt', () => {
    const state = ready();
    applyAll(state, [{ key: 'ai-f', observation: aiFailure('job-a1') }], 30);
    state.markSubmitted('aiAudit', 1, 'job-a1');
    expect(state.view().stages.aiAudit.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 'failed']]);
    expect(state.stageStatus('aiAudit')).toBe('waiting');
  });
});
