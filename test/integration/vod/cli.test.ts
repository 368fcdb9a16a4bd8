import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import RPCClient from '@alicloud/pop-core';

// The CLI as scripts use it: start on port 0, wait for the ready line, call it, stop it with SIGTERM.

const ROOT = join(__dirname, '..', '..', '..');
// node with tsx's loader: one process, so that a kill reaches the emulator itself.
const NODE_WITH_TSX = ['--import', 'tsx'];

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${timeoutMs} ms; output: ${seen}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}; output: ${seen}`)));
  });
}

describe('emulators/vod/main.ts', () => {
  test('--help prints the flags', async () => {
    const child = spawn(process.execPath, [...NODE_WITH_TSX, join(ROOT, 'emulators/vod/main.ts'), '--help'], {
      cwd: ROOT,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('--smq-endpoint');
    expect(output).toContain('--event-encoding');
  });

  test('listens on a free port, answers pop-core, stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        ...NODE_WITH_TSX,
        join(ROOT, 'emulators/vod/main.ts'),
        '--port',
        '0',
        '--smq-endpoint',
        'http://127.0.0.1:9',
        '--access-key-id',
        'cli-id',
        '--access-key-secret',
        'cli-secret',
        '--drop-rate',
        '0.5',
        '--seed',
        '7',
      ],
      { cwd: ROOT },
    );
    try {
      const match = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
      const pop = new RPCClient({
        endpoint: match[1],
        apiVersion: '2017-03-21',
        accessKeyId: 'cli-id',
        accessKeySecret: 'cli-secret',
      });
      const answer = await pop.request<{ RequestId: string }>('GetMessageCallback', {}, { method: 'POST' });
      expect(answer.RequestId).toBeTruthy();
      const faults = (await (await fetch(`${match[1]}/__admin/faults`)).json()) as { dropRate: number };
      expect(faults.dropRate).toBe(0.5);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 40_000);
});
