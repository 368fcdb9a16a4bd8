import { ManualClock } from '../../../emulators/common/clock';
import { deliverWithRetries } from '../../../emulators/vod/delivery/deliver-with-retries';
import { DeliveryLog } from '../../../emulators/vod/delivery/delivery-log';
import { type VodFault } from '../../../emulators/vod/errors';
import { advance, engineWith, newVideo, QUEUE } from './engine-fixture';
import { flush, RecordingWriter } from './recording-writer';

describe('deliverWithRetries', () => {
  test('three attempts one second apart, then dropped', async () => {
    const clock = new ManualClock();
    const log = new DeliveryLog();
    const writer = new RecordingWriter(10);
    const done = deliverWithRetries(
      writer,
      QUEUE,
      { eventType: 'FileUploadComplete', body: '{}' },
      {
        clock,
        log,
        policy: { attempts: 3, intervalMs: 1000 },
        signal: new AbortController().signal,
      },
    );
    await flush();
    expect(writer.attempts).toHaveLength(1);
    clock.advance(999);
    await flush();
    expect(writer.attempts).toHaveLength(1);
    clock.advance(1);
    await flush();
    expect(writer.attempts).toHaveLength(2);
    clock.advance(1000);
    await flush();
    expect(writer.attempts).toHaveLength(3);
    expect(await done).toBe(false);
    expect(log.counters).toEqual(
      expect.objectContaining({ dropped: 1, writeAttempts: 3, failedAttempts: 3, written: 0 }),
    );
    expect(log.dropped()[0]).toEqual(
      expect.objectContaining({ reason: 'write-failed', lastError: 'Error: queue unavailable' }),
    );
  });

  test('stopping cancels the pending retry', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const writer = new RecordingWriter(10);
    const done = deliverWithRetries(
      writer,
      QUEUE,
      { eventType: 'X', body: '{}' },
      {
        clock,
        log: new DeliveryLog(),
        policy: { attempts: 3, intervalMs: 1000 },
        signal: controller.signal,
      },
    );
    await flush();
    controller.abort();
    expect(await done).toBe(false);
    expect(writer.attempts).toHaveLength(1);
    expect(clock.pendingSleepers()).toBe(0);
  });
});

