import { parseArgs } from 'node:util';
import { startBenchStack } from './bench-stack';
import { percentile } from './percentiles';
import { latencyAtRate, naiveLoop, rawCeiling, vodflowDrain } from './scenarios';

// `npm run bench [-- --quick] [--json] [--events N]`: in one run on the local stack, (a) the raw
// signal-with-start ceiling, (b) the naive receive-signal-delete loop, (c) vodflow's consumer
// draining pre-loaded events, and (d) enqueue-to-state latency at half of (c)'s rate. Only ratios
// measured in the same run mean anything on a shared machine.

const USAGE = `usage: npm run bench -- [--quick] [--json] [--events N] [--naive-events N] [--latency-seconds S]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      events: { type: 'string' },
      'naive-events': { type: 'string' },
      'latency-seconds': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const events = positive(values.events, values.quick ? 1_000 : 5_000, '--events');
  const naiveEvents = positive(values['naive-events'], values.quick ? 150 : 400, '--naive-events');
  const latencySeconds = positive(values['latency-seconds'], values.quick ? 8 : 20, '--latency-seconds');
  const say = (line: string): void => {
    if (!values.json) console.log(line);
  };

  say(`starting the local stack (Temporal dev server, SMQ emulator, vodflow worker)…`);
  const stack = await startBenchStack();
  try {
    // A short warm-up so that (a) does not pay for first connections and worker caches alone.
    await rawCeiling(stack, 100, 32);

    say(`(a) raw signal-with-start ceiling, ${events} events…`);
    const raw = await rawCeiling(stack, events, 128);
    say(`(b) naive receive → signal → delete loop, ${naiveEvents} events…`);
    const naive = await naiveLoop(stack, naiveEvents);
    say(`(c) vodflow consumer draining ${events} pre-loaded events…`);
    const pipeline = await vodflowDrain(stack, events);
    const halfRate = pipeline.perSecond / 2;
    say(`(d) latency at ${halfRate.toFixed(0)} events/s for ${latencySeconds} s…`);
    const { lags } = await latencyAtRate(stack, halfRate, latencySeconds);

    const result = {
      pipelineEventsPerSec: round(pipeline.perSecond),
      rawCeilingPerSec: round(raw.perSecond),
      naivePerSec: round(naive.perSecond),
      p50Ms: percentile(lags, 50),
      p99Ms: percentile(lags, 99),
      pipelineToCeiling: round(pipeline.perSecond / raw.perSecond, 3),
      pipelineToNaive: round(pipeline.perSecond / naive.perSecond, 2),
      events,
      latencyRatePerSec: round(halfRate),
      latencySamples: lags.length,
    };
    if (values.json) {
      console.log(JSON.stringify(result));
    } else {
      console.log('');
      console.log(`  raw ceiling (a)       ${result.rawCeilingPerSec} events/s`);
      console.log(`  naive loop (b)        ${result.naivePerSec} events/s`);
      console.log(`  vodflow consumer (c)  ${result.pipelineEventsPerSec} events/s`);
      console.log(`  c/a = ${result.pipelineToCeiling}   c/b = ${result.pipelineToNaive}`);
      console.log(
        `  enqueue → state at ${result.latencyRatePerSec}/s: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${lags.length} events)`,
      );
    }
  } finally {
    await stack.close();
  }
}

function positive(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number\n${USAGE}`);
  return value;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
