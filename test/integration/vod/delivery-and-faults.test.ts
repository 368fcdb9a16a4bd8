import type { VodEventOf } from '../../../common/events';
import { popFailure, QUEUE, startVodStack, type VodStack } from './support/vod-stack';

interface AdminEvents {
  counters: {
    written: number;
    dropped: number;
    writeAttempts: number;
    failedAttempts: number;
    duplicated: number;
  };
  droppedByType: Record<string, number>;
  dropped: { eventType: string; attempts: number; reason: string; lastError?: string }[];
}

async function adminEvents(stack: VodStack): Promise<AdminEvents> {
  return (await (await fetch(`${stack.vod.endpoint}/__admin/events`)).json()) as AdminEvents;
}

describe('delivery: 3 attempts, 1 interval apart, then dropped', () => {
  test('a callback to a queue that does not exist is tried 3 times, then dropped and counted', async () => {
    const stack = await startVodStack({ retry: { intervalMs: 200 } });
    try {
      await stack.call('SetMessageCallback', {
        CallbackType: 'MNS',
        MnsEndpoint: 'http://1234567890.mns.cn-shanghai.aliyuncs.com/',
        MnsQueueName: 'no-such-queue',
        // One enabled type, so that the upload makes exactly one event to deliver.
        EventTypeList: 'FileUploadComplete',
      });
      const startedAt = Date.now();
      await stack.uploadedVideo();
      await stack.vod.settle();
      const elapsed = Date.now() - startedAt;
      expect(stack.sink.attemptsByQueue.get('no-such-queue')).toBe(3);
      // Two pauses of 200 ms separate the three attempts (generous upper bound: noisy machines).
      expect(elapsed).toBeGreaterThanOrEqual(380);
      const events = await adminEvents(stack);
      expect(events.counters).toEqual(
        expect.objectContaining({ written: 0, dropped: 1, writeAttempts: 3, failedAttempts: 3 }),
      );
      expect(events.dropped[0]).toEqual(
        expect.objectContaining({ eventType: 'FileUploadComplete', attempts: 3, reason: 'write-failed' }),
      );
      expect(events.dropped[0].lastError).toContain('QueueNotExist');
    } finally {
      await stack.close();
    }
  });

  test('a write that fails once is retried and lands', async () => {
    const stack = await startVodStack({ retry: { intervalMs: 50 } });
    try {
      await stack.configureQueue('FileUploadComplete');
      stack.sink.failNextWrites(1);
      await stack.uploadedVideo();
      await stack.vod.settle();
      expect(stack.events().map((event) => event.EventType)).toEqual(['FileUploadComplete']);
      expect(stack.sink.attemptsByQueue.get(QUEUE)).toBe(2);
      expect((await adminEvents(stack)).counters).toEqual(
        expect.objectContaining({ written: 1, dropped: 0, writeAttempts: 2, failedAttempts: 1 }),
      );
    } finally {
      await stack.close();
    }
  });
});

