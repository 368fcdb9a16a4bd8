import { MnsClient, type MnsSdkClient } from '../../../clients/smq/mns-sdk';
import { rawRequest } from './support/raw-smq';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';

// Long-poll timing through the SDK. Bounds are generous: they check protocol behaviour, not speed.

let smq: RunningSmqEmulator;
let sdk: MnsSdkClient;

beforeAll(async () => {
  smq = await startSmqEmulator();
  sdk = new MnsClient('1', {
    endpoint: smq.endpoint,
    accessKeyId: smq.accessKeyId,
    accessKeySecret: smq.accessKeySecret,
  });
});
afterAll(async () => smq?.close());

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T | Error }> {
  const started = Date.now();
  try {
    const result = await run();
    return { ms: Date.now() - started, result };
  } catch (error) {
    return { ms: Date.now() - started, result: error as Error };
  }
}

describe('long polling', () => {
  it('waits about waitseconds on an empty queue, then MessageNotExist', async () => {
    await sdk.createQueue('lp-empty');
    const { ms, result } = await timed(() => sdk.batchReceiveMessage('lp-empty', 16, 2));
    expect((result as Error).name).toBe('MNSMessageNotExistError');
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(4000);
  });

  it('returns as soon as a message arrives', async () => {
    await sdk.createQueue('lp-arrive');
    const polling = timed(() => sdk.batchReceiveMessage('lp-arrive', 16, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sdk.sendMessage('lp-arrive', { MessageBody: 'now' });
    const { ms, result } = await polling;
    if (result instanceof Error) throw result;
    expect(result.body.map((m) => m.MessageBody)).toEqual(['now']);
    expect(ms).toBeLessThan(5000);
  });

  it('uses the queue PollingWaitSeconds when the request gives none', async () => {
    await sdk.createQueue('lp-default', { PollingWaitSeconds: 1 });
    const { ms, result } = await timed(() => sdk.receiveMessage('lp-default'));
    expect((result as Error).name).toBe('MNSMessageNotExistError');
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('wakes when a delayed message becomes visible', async () => {
    await sdk.createQueue('lp-delay');
    await sdk.sendMessage('lp-delay', { MessageBody: 'later', DelaySeconds: 1 });
    const { ms, result } = await timed(() => sdk.receiveMessage('lp-delay', 5));
    if (result instanceof Error) throw result;
    expect(result.body.MessageBody).toBe('later');
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(4000);
  });

  it('a client that disconnects mid-poll leaves no waiter behind, and stop ends polls at once', async () => {
    await sdk.createQueue('lp-gone');
    const controller = new AbortController();
    const abandoned = rawRequest(smq.endpoint, {
      method: 'GET',
      target: '/queues/lp-gone/messages?waitseconds=20',
      accessKeyId: smq.accessKeyId,
      accessKeySecret: smq.accessKeySecret,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    const outcome = await abandoned.then(
      (answer) => `answered ${answer.status} ${answer.body}`,
      (error: Error) => error.name,
    );
    expect(outcome).toBe('AbortError');
    // The abandoned poll must not swallow the next message.
    await sdk.sendMessage('lp-gone', { MessageBody: 'for-the-next' });
    expect((await sdk.receiveMessage('lp-gone')).body.MessageBody).toBe('for-the-next');

    const other = await startSmqEmulator();
    const client = new MnsClient('1', {
      endpoint: other.endpoint,
      accessKeyId: other.accessKeyId,
      accessKeySecret: other.accessKeySecret,
    });
    await client.createQueue('lp-stop');
    const polling = timed(() => client.receiveMessage('lp-stop', 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.close();
    const { ms } = await polling;
    expect(ms).toBeLessThan(5000);
  });
});
