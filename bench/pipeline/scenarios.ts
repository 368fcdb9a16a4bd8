import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Limiter } from '../../activities/limiter';
import type { SmqClient } from '../../clients/smq';
import { decodeMessageBody, encodeEventBody, videoIdOf } from '../../common/events';
import { pollerOptionsSchema } from '../../common/poller-options';
import { videoWorkflowId } from '../../common/workflow-ids';
import { startConsumers } from '../../starters/start-consumers';
import {
  stopConsumerSignal,
  videoStateQuery,
  vodEventSignal,
  type VodEventSignalArgs,
} from '../../workflows/definitions';
import type { smqConsumerWorkflow } from '../../workflows/consumer';
import type { videoWorkflow } from '../../workflows/video';
import { BENCH_POLICY, BENCH_REGION, BENCH_TASK_QUEUE, type BenchStack } from './bench-stack';
import { eventsForVideo, syntheticVideoId } from './synthetic-events';

const EVENTS_PER_VIDEO = 10;
const DRAIN_TIMEOUT_MS = 10 * 60_000;

export interface Throughput {
  events: number;
  seconds: number;
  perSecond: number;
}

/** `count` SMQ bodies (Base64 JSON, as VOD writes them) for count/10 fresh videos. */
export function bodiesFor(run: string, count: number): { videoIds: string[]; bodies: string[] } {
  const videoIds = Array.from({ length: Math.ceil(count / EVENTS_PER_VIDEO) }, (_, i) =>
    syntheticVideoId(run, i),
  );
  const start = Date.UTC(2026, 10, 25, 8, 0, 0);
  const bodies = videoIds
    .flatMap((videoId) => eventsForVideo(videoId, start))
    .slice(0, count)
    .map((event) => encodeEventBody(event, 'base64'));
  return { videoIds, bodies };
}

export async function preload(queue: SmqClient, bodies: string[]): Promise<void> {
  const limiter = new Limiter(8);
  const batches: string[][] = [];
  for (let i = 0; i < bodies.length; i += 16) batches.push(bodies.slice(i, i + 16));
  await Promise.all(
    batches.map((batch) =>
      limiter.run(async () => {
        const { failed } = await queue.sendMessages(batch);
        if (failed.length > 0) throw new Error(`preload: ${failed.length} sends failed (${failed[0]?.code})`);
      }),
    ),
  );
}

function decodeOrThrow(body: string) {
  const decoded = decodeMessageBody(body);
  if (!decoded.ok) throw new Error(`benchmark body does not decode: ${decoded.error.message}`);
  const videoId = videoIdOf(decoded.event);
  if (!videoId) throw new Error('benchmark event names no video');
  return { event: decoded.event, videoId };
}

