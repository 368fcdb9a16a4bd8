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
