import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, type VodflowConfig } from '../../../common/config';
import { startTemporalDevServer, type TemporalDevServer } from '../../../devstack/temporal-server';
import { failed, type CheckResult } from '../../../preflight/check-result';
import { preflight } from '../../../preflight/preflight';
import { DEFAULT_ACCESS_KEY } from '../../../emulators/common/default-credentials';
import { startPipelineWorker, silentLog, type RunningPipelineWorker } from '../../helpers/pipeline-worker';
import { sharedStack } from '../../helpers/shared-stack';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';
import { startVodEmulator, type RunningVodEmulator } from '../../helpers/vod-emulator';
import { activityDepsFromConfig } from '../../../workers/activity-deps';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'vodflow.js');
const REGION = 'cn-shanghai';
const SECRET_TOKEN = 'sts-token-that-must-never-show';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      cwd: path.dirname(BIN),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failure = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

function check(checks: CheckResult[], namePart: string): CheckResult {
  const found = checks.find((c) => c.name.includes(namePart));
  if (!found) throw new Error(`no check named like "${namePart}" in ${JSON.stringify(checks)}`);
  return found;
}

// `vodflow setup` and `vodflow doctor` against the local stack: a Temporal dev server, the SMQ and
// VOD emulators over HTTP, and a real worker.
describe('vodflow setup and doctor', () => {
  let bare: TemporalDevServer;
  let smq: RunningSmqEmulator;
  let vod: RunningVodEmulator;
  let worker: RunningPipelineWorker;

  const env = (overrides: Record<string, string> = {}): Record<string, string> => ({
    TEMPORAL_ADDRESS: sharedStack().temporalAddress,
    TEMPORAL_NAMESPACE: sharedStack().namespace,
    VODFLOW_TASK_QUEUE: worker.taskQueue,
    SMQ_ENDPOINT: smq.endpoint,
    VOD_ENDPOINT: vod.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
    ...overrides,
  });
  const configOf = (overrides: Record<string, string> = {}): VodflowConfig => loadConfig(env(overrides));

  beforeAll(async () => {
    [bare, smq, vod] = await Promise.all([
      // Like a plain `temporal server start-dev`: none of vodflow's search attributes.
      startTemporalDevServer({ searchAttributes: false }),
      startSmqEmulator(),
      startVodEmulator(),
    ]);
    const config = loadConfig({
      SMQ_ENDPOINT: smq.endpoint,
      VOD_ENDPOINT: vod.endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
    });
    worker = await startPipelineWorker(activityDepsFromConfig(config, silentLog));
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await Promise.all([bare?.stop(), smq?.close(), vod?.close()]);
  });

  it('setup creates the queue, the callback and the search attributes; a second setup changes nothing', async () => {
    const queue = `setup-${randomUUID().slice(0, 8)}`;
    const setupEnv = env({ TEMPORAL_ADDRESS: bare.address, TEMPORAL_NAMESPACE: bare.namespace });
    const before = await preflight(loadConfig(setupEnv), { queues: [{ region: REGION, queue }] });
    expect(check(before, 'search attributes')).toMatchObject({ status: 'failed' });
    expect(check(before, 'search attributes').detail).toContain('VodStage');

    const first = await cli(setupEnv, 'setup', '--region', REGION, '--queue', queue);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`✓ queue ${REGION}:${queue}: created (visibility timeout 30 s)`);
    expect(first.stdout).toContain(`✓ VOD callback (${REGION}): now writes every event into ${queue}`);
    expect(first.stdout).toContain('registered VodStage, VodStatus, VodLastEvent, VodRegion, VodUpdatedAt');
    const [smqBefore, vodBefore] = [await smq.admin.stats(), await vod.callCounts()];

    const second = await cli(setupEnv, 'setup', '--region', REGION, '--queue', queue);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout.trim().split('\n')).toEqual([
      `✓ queue ${REGION}:${queue}: exists (visibility timeout 30 s) (unchanged)`,
      `✓ VOD callback (${REGION}): already writes into ${queue} (unchanged)`,
      `✓ search attributes (namespace ${bare.namespace}): all registered (unchanged)`,
    ]);
    const [smqAfter, vodAfter] = [await smq.admin.stats(), await vod.callCounts()];
    expect(smqAfter.requests.CreateQueue ?? 0).toBe(smqBefore.requests.CreateQueue ?? 0);
    expect(smqAfter.requests.SetQueueAttributes ?? 0).toBe(smqBefore.requests.SetQueueAttributes ?? 0);
    expect(vodAfter.SetMessageCallback ?? 0).toBe(vodBefore.SetMessageCallback ?? 0);

    const after = await preflight(loadConfig(setupEnv), { queues: [{ region: REGION, queue }] });
    expect(failed(after)).toEqual([]);
  }, 120_000);

  describe('doctor', () => {
    const queue = `doctor-${randomUUID().slice(0, 8)}`;
    const queues = [{ region: REGION, queue }];

    beforeAll(async () => {
      const setup = await cli(env(), 'setup', '--region', REGION, '--queue', queue);
      expect(setup).toMatchObject({ code: 0 });
    }, 60_000);

    it('is all green on a set-up stack with a worker, and prints no secret', async () => {
      const result = await cli(
        env({ VODFLOW_QUEUES: `${REGION}:${queue}`, ALIBABA_CLOUD_SECURITY_TOKEN: SECRET_TOKEN }),
        'doctor',
      );
      expect(result.stderr).toBe('');
      const lines = result.stdout.trim().split('\n');
      expect(lines.slice(0, -1).every((line) => line.startsWith('✓ '))).toBe(true);
      expect(lines).toEqual(
        expect.arrayContaining([
          `✓ Temporal reachable at ${sharedStack().temporalAddress}`,
          `✓ namespace ${sharedStack().namespace}`,
          '✓ search attributes registered',
          `✓ SMQ credentials accepted (${REGION})`,
          `✓ queue ${REGION}:${queue} exists: visibility timeout 30 s`,
          `✓ VOD credentials accepted (${REGION})`,
          `✓ VOD callback (${REGION}) writes into ${queue}: events ALL`,
          expect.stringMatching(new RegExp(`^✓ a worker polls task queue ${worker.taskQueue}`)),
          'all checks passed',
        ]),
      );
      expect(result.code).toBe(0);
      for (const secret of [DEFAULT_ACCESS_KEY.accessKeySecret, SECRET_TOKEN])
        expect(result.stdout).not.toContain(secret);
    }, 60_000);

    it('names a missing queue and how to create it', async () => {
      const checks = await preflight(configOf(), {
        queues: [{ region: REGION, queue: 'nowhere' }],
        full: true,
      });
      expect(check(checks, 'queue cn-shanghai:nowhere')).toMatchObject({
        status: 'failed',
        detail: 'QueueNotExist',
        fix: '`vodflow setup --region cn-shanghai --queue nowhere`',
      });
      expect(check(checks, 'SMQ credentials')).toMatchObject({ status: 'ok' });
    });

    it('names a secret SMQ refuses, without printing it', async () => {
      const other = await startSmqEmulator({
        accessKeys: [{ accessKeyId: DEFAULT_ACCESS_KEY.accessKeyId, accessKeySecret: 'another-secret' }],
      });
      try {
        const checks = await preflight(configOf({ SMQ_ENDPOINT: other.endpoint }), { queues, full: true });
        expect(check(checks, 'SMQ credentials')).toMatchObject({
          status: 'failed',
          detail: 'SMQ answered SignatureDoesNotMatch',
        });
        expect(check(checks, `queue ${REGION}:${queue}`)).toMatchObject({ status: 'skipped' });
        expect(check(checks, 'VOD credentials')).toMatchObject({ status: 'ok' });
      } finally {
        await other.close();
      }
    });

    it('names a secret VOD refuses, exits 1, and prints neither secret nor token', async () => {
      const wrong = 'wrong-secret-for-vod';
      const other = await startVodEmulator({
        accessKeys: [{ accessKeyId: DEFAULT_ACCESS_KEY.accessKeyId, accessKeySecret: wrong }],
      });
      try {
        const result = await cli(
          env({
            VOD_ENDPOINT: other.endpoint,
            VODFLOW_QUEUES: `${REGION}:${queue}`,
            ALIBABA_CLOUD_SECURITY_TOKEN: SECRET_TOKEN,
          }),
          'doctor',
        );
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(
          `✗ VOD credentials accepted (${REGION}): VOD answered SignatureDoesNotMatch — fix:`,
        );
        expect(result.stdout).toContain(`- VOD callback (${REGION})`);
        expect(result.stdout).toContain(`✓ SMQ credentials accepted (${REGION})`);
        for (const secret of [DEFAULT_ACCESS_KEY.accessKeySecret, wrong, SECRET_TOKEN])
          expect(result.stdout + result.stderr).not.toContain(secret);
      } finally {
        await other.close();
      }
    }, 60_000);

    it('names a region whose callback is not configured', async () => {
      const fresh = await startVodEmulator();
      try {
        const checks = await preflight(configOf({ VOD_ENDPOINT: fresh.endpoint }), { queues, full: true });
        expect(check(checks, 'VOD callback')).toMatchObject({
          status: 'failed',
          detail: 'no SMQ callback configured',
          fix: `\`vodflow setup --region ${REGION} --queue ${queue}\``,
        });
      } finally {
        await fresh.close();
      }
    });

    it('fails consume and the worker in one line', async () => {
      const line =
        'preflight failed: ✗ queue cn-shanghai:nowhere exists: QueueNotExist — fix: `vodflow setup --region cn-shanghai --queue nowhere`';
      const [consume, runWorker] = await Promise.all([
        cli(env(), 'consume', '--region', REGION, '--queue', 'nowhere'),
        cli(env({ VODFLOW_QUEUES: `${REGION}:nowhere` }), 'worker'),
      ]);
      expect(consume.code).toBe(1);
      expect(consume.stderr.trim().split('\n')).toEqual([`vodflow: ${line}`]);
      expect(runWorker.code).toBe(1);
      expect(runWorker.stderr.trim().split('\n').slice(-1)).toEqual([`vodflow: ${line}`]);
    }, 60_000);
  });
});
