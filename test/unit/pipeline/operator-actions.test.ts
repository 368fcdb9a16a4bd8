import { type FollowUpStage } from '../../../common/pipeline-policy';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { cancelRefusal, retryRefusal, type OperatorFacts } from '../../../workflows/operator-actions';
import type { StageStatus } from '../../../workflows/video-snapshot';

const facts = (
  overrides: Partial<OperatorFacts> = {},
  statuses: Partial<Record<FollowUpStage, StageStatus>> = {},
) => ({
  deleted: false,
  cancelled: false,
  policy: pipelinePolicySchema.parse({}),
  failedStages: [],
  stageStatus: (stage: FollowUpStage) => statuses[stage] ?? 'not-started',
  ...overrides,
});

describe('operator actions', () => {
  it('says why a retry cannot run', () => {
    expect(retryRefusal(facts({ deleted: true }), undefined)).toBe('the video is deleted');
    expect(retryRefusal(facts({ cancelled: true }), undefined)).toBe('the video workflow is cancelled');
    expect(retryRefusal(facts(), undefined)).toBe('no stage has failed');
    expect(retryRefusal(facts(), 'aiTag')).toBe("stage aiTag is not part of this video's pipeline");
    expect(retryRefusal(facts({}, { snapshot: 'running' }), 'snapshot')).toBe(
      'stage snapshot has not failed (it is running)',
    );
  });

  it('retries the first failed stage when none is named', () => {
    expect(
      retryRefusal(facts({ failedStages: ['snapshot'] }, { snapshot: 'failed' }), undefined),
    ).toBeUndefined();
  });

  it('refuses to cancel twice or a deleted video', () => {
    expect(cancelRefusal(facts({ cancelled: true }))).toBe('the video workflow is already cancelled');
    expect(cancelRefusal(facts({ deleted: true }))).toBe('the video is deleted');
    expect(cancelRefusal(facts())).toBeUndefined();
  });
});
