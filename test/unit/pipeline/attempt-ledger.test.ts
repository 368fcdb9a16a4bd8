import { FOLLOW_UP_STAGES, type FollowUpStage } from '../../../common/pipeline-policy';
import { AttemptLedger } from '../../../workflows/attempt-ledger';
import type { StageState } from '../../../workflows/video-snapshot';

const AT = '2026-11-25T08:00:00.000Z';

function emptyStages(): Record<FollowUpStage, StageState> {
  const stages = {} as Record<FollowUpStage, StageState>;
  for (const stage of FOLLOW_UP_STAGES) stages[stage] = { attempts: [], manualRetries: 0 };
  return stages;
}

describe('AttemptLedger', () => {
  it("keeps the latest job's result whatever order two completions arrive in (found by the fuzzer)", () => {
    const audit = (jobId: string, at: string, suggestion: 'pass' | 'block', latestResultWins = true) => ({
      kind: 'stage' as const,
      stage: 'aiAudit' as const,
      at,
      attempt: 0,
      outcome: 'success' as const,
      jobId,
      details: { stage: 'aiAudit' as const, suggestion },
      latestResultWins,
    });
    const older = audit('j-old', '2026-11-25T08:00:00.000Z', 'block');
    const newer = audit('j-new', '2026-11-25T08:05:00.000Z', 'pass');
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const stages = emptyStages();
      const ledger = new AttemptLedger(stages);
      for (const observation of order) ledger.recordOutcome(observation, AT, 'queue');
      expect(stages.aiAudit.result).toEqual({ stage: 'aiAudit', suggestion: 'pass' });
    }
    // Runs recorded before the rule keep what they did: the first success of an attempt.
    const stages = emptyStages();
    const ledger = new AttemptLedger(stages);
    ledger.recordOutcome({ ...older, latestResultWins: false }, AT, 'queue');
    ledger.recordOutcome({ ...newer, latestResultWins: false }, AT, 'queue');
    expect(stages.aiAudit.result).toEqual({ stage: 'aiAudit', suggestion: 'block' });
  });

  it('files a completion without marker under attempt 0, then moves it onto the attempt with its JobId', () => {
    const stages = emptyStages();
    const ledger = new AttemptLedger(stages);
    ledger.markSubmitting('snapshot', 1, AT);
    ledger.recordOutcome(
      { kind: 'stage', stage: 'snapshot', at: AT, attempt: 0, outcome: 'success', jobId: 'j1' },
      AT,
      'queue',
    );
    expect(stages.snapshot.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [0, 'succeeded'],
      [1, 'submitting'],
    ]);
    ledger.markSubmitted('snapshot', 1, 'j1');
    expect(stages.snapshot.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'succeeded', jobId: 'j1', completedVia: 'queue' }),
    ]);
  });

  it('fails an attempt vodflow gave up waiting for, unless it already ended', () => {
    const stages = emptyStages();
    const ledger = new AttemptLedger(stages);
    ledger.markSubmitting('transcode', 1, AT);
    ledger.markSubmitted('transcode', 1, 'job');
    ledger.markLost('transcode', 1, { reason: 'too-long', checks: 5 }, undefined, AT);
    expect(stages.transcode.attempts[0]).toMatchObject({
      status: 'failed',
      errorCode: 'Vodflow.CompletionTimeout',
      completedVia: 'reconcile',
    });
    ledger.markLost('transcode', 1, { reason: 'unknown', checks: 9 }, 'gone', AT);
    expect(stages.transcode.attempts[0]?.errorCode).toBe('Vodflow.CompletionTimeout');
  });
});
