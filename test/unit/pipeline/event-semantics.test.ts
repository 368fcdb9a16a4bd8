import { decodeMessageBody, type DecodedEvent } from '../../../common/events';
import { pipelinePolicySchema } from '../../../common/pipeline-policy-schema';
import { applyVodEvent, originOfFirstEvent, type EventRulesVersion } from '../../../workflows/event-facts';
import { VideoState } from '../../../workflows/video-state';

// Events as VOD writes them, through decoding and the event rules, into the state: what each event
// type means for a video's stage.

const NOW = '2026-11-25T09:00:00.000Z';
const policy = pipelinePolicySchema.parse({ transcode: 'auto', snapshot: false, aiAudit: true });

function decoded(fields: Record<string, unknown>): DecodedEvent {
  const result = decodeMessageBody(JSON.stringify({ Status: 'success', ...fields }));
  if (!result.ok) throw new Error(result.error.message);
  return result.event;
}

let messages = 0;
function apply(state: VideoState, fields: Record<string, unknown>, rules?: EventRulesVersion) {
  messages += 1;
  return applyVodEvent(
    state,
    decoded(fields),
    { source: 'queue', region: 'cn-shanghai', queue: 'q', messageId: `m${messages}` },
    NOW,
    rules,
  );
}

const review = (auditStatus: string, creationTime: string, extra: Record<string, unknown> = {}) => ({
  EventType: 'CreateAuditComplete',
  EventTime: creationTime,
  MediaId: 'v1',
  SubType: 'video',
  AuditStatus: auditStatus,
  CreationTime: creationTime,
  ...extra,
});

function readyVideo(suggestion: 'pass' | 'block' = 'pass'): VideoState {
  const state = VideoState.create('v1', NOW, { policy });
  apply(state, { EventType: 'FileUploadComplete', EventTime: '2026-11-25T08:00:00Z', VideoId: 'v1' });
  apply(state, {
    EventType: 'TranscodeComplete',
    EventTime: '2026-11-25T08:01:00Z',
    VideoId: 'v1',
    StreamInfos: [{ Status: 'success', Definition: 'HD', Format: 'mp4', JobId: 'j1' }],
  });
  apply(state, {
    EventType: 'AIMediaAuditComplete',
    EventTime: '2026-11-25T08:02:00Z',
    MediaId: 'v1',
    JobId: 'a1',
    Data: { Suggestion: suggestion },
  });
  return state;
}

describe('event semantics', () => {
  it('blocks a video on a manual review verdict Blocked, with the reviewer’s reason', () => {
    const state = readyVideo();
    expect(state.stage()).toBe('ready');
    apply(state, review('Blocked', '2026-11-25T08:10:00Z', { Reason: 'policy violation', Auditor: 'r7' }));
    expect(state.stage()).toBe('blocked');
    expect(state.status()).toBe('attention');
    expect(state.view().manualReview).toEqual({
      at: '2026-11-25T08:10:00.000Z',
      verdict: 'blocked',
      reason: 'policy violation',
      auditor: 'r7',
    });
  });

  it('lifts the block when a later review passes the video, whatever order the reviews arrive in', () => {
    const inOrder = readyVideo();
    apply(inOrder, review('Blocked', '2026-11-25T08:10:00Z'));
    apply(inOrder, review('Normal', '2026-11-25T08:20:00Z'));
    expect(inOrder.stage()).toBe('ready');

    const reversed = readyVideo();
    apply(reversed, review('Normal', '2026-11-25T08:20:00Z'));
    apply(reversed, review('Blocked', '2026-11-25T08:10:00Z'));
    expect(reversed.stage()).toBe('ready');
  });

  it('lets a manual pass override an AI block suggestion', () => {
    const state = readyVideo('block');
    expect(state.stage()).toBe('blocked');
    apply(state, review('Normal', '2026-11-25T08:30:00Z'));
    expect(state.stage()).toBe('ready');
  });

  it('ignores a review whose operation failed', () => {
    const state = readyVideo();
    apply(state, review('Blocked', '2026-11-25T08:10:00Z', { Status: 'fail' }));
    expect(state.stage()).toBe('ready');
  });

  it('reads a successful analysis as proof of the upload, a failed one not', () => {
    const analysed = VideoState.create('v1', NOW, { policy: pipelinePolicySchema.parse({}) });
    apply(analysed, {
      EventType: 'VideoAnalysisComplete',
      EventTime: '2026-11-25T08:00:10Z',
      VideoId: 'v1',
      Duration: '12',
    });
    expect(analysed.stage()).toBe('uploaded');
    expect(analysed.view().uploaded).toMatchObject({ implied: true });
    expect(analysed.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: 0 }]);

    const broken = VideoState.create('v1', NOW, { policy });
    apply(broken, {
      EventType: 'VideoAnalysisComplete',
      EventTime: '2026-11-25T08:00:10Z',
      VideoId: 'v1',
      Status: 'fail',
      ErrorCode: 'InvalidParameter.ResourceContentBad',
    });
    expect(broken.stage()).toBe('uploading');
  });

  it('keeps the first rules for runs recorded with them: no review verdict, no implied upload', () => {
    const state = readyVideo();
    apply(state, review('Blocked', '2026-11-25T08:10:00Z'), 1);
    expect(state.stage()).toBe('ready');

    const analysed = VideoState.create('v1', NOW, { policy });
    apply(
      analysed,
      { EventType: 'VideoAnalysisComplete', EventTime: '2026-11-25T08:00:10Z', VideoId: 'v1' },
      1,
    );
    expect(analysed.stage()).toBe('uploading');
  });
});

