import { Context } from '@temporalio/activity';
import { CancelledFailure, type MetricMeter } from '@temporalio/common';
import { emptyPollerRunStats, type PollerRunStats } from '../workflows/consumer-stats';
import type { EventMeta } from '../workflows/video-state';
import { Limiter } from './limiter';
import { pollerMetrics } from './poller-metrics';
import type { PollerOptions } from '../common/poller-options';
import { classifyMessage, type PoisonVerdict } from './message-classifier';
import type { QueuePort, ReceivedMessage } from './queue-port';
import { groupByVideo } from './video-groups';
import type { VodEventSignalArgs } from '../workflows/definitions';
import type { SignalOutcome } from './video-signaller';

export interface PollerDeps {
  queue(region: string, queue: string): QueuePort;
  /**
   * One signal-with-start carrying every payload, in order; resolves once Temporal recorded it.
   * `appId`: the application the video must belong to, checked by its workflow.
   */
  signalVideo(
    videoId: string,
    region: string,
    payloads: VodEventSignalArgs[],
    appId?: string,
  ): Promise<SignalOutcome>;
  /** The VOD application a queue serves, when the deployment named one. */
  enforcedAppId?(region: string, queue: string): string | undefined;
  quarantine(entry: {
    region: string;
    queue: string;
    message: ReceivedMessage;
    verdict: PoisonVerdict;
  }): Promise<void>;
  log: PollerLog;
  /** Where the poller's metrics go; the activity context's meter when absent (tests). */
  metrics?: MetricMeter;
  /** Heartbeat cadence; the consumer's heartbeat timeout must be several of these. */
  heartbeatIntervalMs?: number;
}

export interface PollerLog {
  warn(message: string, fields: Record<string, unknown>): void;
  info(message: string, fields: Record<string, unknown>): void;
}

export interface PollQueueInput {
  region: string;
  queue: string;
  shard: number;
  options: PollerOptions;
}

// One tracked message of a batch: its handle changes when its visibility is extended.
interface InFlight {
  message: ReceivedMessage;
  handle: string;
  settled: boolean;
  /** Recorded by Temporal (signal accepted, or quarantined): safe to delete. */
  deletable: boolean;
}

const RECEIVE_ERROR_BACKOFF_MS = [200, 500, 1_000, 2_000, 5_000];
// Bodies carried by one signal at most (a body is at most 64 KiB; Temporal refuses payloads of 2 MiB).
const MAX_SIGNAL_BODY_BYTES = 256 * 1024;

interface VideoEvent {
  item: InFlight;
  videoId: string;
  payload: VodEventSignalArgs;
  bytes: number;
}

