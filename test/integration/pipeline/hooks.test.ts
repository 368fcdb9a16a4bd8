import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SmqClient } from '../../../clients/smq';
import type { TiedProcess } from '../../../devstack/tied-process';
import { buildUserData } from '../../../clients/vod';
import { encodeEventBody } from '../../../common/events';
import type { HookPayload } from '../../../common/hooks/hook-payload';
import type { HooksFileInput } from '../../../common/hooks/hook-schema';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { createCmsWorker } from '../../../examples/publish-when-ready/worker';
import type { PublishResult } from '../../../examples/publish-when-ready/workflows';
import { retryHookUpdate } from '../../../workflows/definitions';
import type { HookRun } from '../../../workflows/hook-ledger';
import type { VideoView } from '../../../workflows/video-state';
import { eventually } from '../../helpers/eventually';
import { recordHistory } from '../../helpers/history-recorder';
import { startWorkerProcess } from '../../helpers/worker-process';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';
import { sharedStack } from '../../helpers/shared-stack';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver';

// The user's own follow-ups end to end: a signed webhook, a message in an SMQ queue, the example
// user workflow on its own task queue (independent and as a child), each once per occurrence —
// across duplicated events and continue-as-new (runs are kept short here) — and a refused webhook
// that fails visibly and succeeds on `hooks retry`.

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SECRET_ENV = 'VODFLOW_TEST_HOOK_SECRET';
const SECRET = 'test-hook-secret-0123456789';

