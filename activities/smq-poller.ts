import { Context } from '@temporalio/activity';
import { CancelledFailure, type MetricMeter } from '@temporalio/common';
import { emptyPollerRunStats, type PollerRunResult } from '../workflows/consumer-stats';
import type { EventMeta } from '../workflows/video-state';
import { Limiter } from './limiter';
import { pollerMetrics } from './poller-metrics';
import type { PollerOptions } from '../common/poller-options';
import { classifyMessage, type PoisonVerdict } from './message-classifier';
import type { DeleteFailure, QueuePort, ReceivedMessage } from './queue-port';
import { groupByVideo } from './video-groups';
import type { VodEventSignalArgs } from '../workflows/definitions';
import type { SignalOutcome } from './video-signaller';
import { abortableSleep } from './poller/abortable-sleep';
import { DeleteBatcher, type DeleteOutcome } from './poller/delete-batcher';
import { InFlightMessages, type InFlightMessage } from './poller/in-flight-messages';
import { OncePer } from './poller/once-per';
import { RunControl } from './poller/run-control';
import { errorCode, isSetupError, isTransient, snakeCaseCode } from './poller/setup-errors';

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
  /**
   * Aborted when the worker begins to shut down: pollers stop receiving at once, finish what they
   * hold and return, instead of waiting for the SDK to cancel them after its grace time.
   */
  shutdownSignal?: AbortSignal;
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

const RECEIVE_ERROR_BACKOFF_MS = [200, 500, 1_000, 2_000, 5_000];
// Bodies carried by one signal at most (a body is at most 64 KiB; Temporal refuses payloads of 2 MiB).
const MAX_SIGNAL_BODY_BYTES = 256 * 1024;
// A stopping poller says what it still waits for this often.
const DRAIN_REPORT_EVERY_MS = 2_000;
const SETUP_ERROR_LOG_EVERY_MS = 60_000;
const DEFAULT_RETRY_FAILED_AFTER_SECONDS = 1;

interface VideoEvent {
  item: InFlightMessage;
  videoId: string;
  payload: VodEventSignalArgs;
  bytes: number;
}