// The poller activity: receive → decode → signal-with-start → delete, for one run of
// `options.runForMs`. Its one rule: a message is deleted only after Temporal has recorded what it
// carries (the signal, or its quarantine). Everything else — a failed signal, a crash, a timeout —
// leaves the message in the queue to come back, and the video workflow's dedup absorbs the repeat.
export function createPollQueue(deps: PollerDeps) {
  return async function pollQueue({ region, queue, options }: PollQueueInput): Promise<PollerRunStats> {
    const context = Context.current();
    const stats = emptyPollerRunStats();
    const port = deps.queue(region, queue);
    const limiter = new Limiter(options.signalConcurrency);
    const stopAt = Date.now() + options.runForMs;
    const stopping = (): boolean => context.cancellationSignal.aborted || Date.now() >= stopAt;
    const metrics = pollerMetrics(deps.metrics ?? context.metricMeter, { region, queue });
    const appId = deps.enforcedAppId?.(region, queue);

    // Several heartbeats per heartbeat timeout, so that one slow beat does not look like a crash.
    const beatEveryMs = Math.min(
      deps.heartbeatIntervalMs ?? 5_000,
      (options.heartbeatTimeoutMs ?? 30_000) / 3,
    );
    const heartbeat = setInterval(() => context.heartbeat(stats), beatEveryMs);
    try {
      context.heartbeat(stats);
      await Promise.all(Array.from({ length: options.receivers }, () => receiveLoop()));
    } finally {
      clearInterval(heartbeat);
    }
    if (context.cancellationSignal.aborted) {
      deps.log.info('poller stopped on cancellation after draining its in-flight messages', {
        region,
        queue,
        ...stats,
      });
      throw new CancelledFailure('poller cancelled', [stats]);
    }
    return stats;

    async function receiveLoop(): Promise<void> {
      let errorsInARow = 0;
      while (!stopping()) {
        let messages: ReceivedMessage[];
        try {
          const secondsLeft = Math.floor((stopAt - Date.now()) / 1000);
          messages = await port.receive(
            options.batchSize,
            Math.max(0, Math.min(options.waitSeconds, secondsLeft)),
          );
          errorsInARow = 0;
        } catch (err) {
          if (!isTransient(err)) throw err;
          const pause =
            RECEIVE_ERROR_BACKOFF_MS[Math.min(errorsInARow, RECEIVE_ERROR_BACKOFF_MS.length - 1)] ?? 1_000;
          errorsInARow += 1;
          deps.log.warn('receive failed; retrying', { region, queue, error: String(err), pauseMs: pause });
          await sleep(pause, context.cancellationSignal);
          continue;
        }
        if (messages.length === 0) continue;
        stats.batches += 1;
        stats.received += messages.length;
        metrics.received(messages.length);
        metrics.batchSize(messages.length);
        await handleBatch(messages);
      }
    }

    async function handleBatch(messages: ReceivedMessage[]): Promise<void> {
      const batch: InFlight[] = messages.map((message) => ({
        message,
        handle: message.receiptHandle,
        settled: false,
        deletable: false,
      }));
      const extender = startVisibilityExtender(batch);
      const events: VideoEvent[] = [];
      const work: Promise<void>[] = [];
      for (const item of batch) {
        const { message } = item;
        const verdict = classifyMessage(message.body, options.maxBodyBytes, appId);
        if (verdict.kind === 'poison') {
          work.push(limiter.run(() => settle([item], () => quarantine(message, verdict))));
          continue;
        }
        const meta: EventMeta = {
          source: 'queue',
          region,
          queue,
          messageId: message.messageId,
          enqueueTime: message.enqueueTime,
          dequeueCount: message.dequeueCount,
        };
        const bytes = Buffer.byteLength(message.body, 'utf8');
        events.push({ item, videoId: verdict.videoId, payload: { event: verdict.event, meta }, bytes });
      }
      const groups = options.coalesceEvents
        ? groupByVideo(events, MAX_SIGNAL_BODY_BYTES)
        : events.map((event) => [event]);
      for (const group of groups) {
        const items = group.map((event) => event.item);
        work.push(limiter.run(() => settle(items, () => signal(group))));
      }
      await Promise.all(work);
      await extender.stop();
      await deleteRecorded(batch);
    }

    async function quarantine(message: ReceivedMessage, verdict: PoisonVerdict): Promise<void> {
      await deps.quarantine({ region, queue, message, verdict });
      stats.quarantined += 1;
      metrics.quarantined();
      deps.log.warn('quarantined a message', {
        region,
        queue,
        messageId: message.messageId,
        reasonCode: verdict.reasonCode,
        reason: verdict.reason,
      });
    }

    // One signal for every event of the group: all of them are recorded, or none.
    async function signal(group: VideoEvent[]): Promise<void> {
      const [first] = group;
      if (!first) return;
      const sentAt = Date.now();
      await deps.signalVideo(
        first.videoId,
        region,
        group.map((event) => event.payload),
        appId,
      );
      metrics.signalLatency(Date.now() - sentAt);
      for (const { item } of group) {
        metrics.queueLag(Date.now() - item.message.enqueueTime);
        stats.signalled += 1;
        if (item.message.dequeueCount > 1) stats.duplicatesSeen += 1;
      }
    }

    async function settle(items: InFlight[], record: () => Promise<void>): Promise<void> {
      try {
        await record();
        for (const item of items) item.deletable = true;
      } catch (err) {
        // Not recorded: the messages stay in the queue and come back after their visibility timeout.
        stats.signalFailures += items.length;
        metrics.signalFailures(items.length);
        deps.log.warn('could not record messages; they will be redelivered', {
          region,
          queue,
          messageIds: items.map((item) => item.message.messageId),
          error: String(err),
        });
      } finally {
        for (const item of items) item.settled = true;
      }
    }

    // Keeps unsettled messages invisible while they are being signalled, so that a slow Temporal
    // does not turn into a redelivery storm. Each extension returns a new handle; the old one dies.
    function startVisibilityExtender(batch: InFlight[]): { stop(): Promise<void> } {
      const everyMs = Math.max(500, (options.visibilityTimeoutSeconds * 1000) / 2);
      let running: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        running = running.then(() => extend(batch.filter((item) => !item.settled)));
      }, everyMs);
      return {
        async stop() {
          clearInterval(timer);
          await running;
        },
      };
    }

    async function extend(items: InFlight[]): Promise<void> {
      await Promise.all(
        items.map(async (item) => {
          try {
            item.handle = await port.changeVisibility(item.handle, options.visibilityTimeoutSeconds);
            stats.visibilityExtensions += 1;
          } catch (err) {
            // Too late (the message is visible again): it will be redelivered and deduplicated.
            deps.log.warn('could not extend visibility', {
              region,
              queue,
              messageId: item.message.messageId,
              error: String(err),
            });
          }
        }),
      );
    }

    async function deleteRecorded(batch: InFlight[]): Promise<void> {
      const handles = batch.filter((item) => item.deletable).map((item) => item.handle);
      if (handles.length === 0) return;
      try {
        const { failed } = await port.deleteBatch(handles);
        stats.deleted += handles.length - failed.length;
        stats.deleteFailures += failed.length;
        metrics.deleted(handles.length - failed.length);
        if (failed.length > 0) metrics.deleteFailures(failed.length);
        for (const failure of failed) {
          deps.log.warn('delete refused; the message will come back and be deduplicated', {
            region,
            queue,
            ...failure,
          });
        }
      } catch (err) {
        stats.deleteFailures += handles.length;
        metrics.deleteFailures(handles.length);
        deps.log.warn('batch delete failed; the messages will come back and be deduplicated', {
          region,
          queue,
          count: handles.length,
          error: String(err),
        });
      }
    }
  };
}

function isTransient(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { transient?: unknown }).transient === true;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