describe('hooks', () => {
  let stack: PipelineStack;
  let receiver: WebhookReceiver;
  let cmsWorker: Worker;
  let cmsRunning: Promise<void>;
  let cmsConnection: NativeConnection;
  let client: Client;
  let outQueue: SmqClient;
  const published: PublishResult[] = [];
  const cmsTaskQueue = `cms-${randomUUID()}`;
  const outQueueName = `hooks-out-${randomUUID().slice(0, 8)}`;
  let hooksFile: string;
  let hooks: HooksFileInput['hooks'];

  beforeAll(async () => {
    process.env[SECRET_ENV] = SECRET;
    receiver = await startWebhookReceiver(SECRET);
    const signed = (url: string) => ({ url, secretEnv: SECRET_ENV, timeoutSeconds: 2 });
    const quickRetry = { maxAttempts: 2, initialSeconds: 0.2, maxSeconds: 1 };
    hooksFile = path.join(mkdtempSync(path.join(tmpdir(), 'vodflow-hooks-')), 'hooks.json');
    hooks = [
      {
        name: 'ready-webhook',
        on: { stage: 'ready' },
        action: { webhook: signed(receiver.url('/ready')) },
      },
      { name: 'ready-queue', on: { stage: 'ready' }, action: { smq: { queue: outQueueName } } },
      {
        name: 'publish-when-ready',
        on: { stage: 'ready' },
        action: { workflow: { type: 'publishVideo', taskQueue: cmsTaskQueue } },
      },
      {
        name: 'upload-child',
        on: { event: 'FileUploadComplete', status: 'success' },
        action: { workflow: { type: 'publishVideo', taskQueue: cmsTaskQueue, mode: 'child' } },
      },
      {
        name: 'refused',
        on: { event: 'FileUploadComplete' },
        when: { extend: { hookTest: 'refuse' } },
        action: { webhook: signed(receiver.url('/refuse')) },
        retry: quickRetry,
      },
    ];
    writeFileSync(hooksFile, JSON.stringify({ hooks }));
    // Short runs: every video continues as new while its hooks fire.
    stack = await startPipelineStack({
      env: { VODFLOW_HOOKS: hooksFile, VODFLOW_VIDEO_MAX_HISTORY_EVENTS: '50' },
    });
    client = stack.worker.client;
    outQueue = new SmqClient(outQueueName, {
      accessKeyId: stack.vod.accessKeyId,
      accessKeySecret: stack.vod.accessKeySecret,
      endpoint: stack.smq.endpoint,
    });
    await outQueue.createQueue({ visibilityTimeout: 30 });
    cmsConnection = await NativeConnection.connect({ address: sharedStack().temporalAddress });
    cmsWorker = await createCmsWorker({
      connection: cmsConnection,
      namespace: sharedStack().namespace,
      taskQueue: cmsTaskQueue,
      publish: (entry) => {
        published.push(entry);
        return Promise.resolve();
      },
    });
    cmsRunning = cmsWorker.run();
    await stack.startConsumer();
  });

  afterAll(async () => {
    cmsWorker?.shutdown();
    await cmsRunning;
    await cmsConnection?.close();
    await stack?.close();
    await receiver?.close();
  });

  const hookRuns = (view: VideoView, hook: string): HookRun[] =>
    (view.hooks?.runs ?? []).filter((run) => run.hook === hook);
  const outMessages = async (): Promise<HookPayload[]> => {
    const messages = await outQueue.receiveMessages(16, 1);
    for (const message of messages) await outQueue.deleteMessage(message.receiptHandle);
    return messages.map((message) => JSON.parse(message.body) as HookPayload);
  };

  const cli = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [path.join(ROOT, 'bin', 'vodflow.js'), ...args],
        {
          env: { ...process.env, ...stack.workerEnv },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failed = err as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };

  // Every run of a video's chain, oldest first, as replay fixtures `<name>-run<n>`.
  const recordChain = async (videoId: string, name: string): Promise<void> => {
    const runIds: string[] = [];
    for await (const execution of client.workflow.list({
      query: `WorkflowId = '${videoWorkflowId(videoId)}'`,
    })) {
      runIds.push(execution.runId);
    }
    const handle = client.workflow.getHandle(videoWorkflowId(videoId));
    for (const [index, runId] of runIds.reverse().entries()) {
      await recordHistory(handle, `${name}-run${index + 1}`, runId);
    }
  };

  let readyVideo: string;
  const queued: HookPayload[] = [];

  it('runs each action once when a video is ready, across continue-as-new', async () => {
    readyVideo = await stack.upload('hooked video');
    await stack.waitForStage(readyVideo, 'ready', 60_000);
    const view = await eventually(
      async () => {
        const current = await stack.state(readyVideo);
        const runs = current.hooks?.runs ?? [];
        expect(runs.map((run) => `${run.hook}:${run.status}`).sort()).toEqual([
          'publish-when-ready:done',
          'ready-queue:done',
          'ready-webhook:done',
          'upload-child:done',
        ]);
        return current;
      },
      { timeoutMs: 60_000 },
    );
    expect(view.runs).toBeGreaterThan(1);

    const [delivery, ...moreDeliveries] = receiver.deliveries('/ready');
    expect(moreDeliveries).toEqual([]);
    expect(delivery?.signatureValid).toBe(true);
    expect(delivery?.headers['x-vodflow-delivery']).toBe(`${readyVideo}:ready-webhook:stage:ready:1`);
    const body = JSON.parse(delivery?.body ?? '{}') as HookPayload;
    expect(body).toMatchObject({ videoId: readyVideo, hook: 'ready-webhook', occurrence: 'stage:ready:1' });
    expect(body.video).toMatchObject({ stage: 'ready', videoId: readyVideo });

    await eventually(async () => {
      queued.push(...(await outMessages()));
      expect(queued.map((m) => m.deliveryId)).toEqual([`${readyVideo}:ready-queue:stage:ready:1`]);
    });
    await eventually(() => expect(published.filter((p) => p.videoId === readyVideo)).toHaveLength(2));
    const child = hookRuns(view, 'upload-child')[0];
    expect(child?.detail).toMatch(/^started child vodflow-hook:upload-child:/);
    const independent = hookRuns(view, 'publish-when-ready')[0];
    expect(independent?.detail).toBe(`started vodflow-hook:publish-when-ready:${readyVideo}:stage:ready:1`);
    await recordChain(readyVideo, 'video-v2-hook-runs-ready');
  });

  it('fires nothing again for duplicated events', async () => {
    const before = await stack.state(readyVideo);
    const upload = before.log.find((entry) => entry.eventType === 'FileUploadComplete');
    // The same upload event, delivered again twice (as SMQ's at-least-once delivery may).
    const duplicate = encodeEventBody(
      {
        EventType: 'FileUploadComplete',
        EventTime: upload?.eventTime ?? '',
        VideoId: readyVideo,
        Status: 'success',
      },
      'base64',
    );
    await stack.queue.sendMessage(duplicate);
    await stack.queue.sendMessage(duplicate);
    await eventually(async () => {
      const view = await stack.state(readyVideo);
      expect(view.counters.duplicates).toBeGreaterThanOrEqual(before.counters.duplicates + 2);
    });
    await eventually(async () => {
      const attributes = await stack.queue.getAttributes();
      expect(attributes.activeMessages + attributes.inactiveMessages).toBe(0);
    });
    const after = await stack.state(readyVideo);
    expect(after.hooks?.runs).toHaveLength(4);
    expect(receiver.deliveries('/ready')).toHaveLength(1);
    expect(await outMessages()).toEqual([]);
    expect(published.filter((p) => p.videoId === readyVideo)).toHaveLength(2);
  });

  it('shows a refused webhook as failed with its error, and runs it again on retry', async () => {
    receiver.answer('/refuse', 400);
    const { VideoId } = await stack.vodClient.createUploadVideo({
      Title: 'refused hook',
      FileName: 'clip.mp4',
      UserData: buildUserData({ extend: { hookTest: 'refuse' } }),
    });
    await stack.vod.completeUpload(VideoId);
    const failed = await eventually(
      async () => {
        const [run] = hookRuns(await stack.state(VideoId), 'refused');
        expect(run?.status).toBe('failed');
        return run;
      },
      { timeoutMs: 60_000 },
    );
    expect(failed?.error).toContain('HTTP 400');
    // A 4xx is not retried: one delivery, and the run waits for a person.
    expect(receiver.deliveries('/refuse')).toHaveLength(1);

    receiver.answer('/refuse', 204);
    const handle = client.workflow.getHandle(videoWorkflowId(VideoId));
    expect(await handle.executeUpdate(retryHookUpdate, { args: [{ hook: 'refused' }] })).toEqual({
      retried: 1,
    });
    await eventually(
      async () => {
        const [run] = hookRuns(await stack.state(VideoId), 'refused');
        expect(run).toMatchObject({ status: 'done', detail: 'HTTP 204', manualRetries: 1 });
      },
      // A loaded machine may leave a query unanswered for its whole deadline (10 s) now and then.
      { timeoutMs: 60_000 },
    );
    await recordChain(VideoId, 'video-v2-hook-runs-retried');
    const deliveryIds = receiver.deliveries('/refuse').map((d) => d.headers['x-vodflow-delivery']);
    expect(new Set(deliveryIds).size).toBe(1);
    await expect(
      handle.executeUpdate(retryHookUpdate, { args: [{ hook: 'refused' }] }),
    ).rejects.toMatchObject({
      cause: { message: expect.stringContaining('has no failed run') as unknown },
    });
  });

  it('shows hook runs in status, checks them per video, and reports a broken file with its line', async () => {
    const status = await cli('status', readyVideo);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('hook ready-webhook (stage:ready:1): done — HTTP 200');
    const check = await cli('hooks', 'check', readyVideo);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^ready-webhook +fires: the video is in this stage +stage:ready:1:done$/m);
    const list = await cli('hooks', 'list', '--json');
    expect((JSON.parse(list.stdout) as { name: string }[]).map((h) => h.name)).toContain('upload-child');

    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'vodflow-hooks-')), 'broken.yaml');
    writeFileSync(
      broken,
      'hooks:\n  - name: x\n    on: { stage: done }\n    action: { smq: { queue: q } }\n',
    );
    const refused = await cli('hooks', 'list', '--file', broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/broken\.yaml:3:9 hooks\[0\]\.on: expected \{ stage:/);
  });

  it('applies an edited file to the next videos: a removed hook fires no more, a broken edit is ignored', async () => {
    const renamed = hooks
      .filter((hook) => hook.name !== 'ready-webhook')
      .concat({
        name: 'ready-webhook-v2',
        on: { stage: 'ready' },
        action: { webhook: { url: receiver.url('/ready-v2'), secretEnv: SECRET_ENV, timeoutSeconds: 2 } },
      });
    writeFileSync(hooksFile, JSON.stringify({ hooks: renamed }));
    const videoId = await stack.upload('after the edit');
    await stack.waitForStage(videoId, 'ready', 60_000);
    await eventually(() => expect(receiver.deliveries('/ready-v2')).toHaveLength(1), { timeoutMs: 60_000 });
    // The old hook's name fires no more: nothing on /ready for this video.
    const about = (path: string, id: string) =>
      receiver.deliveries(path).filter((d) => String(d.headers['x-vodflow-delivery']).startsWith(`${id}:`));
    expect(about('/ready', videoId)).toEqual([]);
    expect(receiver.deliveries('/ready-v2')[0]?.headers['x-vodflow-delivery']).toBe(
      `${videoId}:ready-webhook-v2:stage:ready:1`,
    );

    // A broken edit leaves the hooks loaded before in force.
    writeFileSync(hooksFile, '{ "hooks": [ { "name": "Broken" } ] }');
    const next = await stack.upload('after a broken edit');
    await stack.waitForStage(next, 'ready', 60_000);
    await eventually(() => expect(receiver.deliveries('/ready-v2')).toHaveLength(2), { timeoutMs: 60_000 });
  });
});