async function signalWithStart(stack: BenchStack, body: string, messageId: string): Promise<void> {
  const { event, videoId } = decodeOrThrow(body);
  await stack.client.workflow.signalWithStart<typeof videoWorkflow, [VodEventSignalArgs]>('videoWorkflow', {
    workflowId: videoWorkflowId(videoId),
    taskQueue: BENCH_TASK_QUEUE,
    args: [{ videoId, region: BENCH_REGION, policy: BENCH_POLICY }],
    signal: vodEventSignal,
    signalArgs: [{ event, meta: { source: 'queue', messageId } }],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
}

function throughput(events: number, startedAt: number): Throughput {
  const seconds = (Date.now() - startedAt) / 1000;
  return { events, seconds, perSecond: events / seconds };
}

/** (a) The ceiling: a bare client doing signal-with-start at high concurrency, no queue at all. */
export async function rawCeiling(stack: BenchStack, count: number, concurrency: number): Promise<Throughput> {
  const { bodies } = bodiesFor(`raw-${Date.now()}`, count);
  const limiter = new Limiter(concurrency);
  const startedAt = Date.now();
  await Promise.all(bodies.map((body, i) => limiter.run(() => signalWithStart(stack, body, `raw-${i}`))));
  return throughput(count, startedAt);
}

/** (b) What a user writes from the SDK samples: receive one, signal-with-start, delete, in a loop. */
export async function naiveLoop(stack: BenchStack, count: number): Promise<Throughput> {
  const queue = await stack.queue(`bench-naive-${Date.now()}`);
  await preload(queue, bodiesFor(`naive-${Date.now()}`, count).bodies);
  const startedAt = Date.now();
  let done = 0;
  while (done < count && Date.now() - startedAt < DRAIN_TIMEOUT_MS) {
    const [message] = await queue.receiveMessages(1, 1);
    if (!message) continue;
    await signalWithStart(stack, message.body, message.messageId);
    await queue.deleteMessage(message.receiptHandle);
    done += 1;
  }
  return throughput(done, startedAt);
}

async function waitUntilDrained(queue: SmqClient, expectedAtLeastOnce: () => boolean): Promise<void> {
  const startedAt = Date.now();
  for (;;) {
    const attributes = await queue.getAttributes();
    if (
      attributes.activeMessages + attributes.inactiveMessages + attributes.delayMessages === 0 &&
      expectedAtLeastOnce()
    )
      return;
    if (Date.now() - startedAt > DRAIN_TIMEOUT_MS) throw new Error('the queue did not drain in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runConsumer(stack: BenchStack, queueName: string) {
  const [started] = await startConsumers(stack.client, {
    queues: [{ region: BENCH_REGION, queue: queueName }],
    shards: 1,
    taskQueue: BENCH_TASK_QUEUE,
    poller: pollerOptionsSchema.parse({
      waitSeconds: 1,
      runForMs: 10 * 60_000,
      signalConcurrency: 128,
      receivers: 4,
    }),
  });
  if (!started) throw new Error('no consumer started');
  const handle = stack.client.workflow.getHandle<typeof smqConsumerWorkflow>(started.workflowId);
  return {
    async stop() {
      await handle.signal(stopConsumerSignal);
      return handle.result();
    },
  };
}

/** (c) vodflow's consumer draining `count` pre-loaded events. */
export async function vodflowDrain(stack: BenchStack, count: number): Promise<Throughput> {
  const queueName = `bench-vodflow-${Date.now()}`;
  const queue = await stack.queue(queueName);
  await preload(queue, bodiesFor(`vodflow-${Date.now()}`, count).bodies);
  const startedAt = Date.now();
  const consumer = await runConsumer(stack, queueName);
  await waitUntilDrained(queue, () => true);
  const result = throughput(count, startedAt);
  const stats = await consumer.stop();
  if (stats.signalled < count) throw new Error(`only ${stats.signalled} of ${count} events were signalled`);
  return result;
}

/**
 * (d) Latency from enqueue to the event being applied in its video's state, with events arriving at
 * `ratePerSecond` for `seconds`. The lag is what each video workflow recorded (SMQ EnqueueTime to the
 * workflow task that applied the event).
 */
export async function latencyAtRate(
  stack: BenchStack,
  ratePerSecond: number,
  seconds: number,
): Promise<{ lags: number[]; sent: number }> {
  const queueName = `bench-latency-${Date.now()}`;
  const queue = await stack.queue(queueName);
  const total = Math.max(EVENTS_PER_VIDEO, Math.round(ratePerSecond * seconds));
  const { videoIds, bodies } = bodiesFor(`latency-${Date.now()}`, total);
  const consumer = await runConsumer(stack, queueName);
  const tickMs = 100;
  const perTick = Math.max(1, Math.round((ratePerSecond * tickMs) / 1000));
  const startedAt = Date.now();
  for (let sent = 0, tick = 0; sent < bodies.length; tick++) {
    const batch = bodies.slice(sent, sent + perTick);
    for (let i = 0; i < batch.length; i += 16) await queue.sendMessages(batch.slice(i, i + 16));
    sent += batch.length;
    const wait = startedAt + (tick + 1) * tickMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await waitUntilDrained(queue, () => true);
  await consumer.stop();

  const lags: number[] = [];
  const limiter = new Limiter(16);
  await Promise.all(
    videoIds.map((videoId) =>
      limiter.run(async () => {
        const view = await stack.client.workflow
          .getHandle<typeof videoWorkflow>(videoWorkflowId(videoId))
          .query(videoStateQuery);
        for (const entry of view.log) if (entry.lagMs !== undefined) lags.push(entry.lagMs);
      }),
    ),
  );
  return { lags, sent: bodies.length };
}
