import { videoWorkflowId } from '../../../common/workflow-ids';
import { pipelineTaskQueues } from '../../../common/task-queues';
import { activityDepsFromConfig } from '../../../workers/activity-deps';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { silentLog, startPipelineWorker, type RunningPipelineWorker } from '../../helpers/pipeline-worker';

// A burst of due reconciliation checks (every transcode event of ten videos lost, their deadlines
// passing together) goes through the VOD read task queue at the rate the Temporal server allows,
// and every video still gets its answer. The start times come from the workflows' histories.

const VIDEOS = 10;
const READS_PER_SECOND = 1;

describe('the rate-limited VOD read queue', () => {
  let stack: PipelineStack;
  let worker: RunningPipelineWorker | undefined;
  afterAll(async () => {
    // The stack stops its consumer and waits for it to drain: the worker must still be there.
    await stack?.close();
    await worker?.stop();
  });

  it('spaces a burst of due checks at its rate, and settles every one', async () => {
    stack = await startPipelineStack({
      inProcessWorker: false,
      policy: { snapshot: false, aiAudit: false },
      env: {
        VODFLOW_DEADLINE_TRANSCODE_SECONDS: '1',
        VODFLOW_DEADLINE_TRANSCODE_PER_SOURCE_MINUTE_SECONDS: '0',
        VODFLOW_RECHECK_INITIAL_SECONDS: '1',
        VODFLOW_RECHECK_MAX_SECONDS: '2',
      },
    });
    worker = await startPipelineWorker(
      { ...activityDepsFromConfig(stack.config, silentLog), heartbeatIntervalMs: 1_000 },
      { taskQueue: stack.taskQueue, vodReadsPerSecond: READS_PER_SECOND },
    );
    await stack.vod.setFaults({ dropEventTypes: ['StreamTranscodeComplete', 'TranscodeComplete'] });
    await stack.startConsumer();
    const videoIds = await Promise.all(Array.from({ length: VIDEOS }, (_, i) => stack.upload(`burst ${i}`)));
    for (const videoId of videoIds) {
      const view = await stack.waitForStage(videoId, 'ready', 120_000);
      expect(view.reconciled).toEqual({ transcode: 1 });
    }

    const readQueue = pipelineTaskQueues(stack.taskQueue).vodReads;
    const starts: number[] = [];
    for (const videoId of videoIds) {
      const history = await worker.client.workflow.getHandle(videoWorkflowId(videoId)).fetchHistory();
      const scheduledOnReadQueue = new Set<string>();
      for (const event of history.events ?? []) {
        const scheduled = event.activityTaskScheduledEventAttributes;
        if (scheduled?.taskQueue?.name === readQueue) scheduledOnReadQueue.add(String(event.eventId));
        const started = event.activityTaskStartedEventAttributes;
        if (started && scheduledOnReadQueue.has(String(started.scheduledEventId)))
          starts.push(
            Number(event.eventTime?.seconds) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6),
          );
      }
    }
    expect(starts.length).toBeGreaterThanOrEqual(VIDEOS);
    starts.sort((a, b) => a - b);
    // Bounds that only the limit explains and a slow machine cannot break. Unlimited, the ten checks
    // start within a fraction of a second. The server applies the rate per task queue partition,
    // with a small burst, so the bounds leave room for both: at most 4 in any second, and the burst
    // spread over more than half of the ideal (n − 1) / rate seconds.
    for (const [i, at] of starts.entries()) {
      const inWindow = starts.slice(i).filter((other) => other < at + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(4);
    }
    const spanMs = (starts.at(-1) ?? 0) - (starts[0] ?? 0);
    expect(spanMs).toBeGreaterThanOrEqual(((starts.length - 1) / READS_PER_SECOND / 2) * 1000);
  });
});
