import { eventually } from '../helpers/eventually';
import { startPipelineStack, type PipelineStack } from '../helpers/pipeline-stack';
import { runVodflow } from '../helpers/vodflow-cli';

// `vodflow status` of a video whose VOD call keeps failing: the follow-up's own record says only
// "submitting" until retries are over, so status shows the activity Temporal keeps retrying.
describe('vodflow status while a follow-up keeps failing', () => {
  let stack: PipelineStack;

  beforeAll(async () => {
    stack = await startPipelineStack({ policy: { transcode: 'submit' } });
    await stack.startConsumer();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows the pending activity's attempt, last error and next retry", async () => {
    const { VideoId: videoId } = await stack.vodClient.createUploadVideo({
      Title: 'throttled',
      FileName: 'a.mp4',
    });
    // Every API call is throttled from here on; the upload still completes (admin) and its event comes.
    await stack.vod.setFaults({ throttleRate: 1 });
    await stack.vod.completeUpload(videoId);

    const shown = await eventually(
      async () => {
        const result = await runVodflow(['status', videoId], stack.workerEnv);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/activity \S+: attempt [2-9]\d*, /);
        return result.stdout;
      },
      { timeoutMs: 60_000 },
    );
    expect(shown).toMatch(/last error: .*Throttling/);
    expect(shown).toMatch(/next retry \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);

    const json = await runVodflow(['status', videoId, '--output', 'json'], stack.workerEnv);
    const view = JSON.parse(json.stdout) as {
      pendingActivities: { attempt: number; lastError?: string }[];
      upcomingChecks: unknown[];
    };
    expect(view.pendingActivities[0]?.lastError).toMatch(/Throttling/);
    // A submission still under way has no job to ask VOD about: no check is planned for it yet.
    expect(view.upcomingChecks).toEqual([]);
    await stack.vod.setFaults({ throttleRate: 0 });
  }, 90_000);
});
