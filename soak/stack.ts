import type { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SmqAdminClient } from '../clients/smq/admin-client';
import { SmqClient } from '../clients/smq';
import { connectClient } from '../clients/temporal/connect';
import { createVodClient, type VodClient } from '../clients/vod';
import { loadConfig, type VodflowConfig } from '../common/config';
import { startEmulatorProcess, type EmulatorProcess } from '../devstack/emulator-process';
import { freePort } from '../devstack/free-port';
import { localStackEnv } from '../devstack/local-stack';
import { startTemporalDevServer, type TemporalDevServer } from '../devstack/temporal-server';
import { spawnTied, type TiedProcess } from '../devstack/tied-process';
import { DEFAULT_ACCESS_KEY } from '../emulators/common/default-credentials';
import type { LedgerCounts } from '../emulators/vod/delivery/event-ledger';
import type { VodFaults } from '../emulators/vod/engine/faults';
import type { JobCounts } from '../emulators/vod/engine/vod-engine';
import type { SmqFaults } from '../emulators/smq/faults';

// The soak's stack: every part its own process, each one killable like a crash and restartable
// on the same port with the same data (Temporal's SQLite file, the SMQ journal).

const ROOT = path.resolve(__dirname, '..');
export const SOAK_REGION = 'cn-shanghai';
export const SOAK_QUEUE = 'soak-events';
const WORKER_READY = '"message":"running"';
const WORKER_START_TIMEOUT_MS = 90_000;

export interface SoakStackOptions {
  dir: string;
  workers: number;
  seed: number;
  visibilitySeconds: number;
  log: (line: string) => void;
}

