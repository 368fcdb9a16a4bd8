import { MockActivityEnvironment } from '@temporalio/testing';
import { CancelledFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { SmqClient } from '../../../clients/smq';
import { parsePollerOptions, type PollerOptionsInput } from '../../../common/poller-options';
import { createPollQueue, type PollerDeps } from '../../../activities/smq-poller';
import { smqQueuePort } from '../../../activities/smq-queue-port';
import type { QueuePort } from '../../../activities/queue-port';
import type { PollerRunResult } from '../../../workflows/consumer-stats';
import { eventually } from '../../helpers/eventually';
import { recordingMeter } from '../../helpers/recording-meter';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';

// The poller activity against the SMQ emulator over HTTP (the official SDK underneath), with the
// signal-with-start replaced by a function the test controls: what it holds, the poller holds.

const REGION = 'cn-shanghai';

describe('pollQueue', () => {
  let smq: RunningSmqEmulator;

  beforeAll(async () => {
    smq = await startSmqEmulator();
  });
  afterAll(async () => {
    await smq?.close();
  });

  async function freshQueue(visibilityTimeout: number): Promise<{ name: string; client: SmqClient }> {
    const name = `poller-${randomUUID().slice(0, 8)}`;
    const client = new SmqClient(name, {
      accessKeyId: smq.accessKeyId,
      accessKeySecret: smq.accessKeySecret,
      endpoint: smq.endpoint,
    });
    await client.createQueue({ visibilityTimeout });
    return { name, client };
  }

  function uploadBody(videoId: string): string {
    return JSON.stringify({
      EventType: 'FileUploadComplete',
      EventTime: '2026-01-12T06:40:05Z',
      VideoId: videoId,
      Status: 'success',
      Size: '1024',
    });
  }

  interface Harness {
    deps: PollerDeps;
    logs: string[];
    signalled: string[];
  }

  function harness(
    client: SmqClient,
    signalVideo: PollerDeps['signalVideo'] = () => Promise.resolve('signalled'),
    wrap: (port: QueuePort) => QueuePort = (port) => port,
  ): Harness {
    const logs: string[] = [];
    const signalled: string[] = [];
    const port = wrap(smqQueuePort(client));
    return {
      logs,
      signalled,
      deps: {
        queue: () => port,
        signalVideo: async (videoId, region, payloads) => {
          const outcome = await signalVideo(videoId, region, payloads);
          signalled.push(videoId);
          return outcome;
        },
        quarantine: () => Promise.resolve(),
        log: { info: (message) => logs.push(message), warn: (message) => logs.push(message) },
        heartbeatIntervalMs: 200,
      },
    };
  }

  const options = (input: PollerOptionsInput) =>
    parsePollerOptions({ batchSize: 16, receivers: 1, heartbeatTimeoutMs: 3_000, ...input });

  function run(
    env: MockActivityEnvironment,
    deps: PollerDeps,
    queue: string,
    input: PollerOptionsInput,
  ): Promise<PollerRunResult> {
    const pollQueue = createPollQueue(deps);
    return env.run(pollQueue, { region: REGION, queue, shard: 0, options: options(input) });
  }

  function deferred(): { promise: Promise<void>; resolve(): void } {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  }

  it('keeps every undeleted message of a batch invisible and deletes the finished ones at once', async () => {
    const { name, client } = await freshQueue(2);
    const slowVideo = 'slow-video';
    const fastVideos = ['fast-1', 'fast-2', 'fast-3'];
    for (const videoId of [slowVideo, ...fastVideos]) await client.sendMessage(uploadBody(videoId));
    // Every visibility change and delete answers late.
    await smq.admin.setFaults({ latencyMs: 300, operations: ['visibility', 'delete'] });
    const slow = deferred();
    const { deps } = harness(client, async (videoId) => {
      if (videoId === slowVideo) await slow.promise;
      return 'signalled';
    });
    try {
      const running = run(new MockActivityEnvironment(), deps, name, {
        visibilityTimeoutSeconds: 2,
        waitSeconds: 1,
        runForMs: 1_000,
      });
      // The three fast messages are deleted while the slow one is still being signalled.
      await eventually(async () => {
        const messages = await smq.admin.messages(name);
        expect(messages.map((m) => m.body)).toEqual([uploadBody(slowVideo)]);
      });
      // The slow message outlives several visibility timeouts without ever becoming visible.
      await eventually(
        async () => {
          const [message] = await smq.admin.messages(name);
          expect(message?.state).toBe('inflight');
          expect((await smq.admin.stats()).engine.visibilityChanges).toBeGreaterThanOrEqual(3);
        },
        { timeoutMs: 30_000 },
      );
      slow.resolve();
      const result = await running;
      expect(result).toMatchObject({ received: 4, signalled: 4, deleted: 4, deleteFailures: 0 });
      expect(result.visibilityExtensions).toBeGreaterThanOrEqual(3);
      expect(await smq.admin.messages(name)).toEqual([]);
      expect((await smq.admin.stats()).engine.redelivered).toBe(0);
    } finally {
      slow.resolve();
      await smq.admin.clearFaults();
    }
  });

  it('releases a message whose signal failed at once, not after its visibility timeout', async () => {
    const { name, client } = await freshQueue(600);
    await client.sendMessage(uploadBody('refused-video'));
    const { deps, logs } = harness(client, () => Promise.reject(new Error('Temporal is away')));
    const result = await run(new MockActivityEnvironment(), deps, name, {
      waitSeconds: 1,
      runForMs: 1_000,
      retryFailedAfterSeconds: 1,
    });
    // The run may receive it again before it ends: each failed signal is released.
    expect(result.signalFailures).toBeGreaterThanOrEqual(1);
    expect(result).toMatchObject({
      received: result.signalFailures,
      released: result.signalFailures,
      deleted: 0,
    });
    expect(logs).toContain('could not record messages; they will be redelivered');
    // Visible again long before the queue's ten minutes.
    await eventually(async () => {
      const [message] = await smq.admin.messages(name);
      expect(message?.state).toBe('visible');
    });
  });

  it('stops every receive loop, and lets them settle, when one of them fails', async () => {
    const { name, client } = await freshQueue(30);
    let started = 0;
    let ended = 0;
    const broken = Object.assign(new Error('the queue answered nonsense'), { code: 'MalformedXML' });
    const { deps } = harness(client, undefined, (port) => ({
      ...port,
      async receive(max, waitSeconds, signal) {
        started += 1;
        try {
          if (started === 3) throw broken;
          return await port.receive(max, waitSeconds, signal);
        } finally {
          ended += 1;
        }
      },
    }));
    const failure = run(new MockActivityEnvironment(), deps, name, {
      receivers: 3,
      waitSeconds: 30,
      runForMs: 60 * 60_000,
    });
    await expect(failure).rejects.toBe(broken);
    // The two siblings were in 30-second long polls: they were aborted and had ended before the
    // activity failed, and nothing receives after it.
    expect(ended).toBe(started);
    const receivesAtFailure = started;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(started).toBe(receivesAtFailure);
  });

  it('returns at once when cancelled while idle, ending its long poll', async () => {
    const { name, client } = await freshQueue(30);
    const { deps } = harness(client);
    const env = new MockActivityEnvironment();
    const requestsBefore = (await smq.admin.stats()).requests.BatchReceiveMessage ?? 0;
    const running = run(env, deps, name, { receivers: 2, waitSeconds: 30, runForMs: 60 * 60_000 });
    await eventually(async () =>
      expect((await smq.admin.stats()).requests.BatchReceiveMessage ?? 0).toBeGreaterThanOrEqual(
        requestsBefore + 2,
      ),
    );
    const cancelledAt = Date.now();
    env.cancel();
    await expect(running).rejects.toBeInstanceOf(CancelledFailure);
    // Far less than the 30-second long polls it was in: the abort closed them.
    expect(Date.now() - cancelledAt).toBeLessThan(15_000);
  });

  it('finishes the signals and deletes of its in-flight messages when cancelled, and says so', async () => {
    const { name, client } = await freshQueue(30);
    await client.sendMessage(uploadBody('in-flight-1'));
    await client.sendMessage(uploadBody('in-flight-2'));
    const held = deferred();
    let signalsStarted = 0;
    const { deps, logs, signalled } = harness(client, async () => {
      signalsStarted += 1;
      await held.promise;
      return 'signalled';
    });
    const env = new MockActivityEnvironment();
    const running = run(env, deps, name, { waitSeconds: 1, runForMs: 60 * 60_000 });
    await eventually(() => expect(signalsStarted).toBe(2));
    env.cancel();
    await eventually(() =>
      expect(logs).toContain('poller stopping: finishing the signals and deletes of its in-flight messages'),
    );
    held.resolve();
    const failure: unknown = await running.catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CancelledFailure);
    const [drained] = (failure as CancelledFailure).details as [PollerRunResult];
    expect(drained).toMatchObject({ received: 2, signalled: 2, deleted: 2 });
    expect(signalled.sort()).toEqual(['in-flight-1', 'in-flight-2']);
    expect(await smq.admin.messages(name)).toEqual([]);
  });

  it('returns, without failing, once its worker begins to shut down, after finishing what it holds', async () => {
    const { name, client } = await freshQueue(30);
    await client.sendMessage(uploadBody('at-shutdown'));
    const held = deferred();
    let signalStarted = false;
    const { deps, logs } = harness(client, async () => {
      signalStarted = true;
      await held.promise;
      return 'signalled';
    });
    const shutdown = new AbortController();
    const running = run(new MockActivityEnvironment(), { ...deps, shutdownSignal: shutdown.signal }, name, {
      receivers: 2,
      waitSeconds: 30,
      runForMs: 60 * 60_000,
    });
    await eventually(() => expect(signalStarted).toBe(true));
    shutdown.abort();
    await eventually(() =>
      expect(logs).toContain('poller stopping: finishing the signals and deletes of its in-flight messages'),
    );
    held.resolve();
    // The consumer starts its next run on a worker that is not stopping.
    await expect(running).resolves.toMatchObject({ received: 1, signalled: 1, deleted: 1 });
    expect(await smq.admin.messages(name)).toEqual([]);
  });

  it('reports a missing queue as a setup error instead of failing', async () => {
    const name = `missing-${randomUUID().slice(0, 8)}`;
    const client = new SmqClient(name, {
      accessKeyId: smq.accessKeyId,
      accessKeySecret: smq.accessKeySecret,
      endpoint: smq.endpoint,
    });
    const { deps, logs } = harness(client);
    const { meter, samples } = recordingMeter();
    const result = await run(new MockActivityEnvironment(undefined, { metricMeter: meter }), deps, name, {
      receivers: 2,
      runForMs: 60 * 60_000,
    });
    expect(result.setupError).toMatchObject({ code: 'QueueNotExist' });
    expect(result.receiveFailures).toBeGreaterThanOrEqual(1);
    const counted = samples.filter((sample) => sample.name === 'vodflow_smq_receive_failures');
    expect(counted.length).toBe(result.receiveFailures);
    expect(counted[0]?.tags).toMatchObject({ code: 'queue_not_exist', queue: name, region: REGION });
    // Both loops met it; it is logged once.
    expect(logs.filter((line) => line.startsWith('SMQ refuses'))).toHaveLength(1);
  });
});
