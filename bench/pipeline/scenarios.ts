import { WorkflowIdReusePolicy } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Limiter } from '../../activities/limiter';
import type { SmqClient } from '../../clients/smq';
import { parsePollerOptions } from '../../common/poller-options';
import { videoWorkflowId } from '../../common/workflow-ids';
import { startConsumers } from '../../starters/start-consumers';
import {
  stopConsumerSignal,
  videoStateQuery,
  vodEventSignal,
  type VodEventSignalArgs,
} from '../../workflows/definitions';
import type { smqConsumerWorkflow } from '../../workflows/consumer';
import { CURRENT_PATCH_BASELINE } from '../../workflows/patch-baseline';
import type { videoWorkflow } from '../../workflows/video';
import { BENCH_POLICY, BENCH_REGION, BENCH_TASK_QUEUE, type BenchStack } from './bench-stack';
import {
  bodiesFor,
  decodeOrThrow,
  EVENTS_PER_VIDEO,
  preload,
  sleep,
  throughput,
  withAppliedRate,
  type Throughput,
} from './load';
import { videoEventsApplied } from './ceilings';

const { PendingActivityState } = temporal.api.enums.v1;
const DRAIN_TIMEOUT_MS = 30 * 60_000;
const POLLER_START_TIMEOUT_MS = 5 * 60_000;

