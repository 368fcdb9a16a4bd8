import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { firstCheckDelayMs, recheckDelayMs, type ReconcilePolicy } from '../../../common/reconcile-policy';
import { reconcilePolicySchema } from '../../../common/reconcile-policy-schema';
import type { AwaitedMilestone } from '../../../workflows/milestone-watch';
import type { Observation } from '../../../workflows/observation';
import { VideoState, type EventMeta, type EventSource } from '../../../workflows/video-state';

// Deadlines, reconciliation checks and the rule that the same milestone from VOD's event and from
// reconciliation counts once, on the pure state.

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const sec = (seconds: number): number => T0 + seconds * 1000;

const policy = pipelinePolicySchema.parse({ retryInitialMs: 1_000, maxAttempts: 3 });
const reconcile: ReconcilePolicy = reconcilePolicySchema.parse({
  uploadMs: 60_000,
  transcodeMs: 30_000,
  transcodePerSourceMinuteMs: 10_000,
  snapshotMs: 20_000,
  aiMs: 40_000,
  recheckInitialMs: 5_000,
  recheckMultiplier: 2,
  recheckMaxMs: 20_000,
  maxUnknownChecks: 3,
  giveUpMs: 3_600_000,
});

let serial = 0;
function apply(state: VideoState, observation: Observation, source: EventSource, nowSec: number) {
  serial += 1;
  const meta: EventMeta =
    source === 'queue' ? { source, region: 'r', queue: 'q', messageId: `m${serial}` } : { source };
  return state.apply({
    eventType: observation.kind,
    observation,
    contentKey: `${source}-${serial}`,
    meta,
    now: at(nowSec),
  });
}

const uploaded = (atSec = 1): Observation => ({ kind: 'uploaded', at: at(atSec), size: 10 });
const transcoded = (outcome: 'success' | 'failure' = 'success', attempt = 1): Observation => ({
  kind: 'stage',
  stage: 'transcode',
  outcome,
  attempt,
  at: at(50),
  jobId: `t-${attempt}`,
});

function check(
  state: VideoState,
  wait: AwaitedMilestone,
  outcome: 'settled' | 'running' | 'unknown' | 'missing' | 'error',
  nowSec: number,
  applied = 0,
) {
  return state.recordCheck({ wait, outcome, applied, policy: reconcile, now: at(nowSec), jitter: 0 });
}

function transcodingVideo(): VideoState {
  const state = VideoState.create('v1', at(0), { policy });
  apply(state, uploaded(), 'queue', 1);
  state.markSubmitting('transcode', 1, at(2));
  state.markSubmitted('transcode', 1, 't-1');
  return state;
}

describe('reconcile policy', () => {
  it('sizes the transcode deadline from the source duration and caps rechecks', () => {
    expect(firstCheckDelayMs(reconcile, 'transcode')).toBe(30_000);
    expect(firstCheckDelayMs(reconcile, 'transcode', 180)).toBe(60_000);
    expect(firstCheckDelayMs(reconcile, 'aiTag')).toBe(40_000);
    expect([1, 2, 3, 4].map((n) => recheckDelayMs(reconcile, n))).toEqual([5_000, 10_000, 20_000, 20_000]);
  });
});

