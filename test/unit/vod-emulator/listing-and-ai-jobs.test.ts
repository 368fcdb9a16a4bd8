import type { ManualClock } from '../../../emulators/common/clock';
import type { VideoListQuery } from '../../../emulators/vod/engine/types';
import { LOSE_EVENTS_MARKER, type VodEngine } from '../../../emulators/vod/engine/vod-engine';
import { vodTime } from '../../../emulators/vod/engine/vod-time';
import { VodFault } from '../../../emulators/vod/errors';
import { ACTIONS, type ActionAnswer } from '../../../emulators/vod/protocol/actions';
import { MAX_VIDEO_LIST_RESULTS } from '../../../emulators/vod/protocol/limits';
import { ActionParams } from '../../../emulators/vod/protocol/param-readers';
import { advance, engineWith, newVideo, REGION } from './engine-fixture';
import { RecordingWriter } from './recording-writer';

// GetVideoList, ListAIJob and the lose-events title marker, on the engine and its action handlers.

const MINUTE = 60_000;

function act(engine: VodEngine, action: string, params: Record<string, string> = {}): ActionAnswer {
  return ACTIONS[action]({
    engine,
    params: new ActionParams(new Map(Object.entries(params))),
    regionId: REGION,
  });
}

function faultOf(run: () => unknown): VodFault {
  try {
    run();
  } catch (error) {
    if (error instanceof VodFault) return error;
    throw error;
  }
  throw new Error('expected a VodFault');
}

interface ListedVideo {
  VideoId: string;
  Status: string;
  CreationTime: string;
  CateId?: number;
}

function listed(answer: ActionAnswer): string[] {
  const list = answer.VideoList as { Video: ListedVideo[] } | undefined;
  return (list?.Video ?? []).map((video) => video.VideoId);
}

/** Five videos one minute apart (v0 oldest); v1 and v3 uploaded, v4 in category 7. */
function library(engine: VodEngine, clock: ManualClock): { ids: string[]; times: number[] } {
  const ids: string[] = [];
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) clock.advance(MINUTE);
    times.push(clock.now());
    ids.push(newVideo(engine, `clip ${i}`, i === 4 ? { cateId: 7 } : {}).videoId);
  }
  engine.completeUpload(ids[1]);
  engine.completeUpload(ids[3]);
  return { ids, times };
}

describe('GetVideoList in the engine', () => {
  function setUp() {
    const { engine, clock } = engineWith(new RecordingWriter());
    const { ids, times } = library(engine, clock);
    const list = (query: Partial<VideoListQuery> = {}) =>
      engine.listVideos({ regionId: REGION, order: 'desc', pageNo: 1, pageSize: 10, ...query });
    const idsOf = (query: Partial<VideoListQuery> = {}) => list(query).videos.map((video) => video.videoId);
    return { engine, clock, ids, times, list, idsOf };
  }

  test('sorts by CreationTime, newest first or oldest first', () => {
    const { ids, idsOf } = setUp();
    expect(idsOf()).toEqual([...ids].reverse());
    expect(idsOf({ order: 'asc' })).toEqual(ids);
  });

  test('filters by status (any of several), category and region', () => {
    const { engine, ids, idsOf } = setUp();
    expect(idsOf({ statuses: ['UploadSucc'] })).toEqual([ids[3], ids[1]]);
    expect(idsOf({ statuses: ['UploadSucc', 'Uploading'] })).toHaveLength(5);
    expect(idsOf({ statuses: ['Normal'] })).toEqual([]);
    expect(idsOf({ cateId: 7 })).toEqual([ids[4]]);
    newVideo(engine, 'elsewhere', { regionId: 'cn-beijing' });
    expect(idsOf()).toHaveLength(5);
    expect(idsOf({ regionId: 'cn-beijing' })).toHaveLength(1);
  });

  test('filters on CreationTime: StartTime inclusive, EndTime exclusive', () => {
    const { ids, times, idsOf } = setUp();
    expect(idsOf({ startTime: times[1], endTime: times[3], order: 'asc' })).toEqual([ids[1], ids[2]]);
    expect(idsOf({ startTime: times[1] + 1, endTime: times[3] + 1, order: 'asc' })).toEqual([ids[2], ids[3]]);
    expect(idsOf({ startTime: times[4] + 1 })).toEqual([]);
    expect(idsOf({ endTime: times[0] })).toEqual([]);
  });

  test('pages through the matches; Total counts all of them', () => {
    const { ids, list } = setUp();
    const newestFirst = [...ids].reverse();
    const pages = [1, 2, 3, 4].map((pageNo) => list({ pageNo, pageSize: 2 }));
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((page) => page.videos.map((video) => video.videoId))).toEqual([
      newestFirst.slice(0, 2),
      newestFirst.slice(2, 4),
      newestFirst.slice(4),
      [],
    ]);
    expect(list({ statuses: ['UploadSucc'], pageSize: 1 }).total).toBe(2);
  });

  test('videos created in the same millisecond keep their creation order, pages never overlap', () => {
    const { engine } = engineWith(new RecordingWriter());
    const ids = ['a', 'b', 'c', 'd'].map((title) => newVideo(engine, title).videoId);
    const page = (pageNo: number, order: 'asc' | 'desc') =>
      engine
        .listVideos({ regionId: REGION, order, pageNo, pageSize: 3 })
        .videos.map((video) => video.videoId);
    expect([...page(1, 'asc'), ...page(2, 'asc')]).toEqual(ids);
    expect([...page(1, 'desc'), ...page(2, 'desc')]).toEqual([...ids].reverse());
  });

  test('a deleted video is not listed', () => {
    const { engine, ids, idsOf } = setUp();
    engine.deleteVideos([ids[2]]);
    expect(idsOf()).toEqual([ids[4], ids[3], ids[1], ids[0]]);
  });
});

