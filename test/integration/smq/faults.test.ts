import { SmqClient } from '../../../clients/smq/smq-client';
import { isSmqError } from '../../../clients/smq/smq-error';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';

// Fault injection through the admin API and the typed client: seeded, so each scenario repeats.

let smq: RunningSmqEmulator;
let counter = 0;

beforeAll(async () => {
  smq = await startSmqEmulator();
});
afterAll(async () => smq?.close());
afterEach(async () => {
  await smq.admin.clearFaults();
});

async function freshQueue(): Promise<SmqClient> {
  const queue = new SmqClient(`faults-${++counter}`, {
    endpoint: smq.endpoint,
    accessKeyId: smq.accessKeyId,
    accessKeySecret: smq.accessKeySecret,
  });
  await queue.createQueue({ visibilityTimeout: 60 });
  return queue;
}

async function outcomes(queue: SmqClient, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await queue.getAttributes();
      seen.push('ok');
    } catch (error) {
      seen.push(isSmqError(error) ? `${error.code}/${error.status}/${error.transient}` : 'other');
    }
  }
  return seen;
}

describe('fault injection', () => {
  it('injected errors are 500 InternalError / 503 ServiceUnavailable, transient, and repeat with the seed', async () => {
    const queue = await freshQueue();
    await smq.admin.setFaults({ errorRate: 0.5, errorKind: 'mixed', seed: 99 });
    const first = await outcomes(queue, 30);
    await smq.admin.setFaults({ seed: 99 });
    const second = await outcomes(queue, 30);
    expect(second).toEqual(first);
    expect(first).toContain('ok');
    expect(first).toContain('InternalError/500/true');
    expect(first).toContain('ServiceUnavailable/503/true');
  });

  it('faults can be scoped to operations: only deletes fail', async () => {
    const queue = await freshQueue();
    await queue.sendMessages(['a', 'b']);
    await smq.admin.setFaults({ errorRate: 1, operations: ['delete'], seed: 1 });
    const received = await queue.receiveMessages(16, 0);
    expect(received).toHaveLength(2);
    await expect(queue.deleteMessages(received.map((m) => m.receiptHandle))).rejects.toMatchObject({
      code: 'InternalError',
      transient: true,
    });
    await smq.admin.clearFaults();
    expect((await queue.deleteMessages(received.map((m) => m.receiptHandle))).failed).toEqual([]);
  });

  it('a dropped connection loses the answer after the request took effect', async () => {
    const queue = await freshQueue();
    await smq.admin.setFaults({ dropRate: 1, operations: ['send'], seed: 1 });
    const error = await queue.sendMessage('sent-but-unanswered').catch((e: unknown) => e);
    expect(isSmqError(error) && error.transient).toBe(true);
    await smq.admin.clearFaults();
    const messages = await smq.admin.messages(queue.queueName);
    expect(messages.map((m) => m.body)).toEqual(['sent-but-unanswered']);
    expect((await smq.admin.stats()).faults.drops).toBeGreaterThanOrEqual(1);
  });

  it('duplicate delivery hands a received message to the next receiver too', async () => {
    const queue = await freshQueue();
    await queue.sendMessage('twice');
    await smq.admin.setFaults({ duplicateRate: 1, operations: ['receive'], seed: 1 });
    const [first] = await queue.receiveMessages(1, 0);
    await smq.admin.clearFaults();
    const [second] = await queue.receiveMessages(1, 0);
    expect(second.messageId).toBe(first.messageId);
    expect(second.dequeueCount).toBe(2);
    const result = await queue.deleteMessages([first.receiptHandle, second.receiptHandle]);
    expect(result.deleted).toEqual([second.receiptHandle]);
    expect(result.failed).toEqual([
      expect.objectContaining({ handle: first.receiptHandle, code: 'MessageNotExist' }),
    ]);
  });

  it('reordering shuffles a received batch the same way for the same seed', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    const orderWithSeed = async (seed: number): Promise<string[]> => {
      const queue = await freshQueue();
      await queue.sendMessages(bodies);
      await smq.admin.setFaults({ reorderRate: 1, operations: ['receive'], seed });
      const received = (await queue.receiveMessages(16, 0)).map((m) => m.body);
      await smq.admin.clearFaults();
      return received;
    };
    const first = await orderWithSeed(5);
    expect([...first].sort()).toEqual(bodies);
    expect(first).not.toEqual(bodies);
    expect(await orderWithSeed(5)).toEqual(first);
  });

  it('latency delays answers by the fixed part at least', async () => {
    const queue = await freshQueue();
    await smq.admin.setFaults({ latencyMs: 300, jitterMs: 50, seed: 1 });
    const started = Date.now();
    await queue.getAttributes();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('the admin API refuses bad settings and reads without touching visibility', async () => {
    await expect(smq.admin.setFaults({ errorRate: 2 })).rejects.toThrow('HTTP 400');
    const queue = await freshQueue();
    await queue.sendMessage('look');
    const [message] = await smq.admin.messages(queue.queueName);
    expect(message).toMatchObject({ state: 'visible', dequeueCount: 0 });
    expect((await queue.receiveMessages(1, 0)).map((m) => m.body)).toEqual(['look']);
    const [after] = await smq.admin.messages(queue.queueName);
    expect(after).toMatchObject({ state: 'inflight', dequeueCount: 1 });
    const stats = await smq.admin.stats();
    expect(stats.engine.received).toBeGreaterThan(0);
    expect(stats.requests.BatchReceiveMessage).toBeGreaterThan(0);
  });
});
