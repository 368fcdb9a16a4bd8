import { popFailure, startVodStack, TEMPLATE_GROUPS, type VodStack } from './support/vod-stack';

// Behaviour the official SDKs and the API reference expect beyond the basics, through pop-core.

let stack: VodStack;
beforeAll(async () => {
  stack = await startVodStack();
  await stack.configureQueue('ALL');
});
afterAll(() => stack.close());

/** A UTC `yyyy-MM-ddTHH:mm:ssZ` time `deltaSeconds` from a VOD time. */
function shifted(vodTime: string, deltaSeconds: number): string {
  return new Date(Date.parse(vodTime) + deltaSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('ListTranscodeTask', () => {
  test('lists only the tasks created in [StartTime, EndTime)', async () => {
    const videoId = await stack.uploadedVideo();
    const { TranscodeTaskId } = await stack.call<{ TranscodeTaskId: string }>('SubmitTranscodeJobs', {
      VideoId: videoId,
      TemplateGroupId: TEMPLATE_GROUPS[0],
    });
    const { TranscodeTask } = await stack.call<{ TranscodeTask: { CreationTime: string } }>(
      'GetTranscodeTask',
      { TranscodeTaskId },
    );
    const created = TranscodeTask.CreationTime;
    const list = async (window: Record<string, string>) =>
      (
        await stack.call<{ TranscodeTaskList: { TranscodeTaskId: string }[] }>('ListTranscodeTask', {
          VideoId: videoId,
          ...window,
        })
      ).TranscodeTaskList.map((task) => task.TranscodeTaskId);
    expect(await list({ StartTime: created, EndTime: shifted(created, 1) })).toEqual([TranscodeTaskId]);
    expect(await list({ StartTime: shifted(created, 1) })).toEqual([]);
    expect(await list({ EndTime: created })).toEqual([]);
    const bad = await popFailure(list({ StartTime: 'yesterday' }));
    expect(bad.code).toBe('InvalidParameter');
    await stack.vod.settle();
  });
});

describe('transcoding template groups', () => {
  test('an unknown TemplateGroupId is NoSuchResource (404); VOD_NO_TRANSCODE always exists', async () => {
    const videoId = await stack.uploadedVideo();
    const unknown = await popFailure(
      stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'no-such-group' }),
    );
    expect(unknown.code).toBe('NoSuchResource');
    expect(unknown.entry.response.statusCode).toBe(404);
    const atUpload = await popFailure(
      stack.call('CreateUploadVideo', { Title: 't', FileName: 'f.mp4', TemplateGroupId: 'no-such-group' }),
    );
    expect(atUpload.code).toBe('NoSuchResource');
    const builtIn = await stack.call<{ VideoId: string }>('CreateUploadVideo', {
      Title: 't',
      FileName: 'f.mp4',
      TemplateGroupId: 'VOD_NO_TRANSCODE',
    });
    expect(builtIn.VideoId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('events of the media itself', () => {
  function eventsOf(videoId: string, type: string): Record<string, unknown>[] {
    return stack
      .events()
      .map((event) => event as Record<string, unknown>)
      .filter((event) => event.EventType === type && (event.VideoId ?? event.MediaId) === videoId);
  }

  test('CreateUploadVideo and DeleteVideo send MediaBaseChangeComplete; an upload, VideoAnalysisComplete', async () => {
    const videoId = await stack.uploadedVideo('analysed');
    await stack.vod.settle();
    expect(eventsOf(videoId, 'MediaBaseChangeComplete')).toEqual([
      expect.objectContaining({
        Status: 'success',
        MediaType: 'video',
        OperateMode: 'create',
        MediaContent: { Title: { NewValue: 'analysed' } },
      }),
    ]);
    const [analysis] = eventsOf(videoId, 'VideoAnalysisComplete');
    expect(analysis).toEqual(expect.objectContaining({ Status: 'success', Width: 1920, Height: 1080 }));
    expect(analysis.Duration).toBeGreaterThan(0);

    await stack.call('DeleteVideo', { VideoIds: videoId });
    await stack.vod.settle();
    expect(eventsOf(videoId, 'MediaBaseChangeComplete')[1]).toEqual(
      expect.objectContaining({ OperateMode: 'delete', MediaContent: { Title: { OldValue: 'analysed' } } }),
    );
  });
});

describe('playback and media information', () => {
  let videoId: string;
  beforeAll(async () => {
    videoId = await stack.uploadedVideo('media info');
    await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: TEMPLATE_GROUPS[0] });
    await stack.vod.settle();
  });

  test('GetPlayInfo: the video base and one wrapped PlayInfo per transcoded stream', async () => {
    const answer = await stack.call<{
      VideoBase: { VideoId: string; Status: string };
      PlayInfoList: { PlayInfo: { Definition: string; PlayURL: string; Width: number }[] };
    }>('GetPlayInfo', { VideoId: videoId });
    expect(answer.VideoBase).toMatchObject({ VideoId: videoId, Status: 'Normal' });
    expect(answer.PlayInfoList.PlayInfo.map((play) => play.Definition)).toEqual(['LD', 'SD', 'HD']);
    const hd = await stack.call<{ PlayInfoList: { PlayInfo: { Width: number }[] } }>('GetPlayInfo', {
      VideoId: videoId,
      Definition: 'HD',
    });
    expect(hd.PlayInfoList.PlayInfo).toEqual([expect.objectContaining({ Width: 1280 })]);
    const untranscoded = await stack.uploadedVideo('no streams');
    const none = await popFailure(stack.call('GetPlayInfo', { VideoId: untranscoded }));
    expect(none.code).toBe('InvalidVideo.NoneStream');
  });

  test('GetMezzanineInfo: the source, with stream lists (plain arrays) only when asked for', async () => {
    const basic = await stack.call<{ Mezzanine: Record<string, unknown> }>('GetMezzanineInfo', {
      VideoId: videoId,
    });
    expect(basic.Mezzanine).toMatchObject({ VideoId: videoId, Status: 'Normal', Width: 1920, Height: 1080 });
    expect(basic.Mezzanine).not.toHaveProperty('VideoStreamList');
    const detailed = await stack.call<{
      Mezzanine: { VideoStreamList: unknown[]; AudioStreamList: unknown[] };
    }>('GetMezzanineInfo', { VideoId: videoId, AdditionType: 'video,audio', OutputType: 'oss' });
    expect(detailed.Mezzanine.VideoStreamList).toEqual([expect.objectContaining({ CodecName: 'h264' })]);
    expect(detailed.Mezzanine.AudioStreamList).toEqual([expect.objectContaining({ CodecName: 'aac' })]);
  });

  test('GetTranscodeSummary: the latest task of each video; unknown ids in NonExistVideoIds', async () => {
    const answer = await stack.call<{
      TranscodeSummaryList: {
        VideoId: string;
        TranscodeStatus: string;
        TranscodeJobInfoSummaryList: unknown[];
      }[];
      NonExistVideoIds: string[];
    }>('GetTranscodeSummary', { VideoIds: `${videoId},missing` });
    expect(answer.NonExistVideoIds).toEqual(['missing']);
    expect(answer.TranscodeSummaryList).toEqual([
      expect.objectContaining({ VideoId: videoId, TranscodeStatus: 'CompleteAllSucc' }),
    ]);
    expect(answer.TranscodeSummaryList[0].TranscodeJobInfoSummaryList).toHaveLength(3);
  });

  test('SubmitDynamicImageJob: a job id, then DynamicImageComplete with the GIF details as JSON text', async () => {
    const { DynamicImageJob } = await stack.call<{ DynamicImageJob: { JobId: string } }>(
      'SubmitDynamicImageJob',
      { VideoId: videoId, DynamicImageTemplateId: 'gif' },
    );
    await stack.vod.settle();
    const event = stack
      .events()
      .find((candidate) => candidate.EventType === 'DynamicImageComplete' && candidate.VideoId === videoId);
    expect(event).toMatchObject({ Status: 'success', JobId: DynamicImageJob.JobId });
    const missing = await popFailure(stack.call('SubmitDynamicImageJob', { VideoId: videoId }));
    expect(missing.code).toBe('MissingParameter');
  });
});
