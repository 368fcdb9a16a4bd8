import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SmqClient } from '../clients/smq';
import { connectClient, connectWorker } from '../clients/temporal/connect';
import { ensureSweepSchedule } from '../clients/temporal/sweep-schedule';
import { createVodClient } from '../clients/vod';
import { loadConfig } from '../common/config';
import { parsePollerOptions } from '../common/poller-options';
import { sweepScheduleId, videoWorkflowId } from '../common/workflow-ids';
import { devSettings, settingLines } from '../devstack/dev-settings';
import { startLocalStack } from '../devstack/local-stack';
import { activityDepsFromConfig } from '../workers/activity-deps';
import { SILENT_LOG } from '../workers/log';
import { createPipelineWorker } from '../workers/pipeline-worker';
import { stopConsumerSignal, videoStateQuery } from '../workflows/definitions';
import type { videoWorkflow } from '../workflows/video';
import type { VideoStage, VideoView } from '../workflows/video-state';
import { createCmsWorker } from '../examples/publish-when-ready/worker';
import { configureCallback } from './configure-callback';
import { startConsumers } from './start-consumers';

// `make demo`: vodflow end to end on the embedded local stack. VOD (emulated) is configured to
// write its events into an SMQ queue (emulated), N videos are uploaded, and the pipeline takes each
// through transcode → snapshots → AI review while this shows the stages. VOD writes some events
// twice and out of order (deduplication), some jobs fail (retries), one video is flagged by the AI
// review, one message in the queue is not an event at all (quarantine), VOD loses some events
// (reconciliation against its API) and every event of one video (found by the sweep Schedule).
// A hook (examples/publish-when-ready) starts the example CMS workflow, on its own task queue and
// worker, once each video is ready.

