import { MnsClient, type MnsSdkClient } from '../../../clients/smq/mns-sdk';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';

// Every queue and message operation through the official @alicloud/mns SDK over real HTTP.

let smq: RunningSmqEmulator;
let sdk: MnsSdkClient;
let queueCounter = 0;

function newQueueName(): string {
  return `conf-${process.pid}-${++queueCounter}`;
}

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  smq = await startSmqEmulator();
  // The account id lands in the Host header only; the emulator accepts any host.
  sdk = new MnsClient('1234567890', {
    endpoint: smq.endpoint,
    accessKeyId: smq.accessKeyId,
    accessKeySecret: smq.accessKeySecret,
  });
});
afterAll(async () => smq?.close());

describe('queues through @alicloud/mns', () => {
  it('CreateQueue: 201 new with Location, 204 same attributes, 409 QueueAlreadyExist otherwise', async () => {
    const name = newQueueName();
    const created = await sdk.createQueue(name, { VisibilityTimeout: 40 });
    expect(created.code).toBe(201);
    expect(created.headers.location).toBe(`${smq.endpoint}/queues/${name}`);
    expect((await sdk.createQueue(name, { VisibilityTimeout: 40 })).code).toBe(204);
    const error = await rejection(() => sdk.createQueue(name, { VisibilityTimeout: 41 }));
    expect(error.name).toBe('MNSQueueAlreadyExistError');
    expect(error.message).toContain('failed with 409');
  });

  it('GetQueueAttributes returns every attribute and counter; SetQueueAttributes changes them', async () => {
    const name = newQueueName();
    await sdk.createQueue(name);
    await sdk.sendMessage(name, { MessageBody: 'visible' });
    await sdk.sendMessage(name, { MessageBody: 'delayed', DelaySeconds: 60 });
    await sdk.sendMessage(name, { MessageBody: 'to-receive', Priority: 1 });
    await sdk.receiveMessage(name);
    const { body } = await sdk.getQueueAttributes(name);
    expect(body).toMatchObject({
      QueueName: name,
      DelaySeconds: '0',
      MaximumMessageSize: '65536',
      MessageRetentionPeriod: '345600',
      VisibilityTimeout: '30',
      PollingWaitSeconds: '0',
      LoggingEnabled: 'False',
      ActiveMessages: '1',
      InactiveMessages: '1',
      DelayMessages: '1',
    });
    expect(Number(body.CreateTime)).toBeGreaterThan(1_700_000_000);
    expect(Number(body.LastModifyTime)).toBeGreaterThanOrEqual(Number(body.CreateTime));
    expect((await sdk.setQueueAttributes(name, { VisibilityTimeout: 5, LoggingEnabled: 'True' })).code).toBe(
      204,
    );
    const after = (await sdk.getQueueAttributes(name)).body;
    expect(after.VisibilityTimeout).toBe('5');
    expect(after.LoggingEnabled).toBe('True');
    const error = await rejection(() => sdk.setQueueAttributes(name, { VisibilityTimeout: 0 }));
    expect(error.name).toBe('MNSInvalidArgumentError');
    expect(error.message).toContain('VisibilityTimeout should between 1 and 43200 seconds');
  });

  it('ListQueue pages with prefix, marker and ret-number', async () => {
    const prefix = `list-${process.pid}-`;
    for (const suffix of ['a', 'b', 'c']) await sdk.createQueue(prefix + suffix);
    const page = await sdk.listQueue(undefined, 2, prefix);
    expect((page.body ?? []).map((q) => q.QueueURL)).toEqual([
      `${smq.endpoint}/queues/${prefix}a`,
      `${smq.endpoint}/queues/${prefix}b`,
    ]);
    const rest = await sdk.listQueue(`${prefix}c`, 2, prefix);
    expect((rest.body ?? []).map((q) => q.QueueURL)).toEqual([`${smq.endpoint}/queues/${prefix}c`]);
    const all = await sdk.listQueue();
    expect((all.body ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('DeleteQueue removes the queue; later calls get QueueNotExist', async () => {
    const name = newQueueName();
    await sdk.createQueue(name);
    expect((await sdk.deleteQueue(name)).code).toBe(204);
    const error = await rejection(() => sdk.getQueueAttributes(name));
    expect(error.name).toBe('MNSQueueNotExistError');
    expect(error.message).toContain('failed with 404');
    expect((await rejection(() => sdk.sendMessage(name, { MessageBody: 'x' }))).name).toBe(
      'MNSQueueNotExistError',
    );
  });
});

describe('messages through @alicloud/mns', () => {
  let queue: string;
  beforeEach(async () => {
    queue = newQueueName();
    await sdk.createQueue(queue, { VisibilityTimeout: 30 });
  });

  it('SendMessage answers MessageId and the upper-case MD5 of the body', async () => {
    const { code, body } = await sdk.sendMessage(queue, { MessageBody: 'hello' });
    expect(code).toBe(201);
    expect(body.MessageId).toMatch(/^[0-9A-F]{32}$/);
    expect(body.MessageBodyMD5).toBe('5D41402ABC4B2A76B9719D911017C592');
  });

  it('ReceiveMessage returns every documented field and a URL-safe handle', async () => {
    await sdk.sendMessage(queue, { MessageBody: 'one', Priority: 3 });
    const { body } = await sdk.receiveMessage(queue);
    expect(Object.keys(body).sort()).toEqual(
      [
        'DequeueCount',
        'EnqueueTime',
        'FirstDequeueTime',
        'MessageBody',
        'MessageBodyMD5',
        'MessageId',
        'NextVisibleTime',
        'Priority',
        'ReceiptHandle',
      ].sort(),
    );
    expect(body).toMatchObject({ MessageBody: 'one', DequeueCount: '1', Priority: '3' });
    expect(body.ReceiptHandle).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Number(body.NextVisibleTime) - Number(body.FirstDequeueTime)).toBe(30_000);
  });

  it('an empty receive is MNSMessageNotExistError (single and batch)', async () => {
    expect((await rejection(() => sdk.receiveMessage(queue))).name).toBe('MNSMessageNotExistError');
    expect((await rejection(() => sdk.batchReceiveMessage(queue, 16))).name).toBe('MNSMessageNotExistError');
  });

  it('BatchSendMessage and BatchReceiveMessage move up to 16, priority first', async () => {
    const sent = await sdk.batchSendMessage(
      queue,
      Array.from({ length: 16 }, (_, i) => ({ MessageBody: `m${i}`, Priority: i === 15 ? 1 : 8 })),
    );
    expect(sent.code).toBe(201);
    expect(sent.body).toHaveLength(16);
    const received = await sdk.batchReceiveMessage(queue, 16);
    expect(received.body.map((m) => m.MessageBody)).toEqual([
      'm15',
      ...Array.from({ length: 15 }, (_, i) => `m${i}`),
    ]);
  });

  it('BatchSendMessage reports a bad item in place and sends the others (no throw)', async () => {
    const answer = await sdk.batchSendMessage(queue, [
      { MessageBody: 'ok-1' },
      { MessageBody: 'bad', Priority: 99 },
      { MessageBody: 'ok-2' },
    ]);
    expect(answer.code).toBe(500);
    expect(answer.body[0].MessageId).toMatch(/^[0-9A-F]{32}$/);
    expect(answer.body[1]).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(answer.body[2].MessageId).toMatch(/^[0-9A-F]{32}$/);
    expect((await sdk.batchPeekMessage(queue, 16)).body.map((m) => m.MessageBody)).toEqual(['ok-1', 'ok-2']);
  });

  it('PeekMessage and BatchPeekMessage show messages without handles and without hiding them', async () => {
    await sdk.batchSendMessage(queue, [{ MessageBody: 'a' }, { MessageBody: 'b' }]);
    const one = await sdk.peekMessage(queue);
    expect(one.body.MessageBody).toBe('a');
    expect(one.body.ReceiptHandle).toBeUndefined();
    expect(one.body.NextVisibleTime).toBeUndefined();
    expect(one.body.DequeueCount).toBe('0');
    const batch = await sdk.batchPeekMessage(queue, 16);
    expect(batch.body.map((m) => m.MessageBody)).toEqual(['a', 'b']);
    expect((await sdk.batchReceiveMessage(queue, 16)).body).toHaveLength(2);
  });

  it('DeleteMessage: 204, then the same handle is MessageNotExist, a non-handle is ReceiptHandleError', async () => {
    await sdk.sendMessage(queue, { MessageBody: 'x' });
    const { body } = await sdk.receiveMessage(queue);
    expect((await sdk.deleteMessage(queue, body.ReceiptHandle)).code).toBe(204);
    expect((await rejection(() => sdk.deleteMessage(queue, body.ReceiptHandle))).name).toBe(
      'MNSMessageNotExistError',
    );
    const bad = await rejection(() => sdk.deleteMessage(queue, 'garbage'));
    expect(bad.name).toBe('MNSReceiptHandleErrorError');
    expect(bad.message).toContain('failed with 400');
  });

  it('BatchDeleteMessage partial failure comes back in the body as Errors (the SDK does not throw)', async () => {
    await sdk.batchSendMessage(queue, [{ MessageBody: 'a' }, { MessageBody: 'b' }, { MessageBody: 'c' }]);
    const [a, b, c] = (await sdk.batchReceiveMessage(queue, 3)).body;
    await sdk.deleteMessage(queue, a.ReceiptHandle);
    const partial = await sdk.batchDeleteMessage(queue, [a.ReceiptHandle, b.ReceiptHandle, 'nonsense']);
    expect(partial.code).toBe(404);
    expect(partial.body).toEqual([
      expect.objectContaining({ ErrorCode: 'MessageNotExist', ReceiptHandle: a.ReceiptHandle }),
      expect.objectContaining({ ErrorCode: 'ReceiptHandleError', ReceiptHandle: 'nonsense' }),
    ]);
    const clean = await sdk.batchDeleteMessage(queue, [c.ReceiptHandle]);
    expect(clean.code).toBe(204);
    expect(clean.body).toBeUndefined();
    expect((await sdk.getQueueAttributes(queue)).body.InactiveMessages).toBe('0');
  });

  it('ChangeMessageVisibility returns a new handle and the old one is refused', async () => {
    await sdk.sendMessage(queue, { MessageBody: 'x' });
    const { body } = await sdk.receiveMessage(queue);
    const before = Date.now();
    const changed = await sdk.changeMessageVisibility(queue, body.ReceiptHandle, 1);
    expect(changed.code).toBe(200);
    expect(changed.body.ReceiptHandle).not.toBe(body.ReceiptHandle);
    expect(Number(changed.body.NextVisibleTime)).toBeGreaterThanOrEqual(before + 1000);
    expect((await rejection(() => sdk.deleteMessage(queue, body.ReceiptHandle))).name).toBe(
      'MNSMessageNotExistError',
    );
    expect(
      (await rejection(() => sdk.changeMessageVisibility(queue, changed.body.ReceiptHandle, 43_201))).name,
    ).toBe('MNSInvalidArgumentError');
  });

  it('visibility expiry redelivers with DequeueCount 2; the first handle is then stale', async () => {
    await sdk.setQueueAttributes(queue, { VisibilityTimeout: 1 });
    await sdk.sendMessage(queue, { MessageBody: 'again' });
    const first = (await sdk.receiveMessage(queue)).body;
    const second = (await sdk.receiveMessage(queue, 3)).body;
    expect(second.MessageId).toBe(first.MessageId);
    expect(second.DequeueCount).toBe('2');
    expect(second.FirstDequeueTime).toBe(first.FirstDequeueTime);
    expect((await rejection(() => sdk.deleteMessage(queue, first.ReceiptHandle))).name).toBe(
      'MNSMessageNotExistError',
    );
    expect((await sdk.deleteMessage(queue, second.ReceiptHandle)).code).toBe(204);
  });

  it('message bodies keep any UTF-8 text the SDK can carry, escaped on the way back', async () => {
    const text = 'événement 中文 "quoted" \'single\' {"json":[1,2]}';
    await sdk.sendMessage(queue, { MessageBody: text });
    await sdk.sendMessage(queue, { MessageBody: 'a &lt; b &amp;&amp; c &gt; d' });
    const got = (await sdk.batchReceiveMessage(queue, 2)).body.map((m) => m.MessageBody);
    expect(got).toEqual([text, 'a < b && c > d']);
  });

  it('a raw body with < or & is MalformedXML (the SDK does not escape)', async () => {
    const error = await rejection(() => sdk.sendMessage(queue, { MessageBody: 'a < b & c' }));
    expect(error.name).toBe('MNSMalformedXMLError');
  });

  it('every answer carries x-mns-request-id and x-mns-version', async () => {
    const { headers } = await sdk.sendMessage(queue, { MessageBody: 'x' });
    // The SDK keeps only the headers it is told to; read them with a plain request instead.
    expect(headers).toBeDefined();
    const response = await fetch(`${smq.endpoint}/queues/${queue}`);
    expect(response.headers.get('x-mns-request-id')).toMatch(/^[0-9A-F]{24}$/);
    expect(response.headers.get('x-mns-version')).toBe('2015-06-06');
    expect(response.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Error xmlns="http:\/\/mns.aliyuncs.com\/doc\/v1"><Code>MissingAuthorizationHeader<\/Code><Message>[^<]+<\/Message><RequestId>[0-9A-F]{24}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
  });

  it('wrong credentials: unknown key → InvalidAccessKeyId, wrong secret → SignatureDoesNotMatch', async () => {
    const unknown = new MnsClient('1', {
      endpoint: smq.endpoint,
      accessKeyId: 'nobody',
      accessKeySecret: 'x',
    });
    expect((await rejection(() => unknown.getQueueAttributes(queue))).name).toBe(
      'MNSInvalidAccessKeyIdError',
    );
    const wrong = new MnsClient('1', {
      endpoint: smq.endpoint,
      accessKeyId: smq.accessKeyId,
      accessKeySecret: 'no',
    });
    const error = await rejection(() => wrong.getQueueAttributes(queue));
    expect(error.name).toBe('MNSSignatureDoesNotMatchError');
    expect(error.message).toContain('failed with 403');
  });
});
