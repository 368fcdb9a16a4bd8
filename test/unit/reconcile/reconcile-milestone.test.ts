import { VodApiError } from '../../../clients/vod';
import {
  createReconcileMilestone,
  type ReconcileInput,
} from '../../../activities/reconcile/reconcile-milestone';
import type { VodQueries } from '../../../activities/reconcile/vod-queries';
import { observe } from '../../../workflows/event-facts';
import type { VodEvent } from '../../../common/events';

// The mapping from VOD's query answers to check outcomes and rebuilt events, over scripted answers.
// (The same paths run against the VOD emulator over HTTP in test/integration/pipeline/reconcile.)

const NOW = new Date('2026-11-25T08:00:00.000Z');
const RID = { RequestId: 'r' };
const answer = <T>(value: T): Promise<T> => Promise.resolve(value);

function notCalled(name: string) {
  return () => Promise.reject(new Error(`${name} was not expected`));
}

function queries(overrides: Partial<VodQueries>): VodQueries {
  return {
    getVideoInfo: notCalled('getVideoInfo'),
    getVideoList: notCalled('getVideoList'),
    getTranscodeTask: notCalled('getTranscodeTask'),
    listTranscodeTask: notCalled('listTranscodeTask'),
    listSnapshots: notCalled('listSnapshots'),
    getAIMediaAuditJob: notCalled('getAIMediaAuditJob'),
    listAIJob: notCalled('listAIJob'),
    ...overrides,
  };
}

const vodError = (code: string, transient = false) =>
  new VodApiError({ action: 'X', code, kind: 'not-found', transient, message: code });

function reconcile(vod: VodQueries, input: Partial<ReconcileInput> & Pick<ReconcileInput, 'milestone'>) {
  const run = createReconcileMilestone({ vodQueries: () => vod, now: () => NOW });
  return run({ videoId: 'v1', attempt: 1, since: '2026-11-25T07:00:00.000Z', ...input });
}

