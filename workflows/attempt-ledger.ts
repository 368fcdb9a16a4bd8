import type { FollowUpStage } from '../common/pipeline-policy';
import type { GiveUp } from './milestone-watch';
import type { Observation } from './observation';
import type { AttemptRecord, EventSource, StageState } from './video-snapshot';

// The attempts of each follow-up stage: what vodflow submitted, what VOD answered, and which attempt
// an event belongs to. It works on the snapshot's own stage records.
export class AttemptLedger {
  constructor(private readonly stages: Record<FollowUpStage, StageState>) {}

  markSubmitting(stage: FollowUpStage, attempt: number, now: string): void {
    const state = this.stages[stage];
    if (state.attempts.some((a) => a.attempt === attempt)) return;
    state.attempts.push({ attempt, status: 'submitting', submittedAt: now });
    state.attempts.sort((a, b) => a.attempt - b.attempt);
    state.retryNow = undefined;
  }

  markSubmitted(stage: FollowUpStage, attempt: number, jobId: string | undefined): void {
    const state = this.stages[stage];
    const record = state.attempts.find((a) => a.attempt === attempt);
    if (!record) return;
    record.jobId ??= jobId;
    if (record.status === 'submitting') record.status = 'submitted';
    // The completion event came before the submission returned its JobId and, carrying no attempt
    // marker, was filed under attempt 0: it belongs to this attempt.
    const early = jobId ? state.attempts.find((a) => a.attempt === 0 && a.jobId === jobId) : undefined;
    if (early && record.status === 'submitted') {
      record.status = early.status;
      record.completedAt = early.completedAt;
      record.failedAt = early.failedAt;
      record.errorCode = early.errorCode;
      record.errorMessage = early.errorMessage;
      record.completedVia = early.completedVia;
      state.attempts.splice(state.attempts.indexOf(early), 1);
    }
  }

  markSubmitFailed(
    stage: FollowUpStage,
    attempt: number,
    error: { code: string; message: string },
    now: string,
  ): void {
    const record = this.stages[stage].attempts.find((a) => a.attempt === attempt);
    if (!record || record.status === 'succeeded') return;
    record.status = 'failed';
    record.errorCode = error.code;
    record.errorMessage = error.message;
    record.failedAt ??= now;
  }

  // Events that carry no attempt marker (VOD does not echo Extend on every event) are matched to
  // vodflow's attempt through their JobId when the submission has returned it.
  attemptOf(observation: Extract<Observation, { kind: 'stage' }>): number {
    const stage = this.stages[observation.stage];
    return observation.attempt === 0 && observation.jobId
      ? (stage.attempts.find((a) => a.attempt > 0 && a.jobId === observation.jobId)?.attempt ?? 0)
      : observation.attempt;
  }

  recordOutcome(
    observation: Extract<Observation, { kind: 'stage' }>,
    now: string,
    source: EventSource,
  ): void {
    const stage = this.stages[observation.stage];
    const record = this.attemptRecord(observation.stage, this.attemptOf(observation));
    if (record.status === 'succeeded') {
      // Another success of the same attempt (VOD's own jobs share attempt 0): the later one counts.
      if (observation.latestResultWins && observation.outcome === 'success')
        keepLatestResult(stage, observation);
      return;
    }
    record.jobId ??= observation.jobId;
    record.completedAt = observation.at;
    record.completedVia = source;
    if (observation.outcome === 'success') {
      record.status = 'succeeded';
      record.errorCode = undefined;
      record.errorMessage = undefined;
      record.failedAt = undefined;
      if (observation.latestResultWins) keepLatestResult(stage, observation);
      else if (observation.details) stage.result = observation.details;
    } else {
      record.status = 'failed';
      record.errorCode = observation.errorCode;
      record.errorMessage = observation.errorMessage;
      record.failedAt ??= now;
    }
  }

  markLost(
    stage: FollowUpStage,
    attempt: number,
    giveUp: GiveUp,
    detail: string | undefined,
    now: string,
  ): void {
    const record = this.attemptRecord(stage, attempt);
    if (record.status === 'succeeded' || record.status === 'failed') return;
    const error =
      giveUp.reason === 'too-long'
        ? {
            code: 'Vodflow.CompletionTimeout',
            message: `VOD still reported the job running after ${giveUp.checks} checks`,
          }
        : {
            code: 'Vodflow.CompletionLost',
            message: `VOD had no record of the job after ${giveUp.checks} checks${detail ? ` (${detail})` : ''}`,
          };
    this.markSubmitFailed(stage, attempt, error, now);
    record.completedVia = 'reconcile';
  }

  // The record of one attempt; the first word of an attempt vodflow has no record of creates it.
  attemptRecord(stage: FollowUpStage, attempt: number): AttemptRecord {
    const attempts = this.stages[stage].attempts;
    let record = attempts.find((a) => a.attempt === attempt);
    if (!record) {
      record = { attempt, status: 'submitted' };
      attempts.push(record);
      attempts.sort((a, b) => a.attempt - b.attempt);
    }
    return record;
  }
}

// A stage's result is the latest job's by event time (ties broken by JobId), so that the order in
// which two completions arrive does not decide it.
function keepLatestResult(stage: StageState, observation: Extract<Observation, { kind: 'stage' }>): void {
  if (!observation.details) return;
  const from = stage.resultFrom;
  const later =
    from === undefined ||
    observation.at > from.at ||
    (observation.at === from.at && (observation.jobId ?? '') > (from.jobId ?? ''));
  if (!later) return;
  stage.result = observation.details;
  stage.resultFrom = { at: observation.at, jobId: observation.jobId };
}