describe('GetVideoList action', () => {
  test('reads its parameters and answers in VOD shape', () => {
    const { engine, clock } = engineWith(new RecordingWriter());
    const { ids, times } = library(engine, clock);
    const answer = act(engine, 'GetVideoList', {
      Status: 'Uploading,UploadSucc',
      StartTime: vodTime(times[1]),
      EndTime: vodTime(times[4]),
      SortBy: 'CreationTime:Asc',
      PageSize: '2',
    });
    expect(answer.Total).toBe(3);
    expect(listed(answer)).toEqual([ids[1], ids[2]]);
    const first = (answer.VideoList as { Video: ListedVideo[] }).Video[0];
    expect(first).toMatchObject({ Status: 'UploadSucc', CreationTime: vodTime(times[1]) });
    expect(
      listed(act(engine, 'GetVideoList', { PageNo: '2', PageSize: '2', SortBy: 'CreationTime:Asc' })),
    ).toEqual([ids[2], ids[3]]);
    const categorised = act(engine, 'GetVideoList', { CateId: '7' });
    expect((categorised.VideoList as { Video: ListedVideo[] }).Video).toEqual([
      expect.objectContaining({ VideoId: ids[4], CateId: 7 }),
    ]);
  });

  test('defaults: newest first, ten a page', () => {
    const { engine } = engineWith(new RecordingWriter());
    const ids = Array.from({ length: 12 }, (_, i) => newVideo(engine, `v${i}`).videoId);
    const answer = act(engine, 'GetVideoList');
    expect(answer.Total).toBe(12);
    expect(listed(answer)).toEqual([...ids].reverse().slice(0, 10));
  });

  test('leaves VideoList out when nothing matches', () => {
    const { engine } = engineWith(new RecordingWriter());
    expect(act(engine, 'GetVideoList')).toEqual({ Total: 0 });
    newVideo(engine);
    expect(act(engine, 'GetVideoList', { Status: 'Normal' })).toEqual({ Total: 0 });
  });

  test('only the first 5,000 matches can be paged through', () => {
    const { engine } = engineWith(new RecordingWriter());
    expect(MAX_VIDEO_LIST_RESULTS).toBe(5_000);
    expect(act(engine, 'GetVideoList', { PageNo: '50', PageSize: '100' })).toEqual({ Total: 0 });
    expect(act(engine, 'GetVideoList', { PageNo: '5000', PageSize: '1' })).toEqual({ Total: 0 });
    for (const [pageNo, pageSize] of [
      ['51', '100'],
      ['5001', '1'],
      ['2501', '2'],
    ]) {
      const fault = faultOf(() => act(engine, 'GetVideoList', { PageNo: pageNo, PageSize: pageSize }));
      expect(fault).toMatchObject({ code: 'InvalidParameter', status: 400 });
      expect(fault.message).toContain('5000');
    }
  });

  test.each([
    ['StartTime', '2026-11-25 08:00:00'],
    ['StartTime', '2026-11-25T08:00:00.000Z'],
    ['StartTime', '2026-11-25T08:00:00+08:00'],
    ['EndTime', '2026-02-30T00:00:00Z'],
    ['EndTime', '2026-11-25T24:00:00Z'],
    ['EndTime', 'yesterday'],
    ['SortBy', 'CreationTime:desc'],
    ['SortBy', 'Title:Asc'],
    ['Status', 'Normal,Gone'],
    ['PageSize', '101'],
    ['PageSize', '0'],
    ['PageNo', '0'],
    ['CateId', 'seven'],
  ])('%s=%s is InvalidParameter', (name, value) => {
    const { engine } = engineWith(new RecordingWriter());
    const fault = faultOf(() => act(engine, 'GetVideoList', { [name]: value }));
    expect(fault.code).toBe('InvalidParameter');
    expect(fault.message).toContain(`"${name}"`);
  });
});

