import { encodeEventBody, type VodEventWire } from '../../../common/events';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { eventually } from '../../helpers/eventually';

// The poller sends the events of one video that arrive in one received batch as one signal: a burst
// (a transcode's streams, a backlog after an outage) costs one signal-with-start, not one per event.
describe('poller: one signal per video and batch', () => {
  let stack: PipelineStack;

  beforeAll(async () => {
    stack = await startPipelineStack({ policy: { transcode: 'auto', snapshot: false, aiAudit: false } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('delivers a burst of one video as fewer signals than events, every event applied once', async () => {
    const videoId = 'c0a1e5ce000000000000000000000001';
    const at = (s: number) => `2026-11-25T08:00:${String(s).padStart(2, '0')}Z`;
    const events: VodEventWire[] = [
      { EventType: 'FileUploadComplete', EventTime: at(0), VideoId: videoId, Status: 'success', Size: 1024 },
      {
        EventType: 'VideoAnalysisComplete',
        EventTime: at(1),
        VideoId: videoId,
        Status: 'success',
        Duration: 60,
      },
      ...['LD', 'SD', 'HD'].map((Definition, i): VodEventWire => ({
        EventType: 'StreamTranscodeComplete',
        EventTime: at(10 + i),
        VideoId: videoId,
        Status: 'success',
        Definition,
        JobId: `job${i}`,
        FileUrl: `http://media.example.com/${videoId}/${Definition}.m3u8`,
      })),
      { EventType: 'TranscodeComplete', EventTime: at(20), VideoId: videoId, Status: 'success' },
    ];
    // In the queue before the consumer starts: its first receive takes them all at once.
    await stack.queue.sendMessages(events.map((event) => encodeEventBody(event, 'base64')));
    await stack.startConsumer();

    const view = await eventually(async () => {
      const state = await stack.state(videoId);
      expect(state.counters).toEqual({ applied: events.length, duplicates: 0, unknown: 0 });
      return state;
    });
    expect(view.stage).toBe('ready');
    const history = await stack.worker.client.workflow.getHandle(videoWorkflowId(videoId)).fetchHistory();
    const signals = (history.events ?? []).flatMap((event) =>
      event.workflowExecutionSignaledEventAttributes
        ? [event.workflowExecutionSignaledEventAttributes.signalName]
        : [],
    );
    expect(signals.length).toBeLessThan(events.length);
    expect(signals).toContain('vodEvents');
  });
});
