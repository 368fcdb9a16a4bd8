import type { BenchResult } from './modes';
import type { Spread } from './percentiles';

// `server 0.41 + vodflowWorker 0.3 + … = 0.85`: where each event's CPU went, and the sum.
function cpuLine(perEvent: Record<string, number>): string {
  const spent = Object.entries(perEvent).filter(([, ms]) => ms > 0.0005);
  const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
  return `${spent.map(([name, ms]) => `${name} ${ms}`).join(' + ')} = ${Math.round(total * 1000) / 1000}`;
}

// The human-readable form of a benchmark result (`--json` prints the object itself).
export function printReport(result: BenchResult & { maxCachedWorkflows: number }): void {
  const spread = (s: Spread, unit = ''): string =>
    `${s.median}${unit} (${s.min}–${s.max}, runs ${s.runs.join(', ')})`;
  console.log('');
  console.log(`worker cache: ${result.maxCachedWorkflows} workflows`);
  if (result.mode === 'ceiling') {
    console.log(`  (a)  entity ceiling          ${spread(result.perSec.entityCeiling, '/s')}`);
    console.log(`  (a′) video workflow ceiling  ${spread(result.perSec.videoWorkflowCeiling, '/s')}`);
    console.log(`  (b)  naive loop              ${spread(result.perSec.naive, '/s')}`);
    console.log(`  (c₀) vodflow, 1 signal/msg   ${spread(result.perSec.pipelineOneSignalPerMessage, '/s')}`);
    console.log(`  (c)  vodflow consumer        ${spread(result.perSec.pipeline, '/s')}`);
    console.log(`  c₀/a ${spread(result.ratios.oneSignalPerMessageToEntityCeiling)}`);
    console.log(`  c/a  ${spread(result.ratios.pipelineToEntityCeiling)}`);
    console.log(`  c/a′ ${spread(result.ratios.pipelineToVideoWorkflowCeiling)}`);
    console.log(`  c/b  ${spread(result.ratios.pipelineToNaive)}`);
    console.log("  counted until applied in the workflows' state:");
    console.log(`  (a)  ${spread(result.appliedPerSec.entityCeiling, '/s')}`);
    console.log(`  (a′) ${spread(result.appliedPerSec.videoWorkflowCeiling, '/s')}`);
    console.log(`  (c₀) ${spread(result.appliedPerSec.pipelineOneSignalPerMessage, '/s')}`);
    console.log(`  (c)  ${spread(result.appliedPerSec.pipeline, '/s')}`);
    console.log(`  c₀/a ${spread(result.appliedRatios.oneSignalPerMessageToEntityCeiling)}`);
    console.log(`  c/a  ${spread(result.appliedRatios.pipelineToEntityCeiling)}`);
    console.log('  CPU per event, ms (medians):');
    const c = result.cpuMsPerEvent;
    console.log(`  (a)  ${cpuLine(c.entityCeiling)}`);
    console.log(`  (a′) ${cpuLine(c.videoWorkflowCeiling)}`);
    console.log(`  (b)  ${cpuLine(c.naive)}`);
    console.log(`  (c₀) ${cpuLine(c.pipelineOneSignalPerMessage)}`);
    console.log(`  (c)  ${cpuLine(c.pipeline)}`);
  } else if (result.mode === 'scale') {
    for (const step of result.steps) {
      console.log(
        `  ${step.videos} videos (${step.openVideos} open): ${step.perSec}/s recorded, ${step.appliedPerSec}/s applied, worker RSS peak ${step.worker.peakRssMiB} MiB; entity ceiling ${step.entityPerSec}/s`,
      );
      console.log(`      CPU per event, ms: ${cpuLine(step.cpuMsPerEvent)}`);
      console.log(`      entity ceiling's, ms: ${cpuLine(step.entityCpuMsPerEvent)}`);
    }
    console.log(
      `  last/first throughput ${result.lastToFirst} (applied ${result.lastToFirstApplied}); entity ceiling ${result.entityLastToFirst}`,
    );
  } else {
    for (const r of result.results) {
      console.log(`  SMQ +${r.smqLatencyMs} ms: b ${spread(r.naive, '/s')}`);
      console.log(`                c₀ ${spread(r.pipelineOneSignalPerMessage, '/s')}`);
      console.log(`                c ${spread(r.pipeline, '/s')}`);
      console.log(`                c₀/b ${spread(r.oneSignalPerMessageToNaive)}`);
      console.log(`                c/b ${spread(r.pipelineToNaive)}`);
    }
    return;
  }
  const d = result.latency;
  if (d) {
    console.log(
      `  (d) enqueue → state at ${d.ratePerSec}/s with ${d.openVideos} videos open: p50 ${d.p50Ms} ms, p99 ${d.p99Ms} ms (${d.samples} events)`,
    );
    const worst = d.worstSeconds.map((s) => `second ${s.second}: max ${s.maxMs} ms over ${s.events}`);
    console.log(`      slowest seconds of sending: ${worst.join('; ')}`);
    console.log(`      the consumer's poller ran ${d.pollerStartMs} ms after its start (sending began then)`);
  }
  console.log(
    `  vodflow worker RSS: peak ${result.worker.peakRssMiB} MiB, at the end ${result.worker.rssMiBAtEnd} MiB (entity worker ${result.worker.entityWorkerRssMiB} MiB)`,
  );
  const h = result.history;
  console.log(
    `  per video (mean of ${h.videos}): ${h.historyEvents} history events, ${h.historyBytes} bytes, ${h.signals} signals, ${h.workflowTasks} workflow tasks, ${h.upserts} upserts`,
  );
}