interface WrittenEvent {
  EventType: string;
  JobId?: string;
  VideoId?: string;
  MediaId?: string;
  Data?: unknown;
}

function writtenEvents(writer: RecordingWriter): WrittenEvent[] {
  return writer.written.map(({ body }) => JSON.parse(body) as WrittenEvent);
}

interface ListedAIJob {
  JobId: string;
  MediaId: string;
  Type: string;
  Status: string;
  Code?: string;
  Message?: string;
  CreationTime: string;
  CompleteTime?: string;
  Data?: string;
}

function aiJobs(answer: ActionAnswer): { jobs: ListedAIJob[]; nonExist: string[] } {
  return {
    jobs: (answer.AIJobList as { AIJob: ListedAIJob[] }).AIJob,
    nonExist: (answer.NonExistAIJobIds as { String: string[] }).String,
  };
}

describe('ListAIJob', () => {
  test('a finished job answers what its completion event carried', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer);
    const video = newVideo(engine, 'skiing');
    engine.completeUpload(video.videoId);
    const submittedAt = clock.now();
    const [dna, tag] = engine.submitAIJob(video.videoId, ['AIMediaDNA', 'AIVideoTag'], {});
    const ids = { JobIds: `${dna.jobId},${tag.jobId}` };

    // Still running: no Code, Message, CompleteTime or Data yet (toEqual fails on any of them).
    expect(aiJobs(act(engine, 'ListAIJob', ids)).jobs).toEqual([
      {
        JobId: dna.jobId,
        MediaId: video.videoId,
        Type: 'AIMediaDNA',
        Status: 'processing',
        CreationTime: vodTime(submittedAt),
      },
      {
        JobId: tag.jobId,
        MediaId: video.videoId,
        Type: 'AIVideoTag',
        Status: 'processing',
        CreationTime: vodTime(submittedAt),
      },
    ]);

    await advance(clock, 100);
    const { jobs, nonExist } = aiJobs(act(engine, 'ListAIJob', ids));
    expect(nonExist).toEqual([]);
    const events = writtenEvents(writer);
    for (const job of jobs) {
      expect(job).toMatchObject({
        Status: 'success',
        Code: '0',
        Message: 'OK',
        CompleteTime: vodTime(clock.now()),
      });
      const event = events.find((e) => e.JobId === job.JobId);
      expect(event?.EventType).toBe(`${job.Type}Complete`);
      // The same JSON text, byte for byte.
      expect(job.Data).toEqual(event?.Data);
    }
    expect(JSON.parse(jobs[0].Data ?? '')).toEqual({ VideoDNA: [] });
    expect(JSON.parse(jobs[1].Data ?? '')).toEqual({
      Keyword: [{ Tag: 'skiing', Times: ['0'] }],
      Category: [{ Tag: 'emulated', Times: ['0'] }],
    });
    await engine.close();
  });

  test('a failed job answers fail with the code, message and Data of its event', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer, { faults: { jobFailureRate: 1 } });
    const video = newVideo(engine);
    engine.completeUpload(video.videoId);
    const [tag] = engine.submitAIJob(video.videoId, ['AIVideoTag'], {});
    await advance(clock, 100);
    const [job] = aiJobs(act(engine, 'ListAIJob', { JobIds: tag.jobId })).jobs;
    expect(job).toMatchObject({
      Status: 'fail',
      Code: 'InternalError',
      Message: 'The AIVideoTag job failed.',
      Data: '{}',
    });
    const event = writtenEvents(writer).find((e) => e.JobId === tag.jobId);
    expect(event).toMatchObject({ Status: 'fail', Code: job.Code, Message: job.Message, Data: job.Data });
    await engine.close();
  });

  test('unknown ids are listed in NonExistAIJobIds; a repeated id is answered once', () => {
    const { engine } = engineWith(new RecordingWriter());
    const video = newVideo(engine);
    engine.completeUpload(video.videoId);
    const [job] = engine.submitAIJob(video.videoId, ['AIVideoTag'], {});
    const { jobs, nonExist } = aiJobs(act(engine, 'ListAIJob', { JobIds: `nope,${job.jobId},${job.jobId}` }));
    expect(jobs.map((j) => j.JobId)).toEqual([job.jobId]);
    expect(nonExist).toEqual(['nope']);
    return engine.close();
  });

  test('JobIds is required and holds at most 10 ids', () => {
    const { engine } = engineWith(new RecordingWriter());
    expect(faultOf(() => act(engine, 'ListAIJob')).code).toBe('MissingParameter');
    const eleven = Array.from({ length: 11 }, (_, i) => `j${i}`).join(',');
    expect(faultOf(() => act(engine, 'ListAIJob', { JobIds: eleven })).code).toBe('InvalidParameter');
    const ten = Array.from({ length: 10 }, (_, i) => `j${i}`).join(',');
    expect(aiJobs(act(engine, 'ListAIJob', { JobIds: ten })).nonExist).toHaveLength(10);
  });
});

