import { profileHistories, type HistoryProfile } from './history-profile';
import { entityCeiling, videoWorkflowCeiling } from './ceilings';
import type { BenchStack } from './bench-stack';
import { EVENTS_PER_VIDEO } from './load';
import { percentile, spreadOf, type Spread } from './percentiles';
import { latencyAtRate, naiveLoop, vodflowDrain, type ConsumerTuning, type LagSample } from './scenarios';

export interface BenchSettings {
  events: number;
  naiveEvents: number;
  rounds: number;
  latencySeconds: number;
  concurrency: number;
  consumer: ConsumerTuning;
  say(line: string): void;
}

export interface LatencyResult {
  ratePerSec: number;
  openVideos: number;
  p50Ms: number;
  p99Ms: number;
  samples: number;
  /** From starting the consumer to its poller running (sending starts then). */
  pollerStartMs: number;
  /** The seconds of sending whose events waited longest (second since the first send, worst first). */
  worstSeconds: { second: number; events: number; p99Ms: number; maxMs: number }[];
}

export interface MemoryResult {
  peakRssMiB: number;
  rssMiB: number;
}

/** CPU per event of each process, ms (see process-cpu.ts). */
export type CpuPerEvent = Record<string, number>;

// Runs one scenario and adds the CPU each process spent on it, per event.
async function withCpu<T extends { events: number }>(
  stack: BenchStack,
  run: () => Promise<T>,
): Promise<T & { cpu: CpuPerEvent }> {
  stack.cpu.take(1);
  const result = await run();
  return { ...result, cpu: stack.cpu.take(result.events) };
}

