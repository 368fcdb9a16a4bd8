import RPCClient from '@alicloud/pop-core';
import { decodeMessageBody, type VodEvent } from '../../../../common/events';
import type { VodEmulatorOptions } from '../../../../emulators/vod/app';
import { eventually } from '../../../helpers/eventually';
import { startVodEmulator, type RunningVodEmulator } from '../../../helpers/vod-emulator';
import { startSmqSink, type SmqSink } from './smq-sink';

export const QUEUE = 'vod-events';
/** The transcoding template groups a stack's emulator knows; any other id is NoSuchResource. */
export const TEMPLATE_GROUPS = ['tg', 'tg-1'];

export interface VodStack {
  vod: RunningVodEmulator;
  sink: SmqSink;
  pop: RPCClient;
  call<T = Record<string, unknown>>(
    action: string,
    params?: Record<string, unknown>,
    method?: 'GET' | 'POST',
  ): Promise<T>;
  /** Events written to `queue` so far, decoded as a consumer would. */
  events(queue?: string): VodEvent[];
  waitForEvents(count: number, queue?: string): Promise<VodEvent[]>;
  /** Configures the region's callback to the sink's queue with every event type enabled. */
  configureQueue(eventTypeList?: string): Promise<void>;
  uploadedVideo(title?: string, userData?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startVodStack(
  opts: VodEmulatorOptions = {},
  queues: string[] = [QUEUE],
): Promise<VodStack> {
  const sink = await startSmqSink(queues);
  const vod = await startVodEmulator({
    smqEndpoint: sink.endpoint,
    templateGroupIds: TEMPLATE_GROUPS,
    ...opts,
  });
  const pop = new RPCClient({
    endpoint: vod.endpoint,
    apiVersion: '2017-03-21',
    accessKeyId: vod.accessKeyId,
    accessKeySecret: vod.accessKeySecret,
  });
  const call = async <T>(
    action: string,
    params: Record<string, unknown> = {},
    method: 'GET' | 'POST' = 'POST',
  ) => (await pop.request(action, params, { method, formatParams: false })) as T;
  const events = (queue = QUEUE): VodEvent[] =>
    sink.messages
      .filter((message) => message.queueName === queue)
      .map((message) => {
        const decoded = decodeMessageBody(message.body);
        if (!decoded.ok) throw new Error(`undecodable body: ${message.body}`);
        return decoded.event as VodEvent;
      });
  return {
    vod,
    sink,
    pop,
    call,
    events,
    waitForEvents: (count, queue = QUEUE) =>
      eventually(
        () => {
          const seen = events(queue);
          if (seen.length < count) throw new Error(`${seen.length} of ${count} events so far`);
          return seen;
        },
        { timeoutMs: 10_000, intervalMs: 20 },
      ),
    configureQueue: async (eventTypeList = 'ALL') => {
      await call('SetMessageCallback', {
        CallbackType: 'MNS',
        MnsEndpoint: 'http://1234567890.mns.cn-shanghai.aliyuncs.com/',
        MnsQueueName: QUEUE,
        EventTypeList: eventTypeList,
      });
    },
    uploadedVideo: async (title = 'a video', userData?: string) => {
      const { VideoId } = await call<{ VideoId: string }>('CreateUploadVideo', {
        Title: title,
        FileName: 'clip.mp4',
        ...(userData ? { UserData: userData } : {}),
      });
      await vod.completeUpload(VideoId);
      return VideoId;
    },
    close: async () => {
      await vod.close();
      await sink.close();
    },
  };
}

/** pop-core's error for an answer with an error Code. */
export interface PopError extends Error {
  code: string;
  data: { RequestId: string; Code: string; Message: string; HostId: string };
  entry: { response: { statusCode: number } };
}

export async function popFailure(promise: Promise<unknown>): Promise<PopError> {
  try {
    await promise;
  } catch (error) {
    return error as PopError;
  }
  throw new Error('expected the call to fail');
}