describe(`the ${LOSE_EVENTS_MARKER} marker`, () => {
  /** Takes a video through every job and deletes it. */
  async function fullLife(engine: VodEngine, clock: ManualClock, videoId: string): Promise<void> {
    engine.completeUpload(videoId);
    // Snapshots and AI jobs need UploadSucc, which transcoding leaves.
    engine.submitSnapshotJob(videoId, 2, {});
    engine.submitAIMediaAuditJob(videoId, {});
    engine.submitAIJob(videoId, ['AIMediaDNA', 'AIVideoTag'], {});
    engine.submitTranscodeJobs(videoId, 'tg', '6', {});
    await advance(clock, 400);
  }

  test('drops every event of a marked video before any write, counted like dropEventTypes; others arrive', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer);
    const plain = newVideo(engine, 'plain clip').videoId;
    const byTitle = newVideo(engine, `clip ${LOSE_EVENTS_MARKER}`).videoId;
    const byTag = newVideo(engine, 'tagged clip', { tags: 'sport,VODEMU-LOSE-EVENTS' }).videoId;
    for (const videoId of [plain, byTitle, byTag]) await fullLife(engine, clock, videoId);
    // The marked videos move on as usual: only their events are lost.
    expect(engine.video(byTitle).status).toBe('Normal');
    expect(engine.aiJob(engine.submitAIJob(byTag, ['AIVideoTag'], {})[0].jobId)?.status).toBe('processing');
    await advance(clock, 100);
    engine.deleteVideos([plain, byTitle, byTag]);
    await advance(clock, 20);

    const mediaOf = (body: string) => {
      const event = JSON.parse(body) as WrittenEvent;
      return event.VideoId ?? event.MediaId;
    };
    expect(new Set(writer.attempts.map(({ body }) => mediaOf(body)))).toEqual(new Set([plain]));
    const plainTypes = writtenEvents(writer)
      .map((event) => event.EventType)
      .sort();
    expect(plainTypes).toEqual([
      'AIMediaAuditComplete',
      'AIMediaDNAComplete',
      'AIVideoTagComplete',
      'DeleteMediaComplete',
      'FileUploadComplete',
      'MediaBaseChangeComplete',
      'MediaBaseChangeComplete',
      'SnapshotComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'TranscodeComplete',
      'VideoAnalysisComplete',
    ]);

    const dropped = engine.log.dropped();
    for (const videoId of [byTitle, byTag]) {
      const own = dropped.filter((record) => record.mediaId === videoId);
      // byTag also ran one more AIVideoTag job.
      const extra = videoId === byTag ? ['AIVideoTagComplete'] : [];
      expect(own.map((record) => record.eventType).sort()).toEqual([...plainTypes, ...extra].sort());
      for (const record of own) {
        expect(record).toMatchObject({ reason: 'fault-injected', attempts: 0, queue: { queueName: 'q' } });
      }
    }
    expect(engine.log.counters).toMatchObject({
      dropped: dropped.length,
      written: plainTypes.length,
      writeAttempts: plainTypes.length,
      emitted: plainTypes.length + dropped.length,
    });
    expect(engine.log.droppedByType.StreamTranscodeComplete).toBe(6);
    expect(engine.log.droppedByType.AIVideoTagComplete).toBe(3);
    await engine.close();
  });

  test("a marked video rolls no fault dice: other videos' seeded drops are unchanged", () => {
    // Which of six plain uploads a 50% drop rate loses, with or without marked uploads in between.
    const droppedPlainUploads = (withMarked: boolean): boolean[] => {
      const writer = new RecordingWriter();
      const { engine } = engineWith(writer, { seed: 7, faults: { dropRate: 0.5 } });
      const plain: string[] = [];
      for (let i = 0; i < 6; i++) {
        if (withMarked) engine.completeUpload(newVideo(engine, `x ${LOSE_EVENTS_MARKER}`).videoId);
        plain.push(engine.completeUpload(newVideo(engine, `plain ${i}`).videoId).videoId);
      }
      const lost = new Set(engine.log.dropped().map((record) => record.mediaId));
      return plain.map((videoId) => lost.has(videoId));
    };
    const baseline = droppedPlainUploads(false);
    expect(baseline).toContain(true);
    expect(baseline).toContain(false);
    expect(droppedPlainUploads(true)).toEqual(baseline);
  });
});
