import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');

// Runs the benchmark at toy sizes: every scenario and mode works end to end and `--json` prints one
// parsable line. It measures nothing (speed is never asserted in tests).
async function bench(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench', 'pipeline', 'bench.ts'), '--json', ...args],
    { cwd: ROOT, timeout: 240_000 },
  );
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

interface Spread {
  median: number;
  runs: number[];
}

interface CeilingResult {
  mode: string;
  perSec: Record<
    'entityCeiling' | 'videoWorkflowCeiling' | 'naive' | 'pipelineOneSignalPerMessage' | 'pipeline',
    Spread
  >;
  appliedPerSec: Record<'pipeline', Spread>;
  cpuMsPerEvent: Record<'pipeline', Record<string, number>>;
  latency: { samples: number; pollerStartMs: number; worstSeconds: unknown[] };
  worker: { peakRssMiB: number };
  history: { signals: number };
}

describe('npm run bench', () => {
  it('runs the ceilings, the naive loop, both drains and the latency scenario', async () => {
    const result = await bench([
      '--rounds',
      '1',
      '--events',
      '40',
      '--naive-events',
      '10',
      '--latency-seconds',
      '1',
    ]);
    const { mode, perSec, appliedPerSec, cpuMsPerEvent, latency, worker, history } =
      result as unknown as CeilingResult;
    expect(mode).toBe('ceiling');
    for (const scenario of [perSec.entityCeiling, perSec.videoWorkflowCeiling, perSec.naive, perSec.pipeline])
      expect(scenario.runs).toHaveLength(1);
    expect(perSec.pipelineOneSignalPerMessage.median).toBeGreaterThan(0);
    expect(appliedPerSec.pipeline.median).toBeGreaterThan(0);
    expect(latency.samples).toBeGreaterThan(0);
    expect(latency.pollerStartMs).toBeGreaterThan(0);
    expect(latency.worstSeconds.length).toBeGreaterThan(0);
    expect(cpuMsPerEvent.pipeline.server).toBeGreaterThan(0);
    expect(cpuMsPerEvent.pipeline.vodflowWorker).toBeGreaterThan(0);
    expect(worker.peakRssMiB).toBeGreaterThan(0);
    expect(history.signals).toBeGreaterThan(0);
  }, 250_000);

  it('runs the round-trip mode with a slowed SMQ and the scale mode', async () => {
    const roundTrip = await bench([
      '--smq-latency-ms',
      '5',
      '--rounds',
      '1',
      '--events',
      '40',
      '--naive-events',
      '10',
    ]);
    expect(roundTrip).toMatchObject({ mode: 'round-trip', results: [{ smqLatencyMs: 5 }] });
    const scale = await bench(['--scale', '3,6', '--latency-seconds', '1']);
    expect(scale).toMatchObject({ mode: 'scale', steps: [{ videos: 3 }, { videos: 6, openVideos: 9 }] });
    expect(scale.lastToFirst).toBeGreaterThan(0);
    expect(scale.entityLastToFirst).toBeGreaterThan(0);
  }, 500_000);
});
