import type { TiedProcess } from '../../../devstack/tied-process';
import { eventually } from '../../helpers/eventually';
import { startWorkerProcess } from '../../helpers/worker-process';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

// The worker process (workers/main.ts) is killed with SIGKILL while its poller has signalled a
// batch but not yet deleted it. After a new worker takes over, every event has reached its video
// exactly once in effect, and each follow-up was submitted once.
describe('worker crash between signal and delete', () => {
  let stack: PipelineStack;
  let workerProcess: TiedProcess | undefined;

  afterAll(async () => {
    workerProcess?.kill('SIGKILL');
    await stack?.close();
  });

  it('loses nothing and applies nothing twice', async () => {
    stack = await startPipelineStack({
      inProcessWorker: false,
      visibilityTimeout: 3,
      env: { VODFLOW_FOLLOW_UP_TIMEOUT_SECONDS: '5' },
      poller: { heartbeatTimeoutMs: 4_000 },
    });
    workerProcess = await startWorkerProcess(stack.workerEnv);

    // Deletes hang: the poller records its signals, then waits on the delete when it is killed.
    await stack.smq.admin.setFaults({ latencyMs: 60_000, operations: ['delete'] });
    await stack.startConsumer();
    const videoIds = await Promise.all([stack.upload('crash 1'), stack.upload('crash 2')]);
    await eventually(async () => {
      for (const videoId of videoIds) expect((await stack.state(videoId)).uploaded?.implied).toBe(false);
    });
    workerProcess.kill('SIGKILL');
    await workerProcess.exited;

    await stack.smq.admin.clearFaults();
    await stack.restartWorker();
    for (const videoId of videoIds) {
      const view = await stack.waitForStage(videoId, 'ready', 90_000);
      // The upload event came back after its visibility timeout and was recognised.
      expect(view.counters.duplicates).toBeGreaterThan(0);
      expect(
        view.log.filter((entry) => entry.eventType === 'FileUploadComplete' && entry.result === 'applied'),
      ).toHaveLength(1);
    }
    expect(await stack.vod.callCounts()).toMatchObject({
      SubmitTranscodeJobs: videoIds.length,
      SubmitSnapshotJob: videoIds.length,
      SubmitAIMediaAuditJob: videoIds.length,
    });
    await eventually(
      async () => {
        const attributes = await stack.queue.getAttributes();
        expect(attributes.activeMessages + attributes.inactiveMessages).toBe(0);
      },
      { timeoutMs: 30_000 },
    );
  });
});
