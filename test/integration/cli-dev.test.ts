import { Connection } from '@temporalio/client';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SmqClient } from '../../clients/smq';
import { createVodClient } from '../../clients/vod';
import { DEV_PORTS } from '../../devstack/dev-ports';
import { eventually } from '../helpers/eventually';
import { DEV_SETTING_NAMES } from '../helpers/dev-settings';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'vodflow.js');

interface DevProcess {
  child: ChildProcess;
  kill(): void;
  output(): string;
  exited: Promise<number | null>;
  /** The printed `export NAME=value` settings. */
  settings(): Record<string, string>;
}

async function startDev(...args: string[]): Promise<DevProcess> {
  // Its own process group: a failed test kills the CLI's child too, not only bin/vodflow.js.
  const child = spawn(process.execPath, [BIN, 'dev', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: tmpdir(),
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await eventually(() => expect(output).toContain('press Ctrl-C'), { timeoutMs: 120_000 });
  return {
    child,
    kill: () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    },
    output: () => output,
    exited,
    settings: () =>
      Object.fromEntries([...output.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]])),
  };
}

async function cli(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    cwd: tmpdir(),
  });
  return stdout;
}

function holdPort(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

// `vodflow dev`: the local stack until Ctrl-C, with the queue and callback made and the settings
// that point vodflow at it.
describe('vodflow dev', () => {
  it('starts the stack on the default ports (falling back when taken), prints complete settings, and stops on SIGINT', async () => {
    // Whoever holds it (this test, or anything else on the machine), the port is taken.
    const held = await holdPort(DEV_PORTS.vod);
    let dev: DevProcess | undefined;
    try {
      dev = await startDev();
      const settings = dev.settings();
      expect(Object.keys(settings).sort()).toEqual(DEV_SETTING_NAMES);
      expect(settings.VODFLOW_QUEUES).toBe('cn-shanghai:vod-events');
      const vodPort = Number(new URL(settings.VOD_ENDPOINT ?? '').port);
      expect(vodPort).not.toBe(DEV_PORTS.vod);
      expect(dev.output()).toContain(
        `note: VOD emulator: port ${DEV_PORTS.vod} is taken, using ${vodPort} instead`,
      );
      // Every other port is its default unless a note says it was taken.
      const smqPort = Number(new URL(settings.SMQ_ENDPOINT ?? '').port);
      if (smqPort !== DEV_PORTS.smq)
        expect(dev.output()).toContain(`SMQ emulator: port ${DEV_PORTS.smq} is taken`);
      const temporalPort = Number(settings.TEMPORAL_ADDRESS?.split(':')[1]);
      if (temporalPort !== DEV_PORTS.temporal)
        expect(dev.output()).toContain(`Temporal: port ${DEV_PORTS.temporal} is taken`);

      const keys = {
        accessKeyId: settings.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '',
        accessKeySecret: settings.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '',
      };
      const queue = await new SmqClient('vod-events', {
        ...keys,
        endpoint: settings.SMQ_ENDPOINT,
      }).getAttributes();
      expect(queue.visibilityTimeout).toBe(30);
      const vod = createVodClient({ ...keys, region: 'cn-shanghai', endpoint: settings.VOD_ENDPOINT });
      expect((await vod.getMessageCallback()).MessageCallback).toMatchObject({
        MnsQueueName: 'vod-events',
        MnsEndpoint: settings.SMQ_ENDPOINT,
      });
      const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS });
      await connection.close();

      dev.child.kill('SIGINT');
      expect(await dev.exited).toBe(0);
      await expect(
        Connection.connect({ address: settings.TEMPORAL_ADDRESS, connectTimeout: 1_000 }),
      ).rejects.toThrow();
    } finally {
      dev?.kill();
      held?.close();
    }
  }, 180_000);

  it('runs a worker with --with-worker, uploads test videos, and keeps them with --persist', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vodflow-dev-'));
    const envFile = path.join(dir, 'dev.env');
    let dev: DevProcess | undefined;
    try {
      dev = await startDev('--persist', dir, '--with-worker', '--write-env', envFile);
      const settings = dev.settings();
      expect(readFileSync(envFile, 'utf8')).toContain(`VODFLOW_QUEUES=${settings.VODFLOW_QUEUES}`);
      const uploaded = await cli(settings, 'dev', 'upload', '--count', '2', '--title', 'dev test clip');
      const videoIds = [...uploaded.matchAll(/^uploaded (\S+) {2}dev test clip$/gm)].map((m) => m[1] ?? '');
      expect(videoIds).toHaveLength(2);
      for (const videoId of videoIds) {
        await eventually(
          async () =>
            expect(JSON.parse(await cli(settings, 'status', videoId, '--json'))).toMatchObject({
              stage: 'ready',
            }),
          { timeoutMs: 60_000, intervalMs: 1_000 },
        );
      }
      dev.child.kill('SIGINT');
      expect(await dev.exited).toBe(0);

      // The same directory again, without a worker: Temporal still knows the videos (visibility).
      dev = await startDev('--persist', dir);
      const again = dev.settings();
      expect(dev.output()).toContain('✓ queue cn-shanghai:vod-events: exists');
      const rows = JSON.parse(await cli(again, 'list', '--json')) as { videoId: string; stage: string }[];
      expect(rows.filter((row) => videoIds.includes(row.videoId)).map((row) => row.stage)).toEqual([
        'ready',
        'ready',
      ]);
      dev.child.kill('SIGINT');
      expect(await dev.exited).toBe(0);
    } finally {
      dev?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
