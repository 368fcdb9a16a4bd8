import { connectClient } from '../../clients/temporal/connect';
import { sweepScheduleId } from '../../common/workflow-ids';
import { eventually } from '../helpers/eventually';
import { REGION, startPipelineStack, type PipelineStack } from '../helpers/pipeline-stack';
import { runVodflow } from '../helpers/vodflow-cli';

// The vodflow command as a person runs it: a process, configured by the environment.
describe('vodflow CLI', () => {
  let stack: PipelineStack;
  const run = (...args: string[]) => runVodflow(args, stack.workerEnv);

  beforeAll(async () => {
    // No grace period: the sweep test's video was created a moment ago.
    stack = await startPipelineStack({ env: { VODFLOW_SWEEP_GRACE_MINUTES: '0' } });
    await stack.startConsumer();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows a video, lists videos by stage, and refuses a retry with the reason', async () => {
    const videoId = await stack.upload('cli video');
    await stack.waitForStage(videoId, 'ready');

    const status = await run('status', videoId, '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ videoId, stage: 'ready' });
    const human = await run('status', videoId);
    expect(human.stdout).toContain(`video ${videoId} “cli video”: ready`);
    expect(human.stdout).toMatch(/^closes when idle at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /m);

    await eventually(async () => {
      const listed = await run('list', '--stage', 'ready', '--json', '--limit', '500');
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { videoId: string }[]).map((v) => v.videoId)).toContain(videoId);
    });

    const refused = await run('retry', videoId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: no stage has failed/);

    expect((await run('list', '--stage', 'sideways')).code).toBe(2);
    expect((await run('list', '--output', 'json')).code).toBe(0);
  });

  it('says "video X not found" (exit 1) for a video vodflow never saw, whatever the command', async () => {
    const videoId = 'ffffffffffffffffffffffffffffffff';
    for (const args of [
      ['status', videoId],
      ['retry', videoId],
      ['cancel', videoId],
    ]) {
      const result = await run(...args);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toBe(`vodflow: video ${videoId} not found: vodflow has seen no event of it\n`);
    }
    const entry = await run('quarantine', 'show', 'no-such-message');
    expect(entry.code).toBe(1);
    expect(entry.stderr).toContain('quarantined message no-such-message not found');
  });

  it('lists, shows and redrives a quarantined message', async () => {
    const { messageId } = await stack.queue.sendMessage('definitely not an event');
    const entry = await eventually(async () => {
      const listed = await run(
        'quarantine',
        'list',
        '--json',
        '--region',
        REGION,
        '--queue',
        stack.queueName,
      );
      const entries = JSON.parse(listed.stdout) as { messageId: string; reasonCode: string }[];
      const found = entries.find((e) => e.messageId === messageId);
      expect(found).toBeDefined();
      return found;
    });
    expect(entry?.reasonCode).toBe('bad-base64');
    const shown = await run('quarantine', 'show', messageId);
    expect(shown.stdout).toContain('definitely not an event');

    const redriven = await run('quarantine', 'redrive', messageId);
    expect(redriven.code).toBe(0);
    expect(redriven.stdout).toMatch(/sent back to its queue as message \S+/);
    // The entry is closed by the redrive: a second decision about it is refused.
    expect((await run('quarantine', 'discard', messageId)).code).toBe(1);
  });

  it('configures the VOD callback and starts consumers idempotently', async () => {
    const configured = await run(
      'configure-callback',
      '--region',
      REGION,
      '--queue',
      stack.queueName,
      '--mns-endpoint',
      stack.smq.endpoint,
      '--events',
      'FileUploadComplete,TranscodeComplete',
    );
    expect(configured.code).toBe(0);
    const { MessageCallback } = await stack.vodClient.getMessageCallback();
    expect(MessageCallback).toMatchObject({
      MnsQueueName: stack.queueName,
      EventTypeList: 'FileUploadComplete,TranscodeComplete',
    });

    // The first run may bring the test's consumer to the configured settings; the second changes nothing.
    expect((await run('consume', '--region', REGION, '--queue', stack.queueName)).code).toBe(0);
    const consumed = await run('consume', '--region', REGION, '--queue', stack.queueName);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout).toContain(`unchanged  smq-consumer:${REGION}:${stack.queueName}:0`);
    const listed = await run('consumers', '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { workflowId: string; status: string }[];
    expect(rows).toContainEqual(
      expect.objectContaining({
        workflowId: `smq-consumer:${REGION}:${stack.queueName}:0`,
        status: 'polling',
      }),
    );
    expect((await run('consume', '--region', REGION)).code).toBe(2);
  });

  it('sweeps now for videos vodflow never heard of, and creates the sweep Schedule', async () => {
    // Every event of this video is lost (emulator marker): only the sweep can find it.
    const videoId = await stack.upload('vodemu-lose-events cli sweep');
    const swept = await run('sweep', 'now', '--region', REGION, '--json');
    expect(swept.code).toBe(0);
    const result = JSON.parse(swept.stdout) as { started: string[]; listed: number };
    expect(result.started).toContain(videoId);
    await eventually(async () => {
      const view = await stack.state(videoId);
      expect(view.discoveredBy).toBe('sweep');
      expect(view.uploaded?.source).toBe('reconcile');
    });
    const shown = await run('status', videoId);
    expect(shown.stdout).toContain('recovered from the VOD API (event lost): upload 1');

    // Every call names its region, so one endpoint serving several regions keeps them apart.
    const elsewhere = await run('sweep', 'now', '--region', 'ap-southeast-1', '--json');
    expect(JSON.parse(elsewhere.stdout)).toMatchObject({ listed: 0, started: [] });
    const { regions } = (await (await fetch(`${stack.vod.endpoint}/__admin/stats`)).json()) as {
      regions: Record<string, number>;
    };
    expect(regions['ap-southeast-1']).toBeGreaterThan(0);
    expect(regions[REGION]).toBeGreaterThan(0);
    expect(regions.none).toBeUndefined();
    const mars = await run('sweep', 'now', '--region', 'mars-1');
    expect(mars.code).toBe(2);
    expect(mars.stderr).toContain('"mars-1" is not a VOD region');

    // Another region than the one other tests schedule, so that they do not share the Schedule.
    const scheduled = await run('sweep', 'schedule', '--region', 'cn-beijing');
    expect(scheduled.code).toBe(0);
    expect(scheduled.stdout).toContain('sweep schedule for cn-beijing: every 15 min');
    expect((await run('sweep', 'schedule', '--region', 'cn-beijing')).stdout).toContain('updated');
    expect((await run('sweep', 'sideways')).code).toBe(2);
    const { client, close } = await connectClient(stack.config.temporal);
    try {
      await client.schedule.getHandle(sweepScheduleId('cn-beijing')).delete();
    } finally {
      await close();
    }
  });
});