describe('VideoState deadlines', () => {
  it('awaits the upload from the first sight of the video, at once when the sweep found it', () => {
    const heard = VideoState.create('v1', at(0), { policy });
    expect(heard.planChecks(reconcile, sec(59))).toEqual({ due: [], nextAt: sec(60) });
    expect(heard.planChecks(reconcile, sec(60)).due.map((w) => w.milestone)).toEqual(['upload']);

    const swept = VideoState.create('v2', at(0), { policy, discoveredBy: 'sweep' });
    expect(swept.planChecks(reconcile, sec(0)).due).toEqual([
      { milestone: 'upload', attempt: 0, since: at(0), firstCheckDelayMs: 0 },
    ]);
  });

  it('awaits a submitted follow-up from its submission, with the job to look up', () => {
    const state = transcodingVideo();
    expect(state.awaiting(reconcile)).toEqual([
      { milestone: 'transcode', attempt: 1, jobId: 't-1', since: at(2), firstCheckDelayMs: 30_000 },
    ]);
    // A submission still under way has nothing to look up.
    const submitting = VideoState.create('v2', at(0), { policy });
    apply(submitting, uploaded(), 'queue', 1);
    submitting.markSubmitting('transcode', 1, at(2));
    expect(submitting.awaiting(reconcile)).toEqual([]);
  });

  it('awaits VOD’s own transcode with transcode=auto, from when vodflow learned of the upload', () => {
    const state = VideoState.create('v1', at(0), { policy: { ...policy, transcode: 'auto' } });
    apply(state, uploaded(5), 'queue', 6);
    expect(state.awaiting(reconcile)).toEqual([
      { milestone: 'transcode', attempt: 0, since: at(6), firstCheckDelayMs: 30_000 },
    ]);
  });

  it('awaits nothing when reconciliation is off, or once the video is deleted', () => {
    const state = transcodingVideo();
    expect(state.awaiting({ ...reconcile, enabled: false })).toEqual([]);
    apply(state, { kind: 'deleted', at: at(9), outcome: 'success' }, 'queue', 9);
    expect(state.awaiting(reconcile)).toEqual([]);
  });

  it('backs off while VOD says running, and forgets the wait once the event comes', () => {
    const state = transcodingVideo();
    const [wait] = state.planChecks(reconcile, sec(32)).due;
    expect(wait?.milestone).toBe('transcode');
    expect(check(state, wait, 'running', 32)).toBeUndefined();
    expect(state.planChecks(reconcile, sec(33))).toEqual({ due: [], nextAt: sec(37) });
    check(state, wait, 'running', 37);
    expect(state.planChecks(reconcile, sec(38)).nextAt).toBe(sec(47));
    expect(state.view().watch).toEqual([
      expect.objectContaining({ milestone: 'transcode', attempt: 1, checks: 2, lastOutcome: 'running' }),
    ]);

    apply(state, transcoded(), 'queue', 40);
    // The snapshot is not submitted yet: nothing is awaited.
    expect(state.planChecks(reconcile, sec(60))).toEqual({ due: [], nextAt: undefined });
    expect(state.view().watch?.some((w) => w.milestone === 'transcode')).toBe(false);
  });

  it('counts a job VOD never heard of as lost after maxUnknownChecks, and retries the stage', () => {
    const state = transcodingVideo();
    const [wait] = state.planChecks(reconcile, sec(32)).due;
    expect(check(state, wait, 'unknown', 32)).toBeUndefined();
    // A failed check neither counts as unknown nor resets the count.
    expect(check(state, wait, 'error', 40)).toBeUndefined();
    expect(check(state, wait, 'unknown', 50)).toBeUndefined();
    expect(check(state, wait, 'unknown', 70)).toEqual({ reason: 'unknown', checks: 4 });

    const attempt = state.view().stages.transcode.attempts[0];
    expect(attempt).toMatchObject({
      status: 'failed',
      errorCode: 'Vodflow.CompletionLost',
      completedVia: 'reconcile',
    });
    expect(state.stageStatus('transcode')).toBe('waiting');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 2, notBefore: sec(70) + 1_000 }]);
  });

  it('gives up on a job VOD still calls running after giveUpMs', () => {
    const state = transcodingVideo();
    const [wait] = state.planChecks(reconcile, sec(32)).due;
    expect(check(state, wait, 'running', 3_602)).toEqual({ reason: 'too-long', checks: 1 });
    expect(state.view().stages.transcode.attempts[0]?.errorCode).toBe('Vodflow.CompletionTimeout');
  });

  it('marks the video deleted when VOD keeps saying it does not exist', () => {
    const state = transcodingVideo();
    const [wait] = state.planChecks(reconcile, sec(32)).due;
    check(state, wait, 'missing', 32);
    check(state, wait, 'missing', 40);
    expect(check(state, wait, 'missing', 60)).toEqual({ reason: 'missing', checks: 3 });
    expect(state.stage()).toBe('deleted');
    expect(state.isFinished()).toBe(true);
    expect(state.view().deleted).toMatchObject({ outcome: 'success', source: 'reconcile' });
    expect(state.view().reconciled).toEqual({ delete: 1 });
  });

  it('stops watching an upload that never completes, leaving the video uploading', () => {
    const state = VideoState.create('v1', at(0), { policy, discoveredBy: 'sweep' });
    const [wait] = state.planChecks(reconcile, sec(0)).due;
    check(state, wait, 'running', 0);
    expect(check(state, wait, 'running', 3_600)).toEqual({ reason: 'too-long', checks: 2 });
    expect(state.stage()).toBe('uploading');
    expect(state.planChecks(reconcile, sec(10_000))).toEqual({ due: [], nextAt: undefined });
  });

  it('counts reconciled milestones', () => {
    const state = transcodingVideo();
    const [wait] = state.planChecks(reconcile, sec(32)).due;
    apply(state, transcoded(), 'reconcile', 32);
    check(state, wait, 'settled', 32, 1);
    expect(state.view().reconciled).toEqual({ transcode: 1 });
    expect(state.stage()).toBe('snapshotting');
  });
});