// The median of each process's figure over the rounds.
function medianCpu(rounds: readonly CpuPerEvent[]): CpuPerEvent {
  const names = [...new Set(rounds.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    names.map((name) => [
      name,
      spreadOf(
        rounds.map((r) => r[name] ?? NaN),
        3,
      ).median,
    ]),
  );
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

// Open video workflows so far: every scenario opens fresh videos and none of them closes.
class OpenVideos {
  count = 0;
  add(events: number): void {
    this.count += Math.ceil(events / EVENTS_PER_VIDEO);
  }
}

async function latency(
  stack: BenchStack,
  settings: BenchSettings,
  ratePerSec: number,
  open: OpenVideos,
): Promise<LatencyResult> {
  settings.say(`(d) enqueue → state at ${ratePerSec.toFixed(0)} events/s for ${settings.latencySeconds} s…`);
  const { lags, sent, startedAt, pollerStartMs } = await latencyAtRate(
    stack,
    ratePerSec,
    settings.latencySeconds,
    settings.consumer,
  );
  open.add(sent);
  const all = lags.map((sample) => sample.lagMs);
  return {
    ratePerSec: round(ratePerSec),
    openVideos: open.count,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    samples: lags.length,
    pollerStartMs,
    worstSeconds: worstSeconds(lags, startedAt, 3),
  };
}

// Whether a tail is spread over the run or one stall: lags grouped by the second they were sent in.
function worstSeconds(lags: readonly LagSample[], startedAt: number, count: number) {
  const bySecond = new Map<number, number[]>();
  for (const { lagMs, enqueuedAt } of lags) {
    const second = Math.max(0, Math.floor((enqueuedAt - startedAt) / 1000));
    const values = bySecond.get(second);
    if (values) values.push(lagMs);
    else bySecond.set(second, [lagMs]);
  }
  return [...bySecond.entries()]
    .map(([second, values]) => ({
      second,
      events: values.length,
      p99Ms: percentile(values, 99),
      maxMs: Math.max(...values),
    }))
    .sort((a, b) => b.maxMs - a.maxMs)
    .slice(0, count);
}

// One list per scenario of the ceiling mode, a figure per round.
function perScenario<T>(): Record<'entity' | 'video' | 'naive' | 'perMessage' | 'pipeline', T[]> {
  return { entity: [], video: [], naive: [], perMessage: [], pipeline: [] };
}

/**
 * The ceilings against the pipeline, interleaved round by round (a, a′, b, c, a, a′, b, c…) so that
 * every ratio compares figures taken under the same load; then latency at half the median drain.
 */
export async function ceilingMode(stack: BenchStack, settings: BenchSettings) {
  const open = new OpenVideos();
  const runs = perScenario<number>();
  // The same, counted until the events were applied in the workflows' state.
  const applied = {
    entity: [] as number[],
    video: [] as number[],
    perMessage: [] as number[],
    pipeline: [] as number[],
  };
  const appliedRatios = { perMessageToEntity: [] as number[], pipelineToEntity: [] as number[] };
  const ratios = {
    perMessageToEntity: [] as number[],
    pipelineToEntity: [] as number[],
    pipelineToVideo: [] as number[],
    pipelineToNaive: [] as number[],
  };
  const memory: MemoryResult[] = [];
  const cpu = perScenario<CpuPerEvent>();
  let lastDrain: string[] = [];
  for (let r = 1; r <= settings.rounds; r++) {
    settings.say(
      `round ${r}/${settings.rounds}: (a) entity ceiling, (a′) video workflow ceiling, (b) naive, (c₀) vodflow one signal per message, (c) vodflow…`,
    );
    const entity = await withCpu(stack, () => entityCeiling(stack, settings.events, settings.concurrency));
    const video = await withCpu(stack, () =>
      videoWorkflowCeiling(stack, settings.events, settings.concurrency),
    );
    const naive = await withCpu(stack, () => naiveLoop(stack, settings.naiveEvents));
    const perMessage = await withCpu(stack, () =>
      vodflowDrain(stack, settings.events, { ...settings.consumer, coalesceEvents: false }),
    );
    stack.vodflowWorker.memory.take();
    const pipeline = await withCpu(stack, () => vodflowDrain(stack, settings.events, settings.consumer));
    cpu.entity.push(entity.cpu);
    cpu.video.push(video.cpu);
    cpu.naive.push(naive.cpu);
    cpu.perMessage.push(perMessage.cpu);
    cpu.pipeline.push(pipeline.cpu);
    memory.push(stack.vodflowWorker.memory.take());
    open.add(settings.events * 3 + settings.naiveEvents);
    lastDrain = pipeline.videoIds;
    runs.entity.push(entity.perSecond);
    runs.video.push(video.perSecond);
    runs.naive.push(naive.perSecond);
    runs.perMessage.push(perMessage.perSecond);
    runs.pipeline.push(pipeline.perSecond);
    ratios.perMessageToEntity.push(perMessage.perSecond / entity.perSecond);
    applied.entity.push(entity.appliedPerSecond ?? NaN);
    applied.video.push(video.appliedPerSecond ?? NaN);
    applied.perMessage.push(perMessage.appliedPerSecond ?? NaN);
    applied.pipeline.push(pipeline.appliedPerSecond ?? NaN);
    appliedRatios.perMessageToEntity.push(
      (perMessage.appliedPerSecond ?? NaN) / (entity.appliedPerSecond ?? NaN),
    );
    appliedRatios.pipelineToEntity.push(
      (pipeline.appliedPerSecond ?? NaN) / (entity.appliedPerSecond ?? NaN),
    );
    ratios.pipelineToEntity.push(pipeline.perSecond / entity.perSecond);
    ratios.pipelineToVideo.push(pipeline.perSecond / video.perSecond);
    ratios.pipelineToNaive.push(pipeline.perSecond / naive.perSecond);
    settings.say(
      `  a ${entity.perSecond.toFixed(0)}/s, a′ ${video.perSecond.toFixed(0)}/s, b ${naive.perSecond.toFixed(0)}/s, c₀ ${perMessage.perSecond.toFixed(0)}/s, c ${pipeline.perSecond.toFixed(0)}/s`,
    );
  }
  const pipeline = spreadOf(runs.pipeline);
  const pipelineApplied = spreadOf(applied.pipeline);
  const d = await latency(stack, settings, pipelineApplied.median / 2, open);
  return {
    mode: 'ceiling' as const,
    eventsPerScenario: settings.events,
    rounds: settings.rounds,
    perSec: {
      entityCeiling: spreadOf(runs.entity),
      videoWorkflowCeiling: spreadOf(runs.video),
      naive: spreadOf(runs.naive),
      pipelineOneSignalPerMessage: spreadOf(runs.perMessage),
      pipeline,
    },
    ratios: {
      oneSignalPerMessageToEntityCeiling: spreadOf(ratios.perMessageToEntity, 3),
      pipelineToEntityCeiling: spreadOf(ratios.pipelineToEntity, 3),
      pipelineToVideoWorkflowCeiling: spreadOf(ratios.pipelineToVideo, 3),
      pipelineToNaive: spreadOf(ratios.pipelineToNaive, 2),
    },
    appliedPerSec: {
      entityCeiling: spreadOf(applied.entity),
      videoWorkflowCeiling: spreadOf(applied.video),
      pipelineOneSignalPerMessage: spreadOf(applied.perMessage),
      pipeline: pipelineApplied,
    },
    appliedRatios: {
      oneSignalPerMessageToEntityCeiling: spreadOf(appliedRatios.perMessageToEntity, 3),
      pipelineToEntityCeiling: spreadOf(appliedRatios.pipelineToEntity, 3),
    },
    cpuMsPerEvent: {
      entityCeiling: medianCpu(cpu.entity),
      videoWorkflowCeiling: medianCpu(cpu.video),
      naive: medianCpu(cpu.naive),
      pipelineOneSignalPerMessage: medianCpu(cpu.perMessage),
      pipeline: medianCpu(cpu.pipeline),
    },
    latency: d,
    worker: workerMemory(stack, memory),
    history: await profileHistories(stack, lastDrain),
  };
}

/**
 * The drain at each number of videos, one after the other, every video left open; before each, the
 * entity ceiling with as many events (its workflows stay open too), so that what the server alone
 * loses at scale shows apart from what vodflow loses.
 */
export async function scaleMode(stack: BenchStack, settings: BenchSettings, videoCounts: number[]) {
  const open = new OpenVideos();
  const steps: {
    videos: number;
    openVideos: number;
    perSec: number;
    appliedPerSec: number;
    entityPerSec: number;
    worker: MemoryResult;
    cpuMsPerEvent: CpuPerEvent;
    entityCpuMsPerEvent: CpuPerEvent;
  }[] = [];
  let lastDrain: string[] = [];
  for (const videos of videoCounts) {
    const events = videos * EVENTS_PER_VIDEO;
    settings.say(`(a) entity ceiling: ${events} events of ${videos} entities…`);
    const entity = await withCpu(stack, () => entityCeiling(stack, events, settings.concurrency));
    settings.say(`  ${entity.perSecond.toFixed(0)} events/s recorded`);
    settings.say(`(c) vodflow draining ${events} events of ${videos} videos (${open.count} already open)…`);
    stack.vodflowWorker.memory.take();
    const drain = await withCpu(stack, () => vodflowDrain(stack, events, settings.consumer));
    open.add(events);
    lastDrain = drain.videoIds;
    steps.push({
      videos,
      openVideos: open.count,
      perSec: round(drain.perSecond),
      appliedPerSec: round(drain.appliedPerSecond ?? NaN),
      entityPerSec: round(entity.perSecond),
      worker: stack.vodflowWorker.memory.take(),
      cpuMsPerEvent: drain.cpu,
      entityCpuMsPerEvent: entity.cpu,
    });
    settings.say(
      `  ${drain.perSecond.toFixed(0)} events/s recorded, ${(drain.appliedPerSecond ?? NaN).toFixed(0)} events/s applied`,
    );
  }
  const first = steps[0];
  const last = steps[steps.length - 1];
  const d = last ? await latency(stack, settings, last.appliedPerSec / 2, open) : undefined;
  return {
    mode: 'scale' as const,
    steps,
    lastToFirst: first && last ? round(last.perSec / first.perSec, 3) : undefined,
    lastToFirstApplied: first && last ? round(last.appliedPerSec / first.appliedPerSec, 3) : undefined,
    /** The same ratio for the entity ceiling: what the server alone keeps at scale. */
    entityLastToFirst: first && last ? round(last.entityPerSec / first.entityPerSec, 3) : undefined,
    latency: d,
    worker: workerMemory(
      stack,
      steps.map((s) => s.worker),
    ),
    history: await profileHistories(stack, lastDrain),
  };
}

/**
 * A real round trip: every SMQ request of the consumer (receive, delete, visibility) takes
 * `latencyMs` more, as it does against a region over the network. (b) and (c) interleaved per round.
 */
export async function roundTripMode(stack: BenchStack, settings: BenchSettings, latencies: number[]) {
  const results: {
    smqLatencyMs: number;
    naive: Spread;
    pipelineOneSignalPerMessage: Spread;
    pipeline: Spread;
    oneSignalPerMessageToNaive: Spread;
    pipelineToNaive: Spread;
  }[] = [];
  for (const latencyMs of latencies) {
    await stack.smqAdmin.setFaults({ latencyMs, operations: ['receive', 'delete', 'visibility'] });
    const naive: number[] = [];
    const perMessage: number[] = [];
    const pipeline: number[] = [];
    const perMessageRatio: number[] = [];
    const ratio: number[] = [];
    for (let r = 1; r <= settings.rounds; r++) {
      settings.say(`SMQ +${latencyMs} ms, round ${r}/${settings.rounds}: (b) naive, (c₀), (c) vodflow…`);
      const b = await naiveLoop(stack, settings.naiveEvents);
      const c0 = await vodflowDrain(stack, settings.events, { ...settings.consumer, coalesceEvents: false });
      const c = await vodflowDrain(stack, settings.events, settings.consumer);
      naive.push(b.perSecond);
      perMessage.push(c0.perSecond);
      pipeline.push(c.perSecond);
      perMessageRatio.push(c0.perSecond / b.perSecond);
      ratio.push(c.perSecond / b.perSecond);
      settings.say(
        `  b ${b.perSecond.toFixed(0)}/s, c₀ ${c0.perSecond.toFixed(0)}/s, c ${c.perSecond.toFixed(0)}/s`,
      );
    }
    results.push({
      smqLatencyMs: latencyMs,
      naive: spreadOf(naive),
      pipelineOneSignalPerMessage: spreadOf(perMessage),
      pipeline: spreadOf(pipeline),
      oneSignalPerMessageToNaive: spreadOf(perMessageRatio, 2),
      pipelineToNaive: spreadOf(ratio, 2),
    });
  }
  await stack.smqAdmin.clearFaults();
  return {
    mode: 'round-trip' as const,
    eventsPerScenario: settings.events,
    rounds: settings.rounds,
    results,
  };
}

function workerMemory(stack: BenchStack, during: MemoryResult[]) {
  const now = stack.vodflowWorker.memory.take();
  return {
    pid: stack.vodflowWorker.pid,
    peakRssMiB: Math.max(now.peakRssMiB, ...during.map((m) => m.peakRssMiB)),
    rssMiBAtEnd: now.rssMiB,
    entityWorkerRssMiB: stack.entityWorker.memory.take().rssMiB,
  };
}

export type BenchResult =
  | Awaited<ReturnType<typeof ceilingMode>>
  | Awaited<ReturnType<typeof scaleMode>>
  | Awaited<ReturnType<typeof roundTripMode>>;

export type { HistoryProfile };