const USAGE = 'usage: make demo  (or: npm run demo -- [--videos N] [--keep] [--timeout-seconds S])';
const REGION = 'cn-shanghai';
const QUEUE = 'vod-events';
const FINAL_STAGES: readonly VideoStage[] = ['ready', 'blocked', 'failed', 'deleted', 'cancelled'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      videos: { type: 'string', default: '20' },
      keep: { type: 'boolean', default: false },
      'timeout-seconds': { type: 'string', default: '180' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const videoCount = Number(values.videos);
  const timeoutMs = Number(values['timeout-seconds']) * 1000;
  if (!Number.isInteger(videoCount) || videoCount < 1 || videoCount > 500)
    throw new Error(`--videos must be 1..500\n${USAGE}`);
  if (!(timeoutMs > 0)) throw new Error(`--timeout-seconds must be positive\n${USAGE}`);
  const startedAt = Date.now();
  // Signals are this program's to handle (stopAll below): the SDK would otherwise shut the worker down
  // at once, and the consumer it still has to stop would wait for it forever.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

  console.log('starting the local stack: Temporal dev server (with Web UI), SMQ emulator, VOD emulator…');
  const stack = await startLocalStack({
    ui: true,
    vodArgs: [
      '--stream-ms',
      '400',
      '--snapshot-ms',
      '600',
      '--ai-ms',
      '800',
      '--duplicate-rate',
      '0.15',
      '--reorder-rate',
      '0.15',
      '--drop-rate',
      '0.05',
      '--job-failure-rate',
      '0.05',
      '--seed',
      '42',
    ],
  });
  const cleanups: (() => Promise<void>)[] = [() => stack.close()];
  const stopAll = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));

  try {
    console.log(`Temporal Web UI: ${stack.temporal.uiUrl}   (frontend ${stack.temporal.address})`);
    const config = loadConfig({
      ...stack.env,
      VODFLOW_QUEUES: `${REGION}:${QUEUE}`,
      VODFLOW_TEMPLATE_GROUP_ID: 'demo-template-group',
      VODFLOW_RETRY_INITIAL_MS: '1000',
      // Failed jobs are retried; with 5% of jobs failing, five attempts make a lasting failure unlikely.
      VODFLOW_MAX_ATTEMPTS: '5',
      // Deadlines in seconds instead of minutes, to match the emulator's quick jobs.
      VODFLOW_DEADLINE_UPLOAD_SECONDS: '10',
      VODFLOW_DEADLINE_TRANSCODE_SECONDS: '4',
      VODFLOW_DEADLINE_SNAPSHOT_SECONDS: '4',
      VODFLOW_DEADLINE_AI_SECONDS: '4',
      VODFLOW_RECHECK_INITIAL_SECONDS: '2',
      VODFLOW_RECHECK_MAX_SECONDS: '5',
      VODFLOW_HOOKS: path.resolve(__dirname, '..', 'examples', 'publish-when-ready', 'demo-hooks.yaml'),
    });
    const credentials = config.credentials!;
    const queue = new SmqClient(QUEUE, { ...credentials, endpoint: stack.smq.url });
    await queue.createQueue({ visibilityTimeout: 30 });
    const vod = createVodClient({ ...credentials, region: REGION, endpoint: stack.vod.url });
    await configureCallback(vod, { mnsEndpoint: stack.smq.url, queueName: QUEUE });
    console.log(`VOD callback → SMQ queue ${QUEUE}`);

    const { client, close: closeClient } = await connectClient(config.temporal);
    const workerConnection = await connectWorker(config.temporal);
    const worker = await createPipelineWorker({
      connection: workerConnection,
      client,
      namespace: stack.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      deps: activityDepsFromConfig(config, SILENT_LOG),
      vodReadsPerSecond: config.vodQueryRatePerSecond,
    });
    const workerRun = worker.run();
    // The example user's own worker: what the publish-when-ready hook starts runs here.
    const published = new Set<string>();
    const cmsWorker = await createCmsWorker({
      connection: workerConnection,
      namespace: stack.temporal.namespace,
      publish: (entry) => {
        published.add(entry.videoId);
        return Promise.resolve();
      },
    });
    const cmsRun = cmsWorker.run();
    cleanups.push(async () => {
      worker.shutdown();
      cmsWorker.shutdown();
      await Promise.all([workerRun, cmsRun]);
      await workerConnection.close();
      await closeClient();
    });
    const [consumer] = await startConsumers(client, {
      queues: config.queues,
      shards: 1,
      taskQueue: config.temporal.taskQueue,
      poller: parsePollerOptions({ ...config.poller, waitSeconds: 2 }),
    });
    cleanups.push(async () => {
      if (!consumer) return;
      const handle = client.workflow.getHandle(consumer.workflowId);
      await handle.signal(stopConsumerSignal);
      await handle.result();
    });

    // The sweep: every 10 s, videos of the last hour older than 5 s that vodflow never heard of.
    await ensureSweepSchedule(client, {
      region: REGION,
      taskQueue: config.temporal.taskQueue,
      intervalMs: 10_000,
      windowMs: 3_600_000,
      graceMs: 5_000,
    });
    cleanups.push(() => client.schedule.getHandle(sweepScheduleId(REGION)).delete());

    const expected = new Map<string, VideoStage>();
    for (let i = 0; i < videoCount; i++) {
      const flagged = i === videoCount - 1 && videoCount > 1;
      // The emulator drops every event of this one: only the sweep can find it.
      const lost = i === 0 && videoCount > 2;
      const title = flagged ? 'vodemu-block' : lost ? 'vodemu-lose-events' : '';
      const { VideoId } = await vod.createUploadVideo({
        Title: `demo clip ${i + 1} ${title}`.trim(),
        FileName: `clip-${i + 1}.mp4`,
      });
      await adminPost(stack.vod.url, `videos/${VideoId}/complete-upload`);
      expected.set(VideoId, flagged ? 'blocked' : 'ready');
    }
    // Something that is not a VOD event: it must end in quarantine without holding up the videos.
    await queue.sendMessage('{"EventType":"FileUploadComplete","note":"an event without a video id"}');
    console.log(`uploaded ${videoCount} videos; following them (Ctrl-C stops everything)…`);

    const views = await follow(client, [...expected.keys()], timeoutMs);
    const wrong = [...expected].filter(([videoId, stage]) => views.get(videoId)?.stage !== stage);
    const calls = (await adminGet(stack.vod.url, 'stats')) as { calls: Record<string, number> };
    const quarantined = await countQuarantined(client);
    const ready = [...views.values()].filter((view) => view.stage === 'ready').length;
    await waitFor(() => published.size >= ready, 15_000);
    printSummary(views, calls.calls, quarantined, Date.now() - startedAt);
    console.log(`  published by hook  ${published.size} (the example CMS workflow, once per ready video)`);
    console.log(`Temporal Web UI: ${stack.temporal.uiUrl}`);
    if (wrong.length > 0) {
      for (const [videoId, stage] of wrong) {
        console.log(`  ${videoId}: expected ${stage}, got ${views.get(videoId)?.stage ?? 'no workflow'}`);
      }
      process.exitCode = 1;
    }
    if (values.keep) {
      console.log('--keep: the stack stays up (its worker too); point vodflow at it with:');
      for (const line of settingLines(devSettings(stack))) console.log(line);
      console.log('press Ctrl-C to stop it');
      await new Promise<never>(() => undefined);
    }
  } finally {
    await stopAll();
  }
}

