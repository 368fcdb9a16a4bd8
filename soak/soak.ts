import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sweepNow } from '../clients/temporal/sweep-schedule';
import { videoWorkflowId } from '../common/workflow-ids';
import { SeededRandom } from '../emulators/common/seeded-random';
import { startConsumers } from '../starters/start-consumers';
import { videoStateQuery } from '../workflows/definitions';
import { planPhase, type FaultClass, type FaultStep } from './fault-plan';
import { parseSoakOptions, USAGE, UsageError, type SoakOptions } from './options';
import { verdictTable } from './report';
import { SOAK_REGION, SoakStack } from './stack';
import { judgeVideo, passed, summarise, type CohortSummary, type ObservedVideo } from './verdict';

// `npm run soak`: vodflow under every fault at once, checked video by video against VOD's ledger.

const WORKERS = 2;
const VISIBILITY_SECONDS = 5;
const QUERY_CONCURRENCY = 16;
const SWEEP_EVERY_MS = 5_000;

// Short deadlines so that lost events are reconciled within the run; everything else as shipped.
const SOAK_ENV: Record<string, string> = {
  VODFLOW_TASK_QUEUE: 'vodflow-soak',
  VODFLOW_TEMPLATE_GROUP_ID: 'tg-soak',
  VODFLOW_RETRY_INITIAL_MS: '500',
  VODFLOW_POLL_WAIT_SECONDS: '1',
  VODFLOW_POLL_RUN_MINUTES: '1',
  VODFLOW_POLL_HEARTBEAT_TIMEOUT_SECONDS: '5',
  VODFLOW_FOLLOW_UP_TIMEOUT_SECONDS: '10',
  VODFLOW_DEADLINE_UPLOAD_SECONDS: '8',
  VODFLOW_DEADLINE_TRANSCODE_SECONDS: '8',
  VODFLOW_DEADLINE_TRANSCODE_PER_SOURCE_MINUTE_SECONDS: '0',
  VODFLOW_DEADLINE_SNAPSHOT_SECONDS: '6',
  VODFLOW_DEADLINE_AI_SECONDS: '6',
  VODFLOW_RECHECK_INITIAL_SECONDS: '3',
  VODFLOW_RECHECK_MAX_SECONDS: '15',
  VODFLOW_VOD_QUERY_RATE: '100',
  VODFLOW_SWEEP_GRACE_MINUTES: '0',
  VODFLOW_SWEEP_WINDOW_HOURS: '2',
};

