import { classifyMessage } from '../../../activities/message-classifier';
import { ApplicationScope, appIdProblem, DEFAULT_APP_ID } from '../../../common/applications';
import { ConfigError, loadConfig } from '../../../common/config';
import { encodeEventBody } from '../../../common/events';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { VideoState } from '../../../workflows/video-state';

const NOW = '2026-12-01T08:00:00.000Z';
const VIDEO_ID = 'aa11bb22cc33dd44ee55ff6677889900';

describe('application ids and scope', () => {
  it('accepts VOD application ids and names what is wrong with others', () => {
    expect(appIdProblem(DEFAULT_APP_ID)).toBeUndefined();
    expect(appIdProblem('app-2f9c1a')).toBeUndefined();
    expect(appIdProblem('staging')).toContain('not a VOD application id');
    expect(appIdProblem('app-')).toBeDefined();
  });

  it('serves the default application, unenforced, when none is named', () => {
    const scope = loadConfig({ VODFLOW_QUEUES: 'cn-shanghai:q' }).applications;
    expect(scope.enforced).toBe(false);
    expect(scope.forQueue('cn-shanghai', 'q')).toBe(DEFAULT_APP_ID);
    expect(scope.inRegion('cn-shanghai')).toEqual([DEFAULT_APP_ID]);
  });

  it('reads VODFLOW_APP_ID and per-queue applications', () => {
    const config = loadConfig({
      VODFLOW_APP_ID: 'app-prod1',
      VODFLOW_QUEUES: 'cn-shanghai:prod, cn-shanghai:edu:app-edu1, ap-southeast-1:sg',
    });
    expect(config.queues).toEqual([
      { region: 'cn-shanghai', queue: 'prod' },
      { region: 'cn-shanghai', queue: 'edu', appId: 'app-edu1' },
      { region: 'ap-southeast-1', queue: 'sg' },
    ]);
    const scope = config.applications;
    expect(scope.enforced).toBe(true);
    expect(scope.forQueue('cn-shanghai', 'prod')).toBe('app-prod1');
    expect(scope.forQueue('cn-shanghai', 'edu')).toBe('app-edu1');
    expect(scope.inRegion('cn-shanghai')).toEqual(['app-edu1', 'app-prod1']);
    expect(scope.inRegion('ap-southeast-1')).toEqual(['app-prod1']);
  });

  it('refuses malformed application ids with the variable named', () => {
    expect(() => loadConfig({ VODFLOW_APP_ID: 'production' })).toThrow(/VODFLOW_APP_ID: "production"/);
    expect(() => loadConfig({ VODFLOW_QUEUES: 'cn-shanghai:q:prod' })).toThrow(ConfigError);
    expect(() => loadConfig({ VODFLOW_QUEUES: 'cn-shanghai:q:app-1:x' })).toThrow(/region:queue:appId/);
  });

  it('enforces once a queue names an application, even without VODFLOW_APP_ID', () => {
    const scope = ApplicationScope.of([{ region: 'cn-shanghai', queue: 'q', appId: 'app-x1' }], undefined);
    expect(scope.enforced).toBe(true);
    expect(scope.forQueue('cn-shanghai', 'other')).toBe(DEFAULT_APP_ID);
  });
});

describe('classifying a message of another application', () => {
  const body = (appId?: string): string =>
    encodeEventBody(
      {
        EventType: 'UploadByURLComplete',
        EventTime: '2026-12-01T08:00:00Z',
        JobId: 'job-1',
        VideoId: VIDEO_ID,
        Status: 'Success',
        ...(appId ? { AppId: appId } : {}),
      },
      'base64',
    );

  it('sets aside an event naming another application than the queue serves', () => {
    const verdict = classifyMessage(body('app-other1'), 65_536, 'app-mine1');
    expect(verdict).toMatchObject({ kind: 'poison', reasonCode: 'foreign-app' });
    expect(verdict.kind === 'poison' && verdict.reason).toContain('app-other1');
  });

  it("accepts the queue's own application, events naming none, and any when nothing is enforced", () => {
    expect(classifyMessage(body('app-mine1'), 65_536, 'app-mine1').kind).toBe('event');
    expect(classifyMessage(body(), 65_536, 'app-mine1').kind).toBe('event');
    expect(classifyMessage(body('app-other1'), 65_536).kind).toBe('event');
  });
});

describe("a video's application check", () => {
  const policy = pipelinePolicySchema.parse({});
  const uploaded = (state: VideoState): void => {
    state.apply({
      eventType: 'FileUploadComplete',
      observation: { kind: 'uploaded', at: NOW },
      contentKey: 'up',
      meta: { source: 'queue' },
      now: NOW,
    });
  };

  it('holds every follow-up until VOD said which application the video is in', () => {
    const state = VideoState.create(VIDEO_ID, NOW, { policy, appId: 'app-mine1' });
    uploaded(state);
    expect(state.applicationCheckDue).toBe(true);
    expect(state.nextActions()).toEqual([]);
    state.recordApplication({ appId: 'app-mine1' }, NOW);
    expect(state.applicationCheckDue).toBe(false);
    expect(state.nextActions().map((a) => a.stage)).toEqual(['transcode']);
    expect(state.stage()).toBe('uploaded');
  });

  it("makes another application's video foreign: finished, needing a person, nothing submitted", () => {
    const state = VideoState.create(VIDEO_ID, NOW, { policy, appId: 'app-mine1' });
    uploaded(state);
    state.recordApplication({ appId: 'app-theirs1' }, NOW);
    expect(state.stage()).toBe('foreign');
    expect(state.status()).toBe('attention');
    expect(state.isFinished()).toBe(true);
    expect(state.nextActions()).toEqual([]);
    expect(state.view().reason).toContain('app-theirs1');
    expect(state.view().application).toEqual({
      expected: 'app-mine1',
      actual: 'app-theirs1',
      checkedAt: NOW,
    });
  });

  it('goes on when the lookup failed for good, keeping the problem', () => {
    const state = VideoState.create(VIDEO_ID, NOW, { policy, appId: 'app-mine1' });
    uploaded(state);
    state.recordApplication({ problem: 'InvalidVideo.NotFound: gone' }, NOW);
    expect(state.applicationCheckDue).toBe(false);
    expect(state.stage()).toBe('uploaded');
    expect(state.nextActions()).toHaveLength(1);
  });

  it('checks nothing for a video started without an application, nor after a carry-over', () => {
    const plain = VideoState.create(VIDEO_ID, NOW, { policy });
    expect(plain.applicationCheckDue).toBe(false);
    const checked = VideoState.create(VIDEO_ID, NOW, { policy, appId: 'app-mine1' });
    checked.recordApplication({ appId: 'app-mine1' }, NOW);
    expect(VideoState.restore(checked.carryOver()).applicationCheckDue).toBe(false);
  });
});
