import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '../helpers/eventually';
import { DEV_SETTING_NAMES } from '../helpers/dev-settings';

const ROOT = path.resolve(__dirname, '..', '..');

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// `make demo`'s program, as CI sees it: no terminal, a few videos, its own local stack.
describe('demo', () => {
  it('takes every demo video to its expected stage and exits 0, leaving nothing running', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'starters', 'demo.ts'),
        '--videos',
        '3',
        '--timeout-seconds',
        '120',
      ],
      { cwd: ROOT, timeout: 170_000 },
    );
    expect(stdout).toMatch(/Temporal Web UI: http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/^ {2}ready +2$/m);
    expect(stdout).toMatch(/^ {2}blocked +1$/m);
    expect(stdout).toMatch(/^ {2}quarantined +1$/m);
    expect(stdout).toMatch(/^ {2}published by hook +2 /m);
    // The first video loses every event: the sweep Schedule finds it, reconciliation finishes it.
    expect(stdout).toMatch(/^ {2}found by the sweep +[1-9]/m);
    expect(stdout).toMatch(/recovered from the VOD API: .*upload [1-9]/);
    // At least one submission per stage and video; injected job failures add retries.
    const [, transcode, snapshot, ai] =
      /follow-ups +transcode (\d+), snapshot (\d+), AI review (\d+)/.exec(stdout) ?? [];
    for (const count of [transcode, snapshot, ai]) expect(Number(count)).toBeGreaterThanOrEqual(3);

    // Its Temporal server went away with it.
    const port = Number(/frontend 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await accepts(port)).toBe(false);
  }, 180_000);

  it('with --keep, stays up with its worker, prints the settings `vodflow dev` prints, and stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'starters', 'demo.ts'), '--videos', '1', '--keep'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await eventually(() => expect(output).toContain('press Ctrl-C to stop it'), { timeoutMs: 150_000 });
      const names = [...output.matchAll(/^export ([A-Z_]+)=/gm)].map((m) => m[1]);
      expect(names.sort()).toEqual(DEV_SETTING_NAMES);
      expect(output).toContain('export VODFLOW_QUEUES=cn-shanghai:vod-events');
      const port = Number(/^export TEMPORAL_ADDRESS=127\.0\.0\.1:(\d+)$/m.exec(output)?.[1]);
      expect(await accepts(port)).toBe(true);
      child.kill('SIGINT');
      // Bounded: a demo that does not stop fails here rather than hanging the run.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 60_000)))]);
      clearTimeout(timer);
      expect(child.exitCode ?? child.signalCode).not.toBeNull();
      expect(await accepts(port)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
