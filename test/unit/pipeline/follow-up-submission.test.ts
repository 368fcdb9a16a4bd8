import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { VodApiError, type VodErrorKind } from '../../../clients/vod';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { createSubmitFollowUp, type SubmitFollowUpInput } from '../../../activities/follow-up';
import type { FollowUpPort, SubmittedJob } from '../../../activities/follow-up-port';
import { classifySubmissionFailure } from '../../../activities/submission-failure';

const policy = pipelinePolicySchema.parse({});
const input = (stage: SubmitFollowUpInput['stage']): SubmitFollowUpInput => ({
  videoId: 'v1',
  stage,
  attempt: 1,
  policy,
});

function vodError(kind: VodErrorKind, code: string, transient: boolean): VodApiError {
  return new VodApiError({ action: 'SubmitAIMediaAuditJob', code, kind, transient, message: code });
}

// A port whose AI submission answers with each of `answers` in turn, counting the calls.
function aiPort(answers: (SubmittedJob | Error)[]): FollowUpPort & { calls: number } {
  const unused = (): Promise<never> => Promise.reject(new Error('not expected'));
  const port = {
    calls: 0,
    submitAIMediaAudit: () => {
      const answer = answers[Math.min(port.calls++, answers.length - 1)];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    submitTranscode: unused,
    submitSnapshot: unused,
    submitAIJob: unused,
    findTranscodeTaskSince: unused,
    findSnapshotJobSince: unused,
  };
  return port;
}

function run(port: FollowUpPort, attempt = 1, startToCloseTimeoutMs = 60_000): Promise<SubmittedJob> {
  const env = new MockActivityEnvironment({ attempt, startToCloseTimeoutMs });
  return env.run(createSubmitFollowUp({ followUps: () => port }), input('aiAudit'));
}

describe('classifySubmissionFailure', () => {
  test('refusals created nothing; answer-less failures may have created the job', () => {
    expect(classifySubmissionFailure(vodError('throttled', 'Throttling.User', true))).toBe(
      'refused-transient',
    );
    expect(classifySubmissionFailure(vodError('network', 'ECONNREFUSED', true))).toBe('refused-transient');
    expect(classifySubmissionFailure(vodError('invalid-request', 'InvalidParameter', false))).toBe(
      'refused-permanent',
    );
    expect(classifySubmissionFailure(vodError('auth', 'SignatureDoesNotMatch', false))).toBe(
      'refused-permanent',
    );
    expect(classifySubmissionFailure(vodError('network', 'ECONNRESET', true))).toBe('maybe-created');
    expect(classifySubmissionFailure(vodError('timeout', 'RequestTimeout', true))).toBe('maybe-created');
    expect(classifySubmissionFailure(vodError('unavailable', 'InternalError', true))).toBe('maybe-created');
    expect(classifySubmissionFailure(new Error('what happened?'))).toBe('maybe-created');
  });
});

describe('AI submissions, which no API finds by video', () => {
  test('a retry of the activity submits nothing: the earlier try may have created the job', async () => {
    const port = aiPort([{ jobId: 'second-job' }]);
    await expect(run(port, 2)).resolves.toEqual({});
    expect(port.calls).toBe(0);
  });

  test('an answer-less failure returns no JobId instead of failing into a blind retry', async () => {
    const port = aiPort([vodError('timeout', 'RequestTimeout', true), { jobId: 'second-job' }]);
    await expect(run(port)).resolves.toEqual({});
    expect(port.calls).toBe(1);
  });

  test('throttling is retried within the try, then the job is submitted once', async () => {
    const port = aiPort([vodError('throttled', 'Throttling.User', true), { jobId: 'job-1' }]);
    await expect(run(port)).resolves.toEqual({ jobId: 'job-1' });
    expect(port.calls).toBe(2);
  });

  test("refusals past the try's time fail the attempt for good; permanent refusals at once", async () => {
    const throttled = aiPort([vodError('throttled', 'Throttling.User', true)]);
    const failure = await run(throttled, 1, 1_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'Vodflow.SubmitRefused', nonRetryable: true });

    const invalid = aiPort([vodError('invalid-request', 'InvalidParameter', false)]);
    await expect(run(invalid)).rejects.toMatchObject({ type: 'InvalidParameter', nonRetryable: true });
    expect(invalid.calls).toBe(1);
  });
});
