import { SmqClient, type BodyEncoding } from '../../../clients/smq/smq-client';
import { SmqError } from '../../../clients/smq/smq-error';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';

// The typed client over @alicloud/mns against the emulator.

let smq: RunningSmqEmulator;

beforeAll(async () => {
  smq = await startSmqEmulator();
});
afterAll(async () => smq?.close());

function client(
  queue: string,
  extra: { bodyEncoding?: BodyEncoding; accessKeySecret?: string } = {},
): SmqClient {
  return new SmqClient(queue, {
    endpoint: smq.endpoint,
    accessKeyId: smq.accessKeyId,
    accessKeySecret: smq.accessKeySecret,
    ...extra,
  });
}

describe('SmqClient', () => {
  it('creates, reads and changes a queue', async () => {
    const queue = client('typed-queue');
    expect(await queue.createQueue({ visibilityTimeout: 20, pollingWaitSeconds: 1 })).toBe('created');
    expect(await queue.createQueue({ visibilityTimeout: 20, pollingWaitSeconds: 1 })).toBe('exists');
    await queue.setAttributes({ delaySeconds: 2, loggingEnabled: true });
    expect(await queue.getAttributes()).toMatchObject({
      queueName: 'typed-queue',
      visibilityTimeout: 20,
      pollingWaitSeconds: 1,
      delaySeconds: 2,
      loggingEnabled: true,
      activeMessages: 0,
    });
    await queue.deleteQueue();
    await expect(queue.getAttributes()).rejects.toMatchObject({
      code: 'QueueNotExist',
      status: 404,
      transient: false,
    });
  });

  it('raw bodies with <, & and > arrive unchanged (escaped for the SDK)', async () => {
    const queue = client('typed-raw');
    await queue.createQueue();
    const body = '{"a":"<tag> & </tag>","b":"x > y"}';
    await queue.sendMessage(body);
    const [message] = await queue.receiveMessages(16, 0);
    expect(message.body).toBe(body);
  });

  it('base64 bodies are encoded on the wire and decoded on receive', async () => {
    const queue = client('typed-b64', { bodyEncoding: 'base64' });
    await queue.createQueue();
    const sent = await queue.sendMessage('héllo <world> & co');
    const [wire] = await smq.admin.messages('typed-b64');
    expect(wire.body).toBe(Buffer.from('héllo <world> & co').toString('base64'));
    expect(sent.messageId).toBe(wire.messageId);
    const [message] = await queue.receiveMessages(1, 0);
    expect(message.body).toBe('héllo <world> & co');
  });

  it('an empty receive is [] after the wait, not an error', async () => {
    const queue = client('typed-empty');
    await queue.createQueue();
    expect(await queue.receiveMessages(16, 1)).toEqual([]);
    expect(await queue.peekMessages(16)).toEqual([]);
  });

  it('typed messages, batch send failures, visibility change and per-handle delete results', async () => {
    const queue = client('typed-batch');
    await queue.createQueue();
    const { sent, failed } = await queue.sendMessages([
      'one',
      { body: 'two', priority: 1 },
      { body: 'bad', priority: 0 },
    ]);
    expect(sent).toHaveLength(2);
    expect(failed).toEqual([expect.objectContaining({ index: 2, code: 'InvalidArgument' })]);
    expect((await queue.peekMessages(16)).map((m) => m.body)).toEqual(['two', 'one']);
    const [two, one] = await queue.receiveMessages(16, 0);
    expect(two).toMatchObject({ body: 'two', priority: 1, dequeueCount: 1 });
    expect(typeof two.enqueueTime).toBe('number');
    const changed = await queue.changeVisibility(one.receiptHandle, 30);
    expect(changed.receiptHandle).not.toBe(one.receiptHandle);
    const result = await queue.deleteMessages([one.receiptHandle, two.receiptHandle, changed.receiptHandle]);
    expect(result.deleted).toEqual([two.receiptHandle, changed.receiptHandle]);
    expect(result.failed).toEqual([
      expect.objectContaining({ handle: one.receiptHandle, code: 'MessageNotExist' }),
    ]);
    await expect(queue.deleteMessage(one.receiptHandle)).rejects.toBeInstanceOf(SmqError);
  });

  it('auth failures are permanent SmqErrors with a request id', async () => {
    const queue = client('typed-auth', { accessKeySecret: 'wrong' });
    const error = (await queue.getAttributes().catch((e: unknown) => e)) as SmqError;
    expect(error).toBeInstanceOf(SmqError);
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403, transient: false });
    expect(error.requestId).toMatch(/^[0-9A-F]{24}$/);
  });

  it('an unreachable endpoint is a transient SmqError', async () => {
    const queue = new SmqClient('nowhere', {
      endpoint: 'http://127.0.0.1:1',
      accessKeyId: 'a',
      accessKeySecret: 'b',
    });
    await expect(queue.getAttributes()).rejects.toMatchObject({ transient: true });
  });

  it('needs an endpoint or an account and region', () => {
    expect(() => new SmqClient('q', { accessKeyId: 'a', accessKeySecret: 'b' })).toThrow('endpoint');
  });
});
