import { popFailure, startVodStack, type VodStack } from './support/vod-stack';

let stack: VodStack;
beforeAll(async () => {
  stack = await startVodStack();
});
afterAll(() => stack.close());

describe('callback configuration', () => {
  test('Set, Get and Delete per region and AppId', async () => {
    await stack.call('SetMessageCallback', {
      CallbackType: 'MNS',
      MnsEndpoint: 'http://1234567890.mns.cn-shanghai.aliyuncs.com/',
      MnsQueueName: 'vod-events',
      EventTypeList: 'FileUploadComplete,AIComplete',
    });
    await stack.call('SetMessageCallback', {
      CallbackType: 'HTTP',
      CallbackURL: 'http://hooks.example.com/vod',
      EventTypeList: 'ALL',
      AppId: 'app-2',
    });
    const main = await stack.call<{ MessageCallback: Record<string, string> }>('GetMessageCallback');
    expect(main.MessageCallback).toEqual({
      AppId: 'app-1000000',
      CallbackType: 'MNS',
      MnsEndpoint: 'http://1234567890.mns.cn-shanghai.aliyuncs.com/',
      MnsQueueName: 'vod-events',
      EventTypeList: 'FileUploadComplete,AIComplete',
    });
    const other = await stack.call<{ MessageCallback: Record<string, string> }>('GetMessageCallback', {
      AppId: 'app-2',
    });
    expect(other.MessageCallback.CallbackURL).toBe('http://hooks.example.com/vod');
    const elsewhere = await stack.call<Record<string, unknown>>('GetMessageCallback', {
      RegionId: 'ap-southeast-1',
    });
    expect(elsewhere.MessageCallback).toBeUndefined();

    await stack.call('DeleteMessageCallback');
    const after = await stack.call<Record<string, unknown>>('GetMessageCallback');
    expect(after.MessageCallback).toBeUndefined();
  });

  test('MNS needs an endpoint and a queue name', async () => {
    const failure = await popFailure(
      stack.call('SetMessageCallback', { CallbackType: 'MNS', MnsQueueName: 'q' }),
    );
    expect(failure.code).toBe('MissingParameter');
  });

  test('only enabled event types are sent; AIComplete enables the AI events', async () => {
    await stack.configureQueue('TranscodeComplete,AIComplete');
    const videoId = await stack.uploadedVideo();
    await stack.call('SubmitTranscodeJobs', { VideoId: videoId, TemplateGroupId: 'tg' });
    await stack.call('SubmitAIJob', { MediaId: videoId, Types: 'AIVideoTag' });
    await stack.vod.settle();
    const types = stack
      .events()
      .map((event) => event.EventType)
      .sort();
    expect(types).toEqual(['AIVideoTagComplete', 'TranscodeComplete']);
  });
});