export interface VodLedgerEntry {
  events: LedgerCounts;
  jobs: JobCounts;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function adminJson(url: string, method = 'GET', body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

export class SoakStack {
  readonly workerEnv: Record<string, string>;
  readonly config: VodflowConfig;
  readonly vodClient: VodClient;
  readonly smqAdmin: SmqAdminClient;
  workerRestarts = 0;
  private readonly workers: (TiedProcess | undefined)[];
  private readonly killedOnPurpose = new Set<TiedProcess>();
  private closing = false;

  private constructor(
    private readonly options: SoakStackOptions,
    private temporal: TemporalDevServer,
    private readonly temporalPort: number,
    private smq: EmulatorProcess,
    private readonly smqPort: number,
    private readonly vod: EmulatorProcess,
    readonly client: Client,
    private readonly closeClient: () => Promise<void>,
    workerEnv: Record<string, string>,
  ) {
    this.workerEnv = workerEnv;
    this.config = loadConfig(workerEnv);
    this.vodClient = createVodClient({
      ...DEFAULT_ACCESS_KEY,
      region: SOAK_REGION,
      endpoint: vod.url,
    });
    this.smqAdmin = new SmqAdminClient(smq.url);
    this.workers = new Array<TiedProcess | undefined>(options.workers).fill(undefined);
  }

  static async start(options: SoakStackOptions, env: Record<string, string>): Promise<SoakStack> {
    mkdirSync(options.dir, { recursive: true });
    const [temporalPort, smqPort] = [await freePort(), await freePort()];
    const bundlePath = path.join(options.dir, 'workflow-bundle.js');
    const [temporal, smq, bundle] = await Promise.all([
      startTemporal(options.dir, temporalPort),
      startSmq(options.dir, smqPort),
      bundleWorkflowCode({
        workflowsPath: path.join(ROOT, 'workflows', 'index.ts'),
        logger: quietBundleLogger,
      }),
    ]);
    writeFileSync(bundlePath, bundle.code);
    const vod = await startEmulatorProcess('vod', [
      '--port',
      '0',
      '--smq-endpoint',
      smq.url,
      '--seed',
      String(options.seed),
      '--stream-ms',
      '300',
      '--snapshot-ms',
      '300',
      '--ai-ms',
      '300',
    ]);
    const workerEnv: Record<string, string> = {
      ...env,
      ...localStackEnv(temporal, smq.url, vod.url),
      VODFLOW_QUEUES: `${SOAK_REGION}:${SOAK_QUEUE}`,
      VODFLOW_VISIBILITY_TIMEOUT_SECONDS: String(options.visibilitySeconds),
      VODFLOW_WORKFLOW_BUNDLE: bundlePath,
    };
    const config = loadConfig(workerEnv);
    const queue = new SmqClient(SOAK_QUEUE, { ...DEFAULT_ACCESS_KEY, endpoint: smq.url });
    await queue.createQueue({ visibilityTimeout: options.visibilitySeconds });
    const { client, close } = await connectClient(config.temporal);
    const stack = new SoakStack(options, temporal, temporalPort, smq, smqPort, vod, client, close, workerEnv);
    await stack.vodClient.setMessageCallback({
      CallbackType: 'MNS',
      MnsEndpoint: smq.url,
      MnsQueueName: SOAK_QUEUE,
      EventTypeList: 'ALL',
    });
    await Promise.all(stack.workers.map((_, index) => stack.startWorker(index)));
    return stack;
  }

  /** Uploads a video through VOD's API and completes it: its events are on their way. */
  async upload(title: string): Promise<string> {
    const { VideoId } = await this.vodClient.createUploadVideo({ Title: title, FileName: 'soak.mp4' });
    await adminJson(`${this.vod.url}/__admin/videos/${VideoId}/complete-upload`, 'POST');
    return VideoId;
  }

  ledger(videoId: string): Promise<VodLedgerEntry> {
    return adminJson(`${this.vod.url}/__admin/ledger/${videoId}`) as Promise<VodLedgerEntry>;
  }

  async setVodFaults(faults: Partial<VodFaults>): Promise<void> {
    await adminJson(`${this.vod.url}/__admin/faults`, 'PUT', faults);
  }

  async setSmqFaults(faults: Partial<SmqFaults>): Promise<void> {
    await this.smqAdmin.setFaults(faults);
  }

  async clearSmqFaults(): Promise<void> {
    await this.smqAdmin.clearFaults();
  }

  async killWorker(index: number, downMs: number): Promise<void> {
    const worker = this.workers[index];
    if (worker) {
      this.killedOnPurpose.add(worker);
      worker.kill('SIGKILL');
      await worker.exited;
    }
    await delay(downMs);
    await this.startWorker(index);
  }

  async killTemporal(downMs: number): Promise<void> {
    await this.temporal.kill('SIGKILL');
    await delay(downMs);
    this.temporal = await startTemporal(this.options.dir, this.temporalPort);
  }

  async killSmq(downMs: number): Promise<void> {
    this.smq.process.kill('SIGKILL');
    await this.smq.process.exited;
    await delay(downMs);
    this.smq = await startSmq(this.options.dir, this.smqPort);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.filter((worker) => worker !== undefined).map((worker) => worker.stop()));
    await this.closeClient();
    await Promise.all([this.vod.stop(), this.smq.stop()]);
    await this.temporal.stop();
  }

  private async startWorker(index: number): Promise<void> {
    const worker = spawnTied(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...this.workerEnv },
      detached: true,
    });
    this.workers[index] = worker;
    // Like a process supervisor: a worker that dies on its own is started again (and counted).
    void worker.exited.then(async () => {
      if (this.closing || this.killedOnPurpose.has(worker) || this.workers[index] !== worker) return;
      this.workerRestarts++;
      this.options.log(
        `worker ${index} exited on its own; restarting it. Its last output:\n${worker.output()}`,
      );
      await delay(1_000);
      if (!this.closing) await this.startWorker(index);
    });
    const deadline = Date.now() + WORKER_START_TIMEOUT_MS;
    while (!worker.output().includes(WORKER_READY)) {
      if (!worker.isRunning()) return;
      if (Date.now() > deadline)
        throw new Error(
          `worker ${index} not running after ${WORKER_START_TIMEOUT_MS} ms:\n${worker.output()}`,
        );
      await delay(100);
    }
  }
}

const quietBundleLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
  log: () => undefined,
};

function startTemporal(dir: string, port: number): Promise<TemporalDevServer> {
  return startTemporalDevServer({
    port,
    dbFilename: path.join(dir, 'temporal.db'),
    logLevel: 'error',
    detached: true,
  });
}

function startSmq(dir: string, port: number): Promise<EmulatorProcess> {
  return startEmulatorProcess('smq', ['--port', String(port), '--data-dir', path.join(dir, 'smq')], {
    detached: true,
  });
}
