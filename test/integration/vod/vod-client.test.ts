import type { VodEvent } from '../../../common/events';
import { buildUserData, createVodClient, isVodApiError, type VodClient } from '../../../clients/vod';
import { startVodStack, type VodStack } from './support/vod-stack';

// The project's typed VOD client (clients/vod) against the emulator over real HTTP.

let stack: VodStack;
let vod: VodClient;
beforeAll(async () => {
  stack = await startVodStack();
  vod = createVodClient({
    region: 'cn-shanghai',
    endpoint: stack.vod.endpoint,
    accessKeyId: stack.vod.accessKeyId,
    accessKeySecret: stack.vod.accessKeySecret,
  });
});
afterAll(() => stack.close());

function eventTypesOf(videoId: string): string[] {
  return stack
    .events()
    .filter((event: VodEvent) => {
      const fields = event as Record<string, unknown>;
      return fields.VideoId === videoId || fields.MediaId === videoId;
    })
    .map((event) => event.EventType);
}

describe('clients/vod against the VOD emulator', () => {
  test('configures the callback and reads it back', async () => {
    await vod.setMessageCallback({
      CallbackType: 'MNS',
      MnsEndpoint: 'http://1234567890.mns.cn-shanghai.aliyuncs.com/',
      MnsQueueName: 'vod-events',
      EventTypeList: [
        'FileUploadComplete',
        'StreamTranscodeComplete',
        'TranscodeComplete',
        'SnapshotComplete',
        'AIComplete',
      ],
    });
    const answer = await vod.getMessageCallback();
    expect(answer.MessageCallback?.MnsQueueName).toBe('vod-events');
    expect(answer.MessageCallback?.EventTypeList).toContain('AIComplete');
  });

  test('drives a video through the whole pipeline with typed answers', async () => {
    const extend = { attempt: 1, stage: 'upload' };
    const created = await vod.createUploadVideo({
      Title: 'typed',
      FileName: 'a.mp4',
      UserData: buildUserData({ extend }),
    });
    await stack.vod.completeUpload(created.VideoId);
    const uploaded = await vod.getVideoInfo({ VideoId: created.VideoId });
    expect(uploaded.Video.Status).toBe('UploadSucc');

    const transcode = await vod.submitTranscodeJobs({
      VideoId: created.VideoId,
      TemplateGroupId: 'tg',
      UserData: buildUserData({ extend: { attempt: 1, stage: 'transcode' } }),
    });
    expect(transcode.TranscodeJobs).toHaveLength(3);
    await stack.vod.settle();
    const task = await vod.getTranscodeTask({ TranscodeTaskId: transcode.TranscodeTaskId });
    expect(task.TranscodeTask.TaskStatus).toBe('CompleteAllSucc');
    expect(task.TranscodeTask.TranscodeJobInfoList).toHaveLength(3);
    const tasks = await vod.listTranscodeTask({ VideoId: created.VideoId });
    expect(tasks.TranscodeTaskList.map((t) => t.TranscodeTaskId)).toEqual([transcode.TranscodeTaskId]);

    const snapshot = await vod.submitSnapshotJob({ VideoId: created.VideoId, Count: 4 });
    const audit = await vod.submitAIMediaAuditJob({ MediaId: created.VideoId });
    const ai = await vod.submitAIJob({ MediaId: created.VideoId, Types: ['AIVideoTag'] });
    await stack.vod.settle();
    expect(snapshot.SnapshotJob.JobId).toMatch(/^[0-9a-f]{32}$/);
    expect(ai.AIJobList).toHaveLength(1);
    const snapshots = await vod.listSnapshots({ VideoId: created.VideoId });
    expect(snapshots.MediaSnapshot?.Total).toBe(4);
    const auditJob = await vod.getAIMediaAuditJob({ JobId: audit.JobId });
    expect(auditJob.MediaAuditJob.Status).toBe('success');
    const final = await vod.getVideoInfo({ VideoId: created.VideoId });
    expect(final.Video.Status).toBe('Normal');
    expect(final.Video.Snapshots).toHaveLength(4);

    expect(eventTypesOf(created.VideoId).sort()).toEqual([
      'AIMediaAuditComplete',
      'AIVideoTagComplete',
      'FileUploadComplete',
      'SnapshotComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'TranscodeComplete',
    ]);
    const upload = stack.events().find((event) => event.EventType === 'FileUploadComplete') as {
      Extend?: unknown;
    };
    expect(upload.Extend).toEqual(extend);

    await vod.deleteVideo({ VideoIds: [created.VideoId] });
    await expect(vod.getVideoInfo({ VideoId: created.VideoId })).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
      transient: false,
    });
  });

  test('classifies emulator errors: illegal status, throttling (transient), reused SessionId', async () => {
    const created = await vod.createUploadVideo({ Title: 'early', FileName: 'a.mp4' });
    const illegal = await vod
      .submitTranscodeJobs({ VideoId: created.VideoId, TemplateGroupId: 'tg' })
      .catch((e: unknown) => e);
    expect(isVodApiError(illegal) && illegal.code).toBe('Forbidden.IllegalStatus');

    await stack.vod.completeUpload(created.VideoId);
    await vod.submitTranscodeJobs({
      VideoId: created.VideoId,
      TemplateGroupId: 'tg',
      SessionId: 'session-1',
    });
    await stack.vod.settle();
    const reused = await vod
      .submitTranscodeJobs({ VideoId: created.VideoId, TemplateGroupId: 'tg', SessionId: 'session-1' })
      .catch((e: unknown) => e);
    expect(isVodApiError(reused) && reused.code).toBe('InvalidParameter');

    await stack.vod.setFaults({ throttleRate: 1 });
    try {
      const throttled = await vod.getVideoInfo({ VideoId: created.VideoId }).catch((e: unknown) => e);
      expect(isVodApiError(throttled) && throttled.code).toBe('Throttling.User');
      expect(isVodApiError(throttled) && throttled.transient).toBe(true);
    } finally {
      await stack.vod.setFaults({ throttleRate: 0 });
    }
  });

  test('a wrong secret is a permanent SignatureDoesNotMatch', async () => {
    const wrong = createVodClient({
      region: 'cn-shanghai',
      endpoint: stack.vod.endpoint,
      accessKeyId: stack.vod.accessKeyId,
      accessKeySecret: 'wrong',
    });
    await expect(wrong.getMessageCallback()).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      transient: false,
    });
  });
});