// The poller activity: receive → decode → signal-with-start → delete, for one run of
// `options.runForMs`. Its one rule: a message is deleted only after Temporal has recorded what it
// carries (the signal, or its quarantine). Everything else — a failed signal, a crash, a timeout —
// leaves the message in the queue to come back, and the video workflow's dedup absorbs the repeat.
export function createPollQueue(deps: PollerDeps) {
  // Per worker process: a queue that stays missing is logged once a minute, not on every run.
  const setupErrorLog = new OncePer(SETUP_ERROR_LOG_EVERY_MS);

  return async function pollQueue({ region, queue, options }: PollQueueInput): Promise<PollerRunResult> {
    const context = Context.current();
    const result: PollerRunResult = emptyPollerRunStats();
    const port = deps.queue(region, queue);
    const limiter = new Limiter(options.signalConcurrency);
    const stopAt = Date.now() + options.runForMs;
    const run = new RunControl(stopAt, {
      cancellation: context.cancellationSignal,
      shutdown: deps.shutdownSignal,
    });
    const metrics = pollerMetrics(deps.metrics ?? context.metricMeter, { region, queue });
    const appId = deps.enforcedAppId?.(region, queue);
    const visibilityMs = options.visibilityTimeoutSeconds * 1000;
    const inFlight = new InFlightMessages(visibilityMs);
    const deletes = new DeleteBatcher<InFlightMessage>(deleteMessages, reportDeletes);
    const handleOperations = new Set<Promise<void>>();
    const extending = new Set<InFlightMessage>();

    // Several heartbeats per heartbeat timeout, so that one slow beat does not look like a crash.
    const beatEveryMs = Math.min(
      deps.heartbeatIntervalMs ?? 5_000,
      (options.heartbeatTimeoutMs ?? 30_000) / 3,
    );
    const timers = [
      setInterval(() => context.heartbeat(result), beatEveryMs),
      setInterval(extendDue, Math.max(100, visibilityMs / 4)),
    ];
    const stopDrainReports = reportDrainWhileStopping();
    try {
      context.heartbeat(result);
      await run.runLoops(options.receivers, receiveLoop);
      await deletes.flushed();
      await settled(handleOperations);
    } finally {
      for (const timer of timers) clearInterval(timer);
      stopDrainReports();
      run.dispose();
    }

    switch (run.reason) {
      case 'failed':
        throw run.error;
      case 'cancelled':
        deps.log.info('poller stopped on cancellation after draining its in-flight messages', {
          region,
          queue,
          ...result,
        });
        throw new CancelledFailure('poller cancelled', [result]);
      case 'shutdown':
        deps.log.info('poller stopped for the worker shutdown after draining its in-flight messages', {
          region,
          queue,
          ...result,
        });
        return result;
      default:
        return result;
    }

    async function receiveLoop(): Promise<void> {
      let errorsInARow = 0;
      while (!run.reason) {
        let messages: ReceivedMessage[];
        try {
          const secondsLeft = Math.floor((stopAt - Date.now()) / 1000);
          messages = await port.receive(
            options.batchSize,
            Math.max(0, Math.min(options.waitSeconds, secondsLeft)),
            run.signal,
          );
          errorsInARow = 0;
        } catch (err) {
          if (run.signal.aborted) return;
          const code = errorCode(err);
          result.receiveFailures += 1;
          metrics.receiveFailures(snakeCaseCode(code));
          if (isSetupError(err)) {
            reportSetupError(code, err);
            return;
          }
          if (!isTransient(err)) throw err;
          const pause =
            RECEIVE_ERROR_BACKOFF_MS[Math.min(errorsInARow, RECEIVE_ERROR_BACKOFF_MS.length - 1)] ?? 1_000;
          errorsInARow += 1;
          deps.log.warn('receive failed; retrying', { region, queue, error: String(err), pauseMs: pause });
          await abortableSleep(Math.min(pause, Math.max(0, stopAt - Date.now())), run.signal);
          continue;
        }
        if (messages.length === 0) continue;
        result.batches += 1;
        result.received += messages.length;
        result.lastReceiveAt = new Date().toISOString();
        metrics.received(messages.length);
        metrics.batchSize(messages.length);
        await handleBatch(messages);
      }
    }

    // The run ends and reports the error; its consumer shows it and waits before the next run.
    function reportSetupError(code: string, err: unknown): void {
      const message = err instanceof Error ? err.message : String(err);
      result.setupError ??= { code, message, at: new Date().toISOString() };
      if (setupErrorLog.allow(`${region}/${queue}/${code}`)) {
        deps.log.warn('SMQ refuses this queue or its credentials; the consumer waits and tries again', {
          region,
          queue,
          code,
          error: message,
        });
      }
      run.stop('setup');
    }

    // Signals (and quarantines) every message of the batch; each group's messages are deleted, or
    // released, as soon as that group is settled.
    async function handleBatch(messages: ReceivedMessage[]): Promise<void> {
      const items = inFlight.add(messages, Date.now());
      const events: VideoEvent[] = [];
      const work: Promise<void>[] = [];
      for (const item of items) {
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
        const groupItems = group.map((event) => event.item);
        work.push(limiter.run(() => settle(groupItems, () => signal(group))));
      }
      await Promise.all(work);
    }

    async function quarantine(message: ReceivedMessage, verdict: PoisonVerdict): Promise<void> {
      await deps.quarantine({ region, queue, message, verdict });
      result.quarantined += 1;
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
        result.signalled += 1;
        if (item.message.dequeueCount > 1) result.duplicatesSeen += 1;
      }
    }

    async function settle(items: InFlightMessage[], record: () => Promise<void>): Promise<void> {
      try {
        await record();
      } catch (err) {
        // Not recorded: the messages stay in the queue and come back.
        result.signalFailures += items.length;
        metrics.signalFailures(items.length);
        deps.log.warn('could not record messages; they will be redelivered', {
          region,
          queue,
          messageIds: items.map((item) => item.message.messageId),
          error: String(err),
        });
        for (const item of items) release(item);
        return;
      }
      for (const item of items) item.state = 'recorded';
      deletes.add(items);
    }

    // A message whose signal failed comes back after retryFailedAfterSeconds rather than after the
    // rest of its visibility timeout (sqs-consumer's terminateVisibilityTimeout).
    function release(item: InFlightMessage): void {
      item.state = 'released';
      // Inputs recorded before this option existed carry none.
      const seconds = options.retryFailedAfterSeconds ?? DEFAULT_RETRY_FAILED_AFTER_SECONDS;
      if (seconds === 0) {
        inFlight.forget(item);
        return;
      }
      track(
        inFlight
          .withHandle(item, async (handle) => {
            await port.changeVisibility(handle, seconds);
            result.released += 1;
            metrics.released();
          })
          .catch((err: unknown) => {
            deps.log.warn('could not release a message; it comes back after its visibility timeout', {
              region,
              queue,
              messageId: item.message.messageId,
              error: String(err),
            });
          })
          .finally(() => inFlight.forget(item)),
      );
    }

    // Keeps every message the run still holds invisible, so that a slow signal does not turn into
    // a redelivery. Each extension returns a new handle; the old one dies.
    function extendDue(): void {
      for (const item of inFlight.dueForExtension(Date.now())) {
        if (extending.has(item)) continue;
        extending.add(item);
        track(
          inFlight
            .withHandle(item, async (handle) => {
              if (item.state !== 'signalling') return;
              const next = await port.changeVisibility(handle, options.visibilityTimeoutSeconds);
              inFlight.extended(item, next, Date.now());
              result.visibilityExtensions += 1;
            })
            .catch((err: unknown) => {
              // Too late (the message is visible again): it will be redelivered and deduplicated.
              deps.log.warn('could not extend visibility', {
                region,
                queue,
                messageId: item.message.messageId,
                error: String(err),
              });
            })
            .finally(() => extending.delete(item)),
        );
      }
    }

    async function deleteMessages(
      items: InFlightMessage[],
    ): Promise<{ failed: { item: InFlightMessage; failure: DeleteFailure }[] }> {
      // An extension under way changes the handle: delete with the one it leaves.
      await Promise.all(items.map((item) => item.pending));
      const byHandle = new Map(items.map((item) => [item.handle, item]));
      const { failed } = await port.deleteBatch([...byHandle.keys()]);
      return {
        failed: failed.flatMap((failure) => {
          const item = byHandle.get(failure.receiptHandle);
          return item ? [{ item, failure }] : [];
        }),
      };
    }

    function reportDeletes({ deleted, refused, failed }: DeleteOutcome<InFlightMessage>): void {
      for (const item of deleted) inFlight.forget(item);
      result.deleted += deleted.length;
      if (deleted.length > 0) metrics.deleted(deleted.length);
      for (const { item, failure } of refused) {
        inFlight.forget(item);
        result.deleteFailures += 1;
        metrics.deleteFailures(1);
        deps.log.warn('delete refused; the message will come back and be deduplicated', {
          region,
          queue,
          ...failure,
        });
      }
      for (const { items, error } of failed) {
        for (const item of items) inFlight.forget(item);
        result.deleteFailures += items.length;
        metrics.deleteFailures(items.length);
        deps.log.warn('batch delete failed; the messages will come back and be deduplicated', {
          region,
          queue,
          count: items.length,
          error: String(error),
        });
      }
    }

    function track(operation: Promise<void>): void {
      handleOperations.add(operation);
      void operation.finally(() => handleOperations.delete(operation));
    }

    // Says, while a stopped run finishes its messages, how many it still holds.
    function reportDrainWhileStopping(): () => void {
      let timer: NodeJS.Timeout | undefined;
      const report = (): void => {
        if (inFlight.size === 0) return;
        deps.log.info('poller stopping: finishing the signals and deletes of its in-flight messages', {
          region,
          queue,
          reason: run.reason,
          inFlight: inFlight.size,
        });
      };
      const onStop = (): void => {
        if (run.reason !== 'cancelled' && run.reason !== 'shutdown') return;
        report();
        timer = setInterval(report, DRAIN_REPORT_EVERY_MS);
      };
      run.signal.addEventListener('abort', onStop, { once: true });
      return () => {
        run.signal.removeEventListener('abort', onStop);
        clearInterval(timer);
      };
    }
  };
}

/** Waits for every operation in the set, including those added while waiting. */
async function settled(operations: Set<Promise<void>>): Promise<void> {
  while (operations.size > 0) await Promise.all(operations);
}