describe('adopted videos', () => {
  const submitPolicy = pipelinePolicySchema.parse({ snapshot: false, aiAudit: false });
  const reconciledUpload = (state: VideoState) =>
    applyVodEvent(
      state,
      decoded({ EventType: 'FileUploadComplete', EventTime: '2025-01-01T08:00:00Z', VideoId: 'v1' }),
      { source: 'reconcile' },
      NOW,
    );

  it('records what VOD did and submits nothing by default', () => {
    const state = VideoState.create('v1', NOW, { policy: submitPolicy });
    state.setOrigin('adopted');
    reconciledUpload(state);
    expect(state.stage()).toBe('uploaded');
    expect(state.nextActions()).toEqual([]);
  });

  it("is new after all when VOD's API shows the video was created recently", () => {
    const fromApi = (CreationTime: string) =>
      decoded({ EventType: 'FileUploadComplete', EventTime: NOW, VideoId: 'v1', CreationTime });
    const recent = VideoState.create('v1', NOW, { policy: submitPolicy });
    recent.setOrigin('adopted');
    applyVodEvent(
      recent,
      fromApi(new Date(Date.parse(NOW) - 3_600_000).toISOString()),
      { source: 'reconcile' },
      NOW,
    );
    expect(recent.origin).toBe('new');
    const old = VideoState.create('v1', NOW, { policy: submitPolicy });
    old.setOrigin('adopted');
    applyVodEvent(old, fromApi('2025-01-01T00:00:00Z'), { source: 'reconcile' }, NOW);
    expect(old.origin).toBe('adopted');
  });

  it('submits what is missing with adopt=submit', () => {
    const state = VideoState.create('v1', NOW, { policy: { ...submitPolicy, adopt: 'submit' } });
    state.setOrigin('adopted');
    reconciledUpload(state);
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: 0 }]);
  });

  it('becomes new when its upload event arrives after all (events are unordered)', () => {
    const state = VideoState.create('v1', NOW, { policy: submitPolicy });
    state.setOrigin('adopted');
    apply(state, { EventType: 'FileUploadComplete', EventTime: '2026-11-25T08:00:00Z', VideoId: 'v1' });
    expect(state.origin).toBe('new');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: 0 }]);
  });

  // Found by the soak: the adopted video read its upload from the API before the upload event came,
  // which was then a duplicate milestone and left the video adopted, submitting nothing.
  it('becomes new when its upload event arrives after the API already reported the upload', () => {
    const state = VideoState.create('v1', NOW, { policy: submitPolicy });
    state.setOrigin('adopted');
    reconciledUpload(state);
    expect(
      apply(state, { EventType: 'FileUploadComplete', EventTime: '2025-01-01T08:00:00Z', VideoId: 'v1' }),
    ).toBe('duplicate');
    expect(state.origin).toBe('new');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: 0 }]);
  });

  it("counts VOD's creation event (sent before the upload ends) as the start of a new video", () => {
    const change = (OperateMode: string) =>
      decoded({
        EventType: 'MediaBaseChangeComplete',
        EventTime: '2026-11-25T08:00:00Z',
        MediaId: 'v1',
        Status: 'success',
        MediaType: 'video',
        OperateMode,
      });
    expect(originOfFirstEvent(change('create'))).toBe('new');
    expect(originOfFirstEvent(change('update'))).toBe('adopted');

    // Found by the soak: the upload event lost, the analysis came first and the creation after it.
    const state = VideoState.create('v1', NOW, { policy: submitPolicy });
    state.setOrigin('adopted');
    apply(state, {
      EventType: 'VideoAnalysisComplete',
      EventTime: '2026-11-25T08:01:00Z',
      VideoId: 'v1',
      Status: 'success',
    });
    expect(state.nextActions()).toEqual([]);
    applyVodEvent(state, change('update'), { source: 'queue' }, NOW);
    expect(state.origin).toBe('adopted');
    applyVodEvent(state, change('create'), { source: 'queue' }, NOW);
    expect(state.origin).toBe('new');
    expect(state.nextActions()).toEqual([{ stage: 'transcode', attempt: 1, notBefore: 0 }]);
  });

  it('keeps the title of the latest change that set one, whatever order the changes come in', () => {
    const titled = (EventTime: string, Title: Record<string, string>) => ({
      EventType: 'MediaBaseChangeComplete',
      EventTime,
      MediaId: 'v1',
      Status: 'success',
      OperateMode: 'update',
      MediaContent: { Title: JSON.stringify(Title) },
    });
    const state = VideoState.create('v1', NOW, { policy });
    apply(state, titled('2026-11-25T08:05:00Z', { OldValue: 'draft', NewValue: 'Launch video' }));
    apply(state, titled('2026-11-25T08:00:00Z', { NewValue: 'draft' }));
    expect(state.title).toBe('Launch video');
    expect(state.view().title).toEqual({ text: 'Launch video', at: '2026-11-25T08:05:00.000Z' });
  });
});
