import { createVodClient, type VodClient } from '../../../clients/vod';
import { LOSE_EVENTS_MARKER } from '../../../emulators/vod/engine/vod-engine';
import { vodTime } from '../../../emulators/vod/engine/vod-time';
import { startVodStack, type VodStack } from './support/vod-stack';
import { vodApiFailure } from '../../helpers/vod-api-failure';

// GetVideoList, ListAIJob and the lose-events marker through the typed client over real HTTP.
// Each block has its own emulator, so that the videos one creates do not show in another's lists.

function clientOf(stack: VodStack): VodClient {
  return createVodClient({
    region: 'cn-shanghai',
    endpoint: stack.vod.endpoint,
    accessKeyId: stack.vod.accessKeyId,
    accessKeySecret: stack.vod.accessKeySecret,
  });
}

describe('GetVideoList', () => {
  let stack: VodStack;
  let vod: VodClient;
  /** Oldest first; the 2nd and 4th are uploaded. */
  const created: string[] = [];
  let before: number;
  beforeAll(async () => {
    stack = await startVodStack();
    vod = clientOf(stack);
    before = Date.now();
    for (let i = 0; i < 5; i++) {
      created.push((await vod.createUploadVideo({ Title: `listed ${i}`, FileName: 'a.mp4' })).VideoId);
    }
    await stack.vod.completeUpload(created[1]);
    await stack.vod.completeUpload(created[3]);
  });
  afterAll(() => stack.close());

  test('lists the created videos newest first, with every GetVideoInfo field', async () => {
    const answer = await vod.getVideoList();
    expect(answer.Total).toBe(5);
    expect(answer.VideoList.map((video) => video.VideoId)).toEqual([...created].reverse());
    const info = await vod.getVideoInfo({ VideoId: created[4] });
    expect(answer.VideoList[0]).toEqual(info.Video);
    const oldestFirst = await vod.getVideoList({ SortBy: 'CreationTime:Asc' });
    expect(oldestFirst.VideoList.map((video) => video.VideoId)).toEqual(created);
  });

  test('pages: Total counts every match; a page past the end is empty', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((PageNo) => vod.getVideoList({ PageNo, PageSize: 2 })));
    expect(pages.map((page) => page.Total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((page) => page.VideoList.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flatMap((page) => page.VideoList.map((video) => video.VideoId))).toEqual(
      [...created].reverse(),
    );
  });

  test('filters by status and creation time', async () => {
    const uploaded = await vod.getVideoList({ Status: ['UploadSucc'] });
    expect(uploaded.Total).toBe(2);
    expect(uploaded.VideoList.map((video) => video.VideoId)).toEqual([created[3], created[1]]);
    expect((await vod.getVideoList({ Status: ['Uploading', 'UploadSucc'] })).Total).toBe(5);

    const window = { StartTime: vodTime(before - 60_000), EndTime: vodTime(Date.now() + 60_000) };
    expect((await vod.getVideoList(window)).Total).toBe(5);
    const earlier = await vod.getVideoList({ EndTime: vodTime(before - 60_000) });
    expect(earlier).toMatchObject({ Total: 0, VideoList: [] });
  });

  test('refusals are permanent InvalidParameter errors', async () => {
    for (const params of [
      { PageNo: 51, PageSize: 100 },
      { StartTime: '2026-11-25 08:00:00' },
      { SortBy: 'Title:Asc' as 'CreationTime:Asc' },
    ]) {
      const error = await vodApiFailure(vod.getVideoList(params));
      expect(error).toMatchObject({
        action: 'GetVideoList',
        code: 'InvalidParameter',
        kind: 'invalid-request',
        transient: false,
        httpStatus: 400,
      });
    }
    // The last page VOD lets one read.
    await expect(vod.getVideoList({ PageNo: 50, PageSize: 100 })).resolves.toMatchObject({ Total: 5 });
  });
});

describe('ListAIJob', () => {
  let stack: VodStack;
  let vod: VodClient;
  beforeAll(async () => {
    stack = await startVodStack();
    vod = clientOf(stack);
    await stack.configureQueue();
  });
  afterAll(() => stack.close());

  test('a finished job is success with its Data; an unknown id is in NonExistAIJobIds', async () => {
    const videoId = await stack.uploadedVideo('ski trip');
    const submitted = await vod.submitAIJob({ MediaId: videoId, Types: ['AIVideoTag', 'AIMediaDNA'] });
    const [tagId, dnaId] = submitted.AIJobList.map((job) => job.JobId);
    await stack.vod.settle();

    const answer = await vod.listAIJob({ JobIds: [tagId, 'no-such-job', dnaId] });
    expect(answer.NonExistAIJobIds).toEqual(['no-such-job']);
    const [tag, dna] = answer.AIJobList;
    expect(tag).toMatchObject({
      JobId: tagId,
      MediaId: videoId,
      Type: 'AIVideoTag',
      Status: 'success',
      Code: '0',
      Data: { Keyword: [{ Tag: 'ski trip', Times: ['0'] }], Category: [{ Tag: 'emulated', Times: ['0'] }] },
    });
    expect(tag.CompleteTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(dna).toMatchObject({
      JobId: dnaId,
      Type: 'AIMediaDNA',
      Status: 'success',
      Data: { VideoDNA: [] },
    });

    // What the consumer reads from the queue and what ListAIJob answers are the same result.
    const event = stack
      .events()
      .find((e) => e.EventType === 'AIVideoTagComplete' && (e as { JobId?: string }).JobId === tagId);
    expect((event as { Data?: unknown } | undefined)?.Data).toEqual(tag.Data);
  });

  test('more than 10 JobIds is a permanent InvalidParameter', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `job-${i}`);
    expect(await vodApiFailure(vod.listAIJob({ JobIds: ids }))).toMatchObject({
      code: 'InvalidParameter',
      transient: false,
    });
  });
});

describe(`the ${LOSE_EVENTS_MARKER} title marker`, () => {
  test('loses every event of that video only, shown as drops in the admin API', async () => {
    const stack = await startVodStack();
    try {
      await stack.configureQueue('FileUploadComplete,AIVideoTagComplete');
      const lost = await stack.uploadedVideo(`lost ${LOSE_EVENTS_MARKER}`);
      const kept = await stack.uploadedVideo('kept');
      await stack.call('SubmitAIJob', { MediaId: lost, Types: 'AIVideoTag' });
      await stack.vod.settle();
      const seen = stack.events().map((event) => {
        const fields = event as { VideoId?: string; MediaId?: string };
        return fields.VideoId ?? fields.MediaId;
      });
      expect(seen).toEqual([kept]);
      expect(stack.sink.attemptsByQueue.get('vod-events')).toBe(1);
      const events = (await (await fetch(`${stack.vod.endpoint}/__admin/events`)).json()) as {
        counters: { dropped: number };
        droppedByType: Record<string, number>;
        dropped: { mediaId: string; reason: string; attempts: number }[];
      };
      expect(events.droppedByType).toEqual({ FileUploadComplete: 1, AIVideoTagComplete: 1 });
      expect(events.dropped).toEqual([
        expect.objectContaining({ mediaId: lost, reason: 'fault-injected', attempts: 0 }),
        expect.objectContaining({ mediaId: lost, reason: 'fault-injected', attempts: 0 }),
      ]);
    } finally {
      await stack.close();
    }
  });
});
