import type { VodEvent, VodEventOf } from '../../../common/events';
import { popFailure, startVodStack, type VodStack } from './support/vod-stack';

// Each API and the events it produces, read back from the queue and decoded as a consumer would.

let stack: VodStack;
beforeAll(async () => {
  stack = await startVodStack();
  await stack.configureQueue('ALL');
});
afterAll(() => stack.close());

function ofVideo(videoId: string): VodEvent[] {
  return stack.events().filter((event) => {
    const fields = event as Record<string, unknown>;
    return fields.VideoId === videoId || fields.MediaId === videoId;
  });
}

async function videoStatus(videoId: string): Promise<string> {
  const info = await stack.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: videoId });
  return info.Video.Status;
}

describe('VOD API and event sequences', () => {
  test('upload: Uploading, then UploadSucc with FileUploadComplete echoing the upload Extend', async () => {
    const { VideoId, UploadAddress } = await stack.call<{ VideoId: string; UploadAddress: string }>(
      'CreateUploadVideo',
      {
        Title: 'upload',
        FileName: 'clip.mp4',
        UserData: JSON.stringify({ Extend: { tenant: 't-1' } }),
      },
    );
    expect(VideoId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(Buffer.from(UploadAddress, 'base64').toString())).toHaveProperty('Bucket');
    expect(await videoStatus(VideoId)).toBe('Uploading');
    await stack.vod.completeUpload(VideoId);
    expect(await videoStatus(VideoId)).toBe('UploadSucc');
    await stack.vod.settle();
    const [upload] = ofVideo(VideoId).filter(
      (event): event is VodEventOf<'FileUploadComplete'> => event.EventType === 'FileUploadComplete',
    );
    expect(upload).toEqual(expect.objectContaining({ EventType: 'FileUploadComplete', Status: 'success' }));
    expect(upload.Extend).toEqual({ tenant: 't-1' });
  });

  test('transcode: Transcoding, one StreamTranscodeComplete per definition, then TranscodeComplete, then Normal', async () => {
    const videoId = await stack.uploadedVideo();
    const submitted = await stack.call<{
      TranscodeTaskId: string;
      TranscodeJobs: { TranscodeJob: { JobId: string }[] };
    }>('SubmitTranscodeJobs', {
      VideoId: videoId,
      TemplateGroupId: 'tg-1',
      UserData: JSON.stringify({ Extend: { attempt: 1 } }),
    });
    expect(await videoStatus(videoId)).toBe('Transcoding');
    await stack.vod.settle();
    expect(await videoStatus(videoId)).toBe('Normal');

    const events = ofVideo(videoId).filter((event) => event.EventType.includes('Transcode'));
    const streams = events.filter(
      (event): event is VodEventOf<'StreamTranscodeComplete'> =>
        event.EventType === 'StreamTranscodeComplete',
    );
    expect(streams.map((event) => event.Definition)).toEqual(['LD', 'SD', 'HD']);
    expect(streams.map((event) => event.JobId)).toEqual(
      submitted.TranscodeJobs.TranscodeJob.map((job) => job.JobId),
    );
    expect(events[events.length - 1].EventType).toBe('TranscodeComplete');
    const aggregate = events[events.length - 1] as VodEventOf<'TranscodeComplete'>;
    expect(aggregate.Status).toBe('success');
    expect(aggregate.StreamInfos).toHaveLength(3);
    expect(aggregate.Extend).toEqual({ attempt: 1 });

    const task = await stack.call<{
      TranscodeTask: { TaskStatus: string; TranscodeJobInfoList: unknown[] };
    }>('GetTranscodeTask', { TranscodeTaskId: submitted.TranscodeTaskId });
    expect(task.TranscodeTask.TaskStatus).toBe('CompleteAllSucc');
    expect(task.TranscodeTask.TranscodeJobInfoList).toHaveLength(3);
    const listed = await stack.call<{ TranscodeTaskList: { TranscodeTaskId: string }[] }>(
      'ListTranscodeTask',
      { VideoId: videoId },
    );
    expect(listed.TranscodeTaskList.map((t) => t.TranscodeTaskId)).toEqual([submitted.TranscodeTaskId]);
  });

  test('state rules: no transcode while Uploading, no snapshot while Transcoding (Forbidden.IllegalStatus)', async () => {
    const { VideoId } = await stack.call<{ VideoId: string }>('CreateUploadVideo', {
      Title: 't',
      FileName: 'f.mp4',
    });
    const early = await popFailure(stack.call('SubmitTranscodeJobs', { VideoId, TemplateGroupId: 'tg' }));
    expect(early.code).toBe('Forbidden.IllegalStatus');
    await stack.vod.completeUpload(VideoId);
    await stack.call('SubmitTranscodeJobs', { VideoId, TemplateGroupId: 'tg' });
    const during = await popFailure(stack.call('SubmitSnapshotJob', { VideoId, Count: 2 }));
    expect(during.code).toBe('Forbidden.IllegalStatus');
    await stack.vod.settle();
  });

  test('snapshot and transcode overlap; SnapshotComplete carries its details; ListSnapshots pages them', async () => {
    const videoId = await stack.uploadedVideo();
    const { SnapshotJob } = await stack.call<{ SnapshotJob: { JobId: string } }>('SubmitSnapshotJob', {
      VideoId: videoId,
      Count: 3,
      UserData: JSON.stringify({ Extend: 'snap' }),
    });
    await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
    await stack.vod.settle();
    const snapshot = ofVideo(videoId).find(
      (event) => event.EventType === 'SnapshotComplete',
    ) as VodEventOf<'SnapshotComplete'>;
    expect(snapshot.Status).toBe('success');
    expect(snapshot.SubType).toBe('SpecifiedTime');
    expect(snapshot.Extend).toBe('snap');
    expect(snapshot.SnapshotInfos?.[0]).toEqual(
      expect.objectContaining({ JobId: SnapshotJob.JobId, SnapshotCount: 3 }),
    );
    const types = ofVideo(videoId).map((event) => event.EventType);
    expect(types.indexOf('SnapshotComplete')).toBeLessThan(types.indexOf('TranscodeComplete'));

    const page = await stack.call<{
      MediaSnapshot: { Total: number; Snapshots: { Snapshot: { Index: number; Url: string }[] } };
    }>('ListSnapshots', { VideoId: videoId, PageSize: 2, PageNo: 2 });
    expect(page.MediaSnapshot.Total).toBe(3);
    expect(page.MediaSnapshot.Snapshots.Snapshot.map((s) => s.Index)).toEqual([3]);
    expect(page.MediaSnapshot.Snapshots.Snapshot[0].Url).toContain('-00003.jpg');
    const info = await stack.call<{ Video: { Snapshots: { Snapshot: string[] }; CoverURL: string } }>(
      'GetVideoInfo',
      { VideoId: videoId },
    );
    expect(info.Video.Snapshots.Snapshot).toHaveLength(3);
  });

  test.each([
    ['a plain title', 'pass', 'Normal'],
    ['please vodemu-review this', 'review', 'Normal'],
    ['vodemu-block me', 'block', 'Blocked'],
  ])('AI audit of "%s" suggests %s; the video ends %s', async (title, suggestion, finalStatus) => {
    const videoId = await stack.uploadedVideo(title);
    await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
    await stack.vod.settle();
    const { JobId } = await stack.call<{ JobId: string }>('SubmitAIMediaAuditJob', {
      MediaId: videoId,
      MediaType: 'video',
    });
    await stack.vod.settle();
    const audit = ofVideo(videoId).find(
      (event) => event.EventType === 'AIMediaAuditComplete',
    ) as VodEventOf<'AIMediaAuditComplete'>;
    expect(audit.JobId).toBe(JobId);
    expect(audit.Status).toBe('success');
    expect((audit.Data as { Suggestion: string }).Suggestion).toBe(suggestion);
    expect(await videoStatus(videoId)).toBe(finalStatus);
    const job = await stack.call<{ MediaAuditJob: { Status: string; Data: { Suggestion: string } } }>(
      'GetAIMediaAuditJob',
      { JobId },
    );
    expect(job.MediaAuditJob.Status).toBe('success');
    expect(job.MediaAuditJob.Data.Suggestion).toBe(suggestion);
    const summary = await stack.call<{ MediaAuditResult: { Suggestion: string } }>('GetMediaAuditResult', {
      MediaId: videoId,
    });
    expect(summary.MediaAuditResult.Suggestion).toBe(suggestion);
  });

  test('the admin API overrides a video audit suggestion', async () => {
    const videoId = await stack.uploadedVideo('harmless');
    const response = await fetch(`${stack.vod.endpoint}/__admin/videos/${videoId}/audit-suggestion`, {
      method: 'PUT',
      body: JSON.stringify({ suggestion: 'block' }),
    });
    expect(response.status).toBe(200);
    await stack.call('SubmitAIMediaAuditJob', { MediaId: videoId });
    await stack.vod.settle();
    const audit = ofVideo(videoId).find(
      (event) => event.EventType === 'AIMediaAuditComplete',
    ) as VodEventOf<'AIMediaAuditComplete'>;
    expect((audit.Data as { Suggestion: string }).Suggestion).toBe('block');
  });

  test('SubmitAIJob: AIMediaDNAComplete and AIVideoTagComplete, with unique JobIds', async () => {
    const videoId = await stack.uploadedVideo('skiing');
    const { AIJobList } = await stack.call<{ AIJobList: { AIJob: { JobId: string; Type: string }[] } }>(
      'SubmitAIJob',
      {
        MediaId: videoId,
        Types: 'AIMediaDNA,AIVideoTag',
      },
    );
    expect(new Set(AIJobList.AIJob.map((job) => job.JobId)).size).toBe(2);
    await stack.vod.settle();
    const ai = ofVideo(videoId).filter((event) => event.EventType.startsWith('AI'));
    expect(ai.map((event) => event.EventType).sort()).toEqual(['AIMediaDNAComplete', 'AIVideoTagComplete']);
    expect(ai.every((event) => (event as { Status: string }).Status === 'success')).toBe(true);
  });

  test('DeleteVideo: DeleteMediaComplete, then the video is gone', async () => {
    const videoId = await stack.uploadedVideo();
    const answer = await stack.call<{ NonExistVideoIds: string[]; ForbiddenVideoIds: string[] }>(
      'DeleteVideo',
      { VideoIds: `${videoId},00000000000000000000000000000000` },
    );
    expect(answer).toMatchObject({
      NonExistVideoIds: ['00000000000000000000000000000000'],
      ForbiddenVideoIds: [],
    });
    const gone = await popFailure(stack.call('GetVideoInfo', { VideoId: videoId }));
    expect(gone.code).toBe('InvalidVideo.NotFound');
    expect(gone.entry.response.statusCode).toBe(404);
    await stack.vod.settle();
    const deleted = ofVideo(videoId).find((event) => event.EventType === 'DeleteMediaComplete');
    expect(deleted).toEqual(
      expect.objectContaining({ MediaType: 'video', DeleteType: 'all', Status: 'success' }),
    );
  });

  test('a per-request UserData MessageCallback sends that request events to another queue', async () => {
    const other = await startVodStack({}, ['vod-events', 'tenant-queue']);
    try {
      await other.configureQueue('ALL');
      const videoId = await other.uploadedVideo();
      await other.call('SubmitSnapshotJob', {
        VideoId: videoId,
        UserData: JSON.stringify({
          MessageCallback: { CallbackType: 'MNS', MnsQueueName: 'tenant-queue' },
          Extend: { x: 1 },
        }),
      });
      await other.vod.settle();
      expect(other.events('tenant-queue').map((event) => event.EventType)).toEqual(['SnapshotComplete']);
      expect(other.events().map((event) => event.EventType)).not.toContain('SnapshotComplete');
      expect(other.events().map((event) => event.EventType)).toContain('FileUploadComplete');
    } finally {
      await other.close();
    }
  });

  test('json body encoding writes raw JSON', async () => {
    const plain = await startVodStack({ encoding: 'json' });
    try {
      await plain.configureQueue();
      await plain.uploadedVideo();
      await plain.vod.settle();
      expect(plain.sink.messages.map((message) => message.body)).toContainEqual(
        expect.stringMatching(/^\{"EventType":"FileUploadComplete"/),
      );
      expect(stack.sink.messages[0].body.startsWith('{')).toBe(false);
    } finally {
      await plain.close();
    }
  });

  test('API calls are counted per action', async () => {
    const counts = await stack.vod.callCounts();
    expect(counts.SubmitTranscodeJobs).toBeGreaterThanOrEqual(4);
    expect(counts.CreateUploadVideo).toBeGreaterThanOrEqual(1);
  });
});