interface Cohort {
  faultClass: FaultClass;
  videoIds: string[];
  faultsEndedAt: number;
  finalAt: Map<string, number>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString()} soak: ${line}\n`);
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

async function runStep(stack: SoakStack, step: FaultStep, phaseStart: number): Promise<void> {
  await delay(Math.max(0, phaseStart + step.atMs - Date.now()));
  log(`fault: ${JSON.stringify(step)}`);
  switch (step.kind) {
    case 'kill-worker':
      return stack.killWorker(step.worker, step.downMs);
    case 'kill-temporal':
      return stack.killTemporal(step.downMs);
    case 'kill-smq':
      return stack.killSmq(step.downMs);
    case 'smq-faults':
      await stack.setSmqFaults(step.faults);
      await delay(step.forMs);
      return stack.clearSmqFaults();
    case 'vod-faults':
      await stack.setVodFaults(step.faults);
      await delay(step.forMs);
      return stack.setVodFaults({ duplicateRate: 0, reorderRate: 0, dropRate: 0 });
  }
}

// One after the other: a step's time is 'not before', so two kills never overlap.
async function runSteps(stack: SoakStack, steps: readonly FaultStep[], phaseStart: number): Promise<void> {
  for (const step of steps) await runStep(stack, step, phaseStart);
}

async function uploadCohort(
  stack: SoakStack,
  faultClass: FaultClass,
  count: number,
  windowMs: number,
): Promise<string[]> {
  const start = Date.now();
  const videoIds: string[] = [];
  for (let i = 0; i < count; i++) {
    await delay(Math.max(0, start + (i * windowMs) / count - Date.now()));
    videoIds.push(await stack.upload(`soak ${faultClass} ${i}`));
  }
  return videoIds;
}

async function observe(stack: SoakStack, videoId: string): Promise<ObservedVideo | undefined> {
  try {
    return await stack.client.workflow.getHandle(videoWorkflowId(videoId)).query(videoStateQuery);
  } catch {
    return undefined;
  }
}

/** Waits until every video of the cohort is ready, sweeping now and then for videos never heard of. */
async function converge(stack: SoakStack, cohort: Cohort, deadline: number): Promise<void> {
  const pending = new Set(cohort.videoIds.filter((id) => !cohort.finalAt.has(id)));
  let lastSweep = 0;
  while (pending.size > 0 && Date.now() < deadline) {
    if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      await sweepNow(stack.client, {
        region: SOAK_REGION,
        taskQueue: stack.config.temporal.taskQueue,
        ...stack.config.sweep,
      }).catch((error: unknown) => log(`sweep failed (retried): ${(error as Error).message}`));
    }
    await forEachLimited([...pending], QUERY_CONCURRENCY, async (videoId) => {
      if ((await observe(stack, videoId))?.stage === 'ready') {
        cohort.finalAt.set(videoId, Date.now());
        pending.delete(videoId);
      }
    });
    if (pending.size > 0) await delay(1_000);
  }
}

async function judgeCohort(stack: SoakStack, cohort: Cohort): Promise<CohortSummary> {
  const verdicts = [];
  for (const videoId of cohort.videoIds) {
    const [view, ledger] = await Promise.all([observe(stack, videoId), stack.ledger(videoId)]);
    const verdict = judgeVideo({ videoId, view, ledger: ledger.events, jobs: ledger.jobs });
    if (verdict.lost || verdict.appliedTwice || verdict.duplicateSubmissions || verdict.stuck)
      log(
        `video ${videoId} (${cohort.faultClass}): ${JSON.stringify({ verdict, stage: view?.stage, ledger })}`,
      );
    verdicts.push(verdict);
  }
  const done = cohort.finalAt.size === cohort.videoIds.length;
  const convergeMs = done
    ? Math.max(0, ...[...cohort.finalAt.values()].map((at) => at - cohort.faultsEndedAt))
    : undefined;
  return summarise(cohort.faultClass, verdicts, convergeMs);
}

async function soak(options: SoakOptions): Promise<boolean> {
  const started = Date.now();
  const deadline = started + options.totalMs;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vodflow-soak-'));
  log(
    `seed ${options.seed} (replay: npm run soak -- --seed ${options.seed}${options.quick ? ' --quick' : ''}); data in ${dir}`,
  );
  const random = new SeededRandom(options.seed);
  const stack = await SoakStack.start(
    { dir, workers: WORKERS, seed: options.seed, visibilitySeconds: VISIBILITY_SECONDS, log },
    SOAK_ENV,
  );
  try {
    await startConsumers(stack.client, {
      queues: stack.config.queues,
      shards: 1,
      taskQueue: stack.config.temporal.taskQueue,
      poller: stack.config.poller,
    });
    log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s; phases: ${options.faults.join(', ')}`);
    const cohorts: Cohort[] = [];
    for (const [index, faultClass] of options.faults.entries()) {
      const steps = planPhase(
        { faultClass, windowMs: options.windowMs, workers: WORKERS, visibilitySeconds: VISIBILITY_SECONDS },
        random,
      );
      const phaseStart = Date.now();
      const [videoIds] = await Promise.all([
        uploadCohort(stack, faultClass, options.videos, options.windowMs),
        runSteps(stack, steps, phaseStart),
      ]);
      const cohort: Cohort = { faultClass, videoIds, faultsEndedAt: Date.now(), finalAt: new Map() };
      cohorts.push(cohort);
      // Each phase gets its share of what is left of the time budget.
      const share = (deadline - Date.now()) / (options.faults.length - index);
      await converge(stack, cohort, Date.now() + share);
      log(`phase ${faultClass}: ${cohort.finalAt.size}/${videoIds.length} videos ready`);
    }
    // Videos of earlier phases went on living through later faults: all are judged at the end.
    for (const cohort of cohorts) await converge(stack, cohort, deadline);
    const summaries = [];
    for (const cohort of cohorts) summaries.push(await judgeCohort(stack, cohort));
    const ok = summaries.every(passed);
    console.log(verdictTable(summaries));
    console.log(
      `seed ${options.seed}; ${summaries.reduce((n, s) => n + s.events, 0)} events, ` +
        `${WORKERS} workers (${stack.workerRestarts} restarted after dying on their own); ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s; ${ok ? 'PASSED' : 'FAILED'}`,
    );
    if (options.jsonFile)
      writeFileSync(options.jsonFile, `${JSON.stringify({ seed: options.seed, ok, summaries }, null, 2)}\n`);
    return ok;
  } finally {
    await stack.close().catch((error: unknown) => log(`closing the stack: ${(error as Error).message}`));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: SoakOptions;
  try {
    options = parseSoakOptions(argv, () => Math.floor(Math.random() * 2 ** 31));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`soak: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  return (await soak(options)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('soak: failed:', error);
    process.exit(1);
  },
);
