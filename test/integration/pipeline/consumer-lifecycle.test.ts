import { consumerStatsQuery } from '../../../workflows/definitions';
import { eventually } from '../../helpers/eventually';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

// The consumer keeps polling across its own continue-as-new, with its counters carried over.
describe('consumer lifecycle', () => {
  let stack: PipelineStack;
  afterAll(async () => {
    await stack?.close();
  });

  it('continues as new after a few poller runs without losing counters or events', async () => {
    stack = await startPipelineStack({
      poller: { runForMs: 1_000, waitSeconds: 1 },
      consumerRunsPerWorkflowRun: 2,
    });
    const consumer = await stack.startConsumer();
    const firstRunId = (await consumer.describe()).runId;
    const before = await stack.upload('before the restart');
    await stack.waitForStage(before, 'ready');

    await eventually(async () => expect((await consumer.describe()).runId).not.toBe(firstRunId), {
      timeoutMs: 20_000,
    });
    const after = await stack.upload('after the restart');
    await stack.waitForStage(after, 'ready');

    const stats = await eventually(async () => {
      const current = await consumer.query(consumerStatsQuery);
      expect(current.pollerRuns).toBeGreaterThanOrEqual(3);
      return current;
    });
    expect(stats.received).toBeGreaterThan(0);
    expect(stats.signalFailures).toBe(0);
  });
});