// A worker killed (SIGKILL) while its hook's webhook call is under way: the run is not lost and not
// doubled in the video's state; the receiver gets the call again, with the same delivery id to
// deduplicate by (webhooks are at least once; the ledger makes the run once).
describe('hooks when the worker is killed mid-run', () => {
  let stack: PipelineStack;
  let receiver: WebhookReceiver;
  let workerProcess: TiedProcess | undefined;

  afterAll(async () => {
    workerProcess?.kill('SIGKILL');
    await stack?.close();
    await receiver?.close();
  });

  it('runs the hook again on the next worker, recorded once', async () => {
    receiver = await startWebhookReceiver(SECRET);
    receiver.answer('/slow', 'hang');
    const hooksFile = path.join(mkdtempSync(path.join(tmpdir(), 'vodflow-hooks-')), 'hooks.yaml');
    writeFileSync(
      hooksFile,
      [
        'hooks:',
        '  - name: ready-slow',
        '    on: { stage: ready }',
        `    action: { webhook: { url: "${receiver.url('/slow')}", secretEnv: ${SECRET_ENV}, timeoutSeconds: 1 } }`,
        '    retry: { maxAttempts: 5, initialSeconds: 0.2, maxSeconds: 1 }',
      ].join('\n'),
    );
    process.env[SECRET_ENV] = SECRET;
    stack = await startPipelineStack({ inProcessWorker: false, env: { VODFLOW_HOOKS: hooksFile } });
    workerProcess = await startWorkerProcess(stack.workerEnv);
    await stack.startConsumer();
    const videoId = await stack.upload('killed mid-hook');

    await eventually(() => expect(receiver.deliveries('/slow').length).toBeGreaterThan(0), {
      timeoutMs: 60_000,
    });
    workerProcess.kill('SIGKILL');
    await workerProcess.exited;
    receiver.answer('/slow', 200);
    await stack.restartWorker();

    const run = await eventually(
      async () => {
        const runs = (await stack.state(videoId)).hooks?.runs ?? [];
        expect(runs).toHaveLength(1);
        expect(runs[0]?.status).toBe('done');
        return runs[0];
      },
      { timeoutMs: 60_000 },
    );
    expect(run?.detail).toBe('HTTP 200');
    const deliveries = receiver.deliveries('/slow');
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(deliveries.map((d) => d.headers['x-vodflow-delivery']))).toEqual(
      new Set([`${videoId}:ready-slow:stage:ready:1`]),
    );
    expect(deliveries.every((d) => d.signatureValid)).toBe(true);
  });
});
