import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../../devstack/free-port';
import { spawnTied, type TiedProcess } from '../../../devstack/tied-process';
import { eventually } from '../../helpers/eventually';
import { startPipelineStack, type PipelineStack } from '../../helpers/pipeline-stack';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DASHBOARD = path.join(ROOT, 'deploy', 'grafana', 'dashboards', 'vodflow.json');
const ALERT_RULES = path.join(ROOT, 'deploy', 'prometheus', 'alerts.yml');

/** promtool's output; rejects when it finds a problem (installed by `make install`). */
async function promtool(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('promtool', args, (error, stdout, stderr) =>
      error ? reject(new Error(`promtool ${args.join(' ')}: ${stdout}${stderr}`)) : resolve(stdout + stderr),
    );
    child.stdin?.end(input);
  });
}

function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`)))
      total += Number(match[3]);
  }
  return total;
}

// workers/main.ts with VODFLOW_METRICS_ADDRESS serves Prometheus metrics: the SDK's and vodflow's.
describe('worker metrics', () => {
  let stack: PipelineStack;
  let worker: TiedProcess | undefined;
  const lines: string[] = [];
  afterAll(async () => {
    // The consumers stop first: their pollers run on this worker and must drain on it.
    await stack?.close();
    await worker?.stop();
  });

  it('counts messages, stage transitions, follow-ups and reconciled events, and logs JSON lines only', async () => {
    stack = await startPipelineStack({
      inProcessWorker: false,
      env: { VODFLOW_DEADLINE_SNAPSHOT_SECONDS: '1', VODFLOW_RECHECK_INITIAL_SECONDS: '0.5' },
    });
    const address = `127.0.0.1:${await freePort()}`;
    worker = spawnTied(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...stack.workerEnv, VODFLOW_METRICS_ADDRESS: address },
      onLine: (line) => lines.push(line),
    });
    await eventually(() => expect(worker?.output()).toContain('"message":"running"'), { timeoutMs: 60_000 });
    await stack.startConsumer();
    const videoIds = await Promise.all([stack.upload('metrics 1'), stack.upload('metrics 2')]);
    let events = 0;
    for (const videoId of videoIds) events += (await stack.waitForStage(videoId, 'ready')).counters.applied;
    // A third video whose SnapshotComplete VOD loses: recovered from the API past its deadline.
    await stack.vod.setFaults({ dropEventTypes: ['SnapshotComplete'] });
    const lost = await stack.upload('metrics 3, snapshot event lost');
    events += (await stack.waitForStage(lost, 'ready')).counters.applied - 1;

    const metrics = await eventually(async () => {
      const text = await (await fetch(`http://${address}/metrics`)).text();
      expect(sample(text, 'vodflow_messages_deleted_total')).toBeGreaterThanOrEqual(events);
      return text;
    });
    expect(sample(metrics, 'vodflow_messages_received_total')).toBeGreaterThanOrEqual(events);
    expect(sample(metrics, 'vodflow_messages_quarantined_total')).toBe(0);
    expect(sample(metrics, 'vodflow_stage_transitions_total', { stage: 'ready' })).toBe(3);
    for (const stage of ['transcode', 'snapshot', 'aiAudit']) {
      expect(sample(metrics, 'vodflow_follow_ups_total', { stage, outcome: 'submitted' })).toBe(3);
    }
    expect(sample(metrics, 'vodflow_reconciled_events_total', { stage: 'snapshot' })).toBe(1);
    expect(sample(metrics, 'vodflow_reconciled_events_total')).toBe(1);
    expect(sample(metrics, 'vodflow_reconcile_checks_total', { stage: 'snapshot', outcome: 'settled' })).toBe(
      1,
    );
    expect(sample(metrics, 'vodflow_queue_lag_seconds_count')).toBeGreaterThanOrEqual(events);
    // Prometheus' own linter agrees: names, suffixes, units, label case, help texts.
    await expect(promtool(['check', 'metrics'], metrics)).resolves.toBe('');
    // The dashboard and the alert rules chart and watch only metrics this worker exports.
    const named = [DASHBOARD, ALERT_RULES].flatMap((file) => [
      ...readFileSync(file, 'utf8').matchAll(/\b(?:vodflow|temporal)_[a-z_]+\b/g),
    ]);
    const names = [...new Set(named.map((m) => m[0]))];
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !new RegExp(`^${name}[{ ]`, 'm').test(metrics))).toEqual([]);
    // The SDK's own metrics are on the same endpoint.
    expect(metrics).toMatch(/^temporal_/m);
    // Seconds, with buckets that fit: a batch is at most 16 messages; a lag may last hours.
    expect(metrics).toMatch(/^vodflow_batch_size_bucket\{[^}]*le="16"\} /m);
    expect(metrics).toMatch(/^vodflow_queue_lag_seconds_bucket\{[^}]*le="3600"\} /m);
    expect(metrics).toMatch(/^vodflow_signal_latency_seconds_bucket\{[^}]*le="0.05"\} /m);
    expect(metrics).not.toMatch(/^vodflow_\w+_(ms|milliseconds)/m);
    // Labels in snake_case like the SDK's own; every stage's series exists, at 0 until it moves.
    const ours = metrics.split('\n').filter((line) => line.startsWith('vodflow_'));
    expect(ours.filter((line) => /[{,][a-z]+[A-Z]\w*=/.test(line))).toEqual([]);
    expect(
      sample(metrics, 'vodflow_stage_transitions_total', { stage: 'failed', workflow_type: 'videoWorkflow' }),
    ).toBe(0);
    expect(metrics).toMatch(/^vodflow_stage_transitions_total\{[^}]*stage="failed"[^}]*\} 0$/m);
    expect(metrics).toMatch(/^vodflow_follow_ups_total\{[^}]*task_queue="[^"]+"/m);
    expect(metrics).toMatch(/^vodflow_quarantine_size\{[^}]*\} 0$/m);

    // One stream, one format: every line the worker wrote (its own, the SDK's, the core's) is JSON.
    const records = lines
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of records) {
      expect([typeof record.time, typeof record.level, typeof record.message]).toEqual([
        'string',
        'string',
        'string',
      ]);
    }
    expect(records.some((record) => record.component === 'temporal')).toBe(true);
    expect(lines.join('\n')).not.toContain('\u001b[');
  });
});
