import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { explain, UsageError } from '../../cli/errors';
import { loadConfig } from '../../common/config';
import { startBenchStack, type BenchStack } from './bench-stack';
import { entityCeiling, videoWorkflowCeiling } from './ceilings';
import { ceilingMode, roundTripMode, scaleMode, type BenchResult, type BenchSettings } from './modes';
import { printReport } from './report';

// `npm run bench -- [options]`: vodflow's pipeline against ceilings measured in the same run, on the
// local stack (Temporal dev server, SMQ emulator, vodflow's worker and a minimal entity worker, each
// its own process). Only ratios measured in one run mean anything on a shared machine.

const USAGE = `usage: npm run bench -- [--quick] [--json] [--rounds N] [--events N] [--naive-events N]
         [--latency-seconds S] [--concurrency N] [--receivers N] [--signal-concurrency N] [--cache N]
         [--scale 1000,10000 | --smq-latency-ms 10,20] [--cpu-prof DIR]

  default           rounds of (a) entity ceiling, (a′) video workflow ceiling, (b) naive loop,
                    (c₀) vodflow with one signal per message, (c) vodflow drain, interleaved;
                    then (d) latency at half of (c)
  --scale V1,V2     (c) at each number of videos (10 events each, all left open), then (d)
  --smq-latency-ms  (b) and (c) with SMQ's receive/delete/visibility requests slowed by each latency
  --cache N         the workers' VODFLOW_WORKER_MAX_CACHED_WORKFLOWS (default: vodflow's default)
  --cpu-prof DIR    vodflow's worker writes a V8 CPU profile there when the bench ends
                    (open it in Chrome DevTools, or summarise it with scripts/cpu-profile-top.ts)`;

async function main(): Promise<void> {
  const { values } = parseOptions({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      events: { type: 'string' },
      'naive-events': { type: 'string' },
      'latency-seconds': { type: 'string' },
      concurrency: { type: 'string' },
      receivers: { type: 'string' },
      'signal-concurrency': { type: 'string' },
      cache: { type: 'string' },
      scale: { type: 'string' },
      'smq-latency-ms': { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.scale && values['smq-latency-ms'])
    throw new UsageError(`choose --scale or --smq-latency-ms\n${USAGE}`);
  const quick = values.quick;
  const settings: BenchSettings = {
    events: positive(values.events, quick ? 1_000 : 5_000, '--events'),
    naiveEvents: positive(values['naive-events'], quick ? 150 : 400, '--naive-events'),
    rounds: positive(values.rounds, quick ? 1 : 3, '--rounds'),
    latencySeconds: positive(values['latency-seconds'], quick ? 8 : 20, '--latency-seconds'),
    concurrency: positive(values.concurrency, 128, '--concurrency'),
    consumer: {
      receivers: positive(values.receivers, 4, '--receivers'),
      signalConcurrency: positive(values['signal-concurrency'], 128, '--signal-concurrency'),
      coalesceEvents: true,
    },
    say: (line) => {
      if (!values.json) console.log(line);
    },
  };
  const maxCachedWorkflows = values.cache
    ? positive(values.cache, 0, '--cache')
    : loadConfig({}).worker.maxCachedWorkflows;

  settings.say(`starting the local stack (Temporal dev server, SMQ emulator, two workers)…`);
  const cpuProfileDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;
  const stack = await startBenchStack({ maxCachedWorkflows, cpuProfileDir });
  let result: BenchResult;
  try {
    settings.say(`warming up…`);
    await ceilingWarmUp(stack);
    result = values.scale
      ? await scaleMode(stack, settings, list(values.scale, '--scale'))
      : values['smq-latency-ms']
        ? await roundTripMode(stack, settings, list(values['smq-latency-ms'], '--smq-latency-ms'))
        : await ceilingMode(stack, settings);
  } finally {
    await stack.close();
  }
  const output = {
    ...result,
    maxCachedWorkflows,
    consumer: settings.consumer,
    concurrency: settings.concurrency,
  };
  if (values.json) console.log(JSON.stringify(output));
  else printReport(output);
  if (cpuProfileDir) settings.say(`vodflow worker's CPU profile: ${cpuProfileDir}`);
}

// First connections and worker start-up costs paid before anything is timed.
async function ceilingWarmUp(stack: BenchStack): Promise<void> {
  await entityCeiling(stack, 100, 32);
  await videoWorkflowCeiling(stack, 100, 32);
}

function positive(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name} must be a positive integer\n${USAGE}`);
  return value;
}

function list(text: string, name: string): number[] {
  return text.split(',').map((item) => positive(item.trim(), 0, name));
}

// parseArgs, with its complaints (unknown option, missing value) as usage errors: exit code 2.
function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

main().catch((err: unknown) => {
  const { message, code } = explain(err);
  console.error(message);
  process.exit(code);
});
