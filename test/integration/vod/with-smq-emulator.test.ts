import { MnsClient, type MnsSdkClient } from '../../../clients/smq/mns-sdk';
import { decodeMessageBody, type VodEvent } from '../../../common/events';
import { eventually } from '../../helpers/eventually';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';
import { startVodEmulator, type RunningVodEmulator } from '../../helpers/vod-emulator';
import RPCClient from '@alicloud/pop-core';

// VOD emulator → SMQ emulator, both real HTTP: events are read back with @alicloud/mns exactly as
// the consumer reads them, and decoded with the shared event decoder.

const QUEUE = 'vod-events';
let smq: RunningSmqEmulator;
let vod: RunningVodEmulator;
let mns: MnsSdkClient;
let pop: RPCClient;

beforeAll(async () => {
  smq = await startSmqEmulator();
  vod = await startVodEmulator({ smqEndpoint: smq.endpoint, retry: { intervalMs: 100 } });
  mns = new MnsClient('1234567890', {
    endpoint: smq.endpoint,
    accessKeyId: smq.accessKeyId,
    accessKeySecret: smq.accessKeySecret,
  });
  await mns.createQueue(QUEUE);
  pop = new RPCClient({
    endpoint: vod.endpoint,
    apiVersion: '2017-03-21',
    accessKeyId: vod.accessKeyId,
    accessKeySecret: vod.accessKeySecret,
  });
});
afterAll(async () => {
  await vod?.close();
  await smq?.close();
});

async function receiveAll(queue: string, expected: number): Promise<VodEvent[]> {
  const events: VodEvent[] = [];
  await eventually(
    async () => {
      try {
        const answer = await mns.batchReceiveMessage(queue, 16, 1);
        for (const message of answer.body) {
          const decoded = decodeMessageBody(message.MessageBody);
          if (!decoded.ok) throw new Error(`undecodable: ${message.MessageBody}`);
          expect(decoded.encoding).toBe('base64');
          events.push(decoded.event as VodEvent);
          await mns.deleteMessage(queue, message.ReceiptHandle);
        }
      } catch (error) {
        if (!(error instanceof Error) || !error.name.includes('MessageNotExist')) throw error;
      }
      if (events.length < expected) throw new Error(`${events.length} of ${expected} events so far`);
    },
    { timeoutMs: 10_000, intervalMs: 10 },
  );
  return events;
}

describe('VOD emulator writing into the SMQ emulator', () => {
  test('a pipeline run lands in the queue as Base64 JSON bodies', async () => {
    await pop.request(
      'SetMessageCallback',
      { CallbackType: 'MNS', MnsEndpoint: smq.endpoint, MnsQueueName: QUEUE, EventTypeList: 'ALL' },
      { method: 'POST' },
    );
    const { VideoId } = await pop.request<{ VideoId: string }>(
      'CreateUploadVideo',
      { Title: 'through smq', FileName: 'a.mp4' },
      { method: 'POST' },
    );
    await vod.completeUpload(VideoId);
    await pop.request('SubmitTranscodeJobs', { VideoId, TemplateGroupId: 'tg' }, { method: 'POST' });
    await pop.request('SubmitAIMediaAuditJob', { MediaId: VideoId }, { method: 'POST' });
    const events = await receiveAll(QUEUE, 8);
    expect(events.map((event) => event.EventType).sort()).toEqual([
      'AIMediaAuditComplete',
      'FileUploadComplete',
      'MediaBaseChangeComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'StreamTranscodeComplete',
      'TranscodeComplete',
      'VideoAnalysisComplete',
    ]);
  });

  test('a queue that does not exist: 3 attempts, then the event is dropped', async () => {
    const before = vod.emulator.engine.log.counters.writeAttempts;
    await pop.request(
      'SetMessageCallback',
      {
        CallbackType: 'MNS',
        MnsEndpoint: smq.endpoint,
        MnsQueueName: 'missing-queue',
        EventTypeList: 'FileUploadComplete',
      },
      { method: 'POST' },
    );
    const { VideoId } = await pop.request<{ VideoId: string }>(
      'CreateUploadVideo',
      { Title: 'lost', FileName: 'a.mp4' },
      { method: 'POST' },
    );
    await vod.completeUpload(VideoId);
    await vod.settle();
    const log = vod.emulator.engine.log;
    expect(log.counters.writeAttempts - before).toBe(3);
    const dropped = log.dropped().at(-1);
    expect(dropped).toMatchObject({ eventType: 'FileUploadComplete', attempts: 3, reason: 'write-failed' });
    expect(dropped?.lastError).toContain('QueueNotExist');
  });
});
