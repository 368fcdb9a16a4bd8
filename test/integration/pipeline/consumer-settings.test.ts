import { connectClient } from '../../../clients/temporal/connect';
import { parsePollerOptions } from '../../../common/poller-options';
import { consumerWorkflowId } from '../../../common/workflow-ids';
import { startConsumers } from '../../../starters/start-consumers';
import { activityDepsFromConfig } from '../../../workers/activity-deps';
import type { smqConsumerWorkflow } from '../../../workflows/consumer';
import { consumerStateQuery, stopConsumerSignal } from '../../../workflows/definitions';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { REGION, startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { silentLog, startPipelineWorker, type RunningPipelineWorker } from '../../helpers/pipeline-worker';

// Running consumers follow `vodflow consume`: new settings reach them by update, fewer shards stop
// the surplus ones after they drain; and SMQ refusing the credentials shows in the consumer's state
// and costs no event once the credentials are fixed.

describe('consumer settings', () => {
  let stack: PipelineStack;
  afterAll(async () => {
    await stack?.close();
  });

  it('takes new settings while running, and stops the shards beyond a lowered count', async () => {
    stack = await startPipelineStack({ poller: { receivers: 1, waitSeconds: 1 } });
    const consumer = await stack.startConsumer();
    const { client } = stack.worker;
    const queues = [{ region: REGION, queue: stack.queueName }];
    const settings = parsePollerOptions({ receivers: 3, waitSeconds: 1, runForMs: 60_000 });

    const grown = await startConsumers(client, {
      queues,
      shards: 3,
      taskQueue: stack.taskQueue,
      poller: settings,
    });
    expect(grown.map((result) => result.outcome)).toEqual(['updated', 'started', 'started']);
    const view = await consumer.query(consumerStateQuery);
    expect(view.settings.receivers).toBe(3);
    expect(view.status).toBe('polling');
    const first = await stack.upload('after new settings');
    await stack.waitForStage(first, 'ready');

    const again = await startConsumers(client, {
      queues,
      shards: 3,
      taskQueue: stack.taskQueue,
      poller: settings,
    });
    expect(again.map((result) => result.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);

    const surplus = [1, 2].map((shard) =>
      client.workflow.getHandle<typeof smqConsumerWorkflow>(
        consumerWorkflowId({ region: REGION, queue: stack.queueName, shard }),
      ),
    );
    // The list of running consumers may lag behind the starts: ask until both are found.
    await eventually(async () => {
      const shrunk = await startConsumers(client, {
        queues,
        shards: 1,
        taskQueue: stack.taskQueue,
        poller: settings,
      });
      expect(
        shrunk
          .filter((result) => result.outcome === 'stopped')
          .map((result) => result.workflowId)
          .sort(),
      ).toEqual(surplus.map((handle) => handle.workflowId));
    });
    for (const handle of surplus) await handle.result();
    const second = await stack.upload('after fewer shards');
    await stack.waitForStage(second, 'ready');
    expect((await consumer.describe()).status.name).toBe('RUNNING');
    await recordHistory(consumer, 'consumer-v1-reconfigured');
  });
});

describe('consumer settings without a worker', () => {
  let stack: PipelineStack;
  afterAll(async () => {
    await stack?.restartWorker();
    await stack?.close();
  });

  it('says that no worker took the new settings instead of waiting for one', async () => {
    stack = await startPipelineStack({ inProcessWorker: false, poller: { receivers: 1 } });
    await stack.startConsumer();
    const { client, close } = await connectClient(stack.config.temporal);
    try {
      const [result] = await startConsumers(client, {
        queues: [{ region: REGION, queue: stack.queueName }],
        shards: 1,
        taskQueue: stack.taskQueue,
        poller: parsePollerOptions({ receivers: 4 }),
        updateWaitMs: 2_000,
      });
      expect(result?.outcome).toBe('unanswered');
    } finally {
      await close();
    }
  });
});

describe('consumer with refused credentials', () => {
  let stack: PipelineStack;
  let badWorker: RunningPipelineWorker | undefined;
  afterAll(async () => {
    await badWorker?.stop();
    await stack?.close();
  });

  it('shows the refusal, waits, and loses nothing once the credentials are fixed', async () => {
    stack = await startPipelineStack({ inProcessWorker: false, poller: { waitSeconds: 1 } });
    const credentials = stack.config.credentials;
    if (!credentials) throw new Error('the stack has credentials');
    const refused = { ...stack.config, credentials: { ...credentials, accessKeySecret: 'not-the-secret' } };
    badWorker = await startPipelineWorker(
      { ...activityDepsFromConfig(refused, silentLog), heartbeatIntervalMs: 1_000 },
      { taskQueue: stack.taskQueue },
    );
    const consumer = await stack.startConsumer();
    const videoId = await stack.upload('sent while the credentials are wrong');

    const waiting = await eventually(async () => {
      const view = await consumer.query(consumerStateQuery);
      expect(view.status).toBe('waiting after a setup error');
      return view;
    });
    expect(waiting.lastError?.code).toBe('SignatureDoesNotMatch');
    expect(waiting.nextAttemptAt).toBeDefined();
    expect(waiting.stats.received).toBe(0);
    // The consumer waits: no activity failures, no retries in a loop.
    const description = await consumer.describe();
    expect(description.raw.pendingActivities ?? []).toHaveLength(0);

    await badWorker.stop();
    badWorker = undefined;
    await stack.restartWorker();
    const view = await stack.waitForStage(videoId, 'ready', 90_000);
    expect(view.counters.duplicates).toBe(0);
    expect((await consumer.query(consumerStateQuery)).status).toBe('polling');
    // A run that ends without the error clears the count; the last error stays on show.
    await consumer.signal(stopConsumerSignal);
    const stats = await consumer.result();
    expect(stats.receiveFailures).toBeGreaterThan(0);
    const recovered = await consumer.query(consumerStateQuery);
    expect(recovered.setupErrorsInARow).toBe(0);
    expect(recovered.lastError?.code).toBe('SignatureDoesNotMatch');
    await recordHistory(consumer, 'consumer-v1-credentials-refused-then-fixed');
  });
});