describe('VideoState: one milestone from the queue and from reconciliation', () => {
  it('takes a late queue event after reconciliation as a duplicate that changes nothing', () => {
    const state = transcodingVideo();
    expect(apply(state, transcoded(), 'reconcile', 32)).toBe('applied');
    const before = state.snapshot();
    expect(apply(state, transcoded(), 'queue', 40)).toBe('duplicate');
    const after = state.snapshot();
    expect(after.stages).toEqual(before.stages);
    expect(after.counters).toEqual({ ...before.counters, duplicates: before.counters.duplicates + 1 });
    expect(state.view().stages.transcode.attempts[0]?.completedVia).toBe('reconcile');
    expect(state.view().log.at(-1)).toMatchObject({ source: 'queue', result: 'duplicate' });
  });

  it('takes a reconciled event for a milestone the queue already delivered as a duplicate', () => {
    const state = transcodingVideo();
    expect(apply(state, transcoded(), 'queue', 32)).toBe('applied');
    expect(apply(state, transcoded(), 'reconcile', 33)).toBe('duplicate');
    expect(state.view().stages.transcode.attempts[0]?.completedVia).toBe('queue');
  });

  it('matches an unmarked AI event to the reconciled attempt through its JobId', () => {
    const state = transcodingVideo();
    apply(state, transcoded(), 'queue', 32);
    state.markSubmitting('snapshot', 1, at(33));
    state.markSubmitted('snapshot', 1, 's-1');
    apply(
      state,
      { kind: 'stage', stage: 'snapshot', outcome: 'success', attempt: 1, at: at(34) },
      'queue',
      34,
    );
    state.markSubmitting('aiAudit', 1, at(35));
    state.markSubmitted('aiAudit', 1, 'a-1');
    const audit = (attempt: number): Observation => ({
      kind: 'stage',
      stage: 'aiAudit',
      outcome: 'success',
      attempt,
      jobId: 'a-1',
      at: at(36),
      details: { stage: 'aiAudit', suggestion: 'pass' },
    });
    expect(apply(state, audit(1), 'reconcile', 80)).toBe('applied');
    expect(apply(state, audit(0), 'queue', 81)).toBe('duplicate');
    expect(state.stage()).toBe('ready');
  });

  it('treats upload, streams and deletion the same way', () => {
    const state = VideoState.create('v1', at(0), { policy });
    expect(apply(state, uploaded(), 'reconcile', 1)).toBe('applied');
    expect(apply(state, uploaded(), 'queue', 2)).toBe('duplicate');
    expect(state.view().uploaded).toMatchObject({ source: 'reconcile', implied: false });

    const stream = (): Observation => ({
      kind: 'stream',
      attempt: 1,
      at: at(3),
      stream: { definition: 'HD', format: 'mp4', outcome: 'success', jobId: 'j' },
    });
    expect(apply(state, stream(), 'reconcile', 3)).toBe('applied');
    expect(apply(state, stream(), 'queue', 4)).toBe('duplicate');

    expect(apply(state, { kind: 'deleted', at: at(5), outcome: 'success' }, 'reconcile', 5)).toBe('applied');
    expect(apply(state, { kind: 'deleted', at: at(6), outcome: 'success' }, 'queue', 6)).toBe('duplicate');
  });

  it('leaves two queue events for one milestone as before (both applied, one transition)', () => {
    const state = transcodingVideo();
    expect(apply(state, transcoded(), 'queue', 32)).toBe('applied');
    expect(apply(state, transcoded(), 'queue', 33)).toBe('applied');
  });
});