/** (b) What a user writes from the SDK samples: receive one, signal-with-start, delete, in a loop. */
export async function naiveLoop(stack: BenchStack, count: number): Promise<Throughput> {
  const queue = await stack.queue(`bench-naive-${Date.now()}`);
  await preload(queue, bodiesFor(`naive-${Date.now()}`, count).bodies);
  const startedAt = Date.now();
  let done = 0;
  while (done < count && Date.now() - startedAt < DRAIN_TIMEOUT_MS) {
    const [message] = await queue.receiveMessages(1, 1);
    if (!message) continue;
    const { event, videoId } = decodeOrThrow(message.body);
    await stack.client.workflow.signalWithStart<typeof videoWorkflow, [VodEventSignalArgs]>('videoWorkflow', {
      workflowId: videoWorkflowId(videoId),
      taskQueue: BENCH_TASK_QUEUE,
      args: [{ videoId, region: BENCH_REGION, policy: BENCH_POLICY, patchBaseline: CURRENT_PATCH_BASELINE }],
      signal: vodEventSignal,
      signalArgs: [{ event, meta: { source: 'queue', messageId: message.messageId } }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    await queue.deleteMessage(message.receiptHandle);
    done += 1;
  }
  return throughput(done, startedAt);
}

async function waitUntilDrained(queue: SmqClient): Promise<void> {
  const startedAt = Date.now();
  for (;;) {
    const attributes = await queue.getAttributes();
    if (attributes.activeMessages + attributes.inactiveMessages + attributes.delayMessages === 0) return;
    if (Date.now() - startedAt > DRAIN_TIMEOUT_MS) throw new Error('the queue did not drain in time');
    await sleep(50);
  }
}

export interface ConsumerTuning {
  receivers: number;
  signalConcurrency: number;
  coalesceEvents: boolean;
}

async function runConsumer(stack: BenchStack, queueName: string, tuning: ConsumerTuning) {
  const startedAt = Date.now();
  const [started] = await startConsumers(stack.client, {
    queues: [{ region: BENCH_REGION, queue: queueName }],
    shards: 1,
    taskQueue: BENCH_TASK_QUEUE,
    poller: parsePollerOptions({ waitSeconds: 1, runForMs: 30 * 60_000, ...tuning }),
  });
  if (!started) throw new Error('no consumer started');
  const handle = stack.client.workflow.getHandle<typeof smqConsumerWorkflow>(started.workflowId);
  return {
    /** Waits until the consumer's poller activity runs; how long that took from the start, ms. */
    async pollerRunning(): Promise<number> {
      for (;;) {
        const { raw } = await handle.describe();
        const poller = raw.pendingActivities?.find((activity) => activity.activityType?.name === 'pollQueue');
        if (poller?.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
          return Date.now() - startedAt;
        if (Date.now() - startedAt > POLLER_START_TIMEOUT_MS)
          throw new Error(`the consumer's poller did not start within ${POLLER_START_TIMEOUT_MS} ms`);
        await sleep(20);
      }
    },
    async stop() {
      await handle.signal(stopConsumerSignal);
      return handle.result();
    },
  };
}

/** (c) vodflow's consumer draining `count` pre-loaded events; the video ids it opened. */
export async function vodflowDrain(
  stack: BenchStack,
  count: number,
  tuning: ConsumerTuning,
): Promise<Throughput & { videoIds: string[] }> {
  const queueName = `bench-vodflow-${Date.now()}`;
  const queue = await stack.queue(queueName);
  const { videoIds, bodies } = bodiesFor(`vodflow-${Date.now()}`, count);
  await preload(queue, bodies);
  const startedAt = Date.now();
  const consumer = await runConsumer(stack, queueName, tuning);
  await waitUntilDrained(queue);
  const recorded = throughput(count, startedAt);
  const result = await withAppliedRate(recorded, startedAt, videoIds, videoEventsApplied(stack));
  const stats = await consumer.stop();
  if (stats.signalled < count) throw new Error(`only ${stats.signalled} of ${count} events were signalled`);
  return { ...result, videoIds };
}

/** One event's lag, and when it was put in the queue (epoch ms). */
export interface LagSample {
  lagMs: number;
  enqueuedAt: number;
}

/**
 * (d) Latency from enqueue to the event being applied in its video's state, with events arriving at
 * `ratePerSecond` for `seconds`. The lag is what each video workflow recorded (SMQ EnqueueTime to the
 * workflow task that applied the event), read from a sample of at most `sampleVideos` videos. Sending
 * starts once the consumer's poller runs: this is a running consumer's latency; how long the start
 * took is reported apart (`pollerStartMs`).
 */
export async function latencyAtRate(
  stack: BenchStack,
  ratePerSecond: number,
  seconds: number,
  tuning: ConsumerTuning,
  sampleVideos = 300,
): Promise<{ lags: LagSample[]; sent: number; startedAt: number; pollerStartMs: number }> {
  const queueName = `bench-latency-${Date.now()}`;
  const queue = await stack.queue(queueName);
  const total = Math.max(EVENTS_PER_VIDEO, Math.round(ratePerSecond * seconds));
  const { videoIds, bodies } = bodiesFor(`latency-${Date.now()}`, total);
  const consumer = await runConsumer(stack, queueName, tuning);
  const pollerStartMs = await consumer.pollerRunning();
  const tickMs = 100;
  const perTick = Math.max(1, Math.round((ratePerSecond * tickMs) / 1000));
  const startedAt = Date.now();
  for (let sent = 0, tick = 0; sent < bodies.length; tick++) {
    const batch = bodies.slice(sent, sent + perTick);
    for (let i = 0; i < batch.length; i += 16) await queue.sendMessages(batch.slice(i, i + 16));
    sent += batch.length;
    const wait = startedAt + (tick + 1) * tickMs - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await waitUntilDrained(queue);
  await consumer.stop();

  const every = Math.max(1, Math.floor(videoIds.length / sampleVideos));
  const sampled = videoIds.filter((_, i) => i % every === 0);
  const lags: LagSample[] = [];
  const limiter = new Limiter(16);
  await Promise.all(
    sampled.map((videoId) =>
      limiter.run(async () => {
        const view = await stack.client.workflow
          .getHandle<typeof videoWorkflow>(videoWorkflowId(videoId))
          .query(videoStateQuery);
        for (const entry of view.log) {
          if (entry.lagMs === undefined) continue;
          lags.push({ lagMs: entry.lagMs, enqueuedAt: Date.parse(entry.receivedAt) - entry.lagMs });
        }
      }),
    ),
  );
  return { lags, sent: bodies.length, startedAt, pollerStartMs };
}
