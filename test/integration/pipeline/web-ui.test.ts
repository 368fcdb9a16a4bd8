import { connectClient } from '../../../clients/temporal/connect';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { REGION, startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

interface HandlerDefinition {
  name: string;
  description?: string;
}
interface WorkflowMetadata {
  definition: {
    type: string;
    queryDefinitions: HandlerDefinition[];
    signalDefinitions: HandlerDefinition[];
    updateDefinitions: HandlerDefinition[];
  };
  currentDetails?: string;
}

// What the Web UI shows without opening a workflow's history: its summary, its current details,
// and a description of every handler (read with the same built-in query the Web UI sends).
describe('video workflows in the Web UI', () => {
  let stack: PipelineStack;
  let consumer: Awaited<ReturnType<PipelineStack['startConsumer']>>;
  beforeAll(async () => {
    stack = await startPipelineStack();
    consumer = await stack.startConsumer();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('names the video and its stage, and describes every signal, query and update', async () => {
    const videoId = await stack.upload('web ui');
    await stack.waitForStage(videoId, 'ready');
    const { client, close } = await connectClient(stack.config.temporal);
    try {
      const handle = client.workflow.getHandle(videoWorkflowId(videoId));
      expect(await (await handle.describe()).staticSummary()).toBe(`video ${videoId} in ${REGION}`);
      const metadata = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
      expect(metadata.currentDetails).toMatch(/^“web ui”: stage ready \(\w+\), last event \w+/);
      const { queryDefinitions, signalDefinitions, updateDefinitions } = metadata.definition;
      const ours = [...queryDefinitions, ...signalDefinitions, ...updateDefinitions].filter(
        (handler) => !handler.name.startsWith('__'),
      );
      expect(ours.map((handler) => handler.name).sort()).toEqual(
        ['cancel', 'retryHook', 'retryStage', 'state', 'vodEvent', 'vodEvents'].sort(),
      );
      expect(ours.filter((handler) => (handler.description ?? '').length < 10)).toEqual([]);
    } finally {
      await close();
    }
    const consumerMetadata = await consumer.query<WorkflowMetadata>('__temporal_workflow_metadata');
    const { queryDefinitions, signalDefinitions } = consumerMetadata.definition;
    const consumerHandlers = [...queryDefinitions, ...signalDefinitions].filter(
      (h) => !h.name.startsWith('__'),
    );
    expect(consumerHandlers.map((h) => [h.name, (h.description ?? '').length > 10])).toEqual(
      expect.arrayContaining([
        ['consumerStats', true],
        ['stopConsumer', true],
      ]),
    );
  });
});