describe('fault injection', () => {
  test('job failures: fail events carry ErrorCode/ErrorMessage; an all-failed transcode leaves TranscodeFail', async () => {
    const stack = await startVodStack({ faults: { jobFailureRate: 1 } });
    try {
      await stack.configureQueue();
      const videoId = await stack.uploadedVideo();
      await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
      await stack.vod.settle();
      const info = await stack.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: videoId });
      expect(info.Video.Status).toBe('TranscodeFail');
      const streams = stack
        .events()
        .filter((e): e is VodEventOf<'StreamTranscodeComplete'> => e.EventType === 'StreamTranscodeComplete');
      expect(streams).toHaveLength(3);
      for (const stream of streams) {
        expect(stream.Status).toBe('fail');
        expect(stream.ErrorCode).toBeTruthy();
        expect(stream.ErrorMessage).toBeTruthy();
      }
      const aggregate = stack
        .events()
        .find((e) => e.EventType === 'TranscodeComplete') as VodEventOf<'TranscodeComplete'>;
      expect(aggregate.Status).toBe('fail');

      // Transcoding needs the video's status to be UploadSucc, Normal or Checking.
      const again = await popFailure(
        stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' }),
      );
      expect(again.code).toBe('Forbidden.IllegalStatus');
    } finally {
      await stack.close();
    }
  });

  test('duplicated events are written twice', async () => {
    const stack = await startVodStack({ faults: { duplicateRate: 1 } });
    try {
      await stack.configureQueue('FileUploadComplete');
      await stack.uploadedVideo();
      await stack.vod.settle();
      const events = stack.events();
      expect(events.map((event) => event.EventType)).toEqual(['FileUploadComplete', 'FileUploadComplete']);
      expect(events[0]).toEqual(events[1]);
      expect((await adminEvents(stack)).counters.duplicated).toBe(1);
    } finally {
      await stack.close();
    }
  });

  test('reordered transcode: TranscodeComplete arrives before StreamTranscodeComplete', async () => {
    const stack = await startVodStack({ faults: { reorderRate: 1 } });
    try {
      await stack.configureQueue('TranscodeComplete,StreamTranscodeComplete');
      const videoId = await stack.uploadedVideo();
      await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
      await stack.vod.settle();
      const types = stack.events().map((event) => event.EventType);
      expect(types).toHaveLength(4);
      expect(types.indexOf('TranscodeComplete')).toBeLessThan(types.lastIndexOf('StreamTranscodeComplete'));
    } finally {
      await stack.close();
    }
  });

  test('a held-back SnapshotComplete arrives after a later TranscodeComplete', async () => {
    const stack = await startVodStack({ durations: { reorderHoldMs: 300 } });
    try {
      await stack.configureQueue('SnapshotComplete,TranscodeComplete');
      const videoId = await stack.uploadedVideo();
      await stack.vod.setFaults({ reorderRate: 1 });
      await stack.call('SubmitSnapshotJob', { VideoId: videoId });
      // The snapshot finishes after 30 ms and its event is held for 300 ms; the transcode
      // submitted meanwhile (3 × 20 ms, no fault) overtakes it.
      await new Promise((resolve) => setTimeout(resolve, 80));
      await stack.vod.setFaults({ reorderRate: 0 });
      await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
      await stack.vod.settle();
      expect(stack.events().map((event) => event.EventType)).toEqual([
        'TranscodeComplete',
        'SnapshotComplete',
      ]);
    } finally {
      await stack.close();
    }
  });

  test.each(['FileUploadComplete', 'TranscodeComplete', 'SnapshotComplete', 'AIMediaAuditComplete'])(
    'dropping every %s: the others still arrive',
    async (dropped) => {
      const stack = await startVodStack({ faults: { dropEventTypes: [dropped] } });
      try {
        await stack.configureQueue('FileUploadComplete,TranscodeComplete,SnapshotComplete,AIComplete');
        const videoId = await stack.uploadedVideo();
        await stack.call('SubmitSnapshotJob', { VideoId: videoId });
        await stack.vod.settle();
        await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
        await stack.call('SubmitAIMediaAuditJob', { MediaId: videoId });
        await stack.vod.settle();
        const types = stack
          .events()
          .map((event) => event.EventType)
          .sort();
        const expected = [
          'AIMediaAuditComplete',
          'FileUploadComplete',
          'SnapshotComplete',
          'TranscodeComplete',
        ];
        expect(types).toEqual(expected.filter((type) => type !== dropped));
        const events = await adminEvents(stack);
        expect(events.droppedByType).toEqual({ [dropped]: 1 });
        expect(events.dropped[0].reason).toBe('fault-injected');
      } finally {
        await stack.close();
      }
    },
  );

  test('random drops follow the seed: the same seed drops the same events', async () => {
    const runOnce = async (): Promise<number> => {
      const stack = await startVodStack({ seed: 42, faults: { dropRate: 0.5 } });
      try {
        await stack.configureQueue('FileUploadComplete');
        for (let i = 0; i < 6; i++) await stack.uploadedVideo();
        await stack.vod.settle();
        return (await adminEvents(stack)).counters.dropped;
      } finally {
        await stack.close();
      }
    };
    const first = await runOnce();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(6);
    expect(await runOnce()).toBe(first);
  });

  test.each([400, 503] as const)(
    'throttling answers Throttling.User with HTTP %i, counted per action',
    async (status) => {
      const stack = await startVodStack({ faults: { throttleRate: 1, throttleStatus: status } });
      try {
        const failure = await popFailure(stack.call('GetMessageCallback'));
        expect(failure.code).toBe('Throttling.User');
        expect(failure.entry.response.statusCode).toBe(status);
        const stats = (await (await fetch(`${stack.vod.endpoint}/__admin/stats`)).json()) as {
          throttled: Record<string, number>;
        };
        expect(stats.throttled.GetMessageCallback).toBe(1);
        await stack.vod.setFaults({ throttleRate: 0 });
        await expect(stack.call('GetMessageCallback')).resolves.toHaveProperty('RequestId');
      } finally {
        await stack.close();
      }
    },
  );

  test('the admin API refuses malformed faults', async () => {
    const stack = await startVodStack();
    try {
      const response = await fetch(`${stack.vod.endpoint}/__admin/faults`, {
        method: 'PUT',
        body: JSON.stringify({ dropRate: 2 }),
      });
      expect(response.status).toBe(400);
    } finally {
      await stack.close();
    }
  });
});
