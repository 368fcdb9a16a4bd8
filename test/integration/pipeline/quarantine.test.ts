import type { WorkflowHandle } from '@temporalio/client';
import { encodeEventBody } from '../../../common/events';
import { QUARANTINE_WORKFLOW_ID_PREFIX } from '../../../common/workflow-ids';
import { discardUpdate, quarantineEntryQuery, redriveUpdate } from '../../../workflows/definitions';
import type { quarantinedMessageWorkflow } from '../../../workflows/quarantine';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { REGION, startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

// Messages that can never be applied are set aside with their body and reason, deleted from the
// queue, and never hold up the valid messages around them.
describe('poison messages', () => {
  let stack: PipelineStack;
  beforeAll(async () => {
    stack = await startPipelineStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('quarantines each poison message with its reason, keeps valid videos flowing, and redrives or discards', async () => {
    const poison: Record<string, string> = {
      // Neither JSON nor Base64.
      'bad-base64': 'this is not an event',
      // Valid Base64 of text that is not JSON.
      'not-json': 'bm90IGpzb24gYXQgYWxs',
      'missing-id': JSON.stringify({
        EventType: 'FileUploadComplete',
        EventTime: '2026-11-25T08:00:00Z',
        Status: 'success',
      }),
      'not-video-media': encodeEventBody(
        {
          EventType: 'ImageUploadComplete',
          EventTime: '2026-11-25T08:00:00:120Z',
          ImageId: '9c8b7a6d5e4f30211f2e3d4c5b6a7980',
          Status: 'success',
        },
        'base64',
      ),
    };
    const sent = new Map<string, string>();
    for (const [expectedReason, body] of Object.entries(poison)) {
      const { messageId } = await stack.queue.sendMessage(body);
      sent.set(messageId, expectedReason);
    }
    await stack.startConsumer();
    const videoId = await stack.upload('between poison');
    await stack.waitForStage(videoId, 'ready');

    const prefix = `${QUARANTINE_WORKFLOW_ID_PREFIX}${REGION}:${stack.queueName}:`;
    const entries = await eventually(async () => {
      const found: WorkflowHandle<typeof quarantinedMessageWorkflow>[] = [];
      for await (const execution of stack.worker.client.workflow.list({
        query: `WorkflowType = "quarantinedMessageWorkflow" AND WorkflowId STARTS_WITH "${prefix}"`,
      })) {
        found.push(stack.worker.client.workflow.getHandle(execution.workflowId));
      }
      expect(found).toHaveLength(sent.size);
      return found;
    });
    const byReason = new Map<string, WorkflowHandle<typeof quarantinedMessageWorkflow>>();
    for (const handle of entries) {
      const entry = await handle.query(quarantineEntryQuery);
      expect(entry.reasonCode).toBe(sent.get(entry.messageId));
      expect(entry.rawBody).toBe(poison[entry.reasonCode]);
      expect(entry.reason.length).toBeGreaterThan(10);
      expect(entry.state).toBe('quarantined');
      byReason.set(entry.reasonCode, handle);
    }
    await eventually(async () => {
      const attributes = await stack.queue.getAttributes();
      expect(attributes.activeMessages + attributes.inactiveMessages).toBe(0);
    });

    // Redrive the id-less event corrected: it reaches the video it was meant for.
    const corrected = JSON.stringify({
      EventType: 'VideoAnalysisComplete',
      EventTime: '2026-11-25T08:00:00Z',
      VideoId: videoId,
      Status: 'success',
      Duration: 12.5,
    });
    const missingId = byReason.get('missing-id');
    if (!missingId) throw new Error('missing-id entry not found');
    const { newMessageId } = await missingId.executeUpdate(redriveUpdate, { args: [{ body: corrected }] });
    expect(newMessageId).toMatch(/\S/);
    expect((await missingId.result()).state).toBe('redriven');
    await eventually(async () => expect((await stack.state(videoId)).analysis?.durationSeconds).toBe(12.5));
    await recordHistory(missingId, 'quarantine-redriven');

    const image = byReason.get('not-video-media');
    if (!image) throw new Error('not-video-media entry not found');
    await image.executeUpdate(discardUpdate, { args: [{ reason: 'images are not tracked' }] });
    expect(await image.result()).toMatchObject({
      state: 'discarded',
      discardReason: 'images are not tracked',
    });
    await expect(image.executeUpdate(discardUpdate, { args: [{}] })).rejects.toThrow();
  });
});
