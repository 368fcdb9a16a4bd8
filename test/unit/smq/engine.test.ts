import { ManualClock } from '../../../emulators/common/clock';
import { SmqEngine } from '../../../emulators/smq/engine/smq-engine';
import { smqFaultCode } from '../../helpers/smq-fault-code';

const Q = 'events';

function setup(attributes = {}): { clock: ManualClock; engine: SmqEngine } {
  const clock = new ManualClock();
  const engine = new SmqEngine(clock);
  engine.createQueue(Q, { VisibilityTimeout: 30, ...attributes });
  return { clock, engine };
}

async function receive(
  engine: SmqEngine,
  max = 16,
): Promise<ReturnType<SmqEngine['receive']> extends Promise<infer T> ? T : never> {
  return engine.receive(Q, { max, waitSeconds: 0 });
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SMQ engine', () => {
  it('receives best priority first, oldest first within a priority, with upper-case MD5', async () => {
    const { engine } = setup();
    engine.send(Q, [
      { body: 'p8-a' },
      { body: 'p3', priority: 3 },
      { body: 'p8-b' },
      { body: 'p1', priority: 1 },
    ]);
    const bodies = (await receive(engine)).map((m) => m.body);
    expect(bodies).toEqual(['p1', 'p3', 'p8-a', 'p8-b']);
    const [sent] = engine.send(Q, [{ body: 'hello' }]);
    expect(sent.bodyMd5).toBe('5D41402ABC4B2A76B9719D911017C592');
  });

  it('hides a received message for the visibility timeout, then redelivers it with a new handle', async () => {
    const { clock, engine } = setup({ VisibilityTimeout: 10 });
    engine.send(Q, [{ body: 'x' }]);
    const [first] = await receive(engine);
    expect(first.dequeueCount).toBe(1);
    expect(first.nextVisibleTime).toBe(clock.now() + 10_000);
    expect(first.firstDequeueTime).toBe(clock.now());
    clock.advance(9_999);
    expect(await receive(engine)).toEqual([]);
    clock.advance(1);
    const [second] = await receive(engine);
    expect(second.messageId).toBe(first.messageId);
    expect(second.dequeueCount).toBe(2);
    expect(second.firstDequeueTime).toBe(first.firstDequeueTime);
    expect(second.receiptHandle).not.toBe(first.receiptHandle);
    expect(smqFaultCode(() => engine.deleteMessage(Q, first.receiptHandle))).toBe('MessageNotExist');
    engine.deleteMessage(Q, second.receiptHandle);
    expect(engine.getQueue(Q).counters).toEqual({ active: 0, inactive: 0, delayed: 0 });
  });

  it('a handle dies when the message becomes visible again, even if not received since', async () => {
    const { clock, engine } = setup({ VisibilityTimeout: 5 });
    engine.send(Q, [{ body: 'x' }]);
    const [message] = await receive(engine);
    clock.advance(5_000);
    expect(smqFaultCode(() => engine.deleteMessage(Q, message.receiptHandle))).toBe('MessageNotExist');
    expect(engine.getQueue(Q).counters.active).toBe(1);
  });

  it('tells a non-handle (400 ReceiptHandleError) from a dead one (404 MessageNotExist)', async () => {
    const { engine } = setup();
    engine.send(Q, [{ body: 'x' }]);
    const [message] = await receive(engine);
    expect(smqFaultCode(() => engine.deleteMessage(Q, 'not-a-handle'))).toBe('ReceiptHandleError');
    engine.deleteMessage(Q, message.receiptHandle);
    expect(smqFaultCode(() => engine.deleteMessage(Q, message.receiptHandle))).toBe('MessageNotExist');
  });

  it('changes visibility from the time of the call and supersedes the old handle', async () => {
    const { clock, engine } = setup({ VisibilityTimeout: 30 });
    engine.send(Q, [{ body: 'x' }]);
    const [message] = await receive(engine);
    clock.advance(20_000);
    const changed = engine.changeVisibility(Q, message.receiptHandle, 5);
    expect(changed.nextVisibleTime).toBe(clock.now() + 5_000);
    expect(changed.receiptHandle).not.toBe(message.receiptHandle);
    expect(smqFaultCode(() => engine.changeVisibility(Q, message.receiptHandle, 5))).toBe('MessageNotExist');
    expect(smqFaultCode(() => engine.changeVisibility(Q, changed.receiptHandle, 0))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.changeVisibility(Q, changed.receiptHandle, 43_201))).toBe(
      'InvalidArgument',
    );
    clock.advance(5_000);
    expect((await receive(engine)).map((m) => m.messageId)).toEqual([message.messageId]);
  });

  it('holds delayed messages back, per message or by the queue default', async () => {
    const { clock, engine } = setup({ DelaySeconds: 2 });
    engine.send(Q, [
      { body: 'queue-delay' },
      { body: 'own-delay', delaySeconds: 5 },
      { body: 'now', delaySeconds: 0 },
    ]);
    expect(engine.getQueue(Q).counters).toEqual({ active: 1, inactive: 0, delayed: 2 });
    expect((await receive(engine)).map((m) => m.body)).toEqual(['now']);
    clock.advance(2_000);
    expect((await receive(engine)).map((m) => m.body)).toEqual(['queue-delay']);
    clock.advance(3_000);
    expect((await receive(engine)).map((m) => m.body)).toEqual(['own-delay']);
  });

  it('drops messages older than the retention period, whatever their state', async () => {
    const { clock, engine } = setup({ MessageRetentionPeriod: 60, VisibilityTimeout: 120 });
    engine.send(Q, [{ body: 'inflight' }]);
    await receive(engine);
    engine.send(Q, [{ body: 'visible' }]);
    clock.advance(60_000);
    expect(engine.getQueue(Q).counters).toEqual({ active: 0, inactive: 0, delayed: 0 });
    expect(engine.stats.expired).toBe(2);
  });

  it('peeks without changing visibility or handing out handles', async () => {
    const { engine } = setup();
    engine.send(Q, [{ body: 'a' }, { body: 'b' }]);
    expect(engine.peek(Q, 16).map((m) => m.body)).toEqual(['a', 'b']);
    expect(engine.peek(Q, 1).map((m) => m.body)).toEqual(['a']);
    expect((await receive(engine)).map((m) => m.body)).toEqual(['a', 'b']);
    expect(engine.peek(Q, 16)).toEqual([]);
  });

  it('enforces the documented limits with their errors', () => {
    const { engine } = setup({ MaximumMessageSize: 1024 });
    expect(smqFaultCode(() => engine.send(Q, [{ body: '' }]))).toBe('MessageBodyInvalid');
    expect(smqFaultCode(() => engine.send(Q, [{ body: 'x'.repeat(1025) }]))).toBe('MessageBodyInvalid');
    expect(smqFaultCode(() => engine.send(Q, [{ body: 'x', priority: 0 }]))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.send(Q, [{ body: 'x', priority: 17 }]))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.send(Q, [{ body: 'x', delaySeconds: 604_801 }]))).toBe(
      'InvalidArgument',
    );
    expect(
      smqFaultCode(() =>
        engine.send(
          Q,
          Array.from({ length: 17 }, () => ({ body: 'x' })),
        ),
      ),
    ).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.peek(Q, 17))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.createQueue('bad_name'))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.createQueue('a'.repeat(121)))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.createQueue('q2', { VisibilityTimeout: 0 }))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.createQueue('q2', { PollingWaitSeconds: 31 }))).toBe('InvalidArgument');
    expect(smqFaultCode(() => engine.send('missing', [{ body: 'x' }]))).toBe('QueueNotExist');
  });

  it('creates a queue once: same attributes → exists, other attributes → QueueAlreadyExist', () => {
    const { engine } = setup();
    expect(engine.createQueue('other', { DelaySeconds: 3 })).toBe('created');
    expect(engine.createQueue('other', { DelaySeconds: 3 })).toBe('exists');
    expect(smqFaultCode(() => engine.createQueue('other', { DelaySeconds: 4 }))).toBe('QueueAlreadyExist');
    engine.setQueueAttributes('other', { DelaySeconds: 4 });
    expect(engine.getQueue('other').info.attributes.DelaySeconds).toBe(4);
    engine.deleteQueue('other');
    expect(smqFaultCode(() => engine.getQueue('other'))).toBe('QueueNotExist');
  });

  it('lists queues by prefix with a marker for the next page', () => {
    const { engine } = setup();
    for (const name of ['a-1', 'a-2', 'a-3', 'b-1']) engine.createQueue(name);
    expect(engine.listQueues('a-', '', 2)).toEqual({ names: ['a-1', 'a-2'], nextMarker: 'a-3' });
    expect(engine.listQueues('a-', 'a-3', 2)).toEqual({ names: ['a-3'], nextMarker: undefined });
  });

  it('batch delete deletes the good handles and reports each bad one', async () => {
    const { engine } = setup();
    engine.send(Q, [{ body: 'a' }, { body: 'b' }]);
    const [a, b] = await receive(engine);
    engine.deleteMessage(Q, a.receiptHandle);
    const failures = engine.deleteMessages(Q, [a.receiptHandle, b.receiptHandle, 'junk']);
    expect(failures.map((f) => [f.handle, f.fault.code])).toEqual([
      [a.receiptHandle, 'MessageNotExist'],
      ['junk', 'ReceiptHandleError'],
    ]);
    expect(engine.getQueue(Q).counters.inactive).toBe(0);
  });

  it('a long poll returns as soon as a message is sent, without time passing', async () => {
    const { engine } = setup();
    const polling = engine.receive(Q, { max: 4, waitSeconds: 20 });
    await flush();
    engine.send(Q, [{ body: 'late' }]);
    expect((await polling).map((m) => m.body)).toEqual(['late']);
  });

  it('a long poll wakes when an inflight message becomes visible again', async () => {
    const { clock, engine } = setup({ VisibilityTimeout: 3 });
    engine.send(Q, [{ body: 'x' }]);
    await receive(engine);
    const polling = engine.receive(Q, { max: 1, waitSeconds: 10 });
    for (let i = 0; i < 3; i++) {
      await flush();
      clock.advance(1_000);
    }
    const [again] = await polling;
    expect(again.dequeueCount).toBe(2);
  });

  it('a long poll on an empty queue ends after exactly its wait, with nothing', async () => {
    const { clock, engine } = setup();
    let settled = false;
    const polling = engine.receive(Q, { max: 1, waitSeconds: 2 }).then((r) => {
      settled = true;
      return r;
    });
    await flush();
    clock.advance(1_000);
    await flush();
    expect(settled).toBe(false);
    clock.advance(1_000);
    expect(await polling).toEqual([]);
  });

  it('a long poll ends at once when its caller goes away or the engine stops', async () => {
    const { clock, engine } = setup();
    const gone = new AbortController();
    const first = engine.receive(Q, { max: 1, waitSeconds: 30, signal: gone.signal });
    const second = engine.receive(Q, { max: 1, waitSeconds: 30 });
    await flush();
    gone.abort();
    expect(await first).toEqual([]);
    engine.stop();
    expect(await second).toEqual([]);
    expect(clock.pendingSleepers()).toBe(0);
  });

  it('the duplicate hook hands a received message to the next receiver too', async () => {
    const { engine } = setup();
    engine.send(Q, [{ body: 'x' }]);
    const [first] = await engine.receive(Q, { max: 1, waitSeconds: 0, duplicate: () => true });
    const [second] = await receive(engine);
    expect(second.messageId).toBe(first.messageId);
    expect(second.dequeueCount).toBe(2);
    expect(smqFaultCode(() => engine.deleteMessage(Q, first.receiptHandle))).toBe('MessageNotExist');
  });

  it('keeps receive and delete cheap on a long queue', async () => {
    const { engine } = setup();
    const total = 20_000;
    for (let i = 0; i < total; i += 16)
      engine.send(
        Q,
        Array.from({ length: Math.min(16, total - i) }, (_, k) => ({ body: `m${i + k}` })),
      );
    let received = 0;
    for (let round = 0; round < total / 16 + 1; round++) {
      const batch = await receive(engine);
      if (batch.length === 0) break;
      received += batch.length;
      expect(
        engine.deleteMessages(
          Q,
          batch.map((m) => m.receiptHandle),
        ),
      ).toEqual([]);
    }
    expect(received).toBe(total);
    expect(engine.getQueue(Q).counters).toEqual({ active: 0, inactive: 0, delayed: 0 });
  });
});
