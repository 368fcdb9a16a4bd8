import type { WorkflowHandle } from '@temporalio/client';
import type { smqConsumerWorkflow } from '../../../workflows/consumer';
import { stopConsumerSignal } from '../../../workflows/definitions';
import { recordHistory } from '../../helpers/history-recorder';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { eventually } from '../../helpers/eventually';

// The whole product on loopback: VOD emulator → SMQ emulator → poller → video workflows → follow-up
// jobs back at the VOD emulator → their events → ... → ready.
describe('pipeline end to end', () => {
  let stack: PipelineStack;

  let consumer: WorkflowHandle<typeof smqConsumerWorkflow>;

  beforeAll(async () => {
    stack = await startPipelineStack();
    consumer = await stack.startConsumer();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('takes several videos from upload to ready, submitting each follow-up once, and drains the queue', async () => {
    const videoIds = await Promise.all(Array.from({ length: 4 }, (_, i) => stack.upload(`clip ${i}`)));
    for (const videoId of videoIds) {
      const state = await stack.waitForStage(videoId, 'ready');
      expect(state.uploaded?.implied).toBe(false);
      expect(state.stages.transcode.attempts).toEqual([
        expect.objectContaining({ attempt: 1, status: 'succeeded' }),
      ]);
      expect(state.stages.snapshot.attempts).toEqual([
        expect.objectContaining({ attempt: 1, status: 'succeeded' }),
      ]);
      expect(state.stages.aiAudit.attempts).toEqual([
        expect.objectContaining({ attempt: 1, status: 'succeeded' }),
      ]);
      expect(Object.keys(state.streams).length).toBeGreaterThan(0);
    }
    const calls = await stack.vod.callCounts();
    expect(calls).toMatchObject({
      SubmitTranscodeJobs: videoIds.length,
      SubmitSnapshotJob: videoIds.length,
      SubmitAIMediaAuditJob: videoIds.length,
    });
    await eventually(async () => {
      const attributes = await stack.queue.getAttributes();
      expect(attributes.activeMessages + attributes.inactiveMessages + attributes.delayMessages).toBe(0);
    });
  });

  it('stops the consumer on request after draining, with counters that add up', async () => {
    await consumer.signal(stopConsumerSignal);
    const stats = await consumer.result();
    expect(stats.received).toBeGreaterThan(0);
    expect(stats.signalled + stats.quarantined).toBe(stats.received);
    expect(stats.deleted).toBe(stats.received);
    expect(stats.signalFailures + stats.deleteFailures).toBe(0);
    await recordHistory(consumer, 'consumer-stopped-after-draining');
  });
});