describe('reconcileMilestone', () => {
  it('rebuilds FileUploadComplete with the upload’s Extend once VOD has the file', async () => {
    const extend = { vodflow: { policy: { aiTag: true } } };
    const vod = queries({
      getVideoInfo: () =>
        answer({
          ...RID,
          Video: {
            VideoId: 'v1',
            Status: 'UploadSucc',
            Size: 42,
            Snapshots: [],
            UserData: JSON.stringify({ Extend: extend }),
          },
        }),
    });
    const result = await reconcile(vod, { milestone: 'upload', attempt: 0 });
    expect(result.outcome).toBe('settled');
    const [event] = result.outcome === 'settled' ? result.events : [];
    expect(observe(event as VodEvent)).toMatchObject({
      kind: 'uploaded',
      size: 42,
      policyOverride: { aiTag: true },
    });
  });

  it('reports an upload in progress as running and a vanished video as missing', async () => {
    const uploading = queries({
      getVideoInfo: () => answer({ ...RID, Video: { VideoId: 'v1', Status: 'Uploading', Snapshots: [] } }),
    });
    expect(await reconcile(uploading, { milestone: 'upload' })).toEqual({
      outcome: 'running',
      detail: 'the video is Uploading',
    });
    const gone = queries({ getVideoInfo: () => Promise.reject(vodError('InvalidVideo.NotFound')) });
    expect((await reconcile(gone, { milestone: 'upload' })).outcome).toBe('missing');
  });

  it('waits on a task still processing, and rebuilds every stream plus the summary when done', async () => {
    let status = 'Processing';
    const vod = queries({
      getTranscodeTask: (params) =>
        answer(
          params.JobIds
            ? { ...RID, TranscodeTask: { TranscodeTaskId: 'task', TranscodeJobInfoList: [] } }
            : {
                ...RID,
                TranscodeTask: {
                  TranscodeTaskId: 'task',
                  TaskStatus: status,
                  CompleteTime: '2026-11-25T07:30:00Z',
                  TranscodeJobInfoList: [
                    {
                      TranscodeJobId: 'j1',
                      Definition: 'HD',
                      TranscodeJobStatus: 'TranscodeSuccess',
                      OutputFile: { Format: 'mp4', Width: '1280' },
                    },
                    {
                      TranscodeJobId: 'j2',
                      Definition: 'SD',
                      TranscodeJobStatus: 'TranscodeFail',
                      ErrorCode: 'E1',
                    },
                  ],
                },
              },
        ),
    });
    expect((await reconcile(vod, { milestone: 'transcode', jobId: 'j1' })).outcome).toBe('running');
    status = 'CompletePartialSucc';
    const result = await reconcile(vod, { milestone: 'transcode', jobId: 'j1', attempt: 2 });
    if (result.outcome !== 'settled') throw new Error(`expected settled, got ${result.outcome}`);
    const observed = result.events.map((event) => observe(event as VodEvent));
    expect(observed.map((o) => o.kind)).toEqual(['stream', 'stream', 'stage']);
    expect(observed[2]).toMatchObject({ stage: 'transcode', outcome: 'success', attempt: 2, jobId: 'j1' });
    expect(observed[1]).toMatchObject({ stream: { definition: 'SD', outcome: 'failure', errorCode: 'E1' } });
  });

  it('finds VOD’s own transcode (attempt 0) by listing the video’s tasks since the wait began', async () => {
    const vod = queries({
      listTranscodeTask: () =>
        answer({
          ...RID,
          TranscodeTaskList: [
            { TranscodeTaskId: 'old', Trigger: 'Auto', CreationTime: '2026-11-25T07:01:00Z' },
            { TranscodeTaskId: 'new', Trigger: 'Auto', CreationTime: '2026-11-25T07:05:00Z' },
          ],
        }),
      getTranscodeTask: (params) =>
        answer({
          ...RID,
          TranscodeTask: {
            TranscodeTaskId: params.TranscodeTaskId ?? '?',
            TaskStatus: 'CompleteAllFail',
            TranscodeJobInfoList: [],
          },
        }),
    });
    const result = await reconcile(vod, { milestone: 'transcode', attempt: 0 });
    expect(result).toMatchObject({ outcome: 'settled', detail: 'transcode task new is CompleteAllFail' });
  });

  it('accepts only this attempt’s snapshot job', async () => {
    const vod = queries({
      listSnapshots: () =>
        answer({
          ...RID,
          MediaSnapshot: { JobId: 's-old', Total: 4, Regular: 'http://x/{SnapshotCount}.jpg', Snapshots: [] },
        }),
    });
    expect((await reconcile(vod, { milestone: 'snapshot', jobId: 's-new' })).outcome).toBe('unknown');
    const result = await reconcile(vod, { milestone: 'snapshot', jobId: 's-old' });
    if (result.outcome !== 'settled') throw new Error('expected settled');
    expect(observe(result.events[0] as VodEvent)).toMatchObject({
      stage: 'snapshot',
      attempt: 1,
      jobId: 's-old',
    });
  });

  it('maps AI jobs: processing is running, an unknown id is unknown, a failure fails the attempt', async () => {
    const audit = queries({
      getAIMediaAuditJob: () =>
        answer({
          ...RID,
          MediaAuditJob: { JobId: 'a1', MediaId: 'v1', Status: 'processing' },
        }),
    });
    expect((await reconcile(audit, { milestone: 'aiAudit', jobId: 'a1' })).outcome).toBe('running');
    expect((await reconcile(audit, { milestone: 'aiAudit' })).outcome).toBe('unknown');

    const tags = queries({
      listAIJob: () =>
        answer({
          ...RID,
          AIJobList: [{ JobId: 'g1', Status: 'fail', Code: 'InternalError', Message: 'boom' }],
          NonExistAIJobIds: [],
        }),
    });
    const result = await reconcile(tags, { milestone: 'aiTag', jobId: 'g1' });
    if (result.outcome !== 'settled') throw new Error('expected settled');
    expect(observe(result.events[0] as VodEvent)).toMatchObject({
      stage: 'aiTag',
      outcome: 'failure',
      errorCode: 'InternalError',
    });
    const none = queries({ listAIJob: () => answer({ ...RID, AIJobList: [], NonExistAIJobIds: ['g2'] }) });
    expect((await reconcile(none, { milestone: 'aiDna', jobId: 'g2' })).outcome).toBe('unknown');
  });

  it('throws transient VOD errors for the activity to retry, and permanent ones as non-retryable', async () => {
    const throttled = queries({ getVideoInfo: () => Promise.reject(vodError('Throttling.User', true)) });
    await expect(reconcile(throttled, { milestone: 'upload' })).rejects.toBeInstanceOf(VodApiError);
    const forbidden = queries({ getVideoInfo: () => Promise.reject(vodError('Forbidden.RAM')) });
    await expect(reconcile(forbidden, { milestone: 'upload' })).rejects.toMatchObject({
      nonRetryable: true,
      type: 'Forbidden.RAM',
    });
  });
});