async function follow(
  client: Client,
  videoIds: string[],
  timeoutMs: number,
): Promise<Map<string, VideoView>> {
  const views = new Map<string, VideoView>();
  const deadline = Date.now() + timeoutMs;
  const tty = process.stdout.isTTY;
  let lastLine = '';
  for (;;) {
    for (const videoId of videoIds) {
      const view = await client.workflow
        .getHandle<typeof videoWorkflow>(videoWorkflowId(videoId))
        .query(videoStateQuery)
        .catch(() => undefined);
      if (view) views.set(videoId, view);
    }
    const counts = new Map<string, number>();
    for (const videoId of videoIds) {
      const stage = views.get(videoId)?.stage ?? 'uploading';
      counts.set(stage, (counts.get(stage) ?? 0) + 1);
    }
    const line = [...counts].map(([stage, n]) => `${stage} ${n}`).join('  ');
    if (tty) process.stdout.write(`\r\x1b[K  ${line}`);
    else if (line !== lastLine) console.log(`  ${line}`);
    lastLine = line;
    const done = videoIds.every((id) => FINAL_STAGES.includes(views.get(id)?.stage ?? 'uploading'));
    if (done || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (tty) process.stdout.write('\n');
  return views;
}

async function countQuarantined(client: Client): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { count } = await client.workflow.count('WorkflowType = "quarantinedMessageWorkflow"');
    if (count > 0 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function printSummary(
  views: Map<string, VideoView>,
  calls: Record<string, number>,
  quarantined: number,
  elapsedMs: number,
): void {
  const byStage = new Map<string, number>();
  let applied = 0;
  let duplicates = 0;
  let swept = 0;
  const reconciled = new Map<string, number>();
  for (const view of views.values()) {
    byStage.set(view.stage, (byStage.get(view.stage) ?? 0) + 1);
    applied += view.counters.applied;
    duplicates += view.counters.duplicates;
    if (view.discoveredBy === 'sweep') swept += 1;
    for (const [milestone, n] of Object.entries(view.reconciled ?? {}))
      reconciled.set(milestone, (reconciled.get(milestone) ?? 0) + n);
  }
  const recovered = [...reconciled].map(([milestone, n]) => `${milestone} ${n}`).join(', ') || 'none';
  console.log('');
  console.log('summary');
  for (const [stage, n] of byStage) console.log(`  ${stage.padEnd(14)} ${n}`);
  console.log(`  events applied     ${applied}`);
  console.log(`  duplicates ignored ${duplicates}`);
  console.log(`  quarantined        ${quarantined}`);
  console.log(`  lost events        recovered from the VOD API: ${recovered}`);
  console.log(`  found by the sweep ${swept} (videos whose upload event was lost)`);
  console.log(
    `  follow-ups         transcode ${calls.SubmitTranscodeJobs ?? 0}, snapshot ${calls.SubmitSnapshotJob ?? 0}, AI review ${calls.SubmitAIMediaAuditJob ?? 0} (retries included)`,
  );
  console.log(`  elapsed            ${(elapsedMs / 1000).toFixed(1)} s`);
}

async function adminPost(endpoint: string, path: string): Promise<void> {
  const response = await fetch(`${endpoint}/__admin/${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`VOD emulator admin ${path}: HTTP ${response.status}`);
}

async function adminGet(endpoint: string, path: string): Promise<unknown> {
  const response = await fetch(`${endpoint}/__admin/${path}`);
  if (!response.ok) throw new Error(`VOD emulator admin ${path}: HTTP ${response.status}`);
  return response.json();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
}