describe('VodEngine with a manual clock', () => {
  test('video status moves Uploading → UploadSucc → Transcoding → Normal, one stream event per definition', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer);
    const video = newVideo(engine);
    expect(engine.video(video.videoId).status).toBe('Uploading');
    engine.completeUpload(video.videoId);
    expect(engine.video(video.videoId).status).toBe('UploadSucc');
    const task = engine.submitTranscodeJobs(video.videoId, 'tg', '6', {});
    expect(engine.video(video.videoId).status).toBe('Transcoding');
    await advance(clock, 100);
    expect(writer.eventTypes()).toEqual([
      'MediaBaseChangeComplete',
      'FileUploadComplete',
      'VideoAnalysisComplete',
      'StreamTranscodeComplete',
    ]);
    await advance(clock, 200);
    expect(writer.eventTypes()).toEqual([
      'MediaBaseChangeComplete',
      'FileUploadComplete',
      'VideoAnalysisComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'TranscodeComplete',
    ]);
    expect(engine.video(video.videoId).status).toBe('Normal');
    expect(engine.transcodeTask(task.taskId)?.status).toBe('CompleteAllSucc');
    await engine.close();
  });

  test('snapshot and transcode run in parallel; the shorter finishes first', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer);
    const video = newVideo(engine);
    engine.completeUpload(video.videoId);
    engine.submitSnapshotJob(video.videoId, 2, {});
    engine.submitTranscodeJobs(video.videoId, 'tg', '6', {});
    await advance(clock, 400);
    expect(writer.eventTypes().slice(3)).toEqual([
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'SnapshotComplete',
      'StreamTranscodeComplete',
      'TranscodeComplete',
    ]);
    await engine.close();
  });

  test('uploads can complete by themselves after a configured delay', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer, { durations: { uploadAutoCompleteMs: 500 } });
    const video = newVideo(engine);
    await advance(clock, 490);
    expect(engine.video(video.videoId).status).toBe('Uploading');
    await advance(clock, 20);
    expect(engine.video(video.videoId).status).toBe('UploadSucc');
    expect(writer.eventTypes()).toEqual([
      'MediaBaseChangeComplete',
      'FileUploadComplete',
      'VideoAnalysisComplete',
    ]);
    await engine.close();
  });

  test('Extend of a request is echoed; request UserData targets win over the global queue', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer);
    const video = newVideo(engine);
    engine.completeUpload(video.videoId);
    engine.submitSnapshotJob(video.videoId, 1, {
      extend: '{"attempt":2}',
      target: { callbackType: 'MNS', mnsQueueName: 'other', mnsEndpoint: 'http://127.0.0.1:2' },
    });
    await advance(clock, 300);
    const snapshot = writer.written.find(({ body }) => body.includes('"SnapshotComplete"'));
    if (!snapshot) throw new Error('no SnapshotComplete written');
    expect(snapshot.queue).toEqual({ endpoint: 'http://127.0.0.1:2', queueName: 'other' });
    expect(JSON.parse(snapshot.body)).toEqual(
      expect.objectContaining({ EventType: 'SnapshotComplete', Extend: '{"attempt":2}' }),
    );
    await engine.close();
  });

  test('a non-local configured MnsEndpoint is replaced by the emulator smqEndpoint', () => {
    const writer = new RecordingWriter();
    const { engine } = engineWith(writer, { smqEndpoint: 'http://127.0.0.1:9999' });
    engine.setMessageCallback('cn-shanghai', {
      appId: 'app-1000000',
      callbackType: 'MNS',
      mnsEndpoint: 'http://123.mns.cn-shanghai.aliyuncs.com/',
      mnsQueueName: 'q',
      eventTypeList: 'ALL',
    });
    engine.completeUpload(newVideo(engine).videoId);
    expect(writer.attempts[0].queue).toEqual({ endpoint: 'http://127.0.0.1:9999', queueName: 'q' });
  });

  test('illegal states and missing videos are VOD errors', () => {
    const { engine } = engineWith(new RecordingWriter());
    const video = newVideo(engine);
    const codeOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return (error as VodFault).code;
      }
      return 'accepted';
    };
    expect(codeOf(() => engine.submitTranscodeJobs(video.videoId, 'tg', '6', {}))).toBe(
      'Forbidden.IllegalStatus',
    );
    expect(codeOf(() => engine.submitSnapshotJob(video.videoId, 1, {}))).toBe('Forbidden.IllegalStatus');
    expect(codeOf(() => engine.submitAIMediaAuditJob(video.videoId, {}))).toBe('Forbidden.IllegalStatus');
    expect(codeOf(() => engine.video('missing'))).toBe('InvalidVideo.NotFound');
    engine.completeUpload(video.videoId);
    expect(codeOf(() => engine.completeUpload(video.videoId))).toBe('Forbidden.IllegalStatus');
  });

  test('job ids are unique across jobs', () => {
    const { engine } = engineWith(new RecordingWriter());
    const video = newVideo(engine);
    engine.completeUpload(video.videoId);
    const ids = [
      ...engine.submitTranscodeJobs(video.videoId, 'tg', '6', {}).jobs.map((job) => job.jobId),
      ...engine.submitAIJob(video.videoId, ['AIMediaDNA', 'AIVideoTag'], {}).map((job) => job.jobId),
      engine.submitAIMediaAuditJob(video.videoId, {}).jobId,
    ];
    expect(new Set(ids).size).toBe(ids.length);
    return engine.close();
  });

  test('close cancels pending simulations and timers', async () => {
    const writer = new RecordingWriter();
    const { engine, clock } = engineWith(writer);
    const video = newVideo(engine);
    engine.completeUpload(video.videoId);
    engine.submitTranscodeJobs(video.videoId, 'tg', '6', {});
    await flush();
    expect(engine.pendingWork).toBeGreaterThan(0);
    await engine.close();
    expect(engine.pendingWork).toBe(0);
    expect(clock.pendingSleepers()).toBe(0);
    expect(writer.eventTypes()).toEqual(['MediaBaseChangeComplete', 'FileUploadComplete']);
  });

  test('events of types the configuration does not enable are not sent', () => {
    const writer = new RecordingWriter();
    const { engine } = engineWith(writer);
    engine.setMessageCallback('cn-shanghai', {
      appId: 'app-1000000',
      callbackType: 'MNS',
      mnsEndpoint: QUEUE.endpoint,
      mnsQueueName: 'q',
      eventTypeList: 'TranscodeComplete',
    });
    engine.completeUpload(newVideo(engine).videoId);
    expect(writer.attempts).toHaveLength(0);
    // MediaBaseChangeComplete (create) and FileUploadComplete.
    expect(engine.log.counters.notEnabled).toBe(2);
  });
});
